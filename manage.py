#!/usr/bin/env python
"""The developer's entry point: development settings unless told otherwise.

Production runs the `draagvlak` command and the WSGI/ASGI app, which start with DEBUG off and
insist on a secret key.
"""

import os

from draagvlak.cli import main

if __name__ == "__main__":
    os.environ.setdefault("DRAAGVLAK_DEBUG", "1")
    main()

#!/usr/bin/env python
from draagvlak.cli import main

if __name__ == "__main__":
    main()

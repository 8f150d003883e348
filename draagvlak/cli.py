"""The `draagvlak` console command: Django's management commands under the product's name.

`draagvlak demo`, `draagvlak createuser`, `draagvlak migrate`, `draagvlak runserver` …
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "draagvlak.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["draagvlak", *(argv if argv is not None else sys.argv[1:])])


if __name__ == "__main__":
    main()

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from planning.directory import HELPERS_FILE, shipped_helpers
from planning.services import helpers_load


class Command(BaseCommand):
    help = (
        "Refresh the shipped directory of organisations that help from planning/data/"
        "helpers.json: entries are matched on their key, so running it twice changes nothing. "
        "Entries that organisations added themselves are left alone."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file", type=Path, default=HELPERS_FILE, help="Another JSON file of the same shape."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = helpers_load(entries=shipped_helpers(options["file"]))
        self.stdout.write(
            f"{result.created} added, {result.updated} updated, {result.removed} removed."
        )

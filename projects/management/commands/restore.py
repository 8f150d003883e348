from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from projects.backup import backup_read, backup_restore


class Command(BaseCommand):
    help = (
        "Recreate a project from a backup file. If the project still exists, the restore is "
        "refused unless --replace is given."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="A file written by `draagvlak backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite the project if it still exists (its current data is lost).",
        )

    def handle(self, *args, file: Path, replace: bool, **options) -> None:
        if not file.exists():
            raise CommandError(f"{file} does not exist.")
        try:
            project = backup_restore(backup_read(file), replace=replace)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f'Project "{project.title}" restored as project {project.pk}.')

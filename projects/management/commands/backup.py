from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from projects.backup import backup_write
from projects.models import Project


class Command(BaseCommand):
    help = "Write one project, with its register, history and bin, to one backup file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("project", type=int, help="The project's number (id).")
        parser.add_argument("file", type=Path, help="Where to write the backup (.json.gz).")

    def handle(self, *args, project: int, file: Path, **options) -> None:
        found = Project.objects.filter(pk=project).first()
        if found is None:
            raise CommandError(f"There is no project {project}.")
        backup_write(found, file)
        self.stdout.write(f'Backup of "{found.title}" written to {file}.')

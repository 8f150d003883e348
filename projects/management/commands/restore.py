from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from projects.backup import backup_read, backup_restore


class Command(BaseCommand):
    help = (
        "Recreate a project from a backup file. If the project still exists, the restore is "
        "refused unless --replace is given. Members are matched by user name; if none of the "
        "backup's owners has an account here, --owner (by default the longest-standing "
        "superuser) becomes the owner, and who is missing is reported."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="A file written by `draagvlak backup`.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite the project if it still exists (its current data is lost).",
        )
        parser.add_argument(
            "--owner",
            metavar="USER",
            help="User name of who restores: the owner if none of the backup's owners is here.",
        )

    def handle(self, *args, file: Path, replace: bool, owner: str | None, **options) -> None:
        if not file.exists():
            raise CommandError(f"{file} does not exist.")
        user = None
        if owner:
            user = get_user_model().objects.filter(username=owner).first()
            if user is None:
                raise CommandError(f"There is no user {owner}.")
        try:
            restored = backup_restore(backup_read(file), replace=replace, owner=user)
        except ValidationError as error:
            hint = (
                " Name one with --owner USER." if getattr(error, "code", None) == "no_owner" else ""
            )
            raise CommandError(" ".join(error.messages) + hint) from error
        project = restored.project
        self.stdout.write(f'Project "{project.title}" restored as project {project.pk}.')
        if restored.owner_added:
            self.stdout.write(
                f"{restored.owner_added} is its owner: none of the backup's owners has an "
                "account here."
            )
        if restored.missing_members:
            names = ", ".join(f"{name} ({role})" for name, role in restored.missing_members)
            self.stdout.write(f"Members without an account here, left out: {names}.")
        if restored.missing_users:
            names = ", ".join(restored.missing_users)
            self.stdout.write(
                f"Also named in the project without an account here (shown as nobody): {names}."
            )

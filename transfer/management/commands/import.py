from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from projects.models import Project
from transfer import services
from transfer.importer import ImportRefused
from transfer.models import ImportBatch
from transfer.outcome import Outcome
from transfer.reading import UnreadableFile


class Command(BaseCommand):
    help = (
        "Import parties (or, with --relations, relations in the From/To layout) from an .xlsx "
        "or .csv file into a project. Prints what would change and every problem; writes "
        "nothing when there are problems (exit code 1) or with --dry-run."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("project", type=int, help="The project's id.")
        parser.add_argument("file", type=Path, help="The .xlsx or .csv file.")
        parser.add_argument("--dry-run", action="store_true", help="Only show what would change.")
        parser.add_argument("--relations", action="store_true", help="The file holds relations.")
        parser.add_argument("--user", help="User name to record in the history as the importer.")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=["nl", "en"],
            help="Language of the messages (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        project = Project.objects.filter(pk=options["project"]).first()
        if project is None:
            raise CommandError(f"There is no project with id {options['project']}.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"There is no user {options['user']}.")
        try:
            content = options["file"].read_bytes()
        except OSError as error:
            raise CommandError(f"The file cannot be read: {error}") from error
        kind = ImportBatch.Kind.RELATIONS if options["relations"] else ImportBatch.Kind.PARTIES
        with translation.override(options["language"]):
            self._run(project, kind, content, user, dry_run=options["dry_run"])

    def _run(self, project: Project, kind: str, content: bytes, user, *, dry_run: bool) -> None:
        try:
            if dry_run:
                outcome = services.import_preview(
                    project=project, kind=kind, content=content, user=user
                )
            else:
                outcome = services.import_apply(
                    project=project, kind=kind, content=content, user=user
                )
        except UnreadableFile as refused:
            raise CommandError(refused.message) from refused
        except ImportRefused as refused:
            outcome = refused.outcome
        self._report(outcome)
        if not outcome.ok:
            raise CommandError(
                f"{len(outcome.errors)} problem(s) in the file; nothing was imported."
            )
        if dry_run:
            self.stdout.write("Dry run: nothing was imported.")
        else:
            self.stdout.write(self.style.SUCCESS("Imported."))

    def _report(self, outcome: Outcome) -> None:
        self.stdout.write(
            f"new: {outcome.created}  updated: {outcome.updated}  "
            f"unchanged: {outcome.unchanged}  problems: {len(outcome.errors)}"
        )
        for warning in outcome.warnings:
            self.stdout.write(f"note: {warning}")
        for error in outcome.errors:
            self.stdout.write(self.style.ERROR(str(error)))

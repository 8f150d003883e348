from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from projects.models import Project
from transfer import export, selectors


class Command(BaseCommand):
    help = (
        "Export a project's party register (profile, segments, latest assessment, contact "
        "persons) to .xlsx or .csv, named like the download unless --output is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("project", type=int, help="The project's id.")
        parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
        parser.add_argument("--output", type=Path, help="The file to write.")
        parser.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=["nl", "en"],
            help="Language of the headers and values (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        project = Project.objects.filter(pk=options["project"]).first()
        if project is None:
            raise CommandError(f"There is no project with id {options['project']}.")
        extension, language = options["format"], options["language"]
        with translation.override(language):
            rows = selectors.register_rows(project=project)
            write = export.register_csv if extension == "csv" else export.register_xlsx
            content = write(rows, language)
            output = options["output"] or Path(export.download_name(project, extension, language))
        try:
            output.write_bytes(content)
        except OSError as error:
            raise CommandError(f"The file cannot be written: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"{len(rows)} parties written to {output}."))

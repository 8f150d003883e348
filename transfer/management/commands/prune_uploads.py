from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from transfer import services


class Command(BaseCommand):
    help = (
        "Remove uploaded import files older than a day (run daily by the scheduler): an upload "
        "not confirmed by then holds people's details for no purpose."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        removed = services.uploads_prune()
        self.stdout.write(f"{removed} upload(s) removed.")

from __future__ import annotations

from django.core.management.base import BaseCommand

from parties.privacy import retention_apply
from projects.models import Project


class Command(BaseCommand):
    help = (
        "Anonymise the contact persons of parties no longer involved for longer than their "
        "project's retention period. Meant to run daily from a scheduler (cron, systemd timer)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count, change nothing.")

    def handle(self, *args, dry_run: bool, **options) -> None:
        total = 0
        for project in Project.objects.filter(retention_months__isnull=False):
            count = retention_apply(project=project, dry_run=dry_run)
            if count:
                self.stdout.write(f"{project.title}: {count} contact person(s)")
            total += count
        verb = "would be anonymised" if dry_run else "anonymised"
        self.stdout.write(f"{total} contact person(s) {verb}.")

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parties.privacy import retention_apply
from projects.models import Project


class Command(BaseCommand):
    help = (
        "Anonymise the contact persons with no activity (added, changed, met, their party changed "
        "or met) for longer than their project's retention period; a person whose party has an "
        "open commitment is kept. Meant to run daily from a scheduler (cron, systemd timer)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List who would be anonymised, with their last activity; change nothing.",
        )

    def handle(self, *args, dry_run: bool, **options) -> None:
        total = 0
        for project in Project.objects.filter(retention_months__isnull=False).order_by("pk"):
            candidates = retention_apply(project=project, dry_run=dry_run)
            if not candidates:
                continue
            self.stdout.write(f"{project.title} (#{project.pk}):")
            for candidate in candidates:
                contact = candidate.contact
                # The person's number, not only their name: names repeat, and the name is gone
                # after the run.
                self.stdout.write(
                    "  "
                    + _("%(name)s (#%(number)s, %(party)s): last activity %(date)s, %(what)s")
                    % {
                        "name": contact.name,
                        "number": contact.pk,
                        "party": contact.party.name,
                        "date": candidate.last_active_on.isoformat(),
                        "what": candidate.last_activity,
                    }
                )
            total += len(candidates)
        if dry_run:
            summary = ngettext(
                "%(count)d contact person would be anonymised.",
                "%(count)d contact persons would be anonymised.",
                total,
            )
        else:
            summary = ngettext(
                "%(count)d contact person anonymised.",
                "%(count)d contact persons anonymised.",
                total,
            )
        self.stdout.write(summary % {"count": total})

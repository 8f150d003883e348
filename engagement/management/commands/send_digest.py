from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone

from engagement.digest import digest_send


class Command(BaseCommand):
    help = (
        "E-mail every user who has the daily e-mail switched on (Settings) a short digest of "
        "their overdue and upcoming follow-ups and commitments, in their own language. Users "
        "with nothing due get no e-mail. Meant to run once a day from a scheduler (cron, "
        "systemd timer)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--base-url",
            default="",
            help="The address of the site, e.g. https://draagvlak.example.org, for links.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count, send nothing.")

    def handle(self, *args: Any, base_url: str, dry_run: bool, **options: Any) -> None:
        today = timezone.localdate()
        users = (
            get_user_model()
            .objects.filter(is_active=True, digest_enabled=True)
            .exclude(email="")
            .order_by("pk")
        )
        sent = 0
        for user in users.iterator():
            if digest_send(
                user=user, today=today, base_url=base_url.rstrip("/"), dry_run=dry_run
            ):
                sent += 1
        verb = "would be sent" if dry_run else "sent"
        self.stdout.write(f"{sent} digest(s) {verb}.")

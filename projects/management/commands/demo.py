from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from projects.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_load


class Command(BaseCommand):
    help = (
        "Load the demo workspace: a fictional Flemish town working on oral health for "
        "families in poverty, with parties, contacts, two rounds of assessments and a demo "
        "login. Does nothing when the demo project is already present."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        project, created = demo_load()
        if created:
            self.stdout.write(self.style.SUCCESS(f'Demo workspace loaded: "{project.title}".'))
        else:
            self.stdout.write(f'Demo workspace already present: "{project.title}".')
        self.stdout.write(
            f'Sign in at http://127.0.0.1:8000 with user name "{DEMO_USERNAME}" '
            f'and password "{DEMO_PASSWORD}".'
        )

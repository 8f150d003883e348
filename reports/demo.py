"""Two reports already issued in the demo project, and a quarterly rhythm, so the reports page
and the to-do list show what a running project looks like."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone, translation

from projects.models import Project
from reports import services

# Days ago that each demo report's period ended: a quarter apart, the last one a month ago.
REPORT_ENDS_DAYS_AGO = (120, 30)


def reports_demo(project: Project, users: list) -> None:
    today = timezone.localdate()
    owner = users[0][0]
    services.report_settings_update(project=project, rhythm_months=3, user=owner)
    start = project.start_date
    # The demo speaks Dutch, as the council it reports to does.
    with translation.override("nl"):
        for audience, days_ago in zip(("board", "council"), REPORT_ENDS_DAYS_AGO, strict=True):
            end = today - timedelta(days=days_ago)
            services.report_issue(
                project=project, audience=audience, period_end=end,
                period_start=start if start and start <= end else None,
                user=owner,
            )
            start = end

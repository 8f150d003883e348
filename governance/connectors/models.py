"""The last fetch from each council-data source, per project: its state for the page, and what
it found that waits for the user (motions and documents to adopt, people to take over)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Project


class CouncilFetch(models.Model):
    class Source(models.TextChoices):
        OPENBESLUITVORMING = "openbesluitvorming", "OpenBesluitvorming"
        LBLOD = "lblod", "LBLOD (Centrale Vindplaats)"

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("fetching")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="council_fetches")
    source = models.CharField(max_length=30, choices=Source.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    # Translated when written, in the language of the member who asked.
    message = models.TextField(blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    query = models.CharField(max_length=200, blank=True)
    meetings_added = models.PositiveIntegerField(default=0)
    meetings_moved = models.PositiveIntegerField(default=0)
    # The motions and documents, or the people, of the last successful fetch (records.to_json).
    items = models.JSONField(default=list, blank=True)
    people = models.JSONField(default=list, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When the items and people were last replaced by a successful fetch.
    fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("council data fetch")
        verbose_name_plural = _("council data fetches")
        constraints = [
            models.UniqueConstraint(fields=["project", "source"], name="council_fetch_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} – {self.project}"

    @property
    def busy(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)

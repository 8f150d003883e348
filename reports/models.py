"""Reports to the board or the council: each one issued is kept as it was sent, with its data
and its files, so the council's history of reports stays and downloads again unchanged."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parties.models import Binnable
from projects.models import Project


class Audience(models.TextChoices):
    BOARD = "board", _("the board")
    COUNCIL = "council", _("the council")


class BoardReport(Binnable):
    """A progress report as issued: never edited, only moved to the bin (and back)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="board_reports")
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(
        _("for"), max_length=10, choices=Audience.choices, default=Audience.BOARD
    )
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period until"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now, db_index=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("issued by"),
    )
    language = models.CharField(_("language"), max_length=8, default="nl")
    # The figures as they stood when the report was issued, and the files sent.
    data = models.JSONField(default=dict)
    pdf = models.BinaryField()
    docx = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("board report")
        verbose_name_plural = _("board reports")
        indexes = [models.Index(fields=["project", "deleted_at", "-issued_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_end__gte=models.F("period_start")),
                name="board_report_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ReportSettings(models.Model):
    """How often the project reports to the board; the to-do list reminds when one is due."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="report_settings"
    )
    rhythm_months = models.PositiveSmallIntegerField(
        _("report to the board every (months)"),
        default=0,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
        help_text=_("0: no reminders. 3 is every quarter."),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")

    def __str__(self) -> str:
        return str(self.project)

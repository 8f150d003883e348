"""Local figures: indicators of the place, its districts, its region and the country, as the
statistics portals publish them, each with its source and licence.

The models live in the evidence app (imported at the end of `evidence.models`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from parties.models import Binnable
from projects.models import Project, TargetSegment


class RegionLevel(models.TextChoices):
    NEIGHBOURHOOD = "neighbourhood", _("neighbourhood")
    DISTRICT = "district", _("district")
    MUNICIPALITY = "municipality", _("municipality")
    REGION = "region", _("region")
    COUNTRY = "country", _("country")


class Indicator(Binnable):
    """What is measured, e.g. “adults with overweight”, in one unit, from one source."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    source = models.CharField(
        _("source"), max_length=300, blank=True,
        help_text=_("Who published the figures, e.g. CBS StatLine table 85012NED."),
    )
    licence = models.CharField(
        _("licence and attribution"), max_length=300, blank=True,
        help_text=_("How the source asks to be cited, e.g. “CC BY 4.0, CBS”."),
    )
    # None: neither direction is better (e.g. the share of people over 65).
    higher_is_better = models.BooleanField(_("higher is better"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        indexes = [models.Index(fields=["project", "deleted_at"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name


class Figure(Binnable):
    """One value of an indicator for one region and period, with its confidence bounds where
    the source gives them."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="figures")
    region_code = models.CharField(_("region code"), max_length=20, blank=True)
    region_name = models.CharField(_("region"), max_length=200)
    region_level = models.CharField(
        _("level"), max_length=20, choices=RegionLevel.choices, default=RegionLevel.MUNICIPALITY
    )
    period = models.CharField(_("period"), max_length=30)
    # The first day of the period, so that periods sort and chart in time order.
    period_start = models.DateField(_("period start"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=6)
    lower = models.DecimalField(
        _("lower bound"), max_digits=18, decimal_places=6, null=True, blank=True
    )
    upper = models.DecimalField(
        _("upper bound"), max_digits=18, decimal_places=6, null=True, blank=True
    )
    batch = models.ForeignKey(
        "evidence.FigureImport", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="figures", editable=False,
    )

    class Meta:
        ordering = ["indicator", "period_start", "region_level", "region_name", "id"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        indexes = [
            models.Index(fields=["indicator", "deleted_at", "period_start"]),
            models.Index(fields=["region_code"]),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name}, {self.region_name}, {self.period}"

    @property
    def has_bounds(self) -> bool:
        return self.lower is not None and self.upper is not None


class FigureImport(models.Model):
    """An uploaded table between its preview and the user's confirmation, like the register's
    import: the file is kept so that confirming reads what was previewed, and dropped once
    applied."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="figure_imports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField()
    source = models.CharField(_("source"), max_length=300, blank=True)
    licence = models.CharField(_("licence and attribution"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    figures_added = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("figure import")
        verbose_name_plural = _("figure imports")

    def __str__(self) -> str:
        return self.filename


class SegmentDistrict(models.Model):
    """Where a target segment lives: a district or neighbourhood by its official code, so the
    district's health profile can name the segments found there."""

    segment = models.ForeignKey(
        TargetSegment, on_delete=models.CASCADE, related_name="districts"
    )
    region_code = models.CharField(_("region code"), max_length=20)

    class Meta:
        ordering = ["region_code"]
        verbose_name = _("district of a segment")
        verbose_name_plural = _("districts of segments")
        constraints = [
            models.UniqueConstraint(
                fields=["segment", "region_code"], name="segment_district_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.segment} – {self.region_code}"


class CbsRun(models.Model):
    """One fetch of a CBS StatLine table for the project's regions, asked for on the figures'
    CBS page and run by the worker; the page follows its state and shows its result.

    Runs are not in the project's backup: they are a log of requests to an outside service,
    and what they brought in is kept as the indicators and figures (with their source), which
    are. Restoring a run would only show a fetch that this server never made."""

    class State(models.TextChoices):
        QUEUED = "queued", _("waiting for the worker")
        RUNNING = "running", _("fetching")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="cbs_runs")
    table_id = models.CharField(_("CBS table"), max_length=20)
    region_codes = models.JSONField(_("region codes"), default=list)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    # Translated when written, in the language of the member who asked.
    message = models.TextField(blank=True)
    indicators_added = models.PositiveIntegerField(default=0)
    figures_added = models.PositiveIntegerField(default=0)
    batch = models.ForeignKey(
        FigureImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("CBS fetch")
        verbose_name_plural = _("CBS fetches")

    def __str__(self) -> str:
        return f"CBS {self.table_id} – {self.project}"

    @property
    def busy(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)

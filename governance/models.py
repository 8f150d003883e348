"""The people who decide and the moments they decide: board profiles, the decision calendar and
each member's private calendar feed."""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from parties.models import Binnable, BinQuerySet, Party
from projects.models import Project

# Reminders of a paper deadline start this many weeks before it, unless the project chose its own.
DEFAULT_REMINDER_WEEKS = 6


class PolicyArea(models.TextChoices):
    HEALTH = "health", _("public health")
    CARE = "care", _("care and welfare")
    YOUTH = "youth", _("youth")
    EDUCATION = "education", _("education")
    SPORT = "sport", _("sport")
    POVERTY = "poverty", _("poverty and income")
    HOUSING = "housing", _("housing")
    SPATIAL = "spatial", _("spatial planning and mobility")
    ENVIRONMENT = "environment", _("environment and climate")
    ECONOMY = "economy", _("economy and work")
    FINANCE = "finance", _("finance")
    SAFETY = "safety", _("safety")
    CULTURE = "culture", _("culture")


class InformedBy(models.TextChoices):
    NOTE = "note", _("a short note")
    PRESENTATION = "presentation", _("a presentation")
    CONVERSATION = "conversation", _("a conversation")
    WALK = "walk", _("a walk in the neighbourhood")
    FIGURES = "figures", _("figures and maps")
    STORIES = "stories", _("stories of residents")


class BoardProfile(Binnable):
    """What a board member (or a board, a committee) needs known about them to be won over."""

    party = models.OneToOneField(
        Party, on_delete=models.CASCADE, related_name="board_profile", verbose_name=_("party")
    )
    portfolios = models.TextField(
        _("portfolios"), blank=True, help_text=_("The portfolios as the board names them.")
    )
    policy_areas = models.JSONField(_("policy areas"), default=list, blank=True)
    political_group = models.CharField(_("political party or group"), max_length=200, blank=True)
    term_start = models.DateField(_("term from"), null=True, blank=True)
    term_end = models.DateField(_("term until"), null=True, blank=True)
    drivers = models.TextField(
        _("what drives them"), blank=True,
        help_text=_("What they stand for and where they want to score."),
    )
    informed_by = models.JSONField(_("likes to be informed by"), default=list, blank=True)
    informing_note = models.TextField(_("how to inform them"), blank=True)
    arguments_worked = models.TextField(_("arguments that worked"), blank=True)
    arguments_failed = models.TextField(_("arguments that did not work"), blank=True)
    last_briefed_on = models.DateField(_("last briefed on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("board profile")
        verbose_name_plural = _("board profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True)
                | models.Q(term_start__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="board_profile_term_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return str(_("Board profile of %(name)s")) % {"name": self.party.name}

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.term_start and self.term_end and self.term_end < self.term_start:
            errors["term_end"] = _("The term ends before it starts.")
        for field, choices in (("policy_areas", PolicyArea), ("informed_by", InformedBy)):
            values = getattr(self, field)
            if not isinstance(values, list) or any(v not in choices.values for v in values):
                errors[field] = _("Choose from the list.")
        if errors:
            raise ValidationError(errors)

    @property
    def policy_area_labels(self) -> list[str]:
        return [str(PolicyArea(v).label) for v in self.policy_areas if v in PolicyArea.values]

    @property
    def informed_by_labels(self) -> list[str]:
        return [str(InformedBy(v).label) for v in self.informed_by if v in InformedBy.values]


class DecisionMomentQuerySet(BinQuerySet):
    def upcoming(self, today: date) -> DecisionMomentQuerySet:
        return self.filter(date__gte=today)

    def awaiting_outcome(self, today: date) -> DecisionMomentQuerySet:
        """Decided on paper (the date has passed) but no outcome recorded yet."""
        return self.filter(date__lt=today).exclude(status=DecisionMoment.Status.DECIDED)


class AliveDecisionMomentManager(models.Manager.from_queryset(DecisionMomentQuerySet)):
    def get_queryset(self) -> DecisionMomentQuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


class DecisionMoment(Binnable):
    """A meeting or a step of the budget cycle where a body decides, and what the project asks
    of it."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("council meeting")
        COMMITTEE = "committee", _("council committee")
        COLLEGE = "college", _("meeting of the executive board")
        ORGANISATION_BOARD = "organisation_board", _("board of an organisation")
        SPRING_MEMO = "spring_memo", _("spring memorandum (voorjaarsnota / kadernota)")
        BUDGET = "budget", _("budget (begroting)")
        ANNUAL_ACCOUNTS = "annual_accounts", _("annual accounts (jaarrekening)")
        MULTI_YEAR_PLAN = "multi_year_plan", _("multi-year plan (meerjarenplan)")
        PLAN_ADJUSTMENT = "plan_adjustment", _(
            "adjustment of the multi-year plan (aanpassing meerjarenplan)"
        )
        OTHER = "other", _("other decision")

    BUDGET_CYCLE = (
        Kind.SPRING_MEMO, Kind.BUDGET, Kind.ANNUAL_ACCOUNTS, Kind.MULTI_YEAR_PLAN,
        Kind.PLAN_ADJUSTMENT,
    )

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        SUBMITTED = "submitted", _("papers submitted")
        ON_AGENDA = "on_agenda", _("on the agenda")
        DECIDED = "decided", _("decided")

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("adopted")
        REJECTED = "rejected", _("rejected")
        POSTPONED = "postponed", _("postponed")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="decision_moments"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.COUNCIL)
    title = models.CharField(
        _("title"), max_length=200, blank=True,
        help_text=_("Leave empty to use the kind, e.g. “Council meeting”."),
    )
    date = models.DateField(_("date"))
    body = models.ForeignKey(
        Party, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="decision_moments", verbose_name=_("deciding body"),
    )
    papers_due = models.DateField(
        _("papers due"), null=True, blank=True,
        help_text=_("The day by which papers must be in to reach the agenda."),
    )
    ask = models.TextField(_("what the project asks"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, blank=True
    )
    outcome_note = models.TextField(_("about the outcome"), blank=True)
    # The UID of the calendar item it was imported from; importing the same file again finds it.
    source_uid = models.CharField(max_length=255, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AliveDecisionMomentManager()
    everything = DecisionMomentQuerySet.as_manager()

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("decision moment")
        verbose_name_plural = _("decision moments")
        indexes = [models.Index(fields=["project", "deleted_at", "date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "source_uid"],
                condition=~models.Q(source_uid=""),
                name="decision_moment_source_uid_once",
            ),
            models.CheckConstraint(
                condition=models.Q(papers_due__isnull=True)
                | models.Q(papers_due__lte=models.F("date")),
                name="decision_moment_papers_before_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {date_format(self.date, 'SHORT_DATE_FORMAT')}"

    @property
    def name(self) -> str:
        return self.title or str(self.get_kind_display())

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.date and self.papers_due and self.papers_due > self.date:
            errors["papers_due"] = _("The papers are due after the decision itself.")
        if self.outcome and self.status != self.Status.DECIDED:
            errors["outcome"] = _("An outcome belongs to a decision that was taken.")
        if self.status == self.Status.DECIDED and not self.outcome:
            errors["outcome"] = _("Say how it was decided.")
        if errors:
            raise ValidationError(errors)

    def days_to_papers(self, today: date) -> int | None:
        return None if self.papers_due is None else (self.papers_due - today).days

    def reminder_from(self, weeks: int) -> date | None:
        return None if self.papers_due is None else self.papers_due - timedelta(weeks=weeks)


class GovernanceSettings(models.Model):
    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="governance_settings"
    )
    reminder_weeks = models.PositiveSmallIntegerField(
        _("remind me of paper deadlines (weeks before)"),
        default=DEFAULT_REMINDER_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(26)],
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("decision calendar settings")
        verbose_name_plural = _("decision calendar settings")

    def __str__(self) -> str:
        return str(self.project)


def _feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """One member's secret address for the project's calendar. Revoking deletes it, so the old
    address answers 404; renewing gives a new secret."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="calendar_feeds")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token = models.CharField(max_length=64, unique=True, default=_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="calendar_feed_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.project}"


# The council-data connectors keep their model beside their code; imported here so the app has it.
from governance.connectors.models import CouncilFetch  # noqa: E402, F401

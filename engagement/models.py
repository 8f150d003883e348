"""Winning parties over and keeping them on board: what was said to whom, what they promised,
and the periodic review of where each party stands."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from parties.models import Assessment, Binnable, BinQuerySet, ContactPerson, Party
from projects.models import Project

# A commitment that ends within this many days is "due" on the commitments page.
DUE_SOON_DAYS = 14
# The to-do page looks this far ahead; overdue items always show.
TODO_DAYS = 30
# The daily digest mentions what is overdue or due within this many days.
DIGEST_DAYS = 7
# A review is proposed when the last one finished longer ago than this, unless the project
# chose its own interval (ReviewSettings).
DEFAULT_REVIEW_INTERVAL_MONTHS = 6


class ContactMoment(Binnable):
    """One contact with one or more parties: a conversation, a meeting, a presentation."""

    class Kind(models.TextChoices):
        ONE_TO_ONE = "one_to_one", _("one-to-one conversation")
        MEETING = "meeting", _("meeting")
        WORKING_GROUP = "working_group", _("working group")
        PRESENTATION = "presentation", _("presentation to the board or council")
        EMAIL = "email", _("e-mail")
        PHONE = "phone", _("phone call")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="contact_moments"
    )
    parties = models.ManyToManyField(
        Party, related_name="contact_moments", verbose_name=_("parties")
    )
    contact_persons = models.ManyToManyField(
        ContactPerson,
        related_name="contact_moments",
        blank=True,
        verbose_name=_("contact persons"),
    )
    kind = models.CharField(
        _("kind of contact"), max_length=20, choices=Kind.choices, default=Kind.ONE_TO_ONE
    )
    date = models.DateField(_("date"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="contact_moments",
        blank=True,
        verbose_name=_("members who took part"),
    )
    discussed = models.TextField(_("what was discussed"))
    arguments_for = models.TextField(
        _("arguments for joining"), blank=True,
        help_text=_("What makes the party want to take part."),
    )
    arguments_against = models.TextField(
        _("arguments against"), blank=True,
        help_text=_("Doubts, objections and what holds the party back."),
    )
    win_win = models.TextField(
        _("win-win"), blank=True, help_text=_("What both sides gain by working together.")
    )
    agreed = models.TextField(_("what was agreed"), blank=True)
    follow_up_on = models.DateField(
        _("follow up on"), null=True, blank=True,
        help_text=_("The date to get back to the party; it appears on the to-do list."),
    )
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logged by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")
        indexes = [
            # the timeline: one project's moments not in the bin, newest first
            models.Index(fields=["project", "deleted_at", "-date", "-id"]),
            # the to-do list, the digest and the dashboard: open follow-ups by date. Partial,
            # so it holds only the few open ones, however long the history.
            models.Index(
                fields=["project", "deleted_at", "follow_up_on"],
                name="moment_open_follow_ups",
                condition=models.Q(follow_up_done=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {date_format(self.date, 'SHORT_DATE_FORMAT')}"

    def clean(self) -> None:
        if self.date and self.follow_up_on and self.follow_up_on < self.date:
            raise ValidationError(
                {"follow_up_on": _("The follow-up date lies before the contact.")}
            )

    @property
    def party_names(self) -> str:
        return ", ".join(party.name for party in self.parties.all())

    @property
    def follow_up_open(self) -> bool:
        return self.follow_up_on is not None and not self.follow_up_done

    @property
    def follow_up_overdue(self) -> bool:
        return self.follow_up_open and self.follow_up_on < timezone.localdate()


class CommitmentQuerySet(BinQuerySet):
    def open(self) -> CommitmentQuerySet:
        return self.filter(status__in=Commitment.OPEN)

    def overdue(self, today) -> CommitmentQuerySet:
        return self.open().filter(ends_on__lt=today)


class AliveCommitmentManager(models.Manager.from_queryset(CommitmentQuerySet)):
    def get_queryset(self) -> CommitmentQuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


class Commitment(Binnable):
    """A concrete, time-bound commitment of a party: asked for first, then promised, then
    delivered (or lapsed)."""

    class Status(models.TextChoices):
        ASKED = "asked", _("asked")
        PROMISED = "promised", _("promised")
        DELIVERED = "delivered", _("delivered")
        LAPSED = "lapsed", _("lapsed")

    OPEN = (Status.ASKED, Status.PROMISED)

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="commitments")
    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("party")
    )
    what = models.CharField(
        _("what"), max_length=300, help_text=_("Concrete and temporary: what, for whom, how much.")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ASKED
    )
    contact_moment = models.ForeignKey(
        ContactMoment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("made during"),
    )
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AliveCommitmentManager()
    everything = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["ends_on", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        indexes = [models.Index(fields=["project", "deleted_at", "status", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="commitment_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.what

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date lies before the start date.")})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def is_overdue(self, today=None) -> bool:
        return self.is_open and self.ends_on < (today or timezone.localdate())


class ReviewSettings(models.Model):
    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="review_settings"
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review support every (months)"),
        default=DEFAULT_REVIEW_INTERVAL_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("After this many months the dashboard proposes a new review round."),
    )
    version = models.PositiveIntegerField(default=1)  # optimistic locking, as in the register

    class Meta:
        verbose_name = _("review settings")
        verbose_name_plural = _("review settings")

    def __str__(self) -> str:
        return str(self.project)


class Review(models.Model):
    """A round along the parties that matter most, asking of each whether it still stands
    where it stood. The order is fixed when the round starts."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reviews")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    paused = models.BooleanField(_("paused"), default=False)
    # The parties to walk through, in order (ids); the next one is the first without a step.
    party_order = models.JSONField(default=list)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("support review")
        verbose_name_plural = _("support reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=models.Q(finished_at__isnull=True),
                name="review_one_open_per_project",
            )
        ]

    def __str__(self) -> str:
        return str(_("Support review of %(date)s")) % {
            "date": date_format(timezone.localtime(self.started_at), "DATE_FORMAT")
        }

    @property
    def is_open(self) -> bool:
        return self.finished_at is None


class ReviewStep(models.Model):
    class Outcome(models.TextChoices):
        ASSESSED = "assessed", _("new assessment")
        UNCHANGED = "unchanged", _("unchanged")
        SKIPPED = "skipped", _("skipped")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="steps")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="review_steps")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    assessment = models.ForeignKey(
        Assessment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        constraints = [
            models.UniqueConstraint(fields=["review", "party"], name="review_step_once_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.party} – {self.get_outcome_display()}"

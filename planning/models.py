"""The shared plan, the target group's participation, successes, the step plan's ticks and the
directory of organisations that help."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from parties.models import Binnable, Party
from projects.models import Organisation, Project, TargetSegment


class Phase(models.TextChoices):
    """The method's steps; the step plan (planning.steps) uses the same keys."""

    CORE_GROUP = "core_group", _("forming the core group")
    VISION = "vision", _("shared vision")
    CONVINCE = "convince", _("convincing management and local government")
    TARGET_GROUP = "target_group", _("involving the target group")
    PARTIES = "parties", _("mapping the parties")
    FORCE_FIELD = "force_field", _("force field")
    PLAN = "plan", _("carrying out the plan")
    REVIEW = "review", _("review")


def _dates_in_order(start: str, end: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{start}__isnull": True})
        | Q(**{f"{end}__isnull": True})
        | Q(**{f"{end}__gte": F(start)}),
        name=name,
    )


class PlanAction(Binnable):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="plan_actions")
    title = models.CharField(_("action"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices,
                             default=Phase.PLAN)
    party = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("carried by party"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("carried by project member"),
    )
    role = models.CharField(_("their role"), max_length=200, blank=True)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = [F("starts_on").asc(nulls_last=True), "title", "id"]
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        indexes = [models.Index(fields=["project", "deleted_at"])]
        constraints = [_dates_in_order("starts_on", "ends_on", "plan_action_dates_in_order")]

    def __str__(self) -> str:
        return self.title

    @property
    def live_party(self) -> Party | None:
        """The party that carries the action, unless that party is in the bin."""
        if self.party_id is None or self.party.deleted_at is not None:
            return None
        return self.party


class Precondition(Binnable):
    """What an action needs to go ahead: hours, money or something else, and from whom."""

    class Kind(models.TextChoices):
        HOURS = "hours", _("hours")
        MONEY = "money", _("money (euro)")
        OTHER = "other", _("other")

    action = models.ForeignKey(
        PlanAction, on_delete=models.CASCADE, related_name="preconditions",
        verbose_name=_("action"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.HOURS)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    description = models.CharField(_("what exactly"), max_length=200, blank=True)
    from_party = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from party"),
    )
    from_text = models.CharField(
        _("from (other)"), max_length=200, blank=True,
        help_text=_("Who provides it, when it is not a party of the project."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("precondition")
        verbose_name_plural = _("preconditions")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="precondition_amount_not_negative",
            )
        ]

    def __str__(self) -> str:
        amount = "" if self.amount is None else f" {self.amount.normalize():f}"
        return f"{self.action}: {self.get_kind_display()}{amount}"

    @property
    def source(self) -> str:
        if self.from_party is not None and self.from_party.deleted_at is None:
            return self.from_party.name
        return self.from_text


class Contribution(Binnable):
    """What a party brings to the plan and what it gets out of it: the win-win."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="contributions")
    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("party")
    )
    contributes = models.TextField(_("contributes"), blank=True)
    gains = models.TextField(_("gains"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["party__name", "id"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return str(_("Contribution of %(party)s") % {"party": self.party})


class ParticipationActivity(Binnable):
    """A way people from the end target group took part, and what came of it."""

    class Kind(models.TextChoices):
        INTERVIEWS = "interviews", _("interviews (e.g. in a waiting room)")
        SOUNDING_BOARD = "sounding_board", _("sounding-board group")
        COACHES = "coaches", _("training people from the group as coaches")
        FOCUS_GROUP = "focus_group", _("focus group")
        SURVEY = "survey", _("survey")
        OTHER = "other", _("other")

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="participation_activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.INTERVIEWS)
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("until"), null=True, blank=True,
                               help_text=_("For an activity that ran over several days."))
    segment = models.ForeignKey(
        TargetSegment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participation_activities",
        verbose_name=_("target-group segment"),
    )
    people_reached = models.PositiveIntegerField(_("people reached"), default=0)
    expectations = models.TextField(
        _("what they expect of the project"), blank=True,
        help_text=_("In their own words where you can."),
    )
    follow_up = models.TextField(_("what was done with it"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("participation activity")
        verbose_name_plural = _("participation activities")
        constraints = [
            _dates_in_order("starts_on", "ends_on", "participation_dates_in_order"),
            models.CheckConstraint(
                condition=Q(people_reached__gte=0), name="participation_people_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Success(Binnable):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="successes")
    title = models.CharField(_("what was achieved"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    achieved_on = models.DateField(_("when"))
    parties = models.ManyToManyField(
        Party, related_name="successes", blank=True, verbose_name=_("parties")
    )
    evidence_text = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(_("link to the evidence"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-achieved_on", "-id"]
        verbose_name = _("success")
        verbose_name_plural = _("successes")

    def __str__(self) -> str:
        return self.title


class Audience(models.TextChoices):
    PARTNERS = "partners", _("partners")
    COUNCIL = "council", _("the council")


class SuccessMessage(Binnable):
    """A short message about one or more successes, as the user last edited it."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="success_messages"
    )
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(
        _("for"), max_length=10, choices=Audience.choices, default=Audience.PARTNERS
    )
    text = models.TextField(_("text"))
    successes = models.ManyToManyField(
        Success, related_name="messages", blank=True, verbose_name=_("successes")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("success message")
        verbose_name_plural = _("success messages")

    def __str__(self) -> str:
        return self.title


class StepTick(models.Model):
    """One item of the step plan, ticked (or once ticked) in a project. Unticking keeps the
    row and its evidence, so ticking again starts from what was written."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="step_ticks")
    item_key = models.CharField(max_length=60)
    ticked_on = models.DateField(_("ticked on"), null=True, blank=True)
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("ticked by"),
    )
    evidence_text = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(
        _("link to the evidence"), max_length=500, blank=True,
        help_text=_("For example a page of this project with the analysis or the contact."),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["item_key"]
        verbose_name = _("ticked step item")
        verbose_name_plural = _("ticked step items")
        constraints = [
            models.UniqueConstraint(fields=["project", "item_key"], name="step_tick_unique")
        ]

    def __str__(self) -> str:
        from planning.steps import ITEMS

        item = ITEMS.get(self.item_key)
        return str(item.text)[:200] if item else self.item_key

    @property
    def is_ticked(self) -> bool:
        return self.ticked_on is not None


class Region(models.TextChoices):
    FLANDERS = "flanders", _("Flanders")
    NETHERLANDS = "netherlands", _("the Netherlands")


# The region whose organisations help a project in a place of this country.
REGION_OF_COUNTRY = {"BE": Region.FLANDERS, "NL": Region.NETHERLANDS}


class HelperEntry(models.Model):
    """An organisation that supports local health policy. Shipped entries (no organisation)
    come from planning/data/helpers.json; an organisation of users may add its own."""

    key = models.SlugField(
        max_length=80, blank=True,
        help_text=_("Stable name of a shipped entry, used when the list is refreshed."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="helper_entries",
        verbose_name=_("added by organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    themes = models.JSONField(
        _("themes"), default=list, blank=True,
        help_text=_("Empty: helps with every theme."),
    )
    helps_with = models.TextField(_("what it helps with"))
    # Shipped entries carry an English text as well; an organisation's own entry has one text.
    helps_with_en = models.TextField(_("what it helps with (English)"), blank=True)
    website = models.URLField(_("website"), max_length=300, blank=True)
    contact = models.CharField(
        _("how to reach them"), max_length=300, blank=True,
        help_text=_("For example a regional office, an e-mail address or a phone number."),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["region", "name", "id"]
        verbose_name = _("helping organisation")
        verbose_name_plural = _("helping organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(organisation__isnull=True),
                name="helper_shipped_key_unique",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_shipped(self) -> bool:
        return self.organisation_id is None

    def helps_with_in(self, language: str) -> str:
        if language.startswith("en") and self.helps_with_en:
            return self.helps_with_en
        return self.helps_with

    @property
    def theme_labels(self) -> list[str]:
        labels = dict(Project.Theme.choices)
        return [str(labels.get(theme, theme)) for theme in self.themes]

    def fits_theme(self, theme: str) -> bool:
        return not self.themes or theme in self.themes


class HiddenHelper(models.Model):
    """A shipped entry that an organisation does not want to see."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="hidden_helpers"
    )
    helper = models.ForeignKey(HelperEntry, on_delete=models.CASCADE, related_name="hidden_by")
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hidden helping organisation")
        verbose_name_plural = _("hidden helping organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "helper"], name="hidden_helper_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.helper}"

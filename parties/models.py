from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from analysis.inputs import PARTY_FIELDS
from projects.models import Project, TargetSegment


class Layer(models.TextChoices):
    BOARD = "board", _("board")
    MANAGEMENT = "management", _("management")
    STAFF = "staff", _("staff who do the work")
    RESIDENTS = "residents", _("residents")


class Attitude(models.IntegerChoices):
    STRONG_OPPOSITION = -2, _("strong opposition")
    OPPOSITION = -1, _("opposition")
    NEUTRAL = 0, _("neutral or not mobilised")
    SUPPORT = 1, _("support")
    STRONG_SUPPORT = 2, _("strong support")


class Engagement(models.TextChoices):
    UNAWARE = "unaware", _("unaware")
    RESISTANT = "resistant", _("resistant")
    NEUTRAL = "neutral", _("neutral")
    SUPPORTIVE = "supportive", _("supportive")
    LEADING = "leading", _("leading")


class BinQuerySet(models.QuerySet):
    def in_bin(self) -> BinQuerySet:
        return self.filter(deleted_at__isnull=False)


class AliveManager(models.Manager.from_queryset(BinQuerySet)):
    """The default: objects in the bin are left out everywhere unless asked for."""

    def get_queryset(self) -> BinQuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


class RelationQuerySet(BinQuerySet):
    def current(self, today: date) -> RelationQuerySet:
        """Relations that have not ended before `today` (a relation ending today still counts)."""
        return self.filter(models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=today))


class AliveRelationManager(models.Manager.from_queryset(RelationQuerySet)):
    def get_queryset(self) -> RelationQuerySet:
        return super().get_queryset().filter(deleted_at__isnull=True)


class Binnable(models.Model):
    """Soft deletion and optimistic locking, shared by the register's objects."""

    version = models.PositiveIntegerField(default=1)
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AliveManager()
    everything = BinQuerySet.as_manager()

    class Meta:
        abstract = True


class Party(Binnable):
    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("organisation")
        DEPARTMENT = "department", _("department of own organisation")
        PERSON = "person", _("person")
        CITIZEN_GROUP = "citizen_group", _("citizen group")
        GOVERNING_BODY = "governing_body", _("governing body")

    class Sector(models.TextChoices):
        LOCAL_GOVERNMENT = "local_government", _("local government")
        HEALTH_CARE = "health_care", _("health care")
        WELFARE = "welfare", _("welfare and social services")
        EDUCATION = "education", _("education and childcare")
        PREVENTION = "prevention", _("health promotion and prevention")
        POLICE_JUSTICE = "police_justice", _("police and justice")
        HOUSING = "housing", _("housing")
        CIVIL_SOCIETY = "civil_society", _("civil society and volunteers")
        BUSINESS = "business", _("business")
        HEALTH_INSURANCE = "health_insurance", _("health insurers and mutualities")
        SPORT = "sport", _("sport and exercise")
        YOUTH_WORK = "youth_work", _("youth work")
        WORK_INCOME = "work_income", _("work and income")
        PUBLIC_SPACE = "public_space", _("public space and mobility")
        CULTURE_LEISURE = "culture_leisure", _("culture and leisure")
        RESEARCH = "research", _("knowledge and research")
        OTHER = "other", _("other")

    class ProjectRole(models.TextChoices):
        DECIDES = "decides", _("decides")
        SUPPLIES = "supplies", _("supplies people, money or expertise")
        CARRIES_OUT = "carries_out", _("carries out")
        BENEFITS = "benefits", _("uses or benefits")

    class Ring(models.TextChoices):
        CO_DECIDES = "co_decides", _("co-decides")
        TAKES_PART = "takes_part", _("takes part")
        THINKS_ALONG = "thinks_along", _("thinks along")
        INFORMED = "informed", _("is kept informed")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="parties")
    name = models.CharField(_("name"), max_length=200)
    # The register number of the organisation: a Dutch KvK number or a Flemish KBO enterprise
    # number. Two parties with the same code are the same organisation.
    official_code = models.CharField(
        _("official code"),
        max_length=40,
        blank=True,
        help_text=_("KvK number (Netherlands) or enterprise number (KBO, Flanders)."),
    )
    # `name` without case and accents (lib.collation.sort_key), kept by the services.
    sort_name = models.CharField(max_length=200, editable=False, default="")
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.ORGANISATION
    )
    is_internal = models.BooleanField(
        _("inside own organisation"),
        default=False,
        help_text=_("Part of the organisation that runs the project."),
    )
    layer = models.CharField(_("layer"), max_length=20, choices=Layer.choices, default=Layer.STAFF)
    sector = models.CharField(
        _("sector"), max_length=20, choices=Sector.choices, default=Sector.OTHER
    )
    role = models.CharField(
        _("role towards the project"),
        max_length=20,
        choices=ProjectRole.choices,
        default=ProjectRole.CARRIES_OUT,
    )
    ring = models.CharField(
        _("ring of involvement"), max_length=20, choices=Ring.choices, default=Ring.INFORMED
    )
    goals = models.TextField(_("goals"), blank=True)
    interests = models.TextField(_("interests"), blank=True)
    activities = models.TextField(_("activities"), blank=True)
    position = models.TextField(
        _("position"),
        blank=True,
        help_text=_("Its place in the local landscape and how it looks at the theme."),
    )
    working_methods = models.TextField(_("working methods"), blank=True)
    health_contribution = models.TextField(_("current contribution to health"), blank=True)
    theme_expertise = models.TextField(_("expertise in the theme"), blank=True)
    works_with_vulnerable_groups = models.BooleanField(
        _("works with socially vulnerable groups"), default=False
    )
    speaks_for_target_group = models.BooleanField(
        _("speaks for the target group"),
        default=False,
        help_text=_(
            "A residents' group, a sounding-board group or people from the target group "
            "themselves."
        ),
    )
    segments = models.ManyToManyField(
        TargetSegment,
        related_name="parties",
        blank=True,
        verbose_name=_("target-group segments it reaches"),
    )
    in_core_group = models.BooleanField(_("in the core group"), default=False)
    own_identity = models.TextField(
        _("what it keeps of its own"),
        blank=True,
        help_text=_("Beside the shared vision: the partner's own aims and character."),
    )
    # The newest assessment by date, kept here so lists filter and sort on it in one query.
    latest_assessment = models.ForeignKey(
        "Assessment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)
    # Raised by every write that changes a field the analyses read (analysis.inputs), and only
    # then: the analyses' inputs version sums it, so an edit of the goals leaves them as they are.
    analysis_stamp = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        indexes = [
            models.Index(fields=["project", "sort_name"]),
            models.Index(fields=["project", "-latest_assessment"]),
            # covers the dashboard's count by layer and attitude (and of the core group)
            models.Index(
                fields=["project", "deleted_at", "layer", "latest_assessment", "in_core_group"]
            ),
            # covers the choice of the dashboard's parties to approach next
            models.Index(fields=["project", "deleted_at", "latest_assessment", "name"]),
            # covers the retention page's test of the party's last change
            models.Index(fields=["project", "deleted_at", "updated_at"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, update_fields=None, **kwargs) -> None:
        """Saved as any model, except `analysis_stamp`: raised in the database when a field the
        analyses read changed (an increment there, so two saves at once both count), and never
        written back as it was read (a direct update may have raised it since)."""
        stored = not self._state.adding
        if stored:
            loaded = getattr(self, "_analysed", None) or {}
            # What this save writes: the fields named, else every field in memory (a deferred
            # one is left alone, unless it was set since).
            names = (
                _ANALYSED.intersection(self.__dict__)
                if update_fields is None
                else self._attnames(update_fields)
            )
            # A party not read from the database, or a field not read: taken as changed.
            raised = any(
                name not in loaded or loaded[name] != self.__dict__.get(name) for name in names
            )
            stamp = models.F("analysis_stamp")
            self.analysis_stamp = stamp + 1 if raised else stamp
            if raised and update_fields is not None:
                update_fields = {*update_fields, "analysis_stamp"}
        super().save(*args, update_fields=update_fields, **kwargs)
        if stored:
            # Read again from the database when asked for.
            del self.__dict__["analysis_stamp"]
        self._note_stored(update_fields)

    @classmethod
    def from_db(cls, db, field_names, values):
        party = super().from_db(db, field_names, values)
        party._analysed = party._analysed_values(_ANALYSED)
        return party

    def refresh_from_db(self, using=None, fields=None, from_queryset=None) -> None:
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        self._note_stored(fields)

    def _attnames(self, names) -> set[str]:
        """The attribute names of the analysed fields among `names` (field or attribute names)."""
        found = set()
        for name in names:
            try:
                found.add(self._meta.get_field(name).attname)
            except FieldDoesNotExist:
                continue
        return found & _ANALYSED

    def _analysed_values(self, names) -> dict[str, object]:
        """The analysed fields among `names` as they stand in memory (a deferred one left out)."""
        return {name: self.__dict__[name] for name in names if name in self.__dict__}

    def _note_stored(self, fields) -> None:
        """What the database now holds of `fields` (None: every field) is what memory holds."""
        names = _ANALYSED if fields is None else self._attnames(fields)
        self._analysed = {
            **(getattr(self, "_analysed", None) or {}),
            **self._analysed_values(names),
        }


# The attribute names of analysis.inputs.PARTY_FIELDS (latest_assessment_id, project_id).
_ANALYSED = frozenset(Party._meta.get_field(name).attname for name in PARTY_FIELDS)


class DuplicateDismissal(models.Model):
    """Two parties someone judged to be different: the finder of duplicates no longer pairs them.
    The pair is stored once, lower id first; it goes when either party is deleted for good."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="duplicate_dismissals"
    )
    party_low = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    party_high = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dismissed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pair marked as not the same")
        verbose_name_plural = _("pairs marked as not the same")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "party_low", "party_high"], name="duplicate_dismissal_once"
            ),
            models.CheckConstraint(
                condition=models.Q(party_low__lt=models.F("party_high")),
                name="duplicate_dismissal_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party_low_id} ≠ {self.party_high_id}"


class ContactPerson(Binnable):
    class LegalBasis(models.TextChoices):
        CONSENT = "consent", _("consent")
        LEGITIMATE_INTEREST = "legitimate_interest", _("legitimate interest")
        PUBLIC_TASK = "public_task", _("public task")
        CONTRACT = "contract", _("agreement")

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=30,
        choices=LegalBasis.choices,
        default=LegalBasis.LEGITIMATE_INTEREST,
    )
    do_not_contact = models.BooleanField(_("do not contact"), default=False)
    erased_at = models.DateTimeField(_("personal data erased on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        # covers the retention page's count of people with nothing since the cutoff
        indexes = [models.Index(fields=["party", "erased_at", "created_at", "updated_at"])]

    def __str__(self) -> str:
        return self.name


SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class Relation(Binnable):
    """A tie between two parties of the same project, in the From/To form network tools use."""

    class Kind(models.TextChoices):
        WORKS_WITH = "works_with", _("works with")
        FUNDS = "funds", _("funds")
        REPORTS_TO = "reports_to", _("reports to")
        CONFLICTS_WITH = "conflicts_with", _("conflicts with")
        INFORMAL = "informal", _("informal tie")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="relations")
    source = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="relations_out", verbose_name=_("from")
    )
    target = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="relations_in", verbose_name=_("to")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WORKS_WITH)
    strength = models.PositiveSmallIntegerField(_("strength"), choices=SCORE_CHOICES, default=3)
    started_on = models.DateField(_("since"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AliveRelationManager()
    everything = RelationQuerySet.as_manager()

    class Meta:
        ordering = ["source__name", "target__name"]
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="relation_not_to_itself"
            ),
            models.CheckConstraint(
                condition=models.Q(strength__gte=1, strength__lte=5),
                name="relation_strength_1_to_5",
            ),
            # Every way in (pages, API, import) meets this rule; see also clean().
            models.CheckConstraint(
                condition=models.Q(started_on__isnull=True)
                | models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="relation_ends_after_it_starts",
                violation_error_message=_("The end date lies before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} → {self.target} ({self.get_kind_display()})"

    def clean(self) -> None:
        super().clean()
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("The end date lies before the start date.")})

    @property
    def has_ended(self) -> bool:
        """Its end date has passed: it no longer counts in the network."""
        return self.ended_on is not None and self.ended_on < timezone.localdate()


class Assessment(models.Model):
    """A dated judgement of a party on the fixed scales; never overwritten, only added to."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="assessments")
    assessed_on = models.DateField(_("date"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    power = models.PositiveSmallIntegerField(_("power"), choices=SCORE_CHOICES)
    interest = models.PositiveSmallIntegerField(_("interest"), choices=SCORE_CHOICES)
    legitimacy = models.PositiveSmallIntegerField(_("legitimacy"), choices=SCORE_CHOICES)
    urgency = models.PositiveSmallIntegerField(_("urgency"), choices=SCORE_CHOICES)
    attitude = models.SmallIntegerField(_("attitude"), choices=Attitude.choices)
    engagement_current = models.CharField(
        _("current engagement"), max_length=20, choices=Engagement.choices
    )
    engagement_desired = models.CharField(
        _("desired engagement"), max_length=20, choices=Engagement.choices
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-assessed_on", "-created_at", "-id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        indexes = [models.Index(fields=["party", "-assessed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(power__gte=1, power__lte=5)
                & models.Q(interest__gte=1, interest__lte=5)
                & models.Q(legitimacy__gte=1, legitimacy__lte=5)
                & models.Q(urgency__gte=1, urgency__lte=5),
                name="assessment_scores_1_to_5",
            ),
            models.CheckConstraint(
                condition=models.Q(attitude__gte=-2, attitude__lte=2),
                name="assessment_attitude_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party} {self.assessed_on}"

    def quadrant(self, threshold: int) -> str:
        return quadrant_for(self.power, self.interest, threshold)


class Quadrant(models.TextChoices):
    MANAGE_CLOSELY = "manage_closely", _("manage closely")
    KEEP_SATISFIED = "keep_satisfied", _("keep satisfied")
    KEEP_INFORMED = "keep_informed", _("keep informed")
    MONITOR = "monitor", _("monitor")


def quadrant_for(power: int, interest: int, threshold: int) -> str:
    """Mendelow's grid: a score at or above the project's threshold is high."""
    high_power, high_interest = power >= threshold, interest >= threshold
    if high_power and high_interest:
        return Quadrant.MANAGE_CLOSELY
    if high_power:
        return Quadrant.KEEP_SATISFIED
    if high_interest:
        return Quadrant.KEEP_INFORMED
    return Quadrant.MONITOR

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        FAMILY_CENTRE = "family_centre", _("Huis van het Kind / family centre")
        HEALTH_SERVICE = "health_service", _("public health service (GGD, Logo)")
        CARE = "care", _("care or welfare organisation")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organisations", blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Place(models.Model):
    """A municipality or district, with its official code (NIS for Flanders, CBS for the
    Netherlands) where known."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("municipality")
        DISTRICT = "district", _("district or neighbourhood")
        REGION = "region", _("region")

    class Country(models.TextChoices):
        BE = "BE", _("Belgium")
        NL = "NL", _("the Netherlands")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default="BE")
    code = models.CharField(_("official code"), max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name


class Project(models.Model):
    class Theme(models.TextChoices):
        ORAL_HEALTH = "oral_health", _("oral health")
        FAMILY_PLANNING = "family_planning", _("family planning")
        MENTAL_WELLBEING = "mental_wellbeing", _("mental well-being")
        ALCOHOL_DRUGS = "alcohol_drugs", _("alcohol and other drugs")
        SEXUAL_HEALTH = "sexual_health", _("sexual health")
        NUTRITION = "nutrition", _("healthy eating")
        PHYSICAL_ACTIVITY = "physical_activity", _("physical activity")
        SMOKING = "smoking", _("smoke-free living")
        HEALTHY_WEIGHT = "healthy_weight", _("healthy weight")
        SPORT = "sport", _("sport")
        SOCIAL_PRESCRIBING = "social_prescribing", _("social prescribing (welzijn op recept)")
        LONELINESS = "loneliness", _("loneliness and social connection")
        HEALTHY_AGEING = "healthy_ageing", _("healthy ageing")
        FIRST_1000_DAYS = "first_1000_days", _("the first 1,000 days")
        HEALTHY_SCHOOL = "healthy_school", _("healthy school")
        POVERTY_HEALTH = "poverty_health", _("poverty and health")
        HEALTHY_ENVIRONMENT = "healthy_environment", _("healthy living environment")
        OTHER = "other", _("other theme")

    class Country(models.TextChoices):
        # The same codes as Place.Country; Flanders, because the method's Belgian words are
        # those of Flemish local government.
        FLANDERS = "BE", _("Flanders")
        NETHERLANDS = "NL", _("the Netherlands")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("organisation"),
    )
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("health theme"), max_length=30, choices=Theme.choices)
    theme_other = models.CharField(_("own theme"), max_length=200, blank=True)
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=Country.choices,
        blank=True,
        help_text=_(
            "Decides the words the app uses, such as wethouder or schepen and GGD or Logo. "
            "Empty: taken from the official codes of the places."
        ),
    )
    places = models.ManyToManyField(
        Place, related_name="projects", blank=True, verbose_name=_("places")
    )
    target_group = models.TextField(_("end target group"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    vision = models.TextField(_("shared vision"), blank=True)
    quadrant_threshold = models.PositiveSmallIntegerField(
        _("threshold for high power and interest"),
        default=4,
        validators=[MinValueValidator(2), MaxValueValidator(5)],
        help_text=_("A score at or above this counts as high in the power/interest grid."),
    )
    retention_months = models.PositiveSmallIntegerField(
        _("retention period for contact details (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_(
            "Contact persons of parties no longer involved for this long are anonymised. "
            "Empty: keep them."
        ),
    )
    version = models.PositiveIntegerField(default=1)
    # Identifies the project across backups and restores, whatever its database id.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quadrant_threshold__gte=2, quadrant_threshold__lte=5),
                name="project_threshold_range",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def theme_label(self) -> str:
        if self.theme == self.Theme.OTHER and self.theme_other:
            return self.theme_other
        return self.get_theme_display()


class Role(models.TextChoices):
    OWNER = "owner", _("owner")
    EDITOR = "editor", _("editor")
    CONTRIBUTOR = "contributor", _("contributor")
    VIEWER = "viewer", _("viewer")


class Membership(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    last_visit_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"

    @property
    def can_edit_register(self) -> bool:
        return self.role in (Role.OWNER, Role.EDITOR)

    @property
    def can_contribute(self) -> bool:
        return self.role in (Role.OWNER, Role.EDITOR, Role.CONTRIBUTOR)

    @property
    def is_owner(self) -> bool:
        return self.role == Role.OWNER


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    token = models.CharField(max_length=64, unique=True, default=_invitation_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            # One open invitation per address and project: a second one renews it.
            models.UniqueConstraint(
                "project",
                models.functions.Lower("email"),
                condition=models.Q(accepted_at__isnull=True),
                name="invitation_unique_open",
            )
        ]

    def __str__(self) -> str:
        return self.email


class TargetSegment(models.Model):
    """A segment of the end target group, e.g. pregnant women in poverty."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="segments")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    version = models.PositiveIntegerField(default=1)  # optimistic locking, as in the register

    class Meta:
        ordering = ["name"]
        verbose_name = _("target-group segment")
        verbose_name_plural = _("target-group segments")
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="segment_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

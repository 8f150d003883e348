"""Lewin's force field: the change a project wants, the forces for and against it, and what the
team does to strengthen the one and weaken the other."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from parties.models import SCORE_CHOICES, Party
from projects.models import Project


class ForceField(models.Model):
    """One per project, made on its first edit."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="force_field")
    change = models.TextField(
        _("the change the project wants"),
        blank=True,
        help_text=_("The situation you want to reach, in one or two sentences."),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("force field")
        verbose_name_plural = _("force fields")

    def __str__(self) -> str:
        label = str(_("Force field"))
        return f"{label}: {self.change[:60]}" if self.change else label


class Force(models.Model):
    class Direction(models.TextChoices):
        DRIVING = "driving", _("driving")
        RESTRAINING = "restraining", _("restraining")

    field = models.ForeignKey(ForceField, on_delete=models.CASCADE, related_name="forces")
    direction = models.CharField(
        _("direction"), max_length=12, choices=Direction.choices, default=Direction.DRIVING
    )
    description = models.CharField(_("force"), max_length=300)
    strength = models.PositiveSmallIntegerField(
        _("strength"), choices=SCORE_CHOICES, default=3, help_text=_("1 weak … 5 very strong")
    )
    party = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forces",
        verbose_name=_("party behind it"),
    )
    order = models.PositiveIntegerField(_("position"), default=0)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["direction", "order", "id"]
        verbose_name = _("force")
        verbose_name_plural = _("forces")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(strength__gte=1, strength__lte=5),
                name="force_strength_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def is_driving(self) -> bool:
        return self.direction == self.Direction.DRIVING


class ForceAction(models.Model):
    """Something the team does to strengthen a driving force or weaken a restraining one."""

    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=300)
    who = models.CharField(_("who"), max_length=200, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("action on a force")
        verbose_name_plural = _("actions on forces")

    def __str__(self) -> str:
        return self.description

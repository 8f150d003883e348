from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Project


class Version(models.Model):
    """One change to a project's record: who, when, what it looked like after, what changed."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("moved to the bin")
        REMOVE = "remove", _("deleted")
        RESTORE = "restore", _("restored from the bin")
        REVERT = "revert", _("reverted to an earlier version")
        ERASE = "erase", _("personal data erased")
        MERGE = "merge", _("merged with other parties")
        UNMERGE = "unmerge", _("merge undone")
        # Bulk work (an import): one version for all it created, see history.services.
        IMPORT = "import", _("imported")

    # Indexed with the action below: a project's imports are found without reading its
    # other versions.
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="versions", db_index=False
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField(max_length=200)
    action = models.CharField(max_length=10, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    data = models.JSONField(default=dict)
    changes = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        indexes = [
            models.Index(fields=["content_type", "object_id", "-at"]),
            models.Index(fields=["project", "action"], name="history_version_project_action"),
        ]

    def __str__(self) -> str:
        return f"{self.object_repr} {self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"

    def get_action_display(self) -> str:
        """The action in words; an object's creation by an import names the file."""
        source = getattr(self, "source", "")  # set by history.services.versions_of
        if source and self.action == self.Action.IMPORT:
            return _("created by the import of %(file)s") % {"file": source}
        return str(dict(self.Action.choices).get(self.action, self.action))

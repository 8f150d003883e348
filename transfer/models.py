from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from projects.models import Project


class ImportBatch(models.Model):
    """An uploaded file waiting between its preview and the user's confirmation.

    What the preview read from the file is kept in `content` in its place (the file itself only
    until a worker has read it), so that confirming applies exactly what was previewed without
    reading the file again; it is dropped once applied; unconfirmed uploads are pruned after a
    day and when a contact person of the project is erased.
    """

    class Kind(models.TextChoices):
        PARTIES = "party", _("parties")
        RELATIONS = "relation", _("relations")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="import_batches")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_batches"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField()
    preview = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Set when the user confirms; the import then runs in the background worker.
    queued_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    # A large file is checked by the background worker too; its page waits meanwhile.
    checking = models.BooleanField(default=False)
    # Why the worker's last check or import of this file stopped, for its page to say.
    failure = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.filename

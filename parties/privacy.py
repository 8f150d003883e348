"""Personal data of contact persons (GDPR / AVG): export on request, erasure, retention."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from history.models import Version
from history.services import version_record
from parties.models import ContactPerson, Party
from projects.models import Project

PERSONAL_FIELDS = ("name", "function", "email", "phone")


def contact_personal_data(*, contact: ContactPerson) -> dict[str, Any]:
    """All that the product holds about one person, for a subject access request."""
    versions = (
        Version.objects.filter(
            content_type=ContentType.objects.get_for_model(ContactPerson), object_id=contact.pk
        )
        .select_related("user")
        .order_by("at", "id")
    )
    return {
        "exported_at": timezone.now().isoformat(),
        "person": {
            "name": contact.name,
            "function": contact.function,
            "email": contact.email,
            "phone": contact.phone,
            "legal_basis": contact.legal_basis,
            "do_not_contact": contact.do_not_contact,
            "created_at": contact.created_at.isoformat(),
            "updated_at": contact.updated_at.isoformat(),
        },
        "party": contact.party.name,
        "project": contact.party.project.title,
        "history": [
            {
                "at": version.at.isoformat(),
                "action": version.action,
                "by": version.user.username if version.user else None,
                "changes": version.changes,
            }
            for version in versions
        ],
    }


@transaction.atomic
def contact_erase(*, contact: ContactPerson, user=None) -> ContactPerson:
    """Anonymise a person: their details go, from the contact and from its history; the party
    and its own history stay readable."""
    placeholder = _("Anonymised contact %(number)s") % {"number": contact.pk}
    ContactPerson.everything.filter(pk=contact.pk).update(
        name=placeholder,
        function="",
        email="",
        phone="",
        do_not_contact=True,
        erased_at=timezone.now(),
        version=contact.version + 1,
    )
    contact.refresh_from_db()
    for version in Version.objects.filter(
        content_type=ContentType.objects.get_for_model(ContactPerson), object_id=contact.pk
    ):
        version.object_repr = placeholder
        version.data = {k: ("" if k in PERSONAL_FIELDS else v) for k, v in version.data.items()}
        version.changes = {
            k: (["", ""] if k in PERSONAL_FIELDS else v) for k, v in version.changes.items()
        }
        version.save(update_fields=["object_repr", "data", "changes"])
    version_record(
        instance=contact,
        project_id=contact.party.project_id,
        user=user,
        action=Version.Action.ERASE,
    )
    return contact


def contacts_past_retention(*, project: Project):
    """Contact persons of parties no longer involved for longer than the project keeps them:
    the party sits in the bin, or nothing about it changed, since the retention period began."""
    if not project.retention_months:
        return ContactPerson.everything.none()
    cutoff = timezone.now() - timedelta(days=round(project.retention_months * 30.44))
    stale = Party.everything.filter(project=project).filter(
        Q(deleted_at__lt=cutoff) | Q(updated_at__lt=cutoff)
    )
    return ContactPerson.everything.filter(party__in=stale, erased_at__isnull=True)


def retention_apply(*, project: Project, dry_run: bool = False) -> int:
    contacts = list(contacts_past_retention(project=project).select_related("party__project"))
    if not dry_run:
        for contact in contacts:
            contact_erase(contact=contact)
    return len(contacts)

"""Personal data of contact persons (GDPR / AVG): export on request, erasure, retention."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from engagement.models import Commitment, ContactMoment
from history.models import Version
from history.services import version_record, versions_of
from parties.models import ContactPerson
from projects.models import Project

PERSONAL_FIELDS = ("name", "function", "email", "phone")


def contact_personal_data(*, contact: ContactPerson) -> dict[str, Any]:
    """All that the product holds about one person, for a subject access request."""
    # With the import that created the person, if one did (one version for all it created).
    versions = versions_of(contact).order_by("at", "id")
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
    from transfer.services import uploads_prune  # transfer builds on parties, not the reverse

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
    # Uploads not yet imported may name the person too.
    uploads_prune(project=contact.party.project, older_than=None)
    return contact


# The retention period in days per month, so that 12 months is a year.
DAYS_PER_MONTH = 30.44


def retention_cutoff(*, project: Project) -> datetime | None:
    """The moment the retention period began: activity before it no longer keeps a person."""
    if not project.retention_months:
        return None
    return timezone.now() - timedelta(days=round(project.retention_months * DAYS_PER_MONTH))


def _latest_moment(**link: Any) -> Subquery:
    # Moments in the bin do not count: they were withdrawn.
    moments = ContactMoment.objects.filter(**link).order_by("-date").values("date")[:1]
    return Subquery(moments)


def _met_since(project: Project, day: date, linked: str) -> QuerySet:
    """The `linked` ("parties" or "contact_persons") of the project's moments on `day` or later;
    moments in the bin do not count. A moment names only its own project's parties and people."""
    recent = ContactMoment.objects.filter(project=project, date__gte=day)
    return recent.filter(**{f"{linked}__isnull": False}).values(linked)


def contacts_past_retention(*, project: Project) -> QuerySet[ContactPerson]:
    """Contact persons with no activity since the retention period began: not added or changed,
    not met (themselves or their party), their party not changed (or in the bin since before
    then). A person whose party has an open commitment is kept whatever the dates.

    One query, however many people: each row carries the dates `retention_preview` explains."""
    cutoff = retention_cutoff(project=project)
    if cutoff is None:
        return ContactPerson.everything.none()
    cutoff_day = timezone.localdate(cutoff)
    # Selected by the project's few recent meetings and open commitments, each listed once
    # (not looked up again for every person) rather than by the latest moment's date. The
    # latest dates are only annotated, so the paginator's count leaves them out and only the
    # page's rows look them up.
    met_persons = _met_since(project, cutoff_day, "contact_persons")
    met_parties = _met_since(project, cutoff_day, "parties")
    committed = Commitment.objects.open().filter(project=project).values("party_id")
    return (
        ContactPerson.everything.filter(party__project=project, erased_at__isnull=True)
        .select_related("party")
        .annotate(
            party_activity=Coalesce("party__deleted_at", "party__updated_at"),
            person_met_on=_latest_moment(contact_persons=OuterRef("pk")),
            party_met_on=_latest_moment(parties=OuterRef("party_id")),
        )
        .filter(created_at__lt=cutoff, updated_at__lt=cutoff, party_activity__lt=cutoff)
        .exclude(pk__in=met_persons)
        .exclude(party_id__in=met_parties)
        .exclude(party_id__in=committed)
        .order_by("party__sort_name", "name", "pk")
    )


@dataclass(frozen=True)
class RetentionCandidate:
    """A person the next run would anonymise, with their last activity and what it was."""

    contact: ContactPerson
    last_active_on: date
    last_activity: str


def _last_activity(
    contact: ContactPerson, labels: dict[str, str], zone: tzinfo
) -> tuple[date, str]:
    party = contact.party
    # From the least to the most telling: on the same day the one listed last explains.
    events = [
        (
            contact.party_activity.astimezone(zone).date(),
            labels["party_binned"] if party.deleted_at else labels["party_changed"],
        ),
        (contact.updated_at.astimezone(zone).date(), labels["changed"]),
        (contact.created_at.astimezone(zone).date(), labels["added"]),
    ]
    if contact.party_met_on:
        events.append((contact.party_met_on, labels["party_met"]))
    if contact.person_met_on:
        events.append((contact.person_met_on, labels["met"]))
    return max(reversed(events), key=lambda event: event[0])


def retention_preview(*, project: Project) -> list[RetentionCandidate]:
    """Who the next run anonymises and why: a dry run, for the command and the owners' page."""
    return retention_explain(contacts_past_retention(project=project))


def retention_explain(contacts: Iterable[ContactPerson]) -> list[RetentionCandidate]:
    """Each person of `contacts_past_retention` (or a page of it) with their last activity."""
    # Looked up once: a project may hold thousands of people.
    labels = {
        "party_binned": _("party moved to the bin"),
        "party_changed": _("party changed"),
        "changed": _("person's details changed"),
        "added": _("person added"),
        "party_met": _("contact moment with the party"),
        "met": _("contact moment with the person"),
    }
    zone = timezone.get_current_timezone()
    return [
        RetentionCandidate(contact, *_last_activity(contact, labels, zone)) for contact in contacts
    ]


def retention_apply(*, project: Project, dry_run: bool = False) -> list[RetentionCandidate]:
    """Anonymise everyone past retention (or, with `dry_run`, only say who)."""
    candidates = retention_preview(project=project)
    if not dry_run:
        for candidate in candidates:
            candidate.contact.party.project = project  # erasing needs it; no query per person
            contact_erase(contact=candidate.contact)
    return candidates

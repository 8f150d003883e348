from __future__ import annotations

from django.db.models import Q, QuerySet

from parties.models import ContactPerson, Relation
from projects.models import Membership, Project


def relation_list(*, project: Project, kind: str | None, party: int | None) -> QuerySet[Relation]:
    """The project's relations between parties that are not in the bin."""
    relations = Relation.objects.filter(
        project=project, source__deleted_at__isnull=True, target__deleted_at__isnull=True
    ).select_related("source", "target")
    if kind:
        relations = relations.filter(kind=kind)
    if party is not None:
        relations = relations.filter(Q(source_id=party) | Q(target_id=party))
    return relations.order_by("source__name", "target__name", "kind")


def contact_list(*, party_id: int) -> QuerySet[ContactPerson]:
    return ContactPerson.objects.filter(party_id=party_id).order_by("name", "pk")


def member_list(*, project: Project) -> QuerySet[Membership]:
    return project.memberships.select_related("user").order_by("user__username")

"""Object lookups for the API. Each starts from `membership_for`, so an outsider gets 404 and a
role that may not act gets 403, and each looks the object up inside that project only."""

from __future__ import annotations

from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from parties.models import Assessment, ContactPerson, Party, Relation
from projects.access import Need, membership_for
from projects.models import Project, TargetSegment


def project_for(request: HttpRequest, project_id: int, need: Need = Need.VIEW) -> Project:
    return membership_for(request.auth, project_id, need).project


M = TypeVar("M", bound=Model)


def one_or_404(queryset: QuerySet[M]) -> M:
    found = queryset.first()
    if found is None:
        raise Http404
    return found


def party_for(
    request: HttpRequest, project_id: int, party_id: int, need: Need = Need.VIEW
) -> Party:
    project = project_for(request, project_id, need)
    return one_or_404(
        Party.objects.filter(project=project, pk=party_id).select_related(
            "latest_assessment", "project"
        )
    )


def contact_for(
    request: HttpRequest, project_id: int, contact_id: int, need: Need = Need.VIEW
) -> ContactPerson:
    project = project_for(request, project_id, need)
    return one_or_404(
        ContactPerson.objects.filter(
            pk=contact_id, party__project=project, party__deleted_at__isnull=True
        ).select_related("party")
    )


def relation_for(
    request: HttpRequest, project_id: int, relation_id: int, need: Need = Need.VIEW
) -> Relation:
    project = project_for(request, project_id, need)
    return one_or_404(
        Relation.objects.filter(
            pk=relation_id,
            project=project,
            source__deleted_at__isnull=True,
            target__deleted_at__isnull=True,
        ).select_related("source", "target", "project")
    )


def assessment_for(request: HttpRequest, project_id: int, assessment_id: int) -> Assessment:
    project = project_for(request, project_id)
    return one_or_404(
        Assessment.objects.filter(
            pk=assessment_id, party__project=project, party__deleted_at__isnull=True
        )
    )


def segment_for(
    request: HttpRequest, project_id: int, segment_id: int, need: Need = Need.VIEW
) -> TargetSegment:
    project = project_for(request, project_id, need)
    return one_or_404(TargetSegment.objects.filter(project=project, pk=segment_id))


def segments_in(project: Project, ids: list[int]) -> list[TargetSegment]:
    """The project's segments with these ids; an id of no segment of the project is a 422."""
    segments = list(TargetSegment.objects.filter(project=project, pk__in=ids))
    if len(segments) != len(set(ids)):
        raise ValidationError({"segments": _("Choose segments of this project.")})
    return segments


def relation_ends(
    project: Project, data: dict[str, Any], relation: Relation | None = None
) -> dict[str, Any]:
    """`data` with the source and target ids replaced by parties of the project (422 if not)."""
    for end in ("source", "target"):
        if end in data:
            party = Party.objects.filter(project=project, pk=data[end]).first()
            if party is None:
                raise ValidationError({end: _("Choose a party of this project.")})
            data[end] = party
    source = data.get("source", relation.source if relation else None)
    target = data.get("target", relation.target if relation else None)
    if source is not None and source == target:
        raise ValidationError({"target": _("A relation links two different parties.")})
    return data

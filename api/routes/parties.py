from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from ninja import Router

from accounts.models import User
from api.access import segments_in
from api.resources import ProjectResource, Texts, declare
from api.schemas import PartyFilters, PartyIn, PartyOut, PartyPage, PartyPatch
from parties import selectors, services
from parties.models import Party
from projects.access import Need
from projects.models import Project


def _parties(project: Project) -> QuerySet[Party]:
    return (
        Party.objects.filter(project=project)
        .select_related("latest_assessment", "project")
        .prefetch_related("segments")
    )


def _segments(project: Project, data: dict[str, Any], _current: Any = None) -> dict[str, Any]:
    if data.get("segments") is not None:
        data["segments"] = segments_in(project, data["segments"])
    return data


def _create(project: Project, data: dict[str, Any], user: User) -> Party:
    segments = data.pop("segments", None) or []
    return services.party_create(project=project, data=data, segments=segments, user=user)


def _update(party: Party, data: dict[str, Any], user: User, version: int | None) -> Party:
    segments = data.pop("segments", None)
    return services.party_update(
        party=party, data=data, segments=segments, user=user, expected_version=version
    )


router = declare(
    ProjectResource(
        name="party",
        path="parties",
        id_name="party_id",
        model=Party,
        tag="parties",
        texts=Texts(
            list=gettext_lazy("List and filter a project's parties"),
            create=gettext_lazy("Add a party to the register"),
            detail=gettext_lazy("Get a party"),
            update=gettext_lazy("Change a party"),
            delete=gettext_lazy("Move a party to the bin"),
            list_description=gettext_lazy(
                "The register, filtered and sorted as on the parties page, one page at a time."
            ),
            create_description=gettext_lazy("Editors and owners."),
            update_description=gettext_lazy(
                "Editors and owners. Send only the fields to change, with the "
                "ETag you read in `If-Match`; 412 when someone else saved in between."
            ),
            delete_description=gettext_lazy(
                "Editors and owners. The party can be restored from the project's bin."
            ),
        ),
        out=PartyOut,
        create_in=PartyIn,
        patch_in=PartyPatch,
        objects=_parties,
        create=_create,
        update=_update,
        delete=lambda party, user: services.party_delete(party=party, user=user),
        need=Need.EDIT,
        refs=_segments,
        filters=PartyFilters,
        listing=lambda project, filters: selectors.party_list(
            project=project, filters=filters
        ).prefetch_related("segments"),
        page=PartyPage,
        router=Router(tags=["parties"]),
    )
)

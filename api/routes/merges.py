"""Merging parties that are the same into one, and undoing a merge, as the merge page does."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema, Status
from pydantic import create_model

from api.access import one_or_404, project_for
from api.schemas import BODY_ERRORS, WRITE_ERRORS, ErrorOut, Id, PartyConflict, PartyOut, PathId
from api.schemas import Version as VersionNumber
from history.models import Version
from parties.merging import SEGMENTS, merge_fields, merge_parties, unmerge
from parties.models import Party
from projects.access import Need

router = Router(tags=["parties"])

# More than this many parties at once is not a merge of duplicates but a mistake.
MAX_OTHERS = 9

MergeChoices = create_model(
    "MergeChoices",
    __base__=Schema,
    **{
        field.name: (Id | None, Field(None, description=str(field.verbose_name)))
        for field in merge_fields()
    },
    **{
        SEGMENTS: (
            Id | None,
            Field(None, description="Leave out for the segments of all of them together."),
        )
    },
)
MergeChoices.__doc__ = (
    "Per field the id of the party whose value stays; a field left out keeps the value of the "
    "party that stays."
)


class PartyVersion(Schema):
    id: Id
    version: VersionNumber = Field(description="The version of the party you last read.")


class MergeIn(Schema):
    survivor: Id = Field(description="The party that stays.")
    others: list[Id] = Field(
        min_length=1, max_length=MAX_OTHERS,
        description="The parties merged into it; they go to the bin.",
    )
    choices: MergeChoices = Field(default_factory=MergeChoices)  # type: ignore[valid-type]
    versions: list[PartyVersion] = Field(
        min_length=1, max_length=MAX_OTHERS + 1,
        description="The version you last read of each party, survivor included; if one has "
        "moved on, nothing is merged and the answer is 412.",
    )


class MergedOut(PartyOut):
    merge_id: int = Field(
        description="The merge's entry in the history; POST …/parties/merges/{merge_id}/undo "
        "undoes it."
    )


def _parties(project: Any, ids: list[int]) -> dict[int, Party]:
    found = {p.pk: p for p in Party.objects.filter(project=project, pk__in=ids)}
    if len(found) != len(set(ids)):
        raise ValidationError({"others": _("Choose parties of this project.")})
    return found


@router.post(
    "/{project_id}/parties/merge",
    response={200: MergedOut, 412: PartyConflict, **BODY_ERRORS},
    summary=gettext_lazy("Merge parties into one"),
    description=gettext_lazy(
        "Editors and owners. Everything attached to the other parties moves to the survivor "
        "(contact persons with the same e-mail address become one; relations that become the "
        "same are combined); the others go to the bin. The answer is the survivor with the id "
        "of the merge, which undoes it."
    ),
)
def party_merge(request: HttpRequest, project_id: PathId, payload: MergeIn) -> Party:
    project = project_for(request, project_id, Need.EDIT)
    ids = [payload.survivor, *payload.others]
    versions = {v.id: v.version for v in payload.versions}
    if set(versions) != set(ids):
        raise ValidationError({"versions": _("Give the version of each party you merge.")})
    parties = _parties(project, ids)
    choices = {k: v for k, v in payload.choices.model_dump().items() if v is not None}
    version = merge_parties(
        project=project,
        survivor=parties[payload.survivor],
        others=[parties[pk] for pk in payload.others if pk in parties],
        choices=choices,
        user=request.auth,
        versions=versions,
    )
    survivor = Party.objects.select_related("latest_assessment").get(pk=payload.survivor)
    survivor.merge_id = version.pk
    return survivor


@router.post(
    "/{project_id}/parties/merges/{version_id}/undo",
    response={200: PartyOut, 409: ErrorOut, **WRITE_ERRORS},
    summary=gettext_lazy("Undo a merge of parties"),
    description=gettext_lazy(
        "Editors and owners. The merged parties come back with everything that moved; the "
        "survivor gets back the values the merge replaced, unless changed since. 409 when "
        "something changed since that makes it unsafe; `detail` says what."
    ),
)
def party_unmerge(
    request: HttpRequest, project_id: PathId, version_id: PathId
) -> Party | Status[dict[str, str]]:
    project = project_for(request, project_id, Need.EDIT)
    version = one_or_404(
        Version.objects.filter(
            pk=version_id,
            project=project,
            action=Version.Action.MERGE,
            content_type=ContentType.objects.get_for_model(Party),
            data__has_key="merge",
        )
    )
    try:
        survivor = unmerge(project=project, version=version, user=request.auth)
    except ValidationError as refused:
        return Status(409, {"detail": " ".join(refused.messages)})
    return Party.objects.select_related("latest_assessment").get(pk=survivor.pk)

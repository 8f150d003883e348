"""Likely duplicate parties of a project, as the duplicates page lists them, and marking a pair
as not the same."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status

from api.access import project_for
from api.pagination import PageParams
from api.schemas import BODY_ERRORS, READ_ERRORS, Id, PathId
from parties.duplicates import DuplicatePair, Reason, duplicate_dismiss, duplicate_pairs
from parties.models import Party
from projects.access import Need

router = Router(tags=["parties"])

ReasonKind = Literal[
    Reason.CODE, Reason.EMAIL, Reason.PHONE, Reason.NAME, Reason.CONTAINED, Reason.ABBREVIATION
]


class PartyNameOut(Schema):
    id: int
    name: str


class ReasonOut(Schema):
    kind: ReasonKind = Field(
        description="code: same official code; email, phone: the same on a contact person; "
        "name: names alike; contained: one name is part of the other; abbreviation: one name "
        "abbreviates the other."
    )
    score: int = Field(ge=0, le=100)
    text: str = Field(description="The reason in words, in the language of the answer.")


class DuplicateOut(Schema):
    first: PartyNameOut = Field(description="The party with the lower id.")
    second: PartyNameOut
    score: int = Field(ge=0, le=100, description="How likely the two are the same.")
    reasons: list[ReasonOut]


class DuplicatePage(Schema):
    count: int
    items: list[DuplicateOut]


class DismissIn(Schema):
    first: Id = Field(description="The id of one party.")
    second: Id = Field(description="The id of the other party; not the same as `first`.")


class DismissOut(Schema):
    first: int = Field(description="The lower of the two ids.")
    second: int
    dismissed_by: str | None
    dismissed_at: datetime


def _pair(pair: DuplicatePair) -> dict[str, Any]:
    return {
        "first": {"id": pair.first.id, "name": pair.first.name},
        "second": {"id": pair.second.id, "name": pair.second.name},
        "score": pair.score,
        "reasons": [
            {"kind": reason.kind, "score": reason.score, "text": str(reason)}
            for reason in pair.reasons
        ],
    }


@router.get(
    "/{project_id}/parties/duplicates",
    response={200: DuplicatePage, **READ_ERRORS},
    summary=gettext_lazy("List likely duplicate parties"),
    description=gettext_lazy(
        "Pairs of parties that are probably the same, strongest first, with the reasons: "
        "names alike, the same official code, or the same e-mail address or phone number on a "
        "contact person. Pairs marked as not the same and parties in the bin are left out."
    ),
)
def duplicate_list(
    request: HttpRequest, project_id: PathId, page: Query[PageParams]
) -> dict[str, Any]:
    pairs = duplicate_pairs(project=project_for(request, project_id))
    return {
        "count": len(pairs),
        "items": [_pair(pair) for pair in pairs[page.offset : page.offset + page.limit]],
    }


@router.post(
    "/{project_id}/parties/duplicates/dismiss",
    response={201: DismissOut, **BODY_ERRORS},
    summary=gettext_lazy("Mark two parties as not the same"),
    description=gettext_lazy(
        "Editors and owners. The pair is no longer listed as a likely duplicate; marking it "
        "again changes nothing. 404 when either party is not in the project's register."
    ),
)
def duplicate_dismiss_pair(
    request: HttpRequest, project_id: PathId, payload: DismissIn
) -> Status[dict[str, Any]]:
    project = project_for(request, project_id, Need.EDIT)
    if payload.first == payload.second:
        raise ValidationError({"second": _("Name two different parties.")})
    try:
        dismissal = duplicate_dismiss(
            project=project, party_ids=(payload.first, payload.second), user=request.auth
        )
    except Party.DoesNotExist as missing:
        raise Http404 from missing
    by = dismissal.dismissed_by
    return Status(
        201,
        {
            "first": dismissal.party_low_id,
            "second": dismissal.party_high_id,
            "dismissed_by": (by.get_full_name() or by.username) if by is not None else None,
            "dismissed_at": dismissal.dismissed_at,
        },
    )

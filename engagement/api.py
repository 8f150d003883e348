"""The engagement part of the JSON API: contact moments and commitments (read and write) and
support reviews (read). One router per noun, mounted under /projects like the others:

    api.add_router("/projects", moments_router)
    api.add_router("/projects", commitments_router)
    api.add_router("/projects", reviews_router)

Same access rules as the pages (contributors log and change, viewers read), same error shapes,
409 with the stored object when `version` is stale.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Model, Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from accounts.models import User
from api.access import one_or_404, project_for
from api.errors import conflict_status
from api.pagination import PageParams, paginate
from api.schemas import (
    BODY_ERRORS,
    MAX_ID,
    READ_ERRORS,
    VERSION_DESCRIPTION,
    WRITE_ERRORS,
    Id,
    PathId,
    Text,
    optional,
)
from engagement import selectors, services
from engagement.models import Commitment, ContactMoment, Review, ReviewStep
from lib.concurrency import EditConflict
from parties.models import ContactPerson, Party
from projects.access import Need
from projects.models import Project

MomentKind = Literal[tuple(ContactMoment.Kind.values)]
CommitmentStatus = Literal[tuple(Commitment.Status.values)]
Outcome = Literal[tuple(ReviewStep.Outcome.values)]


# Schemas -----------------------------------------------------------------------------------


class MomentOut(Schema):
    id: int
    kind: MomentKind
    date: dt.date
    parties: list[int] = Field(description="Ids of the parties met.")
    contact_persons: list[int]
    members: list[int] = Field(description="User ids of the members who took part.")
    discussed: str
    arguments_for: str
    arguments_against: str
    win_win: str
    agreed: str
    follow_up_on: dt.date | None
    follow_up_done: bool
    created_by_id: int | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_parties(obj: Any) -> list[int]:
        return [party.pk for party in obj.parties.all()]

    @staticmethod
    def resolve_contact_persons(obj: Any) -> list[int]:
        return [person.pk for person in obj.contact_persons.all()]

    @staticmethod
    def resolve_members(obj: Any) -> list[int]:
        return [member.pk for member in obj.members.all()]


class _MomentFields(Schema):
    kind: MomentKind = optional()
    date: dt.date = optional()
    parties: list[Id] = optional(max_length=200, description="At least one; replaces the list.")
    contact_persons: list[Id] = optional(max_length=500)
    members: list[Id] = optional(max_length=200)
    discussed: Text = optional(min_length=1, max_length=20_000)
    arguments_for: Text = optional(max_length=20_000)
    arguments_against: Text = optional(max_length=20_000)
    win_win: Text = optional(max_length=20_000)
    agreed: Text = optional(max_length=20_000)
    follow_up_on: dt.date | None = optional(description="Not before `date`.")
    follow_up_done: bool = optional()


class MomentIn(_MomentFields):
    kind: MomentKind = "one_to_one"
    date: dt.date
    parties: list[Id] = Field(max_length=200, description="At least one party of the project.")
    discussed: Text = Field(min_length=1, max_length=20_000)


class MomentPatch(_MomentFields):
    version: int = optional(ge=1, le=MAX_ID, description=VERSION_DESCRIPTION)


class MomentFilters(Schema):
    party: Id = optional(description="Only contacts with this party.")
    kind: MomentKind = optional()
    member: Id = optional(description="Only contacts this member (user id) took part in.")
    start: dt.date = optional(description="On or after this date.")
    end: dt.date = optional(description="On or before this date.")


class MomentPage(Schema):
    count: int
    items: list[MomentOut]


class MomentConflict(Schema):
    detail: str
    current: MomentOut


class CommitmentOut(Schema):
    id: int
    party_id: int
    what: str
    starts_on: dt.date
    ends_on: dt.date
    status: CommitmentStatus
    overdue: bool = Field(description="Open (asked or promised) and its end date has passed.")
    contact_moment_id: int | None
    delivered_on: dt.date | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        return obj.is_overdue()


class _CommitmentFields(Schema):
    party: Id = optional(description="Id of a party of this project.")
    what: Text = optional(min_length=1, max_length=300)
    starts_on: dt.date = optional()
    ends_on: dt.date = optional(description="Not before `starts_on`.")
    status: CommitmentStatus = optional()
    contact_moment: Id | None = optional(description="A contact with the same party.")


class CommitmentIn(_CommitmentFields):
    party: Id = Field(description="Id of a party of this project.")
    what: Text = Field(min_length=1, max_length=300)
    starts_on: dt.date
    ends_on: dt.date = Field(description="Not before `starts_on`.")
    status: CommitmentStatus = "asked"


class CommitmentPatch(_CommitmentFields):
    version: int = optional(ge=1, le=MAX_ID, description=VERSION_DESCRIPTION)


class CommitmentFilters(Schema):
    status: CommitmentStatus = optional()
    party: Id = optional()
    overdue: bool = optional(description="Only overdue (true) or only not overdue (false).")


class CommitmentPage(Schema):
    count: int
    items: list[CommitmentOut]


class CommitmentConflict(Schema):
    detail: str
    current: CommitmentOut


class ReviewStepOut(Schema):
    party_id: int
    outcome: Outcome
    assessment_id: int | None = Field(description="The assessment recorded in this step.")
    at: dt.datetime


class ReviewOut(Schema):
    id: int
    started_by_id: int | None
    started_at: dt.datetime
    finished_at: dt.datetime | None
    paused: bool
    party_order: list[int] = Field(description="Party ids in the order the round visits them.")
    steps: list[ReviewStepOut]

    @staticmethod
    def resolve_steps(obj: Any) -> list[ReviewStep]:
        return list(obj.steps.all())


class ReviewPage(Schema):
    count: int
    items: list[ReviewOut]


# Lookups -----------------------------------------------------------------------------------


def _in_project(model: type[Model], queryset: QuerySet, ids: list[int], name: str) -> list:
    """The objects with these ids in `queryset` (the project's), or a 422 naming the field."""
    found = list(queryset.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({name: _("Choose only items of this project.")})
    return found


def _relations(project: Project, payload: dict[str, Any]) -> dict[str, Any]:
    relations: dict[str, Any] = {}
    if "parties" in payload:
        relations["parties"] = _in_project(
            Party, Party.objects.filter(project=project), payload.pop("parties"), "parties"
        )
    if "contact_persons" in payload:
        relations["contact_persons"] = _in_project(
            ContactPerson,
            ContactPerson.objects.filter(party__project=project),
            payload.pop("contact_persons"),
            "contact_persons",
        )
    if "members" in payload:
        relations["members"] = _in_project(
            User,
            User.objects.filter(memberships__project=project),
            payload.pop("members"),
            "members",
        )
    return relations


def _moment(project: Project, moment_id: int) -> ContactMoment:
    moment = one_or_404(selectors.timeline(project=project, filters={}).filter(pk=moment_id))
    moment.project = project
    return moment


def _commitment(project: Project, commitment_id: int) -> Commitment:
    commitment = one_or_404(
        Commitment.objects.filter(
            project=project, pk=commitment_id, party__deleted_at__isnull=True
        ).select_related("party")
    )
    commitment.project = project
    return commitment


def _commitment_refs(project: Project, payload: dict[str, Any]) -> dict[str, Any]:
    if "party" in payload:
        payload["party"] = _in_project(
            Party, Party.objects.filter(project=project), [payload["party"]], "party"
        )[0]
    if payload.get("contact_moment") is not None:
        payload["contact_moment"] = _in_project(
            ContactMoment,
            ContactMoment.objects.filter(project=project),
            [payload["contact_moment"]],
            "contact_moment",
        )[0]
    return payload


# Contact moments ---------------------------------------------------------------------------

moments_router = Router(tags=["contact moments"])


@moments_router.get(
    "/{project_id}/contact-moments",
    response={200: MomentPage, **READ_ERRORS},
    summary="List and filter a project's contact moments",
)
def moment_list(
    request: HttpRequest,
    project_id: PathId,
    filters: Query[MomentFilters],
    page: Query[PageParams],
) -> dict[str, Any]:
    """Newest first, as on the contact timeline."""
    project = project_for(request, project_id)
    return paginate(
        selectors.timeline(project=project, filters=filters.dict(exclude_none=True)), page
    )


@moments_router.post(
    "/{project_id}/contact-moments",
    response={201: MomentOut, **BODY_ERRORS},
    summary="Log a contact moment",
)
def moment_create(
    request: HttpRequest, project_id: PathId, payload: MomentIn
) -> Status[ContactMoment]:
    """Contributors, editors and owners."""
    project = project_for(request, project_id, Need.CONTRIBUTE)
    data = payload.dict(exclude_unset=True)
    data.setdefault("kind", payload.kind)
    relations = _relations(project, data)
    moment = services.moment_create(project=project, data=data, user=request.auth, **relations)
    return Status(201, _moment(project, moment.pk))


@moments_router.get(
    "/{project_id}/contact-moments/{moment_id}",
    response={200: MomentOut, **READ_ERRORS},
    summary="Get a contact moment",
)
def moment_detail(request: HttpRequest, project_id: PathId, moment_id: PathId) -> ContactMoment:
    return _moment(project_for(request, project_id), moment_id)


@moments_router.patch(
    "/{project_id}/contact-moments/{moment_id}",
    response={200: MomentOut, 409: MomentConflict, **BODY_ERRORS},
    summary="Change a contact moment",
)
def moment_update(
    request: HttpRequest, project_id: PathId, moment_id: PathId, payload: MomentPatch
) -> Any:
    """Contributors, editors and owners. Lists (parties, contact_persons, members) replace the
    stored ones; `version` as for parties."""
    project = project_for(request, project_id, Need.CONTRIBUTE)
    moment = _moment(project, moment_id)
    data = payload.dict(exclude_unset=True, exclude={"version"})
    relations = _relations(project, data)
    try:
        services.moment_update(
            moment=moment,
            data=data,
            user=request.auth,
            expected_version=payload.version,
            **relations,
        )
    except EditConflict as conflict:
        return conflict_status(_moment(project, conflict.current.pk))
    return _moment(project, moment.pk)


@moments_router.delete(
    "/{project_id}/contact-moments/{moment_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Move a contact moment to the bin",
)
def moment_delete(request: HttpRequest, project_id: PathId, moment_id: PathId) -> Status[None]:
    """Contributors, editors and owners; it can be restored from the project's bin."""
    project = project_for(request, project_id, Need.CONTRIBUTE)
    services.moment_delete(moment=_moment(project, moment_id), user=request.auth)
    return Status(204, None)


# Commitments -------------------------------------------------------------------------------

commitments_router = Router(tags=["commitments"])


@commitments_router.get(
    "/{project_id}/commitments",
    response={200: CommitmentPage, **READ_ERRORS},
    summary="List a project's commitments",
)
def commitment_list(
    request: HttpRequest,
    project_id: PathId,
    filters: Query[CommitmentFilters],
    page: Query[PageParams],
) -> dict[str, Any]:
    """By end date, earliest first."""
    project = project_for(request, project_id)
    commitments = selectors.commitment_list(project=project, status=filters.status)
    if filters.party is not None:
        commitments = commitments.filter(party_id=filters.party)
    if filters.overdue is not None:
        overdue = Commitment.objects.overdue(timezone.localdate()).values("pk")
        commitments = (
            commitments.filter(pk__in=overdue)
            if filters.overdue
            else commitments.exclude(pk__in=overdue)
        )
    return paginate(commitments, page)


@commitments_router.post(
    "/{project_id}/commitments",
    response={201: CommitmentOut, **BODY_ERRORS},
    summary="Add a commitment",
)
def commitment_create(
    request: HttpRequest, project_id: PathId, payload: CommitmentIn
) -> Status[Commitment]:
    """Contributors, editors and owners."""
    project = project_for(request, project_id, Need.CONTRIBUTE)
    data = _commitment_refs(project, payload.dict())
    commitment = services.commitment_create(project=project, data=data, user=request.auth)
    return Status(201, commitment)


@commitments_router.get(
    "/{project_id}/commitments/{commitment_id}",
    response={200: CommitmentOut, **READ_ERRORS},
    summary="Get a commitment",
)
def commitment_detail(
    request: HttpRequest, project_id: PathId, commitment_id: PathId
) -> Commitment:
    return _commitment(project_for(request, project_id), commitment_id)


@commitments_router.patch(
    "/{project_id}/commitments/{commitment_id}",
    response={200: CommitmentOut, 409: CommitmentConflict, **BODY_ERRORS},
    summary="Change a commitment, e.g. mark it delivered",
)
def commitment_update(
    request: HttpRequest, project_id: PathId, commitment_id: PathId, payload: CommitmentPatch
) -> Any:
    """Contributors, editors and owners. `{"status": "delivered"}` marks it delivered today."""
    project = project_for(request, project_id, Need.CONTRIBUTE)
    commitment = _commitment(project, commitment_id)
    data = _commitment_refs(project, payload.dict(exclude_unset=True, exclude={"version"}))
    try:
        return services.commitment_update(
            commitment=commitment, data=data, user=request.auth, expected_version=payload.version
        )
    except EditConflict as conflict:
        return conflict_status(conflict.current)


@commitments_router.delete(
    "/{project_id}/commitments/{commitment_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Move a commitment to the bin",
)
def commitment_delete(
    request: HttpRequest, project_id: PathId, commitment_id: PathId
) -> Status[None]:
    """Contributors, editors and owners."""
    project = project_for(request, project_id, Need.CONTRIBUTE)
    services.commitment_delete(commitment=_commitment(project, commitment_id), user=request.auth)
    return Status(204, None)


# Support reviews (read only) ---------------------------------------------------------------

reviews_router = Router(tags=["support reviews"])


def _reviews(project: Project) -> QuerySet[Review]:
    return (
        Review.objects.filter(project=project)
        .prefetch_related(Prefetch("steps", queryset=ReviewStep.objects.order_by("at", "pk")))
        .order_by("-started_at", "-pk")
    )


@reviews_router.get(
    "/{project_id}/reviews",
    response={200: ReviewPage, **READ_ERRORS},
    summary="List a project's support reviews",
)
def review_list(
    request: HttpRequest, project_id: PathId, page: Query[PageParams]
) -> dict[str, Any]:
    """Newest first, each with its steps."""
    return paginate(_reviews(project_for(request, project_id)), page)


@reviews_router.get(
    "/{project_id}/reviews/{review_id}",
    response={200: ReviewOut, **READ_ERRORS},
    summary="Get a support review with its steps",
)
def review_detail(request: HttpRequest, project_id: PathId, review_id: PathId) -> Review:
    return one_or_404(_reviews(project_for(request, project_id)).filter(pk=review_id))


ROUTERS: list[tuple[str, Router]] = [
    ("/projects", moments_router),
    ("/projects", commitments_router),
    ("/projects", reviews_router),
]

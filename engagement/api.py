"""The engagement part of the JSON API: contact moments and commitments (read and write) and
support reviews (read). One router per noun, mounted under /projects like the others:

    api.add_router("/projects", moments_router)
    api.add_router("/projects", commitments_router)
    api.add_router("/projects", reviews_router)

Same access rules as the pages (contributors log and change, viewers read), same error shapes;
writes name the version they started from in `If-Match` (412 with the stored object when it is
stale, 428 when it is missing). Contact moments and commitments are declared as
api.resources.ProjectResource.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema

from accounts.models import User
from api.access import one_or_404, project_for
from api.pagination import PageParams, paginate
from api.resources import ProjectResource, Texts, declare
from api.schemas import (
    READ_ERRORS,
    VERSION_DESCRIPTION,
    Flag,
    Id,
    LongText,
    PathId,
    QueryId,
    Text,
    Version,
    optional,
)
from engagement import selectors, services
from engagement.models import Commitment, ContactMoment, Review, ReviewStep
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
    discussed: LongText = optional(min_length=1, max_length=20_000)
    arguments_for: LongText = optional(max_length=20_000)
    arguments_against: LongText = optional(max_length=20_000)
    win_win: LongText = optional(max_length=20_000)
    agreed: LongText = optional(max_length=20_000)
    follow_up_on: dt.date | None = optional(description="Not before `date`.")
    follow_up_done: Flag = optional()


class MomentIn(_MomentFields):
    kind: MomentKind = "one_to_one"
    date: dt.date
    parties: list[Id] = Field(max_length=200, description="At least one party of the project.")
    discussed: LongText = Field(min_length=1, max_length=20_000)


class MomentPatch(_MomentFields):
    version: Version = optional(description=VERSION_DESCRIPTION)


class MomentFilters(Schema):
    party: QueryId = optional(description="Only contacts with this party.")
    kind: MomentKind = optional()
    member: QueryId = optional(description="Only contacts this member (user id) took part in.")
    start: dt.date = optional(description="On or after this date.")
    end: dt.date = optional(description="On or before this date.")


class MomentPage(Schema):
    count: int
    items: list[MomentOut]



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
    version: Version = optional(description=VERSION_DESCRIPTION)


class CommitmentFilters(Schema):
    status: CommitmentStatus = optional()
    party: QueryId = optional()
    overdue: bool = optional(description="Only overdue (true) or only not overdue (false).")


class CommitmentPage(Schema):
    count: int
    items: list[CommitmentOut]



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


def _in_project(queryset: QuerySet, ids: list[int], name: str) -> list:
    """The objects with these ids in `queryset` (the project's), or a 422 naming the field."""
    found = list(queryset.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({name: _("Choose only items of this project.")})
    return found


def _moment_refs(
    project: Project, data: dict[str, Any], _current: Any = None
) -> dict[str, Any]:
    choices = {
        "parties": Party.objects.filter(project=project),
        "contact_persons": ContactPerson.objects.filter(party__project=project),
        "members": User.objects.filter(memberships__project=project),
    }
    for name, queryset in choices.items():
        if name in data:
            data[name] = _in_project(queryset, data[name], name)
    return data


def _relations(data: dict[str, Any]) -> dict[str, Any]:
    names = ("parties", "contact_persons", "members")
    return {name: data.pop(name) for name in names if name in data}


def _moments(project: Project) -> QuerySet[ContactMoment]:
    return selectors.timeline(project=project, filters={})


def _commitment_refs(
    project: Project, data: dict[str, Any], _current: Any = None
) -> dict[str, Any]:
    if "party" in data:
        parties = Party.objects.filter(project=project)
        data["party"] = _in_project(parties, [data["party"]], "party")[0]
    if data.get("contact_moment") is not None:
        data["contact_moment"] = _in_project(
            ContactMoment.objects.filter(project=project),
            [data["contact_moment"]],
            "contact_moment",
        )[0]
    return data


def _commitments(project: Project) -> QuerySet[Commitment]:
    commitments = Commitment.objects.filter(project=project, party__deleted_at__isnull=True)
    return commitments.select_related("party")


def _commitment_listing(project: Project, filters: dict[str, Any]) -> QuerySet[Commitment]:
    commitments = selectors.commitment_list(project=project, status=filters.get("status"))
    if "party" in filters:
        commitments = commitments.filter(party_id=filters["party"])
    if "overdue" in filters:
        overdue = Commitment.objects.overdue(timezone.localdate()).values("pk")
        commitments = (
            commitments.filter(pk__in=overdue)
            if filters["overdue"]
            else commitments.exclude(pk__in=overdue)
        )
    return commitments


# Contact moments ---------------------------------------------------------------------------

moments_router = declare(
    ProjectResource(
        name="moment",
        path="contact-moments",
        id_name="moment_id",
        model=ContactMoment,
        tag="contact moments",
        texts=Texts(
            list=gettext_lazy("List and filter a project's contact moments"),
            create=gettext_lazy("Log a contact moment"),
            detail=gettext_lazy("Get a contact moment"),
            update=gettext_lazy("Change a contact moment"),
            delete=gettext_lazy("Move a contact moment to the bin"),
            list_description=gettext_lazy("Newest first, as on the contact timeline."),
            create_description=gettext_lazy("Contributors, editors and owners."),
            update_description=gettext_lazy(
                "Contributors, editors and owners. Lists (parties, "
                "contact_persons, members) replace the stored ones; `If-Match` as for parties."
            ),
            delete_description=gettext_lazy(
                "Contributors, editors and owners; it can be restored from the project's bin."
            ),
        ),
        out=MomentOut,
        create_in=MomentIn,
        patch_in=MomentPatch,
        objects=_moments,
        create=lambda project, data, user: services.moment_create(
            project=project, user=user, **_relations(data), data=data
        ),
        update=lambda moment, data, user, version: services.moment_update(
            moment=moment, user=user, expected_version=version, **_relations(data), data=data
        ),
        delete=lambda moment, user: services.moment_delete(moment=moment, user=user),
        need=Need.CONTRIBUTE,
        refs=_moment_refs,
        filters=MomentFilters,
        listing=lambda project, filters: selectors.timeline(project=project, filters=filters),
        page=MomentPage,
        router=Router(tags=["contact moments"]),
    )
)


# Commitments -------------------------------------------------------------------------------

commitments_router = declare(
    ProjectResource(
        name="commitment",
        path="commitments",
        id_name="commitment_id",
        model=Commitment,
        tag="commitments",
        texts=Texts(
            list=gettext_lazy("List a project's commitments"),
            create=gettext_lazy("Add a commitment"),
            detail=gettext_lazy("Get a commitment"),
            update=gettext_lazy("Change a commitment, e.g. mark it delivered"),
            delete=gettext_lazy("Move a commitment to the bin"),
            list_description=gettext_lazy("By end date, earliest first."),
            create_description=gettext_lazy("Contributors, editors and owners."),
            update_description=gettext_lazy(
                'Contributors, editors and owners. `{"status": "delivered"}` '
                "marks it delivered today."
            ),
            delete_description=gettext_lazy("Contributors, editors and owners."),
        ),
        out=CommitmentOut,
        create_in=CommitmentIn,
        patch_in=CommitmentPatch,
        objects=_commitments,
        create=lambda project, data, user: services.commitment_create(
            project=project, data=data, user=user
        ),
        update=lambda commitment, data, user, version: services.commitment_update(
            commitment=commitment, data=data, user=user, expected_version=version
        ),
        delete=lambda commitment, user: services.commitment_delete(
            commitment=commitment, user=user
        ),
        need=Need.CONTRIBUTE,
        refs=_commitment_refs,
        filters=CommitmentFilters,
        listing=_commitment_listing,
        page=CommitmentPage,
        router=Router(tags=["commitments"]),
    )
)


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
    summary=gettext_lazy("List a project's support reviews"),
    description=gettext_lazy("Newest first, each with its steps."),
)
def review_list(
    request: HttpRequest, project_id: PathId, page: Query[PageParams]
) -> dict[str, Any]:
    return paginate(_reviews(project_for(request, project_id)), page)


@reviews_router.get(
    "/{project_id}/reviews/{review_id}",
    response={200: ReviewOut, **READ_ERRORS},
    summary=gettext_lazy("Get a support review with its steps"),
)
def review_detail(request: HttpRequest, project_id: PathId, review_id: PathId) -> Review:
    return one_or_404(_reviews(project_for(request, project_id)).filter(pk=review_id))


ROUTERS: list[tuple[str, Router]] = [
    ("/projects", moments_router),
    ("/projects", commitments_router),
    ("/projects", reviews_router),
]

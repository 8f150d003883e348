"""Board profiles and decision moments in the JSON API, declared as project resources: the
same services and rules as the pages (contributors add and change them, deleting moves them to
the bin)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema

from api.resources import ProjectResource, Texts, declare
from api.schemas import (
    VERSION_DESCRIPTION,
    Id,
    LongText,
    PartyRef,
    Text,
    Version,
    optional,
)
from governance import services
from governance.models import BoardProfile, DecisionMoment, InformedBy, PolicyArea
from parties.models import Layer, Party
from projects.access import Need
from projects.models import Project

Area = Literal[tuple(PolicyArea.values)]
Channel = Literal[tuple(InformedBy.values)]
DecisionKind = Literal[tuple(DecisionMoment.Kind.values)]
DecisionStatus = Literal[tuple(DecisionMoment.Status.values)]
DecisionOutcome = Literal[("", *DecisionMoment.Outcome.values)]
# The decision moment has a field named `date`, which would hide the type inside its schemas.
Day = date


# Board profiles ----------------------------------------------------------------------------


class BoardProfileOut(Schema):
    id: int
    party: PartyRef
    portfolios: str
    policy_areas: list[str]
    political_group: str
    term_start: date | None
    term_end: date | None
    drivers: str
    informed_by: list[str]
    informing_note: str
    arguments_worked: str
    arguments_failed: str
    last_briefed_on: date | None
    version: int
    created_at: datetime
    updated_at: datetime


class _ProfileFields(Schema):
    portfolios: LongText = optional(max_length=5000)
    policy_areas: list[Area] = optional(max_length=len(PolicyArea.values))
    political_group: Text = optional(max_length=200)
    term_start: date | None = optional()
    term_end: date | None = optional()
    drivers: LongText = optional(max_length=10000)
    informed_by: list[Channel] = optional(max_length=len(InformedBy.values))
    informing_note: LongText = optional(max_length=5000)
    arguments_worked: LongText = optional(max_length=10000)
    arguments_failed: LongText = optional(max_length=10000)
    last_briefed_on: date | None = optional()


class BoardProfileIn(_ProfileFields):
    party: Id = Field(description="Id of a party of this project of the board layer.")


class BoardProfilePatch(_ProfileFields):
    version: Version = optional(description=VERSION_DESCRIPTION)


def _profiles(project: Project) -> QuerySet[BoardProfile]:
    return (
        BoardProfile.objects.filter(party__project=project, party__deleted_at__isnull=True)
        .select_related("party")
        .order_by("party__sort_name", "pk")
    )


def _board_party(project: Project, data: dict[str, Any], _current: Any = None) -> dict[str, Any]:
    if "party" in data:
        party = Party.objects.filter(project=project, pk=data["party"]).first()
        if party is None:
            raise ValidationError({"party": _("Choose a party of this project.")})
        if party.layer != Layer.BOARD:
            raise ValidationError(
                {"party": _("Only a party of the board layer has a board profile.")}
            )
        data["party"] = party
    for field in ("policy_areas", "informed_by"):
        if field in data:
            data[field] = list(dict.fromkeys(data[field]))
    return data


def _profile_create(project: Project, data: dict[str, Any], user) -> BoardProfile:
    party = data.pop("party")
    return services.profile_create(party=party, data=data, user=user)


profiles_router = declare(
    ProjectResource(
        name="board_profile",
        path="board-profiles",
        id_name="profile_id",
        model=BoardProfile,
        tag="board",
        texts=Texts(
            list=gettext_lazy("List the board profiles"),
            create=gettext_lazy("Add a board profile to a party of the board layer"),
            detail=gettext_lazy("Get a board profile"),
            update=gettext_lazy("Change a board profile"),
            delete=gettext_lazy("Move a board profile to the bin"),
            create_description=gettext_lazy(
                "Contributors, editors and owners. One profile per party."
            ),
            update_description=gettext_lazy(
                "Contributors, editors and owners; `If-Match` as for parties."
            ),
            delete_description=gettext_lazy("Contributors, editors and owners; the party stays."),
        ),
        out=BoardProfileOut,
        create_in=BoardProfileIn,
        patch_in=BoardProfilePatch,
        objects=_profiles,
        create=_profile_create,
        update=lambda profile, data, user, version: services.profile_update(
            profile=profile, data=data, user=user, expected_version=version
        ),
        delete=lambda profile, user: services.profile_delete(profile=profile, user=user),
        need=Need.CONTRIBUTE,
        refs=_board_party,
        router=Router(tags=["board"]),
    )
)


# Decision moments --------------------------------------------------------------------------


class DecisionMomentOut(Schema):
    id: int
    kind: DecisionKind
    title: str
    date: Day
    body: PartyRef | None = Field(description="The party that decides, if one is set.")
    papers_due: Day | None
    ask: str
    status: DecisionStatus
    outcome: str = Field(description="adopted, rejected or postponed once decided; else empty.")
    outcome_note: str
    source_uid: str = Field(description="UID of the imported calendar item, if imported.")
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_body(obj: Any) -> Any:
        body = obj.body
        return body if body is not None and body.deleted_at is None else None


class _DecisionFields(Schema):
    kind: DecisionKind = optional()
    title: Text = optional(max_length=200)
    date: Day = optional()
    body: Id | None = optional(description="Id of a party of this project, or null.")
    papers_due: Day | None = optional()
    ask: LongText = optional(max_length=10000)
    status: DecisionStatus = optional()
    outcome: DecisionOutcome = optional()
    outcome_note: LongText = optional(max_length=10000)


class DecisionMomentIn(_DecisionFields):
    kind: DecisionKind = "council"
    date: Day = Field()


class DecisionMomentPatch(_DecisionFields):
    version: Version = optional(description=VERSION_DESCRIPTION)


class DecisionFilters(Schema):
    status: DecisionStatus = optional()
    kind: DecisionKind = optional()
    date__gte: Day = optional(alias="from", description="Only moments on or after this day.")


def _decisions(project: Project) -> QuerySet[DecisionMoment]:
    return DecisionMoment.objects.filter(project=project).select_related("body").order_by(
        "date", "pk"
    )


def _body(project: Project, data: dict[str, Any], _current: Any = None) -> dict[str, Any]:
    if data.get("body") is not None:
        party = Party.objects.filter(project=project, pk=data["body"]).first()
        if party is None:
            raise ValidationError({"body": _("Choose a party of this project.")})
        data["body"] = party
    return data


decisions_router = declare(
    ProjectResource(
        name="decision_moment",
        path="decision-moments",
        id_name="decision_id",
        model=DecisionMoment,
        tag="decision calendar",
        texts=Texts(
            list=gettext_lazy("List the decision calendar"),
            create=gettext_lazy("Add a decision moment"),
            detail=gettext_lazy("Get a decision moment"),
            update=gettext_lazy("Change a decision moment"),
            delete=gettext_lazy("Move a decision moment to the bin"),
            list_description=gettext_lazy(
                "By date. An outcome is given once the status is `decided`."
            ),
            create_description=gettext_lazy("Contributors, editors and owners."),
            update_description=gettext_lazy(
                "Contributors, editors and owners; `If-Match` as for parties."
            ),
            delete_description=gettext_lazy("Contributors, editors and owners."),
        ),
        out=DecisionMomentOut,
        create_in=DecisionMomentIn,
        patch_in=DecisionMomentPatch,
        objects=_decisions,
        create=lambda project, data, user: services.decision_create(
            project=project, data=data, user=user
        ),
        update=lambda decision, data, user, version: services.decision_update(
            decision=decision, data=data, user=user, expected_version=version
        ),
        delete=lambda decision, user: services.decision_delete(decision=decision, user=user),
        need=Need.CONTRIBUTE,
        refs=_body,
        filters=DecisionFilters,
        router=Router(tags=["decision calendar"]),
    )
)

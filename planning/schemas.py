"""Input and output shapes of the planning API, in the style of api/schemas.py."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.utils.translation import get_language
from ninja import Field, Schema

from api.schemas import (
    MAX_ID,
    VERSION_DESCRIPTION,
    Id,
    LongText,
    PartyRef,
    QueryId,
    Text,
    Version,
    _literal,
    optional,
)
from planning.models import ParticipationActivity, Phase, PlanAction, Precondition, Region
from projects.models import Project

PhaseChoice = _literal(Phase)
StatusChoice = _literal(PlanAction.Status)
PreconditionKind = _literal(Precondition.Kind)
ParticipationKind = _literal(ParticipationActivity.Kind)
People = Annotated[int, Field(strict=True, ge=0, le=2_147_483_647)]
Url = Annotated[Text, Field(max_length=500)]


class MemberRef(Schema):
    id: int
    name: str


# Plan actions ------------------------------------------------------------------------------


class PreconditionOut(Schema):
    id: int
    kind: PreconditionKind
    amount: float | None = Field(description="Hours or euros; none for other means.")
    description: str
    from_party: PartyRef | None
    from_text: str

    @staticmethod
    def resolve_amount(obj: Any) -> float | None:
        return None if obj.amount is None else float(obj.amount)

    @staticmethod
    def resolve_from_party(obj: Any) -> Any:
        party = obj.from_party
        return party if party is not None and party.deleted_at is None else None


class PlanActionOut(Schema):
    id: int
    title: str
    description: str
    phase: PhaseChoice
    party: PartyRef | None = Field(description="The party that carries the action.")
    member: MemberRef | None = Field(description="The project member who carries it.")
    role: str
    starts_on: date | None
    ends_on: date | None
    status: StatusChoice
    preconditions: list[PreconditionOut]
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_party(obj: Any) -> Any:
        return obj.live_party

    @staticmethod
    def resolve_member(obj: Any) -> dict[str, Any] | None:
        if obj.member is None:
            return None
        return {"id": obj.member.pk, "name": obj.member.get_full_name() or obj.member.username}

    @staticmethod
    def resolve_preconditions(obj: Any) -> list[Any]:
        return list(obj.preconditions.all())


class _PlanActionFields(Schema):
    title: Text = optional(min_length=1, max_length=200)
    description: LongText = optional()
    phase: PhaseChoice = optional()
    party: Id | None = optional(description="Id of a party of this project, or null.")
    member: Id | None = optional(description="User id of a member of this project, or null.")
    role: Text = optional(max_length=200)
    starts_on: date | None = optional()
    ends_on: date | None = optional(description="Not before starts_on.")
    status: StatusChoice = optional()


class PlanActionIn(_PlanActionFields):
    title: Text = Field(min_length=1, max_length=200)


class PlanActionPatch(_PlanActionFields):
    version: Version = optional(description=VERSION_DESCRIPTION)


class PlanActionFilters(Schema):
    phase: PhaseChoice = optional()
    status: StatusChoice = optional()
    party: QueryId = optional(description="Only actions carried by this party.")


class PlanActionPage(Schema):
    count: int
    items: list[PlanActionOut]



# Participation -----------------------------------------------------------------------------


class ActivityOut(Schema):
    id: int
    kind: ParticipationKind
    title: str
    starts_on: date
    ends_on: date | None
    segment_id: int | None
    people_reached: int
    expectations: str
    follow_up: str
    version: int
    created_at: datetime
    updated_at: datetime


class _ActivityFields(Schema):
    kind: ParticipationKind = optional()
    title: Text = optional(min_length=1, max_length=200)
    starts_on: date = optional()
    ends_on: date | None = optional(description="Not before starts_on.")
    segment: Id | None = optional(description="Id of a segment of this project, or null.")
    people_reached: People = optional()
    expectations: LongText = optional()
    follow_up: LongText = optional()


class ActivityIn(_ActivityFields):
    title: Text = Field(min_length=1, max_length=200)
    starts_on: date


class ActivityPatch(_ActivityFields):
    version: Version = optional(description=VERSION_DESCRIPTION)


class ActivityPage(Schema):
    count: int
    items: list[ActivityOut]



class SegmentReachOut(Schema):
    segment_id: int | None = Field(description="None: activities for the whole target group.")
    name: str
    activities: int
    people: int
    gap: bool = Field(description="A segment no activity has involved yet.")


class ParticipationSummary(Schema):
    activities: int
    people: int
    segments: list[SegmentReachOut]


# Successes ---------------------------------------------------------------------------------


class SuccessOut(Schema):
    id: int
    title: str
    description: str
    achieved_on: date
    parties: list[int] = Field(description="Ids of the parties behind it.")
    evidence_text: str
    evidence_url: str
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_parties(obj: Any) -> list[int]:
        return [party.pk for party in obj.parties.all() if party.deleted_at is None]


class _SuccessFields(Schema):
    title: Text = optional(min_length=1, max_length=200)
    description: LongText = optional()
    achieved_on: date = optional()
    parties: list[Id] = optional(max_length=500, description="Replaces the list.")
    evidence_text: LongText = optional()
    evidence_url: Url = optional()


class SuccessIn(_SuccessFields):
    title: Text = Field(min_length=1, max_length=200)
    achieved_on: date


class SuccessPatch(_SuccessFields):
    version: Version = optional(description=VERSION_DESCRIPTION)


class SuccessPage(Schema):
    count: int
    items: list[SuccessOut]



class SuccessMessageOut(Schema):
    id: int
    title: str
    audience: str
    text: str
    successes: list[int]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_successes(obj: Any) -> list[int]:
        return [success.pk for success in obj.successes.all() if success.deleted_at is None]


# The step plan -----------------------------------------------------------------------------


class StepItemOut(Schema):
    key: str
    text: str
    ticked: bool
    ticked_on: date | None
    ticked_by: MemberRef | None
    evidence_text: str
    evidence_url: str
    version: int = Field(description="0 when the item was never ticked.")


class StepOut(Schema):
    key: str
    number: int
    title: str
    done: int
    total: int
    items: list[StepItemOut]


class StepPlanOut(Schema):
    done: int
    total: int
    steps: list[StepOut]


class StepTickIn(Schema):
    evidence_text: LongText = Field("", max_length=5000)
    evidence_url: Url = ""
    ticked_on: date | None = Field(None, description="Default today; not in the future.")
    version: int | None = Field(
        None, ge=0, le=MAX_ID, strict=True,
        description=VERSION_DESCRIPTION + " Send 0 for an item that was never ticked.",
    )


class StepItemConflict(Schema):
    detail: str
    current: StepItemOut



# Who can help ------------------------------------------------------------------------------

RegionChoice = _literal(Region)
ThemeChoice = _literal(Project.Theme)


class OrganisationRef(Schema):
    id: int
    name: str


class HelperOut(Schema):
    id: int
    name: str
    region: RegionChoice
    themes: list[str] = Field(description="Theme keys; empty: helps with every theme.")
    helps_with: str = Field(description="In the language of the answer where there is one.")
    website: str
    contact: str
    shipped: bool = Field(description="Shipped with Draagvlak; only your own entries change.")
    organisation: OrganisationRef | None = Field(description="The organisation that added it.")
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_helps_with(obj: Any) -> str:
        return obj.helps_with_in(get_language() or "nl")

    @staticmethod
    def resolve_shipped(obj: Any) -> bool:
        return obj.is_shipped


class HelperFilters(Schema):
    region: RegionChoice = optional()
    theme: ThemeChoice = optional(description="Entries for this theme or for every theme.")
    q: Text = optional(max_length=200, description="Words in the name or what it helps with.")


class _HelperFields(Schema):
    name: Text = optional(min_length=1, max_length=200)
    region: RegionChoice = optional()
    themes: list[ThemeChoice] = optional(max_length=20, description="Empty: every theme.")
    helps_with: LongText = optional(min_length=1, max_length=5000)
    website: Text = optional(max_length=300)
    contact: Text = optional(max_length=300)


class HelperIn(_HelperFields):
    name: Text = Field(min_length=1, max_length=200)
    region: RegionChoice
    helps_with: LongText = Field(min_length=1, max_length=5000)
    organisation: Id = optional(
        description="Which of your organisations adds it; default your first."
    )


class HelperPatch(_HelperFields):
    version: Version = optional(description=VERSION_DESCRIPTION)


class HelperConflict(Schema):
    detail: str
    current: HelperOut

"""The API's input and output shapes. Inputs mirror the models' rules, so most mistakes are
answered with 422 before a service runs; the services' own `full_clean` catches the rest."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Path, Schema
from pydantic import AfterValidator, BeforeValidator, StrictBool, StringConstraints, field_validator

from lib.text import strip_control_characters
from parties.models import ContactPerson, Engagement, Layer, Party, Quadrant, Relation
from projects.models import Project, Role

# The largest id a 64-bit primary key can hold; larger numbers would overflow the database.
MAX_ID = 2**63 - 1


def _single_line(value: Any) -> Any:
    # Before the length checks, so that a name of control characters alone counts as empty.
    return strip_control_characters(value) if isinstance(value, str) else value


def _multi_line(value: Any) -> Any:
    return strip_control_characters(value, multiline=True) if isinstance(value, str) else value


def _valid_unicode(value: str) -> str:
    # JSON may escape a lone surrogate, which no database can store.
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(_("Text must be valid Unicode.")) from error
    return value


# A name, title or other one-line text: every C0 and C1 control character is removed.
Text = Annotated[
    str,
    BeforeValidator(_single_line),
    StringConstraints(strip_whitespace=True),
    AfterValidator(_valid_unicode),
]
# Notes and descriptions: tab and newline stay (CR LF becomes LF), other controls go.
LongText = Annotated[
    str,
    BeforeValidator(_multi_line),
    StringConstraints(strip_whitespace=True),
    AfterValidator(_valid_unicode),
]
# Numbers in a JSON body are numbers: "4", 4.0 and true are refused, as the pages refuse them.
StrictInt = Annotated[int, Field(strict=True)]
Id = Annotated[int, Field(strict=True, ge=1, le=MAX_ID)]
# Query parameters arrive as text, so their ids are converted.
QueryId = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
Flag = StrictBool


def _literal(choices: Any) -> Any:
    return Literal[tuple(choices.values)]


PartyKind = _literal(Party.Kind)
LayerChoice = _literal(Layer)
SectorChoice = _literal(Party.Sector)
PartyRoleChoice = _literal(Party.ProjectRole)
RingChoice = _literal(Party.Ring)
EngagementChoice = _literal(Engagement)
ThemeChoice = _literal(Project.Theme)
RoleChoice = _literal(Role)
RelationKind = _literal(Relation.Kind)
LegalBasisChoice = _literal(ContactPerson.LegalBasis)
QuadrantChoice = Literal[(*Quadrant.values, "unassessed")]
SortChoice = Literal[
    "name", "-name", "-power", "-interest", "attitude", "-attitude", "layer", "-updated"
]
Score = Annotated[int, Field(strict=True, ge=1, le=5)]
AttitudeScore = Annotated[int, Field(strict=True, ge=-2, le=2)]
QueryAttitude = Annotated[int, Field(ge=-2, le=2)]
Version = Annotated[int, Field(strict=True, ge=1, le=MAX_ID)]


def _without_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def optional(**constraints: Any) -> Any:
    """A field that may be left out (a PATCH changes only what it names) but, when given,
    must hold a real value: `null` is refused unless the type allows it."""
    return Field(None, json_schema_extra=_without_default, **constraints)


VERSION_DESCRIPTION = (
    "Older alternative to the If-Match header: the version the client last read. If the "
    "stored object has moved on, nothing is saved and the answer is 412 with the stored object."
)


# Errors ------------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str


class FieldError(Schema):
    loc: list[str | int] = Field(description='Where the error is, e.g. ["body", "name"].')
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: list[FieldError]


# Projects and members ----------------------------------------------------------------------


class OrganisationRef(Schema):
    id: int
    name: str


class ProjectOut(Schema):
    id: int
    title: str
    theme: ThemeChoice
    theme_other: str
    organisation: OrganisationRef
    target_group: str
    start_date: date | None
    vision: str
    quadrant_threshold: int
    retention_months: int | None
    version: int
    created_at: datetime
    updated_at: datetime


class ProjectSummary(ProjectOut):
    role: RoleChoice = Field(description="The caller's role in the project.")


class ProjectPatch(Schema):
    title: Text = optional(min_length=1, max_length=200)
    theme: ThemeChoice = optional()
    theme_other: Text = optional(max_length=200)
    target_group: LongText = optional()
    start_date: date | None = optional()
    vision: LongText = optional()
    quadrant_threshold: StrictInt = optional(ge=2, le=5)
    retention_months: StrictInt | None = optional(ge=1, le=240)
    version: Version = optional(description=VERSION_DESCRIPTION)


class ProjectIn(Schema):
    title: Text = Field(min_length=1, max_length=200)
    theme: ThemeChoice
    theme_other: Text = optional(max_length=200, description="Required for the theme 'other'.")
    organisation: Id | None = optional(
        description="Id of one of your organisations; leave out to name a new one."
    )
    new_organisation: Text = optional(
        min_length=1, max_length=200, description="The name of a new organisation."
    )
    target_group: LongText = optional()
    start_date: date | None = optional()
    vision: LongText = optional()
    quadrant_threshold: StrictInt = optional(ge=2, le=5)
    retention_months: StrictInt | None = optional(ge=1, le=240)


class ProjectConflict(Schema):
    detail: str
    current: ProjectOut


class MemberOut(Schema):
    user_id: int
    username: str
    name: str
    role: RoleChoice

    @staticmethod
    def resolve_username(obj: Any) -> str:
        return obj.user.username

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.user.get_full_name() or obj.user.username


class MemberIn(Schema):
    email: Text = Field(max_length=254, description="Where the invitation goes.")
    role: RoleChoice = Field(description="The role they get when they accept.")


class InvitationOut(Schema):
    email: str
    role: RoleChoice
    outcome: Literal["invited", "renewed"] = Field(
        description="renewed: an open invitation to this address got the new role and link."
    )


# Segments ----------------------------------------------------------------------------------


class SegmentOut(Schema):
    id: int
    name: str
    description: str
    version: int


class SegmentPatch(Schema):
    name: Text = optional(min_length=1, max_length=200)
    description: LongText = optional()


class SegmentIn(SegmentPatch):
    name: Text = Field(min_length=1, max_length=200)


# Assessments -------------------------------------------------------------------------------


class AssessmentOut(Schema):
    id: int
    party_id: int
    assessed_on: date
    assessed_by_id: int | None
    power: int
    interest: int
    legitimacy: int
    urgency: int
    attitude: int
    engagement_current: EngagementChoice
    engagement_desired: EngagementChoice
    note: str
    created_at: datetime


class AssessmentIn(Schema):
    assessed_on: date = Field(description="Not in the future.")
    power: Score
    interest: Score
    legitimacy: Score
    urgency: Score
    attitude: AttitudeScore = Field(
        description="-2 strong opposition … 0 neutral … +2 strong support."
    )
    engagement_current: EngagementChoice
    engagement_desired: EngagementChoice
    note: LongText = ""

    @field_validator("assessed_on")
    @classmethod
    def _not_in_future(cls, value: date) -> date:
        if value > timezone.localdate():
            raise ValueError(_("An assessment cannot be dated in the future."))
        return value


# Parties -----------------------------------------------------------------------------------


class PartyOut(Schema):
    id: int
    name: str
    official_code: str = Field(description="KvK number or KBO enterprise number; may be empty.")
    kind: PartyKind
    is_internal: bool
    layer: LayerChoice
    sector: SectorChoice
    role: PartyRoleChoice
    ring: RingChoice
    goals: str
    interests: str
    activities: str
    position: str
    working_methods: str
    health_contribution: str
    theme_expertise: str
    works_with_vulnerable_groups: bool
    speaks_for_target_group: bool = Field(
        description="A residents' group, a sounding-board group or people from the target "
        "group themselves."
    )
    in_core_group: bool
    own_identity: str
    segments: list[int] = Field(description="Ids of the target-group segments it reaches.")
    version: int
    created_at: datetime
    updated_at: datetime
    latest_assessment: AssessmentOut | None

    @staticmethod
    def resolve_segments(obj: Any) -> list[int]:
        return [segment.pk for segment in obj.segments.all()]


class _PartyFields(Schema):
    name: Text = optional(min_length=1, max_length=200)
    official_code: Text = optional(
        max_length=40, description="KvK number (Netherlands) or KBO enterprise number (Flanders)."
    )
    kind: PartyKind = optional()
    is_internal: Flag = optional()
    layer: LayerChoice = optional()
    sector: SectorChoice = optional()
    role: PartyRoleChoice = optional()
    ring: RingChoice = optional()
    goals: LongText = optional()
    interests: LongText = optional()
    activities: LongText = optional()
    position: LongText = optional()
    working_methods: LongText = optional()
    health_contribution: LongText = optional()
    theme_expertise: LongText = optional()
    works_with_vulnerable_groups: Flag = optional()
    speaks_for_target_group: Flag = optional(
        description="Speaks for the target group: a residents' group, a sounding-board group "
        "or people from the target group themselves."
    )
    in_core_group: Flag = optional()
    own_identity: LongText = optional()
    segments: list[Id] = optional(
        max_length=500, description="Ids of segments of this project; replaces the list."
    )


class PartyIn(_PartyFields):
    name: Text = Field(min_length=1, max_length=200)


class PartyPatch(_PartyFields):
    version: Version = optional(description=VERSION_DESCRIPTION)


class PartyFilters(Schema):
    q: Text = optional(max_length=200, description="Words in the name, texts or contacts.")
    layer: LayerChoice = optional()
    sector: SectorChoice = optional()
    role: PartyRoleChoice = optional()
    ring: RingChoice = optional()
    attitude: QueryAttitude = optional(description="Attitude of the latest assessment.")
    engagement: EngagementChoice = optional(
        description="Current engagement of the latest assessment."
    )
    quadrant: QuadrantChoice = optional(description="Power/interest quadrant.")
    core: Literal["yes", "no"] = optional(description="In the core group or not.")
    sort: SortChoice = optional(description="Default: name.")


class PartyPage(Schema):
    count: int
    items: list[PartyOut]


class PartyConflict(Schema):
    detail: str
    current: PartyOut


# Contact persons ---------------------------------------------------------------------------


class ContactOut(Schema):
    id: int
    party_id: int
    name: str
    function: str
    email: str
    phone: str
    legal_basis: LegalBasisChoice
    do_not_contact: bool
    version: int
    created_at: datetime
    updated_at: datetime


class _ContactFields(Schema):
    name: Text = optional(min_length=1, max_length=200)
    function: Text = optional(max_length=200)
    email: Text = optional(max_length=254)
    phone: Text = optional(max_length=40)
    legal_basis: LegalBasisChoice = optional()
    do_not_contact: Flag = optional()


class ContactIn(_ContactFields):
    name: Text = Field(min_length=1, max_length=200)


class ContactPatch(_ContactFields):
    version: Version = optional(description=VERSION_DESCRIPTION)


class ContactConflict(Schema):
    detail: str
    current: ContactOut


# Relations ---------------------------------------------------------------------------------


class PartyRef(Schema):
    id: int
    name: str


class RelationOut(Schema):
    id: int
    source: PartyRef
    target: PartyRef
    kind: RelationKind
    strength: int
    started_on: date | None
    ended_on: date | None
    note: str
    version: int
    created_at: datetime
    updated_at: datetime


class _RelationFields(Schema):
    source: Id = optional(description="Id of a party of this project.")
    target: Id = optional(description="Id of another party of this project.")
    kind: RelationKind = optional()
    strength: Score = optional()
    started_on: date | None = optional()
    ended_on: date | None = optional()
    note: LongText = optional()


class RelationIn(_RelationFields):
    source: Id = Field(description="Id of a party of this project.")
    target: Id = Field(description="Id of another party of this project.")


class RelationPatch(_RelationFields):
    version: Version = optional(description=VERSION_DESCRIPTION)


class RelationFilters(Schema):
    kind: RelationKind = optional()
    party: QueryId = optional(description="Only relations from or to this party.")


class RelationPage(Schema):
    count: int
    items: list[RelationOut]


class RelationConflict(Schema):
    detail: str
    current: RelationOut


# Error answers each operation documents ----------------------------------------------------

READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
# Writes to versioned objects: 428 when they do not say which version they started from.
PRECONDITION_ERRORS: dict[int, Any] = {428: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 403: ErrorOut}
# Operations with a JSON body also answer 400 when the body is not JSON at all.
BODY_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 400: ErrorOut}

"""The planning part of the JSON API: plan actions, participation activities, successes and
the step plan. Mounted under /api/v1/projects by api/v1.py; the same rules as the pages:
reading needs a membership, plan actions need the editor role to change, the rest the
contributor role."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from accounts.models import User
from api.access import one_or_404, project_for
from api.errors import conflict_status
from api.pagination import PageParams, paginate
from api.schemas import BODY_ERRORS, MAX_ID, READ_ERRORS, WRITE_ERRORS, PathId
from lib.concurrency import EditConflict
from parties.models import Party
from planning import selectors, services
from planning.models import ParticipationActivity, PlanAction, Success
from planning.schemas import (
    ActivityConflict,
    ActivityIn,
    ActivityOut,
    ActivityPage,
    ActivityPatch,
    ParticipationSummary,
    PlanActionConflict,
    PlanActionFilters,
    PlanActionIn,
    PlanActionOut,
    PlanActionPage,
    PlanActionPatch,
    StepItemConflict,
    StepItemOut,
    StepPlanOut,
    StepTickIn,
    SuccessConflict,
    SuccessIn,
    SuccessMessageOut,
    SuccessOut,
    SuccessPage,
    SuccessPatch,
)
from planning.steps import ITEMS
from projects.access import Need
from projects.models import Project, TargetSegment

actions_router = Router(tags=["plan"])
participation_router = Router(tags=["participation"])
successes_router = Router(tags=["successes"])
steps_router = Router(tags=["step plan"])

M = TypeVar("M", bound=Model)
VersionParam = Annotated[
    int | None,
    Query(ge=0, le=MAX_ID, description="The version the client last read; 409 if it moved on."),
]


def _in_project(model: type[Model], project: Project, pk: int | None, field: str) -> Any:
    """The object of the project with this id; an id of no such object is a 422."""
    if pk is None:
        return None
    found = model.objects.filter(project=project, pk=pk).first()
    if found is None:
        raise ValidationError({field: _("Choose an item of this project.")})
    return found


def _member(project: Project, pk: int | None) -> User | None:
    if pk is None:
        return None
    found = User.objects.filter(pk=pk, memberships__project=project).first()
    if found is None:
        raise ValidationError({"member": _("Choose a member of this project.")})
    return found


# Plan actions ------------------------------------------------------------------------------


def _action_for(
    request: HttpRequest, project_id: int, action_id: int, need: Need = Need.VIEW
) -> PlanAction:
    project = project_for(request, project_id, need)
    return one_or_404(selectors.plan_actions(project=project).filter(pk=action_id))


def _action_data(project: Project, data: dict[str, Any]) -> dict[str, Any]:
    if "party" in data:
        data["party"] = _in_project(Party, project, data["party"], "party")
    if "member" in data:
        data["member"] = _member(project, data["member"])
    return data


@actions_router.get(
    "/{project_id}/plan/actions",
    response={200: PlanActionPage, **READ_ERRORS},
    summary="List the actions of the shared plan",
)
def plan_action_list(
    request: HttpRequest,
    project_id: PathId,
    filters: Query[PlanActionFilters],
    page: Query[PageParams],
) -> dict[str, Any]:
    """By start date; with who carries each action and what it needs."""
    project = project_for(request, project_id)
    actions = selectors.plan_actions(project=project)
    for name, value in filters.dict(exclude_none=True).items():
        actions = actions.filter(**{"party_id" if name == "party" else name: value})
    return paginate(actions, page)


@actions_router.post(
    "/{project_id}/plan/actions",
    response={201: PlanActionOut, **BODY_ERRORS},
    summary="Add an action to the shared plan",
)
def plan_action_create(
    request: HttpRequest, project_id: PathId, payload: PlanActionIn
) -> Status[PlanAction]:
    """Editors and owners."""
    project = project_for(request, project_id, Need.EDIT)
    action = services.plan_action_create(
        project=project,
        data=_action_data(project, payload.dict(exclude_unset=True)),
        user=request.auth,
    )
    return Status(201, action)


@actions_router.get(
    "/{project_id}/plan/actions/{action_id}",
    response={200: PlanActionOut, **READ_ERRORS},
    summary="Get an action of the shared plan",
)
def plan_action_detail(request: HttpRequest, project_id: PathId, action_id: PathId) -> PlanAction:
    return _action_for(request, project_id, action_id)


@actions_router.patch(
    "/{project_id}/plan/actions/{action_id}",
    response={200: PlanActionOut, 409: PlanActionConflict, **BODY_ERRORS},
    summary="Change an action of the shared plan",
)
def plan_action_update(
    request: HttpRequest, project_id: PathId, action_id: PathId, payload: PlanActionPatch
) -> Any:
    """Editors and owners; send `version` to be warned (409) when someone saved in between."""
    action = _action_for(request, project_id, action_id, Need.EDIT)
    data = _action_data(action.project, payload.dict(exclude_unset=True, exclude={"version"}))
    try:
        return services.plan_action_update(
            action=action, data=data, user=request.auth, expected_version=payload.version
        )
    except EditConflict as conflict:
        return conflict_status(conflict.current)


@actions_router.delete(
    "/{project_id}/plan/actions/{action_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Move an action of the shared plan to the bin",
)
def plan_action_delete(request: HttpRequest, project_id: PathId, action_id: PathId) -> Status[None]:
    """Editors and owners. The action and its preconditions can be restored from the bin."""
    action = _action_for(request, project_id, action_id, Need.EDIT)
    services.plan_action_delete(action=action, user=request.auth)
    return Status(204, None)


# Participation -----------------------------------------------------------------------------


def _activity_for(
    request: HttpRequest, project_id: int, activity_id: int, need: Need = Need.VIEW
) -> ParticipationActivity:
    project = project_for(request, project_id, need)
    return one_or_404(selectors.participation_activities(project=project).filter(pk=activity_id))


def _activity_data(project: Project, data: dict[str, Any]) -> dict[str, Any]:
    if "segment" in data:
        data["segment"] = _in_project(TargetSegment, project, data["segment"], "segment")
    return data


@participation_router.get(
    "/{project_id}/participation/activities",
    response={200: ActivityPage, **READ_ERRORS},
    summary="List the participation activities of the target group",
)
def participation_list(
    request: HttpRequest, project_id: PathId, page: Query[PageParams]
) -> dict[str, Any]:
    """Newest first."""
    project = project_for(request, project_id)
    return paginate(selectors.participation_activities(project=project), page)


@participation_router.get(
    "/{project_id}/participation/summary",
    response={200: ParticipationSummary, **READ_ERRORS},
    summary="Activities and people reached per segment",
)
def participation_summary(request: HttpRequest, project_id: PathId) -> dict[str, Any]:
    """A segment that no activity has involved yet is flagged as a gap."""
    overview = selectors.participation(project=project_for(request, project_id))
    return {
        "activities": len(overview.activities),
        "people": overview.people_total,
        "segments": [
            {
                "segment_id": row.segment.pk if row.segment else None,
                "name": row.segment.name if row.segment else _("The whole target group"),
                "activities": row.activities,
                "people": row.people,
                "gap": row.is_gap,
            }
            for row in overview.segments
        ],
    }


@participation_router.post(
    "/{project_id}/participation/activities",
    response={201: ActivityOut, **BODY_ERRORS},
    summary="Add a participation activity",
)
def participation_create(
    request: HttpRequest, project_id: PathId, payload: ActivityIn
) -> Status[ParticipationActivity]:
    """Contributors, editors and owners."""
    project = project_for(request, project_id, Need.CONTRIBUTE)
    activity = services.participation_create(
        project=project,
        data=_activity_data(project, payload.dict(exclude_unset=True)),
        user=request.auth,
    )
    return Status(201, activity)


@participation_router.get(
    "/{project_id}/participation/activities/{activity_id}",
    response={200: ActivityOut, **READ_ERRORS},
    summary="Get a participation activity",
)
def participation_detail(
    request: HttpRequest, project_id: PathId, activity_id: PathId
) -> ParticipationActivity:
    return _activity_for(request, project_id, activity_id)


@participation_router.patch(
    "/{project_id}/participation/activities/{activity_id}",
    response={200: ActivityOut, 409: ActivityConflict, **BODY_ERRORS},
    summary="Change a participation activity",
)
def participation_update(
    request: HttpRequest, project_id: PathId, activity_id: PathId, payload: ActivityPatch
) -> Any:
    """Contributors, editors and owners; `version` as for plan actions."""
    activity = _activity_for(request, project_id, activity_id, Need.CONTRIBUTE)
    data = _activity_data(activity.project, payload.dict(exclude_unset=True, exclude={"version"}))
    try:
        return services.participation_update(
            activity=activity, data=data, user=request.auth, expected_version=payload.version
        )
    except EditConflict as conflict:
        return conflict_status(conflict.current)


@participation_router.delete(
    "/{project_id}/participation/activities/{activity_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Move a participation activity to the bin",
)
def participation_delete(
    request: HttpRequest, project_id: PathId, activity_id: PathId
) -> Status[None]:
    """Contributors, editors and owners."""
    activity = _activity_for(request, project_id, activity_id, Need.CONTRIBUTE)
    services.participation_delete(activity=activity, user=request.auth)
    return Status(204, None)


# Successes ---------------------------------------------------------------------------------


def _success_for(
    request: HttpRequest, project_id: int, success_id: int, need: Need = Need.VIEW
) -> Success:
    project = project_for(request, project_id, need)
    return one_or_404(selectors.success_list(project=project).filter(pk=success_id))


def _parties(project: Project, ids: list[int] | None) -> list[Party] | None:
    if ids is None:
        return None
    parties = list(Party.objects.filter(project=project, pk__in=ids))
    if len(parties) != len(set(ids)):
        raise ValidationError({"parties": _("Choose parties of this project.")})
    return parties


@successes_router.get(
    "/{project_id}/successes",
    response={200: SuccessPage, **READ_ERRORS},
    summary="List the successes",
)
def success_list(
    request: HttpRequest, project_id: PathId, page: Query[PageParams]
) -> dict[str, Any]:
    """Newest first."""
    project = project_for(request, project_id)
    return paginate(selectors.success_list(project=project), page)


@successes_router.post(
    "/{project_id}/successes",
    response={201: SuccessOut, **BODY_ERRORS},
    summary="Log a success",
)
def success_create(request: HttpRequest, project_id: PathId, payload: SuccessIn) -> Status[Success]:
    """Contributors, editors and owners."""
    project = project_for(request, project_id, Need.CONTRIBUTE)
    success = services.success_create(
        project=project,
        data=payload.dict(exclude_unset=True, exclude={"parties"}),
        parties=_parties(project, payload.parties),
        user=request.auth,
    )
    return Status(201, success)


@successes_router.get(
    "/{project_id}/successes/{success_id}",
    response={200: SuccessOut, **READ_ERRORS},
    summary="Get a success",
)
def success_detail(request: HttpRequest, project_id: PathId, success_id: PathId) -> Success:
    return _success_for(request, project_id, success_id)


@successes_router.patch(
    "/{project_id}/successes/{success_id}",
    response={200: SuccessOut, 409: SuccessConflict, **BODY_ERRORS},
    summary="Change a success",
)
def success_update(
    request: HttpRequest, project_id: PathId, success_id: PathId, payload: SuccessPatch
) -> Any:
    """Contributors, editors and owners; `parties`, when sent, replaces the list."""
    success = _success_for(request, project_id, success_id, Need.CONTRIBUTE)
    try:
        return services.success_update(
            success=success,
            data=payload.dict(exclude_unset=True, exclude={"version", "parties"}),
            parties=_parties(success.project, payload.parties),
            user=request.auth,
            expected_version=payload.version,
        )
    except EditConflict as conflict:
        return conflict_status(conflict.current)


@successes_router.delete(
    "/{project_id}/successes/{success_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Move a success to the bin",
)
def success_delete(request: HttpRequest, project_id: PathId, success_id: PathId) -> Status[None]:
    """Contributors, editors and owners."""
    success = _success_for(request, project_id, success_id, Need.CONTRIBUTE)
    services.success_delete(success=success, user=request.auth)
    return Status(204, None)


@successes_router.get(
    "/{project_id}/success-messages",
    response={200: list[SuccessMessageOut], **READ_ERRORS},
    summary="List the saved messages about successes",
)
def success_message_list(request: HttpRequest, project_id: PathId) -> list[Any]:
    project = project_for(request, project_id)
    return list(selectors.message_list(project=project).prefetch_related("successes"))


# The step plan -----------------------------------------------------------------------------


def _item_out(state: selectors.ItemState) -> dict[str, Any]:
    tick = state.tick
    by = tick.ticked_by if tick is not None and state.is_ticked else None
    return {
        "key": state.item.key,
        "text": str(state.item.text),
        "ticked": state.is_ticked,
        "ticked_on": tick.ticked_on if tick is not None else None,
        "ticked_by": {"id": by.pk, "name": by.get_full_name() or by.username} if by else None,
        "evidence_text": tick.evidence_text if tick is not None else "",
        "evidence_url": tick.evidence_url if tick is not None else "",
        "version": state.version,
    }


def _item_state(project: Project, item_key: str) -> selectors.ItemState:
    tick = selectors.step_tick_of(project=project, item_key=item_key)
    return selectors.item_state(project=project, item=ITEMS[item_key], tick=tick)


def _item_key(item_key: str) -> str:
    if item_key not in ITEMS:
        raise Http404
    return item_key


@steps_router.get(
    "/{project_id}/steps",
    response={200: StepPlanOut, **READ_ERRORS},
    summary="The step plan with the project's ticks",
)
def step_plan(request: HttpRequest, project_id: PathId) -> dict[str, Any]:
    """The method's eight steps, each with its checklist and how much of it is done."""
    plan = selectors.step_plan(project=project_for(request, project_id), with_links=False)
    return {
        "done": plan.done,
        "total": plan.total,
        "steps": [
            {
                "key": step.step.key,
                "number": step.step.number,
                "title": str(step.step.title),
                "done": step.done,
                "total": step.total,
                "items": [_item_out(state) for state in step.items],
            }
            for step in plan.steps
        ],
    }


@steps_router.post(
    "/{project_id}/steps/{item_key}/tick",
    response={200: StepItemOut, 409: StepItemConflict, **BODY_ERRORS},
    summary="Tick an item of the step plan, or change its evidence",
)
def step_tick(request: HttpRequest, project_id: PathId, item_key: str, payload: StepTickIn) -> Any:
    """Contributors, editors and owners. An unknown item key is a 404."""
    project = project_for(request, project_id, Need.CONTRIBUTE)
    key = _item_key(item_key)
    try:
        services.step_tick(
            project=project,
            item_key=key,
            user=request.auth,
            evidence_text=payload.evidence_text,
            evidence_url=payload.evidence_url,
            ticked_on=payload.ticked_on,
            expected_version=payload.version,
        )
    except EditConflict:
        return conflict_status(_item_out(_item_state(project, key)))
    return _item_out(_item_state(project, key))


@steps_router.delete(
    "/{project_id}/steps/{item_key}/tick",
    response={200: StepItemOut, 409: StepItemConflict, **WRITE_ERRORS},
    summary="Untick an item of the step plan",
)
def step_untick(
    request: HttpRequest, project_id: PathId, item_key: str, version: VersionParam = None
) -> Any:
    """Contributors, editors and owners. The evidence stays for when it is ticked again."""
    project = project_for(request, project_id, Need.CONTRIBUTE)
    key = _item_key(item_key)
    try:
        services.step_untick(
            project=project, item_key=key, user=request.auth, expected_version=version
        )
    except (EditConflict, ValidationError):
        return conflict_status(_item_out(_item_state(project, key)))
    return _item_out(_item_state(project, key))

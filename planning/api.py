"""The planning part of the JSON API: plan actions, participation activities, successes and
the step plan. Mounted under /api/v1/projects by api/v1.py; the same rules as the pages:
reading needs a membership, plan actions need the editor role to change, the rest the
contributor role."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from accounts.models import User
from api.access import project_for
from api.errors import CONFLICT_SCHEMAS, conflict_status
from api.preconditions import (
    ETAG_OPERATIONS,
    IfMatch,
    PreconditionRequired,
    delete_checked,
    etag,
    expected_version,
    set_etag,
)
from api.resources import ProjectResource, Texts, declare
from api.schemas import (
    BODY_ERRORS,
    MAX_ID,
    PRECONDITION_ERRORS,
    READ_ERRORS,
    WRITE_ERRORS,
    PathId,
)
from lib.concurrency import EditConflict
from parties.models import Party
from planning import selectors, services
from planning.models import HelperEntry, ParticipationActivity, PlanAction, Success
from planning.schemas import (
    ActivityIn,
    ActivityOut,
    ActivityPage,
    ActivityPatch,
    HelperConflict,
    HelperFilters,
    HelperIn,
    HelperOut,
    HelperPatch,
    ParticipationSummary,
    PlanActionFilters,
    PlanActionIn,
    PlanActionOut,
    PlanActionPage,
    PlanActionPatch,
    StepItemConflict,
    StepItemOut,
    StepPlanOut,
    StepTickIn,
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

VersionParam = Annotated[
    int | None,
    Query(
        ge=0,
        le=MAX_ID,
        description="Older alternative to If-Match: the version the client last read.",
    ),
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


def _action_refs(project: Project, data: dict[str, Any], _current: Any = None) -> dict[str, Any]:
    if "party" in data:
        data["party"] = _in_project(Party, project, data["party"], "party")
    if "member" in data:
        data["member"] = _member(project, data["member"])
    return data


def _action_listing(project: Project, filters: dict[str, Any]) -> QuerySet[PlanAction]:
    actions = selectors.plan_actions(project=project)
    for name, value in filters.items():
        actions = actions.filter(**{"party_id" if name == "party" else name: value})
    return actions


declare(
    ProjectResource(
        name="plan_action",
        path="plan/actions",
        id_name="action_id",
        model=PlanAction,
        tag="plan",
        texts=Texts(
            list=gettext_lazy("List the actions of the shared plan"),
            create=gettext_lazy("Add an action to the shared plan"),
            detail=gettext_lazy("Get an action of the shared plan"),
            update=gettext_lazy("Change an action of the shared plan"),
            delete=gettext_lazy("Move an action of the shared plan to the bin"),
            list_description=gettext_lazy(
                "By start date; with who carries each action and what it needs."
            ),
            create_description=gettext_lazy("Editors and owners."),
            update_description=gettext_lazy(
                "Editors and owners; send the ETag you read in `If-Match`."
            ),
            delete_description=gettext_lazy(
                "Editors and owners. The action and its preconditions can be restored from the bin."
            ),
        ),
        out=PlanActionOut,
        create_in=PlanActionIn,
        patch_in=PlanActionPatch,
        objects=lambda project: selectors.plan_actions(project=project),
        create=lambda project, data, user: services.plan_action_create(
            project=project, data=data, user=user
        ),
        update=lambda action, data, user, version: services.plan_action_update(
            action=action, data=data, user=user, expected_version=version
        ),
        delete=lambda action, user: services.plan_action_delete(action=action, user=user),
        need=Need.EDIT,
        refs=_action_refs,
        filters=PlanActionFilters,
        listing=_action_listing,
        page=PlanActionPage,
        router=actions_router,
    )
)


# Participation -----------------------------------------------------------------------------


def _activity_refs(project: Project, data: dict[str, Any], _current: Any = None) -> dict[str, Any]:
    if "segment" in data:
        data["segment"] = _in_project(TargetSegment, project, data["segment"], "segment")
    return data


@participation_router.get(
    "/{project_id}/participation/summary",
    response={200: ParticipationSummary, **READ_ERRORS},
    summary=gettext_lazy("Activities and people reached per segment"),
    description=gettext_lazy("A segment that no activity has involved yet is flagged as a gap."),
)
def participation_summary(request: HttpRequest, project_id: PathId) -> dict[str, Any]:
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


declare(
    ProjectResource(
        name="participation",
        path="participation/activities",
        id_name="activity_id",
        model=ParticipationActivity,
        tag="participation",
        texts=Texts(
            list=gettext_lazy("List the participation activities of the target group"),
            create=gettext_lazy("Add a participation activity"),
            detail=gettext_lazy("Get a participation activity"),
            update=gettext_lazy("Change a participation activity"),
            delete=gettext_lazy("Move a participation activity to the bin"),
            list_description=gettext_lazy("Newest first."),
            create_description=gettext_lazy("Contributors, editors and owners."),
            update_description=gettext_lazy(
                "Contributors, editors and owners; `If-Match` as for plan actions."
            ),
            delete_description=gettext_lazy("Contributors, editors and owners."),
        ),
        out=ActivityOut,
        create_in=ActivityIn,
        patch_in=ActivityPatch,
        objects=lambda project: selectors.participation_activities(project=project),
        create=lambda project, data, user: services.participation_create(
            project=project, data=data, user=user
        ),
        update=lambda activity, data, user, version: services.participation_update(
            activity=activity, data=data, user=user, expected_version=version
        ),
        delete=lambda activity, user: services.participation_delete(activity=activity, user=user),
        need=Need.CONTRIBUTE,
        refs=_activity_refs,
        page=ActivityPage,
        router=participation_router,
    )
)


# Successes ---------------------------------------------------------------------------------


def _success_refs(project: Project, data: dict[str, Any], _current: Any = None) -> dict[str, Any]:
    if "parties" in data:
        ids = data["parties"]
        parties = list(Party.objects.filter(project=project, pk__in=ids))
        if len(parties) != len(set(ids)):
            raise ValidationError({"parties": _("Choose parties of this project.")})
        data["parties"] = parties
    return data


def _success_create(project: Project, data: dict[str, Any], user: User) -> Success:
    parties = data.pop("parties", [])
    return services.success_create(project=project, data=data, parties=parties, user=user)


def _success_update(
    success: Success, data: dict[str, Any], user: User, version: int | None
) -> Success:
    parties = data.pop("parties", None)
    return services.success_update(
        success=success, data=data, parties=parties, user=user, expected_version=version
    )


declare(
    ProjectResource(
        name="success",
        path="successes",
        id_name="success_id",
        model=Success,
        tag="successes",
        texts=Texts(
            list=gettext_lazy("List the successes"),
            create=gettext_lazy("Log a success"),
            detail=gettext_lazy("Get a success"),
            update=gettext_lazy("Change a success"),
            delete=gettext_lazy("Move a success to the bin"),
            list_description=gettext_lazy("Newest first."),
            create_description=gettext_lazy("Contributors, editors and owners."),
            update_description=gettext_lazy(
                "Contributors, editors and owners; `parties`, when sent, replaces the list."
            ),
            delete_description=gettext_lazy("Contributors, editors and owners."),
        ),
        out=SuccessOut,
        create_in=SuccessIn,
        patch_in=SuccessPatch,
        objects=lambda project: selectors.success_list(project=project),
        create=_success_create,
        update=_success_update,
        delete=lambda success, user: services.success_delete(success=success, user=user),
        need=Need.CONTRIBUTE,
        refs=_success_refs,
        page=SuccessPage,
        router=successes_router,
    )
)


@successes_router.get(
    "/{project_id}/success-messages",
    response={200: list[SuccessMessageOut], **READ_ERRORS},
    summary=gettext_lazy("List the saved messages about successes"),
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
    summary=gettext_lazy("The step plan with the project's ticks"),
    description=gettext_lazy(
        "The method's eight steps, each with its checklist and how much of it is done."
    ),
)
def step_plan(request: HttpRequest, project_id: PathId) -> dict[str, Any]:
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


def _item_version(if_match: str | None, version: int | None, state: selectors.ItemState) -> int:
    """As api.preconditions.expected_version, where 0 is the version of an item never ticked."""
    if if_match is None or not if_match.strip():
        if version is None:
            raise PreconditionRequired
        return version
    tags = {tag.strip().removeprefix("W/").strip('"') for tag in if_match.split(",")}
    if "*" in tags:
        raise PreconditionRequired
    # No stored version is negative: a write expecting one always conflicts.
    return state.version if str(state.version) in tags else -1


@steps_router.post(
    "/{project_id}/steps/{item_key}/tick",
    response={200: StepItemOut, 412: StepItemConflict, **PRECONDITION_ERRORS, **BODY_ERRORS},
    summary=gettext_lazy("Tick an item of the step plan, or change its evidence"),
    description=gettext_lazy(
        "Contributors, editors and owners. An unknown item key is a 404. `If-Match` names the "
        'item\'s version as the step plan shows it (`"0"` for an item never ticked).'
    ),
)
def step_tick(
    request: HttpRequest,
    project_id: PathId,
    item_key: str,
    payload: StepTickIn,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> Any:
    project = project_for(request, project_id, Need.CONTRIBUTE)
    key = _item_key(item_key)
    expected = _item_version(if_match, payload.version, _item_state(project, key))
    try:
        services.step_tick(
            project=project,
            item_key=key,
            user=request.auth,
            evidence_text=payload.evidence_text,
            evidence_url=payload.evidence_url,
            ticked_on=payload.ticked_on,
            expected_version=expected,
        )
    except EditConflict:
        return _item_conflict(project, key)
    state = _item_state(project, key)
    response["ETag"] = etag(state.version)
    return _item_out(state)


@steps_router.delete(
    "/{project_id}/steps/{item_key}/tick",
    response={200: StepItemOut, 412: StepItemConflict, **PRECONDITION_ERRORS, **WRITE_ERRORS},
    summary=gettext_lazy("Untick an item of the step plan"),
    description=gettext_lazy(
        "Contributors, editors and owners. The evidence stays for when it is ticked again."
    ),
)
def step_untick(
    request: HttpRequest,
    project_id: PathId,
    item_key: str,
    response: HttpResponse,
    version: VersionParam = None,
    if_match: IfMatch = None,
) -> Any:
    project = project_for(request, project_id, Need.CONTRIBUTE)
    key = _item_key(item_key)
    expected = _item_version(if_match, version, _item_state(project, key))
    try:
        services.step_untick(
            project=project, item_key=key, user=request.auth, expected_version=expected
        )
    except (EditConflict, ValidationError):
        return _item_conflict(project, key)
    state = _item_state(project, key)
    response["ETag"] = etag(state.version)
    return _item_out(state)


def _item_conflict(project: Project, key: str) -> Any:
    return conflict_status(_item_out(_item_state(project, key)))


ETAG_OPERATIONS.update({"step_tick", "step_untick"})


# Who can help ------------------------------------------------------------------------------
# The directory belongs to the user's organisations, not to a project: shipped entries for
# everyone, and each organisation's own, which its people add, change and delete.

helpers_router = Router(tags=["who can help"])


def _visible_helper(request: HttpRequest, helper_id: int) -> HelperEntry:
    helper = selectors.helper_for_user(user=request.auth, helper_id=helper_id)
    if helper is None:
        raise Http404
    return helper


def _own_helper(request: HttpRequest, helper_id: int) -> HelperEntry:
    """An entry of one of the user's organisations; shipped entries cannot be changed."""
    helper = _visible_helper(request, helper_id)
    if helper.is_shipped:
        raise PermissionDenied
    return helper


def _helper_data(data: dict[str, Any]) -> dict[str, Any]:
    # As the page's form: a web address without a scheme is taken to be https.
    website = data.get("website")
    if website and "://" not in website:
        data["website"] = f"https://{website}"
    return data


@helpers_router.get(
    "",
    response={200: list[HelperOut], 401: READ_ERRORS[401], 422: READ_ERRORS[422]},
    summary=gettext_lazy("List and search the directory of organisations that help"),
    description=gettext_lazy(
        "Shipped entries your organisations did not hide, and your organisations' own entries; "
        "filtered by region, theme and words."
    ),
)
def helper_list(request: HttpRequest, filters: Query[HelperFilters]) -> list[HelperEntry]:
    found = selectors.directory(
        user=request.auth, region=filters.region or "", theme=filters.theme or ""
    ).entries
    if filters.q:
        words = filters.q.casefold().split()
        found = [
            entry
            for entry in found
            if all(
                word in f"{entry.name} {entry.helps_with_in(_language())}".casefold()
                for word in words
            )
        ]
    return found


def _language() -> str:
    return get_language() or "nl"


@helpers_router.post(
    "",
    response={
        201: HelperOut,
        400: BODY_ERRORS[400],
        401: BODY_ERRORS[401],
        403: BODY_ERRORS[403],
        422: BODY_ERRORS[422],
    },
    summary=gettext_lazy("Add an entry of your organisation to the directory"),
    description=gettext_lazy(
        "Only people of that organisation see it. Without an organisation you get 403."
    ),
)
def helper_create(
    request: HttpRequest, payload: HelperIn, response: HttpResponse
) -> Status[HelperEntry]:
    organisations = selectors.organisations_of(request.auth)
    if not organisations:
        raise PermissionDenied
    chosen = organisations[0]
    if payload.organisation is not None:
        chosen = next((o for o in organisations if o.pk == payload.organisation), None)
        if chosen is None:
            raise ValidationError({"organisation": _("Choose one of your organisations.")})
    data = _helper_data(payload.dict(exclude_unset=True, exclude={"organisation"}))
    helper = services.helper_create(organisation=chosen, data=data, user=request.auth)
    set_etag(response, helper)
    return Status(201, _visible_helper(request, helper.pk))


@helpers_router.get(
    "/{helper_id}",
    response={200: HelperOut, 401: READ_ERRORS[401], 404: READ_ERRORS[404], 422: READ_ERRORS[422]},
    summary=gettext_lazy("Get an entry of the directory"),
)
def helper_detail(request: HttpRequest, helper_id: PathId, response: HttpResponse) -> HelperEntry:
    helper = _visible_helper(request, helper_id)
    set_etag(response, helper)
    return helper


@helpers_router.patch(
    "/{helper_id}",
    response={200: HelperOut, 412: HelperConflict, **PRECONDITION_ERRORS, **BODY_ERRORS},
    summary=gettext_lazy("Change an entry of your organisation"),
    description=gettext_lazy("A shipped entry cannot be changed (403); `If-Match` as for parties."),
)
def helper_update(
    request: HttpRequest,
    helper_id: PathId,
    payload: HelperPatch,
    response: HttpResponse,
    if_match: IfMatch = None,
) -> HelperEntry:
    helper = _own_helper(request, helper_id)
    data = _helper_data(payload.dict(exclude_unset=True, exclude={"version"}))
    saved = services.helper_update(
        helper=helper,
        data=data,
        user=request.auth,
        expected_version=expected_version(if_match, payload.version, helper.version),
    )
    set_etag(response, saved)
    return _visible_helper(request, saved.pk)


@helpers_router.delete(
    "/{helper_id}",
    response={204: None, 412: HelperConflict, **PRECONDITION_ERRORS, **WRITE_ERRORS},
    summary=gettext_lazy("Delete an entry of your organisation"),
    description=gettext_lazy(
        "Deleted for good, as on the page; a shipped entry cannot be deleted (403)."
    ),
)
def helper_delete(
    request: HttpRequest, helper_id: PathId, if_match: IfMatch = None
) -> Status[None]:
    helper = _own_helper(request, helper_id)
    delete_checked(
        helper, if_match, None, lambda: services.helper_delete(helper=helper, user=request.auth)
    )
    return Status(204, None)


ETAG_OPERATIONS.update({"helper_create", "helper_detail", "helper_update"})
CONFLICT_SCHEMAS[HelperEntry] = HelperOut

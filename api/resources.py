"""One way to declare a project-scoped resource of the API: its schemas, the selector that finds
the project's objects, the services that change them and the role each action needs. `declare`
turns a declaration into the five routes every such noun has:

    GET    /projects/{project_id}/<path>          list, one page at a time
    POST   /projects/{project_id}/<path>          create            (201, ETag)
    GET    /projects/{project_id}/<path>/{id}     read              (ETag)
    PATCH  /projects/{project_id}/<path>/{id}     change            (If-Match; 412, 428)
    DELETE /projects/{project_id}/<path>/{id}     delete or bin it  (If-Match; 412, 428)

django-ninja reads a route's parameters from its function's annotations, so the functions are
made here with a real signature; their names (`<name>_list`, `<name>_create`, …) are the
operation ids.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.functional import Promise
from ninja import Query, Router, Schema, Status
from pydantic import create_model

from accounts.models import User
from api.access import one_or_404, project_for
from api.errors import CONFLICT_SCHEMAS
from api.pagination import PageParams, paginate
from api.preconditions import (
    ETAG_OPERATIONS,
    IfMatch,
    delete_checked,
    expected_version,
    set_etag,
)
from api.schemas import BODY_ERRORS, PRECONDITION_ERRORS, READ_ERRORS, WRITE_ERRORS, PathId
from projects.access import Need
from projects.models import Project

Data = dict[str, Any]


def _no_refs(project: Project, data: Data, current: Model | None) -> Data:
    return data


# A text of the OpenAPI document: gettext_lazy, so the document is in the reader's language.
Text = str | Promise


@dataclass(frozen=True)
class Texts:
    """Summaries for the OpenAPI document; the descriptions say who may do it."""

    list: Text
    create: Text
    detail: Text
    update: Text
    delete: Text
    list_description: Text = ""
    create_description: Text = ""
    update_description: Text = ""
    delete_description: Text = ""


@dataclass(frozen=True)
class ProjectResource:
    name: str  # operation ids: <name>_list, <name>_create, …
    path: str  # below /projects/{project_id}/
    id_name: str  # the path parameter of one object, e.g. "action_id"
    model: type[Model]
    tag: str
    texts: Texts
    out: type[Schema]
    create_in: type[Schema]
    patch_in: type[Schema]
    objects: Callable[[Project], QuerySet]  # the project's objects, loaded as `out` shows them
    create: Callable[[Project, Data, User], Model]
    update: Callable[[Model, Data, User, int | None], Model]
    delete: Callable[[Model, User], None]
    need: Need = Need.EDIT  # to create, change and delete; reading needs a membership
    # Ids in the input turned into the project's objects (a 422 naming the field if not);
    # `current` is the stored object when it is being changed.
    refs: Callable[[Project, Data, Model | None], Data] = _no_refs
    filters: type[Schema] | None = None
    # The list with its filters applied; by default `objects` filtered field by field.
    listing: Callable[[Project, Data], QuerySet] | None = None
    page: type[Schema] | None = None
    router: Router = field(default_factory=Router)

    def one(self, project: Project, pk: int) -> Model:
        found = one_or_404(self.objects(project).filter(pk=pk))
        found.project = project
        return found

    def fresh(self, project: Project, instance: Model) -> Model:
        """The object as `out` shows it, after a service saved it."""
        return self.one(project, instance.pk)


def _param(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=annotation, default=default
    )


def _route(
    function: Callable[..., Any], name: str, parameters: list[inspect.Parameter]
) -> Callable[..., Any]:
    # The description goes to the route itself: ninja turns a docstring into text at import,
    # which would fix it in one language.
    function.__name__ = function.__qualname__ = name
    function.__doc__ = None
    function.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [_param("request", HttpRequest), *parameters]
    )
    return function


def _with_defaults(payload: Schema) -> Data:
    """What the client sent, and the schema's defaults for what it left out; fields that are
    merely optional (default None) are left to the model."""
    data = payload.dict(exclude_unset=True)
    for name, info in type(payload).model_fields.items():
        if name not in data and info.default is not None and not info.is_required():
            data[name] = getattr(payload, name)
    return data


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def declare(resource: ProjectResource) -> Router:
    """Add the resource's five routes to its router and return the router."""
    router, r = resource.router, resource
    collection = f"/{{project_id}}/{r.path}"
    item = f"{collection}/{{{r.id_name}}}"
    page = r.page or create_model(
        f"{_camel(r.name)}Page", __base__=Schema, count=(int, ...), items=(list[r.out], ...)
    )
    conflict = create_model(
        f"{_camel(r.name)}Conflict", __base__=Schema, detail=(str, ...), current=(r.out, ...)
    )
    CONFLICT_SCHEMAS[r.model] = r.out
    project_param = _param("project_id", PathId)
    id_param = _param(r.id_name, PathId)
    response_param = _param("response", HttpResponse)

    def listing(request: HttpRequest, project_id: int, **kwargs: Any) -> Data:
        project = project_for(request, project_id)
        filters = kwargs["filters"].dict(exclude_none=True) if r.filters else {}
        if r.listing is not None:
            objects = r.listing(project, filters)
        else:
            objects = r.objects(project).filter(**filters)
        return paginate(objects, kwargs["page"])

    list_params = [project_param]
    if r.filters is not None:
        list_params.append(_param("filters", Query[r.filters]))  # type: ignore[misc]
    list_params.append(_param("page", Query[PageParams]))  # type: ignore[misc]
    router.get(
        collection,
        response={200: page, **READ_ERRORS},
        summary=r.texts.list,
        description=r.texts.list_description or None,
        tags=[r.tag],
    )(_route(listing, f"{r.name}_list", list_params))

    def create(
        request: HttpRequest, project_id: int, payload: Schema, response: HttpResponse
    ) -> Status[Model]:
        project = project_for(request, project_id, r.need)
        data = r.refs(project, _with_defaults(payload), None)
        created = r.fresh(project, r.create(project, data, request.auth))
        set_etag(response, created)
        return Status(201, created)

    router.post(
        collection,
        response={201: r.out, **BODY_ERRORS},
        summary=r.texts.create,
        description=r.texts.create_description or None,
        tags=[r.tag],
    )(
        _route(
            create,
            f"{r.name}_create",
            [project_param, _param("payload", r.create_in), response_param],
        )
    )

    def detail(request: HttpRequest, project_id: int, response: HttpResponse, **ids: int) -> Model:
        found = r.one(project_for(request, project_id), ids[r.id_name])
        set_etag(response, found)
        return found

    router.get(item, response={200: r.out, **READ_ERRORS}, summary=r.texts.detail, tags=[r.tag])(
        _route(detail, f"{r.name}_detail", [project_param, id_param, response_param])
    )

    def update(
        request: HttpRequest,
        project_id: int,
        payload: Schema,
        response: HttpResponse,
        if_match: str | None = None,
        **ids: int,
    ) -> Model:
        project = project_for(request, project_id, r.need)
        current = r.one(project, ids[r.id_name])
        # Input errors (422) before a missing or stale version (428, 412).
        data = r.refs(project, payload.dict(exclude_unset=True, exclude={"version"}), current)
        expected = expected_version(if_match, getattr(payload, "version", None), current.version)
        saved = r.fresh(project, r.update(current, data, request.auth, expected))
        set_etag(response, saved)
        return saved

    router.patch(
        item,
        response={200: r.out, 412: conflict, **PRECONDITION_ERRORS, **BODY_ERRORS},
        summary=r.texts.update,
        description=r.texts.update_description or None,
        tags=[r.tag],
    )(
        _route(
            update,
            f"{r.name}_update",
            [
                project_param,
                id_param,
                _param("payload", r.patch_in),
                response_param,
                _param("if_match", IfMatch, None),
            ],
        )
    )

    def delete(
        request: HttpRequest, project_id: int, if_match: str | None = None, **ids: int
    ) -> Status[None]:
        project = project_for(request, project_id, r.need)
        current = r.one(project, ids[r.id_name])
        delete_checked(current, if_match, None, lambda: r.delete(current, request.auth))
        return Status(204, None)

    router.delete(
        item,
        response={204: None, 412: conflict, **PRECONDITION_ERRORS, **WRITE_ERRORS},
        summary=r.texts.delete,
        description=r.texts.delete_description or None,
        tags=[r.tag],
    )(
        _route(
            delete,
            f"{r.name}_delete",
            [project_param, id_param, _param("if_match", IfMatch, None)],
        )
    )
    ETAG_OPERATIONS.update({f"{r.name}_create", f"{r.name}_detail", f"{r.name}_update"})
    return router

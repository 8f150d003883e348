"""Version 1 of the JSON API, mounted at /api/v1/."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.openapi.views import openapi_json
from ninja.operation import Operation

from api.auth import TokenAuth
from api.docs import DocsPage
from api.errors import install_error_handlers
from api.language import activate_for, requested_language
from api.preconditions import ETAG_DESCRIPTION, ETAG_OPERATIONS
from api.routes import (
    analysis,
    assessments,
    bin,
    contacts,
    duplicates,
    merges,
    parties,
    projects,
    relations,
    segments,
)

DESCRIPTION = _(
    """\
The projects, parties, contact persons, relations, assessments and target-group segments of
Draagvlak, with the same permission rules as the pages.

**Authentication**: every request carries a personal access token, `Authorization: Bearer TOKEN`.
Create one under Settings → API tokens. A missing, unknown or revoked token gives 401.

**Permissions**: a project you are not a member of answers 404 on every route, as if it did not
exist. Viewers read; contributors also add and change contact persons; editors and owners change
the register. A role that may not do something gets 403.

**Errors** are JSON: `{"detail": "…"}`, or for invalid input (422)
`{"detail": [{"loc": ["body", "name"], "msg": "…", "type": "…"}]}`, naming each field. Numbers,
ids and true/false are given as JSON numbers and booleans: `"4"`, `4.0` or `true` is no score.

**Language**: answers, error messages included, are in the language of the request's
`Accept-Language` header (Dutch `nl` or English `en`); without it, in the language you chose in
your settings.

**Concurrent edits**: reading an object answers with its version as `ETag` (e.g. `"3"`; every
object also carries `version`). A change or deletion sends it back as `If-Match: "3"`. Without
it nothing is changed and the answer is 428; if someone saved in between, 412 with the stored
object in `current` and its ETag. (The older `version` field in a PATCH body is still accepted
in place of the header.)

**Deleting** a party, contact person, relation, contact moment, commitment, plan action,
participation activity or success moves it to the project's bin; `/projects/{id}/bin` lists it
and restores it. Forces, segments and directory entries are deleted for good, as on the pages.

**Setting up a project** takes a few calls: `POST /projects` (you become its owner),
`POST /projects/{id}/members` for colleagues who have an account, then segments, parties,
relations, forces and the rest.
"""
)

# The groups of operations, in the order the documentation shows them; the names stay English
# (they are part of the deep links), the descriptions follow the reader's language.
TAGS = {
    "projects": _("Your projects, their details and members."),
    "parties": _("The register of parties."),
    "contact persons": _("The people of a party you deal with."),
    "relations": _("Relations between parties."),
    "assessments": _("Assessments of a party, kept over time."),
    "target-group segments": _("The parts of the target group."),
    "analyses": _("The pictures of the analysis pages as figures."),
    "plan": _("The actions of the shared plan."),
    "participation": _("Activities with the target group and whom they reached."),
    "successes": _("Successes and the messages about them."),
    "step plan": _("The method's steps and the project's ticks."),
    "contact moments": _("Conversations and meetings with parties."),
    "commitments": _("What parties asked or promised, and when."),
    "support reviews": _("Rounds that review the support of parties."),
    "force field": _("The forces for and against the change."),
    "board": _("Profiles of the board's members."),
    "decision calendar": _("When the board decides, and what."),
    "bin": _("What was deleted, and restoring it."),
    "who can help": _("The directory of organisations that help."),
}

# What each status means here, in place of the bare HTTP reason phrases.
STATUSES = {
    200: _("OK."),
    201: _("Created; the answer is the new object."),
    202: _("Accepted."),
    204: _("Done; no content."),
    400: _("The request body cannot be read."),
    401: _("The token is missing, unknown or revoked."),
    403: _("Your role in the project does not allow this."),
    404: _("Not found, or a project you are not a member of."),
    409: _("Refused: what is stored now does not allow it; `detail` says why."),
    412: _("Someone saved in between: the stored object is in `current`."),
    422: _("Invalid input; each error names its field."),
    428: _("`If-Match` is missing: nothing was changed."),
}


def in_request_language(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The OpenAPI document speaks as the API does: the language of `Accept-Language`, else the
    signed-in user's, else the site's (the documentation page itself follows the site)."""
    if getattr(view, "func", None) is not openapi_json:
        return view

    @wraps(view)
    def document(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = getattr(request, "user", None)
        language = requested_language(request) or (
            getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        )
        # Else the page's choice (the language cookie), as the documentation page has it.
        language = language or translation.get_language_from_request(request)
        with translation.override(language):
            response = view(request, *args, **kwargs)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return document


class DraagvlakAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # Function names are unique across the routers: short, stable operation ids.
        return operation.view_func.__name__

    def create_temporal_response(self, request: HttpRequest) -> HttpResponse:
        # The first moment after authentication and before the input is checked: from here
        # on the answer speaks the user's language.
        activate_for(request, getattr(request, "auth", None))
        return super().create_temporal_response(request)

    def get_openapi_schema(self, **kwargs: Any) -> OpenAPISchema:
        # Built anew on every call, in the active language: the texts are lazy translations.
        schema = super().get_openapi_schema(**kwargs)
        etag_header = {"description": ETAG_DESCRIPTION, "schema": {"type": "string"}}
        used: set[str] = set()
        for operations in schema["paths"].values():
            for operation in operations.values():
                used.update(operation.get("tags", []))
                for status, response in operation["responses"].items():
                    if int(status) in STATUSES:
                        response["description"] = STATUSES[int(status)]
                if operation.get("operationId") not in ETAG_OPERATIONS:
                    continue
                for status in (200, 201, "200", "201"):
                    if status in operation["responses"]:
                        operation["responses"][status]["headers"] = {"ETag": etag_header}
        known = [{"name": name, "description": text} for name, text in TAGS.items() if name in used]
        others = [{"name": name} for name in sorted(used - set(TAGS))]
        schema["tags"] = known + others
        return schema


api = DraagvlakAPI(
    title="Draagvlak API",
    version="1.0",
    description=DESCRIPTION,
    urls_namespace="api:v1",
    auth=TokenAuth(),
    docs=DocsPage(),
    docs_decorator=in_request_language,
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)

# The duplicates and merges before the parties: "parties/duplicates" is not a party's id.
for module in (
    projects, duplicates, merges, parties, contacts, relations, assessments, segments, analysis
):
    api.add_router("/projects", module.router)
api.add_router("/projects", "planning.api.actions_router")
api.add_router("/projects", "planning.api.participation_router")
api.add_router("/projects", "planning.api.successes_router")
api.add_router("/projects", "planning.api.steps_router")
for router in ("moments_router", "commitments_router", "reviews_router"):
    api.add_router("/projects", f"engagement.api.{router}")
api.add_router("/projects", "forcefield.api.router")
for router in ("profiles_router", "decisions_router"):
    api.add_router("/projects", f"governance.api.{router}")
api.add_router("/projects", "reports.api.router")
for router in ("documents_router", "marks_router", "families_router"):
    api.add_router("/projects", f"evidence.api.{router}")
api.add_router("/projects", "evidence.brief_api.router")
for router in ("indicators_router", "figures_router", "cbs_router"):
    api.add_router("/projects", f"evidence.figures.api.{router}")
api.add_router("/projects", bin.router)
api.add_router("/helpers", "planning.api.helpers_router")

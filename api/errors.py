"""One shape for every error: {"detail": "…"}, or for invalid input
{"detail": [{"loc": ["body", "name"], "msg": "…", "type": "…"}]} naming the field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from api.language import activate_for, input_message
from api.preconditions import PreconditionRequired, etag
from api.schemas import ContactOut, PartyOut, ProjectOut, RelationOut
from lib.concurrency import EditConflict
from parties.models import ContactPerson, Party, Relation
from projects.models import Project

# The name every operation gives its body parameter; left out of error locations.
BODY_PARAM = "payload"

CONFLICT_SCHEMAS: dict[type, type[Schema]] = {
    Party: PartyOut,
    ContactPerson: ContactOut,
    Relation: RelationOut,
    Project: ProjectOut,
}


CONFLICT_DETAIL = gettext_lazy(
    "Someone else saved this in the meantime; nothing was changed. "
    "The stored version is in 'current'."
)
PRECONDITION_DETAIL = gettext_lazy(
    "Say which version you are changing: send the ETag of your last read in the If-Match "
    "header. Nothing was changed."
)


def conflict_status(current: Any) -> Status[dict[str, Any]]:
    """For routes that answer a conflict themselves: 412 with the stored object."""
    return Status(412, {"detail": str(CONFLICT_DETAIL), "current": current})


def _ninja_errors(exc: NinjaValidationError) -> list[dict[str, Any]]:
    errors = []
    for error in exc.errors:
        loc = list(error.get("loc", ()))
        if loc[:2] == ["body", BODY_PARAM]:
            del loc[1]
        errors.append({"loc": loc, "msg": input_message(error), "type": error.get("type", "")})
    return errors


def _django_errors(exc: DjangoValidationError) -> list[dict[str, Any]]:
    if not hasattr(exc, "error_dict"):
        return [{"loc": ["body"], "msg": message, "type": "value_error"} for message in exc]
    return [
        {
            "loc": ["body"] if field == NON_FIELD_ERRORS else ["body", field],
            "msg": message,
            "type": "value_error",
        }
        for field, messages in exc.message_dict.items()
        for message in messages
    ]


def install_error_handlers(api: NinjaAPI) -> None:
    def answer(request: HttpRequest, data: dict[str, Any], status: int) -> HttpResponse:
        return api.create_response(request, data, status=status)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        activate_for(request)
        detail = _("Send a valid API token: Authorization: Bearer TOKEN.")
        response = answer(request, {"detail": detail}, 401)
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return answer(request, {"detail": _("Not found.")}, 404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        detail = _("Your role in this project does not allow this.")
        return answer(request, {"detail": detail}, 403)

    @api.exception_handler(NinjaValidationError)
    def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return answer(request, {"detail": _ninja_errors(exc)}, 422)

    @api.exception_handler(DjangoValidationError)
    def invalid_data(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return answer(request, {"detail": _django_errors(exc)}, 422)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja's only own one: a body that is not JSON.
        detail = _("The request body is not valid JSON.") if exc.status_code == 400 else str(exc)
        return answer(request, {"detail": detail}, exc.status_code)

    @api.exception_handler(PreconditionRequired)
    def precondition_required(request: HttpRequest, exc: PreconditionRequired) -> HttpResponse:
        return answer(request, {"detail": str(PRECONDITION_DETAIL)}, 428)

    @api.exception_handler(EditConflict)
    def conflict(request: HttpRequest, exc: EditConflict) -> HttpResponse:
        schema = CONFLICT_SCHEMAS[type(exc.current)]
        data = {
            "detail": str(CONFLICT_DETAIL),
            "current": schema.from_orm(exc.current).model_dump(mode="json"),
        }
        response = answer(request, data, 412)
        response["ETag"] = etag(exc.current.version)
        return response

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext as _

from api import views
from api.auth import TokenAuth
from api.language import activate_for
from api.v1 import api

app_name = "api"


def _answering_in_json(view: Callable[..., Any]) -> Callable[..., Any]:
    """Every answer of the API is JSON in one language, also a method the route does not
    have (405), which ninja answers in plain English text."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        activate_for(request)
        response = view(request, *args, **kwargs)
        if isinstance(response, HttpResponseNotAllowed):
            activate_for(request, _token_user(request))
            answer = JsonResponse({"detail": _("This method is not allowed here.")}, status=405)
            answer["Allow"] = response["Allow"]
            return answer
        return response

    return wrapped


def _token_user(request: HttpRequest) -> Any:
    """The token's user, for answers ninja gives before it authenticates (404, 405)."""
    return TokenAuth()(request)


def unknown(request: HttpRequest, rest: str) -> HttpResponse:
    activate_for(request, _token_user(request))
    return JsonResponse({"detail": _("Not found.")}, status=404)


def _api_urls() -> tuple[list[Any], str, str]:
    patterns, app, namespace = api.urls
    wrapped = [
        URLPattern(p.pattern, _answering_in_json(p.callback), p.default_args, p.name)
        if isinstance(p, URLPattern)
        else p
        for p in patterns
    ]
    return [*wrapped, path("<path:rest>", unknown, name="unknown")], app, namespace


urlpatterns = [
    path("accounts/tokens/", views.token_list, name="tokens"),
    path("accounts/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("api/v1/", _api_urls()),
]

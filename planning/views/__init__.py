"""The planning pages, one module per part: the shared plan, participation, successes, the step
plan and the directory of organisations that help.

Every in-place edit works two ways: with htmx a fragment is swapped (a row into its form and
back); without JavaScript the same URL shows a plain form page and redirects back.
"""

from __future__ import annotations

from typing import Any

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from projects.access import Need
from projects.models import Membership


def need_for(request: HttpRequest, edit: Need) -> Need:
    """Viewers may fetch a row as a fragment; opening a form or saving needs `edit`."""
    if request.method == "POST" or not request.htmx or "edit" in request.GET:
        return edit
    return Need.VIEW


def form_response(
    request: HttpRequest,
    membership: Membership,
    form: Form,
    *,
    title: str,
    back: str,
    page: str = "",
    partial: str = "",
    **context: Any,
) -> HttpResponse:
    """A form as a fragment of `page` with htmx, or on its own page without JavaScript. htmx
    only swaps a 2xx answer, so a form with errors comes back as 200 there, 400 otherwise."""
    context = {
        "project": membership.project,
        "membership": membership,
        "form": form,
        "title": title,
        "back": back,
        **context,
    }
    if request.htmx and partial:
        return render(request, f"{page}#{partial}", context)
    return render(request, "planning/form.html", context, status=400 if form.errors else 200)


def in_bin_message(item: object) -> str:
    return _("“%(name)s” is in the bin now; an editor can restore it from there.") % {"name": item}

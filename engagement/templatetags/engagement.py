"""`{% party_timeline party membership %}` on a party's page and
`{% engagement_panel project membership %}` on the dashboard."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string

from engagement import selectors
from engagement.forms import QuickMomentForm
from lib.rendered import blank_form_html
from parties.models import Party
from projects.models import Membership, Project

register = template.Library()


@register.inclusion_tag("engagement/party_timeline.html", takes_context=True)
def party_timeline(context: template.Context, party: Party, membership: Membership) -> dict:
    """The party's contacts (newest first) and commitments, with a quick entry for
    contributors."""
    project = membership.project
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "project": project,
        "membership": membership,
        "party": party,
        "timeline": selectors.party_timeline(party=party),
        # The blank quick entry looks the same for every party: rendered once a day per language.
        "quick_fields": (
            blank_form_html("quick-moment", lambda: _quick_fields(project, party))
            if membership.can_contribute
            else ""
        ),
    }


def _quick_fields(project: Project, party: Party) -> str:
    form = QuickMomentForm(project=project, party=party)
    return render_to_string("engagement/quick_fields.html", {"form": form})


@register.inclusion_tag("engagement/panel.html", takes_context=True)
def engagement_panel(context: template.Context, project: Project, membership: Membership) -> dict:
    """Reviews, shifts in attitude, recent contacts, overdue commitments and follow-ups, in a
    fixed number of queries."""
    return {
        "request": context.get("request"),
        "csrf_token": context.get("csrf_token"),
        "project": project,
        "membership": membership,
        "panel": selectors.engagement_panel(project=project),
    }


@register.filter
def signed_attitude(value: Any) -> str:
    """−2 … +2 with a real minus sign and an explicit plus."""
    if value is None or value == "":
        return "–"
    value = int(value)
    return f"+{value}" if value > 0 else f"−{-value}" if value < 0 else "0"

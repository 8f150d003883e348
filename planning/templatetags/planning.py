from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

from planning import selectors
from projects.models import Membership, Project

register = template.Library()


@register.inclusion_tag("planning/panel.html")
def planning_panel(
    project: Project, membership: Membership, facts: selectors.Facts | None = None
) -> dict[str, Any]:
    """The dashboard's summary of the step plan and the shared plan: four queries (the facts
    the page already counted are passed in rather than counted again)."""
    return {"project": project, "membership": membership,
            "panel": selectors.panel(project=project, facts=facts or None)}


@register.inclusion_tag("planning/helpers_suggested.html", takes_context=True)
def helpers_for_project(context: template.Context, project: Project) -> dict[str, Any]:
    """Organisations that can help with the project's theme in the region of its places."""
    request = context.get("request")
    user = getattr(request, "user", None)
    regions = selectors.regions_of(project)
    return {
        "project": project,
        "helpers": selectors.helpers_for(project=project, user=user, regions=regions),
        "regions": regions,
        "language": get_language() or "nl",
    }


@register.filter
def helps_with(entry, language: str) -> str:
    return entry.helps_with_in(language or "")


@register.filter
def box(ticked: bool) -> str:
    """The checkbox as a character, for print."""
    return "☑" if ticked else "☐"

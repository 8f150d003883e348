"""`{% next_decision_line project %}` on the dashboard, `{% board_profile_panel party membership %}`
on a party's page, and `moment|decision_name:project` wherever a decision moment is named."""

from __future__ import annotations

from django import template
from django.utils import timezone

from governance import selectors
from governance.models import DecisionMoment
from governance.vocabulary import kind_label
from parties.models import Layer, Party
from projects.models import Membership, Project

register = template.Library()


@register.filter
def decision_name(moment: DecisionMoment, project: Project) -> str:
    return moment.title or kind_label(project, moment.kind)


@register.filter
def kind_name(kind: str, project: Project) -> str:
    return kind_label(project, kind)


@register.inclusion_tag("governance/next_decision.html")
def next_decision_line(project: Project) -> dict:
    today = timezone.localdate()
    return {
        "project": project,
        "today": today,
        "decision": selectors.next_decision(project=project, today=today),
    }


@register.inclusion_tag("governance/profile_panel.html", takes_context=True)
def board_profile_panel(context: template.Context, party: Party, membership: Membership) -> dict:
    is_board = party.layer == Layer.BOARD
    return {
        "request": context.get("request"),
        "project": membership.project,
        "membership": membership,
        "party": party,
        "is_board": is_board,
        "profile": selectors.profile_of(party) if is_board else None,
    }


@register.filter
def days_to_papers(moment: DecisionMoment, today) -> int | None:
    return moment.days_to_papers(today)

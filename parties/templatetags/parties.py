from __future__ import annotations

from django import template

from parties.models import Attitude, Quadrant, quadrant_for

register = template.Library()

_ATTITUDE_SIGNS = {-2: "−−", -1: "−", 0: "0", 1: "+", 2: "++"}


@register.filter
def quadrant_label(assessment, threshold: int) -> str:
    if not assessment:
        return ""
    return Quadrant(quadrant_for(assessment.power, assessment.interest, threshold)).label


@register.inclusion_tag("parties/attitude.html")
def attitude_badge(value: int | str | None) -> dict:
    # A party without an assessment yields "" from the template lookup.
    if value is None or value == "":
        return {"value": None}
    return {
        "value": value,
        "sign": _ATTITUDE_SIGNS[value],
        "label": Attitude(value).label,
        "tone": "positive" if value > 0 else "negative" if value < 0 else "neutral",
    }

from __future__ import annotations

from django import template

from analysis import labels

register = template.Library()

_LABELS = {
    "layer": labels.layer,
    "quadrant": labels.quadrant,
    "attitude": labels.attitude,
    "engagement": labels.engagement,
    "role": labels.role,
    "ring": labels.ring,
    "salience": labels.salience,
    "stance": labels.stance,
    "feasibility": labels.feasibility_group,
}


@register.filter
def label(code: str | int, kind: str) -> str:
    """The words for a code: {{ mark.quadrant|label:"quadrant" }}."""
    return _LABELS[kind](code)


@register.filter
def salience_attributes(code: str) -> str:
    return str(labels.SALIENCE_ATTRIBUTES[code])


@register.filter
def signed(value: float | int | None, decimals: int = 0) -> str:
    """+0,67 / −1 / 0 in the user's language."""
    return labels.signed(value, decimals)


@register.filter
def warning_text(warning) -> str:
    return labels.warning(warning.code, warning.layer)


@register.filter
def factor(attitude: int) -> int:
    """The multiplier in the feasibility weight: |attitude|, or 1 for a neutral party."""
    return abs(attitude) or 1

from __future__ import annotations

from django import template

from projects import vocabulary

register = template.Library()


@register.simple_tag(takes_context=True)
def word(context: template.Context, key: str) -> str:
    """`{% word "alderman" %}`: the term in the words of the page's project."""
    return vocabulary.word(context.get("project"), key)


@register.simple_tag(takes_context=True)
def explain(context: template.Context, key: str) -> str:
    """`{% explain "layer" %}`: a sentence that names the local bodies of the page's project."""
    return vocabulary.explain(context.get("project"), key)

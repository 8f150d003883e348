"""Markup rendered once and kept, for pieces whose look depends only on a few plain values.

A blank form under every party (a new assessment, a quick contact) costs more to render than the
rest of the page: Django renders each radio button and option through a template of its own. The
markup of a blank form depends only on its starting values, today's date and the language, so it
is rendered once per combination and kept in this process. Nothing of a project is kept here
beyond those starting values, and entries never go stale: a different value is a different key.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

_KEPT: dict[tuple, SafeString] = {}
# A few kilobytes each; the whole store is emptied when full, which at worst costs a re-render.
_MOST = 512


def blank_form_html(name: str, render: Callable[[], str], *values: Hashable) -> SafeString:
    """What `render()` returns for these `values`, in today's language and date."""
    key = (name, get_language(), timezone.localdate(), values)
    html = _KEPT.get(key)
    if html is None:
        if len(_KEPT) >= _MOST:
            _KEPT.clear()
        html = _KEPT[key] = mark_safe(render())
    return html

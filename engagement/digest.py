"""The daily e-mail: each user who wants it gets what is overdue or due soon, in their language."""

from __future__ import annotations

from datetime import date

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from engagement import selectors


def digest_send(*, user, today: date, base_url: str = "", dry_run: bool = False) -> int:
    """Mail the user's digest if something is due; returns the number of items in it (0: no
    e-mail)."""
    todo = selectors.digest_for(user=user, today=today)
    if not todo.items:
        return 0
    with translation.override(user.language or "nl"):
        context = {
            "user": user,
            "todo": todo,
            "todo_url": base_url + reverse("engagement:todo") if base_url else "",
            "settings_url": base_url + reverse("accounts:settings") if base_url else "",
        }
        subject = render_to_string(
            "engagement/digest_subject.txt", {"count": len(todo.items)}
        ).strip()
        body = render_to_string("engagement/digest_email.txt", context)
    if not dry_run:
        send_mail(subject, body, None, [user.email])
    return len(todo.items)

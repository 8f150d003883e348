"""The iCalendar side of the decision calendar (RFC 5545, with the `icalendar` package): a
member's private feed, and reading a council's published meeting calendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from engagement.models import Commitment
from engagement.selectors import engagement_panel
from governance.models import DecisionMoment
from governance.vocabulary import kind_label
from lib.text import strip_control_characters
from projects.models import Project

PRODID = "-//Draagvlak//decision calendar//EN"
# The feed shows the past year and everything ahead; older items only weigh on the calendar.
FEED_PAST_DAYS = 365
# A council's calendar holds a few hundred meetings; more than this is not one.
MAX_IMPORTED = 2000


def _all_day(event: Event, day: date) -> None:
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))


def feed(*, project: Project, host: str, today: date) -> bytes:
    """The project's calendar for one member: decision moments, paper deadlines, commitments
    due and the next support review, each an all-day event with a stable UID."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{project.title} – Draagvlak")
    stamp = timezone.now()
    since = today - timedelta(days=FEED_PAST_DAYS)

    def event(uid: str, day: date, summary: str, description: str = "") -> None:
        item = Event()
        item.add("uid", f"{uid}@{host}")
        item.add("dtstamp", stamp)
        item.add("summary", strip_control_characters(summary))
        if description:
            item.add("description", strip_control_characters(description, multiline=True))
        _all_day(item, day)
        calendar.add_component(item)

    moments = DecisionMoment.objects.filter(project=project, date__gte=since).select_related(
        "body"
    )
    for moment in moments:
        name = moment.title or kind_label(project, moment.kind)
        body = f" – {moment.body.name}" if moment.body and moment.body.deleted_at is None else ""
        outcome = f" ({moment.get_outcome_display()})" if moment.outcome else ""
        event(f"decision-{moment.pk}", moment.date, f"{name}{body}{outcome}", moment.ask)
        if moment.papers_due:
            event(
                f"papers-{moment.pk}", moment.papers_due,
                _("Papers due: %(name)s") % {"name": name}, moment.ask,
            )
    commitments = (
        Commitment.objects.open()
        .filter(project=project, ends_on__gte=since, party__deleted_at__isnull=True)
        .select_related("party")
    )
    for commitment in commitments:
        event(
            f"commitment-{commitment.pk}", commitment.ends_on,
            _("Commitment due: %(party)s") % {"party": commitment.party.name}, commitment.what,
        )
    panel = engagement_panel(project=project)
    review_on = panel.next_review_on or (today if panel.review_due else None)
    if review_on is not None and panel.open_review_id is None:
        event(f"review-{project.pk}", max(review_on, today), _("Support review due"))
    return calendar.to_ical()


class IcsError(ValueError):
    """The file is not a calendar this import can read; the message says why."""


@dataclass
class Meeting:
    uid: str
    date: date
    title: str
    description: str


def _day(value) -> date | None:
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    if isinstance(value, date):
        return value
    return None


def read_meetings(content: bytes) -> list[Meeting]:
    """The events of a published calendar, each with its UID; raises IcsError for a file that
    is not iCalendar or holds no usable event."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IcsError(_("The file is not UTF-8 text, so it is not an iCalendar file.")) from error
    if "BEGIN:VCALENDAR" not in text[:2000].upper():
        raise IcsError(_("The file does not start like an iCalendar file (BEGIN:VCALENDAR)."))
    try:
        calendar = Calendar.from_ical(text)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise IcsError(_("The calendar file could not be read: it is damaged.")) from error
    meetings: list[Meeting] = []
    seen: set[str] = set()
    for component in calendar.walk("VEVENT"):
        uid = strip_control_characters(str(component.get("uid", ""))).strip()[:255]
        start = component.get("dtstart")
        day = _day(start.dt) if start is not None else None
        if not uid or day is None or uid in seen:
            continue
        seen.add(uid)
        meetings.append(
            Meeting(
                uid=uid,
                date=day,
                title=strip_control_characters(str(component.get("summary", ""))).strip()[:200],
                description=strip_control_characters(
                    str(component.get("description", "")), multiline=True
                ).strip(),
            )
        )
        if len(meetings) > MAX_IMPORTED:
            raise IcsError(
                _("The file holds more than %(count)d meetings; import a shorter period.")
                % {"count": MAX_IMPORTED}
            )
    if not meetings:
        raise IcsError(_("The file holds no meetings with a date and a UID."))
    return meetings

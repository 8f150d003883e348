"""OpenBesluitvorming (openbesluitvorming.nl), the successor of Open Raadsinformatie: the
meetings of a Dutch municipality and the motions and documents that match the project's theme.
Read-only and without a key; documented in its API.md. 60 units a minute: one request a second
keeps well under it."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from governance.connectors.http import Client, SourceError, malformed
from governance.connectors.records import CouncilData, Item, Meeting
from governance.models import DecisionMoment

SOURCE = "openbesluitvorming"
LABEL = "OpenBesluitvorming"
INTERVAL = 1.0
PAGE = 100  # the API caps `limit` at 100
MAX_MEETING_PAGES = 10
# Each motion's result and votes need one request of its own; the newest are enough.
MAX_MOTIONS = 20
MAX_DOCUMENTS = 25
MEETINGS_PAST_DAYS = 90
MEETINGS_AHEAD_DAYS = 366
ITEMS_PAST_DAYS = 3 * 365

DUTCH_TIME = ZoneInfo("Europe/Amsterdam")
CBS_CODE = re.compile(r"^GM\d{4}$")

# Search words per health theme, in the councils' own language; the API combines words with AND,
# so each is short.
THEME_QUERIES = {
    "oral_health": "mondzorg",
    "family_planning": "gezinsplanning",
    "mental_wellbeing": "mentale gezondheid",
    "alcohol_drugs": "alcohol",
    "sexual_health": "seksuele gezondheid",
    "nutrition": "gezonde voeding",
    "physical_activity": "bewegen",
    "smoking": "rookvrij",
    "healthy_weight": "overgewicht",
    "sport": "sport",
    "social_prescribing": "welzijn op recept",
    "loneliness": "eenzaamheid",
    "healthy_ageing": "ouderen gezondheid",
    "first_1000_days": "kansrijke start",
    "healthy_school": "gezonde school",
    "poverty_health": "armoede gezondheid",
    "healthy_environment": "gezonde leefomgeving",
}


def theme_query(theme: str, theme_other: str = "") -> str:
    """The words to search for; an own theme gives its first few words, punctuation left out
    (the API strips it anyway, and a stray quote would make a phrase)."""
    if theme in THEME_QUERIES:
        return THEME_QUERIES[theme]
    words = re.findall(r"\w+", theme_other or "")
    return " ".join(words[:3])


def _date(value) -> date | None:
    """`sortDate` is "YYYY-MM-DD hh:mm:ss" in UTC; the meeting's day is its day in Dutch time."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace(" ", "T").replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(DUTCH_TIME).date()


def _text(value, limit: int = 200) -> str:
    return " ".join(str(value).split())[:limit] if isinstance(value, (str, int)) else ""


def meeting_kind(title: str) -> str:
    lowered = title.lower()
    if "commissie" in lowered:
        return DecisionMoment.Kind.COMMITTEE
    if "college" in lowered:
        return DecisionMoment.Kind.COLLEGE
    return DecisionMoment.Kind.COUNCIL


def source_key(status: object, cbs_code: str) -> tuple[str, str]:
    """The source key and name of the municipality with this CBS code, from `/api/status`. A
    municipality merged away leads to the one that took over, if that one is imported."""
    if not isinstance(status, dict) or not isinstance(status.get("sources"), list):
        raise malformed(LABEL)
    for source in status["sources"]:
        if not isinstance(source, dict) or source.get("cbsId") != cbs_code:
            continue
        successor = source.get("succeededBy")
        if (source.get("state") == "discontinued" and isinstance(successor, dict)
                and successor.get("sourceKey")):
            return str(successor["sourceKey"]), _text(successor.get("label"))
        if source.get("sourceKey"):
            return str(source["sourceKey"]), _text(source.get("label"))
    raise SourceError(
        _("%(source)s does not hold the council data of the municipality with CBS code "
          "%(code)s.") % {"source": LABEL, "code": cbs_code}
    )


def search_page(answer: object) -> tuple[list[dict], bool]:
    if not isinstance(answer, dict) or not isinstance(answer.get("results"), list):
        raise malformed(LABEL)
    results = [r for r in answer["results"] if isinstance(r, dict) and r.get("entityId")]
    return results, bool(answer.get("hasMore"))


def meeting_from(result: dict) -> Meeting | None:
    day = _date(result.get("sortDate"))
    if day is None:
        return None
    title = _text(result.get("title")) or _("Council meeting")
    uid = f"{SOURCE}:{_text(result['entityId'], 220)}"
    return Meeting(uid=uid, date=day, title=title, kind=meeting_kind(title))


def _count(value) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def motion_from(result: dict, detail: object) -> Item:
    """A motion from its search result and, where fetched, its detail with result and votes."""
    item = Item(
        uid=f"{SOURCE}:{_text(result['entityId'], 220)}", kind="motion",
        title=_text(result.get("title")), date=_date(result.get("sortDate")),
        url=_text(result.get("downloadUrl"), 500),
    )
    motion = detail.get("motion") if isinstance(detail, dict) else None
    if not isinstance(motion, dict):
        return item
    item.title = item.title or _text(motion.get("name"))
    item.result = _text(motion.get("result"), 40)
    item.status = _text(motion.get("status"), 100)
    tally = motion.get("tally") if isinstance(motion.get("tally"), dict) else {}
    item.votes_for, item.votes_against = _count(tally.get("in_favour")), _count(
        tally.get("against")
    )
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for vote in motion.get("votes") or []:
        if not isinstance(vote, dict) or vote.get("option") not in ("voor", "tegen"):
            continue
        group = _text(vote.get("group_name"), 100) or "?"
        groups[group][0 if vote["option"] == "voor" else 1] += 1
    item.groups = [(name, counts[0], counts[1]) for name, counts in sorted(groups.items())]
    url = detail.get("pdfUrl") or detail.get("downloadUrl")
    if isinstance(url, str) and url.startswith(("https://", "http://")):
        item.url = url[:500]
    return item


def document_from(result: dict) -> Item:
    url = _text(result.get("downloadUrl"), 500)
    return Item(
        uid=f"{SOURCE}:{_text(result['entityId'], 220)}", kind="document",
        title=_text(result.get("title")), date=_date(result.get("sortDate")),
        url=url if url.startswith(("https://", "http://")) else "",
    )


def fetch(*, base_url: str, cbs_code: str, query: str, today: date, transport=None
          ) -> CouncilData:
    """Everything the project can use from the source, read before anything is written; raises
    SourceError (with the message for the page) when any step fails."""
    if not CBS_CODE.match(cbs_code):
        raise SourceError(_("%(code)s is not a CBS municipality code (GM and four digits).")
                          % {"code": cbs_code})
    data = CouncilData(query=query)
    with Client(source=SOURCE, label=LABEL, base_url=base_url, interval=INTERVAL,
                transport=transport) as client:
        key, data.organisation = source_key(client.get_json("/api/status"), cbs_code)
        base = {"organization": key, "sort": "date_asc", "limit": PAGE}
        meetings = {
            "entityType": "Meeting",
            "dateFrom": (today - timedelta(days=MEETINGS_PAST_DAYS)).isoformat(),
            "dateTo": (today + timedelta(days=MEETINGS_AHEAD_DAYS)).isoformat(),
        }
        seen: set[str] = set()
        for page in range(MAX_MEETING_PAGES):
            answer = client.get_json("/api/search",
                                     params={**base, **meetings, "offset": page * PAGE})
            results, more = search_page(answer)
            for result in results:
                meeting = meeting_from(result)
                if meeting is not None and meeting.uid not in seen:
                    seen.add(meeting.uid)
                    data.meetings.append(meeting)
            if not more or not results:
                break
        if not query:
            return data
        since = (today - timedelta(days=ITEMS_PAST_DAYS)).isoformat()
        found = {"query": query, "organization": key, "sort": "date_desc", "dateFrom": since}
        motions, _more = search_page(client.get_json(
            "/api/search", params={**found, "entityType": "Motion", "limit": MAX_MOTIONS}))
        for result in motions[:MAX_MOTIONS]:
            detail = client.get_json("/api/entities/" + quote(str(result["entityId"]), safe=""))
            data.items.append(motion_from(result, detail))
        documents, _more = search_page(client.get_json(
            "/api/search", params={**found, "entityType": "Document", "limit": MAX_DOCUMENTS}))
        data.items.extend(document_from(result) for result in documents[:MAX_DOCUMENTS])
    return data

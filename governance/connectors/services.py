"""Fetching council data and taking it over: the worker fetches and merges the meetings into the
decision calendar (matched by their source's id, as the .ics import matches by UID); the user
adopts motions and documents, and confirms the people who become board profiles."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance import services as governance
from governance.connectors import lblod, openbesluitvorming
from governance.connectors.http import SourceError
from governance.connectors.models import CouncilFetch
from governance.connectors.records import (
    CouncilData,
    Item,
    Meeting,
    Person,
    item_from_json,
    person_from_json,
    to_json,
)
from governance.models import BoardProfile, DecisionMoment
from history.models import Version
from history.services import version_record
from lib.collation import sort_key
from parties.models import Layer, Party
from parties.services import _apply, party_create
from projects.models import Place, Project
from projects.vocabulary import FLANDERS, NETHERLANDS, project_country

Source = CouncilFetch.Source
# A fetch still queued or running after this long lost its worker; it may be asked again.
STALE_AFTER = timedelta(minutes=15)
OUTCOMES = {
    "aangenomen": DecisionMoment.Outcome.ADOPTED,
    "verworpen": DecisionMoment.Outcome.REJECTED,
    "aangehouden": DecisionMoment.Outcome.POSTPONED,
}


def source_url(source: str) -> str:
    """The configured address of a source; empty while the connector is off."""
    if source == Source.OPENBESLUITVORMING:
        return settings.OPENBESLUITVORMING_URL
    return settings.LBLOD_SPARQL_URL


def municipality_code(project: Project, source: str) -> str:
    """The official code the source needs: a Dutch municipality's CBS code (GM0342) or a
    Flemish one's NIS code (44021), from the project's places."""
    pattern = openbesluitvorming.CBS_CODE if source == Source.OPENBESLUITVORMING else lblod.NIS_CODE
    country = "NL" if source == Source.OPENBESLUITVORMING else "BE"
    for place in project.places.all():
        code = place.code.strip().upper()
        if (place.kind == Place.Kind.MUNICIPALITY and place.country == country
                and pattern.match(code)):
            return code
    return ""


def sources_for(project: Project) -> list[str]:
    """The sources that can know the project's council: its country's, or both if unknown."""
    country = project_country(project)
    if country == NETHERLANDS:
        return [Source.OPENBESLUITVORMING]
    if country == FLANDERS:
        return [Source.LBLOD]
    return [Source.OPENBESLUITVORMING, Source.LBLOD]


@dataclass
class Refusal:
    message: str


def fetch_request(*, project: Project, source: str, user) -> CouncilFetch | Refusal:
    """Queue a fetch, unless the connector is off, the project lacks the code, or one is
    already under way. The caller enqueues the worker's task once this commits."""
    if not source_url(source):
        return Refusal(_("This connector is off: the server has no address for it."))
    if not municipality_code(project, source):
        return Refusal(_("Add the municipality with its official code to the project's places "
                         "first."))
    now = timezone.now()
    with transaction.atomic():
        fetch, _created = CouncilFetch.objects.select_for_update().get_or_create(
            project=project, source=source
        )
        if fetch.busy and fetch.requested_at and now - fetch.requested_at < STALE_AFTER:
            return Refusal(_("A fetch is already under way; its result shows here when it is "
                             "done."))
        fetch.state = CouncilFetch.State.QUEUED
        fetch.message = ""
        fetch.requested_by = user if getattr(user, "is_authenticated", False) else None
        fetch.requested_at = now
        fetch.finished_at = None
        fetch.save()
    return fetch


def _read(fetch: CouncilFetch, today: date) -> CouncilData:
    project = fetch.project
    url = source_url(fetch.source)
    if not url:
        raise SourceError(_("This connector is off: the server has no address for it."))
    code = municipality_code(project, fetch.source)
    if not code:
        raise SourceError(_("Add the municipality with its official code to the project's "
                            "places first."))
    if fetch.source == Source.OPENBESLUITVORMING:
        query = openbesluitvorming.theme_query(project.theme, project.theme_other)
        return openbesluitvorming.fetch(base_url=url, cbs_code=code, query=query, today=today)
    return lblod.fetch(endpoint=url, nis_code=code, today=today)


def fetch_run(*, fetch_id: int, today: date | None = None) -> CouncilFetch | None:
    """The worker's part: read everything from the source, then write it in one transaction.
    A failure leaves the calendar and the last good result as they were."""
    fetch = CouncilFetch.objects.select_related("project", "requested_by").filter(
        pk=fetch_id
    ).first()
    if fetch is None:
        return None
    today = today or timezone.localdate()
    CouncilFetch.objects.filter(pk=fetch.pk).update(state=CouncilFetch.State.RUNNING)
    try:
        data = _read(fetch, today)
    except SourceError as error:
        fetch.state, fetch.message = CouncilFetch.State.FAILED, str(error)
        fetch.finished_at = timezone.now()
        fetch.save(update_fields=["state", "message", "finished_at"])
        return fetch
    with transaction.atomic():
        added, moved = meetings_merge(
            project=fetch.project, meetings=data.meetings, user=fetch.requested_by
        )
        fetch.state = CouncilFetch.State.DONE
        fetch.message = ""
        fetch.organisation = data.organisation[:200]
        fetch.query = data.query[:200]
        fetch.meetings_added, fetch.meetings_moved = added, moved
        fetch.items = [to_json(item) for item in data.items]
        fetch.people = [to_json(person) for person in data.people]
        fetch.finished_at = fetch.fetched_at = timezone.now()
        fetch.save()
    return fetch


@transaction.atomic
def meetings_merge(*, project: Project, meetings: list[Meeting], user=None) -> tuple[int, int]:
    """Add the meetings to the decision calendar, matched by their source's id: one fetched
    before (even one since moved to the bin) is not added again, one whose date moved is moved.
    The same matching as the .ics import. Returns (added, moved)."""
    known = {
        moment.source_uid: moment
        for moment in DecisionMoment.everything.filter(
            project=project, source_uid__in=[m.uid for m in meetings]
        )
    }
    added = moved = 0
    for meeting in meetings:
        current = known.get(meeting.uid)
        if current is None:
            decision = DecisionMoment(
                project=project, source_uid=meeting.uid,
                created_by=user if getattr(user, "is_authenticated", False) else None,
            )
            _apply(decision, {"kind": meeting.kind, "date": meeting.date,
                              "title": meeting.title, "ask": ""})
            decision.save()
            version_record(instance=decision, project_id=project.pk, user=user,
                           action=Version.Action.CREATE)
            known[meeting.uid] = decision
            added += 1
        elif current.deleted_at is None and current.date != meeting.date:
            data: dict = {"date": meeting.date}
            if current.papers_due and current.papers_due > meeting.date:
                data["papers_due"] = None
            governance.decision_update(decision=current, data=data, user=user)
            moved += 1
    return added, moved


def items_of(fetch: CouncilFetch | None) -> list[Item]:
    return [item_from_json(data) for data in fetch.items] if fetch else []


def people_of(fetch: CouncilFetch | None) -> list[Person]:
    return [person_from_json(data) for data in fetch.people] if fetch else []


def adopted_uids(project: Project, uids: list[str]) -> set[str]:
    return set(DecisionMoment.everything.filter(project=project, source_uid__in=uids)
               .values_list("source_uid", flat=True))


def _outcome_note(item: Item) -> str:
    lines = [item.status or item.result]
    if item.votes_for is not None or item.votes_against is not None:
        lines.append(_("Votes: %(for)s for, %(against)s against.")
                     % {"for": item.votes_for or 0, "against": item.votes_against or 0})
    lines += [f"{group}: {voor} – {tegen}" for group, voor, tegen in item.groups]
    if item.url:
        lines.append(item.url)
    return "\n".join(line for line in lines if line)


@transaction.atomic
def items_adopt(*, project: Project, fetch: CouncilFetch, uids: list[str], user=None) -> int:
    """Take the chosen motions and documents into the decision calendar; a motion that was
    decided arrives decided, with its result and votes. One adopted before is skipped.
    Returns the number added."""
    wanted = set(uids)
    chosen = [item for item in items_of(fetch) if item.uid in wanted and item.date]
    done = adopted_uids(project, [item.uid for item in chosen])
    added = 0
    for item in chosen:
        if item.uid in done:
            continue
        outcome = OUTCOMES.get(item.result, "")
        data = {
            "kind": DecisionMoment.Kind.COUNCIL if item.kind == "motion"
            else DecisionMoment.Kind.OTHER,
            "date": item.date, "title": item.title[:200] or _("Motion"), "ask": "",
            "status": DecisionMoment.Status.DECIDED if outcome else DecisionMoment.Status.PLANNED,
            "outcome": outcome, "outcome_note": _outcome_note(item),
        }
        decision = DecisionMoment(
            project=project, source_uid=item.uid,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        _apply(decision, data)
        decision.save()
        version_record(instance=decision, project_id=project.pk, user=user,
                       action=Version.Action.CREATE)
        done.add(item.uid)
        added += 1
    return added


# The people of the board -------------------------------------------------------------------


def _portfolios(person: Person) -> str:
    role = _("mayor (burgemeester)") if person.role == "mayor" else _("alderman (schepen)")
    return f"{role}: {', '.join(person.domains)}" if person.domains else role


def _profile_data(person: Person) -> dict:
    return {"portfolios": _portfolios(person), "political_group": person.group,
            "term_start": person.start, "term_end": person.end}


@dataclass
class PersonRow:
    person: Person
    party: Party | None
    profile: BoardProfile | None
    changes: dict  # field -> new value, for an existing profile; everything for a new one

    @property
    def is_new(self) -> bool:
        return self.profile is None

    @property
    def unchanged(self) -> bool:
        return not self.changes


def _name_key(name: str) -> str:
    return re.sub(r"\s+", " ", sort_key(name)).strip()


def people_preview(*, project: Project, fetch: CouncilFetch | None) -> list[PersonRow]:
    """Each fetched person with the board party of the same name (if any) and what taking
    them over would change in its profile."""
    parties = {
        _name_key(party.name): party
        for party in Party.objects.filter(project=project, layer=Layer.BOARD)
    }
    profiles = {
        profile.party_id: profile
        for profile in BoardProfile.objects.filter(party__in=list(parties.values()))
    }
    rows = []
    for person in people_of(fetch):
        party = parties.get(_name_key(person.name))
        profile = profiles.get(party.pk) if party else None
        data = _profile_data(person)
        changes = data if profile is None else {
            field: value for field, value in data.items()
            if value not in ("", None) and getattr(profile, field) != value
        }
        rows.append(PersonRow(person=person, party=party, profile=profile, changes=changes))
    return rows


@transaction.atomic
def people_apply(*, project: Project, fetch: CouncilFetch, uids: list[str], user=None
                 ) -> tuple[int, int]:
    """Create or update the board profiles of the confirmed people, through the governance
    services so that every change is in the history. A person without a board party of that
    name gets one. Returns (created, updated)."""
    wanted = set(uids)
    created = updated = 0
    for row in people_preview(project=project, fetch=fetch):
        if row.person.uid not in wanted or row.unchanged:
            continue
        party = row.party
        if party is None:
            party = party_create(project=project, segments=[], user=user, data={
                "name": row.person.name, "layer": Layer.BOARD, "kind": Party.Kind.PERSON,
                "sector": Party.Sector.LOCAL_GOVERNMENT, "role": Party.ProjectRole.DECIDES,
            })
        if row.profile is None:
            governance.profile_create(party=party, data=row.changes, user=user)
            created += 1
        else:
            governance.profile_update(profile=row.profile, data=row.changes, user=user)
            updated += 1
    return created, updated

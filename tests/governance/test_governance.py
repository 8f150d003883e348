"""Board profiles, the decision calendar, its reminders and the import of a council calendar."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from engagement.selectors import digest_for, todo
from governance import services
from governance.ics import IcsError, read_meetings
from governance.models import BoardProfile, DecisionMoment
from history.services import versions_of
from projects.models import Place
from tests.factories import assess, make_party

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 2)


def _board(project, name="Wethouder Jansen"):
    return make_party(project, name=name, layer="board")


# Board profiles ----------------------------------------------------------------------------


def test_profile_keeps_its_history(team):
    party = _board(team.project)
    profile = services.profile_create(party=party, data={"portfolios": "Zorg"}, user=team.owner)
    services.profile_update(
        profile=profile, data={"drivers": "Wil scoren op jeugd"}, user=team.editor,
        expected_version=1,
    )
    versions = list(versions_of(profile))
    assert [v.action for v in versions] == ["update", "create"]
    assert versions[0].changes["drivers"] == ["", "Wil scoren op jeugd"]


def test_only_board_parties_get_a_profile(team):
    staff = make_party(team.project, layer="staff")
    with pytest.raises(ValidationError):
        services.profile_create(party=staff, data={})
    assert not BoardProfile.objects.exists()


def test_unknown_policy_area_is_refused(team):
    with pytest.raises(ValidationError) as error:
        services.profile_create(party=_board(team.project), data={"policy_areas": ["moon"]})
    assert "policy_areas" in error.value.message_dict


def test_profile_from_the_bin_comes_back_instead_of_a_second(team):
    party = _board(team.project)
    profile = services.profile_create(party=party, data={"portfolios": "Zorg"})
    services.profile_delete(profile=profile)
    again = services.profile_create(party=party, data={"portfolios": "Sport"})
    assert again.pk == profile.pk and again.deleted_at is None
    assert again.portfolios == "Sport"


def test_party_page_shows_the_profile_and_contributor_may_edit(client, team):
    party = _board(team.project)
    client.force_login(team.contributor)
    url = reverse("governance:profile_edit", args=[team.project.pk, party.pk])
    response = client.post(url, {
        "portfolios": "Volksgezondheid", "policy_areas": ["health", "youth"],
        "political_group": "Lokaal Belang", "drivers": "", "informing_note": "",
        "arguments_worked": "Cijfers per wijk", "arguments_failed": "",
        "informed_by": ["walk"], "expected_version": "",
    })
    assert response.status_code == 302
    page = client.get(reverse("parties:detail", args=[team.project.pk, party.pk]))
    assert "Lokaal Belang" in page.content.decode()
    assert "Cijfers per wijk" in page.content.decode()


def test_viewer_reads_but_cannot_add_a_profile(client, team):
    party = _board(team.project)
    client.force_login(team.viewer)
    url = reverse("governance:profile_edit", args=[team.project.pk, party.pk])
    assert client.post(url, {"portfolios": "x"}).status_code == 403
    assert not BoardProfile.objects.exists()


def test_board_list_costs_the_same_queries_for_more_parties(client, team):
    client.force_login(team.owner)
    url = reverse("governance:board", args=[team.project.pk])

    def grow(n):
        for i in range(n):
            party = _board(team.project, name=f"Lid {i} {n}")
            assess(party, power=4)
            services.profile_create(party=party, data={"last_briefed_on": TODAY})
            services.decision_create(
                project=team.project, data={"date": timezone.localdate() + timedelta(days=9),
                                            "body": party},
            )

    grow(2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    grow(20)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
    assert response.content.decode().count("<tr>") == 23  # the header and 22 parties


# The decision calendar ---------------------------------------------------------------------


def test_papers_after_the_decision_are_refused(team):
    with pytest.raises(ValidationError) as error:
        services.decision_create(
            project=team.project,
            data={"date": TODAY, "papers_due": TODAY + timedelta(days=1)},
        )
    assert "papers_due" in error.value.message_dict
    assert not DecisionMoment.objects.exists()


def test_decided_needs_an_outcome_and_an_outcome_needs_a_decision(team):
    with pytest.raises(ValidationError):
        services.decision_create(project=team.project, data={"date": TODAY, "status": "decided"})
    with pytest.raises(ValidationError):
        services.decision_create(project=team.project, data={"date": TODAY, "outcome": "adopted"})
    moment = services.decision_create(
        project=team.project, data={"date": TODAY, "status": "decided", "outcome": "adopted"}
    )
    assert moment.outcome == "adopted"


def test_body_of_another_project_is_refused(team):
    stranger = _board(team.other_project)
    with pytest.raises(ValidationError):
        services.decision_create(project=team.project, data={"date": TODAY, "body": stranger})


def test_calendar_lists_by_month_with_country_words(client, team):
    place = Place.objects.create(name="Gent", code="44021", country="BE")
    team.project.places.add(place)
    services.decision_create(project=team.project, data={
        "date": timezone.localdate() + timedelta(days=40), "kind": "college",
        "ask": "Budget voor de gezonde school",
    })
    client.force_login(team.viewer)
    response = client.get(reverse("governance:calendar", args=[team.project.pk]))
    html = response.content.decode()
    assert "Budget voor de gezonde school" in html
    assert "schepencollege" in html
    assert "Add a decision moment" not in html and "Een beslismoment toevoegen" not in html


def test_cycle_of_the_netherlands_and_of_flanders(team):
    team.project.places.add(Place.objects.create(name="Utrecht", code="GM0344", country="NL"))
    assert services.cycle_load(project=team.project, year=2027) == 3
    kinds = set(DecisionMoment.objects.values_list("kind", flat=True))
    assert kinds == {"spring_memo", "annual_accounts", "budget"}
    assert services.cycle_load(project=team.project, year=2027) == 0  # not twice
    other = team.other_project
    other.places.add(Place.objects.create(name="Gent", code="44021", country="BE"))
    services.cycle_load(project=other, year=2025)
    assert set(DecisionMoment.objects.filter(project=other).values_list("kind", flat=True)) == {
        "annual_accounts", "multi_year_plan"
    }


# Reminders ---------------------------------------------------------------------------------


def _kinds(result):
    return [(item.kind, item.item.pk) for item in result.items]


def test_paper_deadline_is_reminded_from_the_project_weeks_on(team):
    moment = services.decision_create(project=team.project, data={
        "date": TODAY + timedelta(weeks=9), "papers_due": TODAY + timedelta(weeks=7),
    })
    assert ("papers", moment.pk) not in _kinds(todo(user=team.viewer, today=TODAY))
    services.settings_update(project=team.project, data={"reminder_weeks": 8})
    assert ("papers", moment.pk) in _kinds(todo(user=team.viewer, today=TODAY))
    assert ("papers", moment.pk) in _kinds(digest_for(user=team.viewer, today=TODAY))
    services.decision_update(decision=moment, data={"status": "submitted"})
    assert ("papers", moment.pk) not in _kinds(todo(user=team.viewer, today=TODAY))


def test_default_is_six_weeks(team):
    moment = services.decision_create(project=team.project, data={
        "date": TODAY + timedelta(weeks=8), "papers_due": TODAY + timedelta(weeks=6),
    })
    assert ("papers", moment.pk) in _kinds(todo(user=team.viewer, today=TODAY))
    assert ("papers", moment.pk) not in _kinds(
        todo(user=team.viewer, today=TODAY - timedelta(days=1))
    )


def test_after_the_decision_the_outcome_is_asked_for(client, team):
    moment = services.decision_create(project=team.project, data={"date": TODAY})
    assert ("outcome", moment.pk) not in _kinds(todo(user=team.owner, today=TODAY))
    later = TODAY + timedelta(days=1)
    assert ("outcome", moment.pk) in _kinds(todo(user=team.owner, today=later))
    services.decision_update(decision=moment, data={"status": "decided", "outcome": "postponed"})
    assert ("outcome", moment.pk) not in _kinds(todo(user=team.owner, today=later))
    assert ("outcome", moment.pk) not in _kinds(todo(user=team.outsider, today=later))


def test_todo_page_and_digest_show_the_reminder(client, team):
    from django.core import mail

    from engagement.digest import digest_send

    today = timezone.localdate()
    services.decision_create(project=team.project, data={
        "date": today + timedelta(days=20), "papers_due": today + timedelta(days=5),
        "title": "Raad over de gezonde school",
    })
    client.force_login(team.owner)
    page = client.get(reverse("engagement:project_todo", args=[team.project.pk]))
    assert "Raad over de gezonde school" in page.content.decode()
    assert digest_send(user=team.owner, today=today) == 1
    assert "Raad over de gezonde school" in mail.outbox[0].body


def test_dashboard_names_the_next_decision(client, team):
    today = timezone.localdate()
    _board(team.project, name="Gemeenteraad")
    services.decision_create(project=team.project, data={
        "date": today + timedelta(days=30), "papers_due": today + timedelta(days=12),
        "title": "Begrotingsraad",
    })
    client.force_login(team.viewer)
    html = client.get(reverse("projects:dashboard", args=[team.project.pk])).content.decode()
    assert "Begrotingsraad" in html
    assert "12" in html.split("Begrotingsraad")[1].split("</p>")[0]


# Importing a council calendar --------------------------------------------------------------

ICS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Gemeente Hoogveld//Raadskalender//NL\r
BEGIN:VEVENT\r
UID:raad-2026-05-28@hoogveld.nl\r
DTSTAMP:20260101T120000Z\r
DTSTART;TZID=Europe/Amsterdam:20260528T193000\r
SUMMARY:Gemeenteraad\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:cie-2026-05-14@hoogveld.nl\r
DTSTAMP:20260101T120000Z\r
DTSTART;VALUE=DATE:20260514\r
SUMMARY:Commissie Samenleving\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_import_twice_adds_nothing_and_a_moved_meeting_moves(team):
    assert services.ics_import(project=team.project, content=ICS, kind="council") == (2, 0)
    assert services.ics_import(project=team.project, content=ICS, kind="council") == (0, 0)
    moved = ICS.replace(b"20260528T193000", b"20260604T193000")
    assert services.ics_import(project=team.project, content=moved, kind="council") == (0, 1)
    dates = sorted(DecisionMoment.objects.values_list("date", flat=True))
    assert dates == [date(2026, 5, 14), date(2026, 6, 4)]


def test_a_binned_meeting_is_not_imported_again(team):
    services.ics_import(project=team.project, content=ICS, kind="council")
    services.decision_delete(decision=DecisionMoment.objects.first())
    assert services.ics_import(project=team.project, content=ICS, kind="council") == (0, 0)


@pytest.mark.parametrize("content", [
    b"",
    b"\xff\xfe not text",
    b"Naam;Datum\nRaad;2026-05-28\n",
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n",
    b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:notadate\r\nUID:x\r\nEND:VEVENT\r\n",
])
def test_bad_files_are_refused_with_a_message(team, content):
    with pytest.raises(IcsError):
        read_meetings(content)


def test_bad_file_on_the_page_changes_nothing(client, team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(team.contributor)
    url = reverse("governance:ics_import", args=[team.project.pk])
    upload = SimpleUploadedFile("raad.ics", b"Naam;Datum\n", content_type="text/calendar")
    response = client.post(url, {"file": upload, "kind": "council"})
    assert response.status_code == 400
    assert "iCalendar" in response.content.decode()
    assert not DecisionMoment.objects.exists()


def test_demo_has_a_calendar_and_board_profiles():
    from projects.demo import demo_load

    project, _created = demo_load()
    moments = DecisionMoment.objects.filter(project=project)
    assert moments.filter(status="decided", outcome="adopted").count() == 1
    assert moments.filter(kind__in=DecisionMoment.BUDGET_CYCLE).exists()
    assert moments.filter(kind="committee").exists() and moments.filter(kind="council").exists()
    assert BoardProfile.objects.filter(party__project=project).count() == 5


def test_bin_restores_a_decision_moment_and_a_profile(team):
    from history.bin import bin_restore, in_bin

    moment = services.decision_create(project=team.project, data={"date": TODAY})
    profile = services.profile_create(party=_board(team.project), data={})
    services.decision_delete(decision=moment)
    services.profile_delete(profile=profile)
    keys = {kind.key for kind, _items in in_bin(project=team.project)}
    assert {"decision_moment", "board_profile"} <= keys
    bin_restore(project=team.project, key="decision_moment", object_id=moment.pk)
    bin_restore(project=team.project, key="board_profile", object_id=profile.pk)
    assert DecisionMoment.objects.filter(pk=moment.pk).exists()
    assert BoardProfile.objects.filter(pk=profile.pk).exists()

"""Assessing several parties at once: the table starts from the previous values, records only
the rows that changed, names what is missing, and reads a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from history.models import Version
from parties.models import Assessment
from tests.factories import assess, make_party, make_project, make_user
from tests.test_party_list import _fill, _queries

pytestmark = pytest.mark.django_db
EN = {"accept-language": "en"}


def _url(project) -> str:
    return reverse("parties:assess_bulk", args=[project.pk])


def _row(party, **values) -> dict:
    fields = {
        "power": "", "interest": "", "legitimacy": "", "urgency": "", "attitude": "",
        "engagement_current": "neutral", "engagement_desired": "supportive",
    } | {k: str(v) for k, v in values.items()}
    return {f"p{party.pk}-{name}": value for name, value in fields.items()}


def _post(client, project, *rows: dict, parties=(), on: date | None = None):
    data = {"assessed_on": (on or timezone.localdate()).isoformat(),
            "party": [str(p.pk) for p in parties]}
    for row in rows:
        data |= row
    return client.post(_url(project), data, headers=EN)


def test_the_table_shows_previous_values_and_starts_from_them(client, team):
    old = make_party(team.project, name="Tandartsen")
    assess(old, power=4, interest=2, legitimacy=5, urgency=1, attitude=-1,
           engagement_current="resistant", engagement_desired="neutral")
    new = make_party(team.project, name="Huis van het Kind")
    client.force_login(team.editor)
    html = client.get(_url(team.project), headers=EN).content.decode()
    assert "power 4, interest 2, legitimacy 5, urgency 1, opposition" in html
    assert f'name="p{old.pk}-power" value="4"' in html
    assert f'name="p{new.pk}-power"' in html and f'name="p{new.pk}-power" value' not in html
    # a party never assessed starts from neutral, hoping for support
    assert '<option value="neutral" selected>' in html
    # every field has a label, named after its party for screen readers
    assert html.count('class="cell-label"') == 2 * 7
    assert html.index("Huis van het Kind") < html.index("Tandartsen")  # not yet assessed first


def test_only_changed_rows_are_recorded_with_history(client, team):
    same = make_party(team.project, name="Gemeente")
    assess(same, power=3, attitude=0)
    changed = make_party(team.project, name="CAW")
    assess(changed, power=2, attitude=0)
    new = make_party(team.project, name="Buurtwerk")
    untouched = make_party(team.project, name="Logo")
    client.force_login(team.editor)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = _post(
        client, team.project,
        _row(same, power=3, interest=3, legitimacy=3, urgency=3, attitude=0),
        _row(changed, power=5, interest=3, legitimacy=3, urgency=3, attitude=0),
        _row(new, power=4, interest=5, legitimacy=4, urgency=2, attitude=1),
        _row(untouched),
        parties=[same, changed, new, untouched], on=yesterday,
    )
    assert response.status_code == 302
    assert same.assessments.count() == 1 and untouched.assessments.count() == 0
    assert changed.assessments.count() == 2
    recorded = new.assessments.get()
    assert (recorded.power, recorded.attitude, recorded.assessed_on) == (4, 1, yesterday)
    assert (recorded.engagement_current, recorded.engagement_desired) == ("neutral", "supportive")
    assert recorded.assessed_by == team.editor
    new.refresh_from_db()
    assert new.latest_assessment == recorded
    assert Version.objects.filter(object_id=recorded.pk, action="create").exists()
    page = client.get(response["Location"], headers=EN).content.decode()
    assert "2 assessments have been recorded." in page


def test_a_missing_score_names_the_row_and_the_field_and_saves_nothing(client, team):
    first = make_party(team.project, name="Huisartsen")
    second = make_party(team.project, name="Scholen")
    client.force_login(team.owner)
    response = _post(
        client, team.project,
        _row(first, power=4, interest=4, legitimacy=4, urgency=4, attitude=1),
        _row(second, power=3),
        parties=[first, second],
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was recorded: 1 row needs attention." in html
    assert "Fill in interest as well, or leave the whole row as it was." in html
    assert f'href="#row-{second.pk}"' in html
    # what was typed stays in the table
    assert f'name="p{first.pk}-power" value="4"' in html
    assert not Assessment.objects.exists()


def test_out_of_range_future_date_and_no_change_are_refused(client, team):
    party = make_party(team.project, name="Politie")
    client.force_login(team.owner)
    full = dict(power=3, interest=3, legitimacy=3, urgency=3, attitude=0)
    assert _post(client, team.project, _row(party, **(full | {"power": 9})),
                 parties=[party]).status_code == 400
    future = timezone.localdate() + timedelta(days=2)
    response = _post(client, team.project, _row(party, **full), parties=[party], on=future)
    assert response.status_code == 400
    assert "An assessment cannot be dated in the future." in response.content.decode()
    response = _post(client, team.project, _row(party), parties=[party])
    assert response.status_code == 400
    assert "Nothing was recorded: no row was changed." in response.content.decode()
    assert not Assessment.objects.exists()


def test_roles_follow_the_single_assessment_page(client, team):
    party = make_party(team.project, name="OCMW")
    row = _row(party, power=3, interest=3, legitimacy=3, urgency=3, attitude=0)
    for user, status in ((team.viewer, 403), (team.contributor, 403), (team.outsider, 404)):
        client.force_login(user)
        assert client.get(_url(team.project)).status_code == status
        assert _post(client, team.project, row, parties=[party]).status_code == status
    assert not Assessment.objects.exists()


def test_a_party_of_another_project_is_ignored(client, team):
    foreign = make_party(team.other_project, name="Geheim")
    client.force_login(team.owner)
    row = _row(foreign, power=3, interest=3, legitimacy=3, urgency=3, attitude=0)
    response = _post(client, team.project, row, parties=[foreign])
    assert response.status_code == 400  # nothing of this project changed
    assert not Assessment.objects.exists()


def test_query_count_does_not_grow_with_the_register(client):
    user = make_user("alice")
    small, large = make_project(user), make_project(user)
    _fill(small, 3)
    _fill(large, 300)
    client.force_login(user)
    assert _queries(client, _url(small)) == _queries(client, _url(large)) <= 8
    assert _queries(client, _url(large) + "?show=unassessed&page=2") <= 8

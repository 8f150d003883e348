"""The commitments page: due, overdue (flagged in words) and delivered; one click marks one
delivered, in place with htmx."""

from __future__ import annotations

import pytest
from django.urls import reverse

from engagement.models import Commitment
from history.services import versions_of
from parties.services import party_delete
from tests.engagement.conftest import HTMX, days
from tests.engagement.factories import make_commitment, make_moment

pytestmark = pytest.mark.django_db


def _url(team) -> str:
    return reverse("engagement:commitments", args=[team.project.pk])


def _sections(client, team) -> dict[str, list[str]]:
    response = client.get(_url(team))
    return {key: [c.what for c in items] for key, _title, items, _e in response.context[
        "sections_list"
    ]}


@pytest.fixture
def commitments(party, other_party):
    return {
        "overdue": make_commitment(party, what="Te laat", ends_in=-3, status="promised"),
        "asked_overdue": make_commitment(other_party, what="Gevraagd, te laat", ends_in=-1,
                                         status="asked"),
        "due": make_commitment(party, what="Binnenkort", ends_in=10),
        "due_today": make_commitment(party, what="Vandaag", ends_in=0, status="asked"),
        "later": make_commitment(other_party, what="Later", ends_in=40),
        "delivered": make_commitment(party, what="Geleverd", ends_in=-20, status="delivered"),
        "lapsed": make_commitment(party, what="Vervallen", ends_in=-30, status="lapsed"),
    }


def test_sections_by_state_and_date(client, team, commitments):
    client.force_login(team.viewer)
    assert _sections(client, team) == {
        "overdue": ["Te laat", "Gevraagd, te laat"],
        "due": ["Vandaag", "Binnenkort"],
        "later": ["Later"],
        "delivered": ["Geleverd"],
        "lapsed": ["Vervallen"],
    }


def test_overdue_is_flagged_in_words_not_only_by_colour(client, team, commitments):
    client.force_login(team.viewer)
    html = client.get(_url(team)).content.decode()
    row = html[html.index(f'id="commitment-{commitments["overdue"].pk}"'):]
    row = row[: row.index("</tr>")]
    assert 'class="tag overdue"' in row and "⚠" in row
    later = html[html.index(f'id="commitment-{commitments["later"].pk}"'):]
    assert "tag overdue" not in later[: later.index("</tr>")]
    assert commitments["overdue"].is_overdue() and not commitments["delivered"].is_overdue()


def test_viewer_sees_no_buttons(client, team, commitments):
    client.force_login(team.viewer)
    html = client.get(_url(team)).content.decode()
    assert "deliver/" not in html and 'id="new-commitment"' not in html


def test_mark_delivered_with_htmx_swaps_the_row(client, team, commitments):
    commitment = commitments["overdue"]
    client.force_login(team.contributor)
    url = reverse("engagement:commitment_deliver", args=[team.project.pk, commitment.pk])
    response = client.post(url, headers=HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.strip().startswith(f'<tr id="commitment-{commitment.pk}"')
    assert "tag overdue" not in html and "deliver/" not in html
    commitment.refresh_from_db()
    assert (commitment.status, commitment.delivered_on) == ("delivered", days(0))
    assert versions_of(commitment).first().changes["status"] == ["promised", "delivered"]
    assert "Te laat" in _sections(client, team)["delivered"]


def test_mark_delivered_without_javascript_redirects(client, team, commitments):
    commitment = commitments["due"]
    client.force_login(team.contributor)
    url = reverse("engagement:commitment_deliver", args=[team.project.pk, commitment.pk])
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == _url(team)
    assert client.get(url).status_code == 405
    commitment.refresh_from_db()
    assert commitment.status == "delivered"


def test_add_a_commitment_on_the_page(client, team, party):
    moment = make_moment(team.project, [party])
    client.force_login(team.contributor)
    form = client.get(_url(team) + f"?party={party.pk}").context["form"]
    assert list(form.fields["contact_moment"].queryset) == [moment]
    data = {
        "new-party": party.pk,
        "new-what": "Twee voormiddagen een lokaal",
        "new-starts_on": days(0).isoformat(),
        "new-ends_on": days(-1).isoformat(),
        "new-status": "asked",
        "new-contact_moment": moment.pk,
    }
    response = client.post(_url(team), data)
    assert response.status_code == 400
    assert "ends_on" in response.context["form"].errors
    response = client.post(_url(team), {**data, "new-ends_on": days(20).isoformat()})
    assert response.status_code == 302
    commitment = Commitment.objects.get()
    assert (commitment.contact_moment, commitment.created_by) == (moment, team.contributor)


def test_a_contact_with_another_party_cannot_be_linked(client, team, party, other_party):
    moment = make_moment(team.project, [other_party])
    client.force_login(team.contributor)
    response = client.post(
        _url(team),
        {
            "new-party": party.pk,
            "new-what": "x",
            "new-starts_on": days(0).isoformat(),
            "new-ends_on": days(3).isoformat(),
            "new-status": "asked",
            "new-contact_moment": moment.pk,
        },
    )
    assert response.status_code == 400
    assert "contact_moment" in response.context["form"].errors


def test_edit_conflicts_and_status_change_clears_the_delivery_date(client, team, commitments):
    commitment = commitments["delivered"]
    url = reverse("engagement:commitment_edit", args=[team.project.pk, commitment.pk])
    opened = {
        "party": commitment.party_id,
        "what": commitment.what,
        "starts_on": commitment.starts_on.isoformat(),
        "ends_on": commitment.ends_on.isoformat(),
        "status": "delivered",
        "expected_version": commitment.version,
    }
    client.force_login(team.editor)
    assert client.post(url, {**opened, "what": "Versie van Bob"}).status_code == 302
    client.force_login(team.contributor)
    response = client.post(url, {**opened, "status": "promised"})
    assert response.status_code == 400 and response.context["form"].conflict
    again = {**opened, "status": "promised",
             "expected_version": response.context["form"]["expected_version"].value()}
    assert client.post(url, again).status_code == 302
    commitment.refresh_from_db()
    assert (commitment.status, commitment.delivered_on) == ("promised", None)


def test_delete_and_restore_from_the_bin(client, team, commitments):
    commitment = commitments["due"]
    client.force_login(team.contributor)
    client.post(reverse("engagement:commitment_delete", args=[team.project.pk, commitment.pk]))
    assert "Binnenkort" not in str(_sections(client, team))
    client.force_login(team.editor)
    url = reverse("parties:bin_restore", args=[team.project.pk, "commitment", commitment.pk])
    assert client.post(url).status_code == 302
    assert "Binnenkort" in _sections(client, team)["due"]


def test_commitments_of_a_party_in_the_bin_are_left_out(client, team, party, commitments):
    party_delete(party=party)
    client.force_login(team.viewer)
    assert _sections(client, team)["overdue"] == ["Gevraagd, te laat"]

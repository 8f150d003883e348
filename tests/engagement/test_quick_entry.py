"""Logging a contact in a few keystrokes from a party's page, in place with htmx or as a plain
form without JavaScript."""

from __future__ import annotations

import pytest
from django.urls import reverse

from engagement.models import Commitment, ContactMoment
from tests.engagement.conftest import HTMX, days
from tests.engagement.factories import make_commitment, make_moment

pytestmark = pytest.mark.django_db


def _url(team, party) -> str:
    return reverse("engagement:party_moment_create", args=[team.project.pk, party.pk])


def _quick(**fields) -> dict:
    data = {
        "kind": "one_to_one",
        "date": days(0).isoformat(),
        "discussed": "Cijfers van het CLB besproken",
        "agreed": "Nota voor het college",
        "follow_up_on": days(14).isoformat(),
    }
    data.update(fields)
    return {f"quick-{key}": value for key, value in data.items()}


def test_the_party_page_offers_the_quick_entry_with_today_prefilled(client, team, party):
    client.force_login(team.contributor)
    page = client.get(reverse("parties:detail", args=[team.project.pk, party.pk]))
    html = page.content.decode()
    assert 'id="party-timeline"' in html
    assert f'value="{days(0).isoformat()}"' in html
    assert 'name="quick-party"' not in html  # the party is given by the page
    assert f'hx-post="{_url(team, party)}"' in html


def test_htmx_entry_logs_the_contact_and_swaps_the_timeline(client, team, party):
    client.force_login(team.contributor)
    response = client.post(_url(team, party), _quick(), headers=HTMX)
    assert response.status_code == 200
    moment = ContactMoment.objects.get()
    assert list(moment.parties.all()) == [party]
    assert list(moment.members.all()) == [team.contributor]  # the logger took part
    assert (moment.kind, moment.date, moment.follow_up_on) == ("one_to_one", days(0), days(14))
    assert moment.agreed == "Nota voor het college"
    html = response.content.decode()
    assert html.startswith("<link") or 'id="party-timeline"' in html.split("\n")[0]
    assert "Cijfers van het CLB besproken" in html
    assert 'value="Cijfers' not in html  # the form is empty again for the next contact


def test_without_javascript_it_redirects_back_to_the_party(client, team, party):
    client.force_login(team.contributor)
    response = client.post(_url(team, party), _quick())
    assert response.status_code == 302
    assert response["Location"] == reverse("parties:detail", args=[team.project.pk, party.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Cijfers van het CLB besproken" in page


def test_a_commitment_can_be_logged_with_the_contact(client, team, party):
    client.force_login(team.contributor)
    data = _quick(
        commitment_what="Tien tandenborstelpakketten per maand",
        commitment_status="asked",
        commitment_ends_on=days(30).isoformat(),
    )
    client.post(_url(team, party), data, headers=HTMX)
    commitment = Commitment.objects.get()
    assert commitment.party == party
    assert commitment.contact_moment == ContactMoment.objects.get()
    assert (commitment.status, commitment.starts_on, commitment.ends_on) == (
        "asked",
        days(0),
        days(30),
    )
    assert commitment.created_by == team.contributor


def test_mistakes_come_back_with_the_form_and_nothing_is_saved(client, team, party):
    client.force_login(team.contributor)
    data = _quick(
        discussed="",
        follow_up_on=days(-5).isoformat(),
        commitment_what="Zonder einddatum",
    )
    response = client.post(_url(team, party), data, headers=HTMX)
    assert response.status_code == 200  # htmx only swaps successful answers
    form = response.context["quick_form"]
    assert set(form.errors) == {"discussed", "follow_up_on", "commitment_ends_on"}
    assert not ContactMoment.objects.exists() and not Commitment.objects.exists()
    assert " open>" in response.content.decode()  # the commitment part is unfolded
    plain = client.post(_url(team, party), data)
    assert plain.status_code == 400


def test_follow_up_before_the_contact_is_refused(client, team, party):
    client.force_login(team.contributor)
    response = client.post(_url(team, party), _quick(follow_up_on=days(-1).isoformat()))
    assert response.status_code == 400
    assert "follow_up_on" in response.context["quick_form"].errors


def test_the_party_timeline_lists_contacts_newest_first_and_commitments(client, team, party):
    make_moment(team.project, [party], date=days(-30), discussed="Eerste kennismaking")
    make_moment(team.project, [party], date=days(-2), discussed="Tweede gesprek")
    make_commitment(party, what="Lokaal ter beschikking", ends_in=-4)
    client.force_login(team.viewer)
    html = client.get(reverse("parties:detail", args=[team.project.pk, party.pk])).content
    html = html.decode()
    assert html.index("Tweede gesprek") < html.index("Eerste kennismaking")
    assert "Lokaal ter beschikking" in html
    assert 'class="tag overdue"' in html and "⚠" in html  # a flag, not only a colour


def test_the_full_form_logs_everything(client, team, party, other_party):
    person = party.contacts.get()
    client.force_login(team.contributor)
    url = reverse("engagement:moment_create", args=[team.project.pk])
    assert client.get(url + f"?party={party.pk}").context["form"]["parties"].initial == [party]
    response = client.post(
        url,
        {
            "parties": [party.pk, other_party.pk],
            "contact_persons": [person.pk],
            "kind": "presentation",
            "date": days(-1).isoformat(),
            "members": [team.contributor.pk, team.editor.pk],
            "discussed": "Voorstelling op het college",
            "arguments_for": "Past in het bestuursakkoord",
            "arguments_against": "Kost geld",
            "win_win": "Resultaat voor de schepen",
            "agreed": "Voorstel uitwerken",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    moment = ContactMoment.objects.get()
    assert set(moment.parties.all()) == {party, other_party}
    assert list(moment.contact_persons.all()) == [person]
    assert set(moment.members.all()) == {team.contributor, team.editor}
    assert moment.win_win == "Resultaat voor de schepen"


def test_the_full_form_refuses_people_of_other_parties(client, team, party, other_party):
    person = party.contacts.get()
    client.force_login(team.contributor)
    response = client.post(
        reverse("engagement:moment_create", args=[team.project.pk]),
        {
            "parties": [other_party.pk],
            "contact_persons": [person.pk],
            "kind": "meeting",
            "date": days(0).isoformat(),
            "discussed": "x",
        },
    )
    assert response.status_code == 400
    assert "contact_persons" in response.context["form"].errors

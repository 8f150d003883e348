"""The service layer on its own: the rules that hold whatever calls it (page, API, demo)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from engagement import selectors, services
from engagement.models import Commitment, ContactMoment
from history.services import versions_of
from lib.concurrency import EditConflict
from tests.engagement.conftest import days
from tests.engagement.factories import make_commitment, make_moment
from tests.factories import make_contact, make_party

pytestmark = pytest.mark.django_db


def _data(**fields) -> dict:
    return {"kind": "meeting", "date": days(0), "discussed": "Overleg", **fields}


def test_a_contact_needs_parties_of_its_project(team, party):
    foreign = make_party(team.other_project)
    with pytest.raises(ValidationError) as error:
        services.moment_create(project=team.project, data=_data(), parties=[])
    assert "parties" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.moment_create(project=team.project, data=_data(), parties=[foreign])
    assert not ContactMoment.everything.exists()


def test_people_belong_to_the_parties_and_members_to_the_team(team, party, other_party):
    stranger = make_contact(other_party, name="Iemand anders")
    with pytest.raises(ValidationError) as error:
        services.moment_create(
            project=team.project, data=_data(), parties=[party], contact_persons=[stranger]
        )
    assert "contact_persons" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.moment_create(
            project=team.project, data=_data(), parties=[party], members=[team.outsider]
        )
    assert "members" in error.value.message_dict


def test_create_records_the_history_with_its_relations(team, party):
    moment = make_moment(team.project, [party], by=team.owner, members=[team.editor])
    [version] = versions_of(moment)
    assert version.action == "create" and version.user == team.owner
    assert version.data["parties"] == [party.pk] and version.data["members"] == [team.editor.pk]


def test_update_checks_the_version(team, party):
    moment = make_moment(team.project, [party])
    services.moment_update(moment=moment, data={"agreed": "Eerst"}, expected_version=1)
    with pytest.raises(EditConflict) as conflict:
        services.moment_update(moment=moment, data={"agreed": "Tweede"}, expected_version=1)
    assert conflict.value.current.agreed == "Eerst"


def test_dropping_a_party_drops_its_people(team, party, other_party):
    person = party.contacts.get()
    moment = services.moment_create(
        project=team.project, data=_data(), parties=[party, other_party],
        contact_persons=[person],
    )
    services.moment_update(moment=moment, data={}, parties=[other_party])
    assert list(moment.contact_persons.all()) == []


def test_delivery_date_follows_the_status(team, party):
    commitment = make_commitment(party, status="asked")
    assert commitment.delivered_on is None
    commitment = services.commitment_deliver(commitment=commitment)
    assert (commitment.status, commitment.delivered_on) == ("delivered", days(0))
    commitment = services.commitment_update(commitment=commitment, data={"what": "Anders"})
    assert commitment.delivered_on == days(0)  # a change of text keeps the date
    commitment = services.commitment_update(commitment=commitment, data={"status": "lapsed"})
    assert commitment.delivered_on is None


def test_commitment_dates_and_party(team, party, other_party):
    with pytest.raises(ValidationError) as error:
        make_commitment(party, starts_on=days(5), ends_on=days(1))
    assert "ends_on" in error.value.message_dict
    moment = make_moment(team.project, [other_party])
    with pytest.raises(ValidationError) as error:
        make_commitment(party, contact_moment=moment)
    assert "contact_moment" in error.value.message_dict
    assert not Commitment.everything.exists()


def test_overdue(team, party):
    today = days(0)
    assert make_commitment(party, ends_in=-1).is_overdue(today)
    assert not make_commitment(party, ends_in=0).is_overdue(today)
    assert not make_commitment(party, ends_in=-1, status="delivered").is_overdue(today)
    assert not make_commitment(party, ends_in=-1, status="lapsed").is_overdue(today)
    assert make_commitment(party, ends_in=-1, status="asked").is_overdue(today)
    assert Commitment.objects.overdue(today).count() == 2


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 8, 31), 6, date(2026, 2, 28)),
        (date(2026, 3, 15), 3, date(2025, 12, 15)),
        (date(2024, 8, 29), 6, date(2024, 2, 29)),
        (date(2026, 1, 31), -1, date(2026, 2, 28)),
    ],
)
def test_months_before(day, months, expected):
    assert selectors.months_before(day, months) == expected

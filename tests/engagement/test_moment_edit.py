"""Changing a contact: two people saving at once get a conflict; deleting goes to the bin,
from which an editor restores it; every change is in the history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from engagement.models import ContactMoment
from history.services import versions_of
from tests.engagement.conftest import days
from tests.engagement.factories import make_commitment, make_moment

pytestmark = pytest.mark.django_db


def _form(moment, **changes) -> dict:
    data = {
        "parties": [p.pk for p in moment.parties.all()],
        "kind": moment.kind,
        "date": moment.date.isoformat(),
        "members": [m.pk for m in moment.members.all()],
        "discussed": moment.discussed,
        "agreed": moment.agreed,
        "expected_version": moment.version,
    }
    data.update(changes)
    return data


def test_second_save_conflicts_and_shows_both_versions(client, team, party):
    moment = make_moment(team.project, [party], by=team.owner, agreed="")
    opened = _form(moment)
    url = reverse("engagement:moment_edit", args=[team.project.pk, moment.pk])
    client.force_login(team.editor)
    assert client.post(url, {**opened, "agreed": "Versie van Bob"}).status_code == 302
    client.force_login(team.contributor)
    response = client.post(url, {**opened, "agreed": "Versie van Carla"})
    assert response.status_code == 400
    form = response.context["form"]
    label = str(form.fields["agreed"].label)
    assert (label, "Versie van Bob", "Versie van Carla") in form.conflict
    assert 'class="conflict"' in response.content.decode()
    moment.refresh_from_db()
    assert moment.agreed == "Versie van Bob"
    again = {**opened, "agreed": "Versie van Carla",
             "expected_version": form["expected_version"].value()}
    assert client.post(url, again).status_code == 302
    moment.refresh_from_db()
    assert (moment.agreed, moment.version) == ("Versie van Carla", 3)


def test_a_change_of_parties_or_members_conflicts_too(client, team, party, other_party):
    moment = make_moment(team.project, [party], by=team.owner)
    opened = _form(moment)
    url = reverse("engagement:moment_edit", args=[team.project.pk, moment.pk])
    client.force_login(team.editor)
    client.post(url, {**opened, "parties": [party.pk, other_party.pk]})
    response = client.post(url, {**opened, "members": [team.owner.pk]})
    assert response.status_code == 400
    assert response.context["form"].conflict
    assert set(moment.parties.all()) == {party, other_party}


def test_edit_marks_the_follow_up_done_and_keeps_a_history(client, team, party):
    moment = make_moment(team.project, [party], by=team.owner, follow_up_on=days(3))
    client.force_login(team.contributor)
    url = reverse("engagement:moment_edit", args=[team.project.pk, moment.pk])
    assert client.post(url, _form(moment, follow_up_on=days(3).isoformat(),
                                  follow_up_done="on")).status_code == 302
    moment.refresh_from_db()
    assert moment.follow_up_done
    actions = [v.action for v in versions_of(moment)]
    assert actions == ["update", "create"]
    assert versions_of(moment).first().changes["follow_up_done"] == [False, True]


def test_delete_moves_to_the_bin_and_an_editor_restores_it(client, team, party):
    moment = make_moment(team.project, [party], by=team.owner, discussed="Het gesprek")
    commitment = make_commitment(party, contact_moment=moment)
    client.force_login(team.contributor)
    url = reverse("engagement:moment_delete", args=[team.project.pk, moment.pk])
    confirm = client.get(url)
    assert confirm.context["moment"] == moment and 'class="danger"' in confirm.content.decode()
    assert client.post(url).status_code == 302
    assert not ContactMoment.objects.exists()
    timeline = client.get(reverse("engagement:timeline", args=[team.project.pk]))
    assert "Het gesprek" not in timeline.content.decode()
    detail = reverse("engagement:moment_detail", args=[team.project.pk, moment.pk])
    assert client.get(detail).status_code == 404
    commitment.refresh_from_db()
    assert commitment.contact_moment_id == moment.pk  # kept, and back when restored

    client.force_login(team.editor)
    bin_page = client.get(reverse("parties:bin", args=[team.project.pk])).content.decode()
    restore = reverse("parties:bin_restore", args=[team.project.pk, "contact_moment", moment.pk])
    assert restore in bin_page
    assert client.post(restore).status_code == 302
    moment = ContactMoment.objects.get()
    assert moment.deleted_at is None and list(moment.parties.all()) == [party]
    assert [v.action for v in versions_of(moment)] == ["restore", "delete", "create"]


def test_emptying_the_bin_removes_the_contact_for_good(client, team, party):
    moment = make_moment(team.project, [party], by=team.owner)
    client.force_login(team.owner)
    client.post(reverse("engagement:moment_delete", args=[team.project.pk, moment.pk]))
    client.post(reverse("parties:bin_empty", args=[team.project.pk]), {"confirm": "yes"})
    assert not ContactMoment.everything.exists()

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from engagement.models import Commitment
from engagement.services import moment_create
from history.services import versions_of
from parties.models import ContactPerson, Party
from parties.privacy import retention_preview
from parties.services import contact_update
from tests.engagement.factories import make_commitment
from tests.factories import make_contact, make_party

pytestmark = pytest.mark.django_db


def test_a_contact_person_can_be_exported_as_json(client, team):
    party = make_party(team.project, name="OCMW")
    contact = make_contact(party, name="An Claes", email="an@example.org", phone="0470")
    contact_update(contact=contact, data={"function": "coördinator"}, user=team.editor)
    client.force_login(team.editor)
    url = reverse("parties:contact_export", args=[team.project.pk, party.pk, contact.pk])
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["person"]["email"] == "an@example.org"
    assert data["person"]["function"] == "coördinator"
    assert data["party"] == "OCMW"
    assert [entry["action"] for entry in data["history"]] == ["create", "update"]


def test_erasing_anonymises_the_person_and_their_history(client, team):
    party = make_party(team.project, name="OCMW", goals="Armoede")
    contact = make_contact(party, name="An Claes", email="an@example.org", phone="0470")
    client.force_login(team.editor)
    url = reverse("parties:contact_erase", args=[team.project.pk, party.pk, contact.pk])
    assert client.get(url).status_code == 200
    client.post(url)
    contact.refresh_from_db()
    assert "An Claes" not in contact.name
    assert (contact.email, contact.phone, contact.do_not_contact) == ("", "", True)
    assert contact.erased_at is not None
    for version in versions_of(contact):
        assert "An Claes" not in json.dumps(version.data) + version.object_repr
        assert "an@example.org" not in json.dumps([version.data, version.changes])
    assert versions_of(party).exists()  # the party's own history stays
    page = client.get(reverse("parties:detail", args=[team.project.pk, party.pk]))
    assert "An Claes" not in page.content.decode()


def test_viewer_and_contributor_cannot_export_or_erase(client, team):
    party = make_party(team.project)
    contact = make_contact(party, name="An")
    for user in (team.viewer, team.contributor):
        client.force_login(user)
        for name in ("parties:contact_export", "parties:contact_erase"):
            url = reverse(name, args=[team.project.pk, party.pk, contact.pk])
            assert client.get(url).status_code == 403
            assert client.post(url).status_code in (403, 405)
    contact.refresh_from_db()
    assert contact.name == "An"


def _age(party: Party, *, days: int) -> None:
    """The party and its contact persons as if nobody touched them for `days` days."""
    then = timezone.now() - timedelta(days=days)
    Party.everything.filter(pk=party.pk).update(updated_at=then)
    ContactPerson.everything.filter(party=party).update(created_at=then, updated_at=then)


def _keeping(team, months: int = 12) -> None:
    team.project.retention_months = months
    team.project.save()


def _would_go(team) -> set[str]:
    return {c.contact.name for c in retention_preview(project=team.project)}


def test_retention_anonymises_contacts_of_parties_no_longer_involved(team):
    team.project.retention_months = 12
    team.project.save()
    old = make_party(team.project, name="Vroeger")
    current = make_party(team.project, name="Nu")
    make_contact(old, name="Oud Contact", email="oud@example.org")
    make_contact(current, name="Actief Contact")
    _age(old, days=400)
    call_command("apply_retention", "--dry-run")
    assert ContactPerson.objects.filter(name="Oud Contact").exists()
    call_command("apply_retention")
    assert not ContactPerson.objects.filter(name="Oud Contact").exists()
    assert ContactPerson.objects.filter(name="Actief Contact").exists()
    assert ContactPerson.objects.filter(party=old, erased_at__isnull=False).count() == 1


def test_without_a_retention_period_nothing_is_anonymised(team):
    old = make_party(team.project, name="Vroeger")
    make_contact(old, name="Oud Contact")
    _age(old, days=4000)
    call_command("apply_retention")
    assert ContactPerson.objects.filter(name="Oud Contact").exists()


def test_a_person_added_recently_to_a_quiet_party_is_kept(team):
    _keeping(team)
    party = make_party(team.project, name="Stil")
    old = make_contact(party, name="Oud")
    _age(party, days=400)
    make_contact(party, name="Nieuw")  # added today to a party nobody edited for a year
    assert _would_go(team) == {"Oud"}
    call_command("apply_retention", stdout=io.StringIO())
    assert ContactPerson.objects.filter(name="Nieuw", erased_at__isnull=True).exists()
    old.refresh_from_db()
    assert old.erased_at is not None


def test_a_person_met_recently_is_kept(team):
    _keeping(team)
    party, other = make_party(team.project, name="Stil"), make_party(team.project, name="Ook")
    met = make_contact(party, name="Ontmoet")
    make_contact(other, name="Niet ontmoet")
    _age(party, days=400)
    _age(other, days=400)
    moment_create(project=team.project, data={"kind": "meeting", "date": timezone.localdate(),
                  "discussed": "Kennismaking"}, parties=[party], contact_persons=[met])
    assert _would_go(team) == {"Niet ontmoet"}


def test_everyone_at_a_party_met_recently_is_kept(team):
    _keeping(team)
    party = make_party(team.project, name="Stil")
    make_contact(party, name="Een")
    _age(party, days=400)
    moment = moment_create(project=team.project, data={
        "kind": "phone", "date": timezone.localdate() - timedelta(days=30), "discussed": "Bel"},
        parties=[party])
    assert _would_go(team) == set()
    moment.date = timezone.localdate() - timedelta(days=500)
    moment.save(update_fields=["date"])
    assert _would_go(team) == {"Een"}


def test_a_contact_moment_in_the_bin_keeps_nobody(team):
    _keeping(team)
    party = make_party(team.project, name="Stil")
    met = make_contact(party, name="Ontmoet")
    _age(party, days=400)
    moment = moment_create(project=team.project, data={"kind": "meeting",
                           "date": timezone.localdate(), "discussed": "Kennismaking"},
                           parties=[party], contact_persons=[met])
    assert _would_go(team) == set()
    type(moment).everything.filter(pk=moment.pk).update(deleted_at=timezone.now())
    assert _would_go(team) == {"Ontmoet"}


def test_a_person_whose_party_has_an_open_commitment_is_never_touched(team):
    _keeping(team, months=1)
    party = make_party(team.project, name="Belooft")
    make_contact(party, name="Houder")
    commitment = make_commitment(party, ends_in=-200)  # long overdue, still open
    _age(party, days=4000)
    call_command("apply_retention", stdout=io.StringIO())
    assert ContactPerson.objects.get(name="Houder").erased_at is None
    Commitment.objects.filter(pk=commitment.pk).update(status=Commitment.Status.DELIVERED)
    assert _would_go(team) == {"Houder"}


def test_the_dry_run_lists_each_person_with_their_last_activity(team):
    _keeping(team)
    party = make_party(team.project, name="Vroeger")
    make_contact(party, name="An Claes")
    _age(party, days=400)
    moment_create(project=team.project, data={
        "kind": "meeting", "date": date(2020, 3, 4), "discussed": "Overleg"}, parties=[party])
    out = io.StringIO()
    with translation.override("en"):
        call_command("apply_retention", "--dry-run", stdout=out)
    printed = out.getvalue()
    last = timezone.localdate(timezone.now() - timedelta(days=400)).isoformat()
    assert "An Claes" in printed and "Vroeger" in printed and last in printed
    assert "1 contact person would be anonymised." in printed
    assert ContactPerson.objects.get(name="An Claes").erased_at is None


def test_the_preview_names_the_latest_activity(team):
    _keeping(team)
    party = make_party(team.project, name="Vroeger")
    contact = make_contact(party, name="An")
    _age(party, days=800)
    moment_create(project=team.project, data={
        "kind": "meeting", "date": timezone.localdate() - timedelta(days=500),
        "discussed": "Overleg"}, parties=[party], contact_persons=[contact])
    with translation.override("en"):
        (candidate,) = retention_preview(project=team.project)
    assert candidate.last_active_on == timezone.localdate() - timedelta(days=500)
    assert candidate.last_activity == "contact moment with the person"


def test_the_preview_takes_a_fixed_number_of_queries(team, django_assert_max_num_queries):
    _keeping(team)
    for n in range(6):
        party = make_party(team.project)
        for m in range(3):
            contact = make_contact(party, name=f"P{n}-{m}")
            moment_create(project=team.project, data={
                "kind": "meeting", "date": date(2020, 1, 1), "discussed": "x"},
                parties=[party], contact_persons=[contact])
        make_commitment(party, status=Commitment.Status.DELIVERED)
        _age(party, days=400)
    with django_assert_max_num_queries(1):
        candidates = retention_preview(project=team.project)
        assert len(candidates) == 18
        assert all(c.contact.party.name and c.last_activity for c in candidates)


def test_the_owner_sees_who_would_be_anonymised_and_why(client, team):
    _keeping(team)
    party = make_party(team.project, name="Vroeger")
    make_contact(party, name="An Claes")
    make_contact(make_party(team.project, name="Nu"), name="Actief")
    _age(party, days=400)
    url = reverse("parties:retention", args=[team.project.pk])
    client.force_login(team.owner)
    about = client.get(reverse("projects:about", args=[team.project.pk])).content.decode()
    assert url in about
    page = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert "An Claes" in page and "Actief" not in page
    assert "person added" in page
    for user in (team.editor, team.viewer):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(team.outsider)
    assert client.get(url).status_code == 404


def test_the_retention_page_is_paged_with_a_fixed_number_of_queries(
    client, team, django_assert_max_num_queries
):
    _keeping(team)
    party = make_party(team.project, name="Vroeger")
    for n in range(105):
        make_contact(party, name=f"Persoon {n:03}")
    _age(party, days=400)
    client.force_login(team.owner)
    url = reverse("parties:retention", args=[team.project.pk])
    with django_assert_max_num_queries(6):  # session, user, membership, count, page
        first = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert "105 persons would be anonymised" in first
    assert "Persoon 000" in first and "Persoon 104" not in first
    assert "Persoon 104" in client.get(url + "?page=2").content.decode()

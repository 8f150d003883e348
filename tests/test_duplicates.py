"""Likely duplicate parties: the finder, dismissing a pair, the page and the backup."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from history import bin as history_bin
from parties.duplicates import (
    NameIndex,
    Reason,
    Register,
    code_key,
    duplicate_dismiss,
    duplicate_pairs,
    find_pairs,
    name_words,
    phone_key,
)
from parties.models import DuplicateDismissal, Party
from parties.services import party_delete
from projects.backup import backup_data, backup_restore
from tests.factories import make_contact, make_party

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["draagvlak_language"] = "en"
    with translation.override("en"):
        yield


def _pairs(names: dict[int, str], **register) -> dict[frozenset, tuple[int, set[str]]]:
    found = find_pairs(
        Register(
            names,
            register.get("codes", {}),
            register.get("contacts", []),
            register.get("dismissed", set()),
            register.get("country", "NL"),
        )
    )
    return {
        frozenset((pair.first.name, pair.second.name)): (
            pair.score,
            {reason.kind for reason in pair.reasons},
        )
        for pair in found
    }


# The finder -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other", "kind"),
    [
        ("Buurtteam Wijk X", "buurtteam wijk x", Reason.NAME),
        ("Huis-van-het-Kind", "Huis van het Kind", Reason.NAME),
        ("École Sainte-Marie", "Ecole Sainte Marie", Reason.NAME),
        ("GGD Holands Noorden", "GGD Hollands-Noorden", Reason.NAME),
        ("Noorden Hollands GGD", "GGD Hollands Noorden", Reason.NAME),
        ("GGD Hollands Noorden", "Gemeentelijke Gezondheidsdienst Hollands-Noorden", Reason.NAME),
        ("OCMW Gent", "Openbaar Centrum voor Maatschappelijk Welzijn Gent", Reason.NAME),
        ("St. Jozefschool", "Sint-Jozefschool", Reason.NAME),
        ("Kind en Gezin vzw", "Kind en Gezin", Reason.NAME),
        ("CAW Oost", "CAW Oost-Vlaanderen", Reason.CONTAINED),
        ("CJG Hoogveld", "Centrum voor Jeugd en Gezin Hoogveld", Reason.NAME),
        ("HvhK Hoogveld", "Huis van het Kind Hoogveld", Reason.ABBREVIATION),
        ("SPWH Hoogveld", "Sportvereniging Pluspunt Wijk Hoogveld Hoogveld", Reason.ABBREVIATION),
    ],
)
def test_names_alike_are_paired(one, other, kind):
    found = _pairs({1: one, 2: other, 3: "Bibliotheek De Klaproos"})
    assert set(found) == {frozenset((one, other))}
    score, kinds = found[frozenset((one, other))]
    assert kind in kinds
    assert 80 <= score <= 100


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("GGD West", "GGD Oost"),
        ("Basisschool De Regenboog", "Basisschool De Klimop"),
        ("Gemeente", "Gemeente Hoogveld"),  # one word is too little to say it is part of it
        ("Wijkteam 3", "Wijkteam 4"),
        ("Basisschool 12", "Basisschool 13"),
        ("CAW", "Centrum Algemeen Vlaanderen"),
    ],
)
def test_different_parties_are_not_paired(one, other):
    assert _pairs({1: one, 2: other}) == {}


def test_an_exact_name_scores_above_a_typo_and_a_part():
    found = find_pairs(
        Register(
            {1: "Buurthuis De Linde", 2: "buurthuis de linde", 3: "CAW Oost",
             4: "CAW Oost-Vlaanderen", 5: "GGD Holands Noorden", 6: "GGD Hollands Noorden"},
            {}, [], set(),
        )
    )
    assert [pair.first.id for pair in found] == [1, 5, 3]
    assert [pair.score for pair in found] == sorted((p.score for p in found), reverse=True)


def test_same_email_phone_and_code_are_paired_whatever_the_names():
    names = {1: "Stad Hoogveld", 2: "Gemeente Hoogveld", 3: "Wijkteam Noord", 4: "Sociaal Team",
             5: "Apotheek", 6: "Huisarts"}
    found = _pairs(
        names,
        codes={5: "BE 0123.456.789", 6: "123456789"},
        contacts=[(1, "Info@Hoogveld.nl ", ""), (2, "info@hoogveld.nl", ""),
                  (3, "", "+31 (0)20-123 45 67"), (4, "", "020 123 4567")],
    )
    assert found[frozenset(("Stad Hoogveld", "Gemeente Hoogveld"))] == (95, {Reason.EMAIL})
    assert found[frozenset(("Wijkteam Noord", "Sociaal Team"))] == (90, {Reason.PHONE})
    assert found[frozenset(("Apotheek", "Huisarts"))] == (100, {Reason.CODE})


def test_two_reasons_make_a_pair_stronger():
    found = _pairs({1: "CAW Oost", 2: "CAW Oost-Vlaanderen"},
                   contacts=[(1, "an@caw.be", ""), (2, "an@caw.be", "")])
    pair = found[frozenset(("CAW Oost", "CAW Oost-Vlaanderen"))]
    assert pair == (100, {Reason.EMAIL, Reason.CONTAINED})


def test_a_shared_switchboard_is_no_sign():
    words = "Apotheek Bakker Clinic Dansschool Eetcafe Fanfare Garage Huisarts Imker Jeugdhuis"
    names = {n: f"{word} {place}" for n, (word, place) in enumerate(
        ((w, p) for w in words.split() for p in ("Noord", "Zuid", "Oost")), 1)}
    contacts = [(n, "", "+32 9 210 10 10") for n in names]
    assert _pairs(names, contacts=contacts, country="BE") == {}


def test_phone_numbers_are_read_with_their_country():
    assert phone_key("+31 (0)20-123 45 67") == phone_key("0031 20 1234567") == "31201234567"
    assert phone_key("020 123 4567", "NL") == "31201234567"
    assert phone_key("09 210 10 10", "BE") == phone_key("+32 9 210 10 10") == "3292101010"
    assert phone_key("112") == ""
    assert phone_key("+31 020 123 4567") == "31201234567"


def test_official_codes_are_read_alike():
    assert code_key("BE 0123.456.789") == code_key("0123456789") == code_key("123456789")
    assert code_key(" 12 34 56 78 ") == "12345678"


def test_legal_forms_and_abbreviations_are_set_aside():
    assert name_words("Stichting Jeugdgezondheidszorg vzw") == ("stichting", "jgz")
    assert name_words("St. Jan") == ("sint", "jan")


def test_the_closest_name_for_a_new_row():
    index = NameIndex({1: "CAW Oost-Vlaanderen", 2: "Huis van het Kind", 3: "GGD West"})
    assert index.closest("Caw Oost Vlaanderen")[0] == 1
    assert index.closest("CAW Oost")[0] == 1
    assert index.closest("Huis van het Kind Hoogveld")[0] == 2
    assert index.closest("Huiss van het Kind")[0] == 2
    assert index.closest("GGD Oost") is None
    numbered = NameIndex({1: "Basisschool De Wilg 2", 2: "Wijkteam Noord"})
    assert numbered.closest("Basisschool De Wilg") is None
    assert numbered.closest("Wijkteam Noord 3") is None
    assert numbered.closest("Basisschool De Wilg 2 vzw")[0] == 1
    assert index.closest("") is None


# In the database --------------------------------------------------------------------------


def test_pairs_of_the_project_leave_out_the_bin_and_other_projects(team):
    make_party(team.project, name="Buurthuis De Linde")
    twin = make_party(team.project, name="buurthuis de linde")
    binned = make_party(team.project, name="Buurthuis de Linde.")
    make_party(team.other_project, name="Buurthuis De Linde")
    party_delete(party=binned)
    pairs = duplicate_pairs(project=team.project)
    assert [(p.first.name, p.second.name) for p in pairs] == [
        ("Buurthuis De Linde", twin.name)
    ]


def test_contacts_in_the_bin_or_of_parties_in_the_bin_do_not_count(team):
    a = make_party(team.project, name="Stad Hoogveld")
    b = make_party(team.project, name="Sportclub")
    make_contact(a, email="info@hoogveld.nl")
    contact = make_contact(b, email="info@hoogveld.nl")
    assert len(duplicate_pairs(project=team.project)) == 1
    contact.deleted_at = contact.updated_at
    contact.save()
    assert duplicate_pairs(project=team.project) == []


def test_a_dismissed_pair_stays_dismissed(team):
    a = make_party(team.project, name="CAW Oost")
    b = make_party(team.project, name="CAW Oost-Vlaanderen")
    duplicate_dismiss(project=team.project, party_ids=(b.pk, a.pk), user=team.editor)
    duplicate_dismiss(project=team.project, party_ids=(a.pk, b.pk), user=team.owner)
    dismissal = DuplicateDismissal.objects.get()
    assert (dismissal.party_low_id, dismissal.party_high_id) == (a.pk, b.pk)
    assert dismissal.dismissed_by == team.editor
    assert duplicate_pairs(project=team.project) == []


def test_only_two_parties_of_the_project_can_be_dismissed(team):
    a = make_party(team.project, name="CAW Oost")
    foreign = make_party(team.other_project, name="CAW Oost-Vlaanderen")
    with pytest.raises(Party.DoesNotExist):
        duplicate_dismiss(project=team.project, party_ids=(a.pk, foreign.pk), user=team.owner)
    with pytest.raises(Party.DoesNotExist):
        duplicate_dismiss(project=team.project, party_ids=(a.pk, a.pk), user=team.owner)


def test_deleting_a_party_for_good_removes_its_dismissals(team):
    a = make_party(team.project, name="CAW Oost")
    b = make_party(team.project, name="CAW Oost-Vlaanderen")
    duplicate_dismiss(project=team.project, party_ids=(a.pk, b.pk), user=team.owner)
    party_delete(party=b)
    assert DuplicateDismissal.objects.count() == 1  # the bin can still give it back
    history_bin.bin_empty(project=team.project)
    assert not DuplicateDismissal.objects.exists()


def test_dismissals_survive_backup_and_restore(team):
    a = make_party(team.project, name="CAW Oost")
    b = make_party(team.project, name="CAW Oost-Vlaanderen")
    duplicate_dismiss(project=team.project, party_ids=(a.pk, b.pk), user=team.editor)
    before = backup_data(team.project)
    assert before["tables"]["duplicate_dismissals"][0]["party_low"] == 1
    team.project.delete()
    restored = backup_restore(before).project
    assert backup_data(restored) == before
    assert duplicate_pairs(project=restored) == []


# The page ---------------------------------------------------------------------------------


def _page(project) -> str:
    return reverse("parties:duplicates", args=[project.pk])


def test_the_page_lists_pairs_with_their_reasons(client, team):
    a = make_party(team.project, name="CAW Oost")
    b = make_party(team.project, name="CAW Oost-Vlaanderen")
    make_contact(a, email="an@caw.be")
    make_contact(b, email="AN@caw.be")
    client.force_login(team.viewer)
    html = client.get(_page(team.project)).content.decode()
    assert "same e-mail address on a contact person" in html
    assert "one name is part of the other" in html
    assert reverse("parties:detail", args=[team.project.pk, b.pk]) in html
    assert "Not the same" not in html  # viewers only look


def test_names_alike_say_their_score(client, team):
    make_party(team.project, name="GGD Holands Noorden")
    make_party(team.project, name="GGD Hollands Noorden")
    client.force_login(team.owner)
    assert "names alike: 97" in client.get(_page(team.project)).content.decode()


def test_an_editor_dismisses_a_pair(client, team):
    a = make_party(team.project, name="CAW Oost")
    b = make_party(team.project, name="CAW Oost-Vlaanderen")
    client.force_login(team.editor)
    assert "Not the same" in client.get(_page(team.project)).content.decode()
    url = reverse("parties:duplicates_dismiss", args=[team.project.pk])
    response = client.post(url, {"first": b.pk, "second": a.pk, "page": 1})
    assert response.status_code == 302
    assert response["Location"] == _page(team.project) + "?page=1"
    html = client.get(_page(team.project)).content.decode()
    assert "No likely duplicates" in html


def test_dismissing_needs_an_editor_and_two_parties_of_the_project(client, team):
    a = make_party(team.project, name="CAW Oost")
    b = make_party(team.project, name="CAW Oost-Vlaanderen")
    foreign = make_party(team.other_project, name="CAW Oost")
    url = reverse("parties:duplicates_dismiss", args=[team.project.pk])
    client.force_login(team.contributor)
    assert client.post(url, {"first": a.pk, "second": b.pk}).status_code == 403
    client.force_login(team.editor)
    assert client.post(url, {"first": a.pk, "second": foreign.pk}).status_code == 404
    assert client.post(url, {"first": a.pk, "second": "x"}).status_code == 404
    assert not DuplicateDismissal.objects.exists()


def test_the_party_list_links_to_the_duplicates(client, team):
    client.force_login(team.viewer)
    html = client.get(reverse("parties:list", args=[team.project.pk])).content.decode()
    assert _page(team.project) in html


def test_the_merge_link_names_both_parties(client, team):
    a = make_party(team.project, name="CAW Oost")
    b = make_party(team.project, name="CAW Oost-Vlaanderen")
    client.force_login(team.editor)
    html = client.get(_page(team.project)).content.decode()
    try:
        merge = reverse("parties:merge", args=[team.project.pk])
    except Exception:
        pytest.skip("the merge page is not in this checkout yet")
    assert f"{merge}?party={a.pk}&amp;party={b.pk}" in html


def _register(project, size: int) -> None:
    start = Party.objects.filter(project=project).count()
    Party.objects.bulk_create(
        Party(project=project, name=f"Vereniging {n} {'ABCDEFGHIJ'[n % 10]}wijk", sort_name="")
        for n in range(start, start + size)
    )
    parties = list(Party.objects.filter(project=project).order_by("pk"))[start:]
    for n, party in enumerate(parties, start):
        make_contact(party, email=f"p{n // 2}@example.org", phone=f"020 555 {n // 3:04d}")


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_and_the_api_take_a_fixed_number_of_queries(client, team):
    from api.services import token_create

    token = token_create(user=team.owner, name="t")[1]
    api = f"/api/v1/projects/{team.project.pk}/parties/duplicates"
    client.force_login(team.owner)
    _register(team.project, 6)
    small = _queries(client, _page(team.project))
    small_api = _queries(client.__class__(HTTP_AUTHORIZATION=f"Bearer {token}"), api)
    _register(team.project, 150)
    assert 'class="card"' in client.get(_page(team.project)).content.decode()
    assert _queries(client, _page(team.project)) == small <= 9
    assert _queries(client.__class__(HTTP_AUTHORIZATION=f"Bearer {token}"), api) == small_api


def test_the_page_is_paged_by_fifty(client, team):
    for n in range(12):  # one address on twelve parties: 66 pairs
        make_contact(make_party(team.project, name=f"Team {n}"), email="team@example.org")
    client.force_login(team.owner)
    html = client.get(_page(team.project)).content.decode()
    assert html.count('class="card"') == 50
    assert "?page=2" in html


# The import's preview ---------------------------------------------------------------------


def _upload(client, project, rows) -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.transfer.files import xlsx

    upload = SimpleUploadedFile("partijen.xlsx", xlsx([["Naam", "Laag"], *rows]))
    response = client.post(reverse("transfer:upload_parties", args=[project.pk]), {"file": upload})
    assert response.status_code == 302
    return response["Location"]


def test_the_import_preview_names_the_party_a_new_row_probably_is(client, team):
    caw = make_party(team.project, name="CAW Oost-Vlaanderen")
    make_party(team.project, name="Huis van het Kind")
    make_party(team.project, name="Bibliotheek")
    client.force_login(team.editor)
    url = _upload(
        client,
        team.project,
        [["CAW Oost", "staff"], ["Huis van het Kind", "staff"], ["Sportclub", "staff"]],
    )
    html = client.get(url).content.decode()
    assert "Probably already in the register" in html
    assert reverse("parties:detail", args=[team.project.pk, caw.pk]) in html
    assert "one name is part of the other" in html
    assert html.count("<td>CAW Oost</td>") == 1
    assert "<td>Huis van het Kind</td>" not in html  # updates the party of that name


def test_the_matches_come_from_the_stored_file(team):
    from transfer.matching import proposed_matches
    from transfer.models import ImportBatch
    from transfer.reading import Table, table_dump

    make_party(team.project, name="GGD Hollands Noorden")
    table = Table(
        headers=["Name"],
        rows=[(2, ["GGD Holands Noorden"]), (3, ["Logo"]), (4, ["ggd holands noorden"])],
    )
    batch = ImportBatch.objects.create(
        project=team.project, user=team.owner, kind="party", filename="p.csv",
        content=table_dump(table),
    )
    matches = proposed_matches(batch=batch)
    assert [(m.row, m.name, m.party_name) for m in matches] == [
        (2, "GGD Holands Noorden", "GGD Hollands Noorden")
    ]
    assert str(matches[0].reason) == "names alike: 97"
    batch.kind = "relation"
    assert proposed_matches(batch=batch) == []


def test_the_official_code_is_a_column_of_the_import_and_export(team):
    from tests.transfer.files import read_xlsx, xlsx
    from transfer import export, selectors
    from transfer.services import import_apply

    content = xlsx([["Naam", "KvK-nummer"], ["Apotheek De Brug", "12345678"]])
    import_apply(project=team.project, kind="party", content=content, user=team.owner)
    assert Party.objects.get(project=team.project).official_code == "12345678"
    rows = read_xlsx(export.register_xlsx(selectors.register_rows(project=team.project), "en"))
    code = rows[0].index("Official code")
    assert rows[1][code] == "12345678"


def test_a_new_row_with_a_known_official_code_is_matched_by_it(team):
    from transfer.matching import proposed_matches
    from transfer.models import ImportBatch
    from transfer.reading import Table, table_dump

    apotheek = make_party(team.project, name="Apotheek Centrum", official_code="BE 0123.456.789")
    table = Table(headers=["Naam", "Ondernemingsnummer"], rows=[(2, ["De Gaper", "123456789"])])
    batch = ImportBatch.objects.create(
        project=team.project, user=team.owner, kind="party", filename="p.csv",
        content=table_dump(table),
    )
    [match] = proposed_matches(batch=batch)
    assert (match.party_id, str(match.reason)) == (apotheek.pk, "same official code")


def test_an_editor_keeps_the_official_code_on_the_party_form(client, team):
    party = make_party(team.project, name="Apotheek Centrum")
    client.force_login(team.editor)
    url = reverse("parties:edit", args=[team.project.pk, party.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "segments"}
    data.update(official_code=" 12345678 ", expected_version=party.version)
    response = client.post(url, data)
    assert response.status_code == 302, response.content
    party.refresh_from_db()
    assert party.official_code == "12345678"
    detail = client.get(reverse("parties:detail", args=[team.project.pk, party.pk]))
    assert "12345678" in detail.content.decode()


def test_local_phone_numbers_are_read_in_the_projects_country(team):
    team.project.country = "BE"
    team.project.save()
    make_contact(make_party(team.project, name="Wijkgezondheidscentrum"), phone="09 210 10 10")
    make_contact(make_party(team.project, name="Huisartsenwacht"), phone="+32 9 210 10 10")
    [pair] = duplicate_pairs(project=team.project)
    assert [reason.kind for reason in pair.reasons] == [Reason.PHONE]

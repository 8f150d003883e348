"""Who can help: the shipped directory, its refresh, filters, suggestions, and what each
organisation adds or hides."""

from __future__ import annotations

import importlib
import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from planning.directory import HELPERS_FILE, shipped_helpers
from planning.models import HelperEntry, HiddenHelper
from planning.services import helper_create, helpers_load
from projects.models import Organisation
from projects.services import place_get_or_create
from tests.factories import make_project, make_user

pytestmark = pytest.mark.django_db
EN = {"accept-language": "en"}


def _shipped_keys() -> set[str]:
    return set(HelperEntry.objects.filter(organisation__isnull=True).values_list("key", flat=True))


@pytest.fixture
def municipality(team):
    organisation = team.project.organisation
    organisation.members.add(team.owner, team.viewer)
    return organisation


def test_the_data_migration_loaded_the_shipped_file():
    entries = shipped_helpers()
    assert _shipped_keys() == {entry["key"] for entry in entries}
    logo = HelperEntry.objects.get(key="be-logo")
    assert (logo.region, logo.themes, logo.website) == ("flanders", [], "https://www.vlaamselogos.be")
    assert logo.helps_with and logo.helps_with_en
    names = " ".join(HelperEntry.objects.values_list("name", flat=True))
    for expected in ("Logo", "CGG", "Kind & Gezin", "Sensoa", "VAD", "Gezond Leven", "GGD",
                     "Loket Gezond Leven", "Trimbos", "Pharos", "Voedingscentrum", "Rutgers"):
        assert expected in names


def test_the_migration_function_loads_the_json_again():
    migration = importlib.import_module("planning.migrations.0002_load_helpers")
    HelperEntry.objects.all().delete()
    migration.load(apps, None)
    assert len(_shipped_keys()) == len(json.loads(HELPERS_FILE.read_text())["helpers"])


def test_every_shipped_entry_is_well_formed():
    for entry in shipped_helpers():
        assert entry["region"] in ("flanders", "netherlands")
        assert entry["helps_with"]["nl"] and entry["helps_with"]["en"]
        assert entry["website"] == "" or entry["website"].startswith("https://")


def test_load_helpers_is_idempotent_and_follows_the_file(tmp_path, team):
    own = helper_create(organisation=team.project.organisation,
                        data={"name": "Eigen", "region": "flanders", "helps_with": "x"})
    out = StringIO()
    call_command("load_helpers", stdout=out)
    assert out.getvalue().strip() == "0 added, 0 updated, 0 removed."
    entries = shipped_helpers()
    entries[0]["name"] = "Logo (hernoemd)"
    entries = [*entries[:-1], {"key": "nl-new", "name": "Nieuw", "region": "netherlands",
                               "themes": ["nutrition"], "helps_with": {"nl": "a", "en": "b"}}]
    changed = tmp_path / "helpers.json"
    changed.write_text(json.dumps({"helpers": entries}), encoding="utf-8")
    out = StringIO()
    call_command("load_helpers", "--file", str(changed), stdout=out)
    assert out.getvalue().strip() == "1 added, 1 updated, 1 removed."
    assert HelperEntry.objects.get(key="be-logo").name == "Logo (hernoemd)"
    assert HelperEntry.objects.filter(pk=own.pk).exists()  # organisations' own entries stay
    with pytest.raises(ValueError):
        helpers_load(entries=[entries[0], entries[0]])


def test_directory_filters_by_region_and_theme(client, team):
    client.force_login(team.viewer)
    url = reverse("planning:helpers")
    everything = client.get(url).context["directory"].entries
    assert len(everything) == len(shipped_helpers())
    dutch = client.get(url + "?region=netherlands").context["directory"].entries
    assert dutch and all(entry.region == "netherlands" for entry in dutch)
    sexual = client.get(url + "?region=flanders&theme=sexual_health").context["directory"]
    keys = {entry.key for entry in sexual.entries}
    assert "be-sensoa" in keys and "be-logo" in keys  # made for it, and for every theme
    assert "be-vad" not in keys and "nl-rutgers" not in keys
    fragment = client.get(url + "?theme=oral_health", headers={"HX-Request": "true"})
    assert fragment.content.decode().lstrip().startswith('<section id="results"')
    assert client.get(url + "?region=mars").status_code == 200  # an unknown value: no filter


def test_the_about_page_suggests_helpers_by_theme_and_country(client, team):
    team.project.theme = "alcohol_drugs"
    team.project.save()
    team.project.places.add(place_get_or_create(name="Zuiderhaven", code="GM0363"))
    client.force_login(team.viewer)
    response = client.get(reverse("projects:about", args=[team.project.pk]), headers=EN)
    html = response.content.decode()
    assert "Who can help" in html
    assert "Trimbos-instituut" in html and "GGD" in html  # theme, and every theme
    assert "VAD" not in html and "Sensoa" not in html  # Flemish
    assert "Voedingscentrum" not in html  # another theme
    team.project.places.add(place_get_or_create(name="Hoogveld", code="46029"))
    html = client.get(reverse("projects:about", args=[team.project.pk]), headers=EN
                      ).content.decode()
    assert "VAD (Vlaams expertisecentrum" in html and "Trimbos-instituut" in html
    assert "Alcohol, drugs, gambling" not in html  # the English text…
    english = "Centre of expertise on alcohol, drugs, gambling"
    assert english in html  # …is shown in English


def test_organisation_entries_are_seen_only_by_that_organisation(client, team, municipality):
    helper_create(organisation=municipality,
                  data={"name": "Buurtwerk Kouterwijk", "region": "flanders",
                        "themes": ["oral_health"], "helps_with": "Kent de gezinnen."})
    client.force_login(team.viewer)
    names = [e.name for e in client.get(reverse("planning:helpers")).context["directory"].entries]
    assert "Buurtwerk Kouterwijk" in names
    about = client.get(reverse("projects:about", args=[team.project.pk])).content.decode()
    assert "Buurtwerk Kouterwijk" in about
    client.force_login(team.outsider)
    names = [e.name for e in client.get(reverse("planning:helpers")).context["directory"].entries]
    assert "Buurtwerk Kouterwijk" not in names


def test_a_member_adds_edits_and_removes_an_own_entry(client, team, municipality):
    client.force_login(team.owner)
    response = client.post(reverse("planning:helper_create"), {
        "name": "Sociale kruidenier", "region": "flanders", "themes": ["nutrition"],
        "helps_with": "Bereikt gezinnen met een laag inkomen.", "website": "",
        "organisation": municipality.pk})
    assert response.status_code == 302
    entry = HelperEntry.objects.get(name="Sociale kruidenier")
    assert (entry.organisation, entry.themes) == (municipality, ["nutrition"])
    response = client.post(reverse("planning:helper_edit", args=[entry.pk]), {
        "name": "Sociale kruidenier De Mand", "region": "flanders", "themes": [],
        "helps_with": "x", "expected_version": 1})
    entry.refresh_from_db()
    assert (entry.name, entry.themes, entry.version) == ("Sociale kruidenier De Mand", [], 2)
    # someone outside the organisation cannot find it, a shipped entry cannot be changed
    client.force_login(team.outsider)
    assert client.post(reverse("planning:helper_delete", args=[entry.pk])).status_code == 404
    client.force_login(team.owner)
    logo = HelperEntry.objects.get(key="be-logo")
    assert client.post(reverse("planning:helper_edit", args=[logo.pk]),
                       {"name": "X"}).status_code == 403
    assert client.post(reverse("planning:helper_delete", args=[logo.pk])).status_code == 403
    client.post(reverse("planning:helper_delete", args=[entry.pk]))
    assert not HelperEntry.objects.filter(pk=entry.pk).exists()


def test_an_organisation_hides_a_shipped_entry_for_its_members_only(client, team, municipality):
    vad = HelperEntry.objects.get(key="be-vad")
    client.force_login(team.owner)
    client.post(reverse("planning:helper_hide", args=[vad.pk]),
                {"organisation": municipality.pk})
    assert HiddenHelper.objects.filter(organisation=municipality, helper=vad).exists()
    client.force_login(team.viewer)  # a colleague in the same organisation
    directory = client.get(reverse("planning:helpers")).context["directory"]
    assert vad not in directory.entries and vad in directory.hidden
    client.force_login(team.outsider)
    assert vad in client.get(reverse("planning:helpers")).context["directory"].entries
    client.force_login(team.viewer)
    client.post(reverse("planning:helper_show", args=[vad.pk]))
    assert not HiddenHelper.objects.exists()


def test_a_user_without_an_organisation_only_reads(client):
    lonely = make_user("lonely")
    client.force_login(lonely)
    assert client.get(reverse("planning:helpers")).status_code == 200
    assert client.get(reverse("planning:helper_create")).status_code == 403
    vad = HelperEntry.objects.get(key="be-vad")
    assert client.post(reverse("planning:helper_hide", args=[vad.pk])).status_code == 403
    other = Organisation.objects.create(name="Andere")
    assert client.post(reverse("planning:helper_hide", args=[vad.pk]),
                       {"organisation": other.pk}).status_code == 403


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("planning:helpers"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_suggestions_without_places_cover_both_regions(team):
    from planning.selectors import helpers_for

    project = make_project(team.owner, theme="nutrition")
    regions = {entry.region for entry in helpers_for(project=project, user=team.owner)}
    assert regions == {"flanders", "netherlands"}

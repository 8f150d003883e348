"""A new project's first hour: the next step instead of zeros, the usual parties in one click,
the similar-name warning, and the step plan ticked by what the data shows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from analysis import selectors as analysis
from history.models import Version
from parties.models import Party
from parties.similarity import similar_names
from parties.usual import for_place
from planning.proofs import Facts, proofs
from planning.selectors import panel, project_facts, step_plan
from projects.models import Place
from tests.factories import assess, make_party, make_segment
from tests.test_dashboard import _fill
from tests.test_party_list import _queries

pytestmark = pytest.mark.django_db
EN = {"accept-language": "en"}


def _dashboard(client, project) -> str:
    return client.get(reverse("projects:dashboard", args=[project.pk]), headers=EN).content.decode()


def _place(project, country: str) -> None:
    project.places.add(Place.objects.create(name="Hoogveld", country=country))


# The next step -----------------------------------------------------------------------------


def test_a_new_project_shows_where_to_start_not_zeros(client, team):
    client.force_login(team.owner)
    html = _dashboard(client, team.project)
    assert "Start here" in html and "Name the core group" in html
    assert "carry the work from the start" in html  # the why, from the method
    assert 'id="layers-heading"' not in html and 'id="latest-heading"' not in html
    assert reverse("parties:create", args=[team.project.pk]) + "?core=1" in html


def test_the_next_step_moves_on_with_the_data(client, team):
    client.force_login(team.owner)
    make_party(team.project, name="Huis van het Kind", in_core_group=True)
    html = _dashboard(client, team.project)
    assert "Next step" in html and "Write the shared vision" in html.split("first-steps")[0]
    assert 'id="layers-heading"' in html  # no longer new: the register shows
    team.project.vision = "Gezonde tanden voor elk kind"
    team.project.save()
    for name in ("Tandartsen", "OCMW"):
        make_party(team.project, name=name)
    html = _dashboard(client, team.project)
    assert "Assess several parties at once" in html.split("first-steps")[0]


def test_a_viewer_sees_the_step_without_the_edit_link(client, team):
    client.force_login(team.viewer)
    html = _dashboard(client, team.project)
    assert "An editor or the owner of the project takes this step." in html
    assert reverse("parties:quick_add", args=[team.project.pk]) not in html


def test_the_dashboard_of_a_new_project_has_fixed_queries(client, team):
    client.force_login(team.owner)
    _place(team.project, "NL")
    url = reverse("projects:dashboard", args=[team.project.pk])
    client.get(url)
    empty = _queries(client, url)
    make_party(team.project, name="GGD")  # the register starts; the usual list stays
    client.get(url)
    one = _queries(client, url)
    make_party(team.project, name="Huisartsen")
    assert _queries(client, url) == one
    _fill(team.project, 200)
    assert _queries(client, url) <= one  # the usual list is gone once parties are listed
    assert empty <= one


# The usual local parties -------------------------------------------------------------------


def test_the_usual_parties_follow_the_country_and_the_theme():
    dutch = [entry.name for entry in for_place(countries={"NL"}, theme="oral_health")]
    assert "GGD" in dutch and "Tandartsen" in dutch and "Logo" not in dutch
    assert "Verslavingszorg" not in dutch
    assert dutch.index("Tandartsen") < dutch.index("GGD")  # the theme's own first
    flemish = [entry.name for entry in for_place(countries={"BE"}, theme="alcohol_drugs")]
    assert "Logo" in flemish and "Politiezone" in flemish and "GGD" not in flemish
    both = {entry.country for entry in for_place(countries=set(), theme="nutrition")}
    assert both == {"NL", "BE"}


def test_quick_add_creates_the_party_once_with_history(client, team):
    _place(team.project, "BE")
    client.force_login(team.editor)
    url = reverse("parties:quick_add", args=[team.project.pk])
    html = _dashboard(client, team.project)
    assert "+ Logo" in html and "+ GGD" not in html
    response = client.post(url, {"key": "be-logo", "next": "https://evil.example/"})
    assert response["Location"] == reverse("projects:dashboard", args=[team.project.pk])
    party = Party.objects.get(project=team.project)
    assert (party.name, party.sector, party.role) == ("Logo", "prevention", "supplies")
    assert Version.objects.filter(object_id=party.pk, action="create", user=team.editor).exists()
    client.post(url, {"key": "be-logo"})
    assert Party.objects.filter(project=team.project).count() == 1
    assert "+ Logo" not in _dashboard(client, team.project)
    assert client.post(url, {"key": "nonsense"}).status_code == 404
    client.force_login(team.viewer)
    assert client.post(url, {"key": "be-ocmw"}).status_code == 403
    assert Party.objects.filter(project=team.project).count() == 1


# Similar names -----------------------------------------------------------------------------


def test_similar_names_ignore_case_accents_and_small_differences(team):
    for name in ("GGD Hollands Noorden", "École Sint-Jan", "GGD West", "Tandartsen"):
        make_party(team.project, name=name)
    make_party(team.other_project, name="ggd hollands noorden")

    def found(name: str) -> list[str]:
        return [match.name for match in similar_names(project=team.project, name=name)]

    assert found("ggd hollands-noorden") == ["GGD Hollands Noorden"]
    assert found("GGD Holands Noorden") == ["GGD Hollands Noorden"]
    assert found("Ecole Sint Jan") == ["École Sint-Jan"]
    assert found("GGD Oost") == [] and found("Huisartsen") == []
    with CaptureQueriesContext(connection) as captured:
        similar_names(project=team.project, name="Tandarts")
    assert len(captured) == 1


def test_the_party_form_warns_before_saving_a_similar_name(client, team):
    existing = make_party(team.project, name="Huis van het Kind")
    client.force_login(team.editor)
    url = reverse("parties:create", args=[team.project.pk])
    data = {"name": "Huis van het kind ", "kind": "organisation", "layer": "staff",
            "sector": "welfare", "role": "carries_out", "ring": "informed"}
    response = client.post(url, data, headers=EN)
    html = response.content.decode()
    assert response.status_code == 200 and "already has a party with a similar name" in html
    assert reverse("parties:detail", args=[team.project.pk, existing.pk]) in html
    assert 'name="save_anyway"' in html
    assert Party.objects.filter(project=team.project).count() == 1
    response = client.post(url, data | {"save_anyway": "1"})
    assert response.status_code == 302
    assert Party.objects.filter(project=team.project).count() == 2


# The step plan knows what the data shows ---------------------------------------------------


@override("en")
def test_the_rules_read_the_counts():
    facts = Facts(parties=40, assessed=39, layers=4, segments=2, gaps=0, core_group=2)
    shown = proofs(facts, 1)
    assert shown["parties-register"].done and shown["core-register"].done
    assert not shown["parties-assess"].done and "39 of 40" in shown["parties-assess"].text
    assert shown["parties-assess"].url.endswith("/parties/assess/")
    assert shown["parties-coverage"].done and shown["parties-layers"].done
    assert proofs(Facts(parties=40, assessed=40), 1)["parties-assess"].done
    # no segments: coverage is not proven, whatever the parties
    assert "parties-coverage" not in proofs(Facts(parties=40), 1)
    assert "vision-recorded" not in proofs(Facts(), 1)


@override("en")
def test_map_the_parties_reads_the_register(client, team):
    segment = make_segment(team.project, name="Nieuwkomers")
    layers = ["board", "management", "staff", "residents"]
    for n in range(6):
        party = make_party(team.project, name=f"Partij {n}", layer=layers[n % 4],
                           segments=[segment], goals="Gezonde wijk")
        if n:
            assess(party, attitude=-1 if n == 1 else 1)
    plan = step_plan(project=team.project)
    step = next(s for s in plan.steps if s.step.key == "parties")
    states = {state.item.key: state for state in step.items}
    assert states["parties-register"].is_ticked_by_data
    assessed = states["parties-assess"]
    assert not assessed.is_ticked and "5 of 6" in assessed.proof.text
    assert states["parties-coverage"].is_ticked and states["parties-critical"].is_ticked
    assert states["parties-layers"].is_ticked and states["parties-interests"].is_ticked
    assert step.done == 5
    counts = {count.step.key: count.done for count in panel(project=team.project).steps}
    assert counts["parties"] == 5 and counts["target_group"] == 1
    client.force_login(team.viewer)
    html = client.get(reverse("planning:steps", args=[team.project.pk]), headers=EN)
    html = html.content.decode()
    assert "Shown by the data:" in html and "6 parties in the register." in html
    assert "So far:" in html and "5 of 6 parties assessed." in html
    dashboard = _dashboard(client, team.project)
    assert "5 / 6" in dashboard


def test_a_party_in_the_bin_does_not_count(team):
    for name in ("A", "B", "C"):
        make_party(team.project, name=name)
    from parties.services import party_delete

    party_delete(party=Party.objects.get(name="C"))
    assert project_facts(project=team.project).parties == 2


# Coverage without segments -----------------------------------------------------------------


def test_coverage_without_segments_asks_for_them(client, team):
    make_party(team.project, name="Huisartsen")
    assert not analysis.coverage(team.project).has_segments
    client.force_login(team.viewer)
    page = client.get(reverse("analysis:coverage", args=[team.project.pk]), headers=EN)
    html = page.content.decode()
    assert "First name the segments of the target group" in html
    assert reverse("projects:segments", args=[team.project.pk]) in html
    overview = client.get(reverse("analysis:overview", args=[team.project.pk]), headers=EN)
    assert "Every segment is reached" not in overview.content.decode()
    make_segment(team.project, name="Nieuwkomers")
    assert analysis.coverage(team.project).has_segments

"""The analyses' figures and drawings are kept per project version in the shared cache, and the
tables under the charts are paged without losing the party's number."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from analysis import network as network_module
from analysis import selectors
from analysis.cache import inputs_version, version_key
from analysis.views import TABLE_PAGE_SIZE
from parties.models import Assessment, Party, Relation
from projects.models import Project, TargetSegment
from tests.analysis.test_analysis_selectors import fill
from tests.factories import assess, make_party, make_project, make_segment, make_user

pytestmark = pytest.mark.django_db


class Counted:
    """Wraps a compute function and counts how often it really runs."""

    def __init__(self, function) -> None:
        self.function = function
        self.calls = 0

    def __call__(self, *args, **kwargs):
        self.calls += 1
        return self.function(*args, **kwargs)


@pytest.fixture
def counted(monkeypatch):
    def wrap(name: str) -> Counted:
        wrapper = Counted(selectors.SELECTORS[name])
        monkeypatch.setitem(selectors.SELECTORS, name, wrapper)
        return wrapper

    return wrap


@pytest.fixture
def counted_network(monkeypatch):
    wrapper = Counted(network_module.network)
    monkeypatch.setattr(network_module, "network", wrapper)
    return wrapper


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _get(client, name: str, project, query: str = ""):
    response = client.get(reverse(f"analysis:{name}", args=[project.pk]) + query)
    assert response.status_code == 200
    return response


def _shown(response) -> list[str]:
    """The page's charts and tables (the rest holds per-request tokens)."""
    return re.findall(r"<svg.*?</svg>|<table.*?</table>", response.content.decode(), re.S)


def _queries(client, name: str, project, query: str = "") -> int:
    with CaptureQueriesContext(connection) as captured:
        _get(client, name, project, query)
    return len(captured)


def test_a_second_visit_is_a_lookup_without_recompute(client, team, counted):
    for n in range(3):
        assess(make_party(team.project, name=f"Partij {n}"), power=4)
    grid = counted("grid")
    client.force_login(team.viewer)
    first = _queries(client, "grid", team.project)
    second = _queries(client, "grid", team.project)
    assert grid.calls == 1
    assert second < first
    assert second <= 5  # session, user, membership, inputs version, cache lookup


def test_the_overview_is_kept_too(client, team, monkeypatch):
    wrapper = Counted(selectors.overview)
    monkeypatch.setattr(selectors, "overview", wrapper)
    assess(make_party(team.project), power=5)
    client.force_login(team.viewer)
    _get(client, "overview", team.project)
    _get(client, "overview", team.project)
    assert wrapper.calls == 1


def test_the_network_is_kept_per_choice_of_relations(client, team, counted_network):
    a, b = make_party(team.project, name="Alfa"), make_party(team.project, name="Beta")
    Relation.objects.create(project=team.project, source=a, target=b)
    client.force_login(team.viewer)
    _get(client, "network", team.project)
    _get(client, "network", team.project)
    _get(client, "network", team.project, "?sort=name&page=1")  # sorting reuses the figures
    assert counted_network.calls == 1
    _get(client, "network", team.project, "?kind=funds")
    assert counted_network.calls == 2


def _change(change: str, project, first, second, segment, user) -> None:
    """One change to what the analyses read, made as the app makes it: through a service."""
    from parties.services import party_delete, party_update, relation_create
    from projects.services import project_update, segment_create

    if change == "assessment":
        assess(second, power=5)
    elif change == "party":
        make_party(project, name="Gamma")
    elif change == "party binned":
        party_delete(party=second, user=user)
    elif change == "relation":
        relation_create(project=project, data={"source": first, "target": second}, user=user)
    elif change == "segment":
        segment_create(project=project, data={"name": "Jongeren"}, user=user)
    elif change == "segment link":
        party_update(party=first, data={}, segments=[segment], user=user)
    elif change == "threshold":
        project_update(project=project, data={"quadrant_threshold": 3}, user=user)


CHANGES = [
    "assessment", "party", "party binned", "relation", "segment", "segment link", "threshold"
]


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_is_prepared_by_the_worker_and_shown_at_once(
    client, team, counted, counted_network, change, django_capture_on_commit_callbacks
):
    project = team.project
    first = make_party(project, name="Alfa")
    second = make_party(project, name="Beta")
    assess(first, power=2)
    segment = make_segment(project, name="Ouders")
    coverage, grid = counted("coverage"), counted("grid")
    client.force_login(team.owner)
    for name in ("coverage", "grid", "network"):
        _get(client, name, project)
    old = inputs_version(project)
    assert (coverage.calls, grid.calls, counted_network.calls) == (1, 1, 1)

    with django_capture_on_commit_callbacks(execute=True):
        _change(change, project, first, second, segment, team.owner)

    # The worker (run at once in the tests) prepared the new version: the pages only read it.
    after = {name: _shown(_get(client, name, project)) for name in ("coverage", "grid")}
    _get(client, "network", project)
    assert (coverage.calls, grid.calls) == (1, 1)
    assert counted_network.calls == 2  # once on the first visit, once by the worker
    assert inputs_version(project) != old
    # What the worker kept is what the page computes itself from an empty cache.
    cache.clear()
    for name in ("coverage", "grid"):
        assert _shown(_get(client, name, project)) == after[name]


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_outside_the_services_shows_once_the_kept_version_expires(
    client, team, counted, counted_network, change
):
    project = team.project
    first = make_party(project, name="Alfa")
    second = make_party(project, name="Beta")
    assess(first, power=2)
    segment = make_segment(project, name="Ouders")
    coverage, grid = counted("coverage"), counted("grid")
    client.force_login(team.owner)
    for name in ("coverage", "grid", "network"):
        _get(client, name, project)
        _get(client, name, project)
    assert (coverage.calls, grid.calls, counted_network.calls) == (1, 1, 1)

    if change == "assessment":
        second.latest_assessment = Assessment.objects.create(
            party=second, assessed_on=date(2026, 2, 1), power=5, interest=5, legitimacy=3,
            urgency=3, attitude=1,
        )
        second.save()
    elif change == "party":
        Party.objects.create(project=project, name="Gamma", sort_name="gamma")
    elif change == "party binned":
        Party.objects.filter(pk=second.pk).update(deleted_at=timezone.now())
    elif change == "relation":
        Relation.objects.create(project=project, source=first, target=second)
    elif change == "segment":
        TargetSegment.objects.create(project=project, name="Jongeren")
    elif change == "segment link":
        first.segments.add(segment)
    elif change == "threshold":
        Project.objects.filter(pk=project.pk).update(quadrant_threshold=3)
        project.refresh_from_db()

    # Within VERSION_TIMEOUT seconds the kept version is taken again: here, at once.
    cache.delete(version_key(project.pk))
    for name in ("coverage", "grid", "network"):
        _get(client, name, project)
    assert (coverage.calls, grid.calls, counted_network.calls) == (2, 2, 2)


def test_two_languages_do_not_mix(client, team, counted, settings):
    assess(make_party(team.project, name="Alfa"), power=5, interest=5)
    grid = counted("grid")
    client.force_login(team.viewer)
    english = _get(client, "grid", team.project).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = _get(client, "grid", team.project).content.decode()
    assert grid.calls == 2
    assert "Manage closely" in english
    assert "Manage closely" not in dutch
    chart = re.compile(r"<svg.*?</svg>", re.S)
    assert chart.search(english).group() != chart.search(dutch).group()


def test_another_projects_cache_is_never_served(client, team):
    assess(make_party(team.project, name="Geheime partij"), power=5)
    assess(make_party(team.other_project, name="Eigen partij"), power=5)
    client.force_login(team.owner)
    for name in ("grid", "network", "overview"):
        _get(client, name, team.project)
    client.force_login(team.outsider)
    for name in ("grid", "network", "overview"):
        url = reverse(f"analysis:{name}", args=[team.project.pk])
        assert client.get(url).status_code == 404  # access is checked before any lookup
        own = _get(client, name, team.other_project).content.decode()
        assert "Geheime partij" not in own
        if name != "overview":
            assert "Eigen partij" in own


def _row_numbers(html: str) -> dict[int, int]:
    rows = re.findall(r'<tr id="party-(\d+)">\s*<td class="num">(\d+)</td>', html)
    return {int(party): int(number) for party, number in rows}


def test_tables_are_paged_and_the_number_belongs_to_the_party(client):
    user = make_user("alice")
    project = make_project(user)
    fill(project, TABLE_PAGE_SIZE + 30)
    client.force_login(user)
    for name in ("grid", "actors"):
        whole = _row_numbers(_get(client, name, project, "?page=all").content.decode())
        first = _row_numbers(_get(client, name, project).content.decode())
        second = _row_numbers(_get(client, name, project, "?page=2").content.decode())
        assert len(whole) == TABLE_PAGE_SIZE + 30
        assert len(first) == TABLE_PAGE_SIZE and len(second) == 30
        # The same party carries the same number on its page as in the whole table.
        assert first | second == whole
        assert sorted(second.values()) == list(range(TABLE_PAGE_SIZE + 1, TABLE_PAGE_SIZE + 31))


def test_a_number_on_the_chart_leads_to_the_page_with_its_row(client):
    user = make_user("alice")
    project = make_project(user)
    fill(project, TABLE_PAGE_SIZE + 30)
    client.force_login(user)
    html = _get(client, "grid", project, "?page=2").content.decode()
    chart = re.search(r"<svg.*?</svg>", html, re.S).group()
    targets = re.findall(r'href="\?page=(\d+)#party-(\d+)"', chart)
    assert targets, "a crowded grid numbers its parties"
    # Those whose row is on this page lead to it without reloading.
    here = re.findall(r'href="#party-(\d+)"', chart)
    targets += [("2", party) for party in here]
    assert here and all(page != "2" for page, _party in targets[: -len(here)])
    whole = _row_numbers(_get(client, "grid", project, "?page=all").content.decode())
    for page, party in targets:
        expected = (whole[int(party)] - 1) // TABLE_PAGE_SIZE + 1
        assert int(page) == expected


@pytest.mark.parametrize(
    "name", ["grid", "salience", "positions", "actors", "engagement", "feasibility"]
)
def test_a_table_page_costs_the_same_queries_at_two_sizes(client, name):
    user = make_user("alice")
    small, large = make_project(user), make_project(user)
    fill(small, TABLE_PAGE_SIZE + 10)
    fill(large, 3 * TABLE_PAGE_SIZE + 10)
    client.force_login(user)
    for query in ("", "?page=2"):
        first = _queries(client, name, small, query), _queries(client, name, large, query)
        repeat = _queries(client, name, small, query), _queries(client, name, large, query)
        assert first[0] == first[1] and repeat[0] == repeat[1]
        assert repeat[1] <= 5
    large_page = _get(client, name, large, "?page=2").content.decode()
    assert large_page.count('<tr id="party-') == TABLE_PAGE_SIZE
    whole = _get(client, name, large, "?page=all").content.decode()
    assert whole.count('<tr id="party-') == 3 * TABLE_PAGE_SIZE + 10


def test_binned_party_leaves_the_table(client, team, django_capture_on_commit_callbacks):
    from parties.services import party_delete

    party = make_party(team.project, name="Weg ermee")
    assess(party, power=5)
    client.force_login(team.owner)
    assert "Weg ermee" in _get(client, "grid", team.project).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        party_delete(party=Party.objects.get(pk=party.pk), user=team.owner)
    assert "Weg ermee" not in _get(client, "grid", team.project).content.decode()


def test_coverage_names_fifty_parties_per_segment_and_counts_the_rest(client):
    user = make_user("alice")
    project = make_project(user)
    fill(project, 130)  # 65 parties reach each of two segments
    client.force_login(user)
    html = _get(client, "coverage", project).content.decode()
    assert html.count("and 15 other parties") == 2


def test_changes_queue_one_refresh_per_project_until_it_runs(
    client, team, settings, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    from analysis.tasks import analyses_refresh_task

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    project = team.project
    alfa = make_party(project, name="Alfa")
    with django_capture_on_commit_callbacks(execute=True):
        assess(alfa, power=5)
        make_party(project, name="Beta")
    with django_capture_on_commit_callbacks(execute=True):
        make_party(project, name="Gamma")
    [queued] = default_task_backend.results  # three changes, one refresh waiting
    assert queued.task.name == "analyses_refresh_task" and queued.args == [project.pk]

    analyses_refresh_task.call(project.pk)  # as the worker runs it
    client.force_login(team.viewer)
    for name in ("grid", "engagement", "coverage", "support", "overview", "network"):
        queries = _queries(client, name, project)
        assert queries <= (6 if name == "overview" else 5)  # lookups only: it was ready
    with django_capture_on_commit_callbacks(execute=True):
        make_party(project, name="Delta")
    assert len(default_task_backend.results) == 2  # once it ran, the next change queues again


def test_a_refresh_keeps_every_language_and_drops_the_previous_version(
    client, team, settings, django_capture_on_commit_callbacks
):
    from analysis.cache import prepared_key
    from analysis.tasks import analyses_prepare

    assess(make_party(team.project, name="Alfa"), power=5)
    assert analyses_prepare(team.project) == ["nl", "en"]
    assert analyses_prepare(team.project) == []  # nothing changed: nothing to do
    version, kept = cache.get(prepared_key(team.project.pk))
    assert cache.get_many(kept).keys() == set(kept)
    client.force_login(team.viewer)
    for language in ("nl", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        assert _queries(client, "positions", team.project) <= 5

    with django_capture_on_commit_callbacks(execute=True):  # the worker runs at once here
        assess(make_party(team.project, name="Beta"), power=2)
    newer, now_kept = cache.get(prepared_key(team.project.pk))
    assert newer != version
    assert not cache.get_many(set(kept) - set(now_kept))  # the older version is gone


def test_every_page_the_worker_prepared_equals_the_page_computed_from_an_empty_cache(
    client, team, settings
):
    from analysis.tasks import analyses_prepare
    from tests.analysis.test_analysis_selectors import fill as fill_register

    fill_register(team.project, 70)
    client.force_login(team.viewer)
    names = ["grid", "salience", "positions", "actors", "engagement", "feasibility",
             "coverage", "support", "overview", "network"]
    for language in ("nl", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        cache.clear()
        computed = {name: _shown(_get(client, name, team.project)) for name in names}
        cache.clear()
        analyses_prepare(team.project)
        for name in names:
            assert _queries(client, name, team.project) <= (6 if name == "overview" else 5)
            assert _shown(_get(client, name, team.project)) == computed[name], name


def test_a_page_computed_for_a_new_version_drops_what_was_kept_for_the_older(client, team):
    from analysis.cache import prepared_key

    party = make_party(team.project, name="Alfa")
    assess(party, power=5)
    client.force_login(team.viewer)
    for name in ("grid", "overview", "network"):
        _get(client, name, team.project)
    version, kept = cache.get(prepared_key(team.project.pk))
    assert len(kept) >= 7 and cache.get_many(kept).keys() == set(kept)

    make_party(team.project, name="Beta")  # outside a commit here: the kept version expires
    cache.delete(version_key(team.project.pk))
    _get(client, "grid", team.project)
    newer, now_kept = cache.get(prepared_key(team.project.pk))
    assert newer != version and not cache.get_many(kept)


def test_only_the_network_is_kept_per_day(team, monkeypatch):
    from analysis import cache as analysis_cache

    days = iter([date(2026, 3, 1), date(2026, 3, 2)] * 3)
    monkeypatch.setattr(analysis_cache.timezone, "localdate", lambda: next(days))
    for name, per_day in (("grid", False), ("rows", False), ("network", True)):
        first = analysis_cache.key(team.project, name, "v")
        second = analysis_cache.key(team.project, name, "v")
        assert (first != second) == per_day, name


def test_downloads_are_kept_per_version_and_address(client, team, counted, settings):
    settings.ALLOWED_HOSTS = ["testserver", "elders.example"]
    assess(make_party(team.project, name="Alfa"), power=5)
    grid = counted("grid")
    client.force_login(team.viewer)
    url = reverse("analysis:grid_svg", args=[team.project.pk])
    first = client.get(url).content
    assert client.get(url).content == first and grid.calls == 1
    other = client.get(url, headers={"host": "elders.example"}).content
    assert b"http://elders.example/" in other and b"http://testserver/" in first
    assert grid.calls == 2
    client.get(reverse("analysis:grid_png", args=[team.project.pk]))
    assert grid.calls == 3

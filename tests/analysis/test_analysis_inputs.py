"""An edit the analyses do not read (a party's goals, its sector, a contact person) keeps every
analysis as it was: no page is computed again and no refresh is queued. Every change to what
they do read still shows, and what the pages then show equals a page computed from nothing."""

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
from analysis.cache import inputs_version
from analysis.inputs import PARTY_FIELDS, change_is_read
from bench.load_forms import form_fields
from history.models import Version
from parties.merging import merge_parties, unmerge
from parties.models import Party
from parties.services import (
    contact_update,
    party_delete,
    party_restore,
    party_revert,
    party_update,
    relation_create,
)
from tests.analysis.test_analysis_cache import CHANGES, Counted, _change, _get
from tests.factories import assess, make_contact, make_party, make_segment
from tests.transfer.files import xlsx
from transfer.importer import party_import_apply

pytestmark = pytest.mark.django_db

PAGES = ("grid", "coverage", "positions", "actors", "overview", "network")


@pytest.fixture(autouse=True)
def _english_and_queue(client, settings):
    """English pages; the refresh task goes to a queue nobody runs, so the test sees it."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _told(callbacks) -> bool:
    """Whether the analyses were told of a change (`analysis.cache.inputs_changed`)."""
    return any(getattr(callback, "func", None).__name__ == "_changed" for callback in callbacks)


def _queued() -> int:
    from django_tasks import default_task_backend

    return len(default_task_backend.results)


@pytest.fixture
def counted(monkeypatch):
    """Every computation of an analysis, counted."""
    wrappers = {name: Counted(selectors.SELECTORS[name]) for name in selectors.SELECTORS}
    for name, wrapper in wrappers.items():
        monkeypatch.setitem(selectors.SELECTORS, name, wrapper)
    network = Counted(network_module.network)
    monkeypatch.setattr(network_module, "network", network)
    wrappers["network"] = network
    return lambda: sum(wrapper.calls for wrapper in wrappers.values())


@pytest.fixture
def register(team):
    """Two assessed parties, a segment one of them reaches, and a relation between them."""
    project = team.project
    segment = make_segment(project, name="Ouders")
    first = make_party(project, name="Alfa", layer="board", segments=[segment])
    second = make_party(project, name="Beta")
    assess(first, power=5, interest=4, attitude=1)
    assess(second, power=2, attitude=-1)
    relation_create(project=project, data={"source": first, "target": second}, user=team.owner)
    return first, second, segment


def _main(response) -> str:
    """The page's own content (the header and footer hold per-request tokens)."""
    html = response.content.decode()
    main = html[html.index('<main id="main"') : html.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main)


def _visit(client, project) -> dict[str, str]:
    return {name: _main(_get(client, name, project)) for name in PAGES}


def _fresh(party: Party) -> Party:
    return Party.everything.get(pk=party.pk)


# What no analysis reads -------------------------------------------------------------------


def _edit_unread(kind: str, team, first: Party) -> None:
    if kind == "goals":
        party_update(party=_fresh(first), data={"goals": "Gezonde school"}, user=team.owner)
    elif kind == "texts and flags":
        data = {"sector": "education", "interests": "Rust", "is_internal": True,
                "in_core_group": True, "official_code": "12345678"}
        party_update(party=_fresh(first), data=data, user=team.owner)
    elif kind == "contact":
        contact = make_contact(_fresh(first), name="An")
        contact_update(contact=contact, data={"function": "Voorzitter"}, user=team.owner)


@pytest.mark.parametrize("kind", ["goals", "texts and flags", "contact"])
def test_an_edit_no_analysis_reads_keeps_every_page(
    client, team, register, counted, kind, django_capture_on_commit_callbacks
):
    first, _second, _segment = register
    client.force_login(team.viewer)
    shown = _visit(client, team.project)
    computed, queued, version = counted(), _queued(), inputs_version(team.project)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _edit_unread(kind, team, first)

    assert not _told(callbacks)  # the change token stays: nothing to forget, nothing to queue
    assert _queued() == queued
    assert inputs_version(team.project) == version
    assert _visit(client, team.project) == shown
    assert counted() == computed  # every page read what it kept


def test_the_edit_form_saving_the_goals_keeps_the_analysis_pages(
    client, team, register, counted, django_capture_on_commit_callbacks
):
    """The load scenario's edit: the whole form sent back with other goals."""
    first, _second, _segment = register
    client.force_login(team.editor)
    _visit(client, team.project)
    computed, queued = counted(), _queued()
    url = reverse("parties:edit", args=[team.project.pk, first.pk])
    fields = [(k, v) for k, v in form_fields(client.get(url).content.decode()) if k != "goals"]
    body = {}
    for key, value in [*fields, ("goals", "Doel 7")]:
        body.setdefault(key, []).append(value)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, body).status_code == 302
    assert _fresh(first).goals == "Doel 7"
    _visit(client, team.project)
    assert (counted(), _queued()) == (computed, queued)


def test_an_api_patch_of_the_goals_keeps_and_of_the_layer_changes_the_version(
    team, register, django_capture_on_commit_callbacks
):
    from django.test import Client

    from tests.api.conftest import Api

    first, _second, _segment = register
    api = Api(Client())
    path = f"/projects/{team.project.pk}/parties/{first.pk}"
    version = inputs_version(team.project)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = api.patch(path, team.editor, {"goals": "Minder suiker"}, if_match=1)
    assert response.status_code == 200, response.content
    assert not _told(callbacks) and inputs_version(team.project) == version
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = api.patch(path, team.editor, {"layer": "management"}, if_match=2)
    assert response.status_code == 200, response.content
    assert _told(callbacks) and inputs_version(team.project) != version


# What the analyses read ---------------------------------------------------------------------


READ_EDITS = [
    "layer", "name", "role", "ring", "kind", "target-group voice", "segments", "assessment",
    "relation", "bin", "restore", "revert", "merge", "unmerge",
]


def _edit_read(kind: str, team, first: Party, second: Party, segment) -> None:
    user = team.owner
    fields = {
        "layer": {"layer": "residents"},
        "name": {"name": "Aardbei"},
        "role": {"role": "decides"},
        "ring": {"ring": "co_decides"},
        "kind": {"kind": "person"},
        "target-group voice": {"speaks_for_target_group": True},
    }
    if kind in fields:
        party_update(party=_fresh(first), data=fields[kind], user=user)
    elif kind == "segments":
        party_update(party=_fresh(second), data={}, segments=[segment], user=user)
    elif kind == "assessment":
        assess(_fresh(second), power=4, attitude=2, on=date(2026, 3, 1))
    elif kind == "relation":
        relation_create(
            project=team.project, data={"source": second, "target": first, "kind": "funds"},
            user=user,
        )
    elif kind == "bin":
        party_delete(party=_fresh(second), user=user)
    elif kind == "restore":
        party_restore(party=_fresh(second), user=user)
    elif kind == "revert":
        party_revert(party=_fresh(first), version=_first_version(first), user=user)
    elif kind == "merge":
        merge_parties(
            project=team.project, survivor=_fresh(first), others=[_fresh(second)],
            choices={}, user=user,
        )
    elif kind == "unmerge":
        merged = Version.objects.get(object_id=first.pk, action=Version.Action.MERGE)
        unmerge(project=team.project, version=merged, user=user)


def _first_version(party: Party) -> Version:
    return Version.objects.filter(
        object_id=party.pk, content_type__model="party", action=Version.Action.CREATE
    ).get()


def _prepare_for(kind: str, team, first: Party, second: Party) -> None:
    """What must be there before the change: a party in the bin, a later layer, a merge."""
    if kind == "restore":
        party_delete(party=_fresh(second), user=team.owner)
    elif kind == "revert":
        party_update(party=_fresh(first), data={"layer": "staff"}, user=team.owner)
    elif kind == "unmerge":
        merge_parties(
            project=team.project, survivor=_fresh(first), others=[_fresh(second)],
            choices={}, user=team.owner,
        )


@pytest.mark.parametrize("kind", READ_EDITS)
def test_a_change_the_analyses_read_shows_on_every_page(
    client, team, register, counted, kind, django_capture_on_commit_callbacks
):
    first, second, segment = register
    _prepare_for(kind, team, first, second)
    client.force_login(team.viewer)
    shown = _visit(client, team.project)
    computed, version = counted(), inputs_version(team.project)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _edit_read(kind, team, first, second, segment)

    assert _told(callbacks)  # the change token is replaced and one refresh queued
    assert _queued() >= 1
    assert inputs_version(team.project) != version
    after = _visit(client, team.project)
    assert counted() > computed
    if kind != "kind":  # read into every analysis's facts, shown by none
        assert after != shown
    # What the pages show after the change is what they compute from nothing.
    cache.clear()
    assert _visit(client, team.project) == after


@pytest.mark.parametrize("change", CHANGES)
def test_every_change_of_the_cache_tests_still_changes_the_version(
    team, change, django_capture_on_commit_callbacks
):
    project = team.project
    first, second = make_party(project, name="Alfa"), make_party(project, name="Beta")
    assess(first, power=2)
    segment = make_segment(project, name="Ouders")
    version = inputs_version(project)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _change(change, project, first, second, segment, team.owner)
    assert _told(callbacks) and inputs_version(project) != version


# Imports ------------------------------------------------------------------------------------


def _import(team, *rows: list[str]) -> None:
    from transfer.models import ImportBatch
    from transfer.services import import_apply

    content = xlsx([["Naam", "Doelen", "Laag"], *rows])
    import_apply(
        project=team.project, kind=ImportBatch.Kind.PARTIES, content=content, user=team.owner
    )


def test_an_import_that_changes_a_read_field_changes_the_pages(
    client, team, counted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _import(team, ["Alfa", "Eerst", "board"], ["Beta", "Eerst", "board"])
    assess(Party.objects.get(name="Alfa"), power=5, attitude=1)
    client.force_login(team.viewer)
    shown = _visit(client, team.project)
    version, computed = inputs_version(team.project), counted()

    with django_capture_on_commit_callbacks(execute=True):  # only the goals: nothing to do
        _import(team, ["Alfa", "Later", "board"], ["Beta", "Later", "board"])
    assert Party.objects.get(name="Alfa").goals == "Later"
    assert inputs_version(team.project) == version
    assert _visit(client, team.project) == shown and counted() == computed

    with django_capture_on_commit_callbacks(execute=True):
        _import(team, ["Alfa", "Later", "residents"])
    assert Party.objects.get(name="Alfa").layer == "residents"
    assert inputs_version(team.project) != version
    after = _visit(client, team.project)
    assert after != shown
    cache.clear()
    assert _visit(client, team.project) == after


def test_party_import_apply_raises_the_stamp_of_changed_parties_only(team):
    party_import_apply(
        project=team.project, content=xlsx([["Naam", "Laag"], ["Alfa", "board"],
                                            ["Beta", "board"]]), user=team.owner,
    )
    party_import_apply(
        project=team.project, content=xlsx([["Naam", "Laag"], ["Alfa", "staff"],
                                            ["Beta", "board"]]), user=team.owner,
    )
    stamps = dict(Party.objects.values_list("name", "analysis_stamp"))
    assert stamps == {"Alfa": 1, "Beta": 0}


# The stamp itself ---------------------------------------------------------------------------


def test_a_save_raises_the_stamp_only_when_a_read_field_changed(team):
    party = make_party(team.project, name="Alfa")
    assert _fresh(party).analysis_stamp == 0
    loaded = _fresh(party)
    loaded.goals, loaded.sector = "Gezond", "education"
    loaded.save()
    assert _fresh(party).analysis_stamp == 0
    loaded.layer = "board"
    loaded.save()
    assert loaded.analysis_stamp == 1  # read again from the database
    loaded.save()  # nothing changed since
    assert _fresh(party).analysis_stamp == 1
    # Binned with only some fields written: the bin is read too.
    loaded.deleted_at = timezone.now()
    loaded.save(update_fields=["deleted_at"])
    assert _fresh(party).analysis_stamp == 2
    # A field not written does not count, however it stands in memory.
    loaded.ring = "co_decides"
    loaded.save(update_fields=["goals"])
    assert _fresh(party).analysis_stamp == 2


def test_two_saves_at_once_both_raise_the_stamp_and_a_stale_save_keeps_it(team):
    party = make_party(team.project, name="Alfa")
    one, other, stale = _fresh(party), _fresh(party), _fresh(party)
    one.layer = "board"
    one.save()
    other.ring = "co_decides"
    other.save()
    assert _fresh(party).analysis_stamp == 2
    stale.goals = "Later"  # read before both: writes its goals, not its stamp
    stale.save()
    assert _fresh(party).analysis_stamp == 2


def test_a_deferred_or_unread_field_counts_as_changed(team):
    party = make_party(team.project, name="Alfa")
    deferred = Party.objects.only("pk", "goals", "version").get(pk=party.pk)
    deferred.goals = "Later"
    deferred.save()  # writes the goals only: the analysed fields were not loaded, not written
    assert _fresh(party).analysis_stamp == 0
    deferred.layer = "board"
    deferred.save()
    assert _fresh(party).analysis_stamp == 1
    stored = _fresh(party)
    made = Party(**{f.attname: getattr(stored, f.attname) for f in Party._meta.concrete_fields})
    made._state.adding = False
    made.save()  # not read from the database: taken as changed
    assert _fresh(party).analysis_stamp == 2


def test_the_stamp_is_no_field_of_forms_history_or_merges(team):
    from parties.forms import PartyForm
    from parties.merging import merge_fields

    party = make_party(team.project, name="Alfa")
    assert "analysis_stamp" not in PartyForm.base_fields
    assert "analysis_stamp" not in {field.name for field in merge_fields()}
    party_update(party=_fresh(party), data={"layer": "board"}, user=team.owner)
    latest = Version.objects.filter(object_id=party.pk, content_type__model="party").first()
    assert "analysis_stamp" not in latest.data


def test_which_changes_are_read():
    assert not change_is_read("parties.party", {"goals", "sector", "interests"})
    assert change_is_read("parties.party", {"goals", "layer"})
    assert change_is_read("parties.party", {"segments"})
    assert change_is_read("parties.party", None)  # created, binned, restored
    assert not change_is_read("parties.contactperson", None)
    assert change_is_read("parties.relation", {"note"})  # other kinds: as before


# The list itself ----------------------------------------------------------------------------


def test_the_analyses_read_no_party_column_outside_the_list(team):
    """Every query of every analysis and the network, read for the columns of the party table
    it names: none outside analysis.inputs.PARTY_FIELDS."""
    from tests.analysis.test_analysis_selectors import fill

    fill(team.project, 12)
    with CaptureQueriesContext(connection) as captured:
        selectors.everything(team.project)
        for select in selectors.SELECTORS.values():
            select(team.project)
        network_module.network(team.project)
        network_module.network(team.project, "funds", include_past=True)
    allowed = {Party._meta.get_field(name).column for name in PARTY_FIELDS} | {"id"}
    read: set[str] = set()
    for query in captured.captured_queries:
        sql = query["sql"]
        aliases = {"parties_party"} | set(
            re.findall(r'"parties_party"\s+(?:AS\s+)?"?(\w+)"?', sql)
        )
        for alias in aliases:
            read |= set(re.findall(rf'"?{re.escape(alias)}"?\."(\w+)"', sql))
    assert read, "no party column found: the check reads nothing"
    assert read <= allowed, read - allowed

"""Merging parties into one: what moves, what is combined, and undoing it all."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from engagement.models import Commitment, ContactMoment, Review, ReviewStep
from engagement.services import review_step_record
from forcefield.models import Force
from forcefield.services import force_create
from governance.models import BoardProfile, DecisionMoment
from governance.services import decision_create, profile_create
from history.models import Version
from lib.concurrency import EditConflict
from parties.merging import merge_parties, unmerge
from parties.models import ContactPerson, Party, Relation
from parties.services import party_delete, party_update, relation_create, relation_update
from planning import services as planning
from planning.models import Contribution, PlanAction, Precondition, Success
from tests.engagement.factories import make_commitment, make_moment, make_review
from tests.factories import assess, make_contact, make_party, make_segment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["draagvlak_language"] = "en"
    with translation.override("en"):
        yield


def _fresh(party: Party) -> Party:
    return Party.everything.get(pk=party.pk)


def _merge(team, survivor, *others, choices=None, user=None):
    return merge_parties(
        project=team.project,
        survivor=_fresh(survivor),
        others=[_fresh(o) for o in others],
        choices=choices or {},
        user=user or team.editor,
    )


@pytest.fixture
def world(team):
    """A survivor and a duplicate on the board layer, with one of everything attached to the
    duplicate, and a third party they both relate to."""
    project = team.project
    survivor = make_party(project, name="Wethouder Zorg", layer="board")
    other = make_party(project, name="wethouder zorg", layer="board", goals="Gezond Hoogveld")
    third = make_party(project, name="School")
    things = {
        "contact": make_contact(other, email="an@example.org"),
        "old": assess(other, on=date(2025, 1, 1)),
        "new": assess(other, on=date(2026, 5, 1), power=5),
        "survivor_assessment": assess(survivor, on=date(2026, 1, 1)),
        "relation": relation_create(project=project, data={"source": other, "target": third}),
        "moment": make_moment(project, [other]),
        "shared_moment": make_moment(project, [other, survivor]),
        "commitment": make_commitment(other),
        "action": planning.plan_action_create(
            project=project, data={"title": "Folder", "party": other}
        ),
        "contribution": planning.contribution_create(
            project=project, data={"party": other, "contributes": "Ruimte"}
        ),
        "success": planning.success_create(
            project=project, data={"title": "Mondzorgdag", "achieved_on": date(2026, 3, 1)},
            parties=[other],
        ),
        "force": force_create(project=project, data={"description": "Steun", "party": other}),
        "profile": profile_create(party=other, data={"portfolios": "Zorg"}),
        "decision": decision_create(
            project=project, data={"date": date(2026, 11, 5), "body": other}
        ),
    }
    action = things["action"]
    things["precondition"] = planning.precondition_create(
        action=action, data={"kind": "hours", "amount": 8, "from_party": other}
    )
    review = make_review(project)
    Review.objects.filter(pk=review.pk).update(party_order=[other.pk, third.pk])
    review.refresh_from_db()
    things["review"] = review
    things["step"] = review_step_record(review=review, party=other, outcome="skipped")
    return survivor, other, third, things


def _party_of(things) -> dict[str, int | None]:
    return {
        "contact": ContactPerson.everything.get(pk=things["contact"].pk).party_id,
        "old": things["old"].__class__.objects.get(pk=things["old"].pk).party_id,
        "new": things["new"].__class__.objects.get(pk=things["new"].pk).party_id,
        "relation": Relation.everything.get(pk=things["relation"].pk).source_id,
        "commitment": Commitment.everything.get(pk=things["commitment"].pk).party_id,
        "action": PlanAction.everything.get(pk=things["action"].pk).party_id,
        "precondition": Precondition.everything.get(pk=things["precondition"].pk).from_party_id,
        "contribution": Contribution.everything.get(pk=things["contribution"].pk).party_id,
        "force": Force.objects.get(pk=things["force"].pk).party_id,
        "profile": BoardProfile.everything.get(pk=things["profile"].pk).party_id,
        "decision": DecisionMoment.everything.get(pk=things["decision"].pk).body_id,
        "step": ReviewStep.objects.get(pk=things["step"].pk).party_id,
    }


def test_everything_attached_moves_to_the_survivor_and_comes_back_on_undo(team, world):
    survivor, other, third, things = world
    version = _merge(team, survivor, other)

    assert set(_party_of(things).values()) == {survivor.pk}
    moment = ContactMoment.everything.get(pk=things["moment"].pk)
    assert list(moment.parties.values_list("pk", flat=True)) == [survivor.pk]
    shared = ContactMoment.everything.get(pk=things["shared_moment"].pk)
    assert list(shared.parties.values_list("pk", flat=True)) == [survivor.pk]
    assert list(Success.everything.get(pk=things["success"].pk).parties.all()) == [_fresh(survivor)]
    assert Review.objects.get(pk=things["review"].pk).party_order == [survivor.pk, third.pk]
    merged = _fresh(other)
    assert merged.deleted_at is not None and merged.latest_assessment is None
    kept = _fresh(survivor)
    # Both parties' assessments are kept, dated; the newest by date is the latest.
    assert kept.latest_assessment_id == things["new"].pk
    assert kept.assessments.count() == 3
    assert version.action == Version.Action.MERGE and version.object_id == survivor.pk
    assert version.data["merge"]["merged"] == [other.pk]
    assert Version.objects.filter(object_id=other.pk, action=Version.Action.MERGE).exists()

    unmerge(project=team.project, version=version, user=team.editor)

    assert set(_party_of(things).values()) == {other.pk}
    assert set(moment.parties.values_list("pk", flat=True)) == {other.pk}
    assert set(shared.parties.values_list("pk", flat=True)) == {other.pk, survivor.pk}
    assert list(Success.everything.get(pk=things["success"].pk).parties.all()) == [_fresh(other)]
    assert Review.objects.get(pk=things["review"].pk).party_order == [other.pk, third.pk]
    back = _fresh(other)
    assert back.deleted_at is None and back.latest_assessment_id == things["new"].pk
    assert _fresh(survivor).latest_assessment_id == things["survivor_assessment"].pk
    assert Version.objects.filter(object_id=survivor.pk, action=Version.Action.UNMERGE).exists()


def test_chosen_values_stay_and_undo_brings_back_the_survivors(team):
    a, b = make_segment(team.project), make_segment(team.project)
    survivor = make_party(team.project, name="CAW Oost", sector="welfare", segments=[a])
    other = make_party(
        team.project, name="CAW Oost-Vlaanderen", goals="Armoede", sector="health_care",
        works_with_vulnerable_groups=True, segments=[b],
    )
    version = _merge(
        team, survivor, other,
        choices={"name": other.pk, "goals": other.pk, "works_with_vulnerable_groups": other.pk},
    )
    kept = _fresh(survivor)
    assert (kept.name, kept.goals, kept.sector) == ("CAW Oost-Vlaanderen", "Armoede", "welfare")
    assert kept.works_with_vulnerable_groups
    assert set(kept.segments.all()) == {a, b}  # the union, unless chosen otherwise
    assert version.changes["name"] == ["CAW Oost", "CAW Oost-Vlaanderen"]

    unmerge(project=team.project, version=version, user=team.owner)
    kept = _fresh(survivor)
    assert (kept.name, kept.goals, kept.works_with_vulnerable_groups) == ("CAW Oost", "", False)
    assert list(kept.segments.all()) == [a]


def test_undo_keeps_a_value_changed_after_the_merge(team):
    survivor = make_party(team.project, name="A")
    other = make_party(team.project, name="B", goals="Eerst")
    version = _merge(team, survivor, other, choices={"goals": other.pk})
    party_update(party=_fresh(survivor), data={"goals": "Later"})
    unmerge(project=team.project, version=version, user=team.owner)
    assert _fresh(survivor).goals == "Later"


def test_relations_that_become_the_same_are_combined_and_one_between_them_removed(team):
    project = team.project
    survivor, other, third = (make_party(project, name=n) for n in ("A", "A bis", "C"))
    own = relation_create(
        project=project,
        data={"source": survivor, "target": third, "strength": 2, "note": "Overleg",
              "started_on": date(2024, 1, 1)},
    )
    twin = relation_create(
        project=project,
        data={"source": other, "target": third, "strength": 4, "note": "Project",
              "started_on": date(2023, 1, 1)},
    )
    between = relation_create(project=project, data={"source": other, "target": survivor})
    funds = relation_create(
        project=project, data={"source": third, "target": other, "kind": "funds"}
    )

    version = _merge(team, survivor, other)

    kept = Relation.objects.get(pk=own.pk)
    combined = (kept.strength, kept.started_on, kept.note)
    assert combined == (4, date(2023, 1, 1), "Overleg\n\nProject")
    assert Relation.everything.get(pk=twin.pk).deleted_at is not None
    assert Relation.everything.get(pk=between.pk).deleted_at is not None
    assert Relation.objects.get(pk=funds.pk).target_id == survivor.pk
    assert Relation.objects.filter(source=survivor).count() == 1

    unmerge(project=project, version=version, user=team.owner)

    kept = Relation.objects.get(pk=own.pk)
    assert (kept.strength, kept.started_on, kept.note) == (2, date(2024, 1, 1), "Overleg")
    assert Relation.objects.get(pk=twin.pk).source_id == other.pk
    assert Relation.objects.get(pk=between.pk).source_id == other.pk
    assert Relation.objects.get(pk=funds.pk).target_id == other.pk


def test_contacts_with_the_same_email_become_one(team, world):
    survivor, other, _third, things = world
    own = make_contact(survivor, name="An Peeters", email="AN@example.org")
    duplicate = things["contact"]
    ContactPerson.objects.filter(pk=duplicate.pk).update(phone="0470 12 34 56", function="Schepen")
    logged = make_moment(team.project, [other])
    logged.contact_persons.add(duplicate)
    different = make_contact(other, name="Bert", email="bert@example.org")

    version = _merge(team, survivor, other)

    kept = ContactPerson.objects.get(pk=own.pk)
    assert (kept.phone, kept.function) == ("0470 12 34 56", "Schepen")
    assert ContactPerson.everything.get(pk=duplicate.pk).deleted_at is not None
    assert ContactPerson.objects.get(pk=different.pk).party_id == survivor.pk
    assert list(logged.contact_persons.all()) == [kept]
    assert set(_fresh(survivor).contacts.values_list("pk", flat=True)) == {own.pk, different.pk}

    unmerge(project=team.project, version=version, user=team.owner)

    kept = ContactPerson.objects.get(pk=own.pk)
    assert (kept.phone, kept.function) == ("", "")
    back = ContactPerson.objects.get(pk=duplicate.pk)
    assert back.party_id == other.pk and back.phone == "0470 12 34 56"
    assert list(logged.contact_persons.all()) == [back]


def test_the_survivors_board_profile_stays_and_the_others_is_kept_with_it(team, world):
    survivor, other, _third, things = world
    own = profile_create(party=survivor, data={"portfolios": "Welzijn"})
    version = _merge(team, survivor, other)
    assert BoardProfile.objects.get(pk=own.pk).party_id == survivor.pk
    assert BoardProfile.everything.get(pk=things["profile"].pk).party_id == other.pk
    assert version.data["merge"]["kept"]["governance.boardprofile.party"] == [things["profile"].pk]


def test_a_stale_version_is_a_conflict_and_nothing_moves(team, world):
    survivor, other, _third, things = world
    seen = _fresh(other)
    party_update(party=_fresh(other), data={"goals": "Nieuw"})
    with pytest.raises(EditConflict):
        merge_parties(
            project=team.project, survivor=_fresh(survivor), others=[seen], choices={},
            user=team.editor,
        )
    assert set(_party_of(things).values()) == {other.pk}
    assert _fresh(other).deleted_at is None


def test_parties_of_another_project_or_in_the_bin_are_refused(team):
    survivor = make_party(team.project, name="A")
    foreign = make_party(team.other_project, name="A")
    binned = make_party(team.project, name="A2")
    party_delete(party=binned)
    for other in (foreign, binned):
        with pytest.raises(ValidationError):
            _merge(team, survivor, other)
    with pytest.raises(ValidationError):
        _merge(team, survivor, survivor)
    assert not Version.objects.filter(action=Version.Action.MERGE).exists()


def test_a_choice_must_name_a_merged_party(team):
    survivor, other = make_party(team.project, name="A"), make_party(team.project, name="B")
    stranger = make_party(team.project, name="C")
    with pytest.raises(ValidationError):
        _merge(team, survivor, other, choices={"goals": stranger.pk})


def test_three_parties_merge_into_one(team):
    survivor, b, c = (make_party(team.project, name=n) for n in ("A", "B", "C"))
    make_contact(b, email="x@example.org")
    make_contact(c, email="x@example.org")
    relation_create(project=team.project, data={"source": b, "target": c})
    version = _merge(team, survivor, b, c)
    assert _fresh(survivor).contacts.count() == 1
    assert not Relation.objects.exists()
    unmerge(project=team.project, version=version, user=team.owner)
    assert _fresh(b).contacts.count() == 1 and _fresh(c).contacts.count() == 1
    assert Relation.objects.get().source_id == b.pk


def test_undo_is_refused_when_a_moved_relation_now_links_other_parties(team, world):
    survivor, other, third, things = world
    version = _merge(team, survivor, other)
    elsewhere = make_party(team.project, name="Elders")
    relation = Relation.objects.get(pk=things["relation"].pk)
    relation_update(relation=relation, data={"source": elsewhere})
    with pytest.raises(ValidationError) as refused:
        unmerge(project=team.project, version=version, user=team.owner)
    assert "Relation “Elders → School (works with)” now links other parties." in (
        refused.value.messages
    )
    assert _fresh(other).deleted_at is not None


def test_undo_is_refused_twice_and_when_the_survivor_is_in_the_bin(team):
    survivor, other = make_party(team.project, name="A"), make_party(team.project, name="B")
    version = _merge(team, survivor, other)
    party_delete(party=_fresh(survivor))
    with pytest.raises(ValidationError) as refused:
        unmerge(project=team.project, version=version, user=team.owner)
    assert "restore it first" in " ".join(refused.value.messages)
    Party.everything.filter(pk=survivor.pk).update(deleted_at=None)
    unmerge(project=team.project, version=version, user=team.owner)
    with pytest.raises(ValidationError):
        unmerge(project=team.project, version=version, user=team.owner)


def test_undo_of_another_projects_merge_is_refused(team):
    survivor, other = make_party(team.project, name="A"), make_party(team.project, name="B")
    version = _merge(team, survivor, other)
    with pytest.raises(ValidationError):
        unmerge(project=team.other_project, version=version, user=team.outsider)


# The pages ------------------------------------------------------------------------------------


def _page(team, *parties) -> str:
    query = "&".join(f"party={p.pk}" for p in parties)
    return f"{reverse('parties:merge', args=[team.project.pk])}?{query}"


def test_viewer_gets_403_and_outsider_404(client, team):
    a, b = make_party(team.project, name="A"), make_party(team.project, name="B")
    client.force_login(team.viewer)
    assert client.get(_page(team, a, b)).status_code == 403
    assert client.post(_page(team, a, b), {"survivor": a.pk}).status_code == 403
    client.force_login(team.outsider)
    assert client.get(_page(team, a, b)).status_code == 404
    assert not _fresh(b).deleted_at


def test_page_offers_each_partys_value_and_merges_on_confirm(client, team):
    a = make_party(team.project, name="Buurtteam Wijk X")
    b = make_party(team.project, name="buurtteam wijk x", goals="Samen sterk")
    make_contact(b, email="c@example.org")
    client.force_login(team.editor)
    page = client.get(_page(team, a, b))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Samen sterk" in html and "Contact persons: 1" in html
    # The defaults: the first party's value, or the one that is not empty.
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    assert data["choice_goals"] == str(b.pk) and data["survivor"] == str(a.pk)
    response = client.post(_page(team, a, b), data)
    assert response.status_code == 302
    kept = _fresh(a)
    assert kept.goals == "Samen sterk" and kept.contacts.count() == 1
    assert _fresh(b).deleted_at is not None
    history = client.get(reverse("parties:history", args=[team.project.pk, a.pk]))
    assert "Undo this merge" in history.content.decode()
    assert "Moved to it: Contact persons: 1" in history.content.decode()
    version = Version.objects.get(object_id=a.pk, action=Version.Action.MERGE)
    undo = reverse("parties:unmerge", args=[team.project.pk, a.pk, version.pk])
    assert client.post(undo).status_code == 302
    assert _fresh(b).deleted_at is None and _fresh(a).goals == ""
    history = client.get(reverse("parties:history", args=[team.project.pk, a.pk]))
    assert "This merge has been undone." in history.content.decode()


def test_a_stale_page_merges_nothing(client, team):
    a, b = make_party(team.project, name="A"), make_party(team.project, name="B")
    client.force_login(team.editor)
    form = client.get(_page(team, a, b)).context["form"]
    data = {name: form[name].value() for name in form.fields}
    party_update(party=_fresh(b), data={"goals": "Intussen"})
    response = client.post(_page(team, a, b), data)
    assert response.status_code == 302 and "merge" in response["Location"]
    assert _fresh(b).deleted_at is None


def test_a_name_typed_on_the_page_adds_that_party(client, team):
    a, b = make_party(team.project, name="CAW Oost"), make_party(team.project, name="CAW Óost")
    client.force_login(team.editor)
    url = reverse("parties:merge", args=[team.project.pk])
    response = client.get(url, {"party": a.pk, "q": "caw oost"})
    # Both names sort alike, so both are found; the page then names them by id.
    assert response.status_code == 302
    assert f"party={a.pk}" in response["Location"] and f"party={b.pk}" in response["Location"]
    alone = client.get(url, {"party": a.pk, "q": "Niemand"})
    assert alone.status_code == 200 and "Niemand" in alone.content.decode()


def test_page_issues_a_fixed_number_of_queries(client, team):
    def queries(size: int) -> int:
        parties = [make_party(team.project, name=f"P{size}-{n}") for n in range(size)]
        for party in parties:
            make_contact(party)
            assess(party)
            make_moment(team.project, [party])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_page(team, *parties)).status_code == 200
        return len(captured.captured_queries)

    client.force_login(team.editor)
    few, many = queries(2), queries(8)
    # Sessions, membership, the parties with their segments and one count per kind attached.
    assert few == many <= 24


def test_a_pair_marked_not_the_same_stays_with_the_merged_party(team):
    from parties.models import DuplicateDismissal

    survivor, other, third = (make_party(team.project, name=n) for n in ("A", "B", "C"))
    low, high = sorted([other, third], key=lambda p: p.pk)
    DuplicateDismissal.objects.create(project=team.project, party_low=low, party_high=high)
    version = _merge(team, survivor, other, choices={"official_code": other.pk})
    assert DuplicateDismissal.objects.filter(party_low=low, party_high=high).exists()
    unmerge(project=team.project, version=version, user=team.owner)
    assert DuplicateDismissal.objects.count() == 1


def test_undo_of_a_merge_recorded_before_a_restore_is_refused(team):
    survivor, other = make_party(team.project, name="A"), make_party(team.project, name="B")
    version = _merge(team, survivor, other)
    # A restored project numbers its parties anew; the history keeps the merge's old ids.
    Version.objects.filter(pk=version.pk).update(object_id=survivor.pk + 1000)
    version.refresh_from_db()
    with pytest.raises(ValidationError):
        unmerge(project=team.project, version=version, user=team.owner)
    assert _fresh(other).deleted_at is not None

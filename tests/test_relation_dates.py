"""A relation cannot end before it starts, whichever way it comes in."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from parties.models import Relation
from parties.services import relation_create, relation_update
from tests.factories import make_party, make_project

pytestmark = pytest.mark.django_db

MAY, JUNE = date(2025, 5, 1), date(2025, 6, 1)


@pytest.fixture
def pair(team):
    return make_party(team.project, name="Huis"), make_party(team.project, name="School")


def test_the_model_refuses_an_end_before_the_start(team, pair):
    relation = Relation(
        project=team.project, source=pair[0], target=pair[1], started_on=JUNE, ended_on=MAY
    )
    with pytest.raises(ValidationError) as refused:
        relation.full_clean()
    assert list(refused.value.message_dict) == ["ended_on"]


def test_the_services_refuse_it_and_change_nothing(team, pair):
    source, target = pair
    data = {"source": source, "target": target, "started_on": JUNE, "ended_on": MAY}
    with pytest.raises(ValidationError) as refused:
        relation_create(project=team.project, data=data)
    assert set(refused.value.message_dict) == {"ended_on"}
    assert not Relation.everything.exists()
    relation = relation_create(project=team.project, data={**data, "ended_on": None})
    with pytest.raises(ValidationError):
        relation_update(relation=relation, data={"ended_on": MAY}, expected_version=1)
    relation.refresh_from_db()
    assert (relation.ended_on, relation.version) == (None, 1)


def test_an_end_on_the_start_day_or_one_date_alone_is_fine(team, pair):
    source, target = pair
    for started_on, ended_on in [(MAY, MAY), (MAY, None), (None, MAY)]:
        relation = Relation(
            project=team.project,
            source=source,
            target=target,
            started_on=started_on,
            ended_on=ended_on,
        )
        relation.full_clean()
        relation.save()


def test_the_database_refuses_it_when_the_model_is_bypassed(team, pair):
    source, target = pair
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.bulk_create(
            [Relation(project=team.project, source=source, target=target,
                      started_on=JUNE, ended_on=MAY)]
        )
    relation = relation_create(project=team.project, data={"source": source, "target": target})
    with pytest.raises(IntegrityError), transaction.atomic():
        Relation.objects.filter(pk=relation.pk).update(started_on=JUNE, ended_on=MAY)


@pytest.mark.django_db(transaction=True)
def test_the_migration_swaps_dates_stored_the_wrong_way_round():
    executor = MigrationExecutor(connection)
    before = [("parties", "0006_party_speaks_for_target_group")]
    after = [("parties", "0008_relation_ends_after_it_starts")]
    executor.migrate(before)
    try:
        project = make_project()
        old = executor.loader.project_state(before).apps
        Party = old.get_model("parties", "Party")
        OldRelation = old.get_model("parties", "Relation")
        a = Party.objects.create(project_id=project.pk, name="A", sort_name="a")
        b = Party.objects.create(project_id=project.pk, name="B", sort_name="b")
        reversed_row = OldRelation.objects.create(
            project_id=project.pk, source=a, target=b, started_on=JUNE, ended_on=MAY
        )
        fine_row = OldRelation.objects.create(
            project_id=project.pk, source=b, target=a, started_on=MAY, ended_on=JUNE
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(after)
    swapped = Relation.everything.get(pk=reversed_row.pk)
    assert (swapped.started_on, swapped.ended_on, swapped.version) == (MAY, JUNE, 2)
    untouched = Relation.everything.get(pk=fine_row.pk)
    assert (untouched.started_on, untouched.ended_on, untouched.version) == (MAY, JUNE, 1)

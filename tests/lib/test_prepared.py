from __future__ import annotations

import pytest
from django.db.models import Count, Exists, OuterRef

from lib.prepared import PreparedRow
from parties.models import Party
from projects.models import Project
from tests.factories import make_party, make_project, make_user

pytestmark = pytest.mark.django_db


def _summary(pk) -> object:
    return Project.objects.filter(pk=pk).values(
        "title",
        n=Count("parties"),
        any_board=Exists(Party.objects.filter(project=OuterRef("pk"), layer="board")),
    )


def test_a_prepared_row_answers_as_the_queryset_does_for_each_project():
    user = make_user("alice")
    first, second = make_project(user, title="Eerste"), make_project(user, title="Tweede")
    make_party(first, name="Raad", layer="board")
    make_party(first, name="Team", layer="staff")
    prepared = PreparedRow(_summary)
    for project in (first, second, first):
        assert prepared.get(project.pk) == _summary(project.pk).get()
    assert prepared.get(first.pk)["any_board"] is True
    assert prepared.get(second.pk)["any_board"] is False


def test_a_prepared_row_of_no_project_is_none():
    assert PreparedRow(_summary).get(0) is None

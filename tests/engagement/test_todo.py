"""The to-do list: the user's follow-ups and their projects' commitment dates, overdue first,
then the next 30 days."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement import selectors
from engagement.models import ContactMoment
from tests.engagement.bulk import fill_moments
from tests.engagement.conftest import HTMX, days
from tests.engagement.factories import make_commitment, make_moment
from tests.factories import add_member, make_party, make_project, make_user
from tests.test_party_list import _queries

pytestmark = pytest.mark.django_db


def _url(team) -> str:
    return reverse("engagement:project_todo", args=[team.project.pk])


def _entries(todo) -> list[tuple[str, str, bool]]:
    return [
        (item.kind, getattr(item.item, "what", None) or item.item.discussed, item.overdue)
        for item in todo.items
    ]


@pytest.fixture
def plan(team, party, other_party):
    p = team.project
    make_moment(p, [party], by=team.owner, date=days(-30), discussed="Eigen, te laat",
                follow_up_on=days(-2))
    make_moment(p, [party], by=team.editor, members=[team.owner], date=days(-20),
                discussed="Meegedaan, binnenkort", follow_up_on=days(5))
    make_moment(p, [other_party], by=team.owner, date=days(-1), discussed="Eigen, morgen",
                follow_up_on=days(1))
    make_moment(p, [party], by=team.owner, discussed="Te ver weg", follow_up_on=days(45))
    make_moment(p, [party], by=team.editor, discussed="Van Bob alleen", follow_up_on=days(2))
    make_moment(p, [party], by=team.owner, date=days(-10), discussed="Al gedaan",
                follow_up_on=days(-1), follow_up_done=True)
    make_moment(p, [party], by=team.owner, discussed="Zonder opvolging")
    make_commitment(party, what="Verlopen engagement", ends_in=-7, status="asked")
    make_commitment(other_party, what="Engagement binnen twee weken", ends_in=12)
    make_commitment(party, what="Geleverd", ends_in=-3, status="delivered")
    make_commitment(party, what="Vervallen", ends_in=3, status="lapsed")
    make_commitment(party, what="Over twee maanden", ends_in=60)


def test_overdue_first_then_the_next_30_days_by_date(team, plan):
    todo = selectors.todo(user=team.owner, today=timezone.localdate())
    assert _entries(todo) == [
        ("commitment", "Verlopen engagement", True),
        ("follow_up", "Eigen, te laat", True),
        ("follow_up", "Eigen, morgen", False),
        ("follow_up", "Meegedaan, binnenkort", False),
        ("commitment", "Engagement binnen twee weken", False),
    ]


def test_each_member_sees_their_own_follow_ups_and_all_open_commitments(team, plan):
    todo = selectors.todo(user=team.editor, today=timezone.localdate())
    assert _entries(todo) == [
        ("commitment", "Verlopen engagement", True),
        ("follow_up", "Van Bob alleen", False),
        ("follow_up", "Meegedaan, binnenkort", False),  # logged by Bob
        ("commitment", "Engagement binnen twee weken", False),
    ]
    viewer = selectors.todo(user=team.viewer, today=timezone.localdate())
    assert [kind for kind, _what, _overdue in _entries(viewer)] == ["commitment", "commitment"]


def test_the_page_shows_sections_and_flags(client, team, plan):
    client.force_login(team.owner)
    response = client.get(_url(team))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Verlopen engagement") < html.index("Eigen, te laat")
    assert html.index("Eigen, te laat") < html.index("Eigen, morgen")
    assert "Te ver weg" not in html and "Van Bob alleen" not in html
    assert html.count('class="tag overdue"') == 2


def test_all_my_projects(client, team, plan):
    elsewhere = make_project(team.owner, title="Ander project")
    make_commitment(make_party(elsewhere, name="Bibliotheek"), what="Boekenhoek", ends_in=4)
    client.force_login(team.owner)
    html = client.get(reverse("engagement:todo")).content.decode()
    assert "Boekenhoek" in html and "Verlopen engagement" in html and "Ander project" in html
    assert "Boekenhoek" not in client.get(_url(team)).content.decode()


def test_follow_up_done_in_place(client, team, plan):
    moment = ContactMoment.objects.get(discussed="Eigen, morgen")
    client.force_login(team.owner)
    url = reverse("engagement:moment_follow_up_done", args=[team.project.pk, moment.pk])
    response = client.post(url, headers=HTMX)
    assert response.status_code == 200
    assert response.content.decode().strip().startswith(f'<li id="todo-follow_up-{moment.pk}"')
    moment.refresh_from_db()
    assert moment.follow_up_done
    assert "Eigen, morgen" not in client.get(_url(team)).content.decode()


def test_commitment_delivered_from_the_to_do_list(client, team, plan):
    client.force_login(team.contributor)
    commitment = team.project.commitments.get(what="Verlopen engagement")
    url = reverse("engagement:commitment_deliver", args=[team.project.pk, commitment.pk])
    response = client.post(url, {"view": "todo"}, headers=HTMX)
    assert response.content.decode().strip().startswith(
        f'<li id="todo-commitment-{commitment.pk}" class="todo-item done"'
    )
    back = client.post(url, {"view": "todo", "next": _url(team)})
    assert back["Location"] == _url(team)
    outside = client.post(url, {"next": "https://example.com/"})
    assert outside["Location"] == reverse("engagement:commitments", args=[team.project.pk])


def test_viewer_gets_no_buttons(client, team, plan):
    client.force_login(team.viewer)
    html = client.get(_url(team)).content.decode()
    assert "Verlopen engagement" in html and "deliver/" not in html


def test_query_count_does_not_grow_with_the_contacts(client):
    user = make_user("alice")
    small, large = make_project(user), make_project(user)
    for project, count in ((small, 5), (large, 300)):
        parties = [make_party(project, name=f"Partij {n}") for n in range(3)]
        fill_moments(project, parties, count, user=user, start=days(0))
    client.force_login(user)

    def url(project):
        return reverse("engagement:project_todo", args=[project.pk])

    assert _queries(client, url(small)) == _queries(client, url(large))
    assert _queries(client, url(large)) <= 8
    everywhere = reverse("engagement:todo")
    count = _queries(client, everywhere)
    add_member(make_project(), user, "viewer")
    assert _queries(client, everywhere) == count

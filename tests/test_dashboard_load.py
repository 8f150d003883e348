"""The dashboard under load: the register's facts are counted once per visit, not once for the
next step and again for the step plan's panel."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parties.models import Party
from planning.selectors import panel, project_facts
from tests.factories import make_project, make_user
from tests.test_party_list import _fill

pytestmark = pytest.mark.django_db


def test_dashboard_counts_the_facts_once(client):
    user = make_user("alice")
    project = make_project(user)
    _fill(project, 20)
    client.force_login(user)
    url = reverse("projects:dashboard", args=[project.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    # One pass over the parties counts the table by layer and attitude and the step plan's
    # register figures; the facts query does not count them again.
    counted = [
        q for q in captured.captured_queries
        if "fact_register" in q["sql"] or 'COUNT("parties_party"."id")' in q["sql"]
    ]
    assert len(counted) == 1


def test_dashboard_facts_are_the_counted_facts(client):
    user = make_user("alice")
    project = make_project(user)
    _fill(project, 20)
    first = Party.objects.filter(project=project).order_by("pk").values("pk")[:3]
    Party.objects.filter(pk__in=[row["pk"] for row in first]).update(in_core_group=True)
    client.force_login(user)
    response = client.get(reverse("projects:dashboard", args=[project.pk]))
    facts = project_facts(project=project)
    assert response.context["facts"] == facts
    assert response.context["dashboard"].core_group == facts.core_group == 3
    assert facts.parties == 20


def test_panel_with_the_facts_given_is_the_panel_without(client):
    user = make_user("alice")
    project = make_project(user)
    _fill(project, 12)
    facts = project_facts(project=project)
    assert panel(project=project, facts=facts) == panel(project=project)


def test_dashboard_queries_stay_few_whatever_the_register(client):
    user = make_user("alice")
    small, large = make_project(user), make_project(user)
    _fill(small, 5)
    _fill(large, 120)
    client.force_login(user)

    def queries(project) -> int:
        url = reverse("projects:dashboard", args=[project.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries(small) == queries(large) <= 14

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from parties.models import Assessment, ContactPerson, Layer, Party, Quadrant
from projects.demo import DEMO_PASSWORD, DEMO_TITLE, demo_load
from projects.demo_netherlands import dutch_demo_project
from projects.models import Membership, Organisation, Place, Project, Role, TargetSegment


def _counts() -> dict[str, int]:
    models = [
        User, Organisation, Place, Project, Membership, TargetSegment, Party, ContactPerson,
        Assessment,
    ]
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_demo_loads_a_rich_project():
    project, created = demo_load()
    assert created
    assert project.title == DEMO_TITLE
    assert project.theme == Project.Theme.ORAL_HEALTH
    assert project.quadrant_threshold == 4
    assert project.vision
    assert project.places.filter(code="46029").exists()
    assert project.organisation.kind == Organisation.Kind.MUNICIPALITY

    parties = Party.objects.filter(project=project)
    assert parties.count() >= 30
    assert set(parties.values_list("layer", flat=True)) == set(Layer.values)
    assert set(parties.values_list("kind", flat=True)) == set(Party.Kind.values)
    # The two demo projects together show every sector.
    both = Party.objects.filter(project__in=[project, dutch_demo_project()])
    assert set(both.values_list("sector", flat=True)) == set(Party.Sector.values)
    assert set(parties.values_list("role", flat=True)) == set(Party.ProjectRole.values)
    assert set(parties.values_list("ring", flat=True)) == set(Party.Ring.values)
    assert parties.filter(is_internal=True).exists()
    assert parties.filter(is_internal=False).exists()
    core = parties.filter(in_core_group=True)
    assert 4 <= core.count() <= 5
    assert all(party.own_identity and party.theme_expertise for party in core)


@pytest.mark.django_db
def test_demo_has_two_rounds_of_assessments():
    project, _created = demo_load()
    assessments = Assessment.objects.filter(party__project=project)
    dates = sorted(set(assessments.values_list("assessed_on", flat=True)))
    assert len(dates) >= 2
    assert (dates[-1] - dates[0]).days >= 120
    assert dates[-1] <= timezone.localdate()
    assert set(assessments.values_list("attitude", flat=True)) == {-2, -1, 0, 1, 2}

    parties = Party.objects.filter(project=project)
    unassessed = parties.filter(assessments__isnull=True)
    assert unassessed.count() < parties.count() // 5
    # The service keeps the newest assessment on the party.
    for party in parties.exclude(latest_assessment=None).select_related("latest_assessment"):
        newest = party.assessments.order_by("-assessed_on", "-created_at", "-id").first()
        assert party.latest_assessment == newest


@pytest.mark.django_db
def test_demo_populates_every_quadrant():
    project, _created = demo_load()
    latest = [
        party.latest_assessment
        for party in Party.objects.filter(project=project).select_related("latest_assessment")
        if party.latest_assessment is not None
    ]
    quadrants = {a.quadrant(project.quadrant_threshold) for a in latest}
    assert quadrants == set(Quadrant.values)
    assert any(a.power == 4 or a.interest == 4 for a in latest)


@pytest.mark.django_db
def test_demo_segments_contacts_and_a_gap():
    project, _created = demo_load()
    segments = TargetSegment.objects.filter(project=project)
    assert segments.count() >= 4
    assert segments.filter(parties__isnull=True).count() >= 1
    assert segments.filter(parties__isnull=False).distinct().count() >= 3

    contacts = ContactPerson.objects.filter(party__project=project)
    assert contacts.count() >= 40
    assert contacts.filter(do_not_contact=True).exists()
    assert len(set(contacts.values_list("legal_basis", flat=True))) >= 3
    assert all(
        email.endswith("@example.org")
        for email in contacts.exclude(email="").values_list("email", flat=True)
    )


@pytest.mark.django_db
def test_demo_members_and_login():
    project, _created = demo_load()
    roles = dict(project.memberships.values_list("user__username", "role"))
    assert roles["demo"] == Role.OWNER
    assert set(roles.values()) == set(Role.values)
    demo = User.objects.get(username="demo")
    assert demo.language == "nl"
    assert project.organisation.members.filter(pk=demo.pk).exists()
    assert authenticate(username="demo", password=DEMO_PASSWORD) == demo
    assert authenticate(username="demo", password="draagvlak-demo") == demo


@pytest.mark.django_db
def test_demo_twice_changes_nothing():
    first, created = demo_load()
    assert created
    before = _counts()
    second, created_again = demo_load()
    assert not created_again
    assert second == first
    assert _counts() == before


@pytest.mark.django_db
def test_demo_command_output():
    out = StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "Demo workspace loaded" in text
    assert (
        'Sign in at http://127.0.0.1:8000 with user name "demo" and password '
        '"draagvlak-demo".' in text
    )
    out = StringIO()
    call_command("demo", stdout=out)
    assert "Demo workspace already present" in out.getvalue()
    assert Project.objects.filter(title=DEMO_TITLE).count() == 1

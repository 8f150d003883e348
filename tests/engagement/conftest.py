from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.api.conftest import api  # noqa: F401  (the API client fixture)
from tests.factories import assess, make_contact, make_party

HTMX = {"HX-Request": "true"}


def days(n: int):
    """Today plus n days (n < 0: in the past)."""
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def party(team):
    party = make_party(team.project, name="Schepen van welzijn")
    make_contact(party, name="Griet Moerman")
    assess(party, power=5, attitude=0, on=days(-100))
    return party


@pytest.fixture
def other_party(team):
    return make_party(team.project, name="Tandartsenkring")

"""The party page's blank assessment form, rendered once and marked with each party's values, is
the markup the form renders itself."""

from __future__ import annotations

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from parties.forms import AssessmentForm
from parties.models import Assessment
from parties.rendering import assessment_fields_html
from tests.factories import make_party, make_project, make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["nl", "en"])
def test_marked_form_is_the_form_rendered_with_the_party_s_values(language):
    party = make_party(make_project(make_user("alice")))
    values = [
        (1, 5, 3, 2, -2, "unaware", "leading"),
        (5, 1, 1, 5, 2, "neutral", "supportive"),
        (3, 3, 4, 1, 0, "supportive", "neutral"),
    ]
    with translation.override(language):
        assert assessment_fields_html(None) == render_to_string(
            "includes/form.html", {"form": AssessmentForm(previous=None)}
        )
        for power, interest, legitimacy, urgency, attitude, now, wanted in values:
            previous = Assessment(
                party=party, assessed_on=date(2026, 3, 1), power=power, interest=interest,
                legitimacy=legitimacy, urgency=urgency, attitude=attitude,
                engagement_current=now, engagement_desired=wanted,
            )
            expected = render_to_string(
                "includes/form.html", {"form": AssessmentForm(previous=previous)}
            )
            assert assessment_fields_html(previous) == expected

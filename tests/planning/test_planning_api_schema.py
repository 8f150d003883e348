"""Generated requests against the planning routes (schemathesis), as tests/api/test_api_schema.py
does for the whole API: no server error, and every answer matches its documented schema."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance

from api.services import token_create
from draagvlak.wsgi import application
from tests.factories import make_party, make_segment
from tests.planning.conftest import make_action, make_activity, make_success

set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "draagvlak-hypothesis")

CONFIG = SchemathesisConfig.from_dict(
    {
        "phases": {"examples": {"enabled": False}, "coverage": {"enabled": False}},
        "generation": {"max-examples": 15, "with-security-parameters": False},
    }
)

schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", application, config=CONFIG
).include(path_regex=r"/(plan|participation|successes|success-messages|steps)\b")


@pytest.fixture
def ids(team) -> dict[str, object]:
    party = make_party(team.project, name="GGD")
    return {
        "project_id": team.project.pk,
        "action_id": make_action(team.project, party=party).pk,
        "activity_id": make_activity(team.project, segment=make_segment(team.project)).pk,
        "success_id": make_success(team.project, [party]).pk,
        "item_key": "core-partners",
    }


@pytest.fixture
def owner_token(team) -> str:
    return token_create(user=team.owner, name="schemathesis")[1]


@schema.parametrize()
@settings(
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.django_db
def test_planning_api_keeps_its_promises(case, ids, owner_token):
    for name in case.path_parameters or {}:
        case.path_parameters[name] = ids[name]
    response = case.call(headers={"Authorization": f"Bearer {owner_token}"})
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

"""Generated requests from the OpenAPI document (schemathesis): whatever the owner sends, valid
or not, the API never answers with a server error and every documented answer matches its
schema."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis.configuration import set_hypothesis_home_dir
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import response_schema_conformance

from api.services import token_create
from draagvlak.wsgi import application
from parties.services import relation_create
from planning.models import HelperEntry
from tests.factories import assess, make_contact, make_party, make_segment
from tests.walkers import project_object_ids

# Hypothesis keeps caches in a directory; not in the project's tree.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "draagvlak-hypothesis")

CONFIG = SchemathesisConfig.from_dict(
    {
        # The fuzzing phase only (valid and invalid input), bounded by max-examples.
        "phases": {"examples": {"enabled": False}, "coverage": {"enabled": False}},
        "generation": {"max-examples": 10, "with-security-parameters": False},
    }
)

# Loaded when the module is collected: the OpenAPI document needs no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application, config=CONFIG)


CONDITIONAL = {"PATCH", "DELETE", "POST"}


@pytest.fixture
def same_connection():
    """Keep the test's database connection open across requests, as Django's test client does:
    the WSGI handler would otherwise close it at the end of each request (inside the test's
    transaction), and the next request would find it closed."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def ids(team) -> dict[str, int]:
    """Path parameters that name real objects of the owner's project."""
    segment = make_segment(team.project)
    first = make_party(team.project, name="GGD", segments=[segment])
    second = make_party(team.project, name="School")
    make_party(team.project, name="Buurthuis")
    relation = relation_create(project=team.project, data={"source": first, "target": second})
    return {
        **project_object_ids(team),
        "project_id": team.project.pk,
        "party_id": first.pk,
        "contact_id": make_contact(first).pk,
        "relation_id": relation.pk,
        "assessment_id": assess(first).pk,
        "segment_id": segment.pk,
        "helper_id": HelperEntry.objects.filter(organisation__isnull=True).first().pk,
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
def test_api_keeps_its_promises(case, same_connection, ids, owner_token):
    for name in case.path_parameters or {}:
        case.path_parameters[name] = ids[name]
    headers = {"Authorization": f"Bearer {owner_token}"}
    if case.method in CONDITIONAL and not any(k.lower() == "if-match" for k in case.headers or {}):
        # Without If-Match a write stops at 428; this list holds any version the objects
        # reach here, so the changes themselves are exercised too.
        headers["If-Match"] = ", ".join(f'"{version}"' for version in range(40))
    response = case.call(headers=headers)
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])

"""Version 1 of the JSON API, mounted at /api/v1/."""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.operation import Operation

from api.auth import TokenAuth
from api.docs import PlainDocs
from api.errors import install_error_handlers
from api.routes import analysis, assessments, contacts, parties, projects, relations, segments

DESCRIPTION = """\
The projects, parties, contact persons, relations, assessments and target-group segments of
Draagvlak, with the same permission rules as the pages.

**Authentication**: every request carries a personal access token, `Authorization: Bearer TOKEN`.
Create one under Settings → API tokens. A missing, unknown or revoked token gives 401.

**Permissions**: a project you are not a member of answers 404 on every route, as if it did not
exist. Viewers read; contributors also add and change contact persons; editors and owners change
the register. A role that may not do something gets 403.

**Errors** are JSON: `{"detail": "…"}`, or for invalid input (422)
`{"detail": [{"loc": ["body", "name"], "msg": "…", "type": "…"}]}`, naming each field.

**Concurrent edits**: objects carry a `version`. Send it back with a PATCH; if someone saved in
between, nothing is changed and the answer is 409 with the stored object in `current`.

**Deleting** a party, contact person or relation moves it to the project's bin, from which it
can be restored on the bin page.
"""


class DraagvlakAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # Function names are unique across the routers: short, stable operation ids.
        return operation.view_func.__name__


api = DraagvlakAPI(
    title="Draagvlak API",
    version="1.0",
    description=DESCRIPTION,
    urls_namespace="api:v1",
    auth=TokenAuth(),
    docs=PlainDocs(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)

for module in (projects, parties, contacts, relations, assessments, segments, analysis):
    api.add_router("/projects", module.router)
api.add_router("/projects", "planning.api.actions_router")
api.add_router("/projects", "planning.api.participation_router")
api.add_router("/projects", "planning.api.successes_router")
api.add_router("/projects", "planning.api.steps_router")
for router in ("moments_router", "commitments_router", "reviews_router"):
    api.add_router("/projects", f"engagement.api.{router}")

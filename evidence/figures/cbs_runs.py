"""Fetching a CBS table on a member's request: the page queues a run, the worker fetches the
table for the chosen region codes and stores its figures through the import's checks (all or
nothing), and the run keeps the state and the result for the page, in the language of the member
who asked."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evidence.figures import cbs
from evidence.figures.importing import Plan
from evidence.figures.models import CbsRun, Indicator
from governance.connectors.http import SourceError
from projects.models import Place, Project, Role

# A run still queued or running after this long lost its worker; another may be asked.
STALE_AFTER = timedelta(minutes=15)
# The country's code in StatLine's regional tables, so the place is seen beside the country.
COUNTRY = "NL01"
# At most this many of an import's row errors are named in a failed run's message.
ERRORS_SHOWN = 3
_SPLIT = re.compile(r"[\s,;]+")


@dataclass
class Refusal:
    message: str
    field: str = ""  # the part of the request it is about, if one
    busy: bool = False  # another run is under way


def configured() -> bool:
    return bool(cbs.base_url())


def split_codes(text: str) -> list[str]:
    """Region codes as typed: separated by spaces, commas or semicolons."""
    return [code for code in _SPLIT.split(text.upper()) if code]


def default_codes(places: Iterable[Place]) -> list[str]:
    """The CBS codes of the project's places (municipality GM…, district WK…, neighbourhood
    BU…; no other country writes them, so the place's country is not asked) and the
    country's, so a fetch compares the place with the country."""
    codes = [
        place.code.strip().upper() for place in places
        if re.match(r"^(GM|WK|BU)[0-9]+$", place.code.strip().upper())
    ]
    return sorted(set(codes)) + [COUNTRY] if codes else []


def under_way(found: CbsRun) -> bool:
    """Queued or running, and not so long ago that its worker must have been lost."""
    return found.busy and found.requested_at >= timezone.now() - STALE_AFTER


def busy_run(project: Project) -> CbsRun | None:
    """A run of the project that is still under way (one that lost its worker is not)."""
    since = timezone.now() - STALE_AFTER
    return CbsRun.objects.filter(
        project=project, state__in=[CbsRun.State.QUEUED, CbsRun.State.RUNNING],
        requested_at__gte=since,
    ).first()


def run_request(*, project: Project, user, table_id: str,
                region_codes: Iterable[str]) -> CbsRun | Refusal:
    """Queue a run, unless the connector is off, the request is not one CBS can answer, or
    another run of the project is under way. The caller enqueues the worker's task once
    this commits."""
    if not configured():
        return Refusal(_("The CBS connector is not configured on this server."))
    try:
        table_id = cbs.check_table(table_id)
    except SourceError as error:
        return Refusal(str(error), field="table_id")
    try:
        codes = cbs.check_codes(region_codes)
    except SourceError as error:
        return Refusal(str(error), field="region_codes")
    with transaction.atomic():
        # One at a time per project: the lock on the project serialises two requests.
        Project.objects.select_for_update().filter(pk=project.pk).first()
        if busy_run(project) is not None:
            return Refusal(_("A CBS fetch is already under way; its result shows here when it "
                             "is done."), busy=True)
        return CbsRun.objects.create(
            project=project, table_id=table_id, region_codes=codes,
            requested_by=user if getattr(user, "is_authenticated", False) else None,
        )


def _failure(plan: Plan) -> str:
    parts = list(plan.problems)
    parts += [_("row %(row)s: %(error)s") % {"row": row, "error": error}
              for row, error in plan.errors[:ERRORS_SHOWN]]
    if plan.error_count > ERRORS_SHOWN:
        parts.append(_("and %(count)s more") % {"count": plan.error_count - ERRORS_SHOWN})
    return _("The figures CBS gave did not pass the import's checks; nothing was stored. "
             "%(reasons)s") % {"reasons": " ".join(parts)}


def run(*, run_id: int) -> CbsRun | None:
    """The worker's part: fetch, check and store; the run says what happened. A failure
    stores nothing."""
    found = CbsRun.objects.select_related("project", "requested_by").filter(pk=run_id).first()
    if found is None or found.state not in (CbsRun.State.QUEUED, CbsRun.State.RUNNING):
        return found
    CbsRun.objects.filter(pk=found.pk).update(state=CbsRun.State.RUNNING)
    project = found.project
    before = Indicator.objects.filter(project=project).count()
    try:
        plan, batch = cbs.cbs_import(
            project=project, user=found.requested_by or _owner(project),
            table_id=found.table_id, region_codes=found.region_codes,
        )
    except SourceError as error:
        found.state, found.message = CbsRun.State.FAILED, str(error)
    else:
        if batch is None:
            found.state, found.message = CbsRun.State.FAILED, _failure(plan)
        else:
            found.state, found.message, found.batch = CbsRun.State.DONE, "", batch
            found.figures_added = batch.figures_added
            found.indicators_added = Indicator.objects.filter(project=project).count() - before
    found.finished_at = timezone.now()
    found.save(update_fields=["state", "message", "batch", "figures_added",
                              "indicators_added", "finished_at"])
    return found


def _owner(project: Project):
    """Who the import is recorded for when the member who asked has left the server."""
    memberships = project.memberships.select_related("user").order_by("pk")
    membership = memberships.filter(role=Role.OWNER).first() or memberships.first()
    return membership.user if membership else None

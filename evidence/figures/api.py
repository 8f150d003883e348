"""Indicators and their figures in the JSON API, declared as project resources: the same
services and rules as the pages (contributors add and change them; deleting moves them to the
bin, an indicator with its figures)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from api.access import one_or_404, project_for
from api.pagination import PageParams, paginate
from api.resources import ProjectResource, Texts, declare
from api.schemas import (
    BODY_ERRORS,
    READ_ERRORS,
    VERSION_DESCRIPTION,
    ErrorOut,
    Id,
    PathId,
    QueryId,
    Text,
    Version,
    optional,
)
from evidence.figures import cbs_runs, services
from evidence.figures.codes import level_of, normal_code, parse_period
from evidence.figures.models import CbsRun, Figure, Indicator, RegionLevel
from evidence.tasks import cbs_run_task
from projects.access import Need, membership_for
from projects.models import Project

Level = Literal[tuple(RegionLevel.values)]
# As the database keeps them: 12 digits before the point, 6 after.
Number = Annotated[Decimal, Field(max_digits=18, decimal_places=6, allow_inf_nan=False)]

_WHO = gettext_lazy("Contributors, editors and owners; `If-Match` as for parties.")


# Indicators --------------------------------------------------------------------------------


class IndicatorOut(Schema):
    id: int
    name: str
    unit: str
    source: str
    licence: str
    higher_is_better: bool | None
    version: int
    created_at: datetime
    updated_at: datetime


class _IndicatorFields(Schema):
    unit: Text = optional(max_length=50)
    source: Text = optional(max_length=300)
    licence: Text = optional(max_length=300)
    higher_is_better: bool | None = optional()


class IndicatorIn(_IndicatorFields):
    name: Text = Field(min_length=1, max_length=300)


class IndicatorPatch(_IndicatorFields):
    name: Text = optional(min_length=1, max_length=300)
    version: Version = optional(description=VERSION_DESCRIPTION)


def _indicators(project: Project) -> QuerySet[Indicator]:
    return Indicator.objects.filter(project=project).order_by("name", "pk")


def _indicator_delete(indicator: Indicator, user) -> None:
    # As on the pages: contributors add indicators, binning one with its figures needs an editor.
    membership_for(user, indicator.project_id, Need.EDIT)
    services.indicator_delete(indicator=indicator, user=user)


indicators_router = declare(
    ProjectResource(
        name="indicator",
        path="evidence/indicators",
        id_name="indicator_id",
        model=Indicator,
        tag="local figures",
        texts=Texts(
            list=gettext_lazy("List the indicators"),
            create=gettext_lazy("Add an indicator"),
            detail=gettext_lazy("Get an indicator"),
            update=gettext_lazy("Change an indicator"),
            delete=gettext_lazy("Move an indicator and its figures to the bin"),
            create_description=gettext_lazy(
                "Contributors, editors and owners. To bring in a whole table, use the import "
                "on the figures page."
            ),
            update_description=_WHO,
            delete_description=gettext_lazy("Editors and owners; `If-Match` as for parties."),
        ),
        out=IndicatorOut,
        create_in=IndicatorIn,
        patch_in=IndicatorPatch,
        objects=_indicators,
        create=lambda project, data, user: services.indicator_create(
            project=project, data=data, user=user
        ),
        update=lambda indicator, data, user, version: services.indicator_update(
            indicator=indicator, data=data, user=user, expected_version=version
        ),
        delete=_indicator_delete,
        need=Need.CONTRIBUTE,
        router=Router(tags=["local figures"]),
    )
)


# Figures -----------------------------------------------------------------------------------


class FigureOut(Schema):
    id: int
    indicator: int = Field(description="Id of the indicator.")
    region_code: str = Field(description="CBS code (GM0363, WK036301 …) or NIS code, if any.")
    region_name: str
    region_level: Level
    period: str
    period_start: date = Field(description="The first day of the period.")
    value: float
    lower: float | None = Field(description="Lower confidence bound, if the source gives one.")
    upper: float | None = Field(description="Upper confidence bound, if the source gives one.")
    version: int

    @staticmethod
    def resolve_indicator(obj: Figure) -> int:
        return obj.indicator_id

    @staticmethod
    def resolve_value(obj: Figure) -> float:
        return float(obj.value)

    @staticmethod
    def resolve_lower(obj: Figure) -> float | None:
        return None if obj.lower is None else float(obj.lower)

    @staticmethod
    def resolve_upper(obj: Figure) -> float | None:
        return None if obj.upper is None else float(obj.upper)


class _FigureFields(Schema):
    region_code: Text = optional(max_length=20)
    region_name: Text = optional(max_length=200)
    region_level: Level = optional(
        description="Read from the region code when left out (and from the name for a country)."
    )
    lower: Number | None = optional()
    upper: Number | None = optional()


class FigureIn(_FigureFields):
    indicator: Id = Field(description="Id of an indicator of this project.")
    period: Text = Field(
        min_length=1, max_length=30, description="As the portals write it: 2022, 2022JJ00, 2022Q3."
    )
    value: Number


class FigurePatch(_FigureFields):
    period: Text = optional(min_length=1, max_length=30)
    value: Number = optional()
    version: Version = optional(description=VERSION_DESCRIPTION)


class FigureFilters(Schema):
    indicator: QueryId | None = None
    region_code: Text | None = Field(None, max_length=20)
    period: Text | None = Field(None, max_length=30)


def _figures(project: Project) -> QuerySet[Figure]:
    return Figure.objects.filter(
        indicator__project=project, indicator__deleted_at__isnull=True
    ).order_by("indicator_id", "period_start", "region_level", "region_name", "pk")


def _figure_listing(project: Project, filters: dict[str, Any]) -> QuerySet[Figure]:
    found = _figures(project)
    if "indicator" in filters:
        found = found.filter(indicator_id=filters["indicator"])
    if "region_code" in filters:
        found = found.filter(region_code=normal_code(filters["region_code"]))
    if "period" in filters:
        period = parse_period(filters["period"])
        found = found.filter(period=period[0] if period else filters["period"])
    return found


def _figure_refs(project: Project, data: dict[str, Any], current: Figure | None) -> dict[str, Any]:
    """The indicator of this project, the period read as the import reads it, the level from
    the code, and the value within its bounds."""
    errors: dict[str, str] = {}
    if "indicator" in data:
        data["indicator"] = Indicator.objects.filter(project=project, pk=data["indicator"]).first()
        if data["indicator"] is None:
            errors["indicator"] = _("Choose an indicator of this project.")
    if "period" in data:
        period = parse_period(data["period"])
        if period is None:
            errors["period"] = _("“%(value)s” is not a period (e.g. 2022 or 2022JJ00)") % {
                "value": data["period"][:40]
            }
        else:
            data["period"], data["period_start"] = period
    if "region_code" in data:
        data["region_code"] = normal_code(data["region_code"])
    code = data.get("region_code", current.region_code if current else "")
    name = data.get("region_name", current.region_name if current else "")
    if not code and not name:
        errors["region_name"] = _("the region has neither a code nor a name")
    elif not name and (current is None or "region_name" in data):
        data["region_name"] = code  # a region known by its code only, as the import keeps it
    changes_region = current is None or "region_code" in data or "region_name" in data
    if changes_region and "region_level" not in data:
        level = level_of(code, name)
        if level is None and code:
            errors["region_code"] = _(
                "“%(code)s” is not a region code of CBS or a NIS code"
            ) % {"code": code}
        data["region_level"] = level or RegionLevel.MUNICIPALITY
    value = data.get("value", current.value if current else None)
    lower = data.get("lower", current.lower if current else None)
    upper = data.get("upper", current.upper if current else None)
    if value is not None and (
        (lower is not None and lower > value) or (upper is not None and upper < value)
    ):
        errors["value"] = _("the value lies outside its bounds")
    if errors:
        raise ValidationError(errors)
    return data


def _figure_create(project: Project, data: dict[str, Any], user) -> Figure:
    indicator = data.pop("indicator")
    return services.figure_create(indicator=indicator, data=data, user=user)


figures_router = declare(
    ProjectResource(
        name="figure",
        path="evidence/figures",
        id_name="figure_id",
        model=Figure,
        tag="local figures",
        texts=Texts(
            list=gettext_lazy("List the figures"),
            create=gettext_lazy("Add a figure to an indicator"),
            detail=gettext_lazy("Get a figure"),
            update=gettext_lazy("Change a figure"),
            delete=gettext_lazy("Move a figure to the bin"),
            list_description=gettext_lazy(
                "Filter by indicator, region code or period; the figures of indicators in the "
                "bin are left out."
            ),
            create_description=gettext_lazy(
                "Contributors, editors and owners. A figure with confidence bounds lies "
                "within them."
            ),
            update_description=_WHO,
            delete_description=_WHO,
        ),
        out=FigureOut,
        create_in=FigureIn,
        patch_in=FigurePatch,
        objects=_figures,
        create=_figure_create,
        update=lambda figure, data, user, version: services.figure_update(
            figure=figure, data=data, user=user, expected_version=version
        ),
        delete=lambda figure, user: services.figure_delete(figure=figure, user=user),
        need=Need.CONTRIBUTE,
        refs=_figure_refs,
        filters=FigureFilters,
        listing=_figure_listing,
        router=Router(tags=["local figures"]),
    )
)


# CBS open data -----------------------------------------------------------------------------

CbsState = Literal[tuple(CbsRun.State.values)]
CBS_FETCHES = "/{project_id}/evidence/cbs-fetches"


class CbsFetchOut(Schema):
    id: int
    table_id: str = Field(description="The StatLine table, e.g. 85012NED.")
    region_codes: list[str]
    state: CbsState = Field(description="queued, running, done or failed.")
    message: str = Field(description="Why it failed, in the language of the member who asked.")
    indicators_added: int
    figures_added: int = Field(description="Figures stored (new or replacing older ones).")
    requested_at: datetime
    finished_at: datetime | None


class CbsFetchPage(Schema):
    count: int
    items: list[CbsFetchOut]


class CbsFetchIn(Schema):
    table_id: Text = Field(min_length=1, max_length=20, description="e.g. 85012NED")
    region_codes: list[Text] = Field(
        default_factory=list, max_length=100,
        description="CBS codes (GM0363, WK036300, BU03630000, NL01); the CBS codes of the "
                    "project's places and the country's when left out.",
    )


cbs_router = Router(tags=["local figures"])


@cbs_router.get(
    CBS_FETCHES,
    response={200: CbsFetchPage, **READ_ERRORS},
    summary=gettext_lazy("List the fetches of CBS open data"),
    description=gettext_lazy("The latest first, with their state and result."),
)
def cbs_fetch_list(
    request: HttpRequest, project_id: PathId, page: Query[PageParams]
) -> dict[str, Any]:
    project = project_for(request, project_id)
    return paginate(CbsRun.objects.filter(project=project), page)


@cbs_router.get(
    CBS_FETCHES + "/{cbs_fetch_id}",
    response={200: CbsFetchOut, **READ_ERRORS},
    summary=gettext_lazy("Follow a fetch of CBS open data"),
)
def cbs_fetch_detail(request: HttpRequest, project_id: PathId, cbs_fetch_id: PathId) -> CbsRun:
    project = project_for(request, project_id)
    return one_or_404(CbsRun.objects.filter(project=project, pk=cbs_fetch_id))


@cbs_router.post(
    CBS_FETCHES,
    response={202: CbsFetchOut, 409: ErrorOut, **BODY_ERRORS},
    summary=gettext_lazy("Fetch a table of CBS open data"),
    description=gettext_lazy(
        "Editors and owners. The worker fetches the table for the region codes and stores its "
        "figures through the import's checks, all or nothing; follow the fetch for its result. "
        "422 when the server has no CBS connector configured or the table id or a code is not "
        "one CBS writes; 409 while another fetch of the project is under way."
    ),
)
def cbs_fetch_start(
    request: HttpRequest, project_id: PathId, body: CbsFetchIn
) -> Status[CbsRun | dict[str, str]]:
    project = project_for(request, project_id, Need.EDIT)
    codes = body.region_codes or cbs_runs.default_codes(project.places.all())
    outcome = cbs_runs.run_request(
        project=project, user=request.auth, table_id=body.table_id, region_codes=codes
    )
    if isinstance(outcome, cbs_runs.Refusal):
        if outcome.busy:
            return Status(409, {"detail": outcome.message})
        raise ValidationError({outcome.field or NON_FIELD_ERRORS: outcome.message})
    cbs_run_task.enqueue(outcome.pk, get_language())
    outcome.refresh_from_db()  # the worker may have finished already
    return Status(202, outcome)

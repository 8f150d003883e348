"""Reads of the local figures: the list, one indicator compared, a district's profile, and the
figures an argument brief cites."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Max, Min, Q, QuerySet

from evidence.figures.compare import Comparison, Point, ProfileLine, compare, district_profile
from evidence.figures.models import Figure, Indicator, RegionLevel, SegmentDistrict
from projects.models import Project, TargetSegment


def indicators(project: Project) -> QuerySet[Indicator]:
    """The project's indicators with how many figures and which periods each has, in one
    query however many there are."""
    alive = Q(figures__deleted_at__isnull=True)
    return (
        Indicator.objects.filter(project=project)
        .annotate(
            figure_count=Count("figures", filter=alive),
            first_period=Min("figures__period_start", filter=alive),
            last_period=Max("figures__period_start", filter=alive),
        )
        .order_by("name", "id")
    )


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def points(indicator: Indicator) -> list[Point]:
    rows = Figure.objects.filter(indicator=indicator).values_list(
        "region_code", "region_name", "region_level", "period", "period_start", "value",
        "lower", "upper",
    )
    return [
        Point(code, name, level, period, start, float(value), _float(lower), _float(upper))
        for code, name, level, period, start, value, lower, upper in rows
    ]


def place_codes(project: Project) -> list[str]:
    return [code for code in project.places.values_list("code", flat=True) if code]


def comparison(indicator: Indicator, project: Project) -> Comparison:
    return compare(
        name=indicator.name, unit=indicator.unit, points=points(indicator),
        place_codes=place_codes(project),
    )


def figures(indicator: Indicator) -> QuerySet[Figure]:
    return Figure.objects.filter(indicator=indicator).order_by(
        "-period_start", "region_level", "region_name", "id"
    )


@dataclass(frozen=True)
class District:
    code: str
    name: str
    level: str


def districts(project: Project) -> list[District]:
    """The districts (else neighbourhoods) that the project's figures cover."""
    rows = (
        Figure.objects.filter(
            indicator__project=project, indicator__deleted_at__isnull=True,
            region_level__in=[RegionLevel.DISTRICT, RegionLevel.NEIGHBOURHOOD],
        )
        .exclude(region_code="")
        .values_list("region_code", "region_name", "region_level")
        .distinct()
    )
    found = {code: District(code, name, level) for code, name, level in rows}
    return sorted(found.values(), key=lambda d: (d.level != RegionLevel.DISTRICT, d.name))


@dataclass
class Profile:
    district: District
    lines: list[ProfileLine]
    segments: list[TargetSegment]
    parties: list  # parties that reach a segment living there


def profile(project: Project, code: str) -> Profile | None:
    """The district's figures against the municipality, the segments that live there and the
    parties that reach them."""
    found = [d for d in districts(project) if d.code == code]
    if not found:
        return None
    from parties.models import Party

    rows = Figure.objects.filter(
        indicator__project=project, indicator__deleted_at__isnull=True,
    ).filter(
        region_code=code
    ).values_list("indicator_id", flat=True).distinct()
    wanted = set(rows)
    by_indicator: dict[int, list[Point]] = {}
    names: dict[int, tuple[str, str]] = {}
    figure_rows = Figure.objects.filter(
        indicator_id__in=wanted,
        region_level__in=[RegionLevel.MUNICIPALITY, RegionLevel.DISTRICT,
                          RegionLevel.NEIGHBOURHOOD],
    ).select_related("indicator")
    for f in figure_rows:
        if f.region_level != RegionLevel.MUNICIPALITY and f.region_code != code:
            continue
        names[f.indicator_id] = (f.indicator.name, f.indicator.unit)
        by_indicator.setdefault(f.indicator_id, []).append(Point(
            f.region_code, f.region_name, f.region_level, f.period, f.period_start,
            float(f.value), _float(f.lower), _float(f.upper),
        ))
    lines = district_profile(
        ((pk, *names[pk], pts) for pk, pts in sorted(by_indicator.items(),
                                                     key=lambda item: names[item[0]][0])),
        code,
    )
    segments = list(
        TargetSegment.objects.filter(project=project, districts__region_code=code).distinct()
    )
    parties = list(
        Party.objects.filter(project=project, segments__in=segments).distinct().order_by("name")
    ) if segments else []
    return Profile(found[0], lines, segments, parties)


def segment_codes(project: Project) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {}
    for segment_id, code in SegmentDistrict.objects.filter(
        segment__project=project
    ).values_list("segment_id", "region_code"):
        result.setdefault(segment_id, []).append(code)
    return result


@dataclass(frozen=True)
class BriefFigure:
    """One figure as a brief cites it."""

    indicator_id: int
    indicator: str
    unit: str
    place: str
    region_code: str
    level: str
    period: str
    period_start: date
    value: Decimal
    lower: Decimal | None
    upper: Decimal | None
    source: str
    licence: str


def figures_for_brief(
    project: Project, indicator_ids: list[int] | None = None
) -> list[BriefFigure]:
    """The latest figure of each indicator for the place, its region and the country (not
    the districts), with source and licence, in one query."""
    queryset = Figure.objects.filter(
        indicator__project=project, indicator__deleted_at__isnull=True,
        region_level__in=[RegionLevel.MUNICIPALITY, RegionLevel.REGION, RegionLevel.COUNTRY],
    ).select_related("indicator")
    if indicator_ids is not None:
        queryset = queryset.filter(indicator_id__in=indicator_ids)
    latest: dict[int, date] = {}
    rows = list(queryset)
    for f in rows:
        latest[f.indicator_id] = max(latest.get(f.indicator_id, f.period_start), f.period_start)
    chosen = [f for f in rows if f.period_start == latest[f.indicator_id]]
    order = {RegionLevel.MUNICIPALITY: 0, RegionLevel.REGION: 1, RegionLevel.COUNTRY: 2}
    chosen.sort(key=lambda f: (f.indicator.name, order.get(f.region_level, 9), f.region_name))
    return [
        BriefFigure(
            f.indicator_id, f.indicator.name, f.indicator.unit, f.region_name, f.region_code,
            f.region_level, f.period, f.period_start, f.value, f.lower, f.upper,
            f.indicator.source, f.indicator.licence,
        )
        for f in chosen
    ]

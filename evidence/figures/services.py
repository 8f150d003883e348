"""Writes of the local figures: the import (upload, preview, all-or-nothing), changes to an
indicator or a figure through the one versioned path, the bin, and where segments live."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from evidence.figures.codes import normal_code
from evidence.figures.importing import Plan, apply_import, plan_import
from evidence.figures.models import Figure, FigureImport, Indicator, SegmentDistrict
from history.models import Version
from history.services import version_record
from lib.text import strip_control_characters
from parties.services import _apply, _from_bin, _to_bin, _update
from projects.models import Project, TargetSegment
from transfer.reading import Table, read_table

Action = Version.Action


def _clean(value: str, limit: int) -> str:
    return strip_control_characters(value or "").strip()[:limit]


def figure_import_upload(
    *, project: Project, user, filename: str, content: bytes, source: str = "",
    licence: str = "",
) -> tuple[FigureImport, Table]:
    """Keep an uploaded table for its preview; a file that cannot be read raises
    `transfer.reading.UnreadableFile` and nothing is kept."""
    table = read_table(content)
    batch = FigureImport.objects.create(
        project=project, user=user, filename=_clean(filename, 255) or "figures",
        content=content, source=_clean(source, 300), licence=_clean(licence, 300),
    )
    # An import run in the same request (the demo, a script) need not read the file twice.
    batch._table = table
    return batch, table


def figure_import_table(batch: FigureImport) -> Table:
    return getattr(batch, "_table", None) or read_table(bytes(batch.content))


def figure_import_run(
    *, batch: FigureImport, roles: Sequence[str], indicator: str = "", unit: str = "",
    source: str | None = None, licence: str | None = None,
) -> Plan:
    """Check every row with the mapping chosen; store all figures only when none is wrong."""
    if batch.applied_at is not None:
        raise ValidationError(_("This file has already been imported."))
    if source is not None or licence is not None:
        batch.source = _clean(source if source is not None else batch.source, 300)
        batch.licence = _clean(licence if licence is not None else batch.licence, 300)
        batch.save(update_fields=["source", "licence"])
    plan = plan_import(figure_import_table(batch), roles, indicator=indicator, unit=unit)
    if plan.ok:
        apply_import(batch=batch, plan=plan)
    return plan


@transaction.atomic
def indicator_create(*, project: Project, data: dict, user=None) -> Indicator:
    indicator = Indicator(project=project)
    _apply(indicator, data)
    indicator.full_clean()
    indicator.save()
    version_record(instance=indicator, project_id=project.pk, user=user, action=Action.CREATE)
    return indicator


@transaction.atomic
def indicator_update(
    *, indicator: Indicator, data: dict, user=None, expected_version: int | None = None
) -> Indicator:
    return _update(
        Indicator, indicator.pk, data, project_id=indicator.project_id, user=user,
        expected_version=expected_version,
    )


@transaction.atomic
def indicator_delete(*, indicator: Indicator, user=None) -> None:
    _to_bin(indicator, user, indicator.project_id)


@transaction.atomic
def indicator_restore(*, indicator: Indicator, user=None) -> None:
    _from_bin(indicator, user, indicator.project_id)


@transaction.atomic
def figure_create(*, indicator: Indicator, data: dict, user=None) -> Figure:
    figure = Figure(indicator=indicator)
    _apply(figure, data)
    figure.full_clean(exclude=["batch"])
    figure.save()
    version_record(
        instance=figure, project_id=indicator.project_id, user=user, action=Action.CREATE
    )
    return figure


@transaction.atomic
def figure_update(
    *, figure: Figure, data: dict, user=None, expected_version: int | None = None
) -> Figure:
    return _update(
        Figure, figure.pk, data, project_id=figure.indicator.project_id, user=user,
        expected_version=expected_version,
    )


@transaction.atomic
def figure_delete(*, figure: Figure, user=None) -> None:
    _to_bin(figure, user, figure.indicator.project_id)


@transaction.atomic
def figure_restore(*, figure: Figure, user=None) -> None:
    _from_bin(figure, user, figure.indicator.project_id)


@transaction.atomic
def segment_districts_set(*, segment: TargetSegment, codes: Sequence[str]) -> list[str]:
    """Where a segment lives, as district or neighbourhood codes."""
    wanted = sorted({normal_code(code) for code in codes if normal_code(code)})
    segment.districts.exclude(region_code__in=wanted).delete()
    have = set(segment.districts.values_list("region_code", flat=True))
    SegmentDistrict.objects.bulk_create(
        [SegmentDistrict(segment=segment, region_code=code) for code in wanted if code not in have]
    )
    return wanted

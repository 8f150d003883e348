"""Issuing a report to the board: the data is frozen, both files are written once and kept with
it, and the record of changes notes who issued it. An issued report is never changed; it can
only go to the bin and come back."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from history.models import Version
from history.services import snapshot, version_record
from lib.concurrency import lock_current
from lib.text import strip_control_characters
from projects.models import Project
from reports import documents, selectors
from reports.models import Audience, BoardReport, ReportSettings

Action = Version.Action
MAX_PERIOD_DAYS = 366 * 5


def default_title(*, project: Project, audience: str, period_end: date) -> str:
    values = {"project": project.title, "date": date_format(period_end, "DATE_FORMAT")}
    if audience == Audience.COUNCIL:
        return _("Progress of %(project)s: report to the council, %(date)s") % values
    return _("Progress of %(project)s: report to the board, %(date)s") % values


def _check(*, audience: str, period_start: date | None, period_end: date, today: date) -> None:
    errors: dict[str, str] = {}
    if audience not in Audience.values:
        errors["audience"] = _("Choose the board or the council.")
    if period_end > today:
        errors["period_end"] = _("A report cannot look ahead: the period ends today at the latest.")
    if period_start is not None and period_start > period_end:
        errors["period_start"] = _("The period starts after it ends.")
    elif period_start is not None and (period_end - period_start).days > MAX_PERIOD_DAYS:
        errors["period_start"] = _("A report covers five years at most.")
    if errors:
        raise ValidationError(errors)


def report_preview(
    *,
    project: Project,
    audience: str,
    period_end: date,
    period_start: date | None = None,
    title: str = "",
    user=None,
) -> dict[str, Any]:
    """The data of the report as it would be issued now, without keeping anything."""
    today = timezone.localdate()
    _check(audience=audience, period_start=period_start, period_end=period_end, today=today)
    title = strip_control_characters(title).strip() or default_title(
        project=project, audience=audience, period_end=period_end
    )
    data = selectors.progress_data(
        project=project,
        audience=audience,
        period_end=period_end,
        period_start=period_start,
        title=title[:200],
    )
    data["issued_on"] = today.isoformat()
    if getattr(user, "is_authenticated", False):
        data["issued_by"] = user.get_full_name() or user.get_username()
    return data


@transaction.atomic
def report_issue(
    *,
    project: Project,
    audience: str,
    period_end: date,
    period_start: date | None = None,
    title: str = "",
    user=None,
) -> BoardReport:
    data = report_preview(
        project=project, audience=audience, period_end=period_end, period_start=period_start,
        title=title, user=user,
    )
    report = BoardReport(
        project=project,
        title=data["title"],
        audience=audience,
        period_start=period_start,
        period_end=period_end,
        issued_by=user if getattr(user, "is_authenticated", False) else None,
        language=translation.get_language() or "nl",
        data=data,
        pdf=documents.progress_pdf(data),
        docx=documents.progress_docx(data),
    )
    report.full_clean(exclude=["pdf", "docx"])
    report.save()
    _record(report, user=user, action=Action.CREATE)
    return report


# What the record of changes keeps of a report: its facts, not the files (which never change).
_NOT_RECORDED = ("pdf", "docx", "data")


def _record(report: BoardReport, *, user, action: str) -> None:
    data = {k: v for k, v in snapshot(report).items() if k not in _NOT_RECORDED}
    Version.objects.create(
        project_id=report.project_id,
        content_type=ContentType.objects.get_for_model(BoardReport),
        object_id=report.pk,
        object_repr=str(report)[:200],
        action=action,
        user=user if getattr(user, "is_authenticated", False) else None,
        data=data,
        changes={},
    )


@transaction.atomic
def report_delete(*, report: BoardReport, user=None) -> None:
    """Withdraw the report to the project's bin; it stays as it was issued."""
    current = lock_current(BoardReport, report.pk, None)
    current.deleted_at = timezone.now()
    current.deleted_by = user if getattr(user, "is_authenticated", False) else None
    current.version += 1
    current.save(update_fields=["deleted_at", "deleted_by", "version"])
    _record(current, user=user, action=Action.DELETE)


@transaction.atomic
def report_restore(*, report: BoardReport, user=None) -> None:
    current = lock_current(BoardReport, report.pk, None)
    current.deleted_at = None
    current.deleted_by = None
    current.version += 1
    current.save(update_fields=["deleted_at", "deleted_by", "version"])
    _record(current, user=user, action=Action.RESTORE)


@transaction.atomic
def report_settings_update(
    *, project: Project, rhythm_months: int, user=None, version: int | None = None
) -> ReportSettings:
    if not 0 <= rhythm_months <= 24:
        raise ValidationError({"rhythm_months": _("Choose between 0 and 24 months.")})
    # By id, so the project object does not cache the row as it was before the change.
    settings, _created = ReportSettings.objects.get_or_create(project_id=project.pk)
    current = lock_current(ReportSettings, settings.pk, version)
    before = snapshot(current)
    current.rhythm_months = rhythm_months
    current.version += 1
    current.save()
    version_record(
        instance=current, project_id=project.pk, user=user, action=Action.UPDATE, before=before
    )
    return current

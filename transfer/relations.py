"""Importing relations in the From/To layout of network-mapping tools (Kumu, Gephi, Onodo …).

Both ends must be parties of the register, matched by name with case and accents aside. A row
whose relation already exists (same ends and kind; for ties without a direction, such as
working together, either way round) updates it; otherwise it is added. Written in one
transaction with a history version per relation, like the party import.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from history.models import Version
from history.services import bulk_record, json_ready, snapshot
from parties.models import Party, Relation
from projects.models import Project
from transfer.columns import DIRECTION_WORDS, CellError, Text, header_key, name_key
from transfer.columns import place_relation_header as place
from transfer.importer import ImportRefused, changed_version, collector_paused
from transfer.outcome import Outcome, Problem, cell, multiline, place_columns, reading_problems
from transfer.reading import Table, read_table

Kind = Relation.Kind
UNDIRECTED = {Kind.WORKS_WITH, Kind.CONFLICTS_WITH, Kind.INFORMAL}


@dataclass
class RelationRow:
    number: int
    values: dict[str, Any] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)


def _tie(source_id: int, target_id: int, kind: str) -> tuple:
    if kind in UNDIRECTED:
        return kind, frozenset((source_id, target_id))
    return kind, source_id, target_id


def _parse(content: bytes | Table) -> tuple[list[RelationRow], Outcome]:
    table = content if isinstance(content, Table) else read_table(content)
    headers, errors, warnings = place_columns(table.headers, place)
    outcome = Outcome(errors=errors, warnings=warnings, encoding=table.encoding)
    outcome.errors += reading_problems(table)
    keys = {h.placed.column.key for h in headers}
    if not {"source", "target"} <= keys:
        outcome.errors.append(
            Problem(
                None,
                None,
                _("The file needs a column “Van” or “From” and a column “Naar” or “To”."),
            )
        )
        return [], outcome
    titles = {h.placed.column.key: h.title for h in headers}
    rows = []
    for number, cells in table.rows:
        values = [(h, cell(cells, h.index, lines=multiline(h.placed))) for h in headers]
        if all(value is None for _h, value in values):
            continue
        row = RelationRow(number, titles=titles)
        for header, raw in values:
            column = header.placed.column
            if raw is None:
                if isinstance(column.codec, Text):
                    row.values[column.key] = ""
                continue
            if column.key == "kind" and header_key(str(raw)) in DIRECTION_WORDS:
                continue
            try:
                row.values[column.key] = column.codec.parse(raw)
            except CellError as error:
                outcome.errors.append(Problem(number, header.title, error.message))
                row.values[column.key] = None
        rows.append(row)
    return rows, outcome


@dataclass
class Plan:
    outcome: Outcome
    new: list[Relation] = field(default_factory=list)
    changed: list[tuple[Relation, dict[str, Any], set[str]]] = field(default_factory=list)


def _end(row: RelationRow, key: str, parties: dict[str, list[Party]], errors) -> Party | None:
    name = row.values.get(key)
    if name is None:  # unreadable: already reported
        return None
    title = row.titles[key]
    if not name:
        errors.append(Problem(row.number, title, _("the name of a party is needed")))
        return None
    found = parties.get(name_key(name), [])
    if len(found) > 1:
        errors.append(
            Problem(
                row.number,
                title,
                _("more than one party in the register is called “%(name)s”; merge them first")
                % {"name": name},
            )
        )
    elif not found:
        errors.append(
            Problem(
                row.number,
                title,
                _("no party in the register is called “%(name)s”") % {"name": name},
            )
        )
    return found[0] if len(found) == 1 else None


def _plan(project: Project, rows: list[RelationRow], outcome: Outcome, *, lock: bool) -> Plan:
    plan = Plan(outcome)
    errors = outcome.errors
    parties: dict[str, list[Party]] = defaultdict(list)
    for party in Party.objects.filter(project=project).only("pk", "name"):
        parties[name_key(party.name)].append(party)
    relations = Relation.objects.filter(project=project).select_related("source", "target")
    if lock:
        relations = relations.select_for_update(of=("self",))
    existing = {_tie(r.source_id, r.target_id, r.kind): r for r in relations.order_by("-pk")}
    first_row: dict[tuple, int] = {}
    for row in rows:
        source = _end(row, "source", parties, errors)
        target = _end(row, "target", parties, errors)
        if source is None or target is None:
            continue
        if source.pk == target.pk:
            errors.append(
                Problem(
                    row.number,
                    row.titles["target"],
                    _("a party cannot have a relation with itself"),
                )
            )
            continue
        data = {k: v for k, v in row.values.items() if k not in ("source", "target")}
        if None in data.values():  # a cell that could not be read
            continue
        kind = data.pop("kind", Kind.WORKS_WITH)
        started, ended = data.get("started_on"), data.get("ended_on")
        if started and ended and ended < started:
            errors.append(
                Problem(row.number, row.titles["ended_on"], _("the relation ends before it starts"))
            )
            continue
        tie = _tie(source.pk, target.pk, kind)
        if tie in first_row:
            errors.append(
                Problem(
                    row.number,
                    None,
                    _("this relation is already on row %(row)s") % {"row": first_row[tie]},
                )
            )
            continue
        first_row[tie] = row.number
        relation = existing.get(tie)
        if relation is None:
            plan.new.append(
                Relation(project=project, source=source, target=target, kind=kind, **data)
            )
            outcome.created += 1
            continue
        changed = {k for k, v in data.items() if getattr(relation, k) != v}
        if changed:
            before = snapshot(relation)
            for key in changed:
                setattr(relation, key, data[key])
            plan.changed.append((relation, before, changed))
            outcome.updated += 1
        else:
            outcome.unchanged += 1
    return plan


def relation_import_preview(*, project: Project, content: bytes | Table, user=None) -> Outcome:
    with collector_paused():
        rows, outcome = _parse(content)
        return _plan(project, rows, outcome, lock=False).outcome


def relation_import_apply(
    *,
    project: Project,
    content: bytes | Table,
    user=None,
    progress=None,
    source: models.Model | None = None,
) -> Outcome:
    """Import the relations in one transaction; raises ImportRefused (nothing written). The
    history names `source` (the upload) as where the new relations came from; by default the
    project."""
    with collector_paused():
        rows, outcome = _parse(content)
        with transaction.atomic():
            plan = _plan(project, rows, outcome, lock=True)
            if not outcome.ok:
                raise ImportRefused(outcome)
            if progress:  # relations are written in one step
                progress(0, outcome.rows)
            _write(project, plan, user, source or project)
            if progress:
                progress(outcome.rows, outcome.rows)
    return outcome


def _write(project: Project, plan: Plan, user, source: models.Model) -> None:
    """New relations are recorded in one history version for the import, changed ones with
    their changed fields only (as the party import does)."""
    now = timezone.now()
    Relation.objects.bulk_create(plan.new, batch_size=1000)
    if plan.new:
        bulk_record(
            source=source,
            project_id=project.pk,
            user=user,
            created={Relation: [r.pk for r in plan.new]},
            counts={"created": len(plan.new), "updated": len(plan.changed)},
        )
    versions = []
    fields: set[str] = set()
    for relation, before, names in plan.changed:
        relation.version += 1
        relation.updated_at = now
        fields |= names
        changes = {
            name: [before.get(name), json_ready(getattr(relation, name))] for name in sorted(names)
        }
        versions.append(
            changed_version(relation, project_id=project.pk, user=user, changes=changes)
        )
    Relation.objects.bulk_update(
        [r for r, _before, _names in plan.changed],
        [*sorted(fields), "version", "updated_at"],
        batch_size=500,
    )
    Version.objects.bulk_create(versions, batch_size=1000)

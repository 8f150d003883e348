"""Importing the party register from a spreadsheet.

Three steps: every cell is read and checked (all problems collected, by row and column); the
rows are matched against the register by name, case and accents aside, to plan what is new,
changed or the same; only a plan without problems is written, in one transaction, in bulk.
The history records it compactly: one version for the whole import naming what it created
(history.services.bulk_record), and for each object it changed a version with the changed
fields only.

Semantics of a cell: a column that is in the file is the truth for the rows it has, so an empty
text cell empties the field and an empty yes/no cell means no; an empty choice cell keeps the
current value (a new party gets the usual default). Contact persons are matched by name within
their party; those in the register but not in the file are left alone. An assessment is added
when its cells are filled and differ from the party's latest one; cells left empty are taken
from that latest assessment.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, partial
from operator import itemgetter
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.base import ModelState
from django.utils import timezone
from django.utils.translation import gettext as _

from analysis.inputs import PARTY_FIELDS
from history.models import Version
from history.services import bulk_record, id_ranges, json_ready, snapshot
from lib.collation import sort_key
from parties.models import Assessment, ContactPerson, Party
from projects.models import Project, TargetSegment
from transfer.columns import (
    ASSESSMENT_COLUMNS,
    SCORE_FIELDS,
    Bool,
    CellError,
    Segments,
    Text,
    name_key,
    place_header,
    unescape_formula,
)
from transfer.outcome import (
    Header,
    Outcome,
    Problem,
    cell,
    multiline,
    place_columns,
    reading_problems,
)
from transfer.reading import Table, read_table

Action = Version.Action


class ImportRefused(Exception):
    """The file has problems; nothing was written. `outcome` lists them."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(f"{len(outcome.errors)} problems")
        self.outcome = outcome


@dataclass
class PartyRow:
    number: int
    name: str = ""
    party: dict[str, Any] = field(default_factory=dict)
    segments: list[str] | None = None
    assessment: dict[str, Any] = field(default_factory=dict)
    contacts: dict[int, dict[str, Any]] = field(default_factory=dict)
    titles: dict[tuple, str] = field(default_factory=dict)  # column identity → file header


def _blank_value(header: Header) -> Any:
    """What an empty cell of a column that is in the file means; None: leave as it is."""
    codec = header.placed.column.codec
    if isinstance(codec, Segments):
        return []
    if isinstance(codec, Text):
        return ""
    if isinstance(codec, Bool):
        return False
    return None


# Columns whose cells repeat (choices, yes/no, scores, dates, segments) are read once per
# distinct cell; free text is mostly different in every row.
_FREE_TEXT = (Text,)
_UNREAD = object()
Read = tuple[Any, str | None, bool]  # value, why it cannot be read, whether the cell is filled


def _reader(header: Header) -> Callable[[Any], Read]:
    """Reads one cell of the column; a blank cell gives what blank means for the column."""
    codec = header.placed.column.codec
    parse = codec.parse
    lines = multiline(header.placed)
    blank = _blank_value(header)
    blank_read: Read = (blank, None, False)

    def read(raw: Any) -> Read:
        value = None if raw is None or raw == "" else cell((raw,), 0, lines=lines)
        if value is None:
            return ([] if blank == [] else blank), None, False
        try:
            return parse(value), None, True
        except CellError as error:
            return None, error.message, True

    if type(codec) is Text:
        max_length = codec.max_length

        def text(raw: Any) -> Read:
            """Plain text, as most cells of a free-text column are, read without the general
            path's calls: what `cell` and Text.parse do to a string without control
            characters (isprintable() is False for every one of them)."""
            if raw is None or raw == "":
                return blank_read
            if raw.__class__ is not str or not raw.isprintable():
                return read(raw)
            value = raw.strip()
            if value[:1] == "'":
                value = unescape_formula(value)
            if not value:
                return blank_read
            if max_length and len(value) > max_length:
                return read(raw)  # for its message
            return value, None, True

        return text
    if isinstance(codec, _FREE_TEXT):
        return read
    known: dict[Any, Read] = {}
    others: dict[tuple[type, Any], Read] = {}

    def remembered(raw: Any) -> Read:
        if raw.__class__ is str:  # most cells: a string is never equal to a number
            found = known.get(raw, _UNREAD)
            if found is _UNREAD:
                found = known[raw] = read(raw)
        else:
            key = (type(raw), raw)  # 1 and True are equal, and read differently
            try:
                found = others.get(key, _UNREAD)
            except TypeError:  # not hashable
                return read(raw)
            if found is _UNREAD:
                found = others[key] = read(raw)
        if found[0].__class__ is list:
            return list(found[0]), found[1], found[2]  # each row its own list of segments
        return found

    return remembered


# Where a column's value goes in a row, decided once per column rather than once per cell.
_NAME, _FIELD, _SEGMENTS, _ASSESSMENT, _CONTACT = range(5)


def _slot(header: Header) -> tuple[int, str, int]:
    placed = header.placed
    key = placed.column.key
    if placed.target == "party":
        if key == "segments":
            return _SEGMENTS, key, 0
        return (_NAME if key == "name" else _FIELD), key, 0
    if placed.target == "assessment":
        return _ASSESSMENT, key, 0
    return _CONTACT, key, placed.group


def parse_rows(table: Table, headers: list[Header]) -> tuple[list[PartyRow], list[Problem]]:
    """Every row read and checked; a problem for each cell that cannot be read."""
    rows: list[PartyRow] = []
    errors: list[Problem] = []
    titles = {h.placed.identity: h.title for h in headers}
    readers = [(h, h.index, _reader(h), *_slot(h)) for h in headers]
    for number, cells in table.rows:
        width = len(cells)
        row = PartyRow(number, titles=titles)
        party, assessment, contacts = row.party, row.assessment, row.contacts
        bad: set[tuple] = set()
        filled = False  # a row with no filled cell in a known column is left out
        for header, index, read, slot, key, group in readers:
            value, error, cell_filled = read(cells[index] if index < width else None)
            if cell_filled:
                filled = True
            if error is not None:  # only a filled cell has one
                errors.append(Problem(number, header.title, error))
                bad.add(header.placed.identity)
            elif value is None:
                continue
            elif slot == _FIELD:
                party[key] = value
            elif slot == _CONTACT:
                found = contacts.get(group)
                if found is None:
                    found = contacts[group] = {}
                found[key] = value
            elif slot == _ASSESSMENT:
                assessment[key] = value
            elif slot == _NAME:
                party[key] = row.name = value
            else:
                row.segments = value
        if not filled:
            continue
        errors += _check_row(row, bad)
        rows.append(row)
    return rows, errors


def _check_row(row: PartyRow, bad: set[tuple]) -> list[Problem]:
    errors = []
    name_title = row.titles.get(("party", "name", 0))
    if not row.name and ("party", "name", 0) not in bad:
        errors.append(Problem(row.number, name_title, _("a party needs a name")))
    for group, data in row.contacts.items():
        if not data.get("name") and data.get("email"):
            data["name"] = data["email"]  # a list of addresses only: the address names them
        if not data.get("name") and any(v not in ("", False) for v in data.values()):
            title = row.titles.get(("contact", "name", group))
            errors.append(
                Problem(
                    row.number,
                    title,
                    _("contact person %(number)s has no name") % {"number": group},
                )
            )
    return errors


class Register:
    """The project's parties as they stand, in a fixed number of queries."""

    def __init__(self, project: Project, *, lock: bool = False) -> None:
        parties = (
            Party.objects.filter(project=project)
            .select_related("latest_assessment")
            .prefetch_related(
                "segments", Prefetch("contacts", ContactPerson.objects.order_by("pk"))
            )
            .order_by("pk")
        )
        if lock:  # the parties stay as read until the import is written (PostgreSQL)
            parties = parties.select_for_update(of=("self",))
        self.by_name: dict[str, list[Party]] = defaultdict(list)
        for party in parties:
            self.by_name[name_key(party.name)].append(party)
        self.segments = {name_key(s.name): s for s in TargetSegment.objects.filter(project=project)}


@dataclass
class PartyWrite:
    party: Party | None  # None: a new party in a preview, checked but not built
    created: bool
    before: dict[str, Any] | None = None
    fields: set[str] = field(default_factory=set)
    segment_keys: list[str] | None = None  # the segments it should have, when they change
    new_contacts: list[ContactPerson] = field(default_factory=list)
    changed_contacts: list[tuple[ContactPerson, dict[str, Any], set[str]]] = field(
        default_factory=list
    )
    assessment: Assessment | None = None

    @property
    def changed(self) -> bool:
        return bool(
            self.fields
            or self.segment_keys is not None
            or self.new_contacts
            or self.changed_contacts
            or self.assessment
        )


@dataclass
class Plan:
    outcome: Outcome
    writes: list[PartyWrite] = field(default_factory=list)
    new_segments: dict[str, str] = field(default_factory=dict)  # key → name as first written


def _header_title(row: PartyRow, key: str) -> str:
    title = row.titles.get(("assessment", key, 0))
    if title:
        return title
    column = next(c for c in ASSESSMENT_COLUMNS if c.key == key)
    return column.header("")


@cache
def _defaults(
    model: type[models.Model],
) -> tuple[dict[str, Any], list[models.Field], dict[str, models.Field]]:
    """A kind's fixed default values, its fields whose default is made anew for each object
    (a unique code, a time), and its relations by name."""
    fields = model._meta.concrete_fields
    # A field without a default has NOT_PROVIDED as its default, which is a class and so
    # callable: only a default that was given counts as made anew.
    made = [f for f in fields if f.has_default() and callable(f.default)]
    fixed = {f.attname: f.get_default() for f in fields if f not in made}
    return fixed, made, {f.name: f for f in fields if f.is_relation}


def fresh(model: type[models.Model], **values: Any) -> models.Model:
    """A new, unsaved object as `model(**values)` makes it, without the per-field work of
    Model.__init__, which was a third of planning 10,000 rows."""
    fixed, made, relations = _defaults(model)
    obj = model.__new__(model)
    obj._state = ModelState()
    attributes = obj.__dict__
    attributes.update(fixed)
    for one in made:
        attributes[one.attname] = one.get_default()
    for name, value in values.items():
        relation = relations.get(name)
        if relation is None:
            attributes[name] = value
        else:
            attributes[relation.attname] = None if value is None else value.pk
            relation.set_cached_value(obj, value)
    return obj


def _plan_assessment(
    row: PartyRow, party: Party | None, user, errors: list[Problem]
) -> Assessment | None:
    """The assessment to add; `party` None: a new party in a preview, checked but not built."""
    filled = {k: v for k, v in row.assessment.items() if k in SCORE_FIELDS}
    if not filled:
        return None
    latest = party.latest_assessment if party is not None and party.pk else None
    data = {f: getattr(latest, f) for f in SCORE_FIELDS} if latest else {}
    data.update(filled)
    missing = [_header_title(row, f) for f in SCORE_FIELDS if f not in data]
    if missing:
        errors.append(
            Problem(
                row.number,
                None,
                _(
                    "an assessment also needs %(columns)s; fill them in, or leave "
                    "the assessment cells of this row empty"
                )
                % {"columns": ", ".join(missing)},
            )
        )
        return None
    on = row.assessment.get("assessed_on")
    note = row.assessment.get("note")
    if (
        latest
        and all(data[f] == getattr(latest, f) for f in SCORE_FIELDS)
        and (on in (None, latest.assessed_on) and note in (None, latest.note))
    ):
        return None
    if party is None:
        return None
    return fresh(
        Assessment,
        party=party,
        assessed_by=user if getattr(user, "is_authenticated", False) else None,
        assessed_on=on or timezone.localdate(),
        note=note or "",
        **data,
    )


def _plan_contacts(row: PartyRow, write: PartyWrite, errors: list[Problem]) -> None:
    party = write.party
    existing = {} if write.created else {name_key(c.name): c for c in party.contacts.all()}
    seen: set[str] = set()
    for group, data in sorted(row.contacts.items()):
        if not data.get("name"):
            continue
        key = name_key(data["name"])
        if key in seen:
            errors.append(
                Problem(
                    row.number,
                    row.titles.get(("contact", "name", group)),
                    _("“%(name)s” is named twice as a contact person of this party")
                    % {"name": data["name"]},
                )
            )
            continue
        seen.add(key)
        contact = existing.get(key)
        if contact is None:
            if party is not None:  # None: a new party in a preview, checked but not built
                write.new_contacts.append(fresh(ContactPerson, party=party, **data))
            continue
        changed = {f for f, v in data.items() if f != "name" and getattr(contact, f) != v}
        if changed:
            before = snapshot(contact)
            for name in changed:
                setattr(contact, name, data[name])
            write.changed_contacts.append((contact, before, changed))


def _plan_segments(row: PartyRow, write: PartyWrite, plan: Plan, register: Register) -> None:
    if row.segments is None:
        return
    keys = [name_key(name) for name in row.segments]
    for key, name in zip(keys, row.segments, strict=True):
        if key not in register.segments:
            plan.new_segments.setdefault(key, name)
    current = set() if write.created else {name_key(s.name) for s in write.party.segments.all()}
    if set(keys) != current:
        write.segment_keys = keys


def plan_rows(
    project: Project,
    rows: list[PartyRow],
    register: Register,
    user,
    outcome: Outcome,
    *,
    build: bool = True,
) -> Plan:
    """What each row does to the register, its problems in `outcome`. Without `build` (a
    preview, which only tells), the new parties, contacts and assessments are checked and
    counted but not made: the plan cannot be written then."""
    plan = Plan(outcome)
    first_row: dict[str, int] = {}
    unreadable = {error.row for error in outcome.errors}
    for row in rows:
        if not row.name:
            continue
        problems = len(outcome.errors)
        key = name_key(row.name)
        name_title = row.titles.get(("party", "name", 0))
        if key in first_row:
            outcome.errors.append(
                Problem(
                    row.number,
                    name_title,
                    _("“%(name)s” is already on row %(row)s")
                    % {"name": row.name, "row": first_row[key]},
                )
            )
            continue
        first_row[key] = row.number
        matches = register.by_name.get(key, [])
        if len(matches) > 1:
            outcome.errors.append(
                Problem(
                    row.number,
                    name_title,
                    _("more than one party in the register is called “%(name)s”; merge them first")
                    % {"name": row.name},
                )
            )
            continue
        if matches:
            party = matches[0]
            write = PartyWrite(party, created=False, before=snapshot(party) if build else None)
            # The name is how the row was matched; a different spelling does not rename it.
            data = {k: v for k, v in row.party.items() if k != "name"}
            write.fields = {k for k, v in data.items() if getattr(party, k) != v}
            for name in write.fields:
                setattr(party, name, data[name])
        elif build:
            party = fresh(Party, project=project, **row.party)
            party.sort_name = sort_key(party.name)
            write = PartyWrite(party, created=True)
        else:
            party = None
            write = PartyWrite(party, created=True)
        _plan_segments(row, write, plan, register)
        _plan_contacts(row, write, outcome.errors)
        write.assessment = _plan_assessment(row, party, user, outcome.errors)
        plan.writes.append(write)
        if row.number in unreadable or len(outcome.errors) > problems:
            continue  # counted as a problem, not as a change
        if write.created:
            outcome.created += 1
        elif write.changed:
            outcome.updated += 1
        else:
            outcome.unchanged += 1
    return plan


def _read(content: bytes | Table) -> tuple[list[PartyRow], Outcome]:
    table = content if isinstance(content, Table) else read_table(content)
    headers, errors, warnings = place_columns(table.headers, place_header)
    outcome = Outcome(errors=errors, warnings=warnings, encoding=table.encoding)
    outcome.errors += reading_problems(table)
    if not any(h.placed.identity == ("party", "name", 0) for h in headers):
        outcome.errors.append(
            Problem(
                None,
                None,
                _("The file has no column with the name of the party (“Naam” or “Name”)."),
            )
        )
        return [], outcome
    rows = _rows_kept(table, headers)
    if rows is not None:
        return rows, outcome
    rows, row_errors = parse_rows(table, headers)
    outcome.errors += row_errors
    if not row_errors:
        table.parsed = _rows_keep(rows)
    return rows, outcome


# What the preview parsed is kept with its table (reading.Table.parsed) when every cell could be
# read, so that the import applies it without reading the cells again; the plan is still made
# anew against the register as it is then, so a change made meanwhile is still caught. Kept
# rows of another version of this shape are read again from the cells.
_KEPT_VERSION = 2


def _keys(dicts: Iterator[dict[str, Any]]) -> list[str]:
    found: dict[str, None] = {}
    for one in dicts:
        found.update(dict.fromkeys(one))
    return list(found)


def _rows_keep(rows: list[PartyRow]) -> dict[str, Any]:
    """The rows as lists of values in the order of the keys named once (null: no value; a row
    never holds None), so that reading them back costs no JSON object per row."""
    party = _keys(row.party for row in rows)
    assessment = _keys(row.assessment for row in rows)
    contact = _keys(data for row in rows for data in row.contacts.values())
    return {
        "version": _KEPT_VERSION,
        "keys": [party, assessment, contact],
        "rows": [
            [
                row.number,
                row.name,
                [row.party.get(key) for key in party],
                row.segments,
                [row.assessment.get(key) for key in assessment],
                [[group, [data.get(k) for k in contact]] for group, data in row.contacts.items()],
            ]
            for row in rows
        ],
    }


def _rows_kept(table: Table, headers: list[Header]) -> list[PartyRow] | None:
    kept = table.parsed
    if not isinstance(kept, dict) or kept.get("version") != _KEPT_VERSION:
        return None
    party_keys, assessment_keys, contact_keys = kept["keys"]
    titles = {h.placed.identity: h.title for h in headers}

    def values(keys: list[str], found: list[Any]) -> dict[str, Any]:
        return {key: value for key, value in zip(keys, found, strict=True) if value is not None}

    return [
        PartyRow(
            number,
            name,
            values(party_keys, party),
            segments,
            values(assessment_keys, assessment),
            {group: values(contact_keys, data) for group, data in contacts},
            titles,
        )
        for number, name, party, segments, assessment, contacts in kept["rows"]
    ]


def _plan(
    project: Project,
    rows: list[PartyRow],
    outcome: Outcome,
    user,
    *,
    lock: bool,
    build: bool = True,
) -> Plan:
    plan = plan_rows(project, rows, Register(project, lock=lock), user, outcome, build=build)
    if plan.new_segments:
        outcome.warnings.append(
            _("New target-group segments will be added: %(names)s.")
            % {"names": ", ".join(sorted(plan.new_segments.values()))}
        )
    return plan


@contextmanager
def collector_paused() -> Iterator[None]:
    """An import creates tens of thousands of objects that all live until it ends; Python's
    cyclic garbage collector would walk them again and again, which took a third of the time.
    Reference counting still frees memory meanwhile; the collector resumes afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def party_import_preview(*, project: Project, content: bytes | Table, user=None) -> Outcome:
    """What importing the file (or the table read from it) would do, and every problem in it;
    nothing is written."""
    with collector_paused():
        rows, outcome = _read(content)
        return _plan(project, rows, outcome, user, lock=False, build=False).outcome


Progress = Callable[[int, int], None]
# Rows written between two reports of progress: small enough for the page to move, large
# enough that the bulk statements stay few.
WRITE_CHUNK = 1000


def party_import_apply(
    *,
    project: Project,
    content: bytes | Table,
    user=None,
    progress: Progress | None = None,
    source: models.Model | None = None,
) -> Outcome:
    """Import the file in one transaction; raises ImportRefused (nothing written) on problems.
    `progress(rows done, rows in all)` is called as the rows are written. The history names
    `source` (the upload) as where the new objects came from; by default the project."""
    with collector_paused():
        rows, outcome = _read(content)  # before the transaction: its lock is held briefly
        with transaction.atomic():
            plan = _plan(project, rows, outcome, user, lock=True)
            if not outcome.ok:
                raise ImportRefused(outcome)
            total = len(plan.writes)
            for start in range(0, max(total, 1), WRITE_CHUNK):
                if progress:
                    progress(start, total)
                part = Plan(
                    outcome,
                    plan.writes[start : start + WRITE_CHUNK],
                    plan.new_segments if start == 0 else {},
                )
                _write(project, part, user)
            if progress:
                progress(total, total)
            created = _created(project, plan)
            if any(created.values()):
                bulk_record(
                    source=source or project,
                    project_id=project.pk,
                    user=user,
                    created=created,
                    counts={"created": outcome.created, "updated": outcome.updated},
                )
            if not any(not w.created and w.changed for w in plan.writes):
                outcome.created_ids = {
                    key: id_ranges(created[model]) for key, model in UNDONE.items()
                }
    return outcome


# What an import that only added can take back, by its name in the outcome.
UNDONE: dict[str, type[models.Model]] = {
    "parties": Party,
    "contacts": ContactPerson,
    "assessments": Assessment,
    "segments": TargetSegment,
}


def _created(project: Project, plan: Plan) -> dict[type[models.Model], list[int]]:
    new_segments = set(plan.new_segments)
    return {
        Party: [w.party.pk for w in plan.writes if w.created],
        ContactPerson: [c.pk for w in plan.writes for c in w.new_contacts],
        Assessment: [w.assessment.pk for w in plan.writes if w.assessment is not None],
        TargetSegment: [
            pk
            for pk, name in TargetSegment.objects.filter(project=project).values_list("pk", "name")
            if name_key(name) in new_segments
        ],
    }


# Writing ------------------------------------------------------------------------------------


def changed_version(
    instance: models.Model, *, project_id: int, user, changes: dict[str, list[Any]]
) -> Version:
    """A change by an import, recorded with the changed fields only: the object's history
    fills in the rest from the object and its later versions."""
    return Version(
        project_id=project_id,
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=instance.pk,
        object_repr=str(instance)[:200],
        action=Action.UPDATE,
        user=user if getattr(user, "is_authenticated", False) else None,
        data={},
        changes=changes,
    )


def _write(project: Project, plan: Plan, user) -> None:
    now = timezone.now()
    TargetSegment.objects.bulk_create(
        TargetSegment(project=project, name=name) for name in plan.new_segments.values()
    )
    segment_ids = {
        name_key(name): pk
        for name, pk in TargetSegment.objects.filter(project=project).values_list("name", "pk")
    }
    versions: list[Version] = []

    def wanted_segments(write: PartyWrite) -> list[int]:
        if write.segment_keys is not None:
            return sorted({segment_ids[key] for key in write.segment_keys})
        return [] if write.created else sorted(s.pk for s in write.party.segments.all())

    # New rows get their ids first, so that a new party is written with its latest assessment
    # at once, and every new row goes as a plain tuple.
    new = [w.party for w in plan.writes if w.created]
    contacts = [c for w in plan.writes for c in w.new_contacts]
    assessed = [w for w in plan.writes if w.assessment is not None]
    _give_ids(Party, new)
    for contact in contacts:
        contact.party_id = contact.party.pk
    _give_ids(ContactPerson, contacts)
    _give_ids(Assessment, [w.assessment for w in assessed])
    for write in assessed:
        write.assessment.party_id = write.party.pk
        if write.created:  # its only assessment is its latest
            write.party.latest_assessment_id = write.assessment.pk
    _insert(Party, new, now)

    changed = [w for w in plan.writes if not w.created and (w.fields or w.segment_keys is not None)]
    fields: set[str] = set()
    for write in changed:
        write.party.version += 1
        write.party.updated_at = now
        fields |= write.fields
        if not PARTY_FIELDS.isdisjoint(write.fields):
            # Written past Party.save: a change the analyses read raises the stamp here.
            write.party.analysis_stamp += 1
        changes = {
            name: [write.before.get(name), json_ready(getattr(write.party, name))]
            for name in sorted(write.fields)
        }
        if write.segment_keys is not None:
            segments = wanted_segments(write)
            if segments != write.before.get("segments"):
                changes["segments"] = [write.before.get("segments"), segments]
        versions.append(
            changed_version(write.party, project_id=project.pk, user=user, changes=changes)
        )
    Party.objects.bulk_update(
        [w.party for w in changed],
        [*sorted(fields), "version", "updated_at", "analysis_stamp"],
        batch_size=500,
    )

    through = Party.segments.through
    relinked = [w for w in plan.writes if w.segment_keys is not None]
    through.objects.filter(party_id__in=[w.party.pk for w in relinked if not w.created]).delete()
    _insert_links(
        through, [(w.party.pk, pk) for w in relinked for pk in wanted_segments(w)]
    )

    _insert(ContactPerson, contacts, now)
    _write_contacts(project, plan, user, now, versions)
    _insert(Assessment, [w.assessment for w in assessed], now)
    _latest_assessments([w.party.pk for w in assessed if not w.created], now)
    Version.objects.bulk_create(versions, batch_size=1000)


def _give_ids(model: type[models.Model], objects: list[models.Model]) -> None:
    """Ids for new rows, taken before they are written. SQLite: the import's transaction holds
    the database's write lock (BEGIN IMMEDIATE), so the ids after the highest one ever used
    are free. PostgreSQL: drawn from the table's sequence."""
    if not objects:
        return
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, len(objects)],
            )
            ids = sorted(row[0] for row in cursor.fetchall())
        else:
            cursor.execute(
                "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
                f"coalesce((SELECT max(id) FROM {connection.ops.quote_name(table)}), 0))",
                [table],
            )
            first = cursor.fetchone()[0] + 1
            ids = range(first, first + len(objects))
    for obj, pk in zip(objects, ids, strict=True):
        obj.pk = pk


# Fields whose values go to the database as they are; others pass through the field.
_AS_IS = (
    models.CharField,
    models.TextField,
    models.BooleanField,
    models.IntegerField,
    models.ForeignKey,
)


def _insert(model: type[models.Model], objects: list[models.Model], now) -> None:
    """Write new objects (their ids given) as plain tuples in one executemany: the ORM's
    bulk_create prepares every value of every row through its field and builds its SQL per
    few dozen rows on SQLite, which was most of an import's writing time."""
    if not objects:
        return
    fields = model._meta.concrete_fields
    for one in fields:
        if getattr(one, "auto_now", False) or getattr(one, "auto_now_add", False):
            for obj in objects:
                setattr(obj, one.attname, now)
    # The values are taken from each object in one C call (itemgetter); only the few fields
    # whose values need preparing for the database (dates, times) are passed through it.
    prepared: list[tuple[int, Callable[[Any], Any]]] = [
        (position, _remembered(partial(one.get_db_prep_save, connection=connection)))
        for position, one in enumerate(fields)
        if not isinstance(one, _AS_IS) or isinstance(one, models.DateField)
    ]
    take = itemgetter(*(one.attname for one in fields))
    alias = connection.alias
    rows: list[Any] = []
    for obj in objects:
        row = take(obj.__dict__)
        if prepared:
            row = list(row)
            for position, prepare in prepared:
                row[position] = prepare(row[position])
        rows.append(row)
        state = obj._state
        state.adding = False
        state.db = alias
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(one.column) for one in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _remembered(prepare: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`prepare` worked out once per value: an import's rows share a few dates and times."""
    known: dict[Any, Any] = {}

    def prepared(value: Any) -> Any:
        try:
            return known[value]
        except KeyError:
            known[value] = result = prepare(value)
            return result
        except TypeError:  # not hashable
            return prepare(value)

    return prepared


def _insert_links(through: type[models.Model], pairs: list[tuple[int, int]]) -> None:
    """A party's segments, one (party, segment) pair a row."""
    if not pairs:
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(through._meta.db_table)} (party_id, targetsegment_id) "
            "VALUES (%s, %s)",
            pairs,
        )


def _write_contacts(project: Project, plan: Plan, user, now, versions: list[Version]) -> None:
    changed = [item for w in plan.writes for item in w.changed_contacts]
    fields: set[str] = set()
    for contact, before, names in changed:
        contact.version += 1
        contact.updated_at = now
        fields |= names
        changes = {
            name: [before.get(name), json_ready(getattr(contact, name))] for name in sorted(names)
        }
        versions.append(
            changed_version(contact, project_id=project.pk, user=user, changes=changes)
        )
    ContactPerson.objects.bulk_update(
        [c for c, _before, _names in changed],
        [*sorted(fields), "version", "updated_at"],
        batch_size=500,
    )


def _latest_assessments(party_ids: list[int], now) -> None:
    """Parties already in the register that got a new assessment: their latest is chosen as
    assessment_record does, newest date, then the last added. One UPDATE with a subquery per
    chunk of parties rather than a CASE per party."""
    newest = Assessment.objects.filter(party=OuterRef("pk")).order_by(
        "-assessed_on", "-created_at", "-id"
    )
    for start in range(0, len(party_ids), 500):
        Party.everything.filter(pk__in=party_ids[start : start + 500]).update(
            latest_assessment=Subquery(newest.values("pk")[:1]), updated_at=now
        )

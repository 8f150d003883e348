"""Merging parties that are one and the same into one, and undoing such a merge.

A merge keeps one party (the survivor), takes field by field the value the user chose, and moves
everything that points at the other parties to the survivor: contact persons (one per e-mail
address), assessments, relations, contact moments, commitments, plan entries, board profiles and
whatever else refers to a party. The other parties go to the bin. One `Version` (action MERGE) on
the survivor records what went where, so `unmerge` can put it all back.

What refers to a party is read from the models (`Party._meta`), so a model added later is moved
too; relations, contact persons and segments have rules of their own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from analysis.cache import inputs_changed
from history.models import Version
from history.services import SKIPPED, diff, snapshot
from lib.collation import sort_key
from lib.concurrency import EditConflict
from parties.models import ContactPerson, Party, Relation
from parties.services import (
    _refresh_latest,
    contact_delete,
    contact_restore,
    relation_delete,
    relation_restore,
)
from projects.models import Project

Action = Version.Action
SEGMENTS = "segments"
# Contact fields a duplicate may fill in where the kept contact person has nothing.
CONTACT_FILL = ("function", "phone")
# Relation fields that are combined when two relations become the same.
RELATION_COMBINED = ("strength", "started_on", "ended_on", "note")


def merge_fields() -> list[models.Field]:
    """The party's own fields the user chooses between, in the model's order (segments apart)."""
    return [
        field
        for field in Party._meta.concrete_fields
        if field.editable and field.name not in SKIPPED and field.name != "project"
    ]


def _alive(party: Party) -> bool:
    return party.deleted_at is None


@dataclass(frozen=True)
class Link:
    """One way a model refers to a party: a foreign key, or a many-to-many through table."""

    model: type[models.Model]  # the model holding the party's id (the through model for m2m)
    field: str  # the name of the party's column on it
    owner: str = ""  # for m2m: the through model's column of the object that has the parties

    @property
    def key(self) -> str:
        return f"{self.model._meta.label_lower}.{self.field}"

    @property
    def label(self) -> str:
        """What the rows are, in words: for many-to-many the objects that have the parties."""
        meta = self.model._meta
        model = meta.get_field(self.owner).related_model if self.owner else self.model
        return str(capfirst(model._meta.verbose_name_plural))

    @property
    def unique(self) -> bool:
        """Whether two rows may not point at one party with the same other values."""
        meta = self.model._meta
        if meta.get_field(self.field).unique or self.owner:
            return True
        together = [set(names) for names in meta.unique_together]
        together += [
            set(c.fields) for c in meta.constraints if isinstance(c, models.UniqueConstraint)
        ]
        return any(self.field in names for names in together)

    def unique_sets(self) -> list[list[str]]:
        meta = self.model._meta
        if self.owner:
            return [[self.owner]]
        if meta.get_field(self.field).unique:
            return [[]]
        sets = [list(names) for names in meta.unique_together]
        sets += [list(c.fields) for c in meta.constraints if isinstance(c, models.UniqueConstraint)]
        return [[n for n in names if n != self.field] for names in sets if self.field in names]


# Relations are re-pointed and combined by their own rules; segments are chosen by the user.
# A pair marked "not the same" speaks of the merged party itself, so it stays with it (and its
# ids are kept in order, lower first, which moving could break).
_OWN_RULES = {
    "parties.relation.source",
    "parties.relation.target",
    "parties.party_segments.party",
    "parties.duplicatedismissal.party_low",
    "parties.duplicatedismissal.party_high",
}


def links() -> list[Link]:
    """Every foreign key and many-to-many to Party, on any model."""
    found = []
    for rel in Party._meta.get_fields(include_hidden=True):
        if not (rel.is_relation and rel.auto_created and not rel.concrete):
            continue
        if rel.many_to_many:
            through = rel.through
            to_party = next(
                f for f in through._meta.concrete_fields
                if f.is_relation and f.related_model is Party
            )
            owner = next(
                f for f in through._meta.concrete_fields
                if f.is_relation and f.related_model is rel.related_model
            )
            link = Link(through, to_party.name, owner.name)
        elif rel.related_model._meta.auto_created:
            continue  # a through table; met as many-to-many above
        else:
            link = Link(rel.related_model, rel.field.name)
        if link.key not in _OWN_RULES:
            found.append(link)
    return found


# Preview -------------------------------------------------------------------------------------


def attached_counts(*, parties: list[Party]) -> list[tuple[str, dict[int, int]]]:
    """How many objects of each kind point at each party: (label, {party id: count}), kinds
    with nothing left out. One query per kind, whatever the number of parties."""
    ids = [p.pk for p in parties]
    rows: list[tuple[str, dict[int, int]]] = []
    for link in links():
        counted = (
            link.model._base_manager.filter(**{f"{link.field}__in": ids})
            .values_list(link.field)
            .annotate(n=models.Count("pk"))
            .order_by()
        )
        rows.append((link.label, dict(counted)))
    relations = (
        Relation.everything.filter(Q(source__in=ids) | Q(target__in=ids))
        .values_list("source", "target")
        .order_by()
    )
    by_party: dict[int, int] = defaultdict(int)
    for source, target in relations:
        for end in {source, target} & set(ids):
            by_party[end] += 1
    rows.append((str(capfirst(Relation._meta.verbose_name_plural)), dict(by_party)))
    rows.sort(key=lambda row: row[0])
    return [(label, counts) for label, counts in rows if any(counts.values())]


# Merging -------------------------------------------------------------------------------------


def _lock(ids: list[int]) -> dict[int, Party]:
    # In id order, so two merges over the same parties cannot deadlock.
    locked = Party._base_manager.select_for_update().filter(pk__in=ids).order_by("pk")
    return {party.pk: party for party in locked}


def _check_parties(
    project: Project, ids: list[int], locked: dict[int, Party], versions: dict[int, int]
) -> None:
    for pk in ids:
        party = locked.get(pk)
        if party is None or party.project_id != project.pk:
            raise ValidationError(_("Choose parties of this project."))
        if not _alive(party):
            raise ValidationError(
                _("%(name)s is in the bin; restore it before merging.") % {"name": party.name}
            )
        expected = versions.get(pk)
        if expected is not None and party.version != expected:
            raise EditConflict(party)


def _chosen_values(
    choices: dict[str, Any], parties: dict[int, Party], survivor: Party
) -> dict[str, Any]:
    values = {}
    for field in merge_fields():
        source = choices.get(field.name, survivor.pk)
        if source not in parties:
            raise ValidationError({field.name: _("Choose one of the parties being merged.")})
        values[field.name] = getattr(parties[source], field.attname)
    return values


def _chosen_segments(
    choices: dict[str, Any], parties: dict[int, Party]
) -> list[int]:
    source = choices.get(SEGMENTS)
    if source is None:  # by default a merged party reaches what each of them reached
        through = Party.segments.through.objects.filter(party__in=list(parties))
        return sorted(set(through.values_list("targetsegment_id", flat=True)))
    if source not in parties:
        raise ValidationError({SEGMENTS: _("Choose one of the parties being merged.")})
    return sorted(parties[source].segments.values_list("pk", flat=True))


def _bump(model: type[models.Model]) -> dict[str, Any]:
    """Moving an object is a change: its version goes up, so a form opened before conflicts."""
    names = {f.name for f in model._meta.concrete_fields}
    return {"version": F("version") + 1} if "version" in names else {}


def _move_fk(link: Link, others: list[int], survivor: Party, record: dict[str, Any]) -> None:
    manager = link.model._base_manager
    rows = list(manager.filter(**{f"{link.field}__in": others}).order_by("pk"))
    if not link.unique:
        manager.filter(pk__in=[r.pk for r in rows]).update(
            **{link.field: survivor.pk}, **_bump(link.model)
        )
        moved = [[r.pk, getattr(r, f"{link.field}_id")] for r in rows]
    else:
        # One row per party and the other values: a row the survivor already has its own of
        # (a board profile, a review step in the same round) stays with the merged party.
        moved, kept = [], []
        for row in rows:
            for names in link.unique_sets():
                same = {
                    attname: getattr(row, attname)
                    for attname in (link.model._meta.get_field(n).attname for n in names)
                }
                clash = manager.filter(**{link.field: survivor.pk}, **same).exists()
                if clash:
                    kept.append(row.pk)
                    break
            else:
                manager.filter(pk=row.pk).update(**{link.field: survivor.pk}, **_bump(link.model))
                moved.append([row.pk, getattr(row, f"{link.field}_id")])
        if kept:
            record["kept"][link.key] = kept
    if moved:
        record["moved"][link.key] = moved


def _move_m2m(link: Link, others: list[int], survivor: Party, record: dict[str, Any]) -> None:
    through = link.model._base_manager
    owner_id, party_id = f"{link.owner}_id", f"{link.field}_id"
    has_survivor = set(
        through.filter(**{link.field: survivor.pk}).values_list(owner_id, flat=True)
    )
    moved, to_move, to_drop = [], [], []
    rows = through.filter(**{f"{link.field}__in": others}).order_by("pk")
    for pk, owner, from_party in rows.values_list("pk", owner_id, party_id):
        # An object that names the survivor already loses the merged party; the others name
        # the survivor in its place.
        moves = owner not in has_survivor
        (to_move if moves else to_drop).append(pk)
        has_survivor.add(owner)
        moved.append([owner, from_party, moves])
    through.filter(pk__in=to_drop).delete()
    through.filter(pk__in=to_move).update(**{link.field: survivor.pk})
    if moved:
        record["links"][link.key] = moved


def _fuller(kept: Any, other: Any) -> Any:
    return other if kept in ("", None) and other not in ("", None) else kept


def _dedupe_contacts(survivor: Party, record: dict[str, Any], user) -> None:
    """The same e-mail address is the same person: one contact person keeps the fuller values,
    the other goes to the bin and its contact moments name the one kept."""
    moved = {pk for pk, _from in record["moved"].get("parties.contactperson.party", [])}
    if not moved:
        return
    contacts = ContactPerson.objects.filter(party=survivor, erased_at__isnull=True).exclude(
        email=""
    )
    groups: dict[str, list[ContactPerson]] = defaultdict(list)
    for contact in contacts.order_by("pk"):
        groups[contact.email.strip().lower()].append(contact)
    through = ContactPerson.contact_moments.through._base_manager
    for group in groups.values():
        if len(group) < 2 or not moved & {c.pk for c in group}:
            continue
        kept = next((c for c in group if c.pk not in moved), group[0])
        before = snapshot(kept)
        for duplicate in group:
            if duplicate is kept:
                continue
            for name in CONTACT_FILL:
                setattr(kept, name, _fuller(getattr(kept, name), getattr(duplicate, name)))
            # Someone who asked not to be contacted through either address is not contacted.
            kept.do_not_contact = kept.do_not_contact or duplicate.do_not_contact
            has_kept = set(
                through.filter(contactperson=kept).values_list("contactmoment_id", flat=True)
            )
            for row in through.filter(contactperson=duplicate).order_by("pk"):
                moment, moves = row.contactmoment_id, row.contactmoment_id not in has_kept
                if moves:
                    through.filter(pk=row.pk).update(contactperson=kept)
                record["contact_links"].append([moment, duplicate.pk, kept.pk, moves])
            through.filter(contactperson=duplicate).delete()
            contact_delete(contact=duplicate, user=user)
            record["contacts_combined"].append([duplicate.pk, kept.pk])
        changes = diff(before, snapshot(kept))
        if changes:
            kept.version += 1
            kept.save()
            record["contact_changes"][str(kept.pk)] = changes


def _combine(kept: Relation, other: Relation) -> None:
    kept.strength = max(kept.strength, other.strength)
    starts = [d for d in (kept.started_on, other.started_on) if d is not None]
    kept.started_on = min(starts) if starts else None
    ends = (kept.ended_on, other.ended_on)
    kept.ended_on = None if None in ends else max(ends)
    notes = [n for n in (kept.note.strip(), other.note.strip()) if n]
    kept.note = "\n\n".join(dict.fromkeys(notes))


def _merge_relations(
    survivor: Party, others: list[int], record: dict[str, Any], user
) -> None:
    merged = {survivor.pk, *others}
    touched = Relation.everything.filter(Q(source__in=others) | Q(target__in=others)).order_by("pk")
    repointed: set[int] = set()
    moving: list[Relation] = []
    for relation in touched:
        source = survivor.pk if relation.source_id in merged else relation.source_id
        target = survivor.pk if relation.target_id in merged else relation.target_id
        if source == target:
            # A tie between parties that are now one: it goes to the bin, with the party.
            if relation.deleted_at is None:
                relation_delete(relation=relation, user=user)
                record["relations_removed"].append(relation.pk)
            continue
        record["relations_moved"].append([relation.pk, relation.source_id, relation.target_id])
        relation.source_id, relation.target_id = source, target
        relation.version += 1
        moving.append(relation)
        repointed.add(relation.pk)
    Relation.everything.bulk_update(moving, ["source", "target", "version"], batch_size=500)
    groups: dict[tuple[int, int, str], list[Relation]] = defaultdict(list)
    for relation in Relation.objects.filter(Q(source=survivor) | Q(target=survivor)).order_by("pk"):
        groups[(relation.source_id, relation.target_id, relation.kind)].append(relation)
    for group in groups.values():
        if len(group) < 2 or not repointed & {r.pk for r in group}:
            continue
        kept = next((r for r in group if r.pk not in repointed), group[0])
        before = snapshot(kept)
        for other in group:
            if other is not kept:
                _combine(kept, other)
                relation_delete(relation=other, user=user)
                record["relations_combined"].append([other.pk, kept.pk])
        changes = diff(before, snapshot(kept))
        if changes:
            kept.version += 1
            kept.full_clean()
            kept.save()
            record["relation_changes"][str(kept.pk)] = changes


def _review_orders(survivor: Party, others: list[int], record: dict[str, Any]) -> None:
    """An open support round that was to visit a merged party visits the survivor in its place."""
    from engagement.models import Review

    for review in Review.objects.filter(project_id=survivor.project_id, finished_at__isnull=True):
        order = list(review.party_order)
        if not set(order) & set(others):
            continue
        new: list[int] = []
        for pk in order:
            pk = survivor.pk if pk in others else pk
            if pk not in new:
                new.append(pk)
        Review.objects.filter(pk=review.pk).update(party_order=new)
        record["review_orders"].append([review.pk, order, new])


def _new_record() -> dict[str, Any]:
    return {
        "fields": {},
        "segments": None,
        "moved": {},
        "links": {},
        "kept": {},
        "relations_moved": [],
        "relations_removed": [],
        "relations_combined": [],
        "relation_changes": {},
        "contacts_combined": [],
        "contact_changes": {},
        "contact_links": [],
        "review_orders": [],
    }


def _version(party: Party, action: str, user, *, data: dict, changes: dict) -> Version:
    return Version.objects.create(
        project_id=party.project_id,
        content_type=ContentType.objects.get_for_model(Party),
        object_id=party.pk,
        object_repr=str(party)[:200],
        action=action,
        user=user if getattr(user, "is_authenticated", False) else None,
        data=data,
        changes=changes,
    )


@transaction.atomic
def merge_parties(
    *,
    project: Project,
    survivor: Party,
    others: list[Party],
    choices: dict[str, int],
    user,
    versions: dict[int, int] | None = None,
) -> Version:
    """Merge `others` into `survivor`: `choices` names per field (and for `segments`) the id of
    the party whose value stays; a field not named keeps the survivor's value, segments not named
    become those of all of them. `versions` maps party ids to the version the user saw (by
    default the versions of the objects passed in); a newer one raises EditConflict.
    Returns the MERGE version recorded on the survivor."""
    other_ids = list(dict.fromkeys(p.pk for p in others))
    if not other_ids:
        raise ValidationError(_("Choose at least two parties to merge."))
    if survivor.pk in other_ids:
        raise ValidationError(_("The party that stays cannot also be merged into itself."))
    ids = [survivor.pk, *other_ids]
    if versions is None:
        versions = {p.pk: p.version for p in [survivor, *others]}
    locked = _lock(ids)
    _check_parties(project, ids, locked, versions)
    survivor = locked[survivor.pk]
    parties = {pk: locked[pk] for pk in ids}
    record = _new_record()
    record["survivor"] = survivor.pk
    record["merged"] = other_ids
    record["snapshots"] = {str(pk): snapshot(parties[pk]) for pk in other_ids}

    before = snapshot(survivor)
    values = _chosen_values(choices, parties, survivor)
    segments = _chosen_segments(choices, parties)
    for field in merge_fields():
        setattr(survivor, field.attname, values[field.name])
    survivor.sort_name = sort_key(survivor.name)
    survivor.full_clean()
    chosen = snapshot(survivor)
    for field in merge_fields():
        if chosen[field.name] != before[field.name]:
            record["fields"][field.name] = [
                before[field.name], chosen[field.name], choices.get(field.name, survivor.pk)
            ]
    if segments != before[SEGMENTS]:
        record["segments"] = [before[SEGMENTS], segments]
        survivor.segments.set(segments)

    for link in links():
        if link.owner:
            _move_m2m(link, other_ids, survivor, record)
        else:
            _move_fk(link, other_ids, survivor, record)
    _merge_relations(survivor, other_ids, record, user)
    _dedupe_contacts(survivor, record, user)
    _review_orders(survivor, other_ids, record)

    now = timezone.now()
    acting = user if getattr(user, "is_authenticated", False) else None
    for pk in other_ids:
        other = parties[pk]
        other.deleted_at, other.deleted_by = now, acting
        other.version += 1
        other.save(update_fields=["deleted_at", "deleted_by", "version"])
        _version(
            other, Action.MERGE, user,
            data={**snapshot(other), "merged_into": survivor.pk}, changes={},
        )
        _refresh_latest(other)
    survivor.version += 1
    survivor.save()
    _refresh_latest(survivor)
    after = snapshot(survivor)
    # Recorded here rather than through version_record: the analyses must hear of it too.
    inputs_changed(project.pk)
    return _version(
        survivor, Action.MERGE, user, data={**after, "merge": record}, changes=diff(before, after)
    )


# Undoing -------------------------------------------------------------------------------------


def merge_of(version: Version) -> dict[str, Any] | None:
    """The merge a version recorded, if it is the survivor's MERGE version."""
    if version.action != Action.MERGE or not isinstance(version.data, dict):
        return None
    record = version.data.get("merge")
    return record if isinstance(record, dict) else None


def is_undone(version: Version) -> bool:
    return Version.objects.filter(
        content_type=version.content_type_id,
        object_id=version.object_id,
        action=Action.UNMERGE,
        data__undoes=version.pk,
    ).exists()


def moved_summary(record: dict[str, Any]) -> list[tuple[str, int]]:
    """What a merge moved, kind by kind, as (label, count) for the history page."""
    by_key = {link.key: link for link in links()}
    found: dict[str, int] = defaultdict(int)
    for key, rows in [*record.get("moved", {}).items(), *record.get("links", {}).items()]:
        link = by_key.get(key)
        if link is not None:
            found[link.label] += len(rows)
    if record.get("relations_moved"):
        found[str(capfirst(Relation._meta.verbose_name_plural))] += len(record["relations_moved"])
    summary = sorted(found.items())
    for label, key in (
        (_("Relations combined"), "relations_combined"),
        (_("Relations between the merged parties, to the bin"), "relations_removed"),
        (_("Contact persons with the same e-mail address, combined"), "contacts_combined"),
    ):
        if record.get(key):
            summary.append((label, len(record[key])))
    return summary


def undone_merges(party: Party) -> set[int]:
    """The ids of the merges into `party` that have been undone."""
    undone = Version.objects.filter(
        content_type=ContentType.objects.get_for_model(Party),
        object_id=party.pk,
        action=Action.UNMERGE,
    ).values_list("data__undoes", flat=True)
    return {pk for pk in undone if isinstance(pk, int)}


def _name(model: type[models.Model], pk: int) -> str:
    found = model._base_manager.filter(pk=pk).first()
    label = capfirst(model._meta.verbose_name)
    return f"{label} “{found}”" if found is not None else f"{label} #{pk}"


def _problems(record: dict[str, Any], survivor: Party, locked: dict[int, Party]) -> list[str]:
    """What changed since the merge in a way that makes undoing it unsafe."""
    problems = []
    if not _alive(survivor):
        problems.append(
            _("%(name)s is in the bin; restore it first.") % {"name": survivor.name}
        )
    for pk in record["merged"]:
        if pk not in locked:
            name = record["snapshots"].get(str(pk), {}).get("name", f"#{pk}")
            problems.append(
                _("%(name)s has been deleted for good since the merge.") % {"name": name}
            )
    by_key = {link.key: link for link in links()}
    for key, moved in record["moved"].items():
        link = by_key.get(key)
        if link is None:
            continue
        manager = link.model._base_manager
        ids = [pk for pk, _from in moved]
        elsewhere = manager.filter(pk__in=ids).exclude(**{link.field: survivor.pk})
        for obj in elsewhere[:5]:
            problems.append(
                _("%(object)s is no longer with %(name)s.")
                % {"object": _name(link.model, obj.pk), "name": survivor.name}
            )
    moved_ids = [pk for pk, _source, _target in record["relations_moved"]]
    current = Relation.everything.in_bulk(moved_ids)
    for pk, source, target in record["relations_moved"]:
        relation = current.get(pk)
        if relation is None:
            continue
        if survivor.pk not in (relation.source_id, relation.target_id) or (
            {relation.source_id, relation.target_id} - {survivor.pk, source, target}
        ):
            problems.append(
                _("%(object)s now links other parties.") % {"object": _name(Relation, pk)}
            )
    for key, moved in record["moved"].items():
        link = by_key.get(key)
        if link is None or not link.unique:
            continue
        manager = link.model._base_manager
        for pk, from_party in moved:
            row = manager.filter(pk=pk).first()
            for names in link.unique_sets() if row is not None else []:
                same = {
                    attname: getattr(row, attname)
                    for attname in (link.model._meta.get_field(n).attname for n in names)
                }
                if manager.filter(**{link.field: from_party}, **same).exclude(pk=pk).exists():
                    problems.append(
                        _("%(object)s cannot go back: the party it came from has its own again.")
                        % {"object": _name(link.model, pk)}
                    )
                    break
    return problems


def _undo_fields(survivor: Party, record: dict[str, Any]) -> None:
    """The survivor's values go back, except where someone changed them since the merge."""
    current = snapshot(survivor)
    fields = {f.name: f for f in merge_fields()}
    for name, (before, after, _source) in record["fields"].items():
        field = fields.get(name)
        if field is None or current.get(name) != after:
            continue
        if isinstance(field, models.DateField) and before:
            before = field.to_python(before)
        setattr(survivor, field.attname, before)
    survivor.sort_name = sort_key(survivor.name)
    if record["segments"] is not None:
        before, after = record["segments"]
        if current[SEGMENTS] == after:
            survivor.segments.set(survivor.project.segments.filter(pk__in=before))


def _undo_changes(model: type[models.Model], changes: dict[str, dict[str, list]]) -> None:
    for pk, fields in changes.items():
        obj = model._base_manager.filter(pk=pk).first()
        if obj is None:
            continue
        current = snapshot(obj)
        changed = False
        for name, (before, after) in fields.items():
            if current.get(name) == after:
                field = model._meta.get_field(name)
                setattr(obj, field.attname, field.to_python(before))
                changed = True
        if changed:
            obj.version += 1
            obj.save()


def _undo_moves(record: dict[str, Any], survivor: Party) -> None:
    by_key = {link.key: link for link in links()}
    for key, moved in record["moved"].items():
        link = by_key.get(key)
        if link is None:
            continue
        back: dict[int, list[int]] = defaultdict(list)
        for pk, from_party in moved:
            back[from_party].append(pk)
        for from_party, pks in back.items():
            link.model._base_manager.filter(pk__in=pks, **{link.field: survivor.pk}).update(
                **{link.field: from_party}, **_bump(link.model)
            )
    for key, rows in record["links"].items():
        link = by_key.get(key)
        if link is None:
            continue
        through = link.model._base_manager
        owner_id, party_id = f"{link.owner}_id", f"{link.field}_id"
        owners = [owner for owner, _from, moved in rows if moved]
        through.filter(**{f"{owner_id}__in": owners, link.field: survivor.pk}).delete()
        wanted = {(owner, from_party) for owner, from_party, _moved in rows}
        there = set(
            through.filter(**{f"{owner_id}__in": [o for o, _p in wanted]})
            .filter(**{f"{link.field}__in": {p for _o, p in wanted}})
            .values_list(owner_id, party_id)
        )
        through.bulk_create(
            [link.model(**{owner_id: o, party_id: p}) for o, p in sorted(wanted - there)],
            batch_size=500,
        )


def _undo_contacts(record: dict[str, Any], user) -> None:
    through = ContactPerson.contact_moments.through._base_manager
    for moment, duplicate, kept, moved in record["contact_links"]:
        if moved:
            through.filter(contactmoment_id=moment, contactperson_id=kept).delete()
        if not through.filter(contactmoment_id=moment, contactperson_id=duplicate).exists():
            through.create(contactmoment_id=moment, contactperson_id=duplicate)
    for duplicate, _kept in record["contacts_combined"]:
        contact = ContactPerson.everything.filter(pk=duplicate, deleted_at__isnull=False).first()
        if contact is not None:
            contact_restore(contact=contact, user=user)
    _undo_changes(ContactPerson, record["contact_changes"])


def _undo_relations(record: dict[str, Any], user) -> None:
    for pk in [*record["relations_removed"], *(d for d, _k in record["relations_combined"])]:
        relation = Relation.everything.filter(pk=pk, deleted_at__isnull=False).first()
        if relation is not None:
            relation_restore(relation=relation, user=user)
    back = {pk: (source, target) for pk, source, target in record["relations_moved"]}
    relations = list(Relation.everything.filter(pk__in=back))
    for relation in relations:
        relation.source_id, relation.target_id = back[relation.pk]
        relation.version += 1
    Relation.everything.bulk_update(relations, ["source", "target", "version"], batch_size=500)
    _undo_changes(Relation, record["relation_changes"])


def _undo_review_orders(record: dict[str, Any]) -> None:
    from engagement.models import Review

    for pk, before, after in record["review_orders"]:
        Review.objects.filter(pk=pk, party_order=after).update(party_order=before)


@transaction.atomic
def unmerge(*, project: Project, version: Version, user) -> Party:
    """Undo a merge: the merged parties come back from the bin with everything that moved, the
    survivor gets back the values the merge replaced (unless changed since), and combined
    contacts and relations are apart again. Refused (ValidationError naming what changed) when
    that is no longer safe. Returns the survivor."""
    record = merge_of(version)
    if record is None or version.project_id != project.pk:
        raise ValidationError(_("This history entry is not a merge of parties."))
    if record.get("survivor") != version.object_id:
        # A project restored from a backup numbers its objects anew; the ids this merge
        # recorded are no longer theirs.
        raise ValidationError(_("This merge was recorded before the project was restored."))
    ids = [record["survivor"], *record["merged"]]
    locked = _lock(ids)
    survivor = locked.get(record["survivor"])
    if survivor is None or survivor.project_id != project.pk:
        raise ValidationError(_("The party that stayed no longer exists."))
    if is_undone(version):
        raise ValidationError(_("This merge has already been undone."))
    problems = _problems(record, survivor, locked)
    if problems:
        raise ValidationError(
            [_("The merge cannot be undone, because something changed since:"), *problems]
        )
    before = snapshot(survivor)
    _undo_relations(record, user)
    _undo_contacts(record, user)
    _undo_moves(record, survivor)
    _undo_review_orders(record)
    for pk in record["merged"]:
        party = locked[pk]
        party.deleted_at, party.deleted_by = None, None
        party.version += 1
        party.save(update_fields=["deleted_at", "deleted_by", "version"])
        _refresh_latest(party)
        _version(party, Action.UNMERGE, user, data={**snapshot(party), "undoes": version.pk},
                 changes={})
    _undo_fields(survivor, record)
    survivor.full_clean()
    survivor.version += 1
    survivor.save()
    _refresh_latest(survivor)
    after = snapshot(survivor)
    _version(
        survivor, Action.UNMERGE, user,
        data={**after, "undoes": version.pk}, changes=diff(before, after),
    )
    inputs_changed(project.pk)
    return survivor

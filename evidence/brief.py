"""The argument brief: a short case for the alderman, management or the council, assembled from
the project's own data (theme and segments, local figures, marked policy passages, support,
the plan) into sections a member edits before issuing. Issuing freezes the data and writes the
Word and PDF files once; each issue is kept as a dated version and downloads again unchanged."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from analysis import compute
from analysis import selectors as analysis_selectors
from evidence import brief_documents, selectors
from evidence.models import (
    BRIEF_SECTIONS,
    ArgumentBrief,
    BriefAudience,
    Figure,
    Indicator,
    IssuedBrief,
)
from history.models import Version
from history.services import snapshot, version_record
from lib.text import strip_control_characters
from parties.services import _apply, _from_bin, _to_bin, _update
from planning import selectors as planning_selectors
from planning.models import Precondition
from projects.models import Project
from projects.vocabulary import project_country, word

Action = Version.Action

# How many parties the support section names on each side, and how many plan actions it lists.
KEY_PARTIES = 5
PLAN_ACTIONS = 15
FIGURE_ROWS = 12


# Reads ---------------------------------------------------------------------------------------


def brief_list(*, project: Project) -> QuerySet[ArgumentBrief]:
    return ArgumentBrief.objects.filter(project=project).select_related("created_by")


def brief_of(*, project: Project, brief_id: int) -> ArgumentBrief | None:
    return ArgumentBrief.objects.filter(project=project, pk=brief_id).first()


def issued_list(*, project: Project) -> QuerySet[IssuedBrief]:
    """Issued versions without their files, newest first."""
    return (
        IssuedBrief.objects.filter(project=project, brief__deleted_at__isnull=True)
        .defer("pdf", "docx", "data")
        .select_related("issued_by")
    )


def issued_of(*, project: Project, issued_id: int) -> IssuedBrief | None:
    return IssuedBrief.objects.filter(
        project=project, pk=issued_id, brief__deleted_at__isnull=True
    ).first()


def indicators(*, project: Project) -> QuerySet[Indicator]:
    return Indicator.objects.filter(project=project).order_by("name", "pk")


def addressee(project: Project, audience: str) -> str:
    if audience == BriefAudience.COUNCIL:
        return word(project, "council")
    if audience == BriefAudience.MANAGEMENT:
        return _("management")
    return word(project, "alderman")


def _amount(value: Decimal | None) -> str:
    return "" if value is None else number_format(value.normalize(), use_l10n=True)


def _citations(project: Project, chosen: list[int] | None) -> list[dict[str, Any]]:
    found = selectors.citations(project)
    if chosen is not None:
        found = [c for c in found if c.mark_id in set(chosen)]
    return _as_dicts(found)


def _indicators(project: Project, chosen: list[int]) -> list[dict[str, Any]]:
    """Per chosen indicator its latest period: the place, its districts, region and country."""
    if not chosen:
        return []
    found = {i.pk: i for i in indicators(project=project).filter(pk__in=chosen)}
    figures = Figure.objects.filter(indicator_id__in=list(found)).order_by(
        "indicator_id", "-period_start", "region_level", "region_name", "pk"
    )
    latest: dict[int, str] = {}
    rows: dict[int, list[dict[str, str]]] = {pk: [] for pk in found}
    for figure in figures:
        period = latest.setdefault(figure.indicator_id, figure.period)
        if figure.period != period or len(rows[figure.indicator_id]) >= FIGURE_ROWS:
            continue
        rows[figure.indicator_id].append({
            "region": figure.region_name,
            "level": str(figure.get_region_level_display()),
            "period": figure.period,
            "value": _amount(figure.value),
        })
    return [
        {
            "name": found[pk].name, "unit": found[pk].unit, "source": found[pk].source,
            "licence": found[pk].licence, "rows": rows[pk],
        }
        for pk in found
    ]


def _party(entry: compute.FeasibilityEntry) -> dict[str, Any]:
    return {"name": entry.name, "power": entry.power, "attitude": entry.attitude}


def _support(project: Project) -> dict[str, Any]:
    support = analysis_selectors.support(project)
    overall = support.series[0].last if support.series else None
    groups = {g.code: g for g in analysis_selectors.feasibility(project).groups}
    doubters = groups["opposition"].entries + groups["non_mobilised"].entries
    doubters.sort(key=lambda entry: (entry.attitude, -entry.weight))
    return {
        "index": overall.index if overall else None,
        "parties": overall.parties if overall else 0,
        "series": compute.to_json(support),
        "supporters": [_party(e) for e in groups["support"].entries[:KEY_PARTIES]],
        "doubters": [_party(e) for e in doubters[:KEY_PARTIES]],
    }


def _precondition(p: Precondition) -> dict[str, str]:
    return {
        "kind": str(p.get_kind_display()), "amount": _amount(p.amount),
        "description": p.description, "source": p.source,
    }


def _plan(project: Project) -> dict[str, Any]:
    plan = planning_selectors.plan(project=project, by="phase")
    actions = [action for group in plan.groups for action in group.actions]
    return {
        "actions": [
            {
                "title": action.title,
                "status": str(action.get_status_display()),
                "carried_by": action.live_party.name if action.live_party else "",
                "preconditions": [_precondition(p) for p in action.preconditions.all()],
            }
            for action in actions[:PLAN_ACTIONS]
        ],
        "action_count": plan.action_count,
        "hours": _amount(plan.means.hours),
        "money": _amount(plan.means.money),
        "other": plan.means.other,
    }


def facts(
    *, project: Project, marks: list[int] | None = None,
    chosen_indicators: list[int] | None = None,
) -> dict[str, Any]:
    """The project's data a brief argues from, JSON-ready: what an issued brief keeps."""
    return {
        "project": {"title": project.title, "theme": project.theme_label},
        "country": project_country(project),
        "target_group": project.target_group,
        "segments": [
            {"name": name, "description": description}
            for name, description in project.segments.values_list("name", "description")
        ],
        "citations": _citations(project, marks),
        "indicators": _indicators(project, list(chosen_indicators or [])),
        "support": _support(project),
        "plan": _plan(project),
    }


# The sections as first written -------------------------------------------------------------


def _names(parties: list[dict[str, Any]]) -> str:
    return ", ".join(p["name"] for p in parties)


def policy_line(citation: dict[str, Any]) -> str:
    """The line the policy section is first written with for one quoted passage."""
    return _("%(document)s, page %(page)s: %(note)s") % {
        "document": citation["document"], "page": citation["page"],
        "note": citation["note"] or "…"}


def policy_text(citations: list[dict[str, Any]]) -> str:
    return "\n".join(policy_line(c) for c in citations)


def _in_every_language(write) -> dict[str, str]:
    """What `write()` gives in each language of the site, by language: a draft written in
    Dutch is still recognised when an English-speaking colleague edits it."""
    written = {}
    current = translation.get_language()
    codes = sorted((code for code, _name in settings.LANGUAGES), key=lambda c: c != current)
    for code in codes:
        with translation.override(code):
            written[code] = write()
    return written


def _without_lines(text: str, lines: set[str]) -> str:
    kept = [line for line in text.split("\n") if line.strip() not in lines]
    return "\n".join(kept).strip()


def _as_dicts(citations: list[selectors.Citation]) -> list[dict[str, Any]]:
    return [
        {
            "mark_id": c.mark_id, "document": c.document, "kind": c.kind,
            "organisation": c.organisation, "year": c.year, "page": c.page,
            "quote": c.quote, "note": c.note, "source": c.source,
        }
        for c in citations
    ]


def _unchosen_lines(citations: list[dict[str, Any]], chosen: set[int]) -> set[str]:
    """The policy lines as first written for the passages the brief does not quote."""
    left_out = [c for c in citations if c["mark_id"] not in chosen]
    return {
        line for c in left_out for line in _in_every_language(lambda c=c: policy_line(c)).values()
    }


def policy_for_choice(
    *, project: Project, text: str, before: set[int], after: set[int]
) -> str:
    """The policy section once the quoted passages change from `before` to `after`.

    A text still exactly as first written follows the choice (lines of newly chosen passages
    included); in a text the member rewrote, only the unchanged lines of passages no longer
    quoted go, so it never says more than the quotes under it. The member's own words stay."""
    citations = _as_dicts(selectors.citations(project))
    if before != after:
        untouched = _in_every_language(
            lambda: policy_text([c for c in citations if c["mark_id"] in before]))
        for code, written in untouched.items():
            if text.strip() == written:
                with translation.override(code):  # in the language it was written in
                    return policy_text([c for c in citations if c["mark_id"] in after])
    return _without_lines(text, _unchosen_lines(citations, after))


def prefill(project: Project, data: dict[str, Any]) -> dict[str, str]:
    """A first text of every section from the data, for the member to rewrite."""
    segments = data["segments"]
    problem = _("%(project)s is about %(theme)s.") % {
        "project": data["project"]["title"], "theme": data["project"]["theme"]}
    if segments:
        problem += " " + _("It hits hardest: %(segments)s.") % {
            "segments": ", ".join(s["name"] for s in segments)}
    consequences = "\n".join(
        f"{s['name']}: {s['description']}" for s in segments if s["description"]
    ) or data["target_group"]
    figures = "\n".join(
        _("%(name)s (source: %(source)s)") % {"name": i["name"], "source": i["source"] or "–"}
        for i in data["indicators"]
    )
    policy = policy_text(data["citations"])
    # The index itself is not written here: the section states it from the data when the
    # brief is previewed and issued, so it is said once and never goes stale.
    support = data["support"]
    support_text = ""
    if support["supporters"]:
        support_text += _("Key supporters: %(names)s.") % {
            "names": _names(support["supporters"])}
    if support["doubters"]:
        support_text += " " + _("Still in doubt or against: %(names)s.") % {
            "names": _names(support["doubters"])}
    plan = data["plan"]
    direction = "\n".join(f"- {a['title']}" for a in plan["actions"])
    # name only the means the plan asks for: "0 hours" reads as if someone forgot to count
    means = {key: plan[key] for key in ("hours", "money") if plan[key] not in ("", "0")}
    if plan["action_count"] and len(means) == 2:
        direction += "\n" + _(
            "Together the actions need %(hours)s hours and %(money)s euro."
        ) % means
    elif plan["action_count"] and "hours" in means:
        direction += "\n" + _("Together the actions need %(hours)s hours.") % means
    elif plan["action_count"] and "money" in means:
        direction += "\n" + _("Together the actions need %(money)s euro.") % means
    return {
        "problem": problem,
        "consequences": consequences,
        "figures": figures,
        "policy": policy,
        "support": support_text.strip(),
        "direction": direction.strip(),
        "ask": _("We ask you to support this direction and to free the means it needs."),
    }


def default_title(project: Project, audience: str) -> str:
    return _("Why %(project)s matters: a brief for %(to)s") % {
        "project": project.title, "to": addressee(project, audience)}


# Writes --------------------------------------------------------------------------------------


def _author(user) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def _check_choices(project: Project, data: dict[str, Any]) -> tuple[dict[str, Any], dict]:
    """The texts cleaned, and the chosen marks and indicators as the project's own objects
    (a ValidationError naming the field for any other id)."""
    data = dict(data)
    chosen: dict[str, list] = {}
    for key, objects, message in (
        ("cited_marks", selectors.marks(project=project),
         _("Choose passages marked in this project.")),
        ("cited_indicators", indicators(project=project),
         _("Choose indicators of this project.")),
    ):
        if key not in data:
            continue
        wanted = [getattr(v, "pk", v) for v in data.pop(key) or []]
        if not all(isinstance(pk, int) for pk in wanted):
            raise ValidationError({key: message})
        found = list(objects.filter(pk__in=wanted))
        if len(found) != len(set(wanted)):
            raise ValidationError({key: message})
        chosen[key] = found
    for key in ("title", *BRIEF_SECTIONS):
        if isinstance(data.get(key), str):
            data[key] = strip_control_characters(data[key], multiline=key != "title").strip()
    if "audience" in data and data["audience"] not in BriefAudience.values:
        raise ValidationError({"audience": _("Choose the alderman, management or the council.")})
    return data, chosen


def _set_choices(brief: ArgumentBrief, chosen: dict[str, list]) -> None:
    for key, objects in chosen.items():
        getattr(brief, key).set(objects)


@transaction.atomic
def brief_create(*, project: Project, data: dict[str, Any], user=None) -> ArgumentBrief:
    """A draft with every section written from the project's data, unless given; it quotes
    every marked passage and shows every indicator until the member chooses otherwise."""
    data, chosen = _check_choices(project, data)
    audience = data.get("audience") or BriefAudience.ALDERMAN
    chosen.setdefault("cited_marks", list(selectors.marks(project=project)))
    chosen.setdefault("cited_indicators", list(indicators(project=project)))
    written = prefill(project, facts(
        project=project, marks=[m.pk for m in chosen["cited_marks"]],
        chosen_indicators=[i.pk for i in chosen["cited_indicators"]],
    ))
    brief = ArgumentBrief(project=project, created_by=_author(user))
    values = {
        **written,
        **{k: v for k, v in data.items() if k in BRIEF_SECTIONS and v},
        "title": (data.get("title") or default_title(project, audience))[:200],
        "audience": audience,
    }
    _apply(brief, values)
    brief.save()
    _set_choices(brief, chosen)
    version_record(instance=brief, project_id=project.pk, user=user, action=Action.CREATE)
    return brief


@transaction.atomic
def brief_update(
    *, brief: ArgumentBrief, data: dict[str, Any], user=None, expected_version: int | None = None
) -> ArgumentBrief:
    """Save the draft; raises EditConflict if it changed since `expected_version`."""
    from lib.concurrency import lock_current

    data, chosen = _check_choices(brief.project, data)
    if "title" in data and not data["title"]:
        raise ValidationError({"title": _("Give the brief a title.")})
    if "cited_marks" in chosen or isinstance(data.get("policy"), str):
        current = lock_current(ArgumentBrief, brief.pk, expected_version)
        before = set(current.cited_marks.values_list("pk", flat=True))
        after = {m.pk for m in chosen["cited_marks"]} if "cited_marks" in chosen else before
        text = data["policy"] if isinstance(data.get("policy"), str) else current.policy
        data["policy"] = policy_for_choice(
            project=brief.project, text=text, before=before, after=after)
    return _update(
        ArgumentBrief, brief.pk, data, project_id=brief.project_id, user=user,
        expected_version=expected_version, after_save=lambda b: _set_choices(b, chosen),
    )


@transaction.atomic
def brief_delete(*, brief: ArgumentBrief, user=None) -> None:
    """The draft to the bin; its issued versions wait there with it."""
    _to_bin(brief, user, brief.project_id)


@transaction.atomic
def brief_restore(*, brief: ArgumentBrief, user=None) -> None:
    _from_bin(brief, user, brief.project_id)


def brief_data(*, brief: ArgumentBrief, user=None) -> dict[str, Any]:
    """The brief as it would be issued now: its texts and the data they argue from."""
    project = brief.project
    chosen = set(brief.cited_marks.values_list("pk", flat=True))
    data = facts(
        project=project,
        marks=list(chosen),
        chosen_indicators=list(brief.cited_indicators.values_list("pk", flat=True)),
    )
    sections = {key: getattr(brief, key) for key in BRIEF_SECTIONS}
    # a draft saved before its text followed the choice may still name a passage it no
    # longer quotes: that line, as first written, is left out of what is shown and issued
    sections["policy"] = _without_lines(sections["policy"], _unchosen_lines(
        _as_dicts(selectors.citations(project)), chosen))
    data.update(
        title=brief.title,
        audience=brief.audience,
        to=addressee(project, brief.audience),
        sections=sections,
        issued_on=timezone.localdate().isoformat(),
        issued_by=(user.get_full_name() or user.get_username()) if _author(user) else "",
    )
    return data


@transaction.atomic
def brief_issue(
    *, brief: ArgumentBrief, user=None, expected_version: int | None = None
) -> IssuedBrief:
    """Keep the brief as it stands: its data frozen and both files written once."""
    from lib.concurrency import lock_current

    current = lock_current(ArgumentBrief, brief.pk, expected_version)
    current.project = brief.project
    data = brief_data(brief=current, user=user)
    issued = IssuedBrief(
        brief=current,
        project_id=current.project_id,
        title=current.title,
        audience=current.audience,
        issued_at=timezone.now(),
        issued_by=_author(user),
        language=translation.get_language() or "nl",
        data=data,
        pdf=brief_documents.brief_pdf(data),
        docx=brief_documents.brief_docx(data),
    )
    issued.save()
    _record(issued, user=user, action=Action.CREATE)
    return issued


# What the record of changes keeps of an issued brief: its facts, not the files.
_NOT_RECORDED = ("pdf", "docx", "data")


def _record(issued: IssuedBrief, *, user, action: str) -> None:
    Version.objects.create(
        project_id=issued.project_id,
        content_type=ContentType.objects.get_for_model(IssuedBrief),
        object_id=issued.pk,
        object_repr=str(issued)[:200],
        action=action,
        user=_author(user),
        data={k: v for k, v in snapshot(issued).items() if k not in _NOT_RECORDED},
        changes={},
    )


def _set_bin(issued: IssuedBrief, *, user, deleted: bool) -> None:
    from lib.concurrency import lock_current

    current = lock_current(IssuedBrief, issued.pk, None)
    current.deleted_at = timezone.now() if deleted else None
    current.deleted_by = _author(user) if deleted else None
    current.version += 1
    current.save(update_fields=["deleted_at", "deleted_by", "version"])
    _record(current, user=user, action=Action.DELETE if deleted else Action.RESTORE)


@transaction.atomic
def issued_delete(*, issued: IssuedBrief, user=None) -> None:
    """Withdraw an issued version to the bin; it stays as it was issued."""
    _set_bin(issued, user=user, deleted=True)


@transaction.atomic
def issued_restore(*, issued: IssuedBrief, user=None) -> None:
    _set_bin(issued, user=user, deleted=False)

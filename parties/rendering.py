"""Pieces of the party pages that cost more to render than their content is worth.

The party page offers a blank "new assessment" form under every party; rendering it was half of
the page's time. Without starting values it looks the same for every party, so it is rendered
once a day per language and kept (`lib.rendered`); where the party stood last time is then
marked in that markup.

The party list shows 25 rows of labels looked up from choices; the labels and the row's links are
built here in plain Python, once per row, instead of through a template tag or filter per cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from lib.rendered import blank_form_html
from parties.forms import AssessmentForm, PartyFilterForm
from parties.models import Assessment, Attitude, Engagement, Layer, Party, Quadrant, quadrant_for
from parties.templatetags.parties import attitude_badge

_STARTING_VALUES = [
    name for name in AssessmentForm.Meta.fields if name not in ("assessed_on", "note")
]


def assessment_fields_html(previous: Assessment | None) -> SafeString:
    """The fields of a blank new-assessment form that starts from `previous`: the form without
    starting values is rendered once a day per language; each party's values are then marked in
    that markup (a radio button checked, an option selected), as the form itself would."""

    def render() -> str:
        return render_to_string("includes/form.html", {"form": AssessmentForm()})

    html = blank_form_html("assessment", render)
    if previous is None:
        return html
    for name in _STARTING_VALUES:
        html = _choose(html, name, str(getattr(previous, name)))
    return mark_safe(html)


def _choose(html: str, name: str, value: str) -> str:
    """`html` with `value` as the one chosen value of the radio buttons or the select `name`."""
    quoted_name, quoted_value = escape(name), escape(value)
    select = re.search(rf'<select name="{quoted_name}"[^>]*>.*?</select>', html, re.DOTALL)
    if select:
        options = select.group(0).replace(" selected>", ">").replace(
            f'<option value="{quoted_value}">', f'<option value="{quoted_value}" selected>', 1
        )
        return html[: select.start()] + options + html[select.end() :]

    def radio(match: re.Match) -> str:
        tag = match.group(1).removesuffix(" checked")
        chosen = f' value="{quoted_value}" ' in tag
        return f"{tag} checked>" if chosen else f"{tag}>"

    return re.sub(rf'(<input type="radio" name="{quoted_name}" [^>]*?)>', radio, html)


@dataclass(frozen=True)
class PartyRow:
    """One row of the party list, with every label and link it shows."""

    pk: int
    name: str
    in_core_group: bool
    url: str
    edit_url: str
    row_url: str
    layer: str
    sector: str
    role: str
    ring: str
    power: int | str
    interest: int | str
    attitude: SafeString
    engagement: str
    quadrant: str


_LABELS: dict[str, dict[str, dict]] = {}


def _labels() -> dict[str, dict]:
    """Every label a row looks up, in the active language: built once per language."""
    language = get_language() or ""
    labels = _LABELS.get(language)
    if labels is None:
        choices = {
            "layer": Layer.choices,
            "sector": Party.Sector.choices,
            "role": Party.ProjectRole.choices,
            "ring": Party.Ring.choices,
            "engagement": Engagement.choices,
            "quadrant": Quadrant.choices,
        }
        labels = {name: {v: str(label) for v, label in pairs} for name, pairs in choices.items()}
        labels["attitude"] = {
            value: mark_safe(render_to_string("parties/attitude.html", attitude_badge(value)))
            for value in [None, *Attitude.values]
        }
        _LABELS[language] = labels
    return labels


def _link(name: str, project_id: int) -> str:
    """The party's address under `name` with "{}" where the party's id goes: one reverse for
    all rows instead of one per row."""
    head, _zero, tail = reverse(name, args=[project_id, 0]).rpartition("/0/")
    return f"{head}/{{}}/{tail}"


def party_rows(parties: list[Party], *, project_id: int, threshold: int) -> list[PartyRow]:
    """The rows of the party list; each party comes with its latest assessment loaded."""
    labels = _labels()
    url, edit_url, row_url = (
        _link(name, project_id) for name in ("parties:detail", "parties:edit", "parties:row")
    )
    rows = []
    for party in parties:
        latest = party.latest_assessment
        quadrant = (
            labels["quadrant"].get(quadrant_for(latest.power, latest.interest, threshold), "")
            if latest
            else ""
        )
        engagement = labels["engagement"].get(latest.engagement_current, "") if latest else ""
        rows.append(
            PartyRow(
                pk=party.pk,
                name=party.name,
                in_core_group=party.in_core_group,
                url=url.format(party.pk),
                edit_url=edit_url.format(party.pk),
                row_url=row_url.format(party.pk),
                layer=labels["layer"].get(party.layer, party.layer),
                sector=labels["sector"].get(party.sector, party.sector),
                role=labels["role"].get(party.role, party.role),
                ring=labels["ring"].get(party.ring, party.ring),
                power=(latest.power if latest else None) or "–",
                interest=(latest.interest if latest else None) or "–",
                attitude=labels["attitude"][latest.attitude if latest else None],
                engagement=engagement or "–",
                quadrant=quadrant or "–",
            )
        )
    return rows


@dataclass(frozen=True)
class FilterSelect:
    """A select box of the list's filters, with its options as markup."""

    name: str
    id: str
    label: str
    options: SafeString


_OPTIONS: dict[tuple, SafeString] = {}


def _options(form: PartyFilterForm, name: str, chosen: str) -> SafeString:
    """The options of one select, `chosen` marked: built once per language and choice, as the
    form's widgets would, without a template per option."""
    key = (get_language(), name, chosen)
    html = _OPTIONS.get(key)
    if html is None:
        html = _OPTIONS[key] = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (value, mark_safe(" selected") if str(value) == chosen else "", label)
                for value, label in form.fields[name].choices
            ),
        )
    return html


def filter_selects(form: PartyFilterForm) -> list[FilterSelect]:
    """Every filter of the list but the search box, as plain select boxes."""
    selects = []
    for name, field in form.fields.items():
        if name == "q":
            continue
        submitted = form.data.get(name) or ""
        offered = {str(value) for value, _label in field.choices}
        chosen = submitted if submitted in offered else None
        selects.append(
            FilterSelect(
                name=name,
                id=form[name].auto_id,
                label=str(field.label),
                options=_options(form, name, chosen),
            )
        )
    return selects

"""A report to the board and a briefing note, written as a municipal memo: as PDF (an HTML
template with print CSS, rendered by WeasyPrint) and as Word (python-docx), both from the same
plain data of reports.selectors, in the language that is active."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from analysis import compute, labels
from analysis.charts import Links, support_chart
from analysis.svg import to_png
from governance.models import DecisionMoment
from lib.text import xml_safe
from parties.models import Attitude
from projects.vocabulary import WORDS
from reports.models import Audience

PRINT_CSS = Path(__file__).resolve().parent / "static" / "reports" / "print.css"
_NO_LINKS = Links(party=lambda pk: "", layer=lambda code: "")


# Words and numbers ------------------------------------------------------------------------


def _day(value: str | None) -> str:
    return date_format(date.fromisoformat(value), "DATE_FORMAT") if value else ""


def _word(country: str, key: str) -> str:
    terms = WORDS[key]
    return str(terms.get(country, terms[""]))


def addressee(data: dict[str, Any]) -> str:
    if data.get("audience") == Audience.COUNCIL:
        return _word(data.get("country", ""), "council")
    return _word(data.get("country", ""), "executive")


def _attitude(value: int | None) -> str:
    if value is None:
        return "–"
    return f"{labels.signed(value)} {Attitude(value).label}"


def _change(now: float | None, then: float | None) -> str:
    if now is None or then is None:
        return "–"
    return labels.signed(now - then, 2)


def _decision(moment: dict[str, Any]) -> dict[str, str]:
    return {
        "name": moment["name"],
        "kind": str(DecisionMoment.Kind(moment["kind"]).label)
        if moment["kind"] in DecisionMoment.Kind.values
        else moment["kind"],
        "date": _day(moment["date"]),
        "papers_due": _day(moment["papers_due"]),
        "body": moment["body"],
        "ask": moment["ask"],
    }


def support_svg(data: dict[str, Any]) -> str:
    """The support-index chart per layer as it stood when the report was made."""
    series = data["support"]["series"]
    support = compute.Support(
        [date.fromisoformat(on) for on in series["dates"]],
        [
            compute.SupportSeries(
                s["layer"],
                [
                    compute.SupportPoint(
                        date.fromisoformat(p["on"]), p["parties"], p["weighted_sum"],
                        p["total_power"], p["index"],
                    )
                    for p in s["points"]
                ],
            )
            for s in series["series"]
        ],
    )
    return support_chart(support, _NO_LINKS)


def progress_view(data: dict[str, Any]) -> dict[str, Any]:
    """The report's data as the memo shows it: every code a word, every date a date."""
    period = data["period"]
    commitments = data["commitments"]
    return {
        "title": data["title"],
        "to": addressee(data),
        "project": data["project"]["title"],
        "theme": data["project"]["theme"],
        "period": (
            _("%(start)s to %(end)s") % {"start": _day(period["start"]), "end": _day(period["end"])}
            if period["start"]
            else _("until %(end)s") % {"end": _day(period["end"])}
        ),
        "date": _day(data.get("issued_on") or period["end"]),
        "author": data.get("issued_by", ""),
        "previous": (
            _("Previous report: “%(title)s” (until %(end)s).")
            % {"title": data["previous"]["title"], "end": _day(data["previous"]["period_end"])}
            if data["previous"]
            else _("This is the first report.")
        ),
        "support": [
            {
                "layer": labels.layer(row["layer"]),
                "now": labels.signed(row["now"]["index"], 2),
                "parties": row["now"]["parties"],
                "then": labels.signed(row["then"]["index"], 2) if row["then"] else "–",
                "change": _change(
                    row["now"]["index"], row["then"]["index"] if row["then"] else None
                ),
            }
            for row in data["support"]["layers"]
        ],
        "movers": [
            {
                "name": m["name"],
                "layer": labels.layer(m["layer"]),
                "before": _attitude(m["before"]),
                "now": _attitude(m["now"]),
                "up": m["now"] > m["before"],
            }
            for m in data["movers"]
        ],
        "delivered": [{**c, "on": _day(c["on"])} for c in commitments["delivered"]],
        "delivered_count": commitments["delivered_count"],
        "overdue": [{**c, "on": _day(c["on"])} for c in commitments["overdue"]],
        "overdue_count": commitments["overdue_count"],
        "successes": [{**s, "on": _day(s["on"])} for s in data["successes"]],
        "plan": data["plan"],
        "decisions": [_decision(m) for m in data["decisions"]],
    }


def briefing_view(data: dict[str, Any]) -> dict[str, Any]:
    profile = data["profile"]
    history = data["history"]
    term = ""
    if profile.get("term_start") or profile.get("term_end"):
        term = f"{_day(profile.get('term_start'))} – {_day(profile.get('term_end'))}"
    overall = data["figures"]["support"][0]["now"] if data["figures"]["support"] else {}
    return {
        "name": data["party"]["name"],
        "project": data["project"]["title"],
        "theme": data["project"]["theme"],
        "date": _day(data["today"]),
        "role": _word(data.get("country", ""), "alderman"),
        "profile": {**profile, "term": term, "last_briefed_on": _day(
            profile.get("last_briefed_on"))},
        "history": [
            {"on": _day(h["on"]), "attitude": _attitude(h["attitude"]), "power": h["power"]}
            for h in history[-6:]
        ],
        "now": _attitude(history[-1]["attitude"]) if history else "",
        "power": history[-1]["power"] if history else None,
        "next_decision": _decision(data["next_decision"]) if data["next_decision"] else None,
        "successes": [{**s, "on": _day(s["on"])} for s in data["successes"]],
        "support_overall": labels.signed(overall.get("index"), 2),
        "support_parties": overall.get("parties", 0),
        "commitments_delivered": data["figures"]["commitments_delivered"],
        "plan_percent": data["figures"]["plan_percent"],
    }


# PDF --------------------------------------------------------------------------------------


def html(template: str, view: dict[str, Any], chart: str = "") -> str:
    return render_to_string(template, {"memo": view, "chart": xml_safe(chart)})


def pdf(markup: str) -> bytes:
    from weasyprint import CSS, HTML

    return HTML(string=markup).write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))])


def progress_pdf(data: dict[str, Any]) -> bytes:
    return pdf(html("reports/progress_document.html", progress_view(data), support_svg(data)))


def briefing_pdf(data: dict[str, Any]) -> bytes:
    return pdf(html("reports/briefing_document.html", briefing_view(data)))


# Word -------------------------------------------------------------------------------------


def _memo_head(document: Any, title: str, rows: list[tuple[str, str]]) -> None:
    from docx.shared import Pt

    heading = document.add_paragraph()
    run = heading.add_run(_("Memo").upper())
    run.bold, run.font.size = True, Pt(18)
    table = document.add_table(rows=0, cols=2)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, xml_safe(value)
        cells[0].paragraphs[0].runs[0].bold = True
    document.add_heading(xml_safe(title), level=1)


def _table(document: Any, header: list[str], rows: list[list[Any]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = xml_safe(str(value))


def _bullets(document: Any, lines: list[str], empty: str) -> None:
    if not lines:
        document.add_paragraph(empty)
    for line in lines:
        document.add_paragraph(xml_safe(line), style="List Bullet")


def _new_document(title: str) -> Any:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    document.core_properties.title = xml_safe(title)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Arial", Pt(10)
    return document


def _bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def progress_docx(data: dict[str, Any]) -> bytes:
    from docx.shared import Cm

    memo = progress_view(data)
    document = _new_document(memo["title"])
    _memo_head(document, memo["title"], [
        (pgettext("memo", "To"), memo["to"]),
        (pgettext("memo", "From"), memo["author"] or memo["project"]),
        (_("Date"), memo["date"]),
        (_("Project"), f"{memo['project']} ({memo['theme']})"),
        (_("Period"), memo["period"]),
    ])
    document.add_paragraph(memo["previous"])
    document.add_heading(_("Support"), level=2)
    header = [_("Layer"), _("Now"), _("Parties"), _("Previous report"),
              pgettext("support index", "Change")]
    _table(document, header, [
        [r["layer"], r["now"], r["parties"], r["then"], r["change"]] for r in memo["support"]
    ])
    document.add_picture(io.BytesIO(to_png(support_svg(data))), width=Cm(16))
    document.add_heading(_("Who moved"), level=2)
    _bullets(document, [
        _("%(name)s (%(layer)s): from %(before)s to %(now)s") % m for m in memo["movers"]
    ], _("No party changed its attitude since the previous report."))
    document.add_heading(_("Commitments"), level=2)
    document.add_paragraph(
        _("Delivered: %(delivered)s. Overdue: %(overdue)s.")
        % {"delivered": memo["delivered_count"], "overdue": memo["overdue_count"]}
    )
    _bullets(document, [
        _("Delivered on %(on)s by %(party)s: %(what)s") % c for c in memo["delivered"]
    ] + [_("Overdue since %(on)s, %(party)s: %(what)s") % c for c in memo["overdue"]], "")
    document.add_heading(_("Successes"), level=2)
    _bullets(document, [f"{s['on']}: {s['title']}" for s in memo["successes"]],
             _("No successes in this period."))
    document.add_heading(_("Progress of the plan"), level=2)
    plan = memo["plan"]
    document.add_paragraph(
        _("Step plan %(percent)s%% done; %(done)s of %(actions)s plan actions done.")
        % {"percent": plan["percent"], "done": plan["actions_done"], "actions": plan["actions"]}
    )
    _table(document, [_("Step"), _("Done")], [
        [f"{s['number']}. {s['title']}", f"{s['done']} / {s['total']}"] for s in plan["steps"]
    ])
    if plan["running"]:
        document.add_paragraph(_("Running now") + ": " + xml_safe(", ".join(plan["running"])))
    document.add_heading(_("Coming decisions"), level=2)
    if memo["decisions"]:
        _table(document, [_("Date"), _("Decision"), _("Papers due"), _("What we ask")], [
            [d["date"], f"{d['name']} {d['body']}".strip(), d["papers_due"] or "–", d["ask"]]
            for d in memo["decisions"]
        ])
    else:
        document.add_paragraph(_("No decisions planned."))
    return _bytes(document)


def briefing_docx(data: dict[str, Any]) -> bytes:
    memo = briefing_view(data)
    title = _("Briefing note: %(name)s") % {"name": memo["name"]}
    document = _new_document(title)
    profile = memo["profile"]
    _memo_head(document, title, [
        (_("About"), f"{memo['name']} ({memo['role']})"),
        (_("Date"), memo["date"]),
        (_("Project"), f"{memo['project']} ({memo['theme']})"),
    ])
    document.add_heading(_("Profile"), level=2)
    for label, value in (
        (_("Portfolios"), profile.get("portfolios", "")),
        (_("Policy areas"), ", ".join(profile.get("policy_areas", []))),
        (_("Party or group"), profile.get("political_group", "")),
        (_("Term"), profile.get("term", "")),
        (_("What drives them"), profile.get("drivers", "")),
        (_("Likes to be informed by"), ", ".join(profile.get("informed_by", []))),
        (_("Last briefed on"), profile.get("last_briefed_on", "")),
    ):
        if value:
            document.add_paragraph(f"{label}: {xml_safe(value)}")
    document.add_heading(_("Position and power over time"), level=2)
    _bullets(document, [
        _("%(on)s: %(attitude)s, power %(power)s") % h for h in memo["history"]
    ], _("Not assessed yet."))
    document.add_heading(_("Arguments"), level=2)
    document.add_paragraph(_("That worked: %(text)s") % {
        "text": xml_safe(profile.get("arguments_worked") or "–")})
    document.add_paragraph(_("That did not work: %(text)s") % {
        "text": xml_safe(profile.get("arguments_failed") or "–")})
    document.add_heading(_("What we ask at the next decision"), level=2)
    decision = memo["next_decision"]
    document.add_paragraph(
        _("%(name)s on %(date)s: %(ask)s") % {**decision, "ask": decision["ask"] or "–"}
        if decision else _("No decision planned.")
    )
    document.add_heading(_("Figures and successes"), level=2)
    document.add_paragraph(
        _("Support index %(index)s (%(parties)s parties); %(delivered)s commitments delivered; "
          "step plan %(percent)s%% done.")
        % {"index": memo["support_overall"], "parties": memo["support_parties"],
           "delivered": memo["commitments_delivered"], "percent": memo["plan_percent"]}
    )
    _bullets(document, [f"{s['on']}: {s['title']}" for s in memo["successes"]], "")
    return _bytes(document)


def filename(title: str, extension: str) -> str:
    return f"{slugify(title)[:60] or 'report'}.{extension}"


# The pieces other memos are built from (the argument brief of the evidence app).
memo_head, table, bullets = _memo_head, _table, _bullets
new_document, as_bytes = _new_document, _bytes

"""The argument brief as Word (python-docx) and PDF (an HTML template with the reports' print
CSS, rendered by WeasyPrint), both from the same plain data that an issued brief keeps, with
the memo pieces of reports.documents."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from analysis import labels
from analysis.svg import to_png
from lib.text import xml_safe
from reports import documents


# The headings of the sections, in the order the brief argues.
def section_titles() -> dict[str, str]:
    return {
        "problem": _("The problem and who it hits"),
        "consequences": _("Its consequences"),
        "figures": _("Local figures"),
        "policy": _("Where policy already commits"),
        "support": _("Support"),
        "direction": _("A workable direction"),
        "ask": _("Our ask"),
    }


def _attitude(value: int) -> str:
    return labels.signed(value)


def support_line(support: dict[str, Any]) -> str:
    """The support section's one statement of the index, or plainly that there is none yet."""
    if not support["parties"]:
        return _("No party has been assessed yet, so there is no support index.")
    return _("Support index %(index)s (%(parties)s parties).") % {
        "index": labels.signed(support["index"], 2), "parties": support["parties"]}


def _empty(key: str, text: str, data: dict[str, Any]) -> bool:
    """A figures section without text or indicators: the files leave it out, the preview
    says where figures are added."""
    return key == "figures" and not text.strip() and not data["indicators"]


def brief_view(data: dict[str, Any]) -> dict[str, Any]:
    """The brief as the memo shows it: each section's text with the data that backs it."""
    titles = section_titles()
    support = data["support"]
    return {
        "title": data["title"],
        "to": data["to"],
        "author": data.get("issued_by", ""),
        "project": data["project"]["title"],
        "theme": data["project"]["theme"],
        "date": date_format(date.fromisoformat(data["issued_on"]), "DATE_FORMAT"),
        "sections": [
            {"key": key, "title": titles[key], "text": text, "empty": _empty(key, text, data)}
            for key, text in data["sections"].items()
        ],
        "citations": data["citations"],
        "indicators": data["indicators"],
        "support_line": support_line(support),
        "supporters": [{**p, "attitude": _attitude(p["attitude"])} for p in support["supporters"]],
        "doubters": [{**p, "attitude": _attitude(p["attitude"])} for p in support["doubters"]],
        "plan": data["plan"],
    }


def chart(data: dict[str, Any]) -> str:
    return documents.support_svg(data) if data["support"]["series"]["dates"] else ""


def brief_html(data: dict[str, Any]) -> str:
    return documents.html("evidence/brief/document.html", brief_view(data), chart(data))


def brief_pdf(data: dict[str, Any]) -> bytes:
    return documents.pdf(brief_html(data))


def citation_line(c: dict[str, Any]) -> str:
    return _("%(source)s, page %(page)s") % {"source": c["source"], "page": c["page"]}


def brief_docx(data: dict[str, Any]) -> bytes:
    from docx.shared import Cm

    memo = brief_view(data)
    document = documents.new_document(memo["title"])
    documents.memo_head(document, memo["title"], [
        (pgettext("memo", "To"), memo["to"]),
        (pgettext("memo", "From"), memo["author"] or memo["project"]),
        (_("Date"), memo["date"]),
        (_("Project"), f"{memo['project']} ({memo['theme']})"),
    ])
    for section in memo["sections"]:
        if section["empty"]:
            continue
        document.add_heading(section["title"], level=2)
        for line in section["text"].splitlines():
            if line.strip():
                document.add_paragraph(xml_safe(line))
        if section["key"] == "figures":
            for indicator in memo["indicators"]:
                unit = f" ({indicator['unit']})" if indicator["unit"] else ""
                document.add_paragraph(xml_safe(indicator["name"] + unit)).runs[0].bold = True
                documents.table(document, [_("Region"), _("Level"), _("Period"), _("Value")], [
                    [r["region"], r["level"], r["period"], r["value"]] for r in indicator["rows"]
                ])
                document.add_paragraph(xml_safe(_("Source: %(source)s. %(licence)s") % {
                    "source": indicator["source"] or "–", "licence": indicator["licence"]}))
        elif section["key"] == "policy":
            for c in memo["citations"]:
                quote = document.add_paragraph(xml_safe(f"“{c['quote']}”"), style="Quote")
                quote.paragraph_format.left_indent = Cm(1)
                document.add_paragraph(xml_safe(citation_line(c)))
        elif section["key"] == "support":
            document.add_paragraph(memo["support_line"])
            svg = chart(data)
            if svg:
                document.add_picture(io.BytesIO(to_png(svg)), width=Cm(16))
            header = [_("Party"), _("Power"), _("Attitude")]
            if memo["supporters"]:
                document.add_paragraph(_("Key supporters")).runs[0].bold = True
                documents.table(document, header, [
                    [p["name"], p["power"], p["attitude"]] for p in memo["supporters"]])
            if memo["doubters"]:
                document.add_paragraph(_("Doubters and opponents")).runs[0].bold = True
                documents.table(document, header, [
                    [p["name"], p["power"], p["attitude"]] for p in memo["doubters"]])
        elif section["key"] == "direction" and memo["plan"]["actions"]:
            documents.table(document, [_("Action"), _("Status"), _("Needs")], [
                [a["title"], a["status"], "; ".join(_needs(p) for p in a["preconditions"])]
                for a in memo["plan"]["actions"]
            ])
    return documents.as_bytes(document)


def _needs(p: dict[str, str]) -> str:
    text = " ".join(part for part in (p["amount"], p["kind"], p["description"]) if part)
    return f"{text} ({p['source']})" if p["source"] else text


def filename(title: str, extension: str) -> str:
    return documents.filename(title, extension)

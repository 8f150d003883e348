"""A message about successes: drafted from translatable sentence templates in the language that
is active (the user's), and written out as plain text or a Word document."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lib.text import strip_control_characters, xml_safe
from planning.models import Audience, Success
from projects.models import Project


def _names(names: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def _success_line(success: Success) -> str:
    line = _("%(date)s: %(what)s.") % {
        "date": date_format(success.achieved_on, "DATE_FORMAT"),
        "what": success.title.rstrip("."),
    }
    if success.description:
        line += " " + " ".join(success.description.split())
    parties = [party.name for party in success.parties.all()]
    if parties:
        line += " " + _("Together with %(parties)s.") % {"parties": _names(parties)}
    evidence = " ".join(part for part in (success.evidence_text.strip(),
                                          success.evidence_url) if part)
    if evidence:
        line += " " + _("(Evidence: %(evidence)s)") % {"evidence": evidence}
    return "- " + line


def message_title(*, project: Project, audience: str) -> str:
    if audience == Audience.COUNCIL:
        return _("Results of %(project)s for the council") % {"project": project.title}
    return _("What we achieved together in %(project)s") % {"project": project.title}


def message_draft(
    *, project: Project, successes: Sequence[Success], audience: str, sender: str = ""
) -> str:
    """A first version of the message, for the user to edit: it names each success with its
    date and the parties behind it."""
    values = {"project": project.title, "theme": project.theme_label}
    parties = sorted({party.name for success in successes for party in success.parties.all()})
    if audience == Audience.COUNCIL:
        opening = [
            _("Dear members of the council,"),
            _("In the project “%(project)s” partners work together on %(theme)s for everyone, "
              "including the people with the fewest chances. We would like to tell you what "
              "has been achieved.") % values,
        ]
        closing = [
            _("These results show that the joint approach works and deserves continued "
              "support. We are glad to explain them in person and to discuss the next steps "
              "with you."),
        ]
    else:
        opening = [
            _("Dear partners,"),
            _("Thanks to your commitment, the project “%(project)s” keeps moving forward. "
              "Here is what we achieved together.") % values,
        ]
        closing = [
            _("Thank you all for your time and effort. Let us build on these results in the "
              "next steps."),
        ]
    if parties:
        closing.insert(0, _("With thanks to %(parties)s.") % {"parties": _names(parties)})
    body = "\n".join(_success_line(success) for success in successes)
    signature = _("Kind regards,") + ("\n" + sender if sender else "")
    return "\n\n".join([*opening, body, *closing, signature]).strip() + "\n"


def message_filename(title: str, extension: str) -> str:
    return f"{slugify(title)[:60] or 'message'}.{extension}"


def message_txt(*, title: str, text: str) -> bytes:
    title = strip_control_characters(title)
    text = strip_control_characters(text, multiline=True)
    return f"{title}\n\n{text.strip()}\n".encode()


def message_docx(*, title: str, text: str) -> bytes:
    """A Word document with the title as heading; blank lines separate paragraphs and lines
    that start with "- " become bullets."""
    from docx import Document

    # python-docx refuses control characters, and a stored message may hold them (a vertical
    # tab is how Word pastes a line break).
    title, text = strip_control_characters(title), xml_safe(text)
    document = Document()
    document.core_properties.title = title
    document.add_heading(title, level=1)
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            for line in lines:
                document.add_paragraph(line[2:].strip(), style="List Bullet")
            continue
        paragraph = document.add_paragraph()
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            if index < len(lines) - 1:
                run.add_break()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

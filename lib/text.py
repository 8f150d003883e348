"""Text as people type it: C0 and C1 control characters have no place in a name or a note.

They break XML (SVG charts, .docx files) and mislead on screen, so every way in (forms, the API,
imports) strips them, and every drawing or document strips them again from what is stored.
"""

from __future__ import annotations

import re

# C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F); tab and newline are kept in multi-line text.
_CONTROL_SINGLE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_MULTI_LINE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n?")


def strip_control_characters(value: str, *, multiline: bool = False) -> str:
    """Remove control characters; in multi-line text keep tab and newline (CR LF becomes LF)."""
    if multiline:
        return _CONTROL_MULTI_LINE.sub("", _LINE_BREAKS.sub("\n", value))
    return _CONTROL_SINGLE_LINE.sub("", value)


def has_control_characters(value: str, *, multiline: bool = False) -> bool:
    pattern = _CONTROL_MULTI_LINE if multiline else _CONTROL_SINGLE_LINE
    return pattern.search(_LINE_BREAKS.sub("\n", value) if multiline else value) is not None


def xml_safe(value: object) -> str:
    """A stored value made fit for XML output (SVG, .docx): controls gone, tab and newline kept."""
    return strip_control_characters(str(value), multiline=True).replace("\r", "")

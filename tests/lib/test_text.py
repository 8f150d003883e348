from __future__ import annotations

import pytest

from lib.text import has_control_characters, strip_control_characters, xml_safe


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x0b", "\x1f", "\x7f", "\x85", "\x9f"])
def test_control_characters_are_stripped(char):
    assert strip_control_characters(f"Buurt{char}team") == "Buurtteam"
    assert strip_control_characters(f"Buurt{char}team", multiline=True) == "Buurtteam"
    assert has_control_characters(f"a{char}b")


def test_tab_and_newline_stay_in_multiline_text_only():
    assert strip_control_characters("a\tb\r\nc", multiline=True) == "a\tb\nc"
    assert strip_control_characters("a\tb\nc") == "abc"
    assert not has_control_characters("a\tb\nc", multiline=True)


def test_ordinary_text_is_untouched():
    text = "Café — ‘gezondheidsverschillen’ € 5 ＝ ok"
    assert strip_control_characters(text) == text
    assert xml_safe(text) == text

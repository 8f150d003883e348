from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import translation

from parties.models import Layer, Party
from transfer.columns import (
    ASSESSMENT_COLUMNS,
    CONTACT_COLUMNS,
    PARTY_COLUMNS,
    RELATION_KINDS,
    AttitudeCodec,
    Bool,
    CellError,
    Choice,
    Date,
    Score,
    Segments,
    escape_formula,
    place_header,
    unescape_formula,
)


def test_no_two_columns_share_a_header_name():
    keys = [key for column in (*PARTY_COLUMNS, *ASSESSMENT_COLUMNS) for key in column.keys]
    assert len(keys) == len(set(keys))
    contact_keys = [key for column in CONTACT_COLUMNS for key in column.keys]
    assert len(contact_keys) == len(set(contact_keys))


@pytest.mark.parametrize(
    "header, target, key, group",
    [
        ("Naam", "party", "name", 0),
        ("ORGANISATIE", "party", "name", 0),
        ("Name", "party", "name", 0),
        ("laag", "party", "layer", 0),
        ("Layer", "party", "layer", 0),
        ("Macht", "assessment", "power", 0),
        ("power", "assessment", "power", 0),
        ("Houding", "assessment", "attitude", 0),
        ("Attitude ", "assessment", "attitude", 0),
        ("Belang", "assessment", "interest", 0),
        ("Belangen", "party", "interests", 0),
        ("E-mail", "contact", "email", 1),
        ("Email", "contact", "email", 1),
        ("E-mailadres", "contact", "email", 1),
        ("Contactpersoon 2 e-mail", "contact", "email", 2),
        ("Contact 3 Phone", "contact", "phone", 3),
        ("contactpersoon_1_niet_contacteren", "contact", "do_not_contact", 1),
        ("Contactpersoon 2", "contact", "name", 2),
        ("Werkt met kwetsbare groepen", "party", "works_with_vulnerable_groups", 0),
        ("Deelgroepen", "party", "segments", 0),
    ],
)
def test_headers_are_recognised_in_dutch_and_english(header, target, key, group):
    placed = place_header(header)
    assert placed is not None
    assert (placed.target, placed.column.key, placed.group) == (target, key, group)


def test_unknown_header_is_not_placed():
    assert place_header("Lievelingskleur") is None
    assert place_header("") is None


@pytest.mark.parametrize("raw", ["board", "Board", "bestuur", "BESTUUR", " Bestuur "])
def test_choice_accepts_value_and_both_labels(raw):
    assert Choice(Layer).parse(raw) == "board"


def test_choice_accepts_dutch_label_with_accents_in_any_case():
    assert Choice(Party.Ring).parse("WORDT GEINFORMEERD") == "informed"
    assert Choice(Party.Ring).parse("wordt geïnformeerd") == "informed"


def test_choice_names_the_allowed_values_when_wrong():
    with translation.override("en"), pytest.raises(CellError) as error:
        Choice(Layer).parse("kelder")
    assert "kelder is not one of: board, management" in error.value.message


@pytest.mark.parametrize(
    "raw, value",
    [
        ("ja", True),
        ("Nee", False),
        ("yes", True),
        ("no", False),
        ("1", True),
        ("0", False),
        ("x", True),
        ("X", True),
        ("waar", True),
        ("onwaar", False),
        ("TRUE", True),
        ("false", False),
        (True, True),
        (1, True),
        (0, False),
    ],
)
def test_booleans(raw, value):
    assert Bool().parse(raw) is value


def test_boolean_refuses_other_words():
    with pytest.raises(CellError):
        Bool().parse("misschien")


@pytest.mark.parametrize(
    "raw",
    [
        "2026-03-31",
        "31-03-2026",
        "31/03/2026",
        date(2026, 3, 31),
        datetime(2026, 3, 31),
        "2026-03-31 00:00:00",
    ],
)
def test_dates(raw):
    assert Date().parse(raw) == date(2026, 3, 31)


def test_date_refuses_nonsense():
    with pytest.raises(CellError):
        Date().parse("31-31-2026")


@pytest.mark.parametrize("raw", ["4", "4,0", "4.0", 4, 4.0, " 4 "])
def test_scores_accept_a_decimal_comma(raw):
    assert Score().parse(raw) == 4


def test_score_outside_the_scale_is_refused():
    with translation.override("en"), pytest.raises(CellError) as error:
        Score().parse("6")
    assert error.value.message == "6 is not on the scale 1–5"
    with pytest.raises(CellError):
        Score().parse("4,5")


@pytest.mark.parametrize(
    "raw, value",
    [
        ("-2", -2),
        ("+2", 2),
        ("−1", -1),
        (1, 1),
        ("0", 0),
        ("steun", 1),
        ("strong opposition", -2),
        ("Neutraal of niet gemobiliseerd", 0),
    ],
)
def test_attitude_as_number_or_label(raw, value):
    assert AttitudeCodec().parse(raw) == value


def test_segments_split_on_semicolons_and_commas():
    assert Segments().parse("Zwangeren; nieuwkomers,  ouderen ;zwangeren") == [
        "Zwangeren",
        "nieuwkomers",
        "ouderen",
    ]


@pytest.mark.parametrize(
    "word, kind",
    [
        ("samenwerking", "works_with"),
        ("Financiering", "funds"),
        ("funds", "funds"),
        ("werkt samen met", "works_with"),
        ("legt verantwoording af aan", "reports_to"),
        ("conflict", "conflicts_with"),
        ("Informal tie", "informal"),
    ],
)
def test_relation_kinds_from_common_words(word, kind):
    assert RELATION_KINDS.parse(word) == kind


@pytest.mark.parametrize(
    "text",
    [
        "=SUM(A1:A3)",
        "+32 2 123 45 67",
        "-5",
        "@cmd",
        "\tx",
        "\rx",
        "'=al ontsnapt",
        "\uff1dSUM(A1:A3)",  # the full-width signs, read as formulas in East Asian settings
        "\uff0b32 2 123 45 67",
        "\uff0d5",
        "\uff20cmd",
    ],
)
def test_formula_escape_round_trips(text):
    escaped = escape_formula(text)
    assert escaped.startswith("'")
    assert unescape_formula(escaped) == text


@pytest.mark.parametrize("text", ["'s-Hertogenbosch", "'t Klavertje", "Gewoon"])
def test_names_with_an_apostrophe_are_left_alone(text):
    assert escape_formula(text) == text
    assert unescape_formula(text) == text

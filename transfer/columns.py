"""The columns of the party register as a spreadsheet: one definition per column, with its
Dutch and English header, the other names people give it, and how a cell is read and written.

Choices are written as labels in the reader's language and read back from the stored value, the
English or the Dutch label, whatever the case or accents. Attitude is written as its number on
the −2…+2 scale, since that is what people calculate with.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils import translation
from django.utils.translation import gettext as _

from parties.models import Attitude, ContactPerson, Engagement, Layer, Party, Relation

Cell = str | int | float | date | datetime | bool | None

# A text cell starting with one of these can run as a formula in a spreadsheet program; the
# full-width forms too, since spreadsheet programs with an East Asian input method read them so.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


class CellError(Exception):
    """A cell that cannot be read; the message says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def fold(text: str) -> str:
    """Case and accents removed: "Café" and "CAFE" fold alike."""
    if text.isascii():  # nothing to decompose: most names, read once per row of an import
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=4096)  # the same few choice words come back in every row
def header_key(text: str) -> str:
    """A header as compared: folded, with spaces and punctuation gone ("E-mail" → "email")."""
    return re.sub(r"[\W_]+", "", fold(text))


def name_key(text: str) -> str:
    """A party, contact or segment name as matched: folded, with runs of spaces made one."""
    return " ".join(fold(text).split())


def is_dutch(language: str | None = None) -> bool:
    return (language or translation.get_language() or "nl").startswith("nl")


def escape_formula(text: str) -> str:
    """A leading apostrophe keeps a spreadsheet from running the text as a formula.

    Text that already starts with an apostrophe before such a character gets one more, so that
    `unescape_formula` gives back exactly what was written ("'s-Hertogenbosch" stays as it is).
    """
    if text.startswith(FORMULA_STARTS) or (text[:1] == "'" and text[1:2] in FORMULA_STARTS):
        return "'" + text
    return text


def unescape_formula(text: str) -> str:
    if text[:1] == "'" and text[1:2] and (text[1] in FORMULA_STARTS or text[1] == "'"):
        return text[1:]
    return text


def _whole_number(raw: Cell) -> int:
    if isinstance(raw, bool):
        raise CellError(_("%(value)s is not a number") % {"value": raw})
    if isinstance(raw, int):
        return raw
    text = str(raw).strip().replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(_("%(value)s is not a number") % {"value": raw}) from None
    if number != number.to_integral_value():
        raise CellError(_("%(value)s is not a whole number") % {"value": raw})
    return int(number)


class Codec:
    """Reads a filled cell into a stored value and writes a stored value as a cell."""

    def parse(self, raw: Cell) -> Any:
        raise NotImplementedError

    def format(self, value: Any, language: str) -> Cell:
        return value

    def allowed(self, language: str) -> list[str]:
        """The values to list on the template's sheet of allowed values."""
        return []


@dataclass(frozen=True)
class Text(Codec):
    max_length: int | None = None

    def parse(self, raw: Cell) -> str:
        if isinstance(raw, datetime):
            text = raw.date().isoformat() if raw.time() == datetime.min.time() else str(raw)
        elif isinstance(raw, date):
            text = raw.isoformat()
        elif isinstance(raw, float) and raw.is_integer():
            text = str(int(raw))
        else:
            text = str(raw)
        if self.max_length and len(text) > self.max_length:
            raise CellError(
                _("the text is %(length)s characters long; at most %(max)s fit")
                % {"length": len(text), "max": self.max_length}
            )
        return text


@dataclass(frozen=True)
class Email(Text):
    def parse(self, raw: Cell) -> str:
        text = super().parse(raw)
        if text.lower().startswith("mailto:"):
            text = text[7:]
        try:
            validate_email(text)
        except ValidationError:
            raise CellError(_("%(value)s is not an e-mail address") % {"value": text}) from None
        return text


@cache
def _choice_lookup(choices: type[models.Choices]) -> dict[str, Any]:
    lookup: dict[str, Any] = {}
    for value, label in zip(choices.values, choices.labels, strict=True):
        for language in ("en", "nl"):
            with translation.override(language):
                lookup.setdefault(header_key(str(label)), value)
        lookup[header_key(str(value))] = value
    return lookup


@cache
def _labels(choices: type[models.Choices], language: str) -> dict[Any, str]:
    with translation.override(language or "nl"):
        return {value: str(label) for value, label in choices.choices}


@cache
def _extra_lookup(choices: type[models.Choices], extra: tuple[tuple[str, Any], ...]) -> dict:
    return {**{header_key(word): value for word, value in extra}, **_choice_lookup(choices)}


@dataclass(frozen=True)
class Choice(Codec):
    choices: type[models.Choices]
    extra: tuple[tuple[str, Any], ...] = ()

    def parse(self, raw: Cell) -> Any:
        value = _extra_lookup(self.choices, self.extra).get(header_key(str(raw)))
        if value is None:
            raise CellError(
                _("%(value)s is not one of: %(allowed)s")
                % {"value": raw, "allowed": ", ".join(self.allowed(translation.get_language()))}
            )
        return value

    def format(self, value: Any, language: str) -> Cell:
        return _labels(self.choices, language)[value]

    def allowed(self, language: str) -> list[str]:
        return list(_labels(self.choices, language).values())


@dataclass(frozen=True)
class Score(Codec):
    low: int = 1
    high: int = 5

    def parse(self, raw: Cell) -> int:
        number = _whole_number(raw)
        if not self.low <= number <= self.high:
            raise CellError(
                _("%(value)s is not on the scale %(low)s–%(high)s")
                % {"value": raw, "low": self.low, "high": self.high}
            )
        return number

    def allowed(self, language: str) -> list[str]:
        return [str(n) for n in range(self.low, self.high + 1)]


@dataclass(frozen=True)
class AttitudeCodec(Codec):
    """A number from −2 to +2, or one of the attitude's labels."""

    def parse(self, raw: Cell) -> int:
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            return Score(-2, 2).parse(raw)
        text = str(raw).strip().replace("−", "-")
        if re.fullmatch(r"[+-]?\s*\d+([.,]\d+)?", text):
            return Score(-2, 2).parse(text.replace("+", ""))
        value = _choice_lookup(Attitude).get(header_key(text))
        if value is None:
            raise CellError(
                _("%(value)s is not on the scale −2 to +2 nor one of: %(allowed)s")
                % {
                    "value": raw,
                    "allowed": ", ".join(Choice(Attitude).allowed(translation.get_language())),
                }
            )
        return value

    def allowed(self, language: str) -> list[str]:
        with translation.override(language):
            return [f"{value:+d} {label}".replace("+0", "0") for value, label in Attitude.choices]


_TRUE = {"ja", "j", "yes", "y", "1", "x", "waar", "true"}
_FALSE = {"nee", "n", "no", "0", "onwaar", "false"}


@dataclass(frozen=True)
class Bool(Codec):
    def parse(self, raw: Cell) -> bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int | float) and raw in (0, 1):
            return bool(raw)
        key = header_key(str(raw))
        if key in _TRUE or str(raw).strip() == "✓":
            return True
        if key in _FALSE:
            return False
        raise CellError(_("%(value)s is not yes or no") % {"value": raw})

    def format(self, value: Any, language: str) -> Cell:
        if is_dutch(language):
            return "ja" if value else "nee"
        return "yes" if value else "no"

    def allowed(self, language: str) -> list[str]:
        return ["ja", "nee"] if is_dutch(language) else ["yes", "no"]


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d")


@dataclass(frozen=True)
class Date(Codec):
    def parse(self, raw: Cell) -> date:
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        text = str(raw).strip()
        text = re.sub(r"[ T]00:00(:00)?$", "", text)
        for fmt in _DATE_FORMATS:
            try:
                return datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        raise CellError(
            _("%(value)s is not a date; write it as 2026-01-31 or 31-01-2026") % {"value": raw}
        )

    def allowed(self, language: str) -> list[str]:
        return ["31-01-2026", "2026-01-31"]


@dataclass(frozen=True)
class Segments(Codec):
    """Names separated by ";" or ","; unknown names become new segments of the project."""

    def parse(self, raw: Cell) -> list[str]:
        names: list[str] = []
        seen: set[str] = set()
        for part in re.split(r"[;,\n]", str(raw)):
            name = " ".join(part.split())
            if not name or name_key(name) in seen:
                continue
            if len(name) > 200:
                raise CellError(_("a segment name is longer than 200 characters"))
            seen.add(name_key(name))
            names.append(name)
        return names

    def format(self, value: Any, language: str) -> Cell:
        return "; ".join(value)


@dataclass(frozen=True)
class Column:
    key: str  # the model field it fills
    nl: str
    en: str
    codec: Codec
    aliases: tuple[str, ...] = ()
    width: int = 18
    keys: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        names = (self.nl, self.en, *self.aliases)
        object.__setattr__(self, "keys", frozenset(header_key(n) for n in names))

    def header(self, language: str) -> str:
        return self.nl if is_dutch(language) else self.en


def _text(model: type[models.Model], name: str) -> Text:
    return Text(max_length=model._meta.get_field(name).max_length)


PARTY_COLUMNS: tuple[Column, ...] = (
    Column(
        "name",
        "Naam",
        "Name",
        _text(Party, "name"),
        (
            "Naam partij",
            "Partij",
            "Party",
            "Party name",
            "Organisatie",
            "Organisation",
            "Organization",
            "Organisatienaam",
            "Bedrijf",
            "Company",
        ),
        width=32,
    ),
    Column("kind", "Soort", "Kind", Choice(Party.Kind), ("Type", "Soort partij", "Kind of party")),
    Column(
        "is_internal",
        "Binnen de eigen organisatie",
        "Inside own organisation",
        Bool(),
        (
            "Intern",
            "Internal",
            "Eigen organisatie",
            "Binnen eigen organisatie",
        ),
        width=12,
    ),
    Column("layer", "Laag", "Layer", Choice(Layer), ("Niveau", "Level")),
    Column("sector", "Sector", "Sector", Choice(Party.Sector), ("Domein", "Domain"), width=24),
    Column(
        "role",
        "Rol voor het project",
        "Role towards the project",
        Choice(Party.ProjectRole),
        ("Rol", "Role", "Projectrol", "Project role"),
        width=24,
    ),
    Column(
        "ring",
        "Ring van betrokkenheid",
        "Ring of involvement",
        Choice(Party.Ring),
        ("Ring", "Betrokkenheidsring"),
    ),
    Column("goals", "Doelen", "Goals", Text(), ("Doelstellingen", "Objectives"), width=40),
    Column("interests", "Belangen", "Interests", Text(), width=40),
    Column("activities", "Activiteiten", "Activities", Text(), width=40),
    Column("position", "Positie", "Position", Text(), width=40),
    Column(
        "working_methods",
        "Werkwijze",
        "Working methods",
        Text(),
        ("Werkwijzen", "Methods"),
        width=40,
    ),
    Column(
        "health_contribution",
        "Huidige bijdrage aan gezondheid",
        "Current contribution to health",
        Text(),
        ("Bijdrage aan gezondheid", "Contribution to health"),
        width=40,
    ),
    Column(
        "theme_expertise",
        "Expertise in het thema",
        "Expertise in the theme",
        Text(),
        ("Expertise",),
        width=40,
    ),
    Column(
        "works_with_vulnerable_groups",
        "Werkt met kwetsbare groepen",
        "Works with vulnerable groups",
        Bool(),
        (
            "Werkt met maatschappelijk kwetsbare groepen",
            "Works with socially vulnerable groups",
            "Kwetsbare groepen",
            "Vulnerable groups",
        ),
        width=12,
    ),
    Column(
        "speaks_for_target_group",
        "Spreekt voor de doelgroep",
        "Speaks for the target group",
        Bool(),
        ("Stem van de doelgroep", "Voice of the target group"),
        width=12,
    ),
    Column(
        "segments",
        "Deelgroepen",
        "Target-group segments",
        Segments(),
        (
            "Deelgroepen van de doelgroep",
            "Segmenten",
            "Segments",
            "Doelgroepsegmenten",
            "Target group segments",
        ),
        width=30,
    ),
    Column(
        "in_core_group",
        "Kerngroep",
        "Core group",
        Bool(),
        ("In de kerngroep", "In the core group"),
        width=12,
    ),
    Column(
        "own_identity",
        "Eigenheid",
        "Own identity",
        Text(),
        ("What it keeps of its own", "Wat het eigen houdt"),
        width=40,
    ),
    Column(
        "official_code",
        "Officiële code",
        "Official code",
        _text(Party, "official_code"),
        (
            "KvK-nummer",
            "KvK",
            "KBO-nummer",
            "Ondernemingsnummer",
            "KvK number",
            "Enterprise number",
            "Company number",
        ),
        width=16,
    ),
)

ASSESSMENT_COLUMNS: tuple[Column, ...] = (
    Column(
        "assessed_on",
        "Datum beoordeling",
        "Assessment date",
        Date(),
        (
            "Beoordeeld op",
            "Datum inschatting",
            "Assessed on",
            "Datum",
            "Date",
        ),
        width=14,
    ),
    Column("power", "Macht", "Power", Score(), ("Invloed", "Influence"), width=9),
    Column("interest", "Belang", "Interest", Score(), width=9),
    Column("legitimacy", "Legitimiteit", "Legitimacy", Score(), width=9),
    Column("urgency", "Urgentie", "Urgency", Score(), width=9),
    Column("attitude", "Houding", "Attitude", AttitudeCodec(), ("Standpunt", "Stance"), width=9),
    Column(
        "engagement_current",
        "Huidige betrokkenheid",
        "Current engagement",
        Choice(Engagement),
        ("Betrokkenheid nu", "Betrokkenheid", "Engagement", "Engagement now"),
    ),
    Column(
        "engagement_desired",
        "Gewenste betrokkenheid",
        "Desired engagement",
        Choice(Engagement),
        ("Betrokkenheid gewenst", "Engagement wanted"),
    ),
    Column(
        "note",
        "Notitie bij beoordeling",
        "Assessment note",
        Text(),
        ("Toelichting beoordeling", "Notitie beoordeling"),
        width=40,
    ),
)
SCORE_FIELDS = (
    "power",
    "interest",
    "legitimacy",
    "urgency",
    "attitude",
    "engagement_current",
    "engagement_desired",
)

# One group of these per contact person: "Contactpersoon 2 e-mail" / "Contact 2 email".
CONTACT_COLUMNS: tuple[Column, ...] = (
    Column("name", "naam", "name", _text(ContactPerson, "name"), ("volledige naam", "full name")),
    Column(
        "function", "functie", "function", _text(ContactPerson, "function"), ("job title", "titel")
    ),
    Column(
        "email", "e-mail", "email", Email(max_length=254), ("e-mailadres", "email address", "mail")
    ),
    Column(
        "phone",
        "telefoon",
        "phone",
        _text(ContactPerson, "phone"),
        ("telefoonnummer", "phone number", "tel", "gsm", "mobiel", "mobile"),
    ),
    Column(
        "legal_basis",
        "rechtsgrond",
        "legal basis",
        Choice(ContactPerson.LegalBasis),
        ("grondslag",),
    ),
    Column("do_not_contact", "niet contacteren", "do not contact", Bool(), ("niet benaderen",)),
)
_CONTACT_PREFIXES = ("contactpersoon", "contactperson", "contact")
# Without a number, these headers (an Outlook list) mean the first contact person.
_BARE_CONTACT = {
    **{header_key(p): "name" for p in ("Contactpersoon", "Contact person", "Contact")},
    **{header_key(k): "email" for k in ("E-mail", "Email", "E-mailadres", "E-mail address")},
    **{header_key(k): "phone" for k in ("Telefoon", "Phone", "Telefoonnummer", "GSM")},
    **{header_key(k): "function" for k in ("Functie", "Function", "Job title")},
    **{header_key(k): "legal_basis" for k in ("Rechtsgrond", "Legal basis")},
    **{header_key(k): "do_not_contact" for k in ("Niet contacteren", "Do not contact")},
}
_CONTACT_BY_KEY = {column.key: column for column in CONTACT_COLUMNS}


@dataclass(frozen=True)
class Placed:
    """A header of the file as understood: the column and, for contact persons, their number."""

    column: Column
    target: str  # "party", "assessment" or "contact"
    group: int = 0

    @property
    def identity(self) -> tuple[str, str, int]:
        return self.target, self.column.key, self.group


def contact_header(column: Column, group: int, language: str) -> str:
    if is_dutch(language):
        return f"Contactpersoon {group} {column.nl}"
    return f"Contact {group} {column.en}"


def place_header(header: str) -> Placed | None:
    key = header_key(header)
    if not key:
        return None
    for target, columns in (("party", PARTY_COLUMNS), ("assessment", ASSESSMENT_COLUMNS)):
        for column in columns:
            if key in column.keys:
                return Placed(column, target)
    if key in _BARE_CONTACT:
        return Placed(_CONTACT_BY_KEY[_BARE_CONTACT[key]], "contact", 1)
    match = re.fullmatch(rf"({'|'.join(_CONTACT_PREFIXES)})(\d*)(\w*)", key)
    if match is None or not (match[2] or match[3]):
        return None
    group, rest = int(match[2] or 1), match[3] or header_key("name")
    if not 1 <= group <= 99:
        return None
    for column in CONTACT_COLUMNS:
        if rest in column.keys:
            return Placed(column, "contact", group)
    return None


# Relations, in the From/To layout of network-mapping tools (Kumu, Gephi, Onodo …).
RELATION_KINDS = Choice(
    Relation.Kind,
    extra=(
        *(
            (w, "works_with")
            for w in (
                "samenwerking",
                "samenwerken",
                "werkt samen",
                "partner",
                "partners",
                "partnerschap",
                "collaboration",
                "cooperation",
                "collaborates",
                "works with",
                "samen",
            )
        ),
        *(
            (w, "funds")
            for w in (
                "financiering",
                "financier",
                "subsidie",
                "subsidieert",
                "subsidiegever",
                "funding",
                "funder",
                "funded by",
                "sponsor",
                "geld",
            )
        ),
        *(
            (w, "reports_to")
            for w in (
                "rapporteert aan",
                "verantwoording",
                "legt verantwoording af",
                "hierarchie",
                "reports",
                "reporting",
                "accountable to",
                "leiding",
                "valt onder",
            )
        ),
        *(
            (w, "conflicts_with")
            for w in (
                "conflict",
                "conflicten",
                "spanning",
                "tegenstelling",
                "conflicts",
                "tension",
                "opposition",
                "rivaal",
                "rivalry",
            )
        ),
        *(
            (w, "informal")
            for w in (
                "informeel",
                "informele relatie",
                "vriendschap",
                "kennis",
                "kent",
                "netwerk",
                "informal",
                "friendship",
                "knows",
                "acquaintance",
            )
        ),
    ),
)
# Network tools put the direction of an edge in "Type"; it says nothing about its kind.
DIRECTION_WORDS = {header_key(w) for w in ("directed", "undirected", "gericht", "ongericht")}

RELATION_COLUMNS: tuple[Column, ...] = (
    Column("source", "Van", "From", _text(Party, "name"), ("Bron", "Source", "Partij van")),
    Column("target", "Naar", "To", _text(Party, "name"), ("Doel", "Target", "Partij naar")),
    Column(
        "kind", "Soort", "Type", RELATION_KINDS, ("Kind", "Relatie", "Relation", "Soort relatie")
    ),
    Column("strength", "Sterkte", "Strength", Score(), ("Gewicht", "Weight")),
    Column("started_on", "Sinds", "Since", Date(), ("Vanaf", "Start", "Begin")),
    Column("ended_on", "Tot", "Until", Date(), ("Einde", "End", "Tot en met")),
    Column("note", "Notitie", "Note", Text(), ("Toelichting", "Opmerking", "Description")),
)


def place_relation_header(header: str) -> Placed | None:
    key = header_key(header)
    for column in RELATION_COLUMNS:
        if key and key in column.keys:
            return Placed(column, "relation")
    return None


def party_headers(contact_groups: int, language: str) -> list[str]:
    headers = [c.header(language) for c in (*PARTY_COLUMNS, *ASSESSMENT_COLUMNS)]
    for group in range(1, contact_groups + 1):
        headers += [contact_header(c, group, language) for c in CONTACT_COLUMNS]
    return headers


def party_widths(contact_groups: int) -> list[int]:
    widths = [c.width for c in (*PARTY_COLUMNS, *ASSESSMENT_COLUMNS)]
    return widths + [c.width for c in CONTACT_COLUMNS] * contact_groups

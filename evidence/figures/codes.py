"""How the statistics portals write regions, periods and numbers, read into plain values.

CBS (the Netherlands): municipality GM + 4 digits, district WK + 6, neighbourhood BU + 8, the
country NL01, provinces PV, GGD regions GG; periods such as 2022JJ00 (year), 2022KW01 (quarter),
2022MM03 (month). Flanders and Belgium: NIS codes of 5 digits (01000 the country, 02000 the
Flemish Region, a province or arrondissement ends in 000, a municipality does not) and
statistical sectors (NIS code, a letter and three more characters, e.g. 11002A00-).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from evidence.figures.models import RegionLevel

_CBS = re.compile(r"^(NL|GM|WK|BU|PV|GG|CR|LD|RE|JZ|VR)(\d+)$")
_CBS_LEVELS = {
    "NL": RegionLevel.COUNTRY,
    "GM": RegionLevel.MUNICIPALITY,
    "WK": RegionLevel.DISTRICT,
    "BU": RegionLevel.NEIGHBOURHOOD,
}
_NIS = re.compile(r"^\d{5}$")
_NIS_SECTOR = re.compile(r"^\d{5}[A-Z][0-9A-Z]{2}[0-9A-Z-]?$")
_COUNTRY_NAMES = {"nederland", "belgië", "belgie", "belgique", "the netherlands", "belgium"}


def normal_code(raw: object) -> str:
    """CBS pads its codes with spaces ("GM0363    "); NIS codes lose their leading zero when
    a spreadsheet took them for numbers (1000 for 01000)."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip().upper()
    if text.isdigit() and 3 <= len(text) < 5:
        text = text.zfill(5)
    return text


def level_of(code: str, name: str = "") -> str | None:
    """The level a region code stands for; None for a code no portal writes."""
    if not code:
        return RegionLevel.COUNTRY if name.strip().lower() in _COUNTRY_NAMES else None
    match = _CBS.match(code)
    if match:
        return _CBS_LEVELS.get(match[1], RegionLevel.REGION)
    if _NIS.match(code):
        if code == "01000":
            return RegionLevel.COUNTRY
        if code.endswith("000") or code in ("20001", "20002"):
            return RegionLevel.REGION
        return RegionLevel.MUNICIPALITY
    if _NIS_SECTOR.match(code):
        return RegionLevel.NEIGHBOURHOOD
    return None


_PERIOD_CBS = re.compile(r"^(\d{4})(JJ|KW|MM|X)(\d{2,3})$")
_PERIOD_YEAR = re.compile(r"^(\d{4})(?:\.0)?$")
_PERIOD_RANGE = re.compile(r"^(\d{4})\s*[-/–]\s*(\d{2,4})$")
_PERIOD_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_PERIOD_QUARTER = re.compile(r"^(\d{4})\s*[-_ ]?\s*[QK](\d)$", re.IGNORECASE)


def parse_period(raw: object) -> tuple[str, date] | None:
    """The period as people read it and its first day; None when it is not a period."""
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        raw = str(int(raw)) if float(raw).is_integer() else str(raw)
    if isinstance(raw, date):
        return raw.isoformat(), raw
    text = str(raw or "").strip()
    result: tuple[str, date] | None = None
    if match := _PERIOD_CBS.match(text):
        year, kind, number = int(match[1]), match[2], int(match[3])
        if kind in ("JJ", "X"):
            result = (str(year), date(year, 1, 1))
        elif kind == "KW" and 1 <= number <= 4:
            result = (f"{year} Q{number}", date(year, 3 * number - 2, 1))
        elif kind == "MM" and 1 <= number <= 12:
            result = (f"{year}-{number:02d}", date(year, number, 1))
    elif match := _PERIOD_YEAR.match(text):
        result = (match[1], date(int(match[1]), 1, 1))
    elif match := _PERIOD_RANGE.match(text):
        result = (text, date(int(match[1]), 1, 1))
    elif match := _PERIOD_MONTH.match(text):
        if 1 <= int(match[2]) <= 12:
            result = (text, date(int(match[1]), int(match[2]), 1))
    elif (match := _PERIOD_QUARTER.match(text)) and 1 <= int(match[2]) <= 4:
        result = (f"{match[1]} Q{match[2]}", date(int(match[1]), 3 * int(match[2]) - 2, 1))
    if result and not 1800 <= result[1].year <= 2200:
        return None
    return result


# What the portals write where a figure is missing or kept secret: CBS "." and "x", others "-".
MISSING = {"", ".", "x", "-", "–", "?", "..", "n.b.", "nb", "na", "n/a"}
_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(?:[.,  ]\d{3})+)?([.,]\d+)?$")


def is_missing(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip().lower() in MISSING)


def parse_number(raw: object) -> Decimal | None:
    """A number written with a decimal comma (StatLine, "12,5"), a decimal point (Statbel,
    "12.5"), or thousands marks ("1.234,5", "1,234.5"); None when it is no number."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        try:
            value = Decimal(str(raw))
        except InvalidOperation:
            return None
        return value if value.is_finite() else None
    text = str(raw).strip().replace("\u00a0", " ").replace(" ", "").rstrip("%")
    if not text or not _NUMBER.match(text) or not any(c.isdigit() for c in text):
        return None
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
    elif text.count(",") == 1:
        decimal_mark = ","
    elif text.count(".") == 1:
        decimal_mark = "."
    else:  # "1.234.567": only thousands marks
        decimal_mark = ""
    thousands = {",": ".", ".": ",", "": ".,"}[decimal_mark]
    for mark in thousands:
        text = text.replace(mark, "")
    text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    # The database keeps 12 digits before the point and 6 after.
    if abs(value) >= Decimal(10) ** 12:
        return None
    return value


_UNIT = re.compile(r"^(.*?)\s*\(([^()]{1,40})\)\s*$")


def split_unit(header: str) -> tuple[str, str]:
    """StatLine names a column with its unit in brackets: "Overgewicht (%)"."""
    match = _UNIT.match(header)
    if match and match[1]:
        return match[1].strip(), match[2].strip()
    return header.strip(), ""

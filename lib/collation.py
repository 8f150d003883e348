"""Sorting names the way people read them: case- and accent-insensitive, on both databases.

SQLite's built-in ordering puts "Zorg" before "apotheek" and "École" after "Zuid"; PostgreSQL's
ICU root collation already sorts naturally, and SQLite gets an equivalent registered per
connection.
"""

from __future__ import annotations

import unicodedata

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import F
from django.db.models.functions import Collate

SQLITE_COLLATION = "draagvlak_natural"


def _key(text: str) -> tuple[str, str]:
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(char for char in decomposed if not unicodedata.combining(char))
    return base.casefold(), text


def _compare(left: str, right: str) -> int:
    a, b = _key(left), _key(right)
    return (a > b) - (a < b)


def _register(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)


def install() -> None:
    connection_created.connect(_register, dispatch_uid="draagvlak-natural-collation")


def natural(field: str) -> Collate:
    """An expression that orders `field` naturally on the current database."""
    name = "und-x-icu" if connection.vendor == "postgresql" else SQLITE_COLLATION
    return Collate(F(field), name)

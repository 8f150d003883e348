"""One-row queries whose SQL is built once per process and afterwards only executed.

The dashboard's summaries are single queries of twenty or more counting subqueries. The database
answers them in a few milliseconds, but building the SQL through the ORM costs two to three times
that on every visit. The SQL does not change between visits (only the project id does), so it is
compiled once, with a placeholder id, and kept. Only the text of the query is kept this way,
never what it returns.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import QuerySet

# A project id no row has; its place among the compiled parameters is where the real id goes.
_PLACEHOLDER = -7_340_021_117


class PreparedRow:
    """`build(pk, *key)` returns a `.values(...)` queryset of one row; `get(pk, *key)` runs it
    and returns the row as a dict. The SQL is built once for each `key` (say, today's date when
    the query counts what is due), and once for all ids."""

    def __init__(self, build: Callable[..., QuerySet]) -> None:
        self._build = build
        self._compiled: dict[tuple, tuple] = {}

    def _compile(self, using: str, key: tuple) -> tuple:
        queryset = self._build(_PLACEHOLDER, *key)
        query = queryset.query
        compiler = query.get_compiler(using)
        sql, params = compiler.as_sql()
        slots = [i for i, value in enumerate(params) if value == _PLACEHOLDER]
        if not slots:
            raise ValueError("The query does not use the id it was built with.")
        names = [*query.extra_select, *query.values_select, *query.annotation_select]
        fields = [expression for expression, _sql, _alias in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(fields)
        return sql, list(params), slots, names, compiler, converters

    def get(self, pk: Any, *key: Any, using: str = "default") -> dict[str, Any] | None:
        # Per thread: a compiler holds the connection it was made for.
        entry_key = (using, threading.get_ident(), key)
        entry = self._compiled.get(entry_key)
        if entry is None:
            if len(self._compiled) > 64:
                # yesterday's keys are never asked for again
                self._compiled.clear()
            entry = self._compiled[entry_key] = self._compile(using, key)
        sql, params, slots, names, compiler, converters = entry
        values = list(params)
        for slot in slots:
            values[slot] = pk
        with connections[using].cursor() as cursor:
            cursor.execute(sql, values)
            row = cursor.fetchone()
        if row is None:
            return None
        if converters:
            row = next(iter(compiler.apply_converters([row], converters)))
        return dict(zip(names, row, strict=True))

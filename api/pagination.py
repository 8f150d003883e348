"""Limit/offset pages: one count query and one query for the rows, whatever the offset."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema

MAX_LIMIT = 500


class PageParams(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT} items.")
    offset: int = Field(0, ge=0, le=10**9)


def paginate(queryset: QuerySet, page: PageParams) -> dict[str, Any]:
    # The primary key last, so that rows with equal sort keys keep their place between pages.
    ordering = queryset.query.order_by or queryset.model._meta.ordering
    ordered = queryset.order_by(*ordering, "pk")
    return {
        "count": queryset.count(),
        "items": list(ordered[page.offset : page.offset + page.limit]),
    }

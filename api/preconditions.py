"""Conditional writes, the HTTP way: a read answers with the object's version as its `ETag`; a
change or deletion names the version it started from in `If-Match`. Without one the answer is
428 (nothing is written blind); with a version someone has since saved over, 412 with the
stored object, so that no edit silently overwrites another."""

from __future__ import annotations

import re
from typing import Annotated, Any

from django.db import models, transaction
from django.http import HttpResponse
from django.utils.translation import gettext_lazy
from ninja import Header

from lib.concurrency import lock_current

ETAG_DESCRIPTION = gettext_lazy(
    'The object\'s version as an entity tag, e.g. `"3"`; send it back in `If-Match` to change '
    "or delete the object."
)
IF_MATCH_DESCRIPTION = gettext_lazy(
    'The ETag of the version you started from, e.g. `"3"` (from a read or an earlier write). '
    "Required: without it (or the older `version` field) nothing is changed and the answer is "
    "428; if someone saved in between, 412 with the stored object in `current`."
)

IfMatch = Annotated[
    str | None, Header(None, alias="If-Match", description=IF_MATCH_DESCRIPTION, max_length=1000)
]

# Operation ids whose 200/201 answers carry an ETag; the OpenAPI document lists the header.
ETAG_OPERATIONS: set[str] = set()

# `"3"`, `W/"3"`; bare digits are accepted too, as clients often drop the quotes.
_TAG = re.compile(r'^(?:W/)?"?(\d{1,19})"?$')

# No stored version is negative: a write expecting this one always conflicts.
NO_MATCH = -1


class PreconditionRequired(Exception):
    """A write that does not say which version it started from."""


def etag(version: int) -> str:
    return f'"{version}"'


def set_etag(response: HttpResponse, instance: Any) -> None:
    response["ETag"] = etag(instance.version)


def expected_version(if_match: str | None, version: int | None, current: int) -> int:
    """The version a write started from: an `If-Match` tag, else the older `version` field.

    Several tags may be listed; the write goes ahead if one of them is the `current` version.
    A list without it gives NO_MATCH, so the service answers with a conflict. `*` names no
    version and counts as missing."""
    if if_match is None or not if_match.strip():
        if version is None:
            raise PreconditionRequired
        return version
    tags = [tag.strip() for tag in if_match.split(",") if tag.strip()]
    if "*" in tags:
        raise PreconditionRequired
    versions = {int(match[1]) for tag in tags if (match := _TAG.match(tag))}
    return current if current in versions else NO_MATCH


def delete_checked(
    instance: models.Model, if_match: str | None, version: int | None, delete: Any
) -> None:
    """Run `delete()` only if the object is still at the version the client names; the row
    stays locked from the check to the end of the deletion."""
    expected = expected_version(if_match, version, instance.version)
    with transaction.atomic():
        lock_current(type(instance), instance.pk, expected)
        delete()

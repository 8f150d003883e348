"""How far a running import is, for its page to show while the import's transaction is open.

The import writes everything in one transaction, whose rows no other connection sees until it
ends, so progress cannot be a field of the batch. It goes to a cache instead: the "progress"
cache when one is configured (Redis, shared by every app server), otherwise files under
var/progress. Not the database cache: on SQLite its write would wait for the import's own
write lock and so never show anything until the end.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import connection

# A stale entry outlives no import by long; a running one refreshes it at every step.
KEEP_SECONDS = 3600


@cache
def _files() -> FileBasedCache:
    return FileBasedCache(str(settings.VAR_DIR / "progress"), {"TIMEOUT": KEEP_SECONDS})


def _store() -> BaseCache:
    return caches["progress"] if "progress" in settings.CACHES else _files()


def _key(batch_id: int) -> str:
    # Two databases on one machine (tests, a second site) may have batches with the same id.
    return f"transfer-progress:{connection.settings_dict['NAME']}:{batch_id}"


def progress_set(batch_id: int, done: int, total: int) -> None:
    _store().set(_key(batch_id), [done, total], KEEP_SECONDS)


def progress_get(batch_id: int) -> tuple[int, int] | None:
    """(rows done, rows in all) of the running import, or None before it starts writing."""
    value = _store().get(_key(batch_id))
    return (value[0], value[1]) if value else None


def progress_clear(batch_id: int) -> None:
    _store().delete(_key(batch_id))

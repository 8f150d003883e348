"""Optimistic locking: a save names the version it started from; a newer one means a conflict."""

from __future__ import annotations

from django.db import models


class EditConflict(Exception):
    """Someone saved the object after the editor opened it; `current` is what is stored now."""

    def __init__(self, current: models.Model) -> None:
        super().__init__(f"{current!r} was changed by someone else")
        self.current = current


def lock_current(model: type[models.Model], pk: int, expected_version: int | None):
    """The stored object, locked for this transaction, if it is still at `expected_version`."""
    current = model._base_manager.select_for_update().get(pk=pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current)
    return current

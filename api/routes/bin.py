"""The project's bin: what was deleted, and taking it out again. Every app registers what it
soft-deletes in history.bin; the API lists and restores them all alike, as the bin page does."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Field, Path, Router, Schema

from api.access import project_for
from api.schemas import READ_ERRORS, WRITE_ERRORS, PathId
from history import bin as history_bin
from projects.access import Need

router = Router(tags=["bin"])

Kind = Path(
    max_length=40,
    pattern=r"^[a-z_]+$",
    description="The kind of object, e.g. party, contact, relation, plan_action, moment.",
)


class BinItemOut(Schema):
    kind: str = Field(description="Use it with the id to restore the object.")
    kind_label: str
    id: int
    name: str
    deleted_at: datetime | None
    deleted_by: str | None = Field(description="Who moved it to the bin, if known.")


def _item(kind: history_bin.BinKind, item: Any) -> dict[str, Any]:
    by = item.deleted_by
    return {
        "kind": kind.key,
        "kind_label": kind.label,
        "id": item.pk,
        "name": str(item),
        "deleted_at": item.deleted_at,
        "deleted_by": (by.get_full_name() or by.username) if by is not None else None,
    }


@router.get(
    "/{project_id}/bin",
    response={200: list[BinItemOut], **READ_ERRORS},
    summary=gettext_lazy("List what is in the project's bin"),
    description=gettext_lazy("Kind by kind, most recently deleted first."),
)
def bin_list(request: HttpRequest, project_id: PathId) -> list[dict[str, Any]]:
    project = project_for(request, project_id)
    return [
        _item(kind, item)
        for kind, items in history_bin.in_bin(project=project)
        for item in items
    ]


@router.post(
    "/{project_id}/bin/{kind}/{object_id}/restore",
    response={200: BinItemOut, **WRITE_ERRORS},
    summary=gettext_lazy("Restore an object from the bin"),
    description=gettext_lazy(
        "Editors and owners. The object is back where it was, with the change recorded; an "
        "object that is not in this project's bin gives 404."
    ),
)
def bin_restore(
    request: HttpRequest, project_id: PathId, object_id: PathId, kind: str = Kind
) -> dict[str, Any]:
    project = project_for(request, project_id, Need.EDIT)
    item = history_bin.bin_restore(
        project=project, key=kind, object_id=object_id, user=request.auth
    )
    if item is None:
        raise Http404
    restored = _item(history_bin.kind_for(kind), item)
    restored.update(deleted_at=None, deleted_by=None)
    return restored

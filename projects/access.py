"""The one way into project data: every view and API call resolves the user's membership here.

A person who is not a member gets 404 (the project's existence is not revealed); a member whose
role does not allow the action gets 403.
"""

from __future__ import annotations

from enum import Enum

from django.core.exceptions import PermissionDenied
from django.http import Http404

from projects.models import Membership, Role


class Need(Enum):
    VIEW = "view"
    CONTRIBUTE = "contribute"  # contact persons and notes
    EDIT = "edit"  # the register, assessments, project details
    OWN = "own"  # members and roles

    def allows(self, role: str) -> bool:
        allowed = {
            Need.VIEW: {Role.OWNER, Role.EDITOR, Role.CONTRIBUTOR, Role.VIEWER},
            Need.CONTRIBUTE: {Role.OWNER, Role.EDITOR, Role.CONTRIBUTOR},
            Need.EDIT: {Role.OWNER, Role.EDITOR},
            Need.OWN: {Role.OWNER},
        }
        return role in allowed[self]


def membership_for(user, project_id: int, need: Need = Need.VIEW) -> Membership:
    """The user's membership of the project, with the project loaded, if the role allows `need`."""
    if not user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("project", "project__organisation")
        .filter(project_id=project_id, user=user)
        .first()
    )
    if membership is None:
        raise Http404
    if not need.allows(membership.role):
        raise PermissionDenied
    return membership

"""Test data built in code, one style: small functions with sensible defaults."""

from __future__ import annotations

import itertools
from datetime import date

from accounts.models import User
from parties.models import Assessment, ContactPerson, Party
from parties.services import assessment_record, contact_create, party_create
from projects.models import Membership, Organisation, Project, Role, TargetSegment

_seq = itertools.count(1)


def make_user(username: str | None = None, **fields) -> User:
    username = username or f"user{next(_seq)}"
    fields.setdefault("email", f"{username}@example.org")
    user = User(username=username, **fields)
    user.set_password("password")
    user.save()
    return user


def make_project(owner: User | None = None, **fields) -> Project:
    organisation = Organisation.objects.create(name=f"Organisation {next(_seq)}")
    fields.setdefault("title", f"Project {next(_seq)}")
    fields.setdefault("theme", Project.Theme.ORAL_HEALTH)
    project = Project.objects.create(organisation=organisation, **fields)
    if owner is not None:
        add_member(project, owner, Role.OWNER)
    return project


def add_member(project: Project, user: User, role: str) -> Membership:
    return Membership.objects.create(project=project, user=user, role=role)


def make_party(project: Project, **fields) -> Party:
    fields.setdefault("name", f"Party {next(_seq)}")
    segments = fields.pop("segments", [])
    return party_create(project=project, data=fields, segments=segments)


def make_segment(project: Project, **fields) -> TargetSegment:
    fields.setdefault("name", f"Segment {next(_seq)}")
    return TargetSegment.objects.create(project=project, **fields)


def make_contact(party: Party, **fields) -> ContactPerson:
    fields.setdefault("name", f"Contact {next(_seq)}")
    return contact_create(party=party, data=fields)


def assess(party: Party, *, on: date | None = None, by: User | None = None, **scores) -> Assessment:
    data = {
        "assessed_on": on or date(2026, 1, 15),
        "power": 3,
        "interest": 3,
        "legitimacy": 3,
        "urgency": 3,
        "attitude": 0,
        "engagement_current": "neutral",
        "engagement_desired": "supportive",
        "note": "",
    }
    data.update(scores)
    return assessment_record(party=party, assessed_by=by, data=data)

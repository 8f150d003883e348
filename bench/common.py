"""Shared pieces of the benchmarks: a scratch database, a project of any size, median timing.

Benchmarks report ratios against a baseline measured in the same run, so the figures mean the
same on a fast or a slow machine.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta

_SCRATCH = tempfile.mkdtemp(prefix="draagvlak-bench-")


def setup_django() -> None:
    """Point Django at a scratch SQLite database (or DATABASE_URL if set) and migrate it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "draagvlak.settings")
    os.environ.setdefault("DRAAGVLAK_SECRET_KEY", "bench-only")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{_SCRATCH}/bench.sqlite3")
    os.environ.setdefault("DRAAGVLAK_ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)


def median_seconds(action: Callable[[], object], repeat: int = 7, warmup: int = 1) -> float:
    for _ in range(warmup):
        action()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def build_project(
    *,
    parties: int,
    relations: int = 0,
    assessments: int = 0,
    contacts: int = 0,
    owner_name: str | None = None,
):
    """A project of the given size, built in bulk. Returns (project, owner)."""
    from accounts.models import User
    from parties.models import Assessment, ContactPerson, Party, Relation
    from projects.models import Membership, Organisation, Project, Role, TargetSegment

    owner_name = owner_name or f"bench{parties}"
    owner = User.objects.create_user(owner_name, f"{owner_name}@example.org", "bench")
    organisation = Organisation.objects.create(name=f"Organisatie {parties}")
    project = Project.objects.create(
        organisation=organisation, title=f"Project met {parties} partijen", theme="oral_health"
    )
    Membership.objects.create(project=project, user=owner, role=Role.OWNER)
    segments = TargetSegment.objects.bulk_create(
        TargetSegment(project=project, name=f"Deelgroep {n}") for n in range(5)
    )
    layers = ["board", "management", "staff", "residents"]
    sectors = ["health_care", "welfare", "education", "local_government", "civil_society"]
    party_objects = Party.objects.bulk_create(
        Party(
            project=project,
            name=f"Partij {n:05}",
            sort_name=f"partij {n:05}",
            layer=layers[n % 4],
            sector=sectors[n % 5],
            goals=f"Doel van partij {n}",
            in_core_group=n % 97 == 0,
        )
        for n in range(parties)
    )
    through = Party.segments.through
    through.objects.bulk_create(
        through(party_id=p.pk, targetsegment_id=segments[i % 5].pk)
        for i, p in enumerate(party_objects)
    )
    if assessments:
        start = date(2025, 1, 1)
        rows = [
            Assessment(
                party=party_objects[n % parties],
                assessed_on=start + timedelta(days=n // parties * 30),
                power=1 + n % 5,
                interest=1 + (n // 3) % 5,
                legitimacy=1 + (n // 7) % 5,
                urgency=1 + (n // 11) % 5,
                attitude=(n % 5) - 2,
                engagement_current="neutral",
                engagement_desired="supportive",
            )
            for n in range(assessments)
        ]
        Assessment.objects.bulk_create(rows, batch_size=2000)
        latest = {}
        for row in rows:
            latest[row.party_id] = row
        for party in party_objects:
            party.latest_assessment = latest.get(party.pk)
        Party.objects.bulk_update(party_objects, ["latest_assessment"], batch_size=2000)
    if contacts:
        ContactPerson.objects.bulk_create(
            (
                ContactPerson(
                    party=party_objects[n % parties],
                    name=f"Contact {n}",
                    email=f"contact{n}@example.org",
                )
                for n in range(contacts)
            ),
            batch_size=2000,
        )
    if relations:
        pairs = []
        for n in range(relations):
            source = n % parties
            target = (source + 1 + (n // parties) * 7 + n % 13) % parties
            if target == source:
                target = (source + 1) % parties
            pairs.append(
                Relation(
                    project=project,
                    source=party_objects[source],
                    target=party_objects[target],
                    kind="works_with",
                )
            )
        Relation.objects.bulk_create(pairs, batch_size=2000)
    return project, owner


def report(name: str, value: float, unit: str = "", goal: str = "") -> None:
    suffix = f"  (goal: {goal})" if goal else ""
    print(f"{name:<58} {value:>10.2f} {unit}{suffix}", flush=True)

"""Import and export of the party register.

(a) Importing a 10,000-row .xlsx into an empty project, as a ratio to reading the same file
    with openpyxl alone (read-only, every row): what the import adds to merely reading it.
    Goal: at most 3. Then the same file through the web (upload, preview, confirm, the done
    page), against the raw read by python-calamine, the import's reader: goal at most 1.5×,
    and at most 4.7 s (0.1× the 47 s a peer CRM took here); and how much the database grows
    per import, against the rows' own size: goal at most 2×.
(b) Exporting a register of 5,000 parties (with contacts and assessments) to .xlsx.
(c) Hostile files: a workbook with one cell in column XFD on each of 20,000 rows, and one of
    200,000 nearly blank rows. Each is read in a fresh process, which reports its time and
    peak memory. Goal: refused in under 2 s, with under 200 MB.

Run: .venv/bin/python -m bench.bench_transfer
"""

from __future__ import annotations

import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

from bench.common import build_project, median_seconds, report, setup_django

IMPORT_ROWS = 10_000
EXPORT_PARTIES = 5_000
RUNS = 3


def _import_file() -> bytes:
    """10,000 parties in the export's own layout: profile, segments, an assessment, a contact."""
    from transfer.export import register_xlsx
    from transfer.selectors import RegisterRow

    layers = ["board", "management", "staff", "residents"]
    rows = [
        RegisterRow(
            party={
                "name": f"Organisatie {n:05}",
                "official_code": "",
                "kind": "organisation",
                "is_internal": n % 7 == 0,
                "layer": layers[n % 4],
                "sector": "welfare",
                "role": "carries_out",
                "ring": "informed",
                "goals": f"Doel {n}",
                "interests": "",
                "activities": "",
                "position": "",
                "working_methods": "",
                "health_contribution": "",
                "theme_expertise": "",
                "works_with_vulnerable_groups": n % 3 == 0,
                "in_core_group": False,
                "speaks_for_target_group": n % 11 == 0,
                "own_identity": "",
            },
            segments=[f"Deelgroep {n % 5}"],
            assessment={
                "assessed_on": date(2026, 1, 1 + n % 28),
                "power": 1 + n % 5,
                "interest": 1 + n % 4,
                "legitimacy": 3,
                "urgency": 2,
                "attitude": n % 5 - 2,
                "engagement_current": "neutral",
                "engagement_desired": "supportive",
                "note": "",
            },
            contacts=[
                {
                    "name": f"Persoon {n}",
                    "function": "Coördinator",
                    "email": f"p{n}@example.org",
                    "phone": "+32 9 123 45 67",
                    "legal_basis": "legitimate_interest",
                    "do_not_contact": False,
                }
            ],
        )
        for n in range(IMPORT_ROWS)
    ]
    return register_xlsx(rows, "nl")


def _calamine_read(content: bytes) -> int:
    """The raw read: every row of the first sheet by python-calamine, the import's reader."""
    from python_calamine import CalamineWorkbook

    return len(
        CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    )


def _database_bytes() -> int:
    """What the database takes on disk, free pages left out (SQLite) or as PostgreSQL counts."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute("PRAGMA freelist_count")
        pages -= cursor.fetchone()[0]
        cursor.execute("PRAGMA page_size")
        return pages * cursor.fetchone()[0]


def _web_import(content: bytes, owner) -> dict[str, float]:
    """Medians of the whole import through the web, as a person does it (upload, preview,
    confirm, the done page), with the worker running the import's tasks at once, interleaved
    with the raw read of the same file by calamine; and the database's growth per import.

    The refresh of the analyses that an import queues is left to a later worker run, as on a
    server: nobody waits for it, and what it keeps is a bounded cache, not the import's own."""
    from django.test import override_settings

    import analysis.tasks
    from transfer.reading import read_table, table_rows_bytes

    tasks = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "later": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
    }
    # The scratch run has no collected static files; the pages name them unhashed.
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    refresh = analysis.tasks.analyses_refresh_task
    runs: dict[str, list[float]] = {
        "web": [],
        "web_cpu": [],
        "read": [],
        "read_cpu": [],
        "growth": [],
        "versions": [],
    }
    with override_settings(TASKS=tasks, STORAGES=storages):
        analysis.tasks.analyses_refresh_task = refresh.using(backend="later")
        try:
            for run in range(RUNS + 1):
                figures = _one_web_import(run, content, owner)
                if run:  # the first run warms up
                    for key, value in figures.items():
                        runs[key].append(value)
        finally:
            analysis.tasks.analyses_refresh_task = refresh
    medians = {key: statistics.median(values) for key, values in runs.items()}
    # The rows' own size: the table read from the file, as uncompressed JSON.
    medians["rows_bytes"] = table_rows_bytes(read_table(content))
    return medians


def _one_web_import(run: int, content: bytes, owner) -> dict[str, float]:
    """One import through the web into a new empty project; its times and what it added."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    from history.models import Version
    from projects.models import Membership, Organisation, Project, Role

    organisation = Organisation.objects.create(name=f"Web {run}")
    project = Project.objects.create(
        organisation=organisation, title=f"Web project {run}", theme="oral_health"
    )
    Membership.objects.create(project=project, user=owner, role=Role.OWNER)
    client = Client()
    client.force_login(owner)
    url = reverse("transfer:upload_parties", args=[project.pk])
    before = _database_bytes()
    versions = Version.objects.count()
    start, cpu = time.perf_counter(), time.process_time()
    upload = client.post(url, {"file": SimpleUploadedFile("partijen.xlsx", content)})
    page = upload["Location"]
    assert client.get(page).status_code == 200  # the preview
    client.post(page, {"action": "apply"})
    done = client.get(page)
    web, web_cpu = time.perf_counter() - start, time.process_time() - cpu
    assert done.status_code == 200 and project.parties.count() == IMPORT_ROWS
    growth = _database_bytes() - before
    read, read_cpu = _timed(lambda: _calamine_read(content))
    return {
        "web": web,
        "web_cpu": web_cpu,
        "read": read,
        "read_cpu": read_cpu,
        "growth": growth,
        "versions": Version.objects.count() - versions,
    }


def _read_only(content: bytes) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    count = sum(1 for _row in workbook.worksheets[0].iter_rows(values_only=True))
    workbook.close()
    return count


def _timed(action) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call (CPU time is steadier on a busy machine)."""
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def _import_and_read(content: bytes, owner) -> dict[str, float]:
    """Medians of importing into a fresh empty project (every run creates all 10,000 parties)
    and of reading the file with openpyxl alone, the runs interleaved so that a busy moment of
    the machine weighs on both alike."""
    from projects.models import Membership, Organisation, Project, Role
    from transfer.importer import party_import_apply

    runs: dict[str, list[float]] = {"import": [], "import_cpu": [], "read": [], "read_cpu": []}
    for run in range(RUNS + 1):
        organisation = Organisation.objects.create(name=f"Leeg {run}")
        project = Project.objects.create(
            organisation=organisation, title=f"Leeg project {run}", theme="oral_health"
        )
        Membership.objects.create(project=project, user=owner, role=Role.OWNER)
        imported = _timed(
            lambda p=project: party_import_apply(project=p, content=content, user=owner)
        )
        read = _timed(lambda: _read_only(content))
        if run:  # the first run warms up
            for key, value in zip(runs, (*imported, *read), strict=True):
                runs[key].append(value)
        assert project.parties.count() == IMPORT_ROWS
    return {key: statistics.median(values) for key, values in runs.items()}


def _read_in_child(path: str) -> None:
    """Run in a fresh process: read one file as an upload would, print the figures as JSON.
    Timed first on its own (tracemalloc slows Python down severalfold), then again for the
    peak memory."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "draagvlak.settings")
    os.environ.setdefault("DRAAGVLAK_SECRET_KEY", "bench-only")
    import django

    django.setup()
    import openpyxl.reader.excel  # noqa: F401  (loaded once by a running server)

    from transfer.reading import UnreadableFile, read_table

    content = Path(path).read_bytes()

    def read() -> str:
        try:
            read_table(content)
        except UnreadableFile as error:
            return error.message
        return ""

    wall, cpu = time.perf_counter(), time.process_time()
    refused = read()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    tracemalloc.start()
    read()
    _current, peak = tracemalloc.get_traced_memory()
    figures = {"seconds": wall, "cpu": cpu, "peak": peak, "rss": rss, "refused": refused}
    print(json.dumps(figures))


def _hostile() -> None:
    from tests.transfer.files import blank_rows_xlsx, far_column_xlsx

    files = {
        "one cell in column XFD on 20,000 rows": far_column_xlsx(20_000, header=None),
        "200,000 nearly blank rows": blank_rows_xlsx(200_000),
    }
    scratch = Path(tempfile.mkdtemp(prefix="draagvlak-hostile-"))
    for name, content in files.items():
        path = scratch / "hostile.xlsx"
        path.write_bytes(content)
        child = subprocess.run(
            [sys.executable, "-m", "bench.bench_transfer", "--read", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        assert figures["refused"], f"{name}: not refused"
        print(f"  {name} ({len(content) // 1024} KB): {figures['refused']}", flush=True)
        megabytes = 2**20
        report("  refused in", figures["seconds"], "s", "< 2")
        report("  refused in, CPU time", figures["cpu"], "s", "< 2")
        report(
            "  peak memory while reading (tracemalloc)", figures["peak"] / megabytes, "MB", "< 200"
        )
        report("  peak memory of the process, Django included", figures["rss"] / megabytes, "MB")


def main() -> None:
    _hostile()
    setup_django()
    from transfer.export import register_xlsx
    from transfer.selectors import register_rows

    project, owner = build_project(
        parties=EXPORT_PARTIES, contacts=EXPORT_PARTIES, assessments=EXPORT_PARTIES
    )

    content = _import_file()
    assert _read_only(content) == IMPORT_ROWS + 1
    m = _import_and_read(content, owner)
    report(f"read {IMPORT_ROWS:,} rows with openpyxl alone", m["read"], "s")
    report(f"import {IMPORT_ROWS:,} rows into an empty project", m["import"], "s")
    report("import / openpyxl read", m["import"] / m["read"], "x", "≤ 3")
    report("import / openpyxl read, in CPU time", m["import_cpu"] / m["read_cpu"], "x", "≤ 3")
    report("import rows per second", IMPORT_ROWS / m["import"], "rows/s")

    w = _web_import(content, owner)
    report(f"raw read of the {IMPORT_ROWS:,}-row .xlsx by calamine alone", w["read"], "s")
    report("  in CPU time", w["read_cpu"], "s")
    report(
        "import through the web (upload, preview, confirm, done)",
        w["web"],
        "s",
        "≤ 4.7 (0.1× of 47 s)",
    )
    # The web requests run in this process (Django's test client), so CPU time counts them.
    report("  in CPU time", w["web_cpu"], "s", "≤ 4.7")
    report("web import / calamine raw read", w["web"] / w["read"], "x", "≤ 1.5")
    report(
        "web import / calamine raw read, in CPU time", w["web_cpu"] / w["read_cpu"], "x", "≤ 1.5"
    )
    megabytes = 2**20
    report(f"database growth per {IMPORT_ROWS:,}-row import", w["growth"] / megabytes, "MB")
    report("  the rows' own size (as JSON)", w["rows_bytes"] / megabytes, "MB")
    report("  growth / the rows' own size", w["growth"] / w["rows_bytes"], "x", "≤ 2")
    report("  history versions written per import", w["versions"], "", "1")

    exporting = median_seconds(
        lambda: register_xlsx(register_rows(project=project), "nl"), repeat=RUNS
    )
    report(f"export {EXPORT_PARTIES:,} parties to .xlsx", exporting, "s", "a couple of seconds")
    report("export rows per second", EXPORT_PARTIES / exporting, "rows/s")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--read"]:
        _read_in_child(sys.argv[2])
    else:
        main()

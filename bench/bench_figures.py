"""Local figures.

(a) Importing 50,000 figures (a StatLine-shaped CSV: 5,000 rows of region and period, ten
    indicator columns with decimal commas) into an empty project, against the baseline of
    parsing the same file with the csv module and inserting its values with one raw
    executemany: what the import adds (encoding detection, limits, the checks per row, the
    indicators). Goal: at most 3. The ratio to the parse alone is printed too.
(b) The figures page's queries at 10 and at 200 indicators: the same number.

Run: .venv/bin/python -m bench.bench_figures
"""

from __future__ import annotations

import csv
import io
import time

from bench.common import build_project, report, setup_django

ROWS, INDICATORS = 5_000, 10


def _file() -> bytes:
    lines = ['"Wijken en buurten";"Codering (code)";"Perioden";' + ";".join(
        f'"Indicator {n} (%)"' for n in range(INDICATORS)
    )]
    for row in range(ROWS):
        code = f"BU0363{row:04d}"
        cells = ";".join(f'"{(row * 7 + n) % 1000 / 10:.1f}"'.replace(".", ",")
                         for n in range(INDICATORS))
        lines.append(f'"Buurt {row}";"{code}";"{2014 + row % 10}JJ00";{cells}')
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _baseline(content: bytes) -> tuple[float, float]:
    from django.db import connection, transaction

    start = time.perf_counter()
    rows = list(csv.reader(io.StringIO(content.decode("utf-8")), delimiter=";"))[1:]
    parsed = time.perf_counter() - start
    values = [
        (1, row[1], row[0], "municipality", row[2], "2020-01-01", float(v.replace(",", ".")), 1)
        for row in rows for v in row[3:]
    ]
    # Committed, as the import commits its figures; removed again outside the timing.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO evidence_figure (indicator_id, region_code, region_name, "
            "region_level, period, period_start, value, version) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s)", values,
        )
    took = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM evidence_figure WHERE indicator_id = 1")
    return parsed, took


def main() -> None:
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from evidence.figures import services
    from evidence.figures.importing import guess_mapping
    from evidence.figures.models import Figure, Indicator

    content = _file()
    project, owner = build_project(parties=1)
    placeholder = Indicator.objects.create(project=project, name="baseline")
    from django.db import connection as conn

    with conn.cursor() as cursor:  # the baseline inserts under this indicator's id
        cursor.execute("UPDATE evidence_indicator SET id = 1 WHERE id = %s", [placeholder.pk])
    parse, raw = min(_baseline(content) for _ in range(3))
    Indicator.everything.filter(pk=1).delete()
    timings = []
    for _ in range(3):
        Indicator.everything.filter(project=project).delete()
        start = time.perf_counter()
        batch, table = services.figure_import_upload(
            project=project, user=owner, filename="f.csv", content=content
        )
        plan = services.figure_import_run(batch=batch, roles=guess_mapping(table))
        timings.append(time.perf_counter() - start)
        assert plan.ok and Figure.objects.filter(indicator__project=project).count() == 50_000
    took = min(timings)
    report("figures: import 50,000 figures", took, "s")
    report("figures: import / (csv parse + raw insert)", took / raw, "x", "<= 3")
    report("figures: import / csv parse alone", took / parse, "x")

    client = Client()
    client.force_login(owner)
    url = reverse("evidence:figures", args=[project.pk])
    counts = []
    for size in (10, 200):
        Indicator.everything.filter(project=project).delete()
        Indicator.objects.bulk_create(
            [Indicator(project=project, name=f"Indicator {n}") for n in range(size)]
        )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
        report(f"figures: page queries at {size} indicators", len(queries), "queries")
    report("figures: page queries, 200 minus 10", counts[1] - counts[0], "", "0")


if __name__ == "__main__":
    main()

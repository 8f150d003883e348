"""Fifty people at once: a 5,000-party project served by gunicorn with 2 workers, DEBUG off.

Locust, headless and on the loopback address only, runs 50 people without pause through the mix
of `bench/locustfile.py` for a bounded time, and this prints requests per second, the median,
95th and 99th percentile response times, the errors, and the edit conflicts (two people saving
the same party at once, answered with the conflict form) counted apart from the errors.

SQLite always; PostgreSQL as well when DATABASE_URL names a PostgreSQL server, in a scratch
database created for the run and dropped after it.
"""

from __future__ import annotations

import csv
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

PARTIES = 5000
USERS = 50
RUN_TIME = "30s"
WORKERS = 2
# Threads per worker (gunicorn's gthread worker when more than 1): DRAAGVLAK_LOAD_THREADS.
THREADS = int(os.environ.get("DRAAGVLAK_LOAD_THREADS", "1"))
ACCOUNTS = 10
EDITED_PARTIES = 20
GOAL_RPS = 50.0
GOAL_P95_MS = 1000.0
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _build(plan_path: Path) -> None:
    """Build the project in the database DATABASE_URL names and write the plan Locust reads."""
    from bench.common import build_project, setup_django

    setup_django()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.urls import reverse

    from accounts.models import User
    from projects.models import Membership, Role

    project, _owner = build_project(
        parties=PARTIES, relations=2 * PARTIES, assessments=4 * PARTIES, contacts=PARTIES
    )
    # Each person signs in once, before the measured run: a session per person, made here, so
    # the figures are the work of the mix and not fifty password checks at the same moment.
    sessions = []
    for n in range(ACCOUNTS):
        name = f"load{n}"
        user = User.objects.create_user(name, f"{name}@example.org", secrets.token_urlsafe(12))
        Membership.objects.create(project=project, user=user, role=Role.EDITOR)
    for n in range(USERS):
        user = User.objects.get(username=f"load{n % ACCOUNTS}")
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        sessions.append(session.session_key)
    party_ids = list(project.parties.order_by("pk").values_list("pk", flat=True))
    plan = {
        "dashboard": reverse("projects:dashboard", args=[project.pk]),
        "party_list": reverse("parties:list", args=[project.pk]),
        "party_page": reverse("parties:detail", args=[project.pk, 0]).replace("/0/", "/{party}/"),
        "party_edit": reverse("parties:edit", args=[project.pk, 0]).replace("/0/", "/{party}/"),
        "analyses": [
            reverse(f"analysis:{name}", args=[project.pk])
            for name in ("grid", "salience", "positions", "actors")
        ],
        "parties": party_ids,
        "edited_parties": party_ids[:EDITED_PARTIES],
        "sessions": sessions,
        "session_cookie": settings.SESSION_COOKIE_NAME,
    }
    plan_path.write_text(json.dumps(plan), encoding="utf-8")


def _wait_until_up(url: str, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn stopped before it answered")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer in time")


def _warm_up(host: str, plan: dict) -> None:
    """Each page a few times before the run, so both workers have loaded their templates and
    translations: the run measures a server that has been up a while, not one starting."""
    cookie = f"{plan['session_cookie']}={plan['sessions'][0]}"
    party = plan["parties"][len(plan["parties"]) // 2]
    urls = [
        plan["dashboard"],
        plan["party_list"],
        plan["party_page"].format(party=party),
        plan["party_edit"].format(party=party),
        *plan["analyses"],
    ]
    for _ in range(2 * WORKERS):
        for url in urls:
            request = urllib.request.Request(host + url, headers={"Cookie": cookie})
            urllib.request.urlopen(request, timeout=60).close()


PER_PAGE_VISITS = 20


def _cpu_per_page(host: str, plan: dict, server_pid: int) -> dict[str, float]:
    """Server processor milliseconds of each kind of request, one request at a time: what each
    page costs, apart from the queueing of the run. "analysis after an edit" is an analysis page
    visited right after a party was saved, when its figures are no longer kept."""
    import requests

    from bench.load_forms import form_fields

    session = requests.Session()
    session.cookies.set(plan["session_cookie"], plan["sessions"][0])
    parties = plan["parties"]

    def get(url: str) -> str:
        response = session.get(host + url, allow_redirects=False, timeout=60)
        response.raise_for_status()
        return response.text

    def edit() -> None:
        party = random.choice(plan["edited_parties"])
        url = plan["party_edit"].format(party=party)
        fields = [(k, v) for k, v in form_fields(get(url)) if k != "goals"]
        fields.append(("goals", f"Doel {random.randrange(10**6)}"))
        session.post(host + url, data=fields, headers={"Referer": host + url}, timeout=60)

    visits: dict[str, Callable[[], object]] = {
        "dashboard": lambda: get(plan["dashboard"]),
        "party list": lambda: get(plan["party_list"]),
        "party page": lambda: get(plan["party_page"].format(party=random.choice(parties))),
        "edit form": lambda: get(plan["party_edit"].format(party=random.choice(parties))),
        "analysis page": lambda: get(random.choice(plan["analyses"])),
    }
    figures = {}
    for name, visit in visits.items():
        before = _server_cpu(server_pid)
        for _ in range(PER_PAGE_VISITS):
            visit()
        figures[name] = 1000 * (_server_cpu(server_pid) - before) / PER_PAGE_VISITS
    spent = 0.0
    for _ in range(PER_PAGE_VISITS // 2):
        edit()
        before = _server_cpu(server_pid)
        get(random.choice(plan["analyses"]))
        spent += _server_cpu(server_pid) - before
    figures["analysis after an edit"] = 1000 * spent / (PER_PAGE_VISITS // 2)
    return figures


def _stats(prefix: str) -> dict[str, dict[str, str]]:
    with open(f"{prefix}_stats.csv", encoding="utf-8", newline="") as stats_file:
        return {row["Name"]: row for row in csv.DictReader(stats_file)}


def run_one(label: str, database_url: str) -> bool:
    """Build, serve, load and report on one database. True when the goal is met."""
    scratch = Path(tempfile.mkdtemp(prefix="draagvlak-load-"))
    plan_path = scratch / "plan.json"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "draagvlak.settings",
        "DRAAGVLAK_SECRET_KEY": os.environ.get("DRAAGVLAK_SECRET_KEY") or secrets.token_hex(32),
        "DRAAGVLAK_ALLOWED_HOSTS": "127.0.0.1",
        "DRAAGVLAK_DEBUG": "0",
        "DRAAGVLAK_LOAD_PLAN": str(plan_path),
    }
    env.pop("DRAAGVLAK_HTTPS", None)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bench.bench_load", "--build"],
        env={**env, "DRAAGVLAK_ALLOWED_HOSTS": "testserver"},
        cwd=ROOT,
        check=True,
        timeout=600,
    )
    print(f"{label}: project built in {time.perf_counter() - started:.0f} s", flush=True)
    # Without DEBUG the pages name their stylesheets and scripts through the static manifest.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=300,
    )
    port = _free_port()
    host = f"http://127.0.0.1:{port}"
    bin_dir = Path(sys.executable).parent
    server = subprocess.Popen(
        [
            str(bin_dir / "gunicorn"),
            "draagvlak.wsgi",
            "--workers",
            str(WORKERS),
            "--threads",
            str(THREADS),
            "--bind",
            f"127.0.0.1:{port}",
            # the application loaded once, before the workers fork
            "--preload",
            "--log-level",
            "warning",
            "--timeout",
            "60",
        ],
        env=env,
        cwd=ROOT,
    )
    prefix = str(scratch / "load")
    try:
        _wait_until_up(host + "/accounts/login/", server)
        plan = json.loads(plan_path.read_text(encoding="utf-8"))
        _warm_up(host, plan)
        per_page = _cpu_per_page(host, plan, server.pid)
        cpu_before = _server_cpu(server.pid)
        subprocess.run(
            [
                str(bin_dir / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "-u",
                str(USERS),
                "-r",
                str(USERS),
                "--run-time",
                RUN_TIME,
                "--stop-timeout",
                "10",
                "--host",
                host,
                "--only-summary",
                "--loglevel",
                "WARNING",
                "--csv",
                prefix,
            ],
            env=env,
            cwd=ROOT,
            check=False,
            timeout=120,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        cpu_seconds = _server_cpu(server.pid) - cpu_before
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return _report(label, _stats(prefix), cpu_seconds, per_page)


def _server_cpu(pid: int) -> float:
    """Processor seconds the server's workers have used: on a shared machine the response times
    depend on the neighbours, the processor time per request does not."""
    import psutil

    workers = psutil.Process(pid).children(recursive=True)
    return sum(sum(w.cpu_times()[:2]) for w in workers)


def _report(
    label: str, stats: dict[str, dict[str, str]], cpu_seconds: float, per_page: dict[str, float]
) -> bool:
    total = stats["Aggregated"]
    conflicts = int(stats.get("edit: conflict", {}).get("Request Count", 0))
    errors = int(total["Failure Count"])
    rps = float(total["Requests/s"])
    p50, p95, p99 = (float(total[k]) for k in ("50%", "95%", "99%"))
    print(
        f"{label}: {USERS} people without pause, {PARTIES} parties, gunicorn {WORKERS} workers"
        f" of {THREADS} thread{'s' if THREADS > 1 else ''}",
        flush=True,
    )
    print(f"  requests per second {rps:10.1f}   (goal: ≥ {GOAL_RPS:.0f})")
    print(f"  p50 / p95 / p99     {p50:6.0f} / {p95:.0f} / {p99:.0f} ms   (goal p95: < 1000 ms)")
    count = int(total["Request Count"])
    print(f"  requests {count}, errors {errors}, edit conflicts {conflicts}")
    if count:
        per_request = 1000 * cpu_seconds / count
        print(
            f"  server processor time {per_request:.0f} ms a request: at most "
            f"{WORKERS * 1000 / per_request:.0f} requests per second on {WORKERS} free cores"
        )
    print("  server processor time a request, one at a time:")
    for name, ms in per_page.items():
        print(f"    {name:<24} {ms:6.1f} ms")
    for name, row in stats.items():
        if name == "Aggregated":
            continue
        print(
            f"    {name:<16} {int(row['Request Count']):>6} × "
            f"p50 {float(row['50%']):>6.0f} ms  p95 {float(row['95%']):>6.0f} ms"
            f"  errors {int(row['Failure Count'])}"
        )
    return rps >= GOAL_RPS and p95 < GOAL_P95_MS and errors == 0


def _postgres_scratch(url: str):
    """A scratch database on the server DATABASE_URL names: (its url, a function that drops it)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = f"draagvlak_load_{os.getpid()}"
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunsplit(parts._replace(path=f"/{name}")), drop


def main() -> int:
    scratch = tempfile.mkdtemp(prefix="draagvlak-load-db-")
    results = [run_one("SQLite", f"sqlite:///{scratch}/load.sqlite3")]
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        scratch_url, drop = _postgres_scratch(url)
        try:
            results.append(run_one("PostgreSQL", scratch_url))
        finally:
            drop()
    return 0 if all(results) else 1


if __name__ == "__main__":
    if sys.argv[1:] == ["--build"]:
        # in its own process, so Django is set up for this run's database alone
        _build(Path(os.environ["DRAAGVLAK_LOAD_PLAN"]))
        sys.exit(0)
    # The figures are printed whatever they are; the goal decides the exit status only when asked.
    outcome = main()
    sys.exit(outcome if os.environ.get("DRAAGVLAK_BENCH_STRICT") else 0)

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from lib.env import env_bool, env_int, env_list


def test_env_helpers_read_typed_values(monkeypatch):
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a.example, b.example,")
    assert env_bool("X_BOOL") is True
    assert env_int("X_INT", 1) == 42
    assert env_list("X_LIST", []) == ["a.example", "b.example"]
    assert env_int("X_MISSING", 7) == 7


@pytest.mark.parametrize(("reader", "value"), [(env_bool, "maybe"), (env_int, "many")])
def test_env_helpers_refuse_bad_values_loudly(monkeypatch, reader, value):
    monkeypatch.setenv("X_BAD", value)
    with pytest.raises(ImproperlyConfigured):
        reader("X_BAD", 0) if reader is env_int else reader("X_BAD")


def _start(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DRAAGVLAK_")}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "draagvlak.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _start({})
    assert result.returncode != 0
    assert "DRAAGVLAK_SECRET_KEY" in result.stderr


def test_starts_with_a_secret_key_or_in_development():
    assert _start({"DRAAGVLAK_SECRET_KEY": "s" * 50}).returncode == 0
    assert _start({"DRAAGVLAK_DEBUG": "1"}).returncode == 0


def test_console_command_wraps_the_management_commands():
    draagvlak = os.path.join(os.path.dirname(sys.executable), "draagvlak")
    result = subprocess.run(
        [draagvlak, "help"],
        env={**os.environ, "DRAAGVLAK_DEBUG": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "demo" in result.stdout and "createuser" in result.stdout


def _sqlite_pragmas(database_url: str, tmp_path) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DRAAGVLAK_")}
    script = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('PRAGMA journal_mode'); mode = c.fetchone()[0]\n"
        "    c.execute('PRAGMA busy_timeout'); timeout = c.fetchone()[0]\n"
        "print(mode, timeout, connection.transaction_mode)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "draagvlak.settings",
            "DRAAGVLAK_DEBUG": "1",
            "DATABASE_URL": database_url,
        },
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    return done.stdout.strip()


def test_a_sqlite_database_named_by_url_gets_the_same_tuning(tmp_path):
    pragmas = _sqlite_pragmas(f"sqlite:///{tmp_path / 'named.sqlite3'}", tmp_path)
    assert pragmas == "wal 20000 IMMEDIATE"

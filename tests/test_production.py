"""The app as production runs it: DEBUG off, a secret key, collected static files, gunicorn."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def production_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DRAAGVLAK_")}
    env.update(
        DRAAGVLAK_SECRET_KEY="p" * 50,
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        DJANGO_SETTINGS_MODULE="draagvlak.settings",
    )
    return env


def _get(url: str) -> tuple[int, bytes, dict]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read(), dict(response.headers)


def test_gunicorn_serves_pages_and_static_files_with_debug_off(production_env):
    subprocess.run(
        [BIN / "draagvlak", "collectstatic", "--noinput", "-v0"], env=production_env, check=True
    )
    subprocess.run([BIN / "draagvlak", "migrate", "-v0"], env=production_env, check=True)
    port = _free_port()
    server = subprocess.Popen(
        [BIN / "gunicorn", "draagvlak.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=production_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                status, body, headers = _get(base + "/accounts/login/")
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start")
        assert status == 200
        assert "Content-Security-Policy" in headers
        html = body.decode()
        css = html.split('rel="stylesheet" href="')[1].split('"')[0]
        assert css.startswith("/static/css/app.") and css != "/static/css/app.css"  # hashed
        status, _body, headers = _get(base + css)
        assert status == 200 and "max-age" in headers.get("Cache-Control", "")
    finally:
        server.terminate()
        server.wait(timeout=10)

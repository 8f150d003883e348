"""Sign-in throttling: per user name and client address together, counted before the password
is checked, with the client address read from proxy headers only as far as proxies are trusted."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from accounts.addresses import client_address
from accounts.backends import UsernameOrEmailBackend
from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.AXES_FAILURE_LIMIT = 3


def _sign_in(client, username: str, password: str, address: str = "203.0.113.5", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_failures_of_one_user_do_not_lock_out_a_colleague_at_the_same_address(client):
    make_user("alice")
    make_user("bob")
    for _ in range(5):
        _sign_in(client, "alice", "wrong")
    response = _sign_in(client, "bob", "password")
    assert response.status_code == 302 and _signed_in(client)


def test_the_right_password_is_refused_once_the_name_is_locked_at_this_address(client):
    make_user("alice")
    for _ in range(3):
        _sign_in(client, "alice", "wrong")
    response = _sign_in(client, "alice", "password")
    assert response.status_code == 429 and not _signed_in(client)
    assert "Te veel mislukte pogingen" in response.content.decode()


def test_the_lock_out_message_follows_the_chosen_language(client):
    make_user("alice")
    client.cookies["draagvlak_language"] = "en"
    for _ in range(3):
        response = _sign_in(client, "alice", "wrong")
    assert response.status_code == 429
    assert "Too many failed attempts. Wait 15 minutes" in response.content.decode()


def test_the_same_name_from_another_address_is_not_locked(client):
    make_user("alice")
    for _ in range(3):
        _sign_in(client, "alice", "wrong", address="203.0.113.5")
    assert _sign_in(client, "alice", "password", address="198.51.100.7").status_code == 302


def test_name_and_email_in_any_case_count_as_one_account(client):
    make_user("alice", email="alice@example.org")
    for typed in ("alice", "ALICE@example.org", " Alice "):
        _sign_in(client, typed, "wrong")
    assert _sign_in(client, "alice@example.org", "password").status_code == 429


def test_a_successful_sign_in_clears_the_count(client):
    make_user("alice")
    for _ in range(2):
        _sign_in(client, "alice", "wrong")
    assert _sign_in(client, "alice", "password").status_code == 302
    client.post("/accounts/logout/")
    for _ in range(2):
        _sign_in(client, "alice", "wrong")
    assert _sign_in(client, "alice", "password").status_code == 302


def test_the_lock_ends_after_the_cool_off(client, settings):
    make_user("alice")
    for _ in range(3):
        _sign_in(client, "alice", "wrong")
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert _sign_in(client, "alice", "password").status_code == 302


def test_an_attempt_is_counted_before_its_password_is_checked(client, monkeypatch):
    """Counting first (one conditional UPDATE) is what stops parallel guesses from all passing
    a check made before any of them was counted."""
    make_user("alice")
    seen: list[int] = []
    check = UsernameOrEmailBackend.authenticate

    def spying(self, request, *args, **kwargs):
        seen.append(sum(AccessAttempt.objects.values_list("failures_since_start", flat=True)))
        return check(self, request, *args, **kwargs)

    monkeypatch.setattr(UsernameOrEmailBackend, "authenticate", spying)
    _sign_in(client, "alice", "wrong")
    _sign_in(client, "alice", "wrong")
    assert seen == [1, 2]


def test_a_locked_name_never_reaches_the_password_check(client, monkeypatch):
    make_user("alice")
    for _ in range(3):
        _sign_in(client, "alice", "wrong")
    checked = []
    monkeypatch.setattr(UsernameOrEmailBackend, "authenticate", lambda *a, **k: checked.append(1))
    _sign_in(client, "alice", "password")
    assert checked == []


@pytest.mark.django_db(transaction=True)
def test_parallel_guesses_cannot_pass_the_limit(settings, monkeypatch):
    """Eight guesses at once with a limit of three: exactly three passwords get checked."""
    settings.AXES_FAILURE_LIMIT = 3
    make_user("alice")
    checked: list[int] = []
    barrier = threading.Barrier(8, timeout=30)
    check = UsernameOrEmailBackend.authenticate

    def slow_check(self, request, *args, **kwargs):
        checked.append(1)
        return check(self, request, *args, **kwargs)

    monkeypatch.setattr(UsernameOrEmailBackend, "authenticate", slow_check)

    def guess() -> None:
        from django.test import Client

        try:
            barrier.wait()
            _sign_in(Client(), "alice", "wrong")
        finally:
            connection.close()

    threads = [threading.Thread(target=guess) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(checked) == 3
    assert AccessAttempt.objects.get().failures_since_start == 3


def test_a_forged_forwarded_header_is_ignored_without_trusted_proxies(client):
    make_user("alice")
    for n in range(3):
        _sign_in(client, "alice", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    forged = _sign_in(client, "alice", "password", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert forged.status_code == 429


def test_behind_a_trusted_proxy_each_client_address_counts_apart(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_user("alice")
    for _ in range(3):
        _sign_in(client, "alice", "wrong", address="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1")
    other = _sign_in(
        client, "alice", "password", address="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.2"
    )
    assert other.status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.2"),  # no trusted proxy: the header is anyone's
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "198.51.100.66, 192.0.2.1", "192.0.2.1"),  # the left entry is the client's own
        (2, "198.51.100.66, 192.0.2.1, 10.0.0.9", "192.0.2.1"),
        (2, "192.0.2.1", "10.0.0.2"),  # shorter than the proxy chain: not through all proxies
        (1, "not-an-address", "10.0.0.2"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_address_trusts_only_the_configured_proxies(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_a_negative_proxy_count_stops_start_up():
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DRAAGVLAK_")}
    env = {**clean, "DRAAGVLAK_DEBUG": "1", "DRAAGVLAK_TRUSTED_PROXY_COUNT": "-1"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "DJANGO_SETTINGS_MODULE": "draagvlak.settings"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "DRAAGVLAK_TRUSTED_PROXY_COUNT" in result.stderr

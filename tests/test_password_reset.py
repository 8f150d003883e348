"""Password-reset requests: limited per address and per e-mail, answered alike whether or not
the address has an account, with the mail sent from the worker."""

from __future__ import annotations

import re
import time

import pytest
from django.core import mail
from django_tasks_db.models import DBTaskResult

from accounts.tasks import password_reset_mail_task
from tests.factories import make_user

pytestmark = pytest.mark.django_db

RESET = "/accounts/password/reset/"


def _ask(client, email: str, address: str = "203.0.113.5"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


@pytest.fixture
def worker_queue(settings):
    """Tasks wait in the database, as in production, instead of running at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_known_and_unknown_addresses_get_the_same_answer_in_the_same_time(
    client, settings, worker_queue
):
    settings.PASSWORD_RESET_RESPONSE_SECONDS = 0.3
    make_user("alice", email="alice@example.org")
    answers = []
    for email in ("alice@example.org", "nobody@example.org"):
        started = time.monotonic()
        response = _ask(client, email)
        answers.append((response.status_code, response["Location"], time.monotonic() - started))
    (known_status, known_to, known_time), (unknown_status, unknown_to, unknown_time) = answers
    sent = "/accounts/password/reset/sent/"
    assert (known_status, known_to) == (unknown_status, unknown_to) == (302, sent)
    assert known_time >= 0.3 and unknown_time >= 0.3
    assert abs(known_time - unknown_time) < 0.1
    assert not mail.outbox  # the page did not wait for the mail server
    assert DBTaskResult.objects.count() == 1


def test_the_worker_sends_a_working_link_in_the_requested_language(client):
    user = make_user("alice", email="alice@example.org")
    password_reset_mail_task.call(user.pk, "testserver", False, "en")
    assert mail.outbox[0].to == ["alice@example.org"]
    assert mail.outbox[0].subject == "Choose a new password for Draagvlak"
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", mail.outbox[0].body)[1]
    assert client.get(link, follow=True).context["validlink"]


def test_requests_for_one_address_are_limited(client, settings):
    settings.PASSWORD_RESET_RESPONSE_SECONDS = 0
    make_user("alice", email="alice@example.org")
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL):
        assert _ask(client, "Alice@example.org", address=f"192.0.2.{n}").status_code == 302
    refused = _ask(client, "alice@example.org", address="192.0.2.99")
    assert refused.status_code == 429
    assert "Te veel aanvragen" in refused.content.decode()
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_EMAIL


def test_an_unknown_address_is_limited_alike(client, settings):
    settings.PASSWORD_RESET_RESPONSE_SECONDS = 0
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL):
        assert _ask(client, "nobody@example.org", address=f"192.0.2.{n}").status_code == 302
    assert _ask(client, "nobody@example.org", address="192.0.2.99").status_code == 429


def test_requests_from_one_client_address_are_limited(client, settings):
    settings.PASSWORD_RESET_RESPONSE_SECONDS = 0
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_ADDRESS):
        assert _ask(client, f"person{n}@example.org").status_code == 302
    assert _ask(client, "one-more@example.org").status_code == 429
    assert _ask(client, "one-more@example.org", address="198.51.100.7").status_code == 302

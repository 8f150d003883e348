from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def test_sign_in_with_user_name_or_email(client):
    make_user("alice", email="Alice@Example.org")
    for identifier in ("alice", "ALICE", "alice@example.org"):
        response = client.post(LOGIN, {"username": identifier, "password": "password"})
        assert response.status_code == 302, identifier
        assert response["Location"] == reverse("projects:list")
        client.post("/accounts/logout/")


def test_wrong_password_is_refused_with_a_message(client):
    make_user("alice")
    response = client.post(LOGIN, {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "_auth_user_id" not in client.session


def test_failed_logins_are_rate_limited(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    make_user("alice")
    for _ in range(3):
        client.post(LOGIN, {"username": "alice", "password": "wrong"})
    blocked = client.post(LOGIN, {"username": "alice", "password": "password"})
    assert blocked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert [e.code for e in blocked.context["form"].non_field_errors().as_data()] == ["blocked"]


def test_sign_out_needs_a_post(client):
    user = make_user("alice")
    client.force_login(user)
    assert client.get("/accounts/logout/").status_code == 405
    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_password_reset_by_email(client):
    make_user("alice", email="alice@example.org")
    response = client.post("/accounts/password/reset/", {"email": "alice@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", mail.outbox[0].body)[1]
    form_page = client.get(link, follow=True)
    new = "een-nieuw-wachtwoord-2026"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    assert client.login(username="alice", password=new)


def test_password_change(client):
    user = make_user("alice")
    client.force_login(user)
    new = "nog-een-ander-wachtwoord"
    response = client.post(
        "/accounts/password/",
        {
            "old_password": "password",
            "new_password1": new,
            "new_password2": new,
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


def test_language_switch_is_remembered_for_the_user(client):
    user = make_user("alice")
    client.force_login(user)
    response = client.post("/accounts/language/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    user.refresh_from_db()
    assert user.language == "en"
    assert client.get("/").headers["Content-Language"] == "en"


def test_language_switch_refuses_foreign_redirects(client):
    response = client.post(
        "/accounts/language/", {"language": "en", "next": "https://evil.example"}
    )
    assert response["Location"] == "/"


def test_the_users_language_applies_after_sign_in(client):
    make_user("alice", language="en")
    client.post(LOGIN, {"username": "alice", "password": "password"})
    assert client.get("/").headers["Content-Language"] == "en"


def test_a_language_chosen_before_sign_in_is_kept(client):
    user = make_user("alice", language="nl")
    client.cookies["draagvlak_language"] = "en"
    client.post(LOGIN, {"username": "alice", "password": "password"})
    assert client.get("/").headers["Content-Language"] == "en"
    user.refresh_from_db()
    assert user.language == "en"


def test_settings_refuse_an_email_in_use(client):
    make_user("bob", email="bob@example.org")
    user = make_user("alice")
    client.force_login(user)
    response = client.post(
        "/accounts/settings/",
        {
            "first_name": "A",
            "last_name": "B",
            "email": "BOB@example.org",
            "language": "nl",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["email"]


def test_pages_send_a_strict_content_security_policy(client):
    response = client.get(LOGIN)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from accounts.models import User
from projects.models import Organisation

PASSWORD = "Tandenborstel-2024!"


def _create(*args: str) -> str:
    out = StringIO()
    call_command("createuser", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_createuser_creates_a_user_who_can_sign_in():
    text = _create(
        "lien", "--email", "lien@example.org", "--password", PASSWORD,
        "--first-name", "Lien", "--last-name", "Maes", "--language", "en",
    )
    assert 'Created user "lien"' in text
    user = User.objects.get(username="lien")
    assert (user.email, user.first_name, user.last_name, user.language) == (
        "lien@example.org", "Lien", "Maes", "en",
    )
    assert user.check_password(PASSWORD)
    assert authenticate(username="lien", password=PASSWORD) == user
    assert not user.organisations.exists()


@pytest.mark.django_db
def test_createuser_refuses_duplicates():
    _create("lien", "--email", "lien@example.org", "--password", PASSWORD)
    with pytest.raises(CommandError, match="name"):
        _create("LIEN", "--email", "other@example.org", "--password", PASSWORD)
    with pytest.raises(CommandError, match="e-mail"):
        _create("someone", "--email", "Lien@Example.org", "--password", PASSWORD)
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_createuser_refuses_invalid_data():
    with pytest.raises(CommandError):
        _create("lien", "--email", "not-an-address", "--password", PASSWORD)
    with pytest.raises(CommandError, match="Password"):
        _create("lien", "--email", "lien@example.org", "--password", "123")
    with pytest.raises(CommandError):
        _create("lien", "--email", "lien@example.org", "--password", PASSWORD,
                "--language", "fr")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_createuser_without_password_outside_a_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(CommandError, match="password"):
        _create("lien", "--email", "lien@example.org")
    assert not User.objects.exists()


@pytest.mark.django_db
def test_createuser_asks_for_the_password_in_a_terminal(monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSWORD)
    _create("lien", "--email", "lien@example.org")
    assert User.objects.get(username="lien").check_password(PASSWORD)


@pytest.mark.django_db
def test_createuser_adds_to_new_and_existing_organisation():
    text = _create(
        "lien", "--email", "lien@example.org", "--password", PASSWORD,
        "--organisation", "Stad Hoogveld",
    )
    assert 'Added to organisation "Stad Hoogveld"' in text
    organisation = Organisation.objects.get(name="Stad Hoogveld")
    assert list(organisation.members.values_list("username", flat=True)) == ["lien"]

    _create(
        "wout", "--email", "wout@example.org", "--password", PASSWORD,
        "--organisation", "stad hoogveld",
    )
    assert Organisation.objects.count() == 1
    assert set(organisation.members.values_list("username", flat=True)) == {"lien", "wout"}

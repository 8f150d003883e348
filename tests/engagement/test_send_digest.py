"""The daily digest: one short e-mail per user with something due, in their language, unless
they switched it off in their settings."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from engagement.management.commands.send_digest import Command
from tests.engagement.conftest import days
from tests.engagement.factories import make_commitment, make_moment

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command("send_digest", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def due(team, party):
    make_moment(team.project, [party], by=team.owner, discussed="Gesprek",
                kind="one_to_one", date=days(-3), follow_up_on=days(2))
    make_commitment(party, what="Folders in de wachtzaal", ends_in=-4)
    make_commitment(party, what="Volgende maand", ends_in=20)


def test_each_member_with_something_due_gets_one_mail(team, due):
    team.owner.language = "en"
    team.owner.save()
    assert "4 digest(s) sent." in _run("--base-url", "https://draagvlak.example.org/")
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {
        "alice@example.org", "bob@example.org", "carla@example.org", "dirk@example.org"
    }
    owner = by_address["alice@example.org"]
    assert owner.subject == "Draagvlak: 2 things to do"
    assert "Overdue" in owner.body
    assert "commitment of Schepen van welzijn: Folders in de wachtzaal" in owner.body
    assert "follow up with Schepen van welzijn (one-to-one conversation of" in owner.body
    assert "Volgende maand" not in owner.body  # more than a week away
    assert "https://draagvlak.example.org/todo/" in owner.body
    assert "https://draagvlak.example.org/accounts/settings/" in owner.body
    assert owner.body.index("Folders") < owner.body.index("follow up")
    # the others did not log or join the contact: only the commitment
    assert "follow up" not in by_address["bob@example.org"].body


def test_the_mail_is_in_the_users_language(team, due):
    team.owner.language = "en"
    team.owner.save()
    _run()
    ends_on = days(-4)
    for address, language in (("alice@example.org", "en"), ("bob@example.org", "nl")):
        message = next(m for m in mail.outbox if m.to == [address])
        with translation.override(language):
            assert date_format(ends_on, "DATE_FORMAT") in message.body
    dutch = next(m for m in mail.outbox if m.to == ["bob@example.org"]).body
    with translation.override("en"):
        assert date_format(ends_on, "DATE_FORMAT") not in dutch
    assert "http" not in dutch  # no base URL given, no links


def test_nothing_due_no_mail(team, party):
    make_commitment(party, what="Later", ends_in=20)
    assert "0 digest(s) sent." in _run()
    assert mail.outbox == []


def test_switched_off_or_without_address_no_mail(team, due):
    team.editor.digest_enabled = False
    team.editor.save()
    team.viewer.email = ""
    team.viewer.save()
    _run()
    recipients = {message.to[0] for message in mail.outbox}
    assert "bob@example.org" not in recipients and "dirk@example.org" not in recipients
    assert "alice@example.org" in recipients


def test_dry_run_sends_nothing(team, due):
    assert "would be sent" in _run("--dry-run")
    assert mail.outbox == []


def test_the_settings_page_switches_it_off(client, team):
    client.force_login(team.owner)
    form = client.get(reverse("accounts:settings")).context["form"]
    assert form["digest_enabled"].value() is True
    response = client.post(
        reverse("accounts:settings"),
        {"first_name": "Alice", "last_name": "", "email": "alice@example.org", "language": "nl"},
    )
    assert response.status_code == 302
    team.owner.refresh_from_db()
    assert team.owner.digest_enabled is False


def test_the_command_explains_itself():
    assert "daily" in Command.help and "scheduler" in Command.help

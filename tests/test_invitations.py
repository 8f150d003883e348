"""Invitations: the same answer whether or not the address has an account, accepted by the
addressee only and once, and a second invitation to an open address renews the first."""

from __future__ import annotations

import re
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import User
from projects import services
from projects.models import Invitation, Membership, Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "lang-genoeg-wachtwoord"


def _invite(client, project, email: str, role: str = "editor"):
    url = reverse("projects:member_invite", args=[project.pk])
    return client.post(url, {"email": email, "role": role}, follow=True)


def _link(message) -> str:
    return re.search(r"http://testserver(/invitations/\S+/)", message.body)[1]


def _sign_up(client, link: str, username: str):
    data = {"username": username, "password1": PASSWORD, "password2": PASSWORD}
    return client.post(link, data)


def _said(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_the_inviter_hears_the_same_whether_or_not_the_address_has_an_account(
    client, team, django_capture_on_commit_callbacks
):
    make_user("fien", email="fien@example.org")
    client.force_login(team.owner)
    with django_capture_on_commit_callbacks(execute=True):
        known = _invite(client, team.project, "fien@example.org")
        unknown = _invite(client, team.project, "gert@example.org")
    assert _said(known).replace("fien", "gert") == _said(unknown)
    assert [m.to for m in mail.outbox] == [["fien@example.org"], ["gert@example.org"]]
    assert (
        mail.outbox[0].body.replace("fien", "x").split("/invitations/")[0]
        == (mail.outbox[1].body.replace("gert", "x").split("/invitations/")[0])
    )
    assert not Membership.objects.filter(project=team.project, user__username="fien").exists()


def test_someone_signed_in_with_another_address_cannot_accept(client, team):
    invitation = Invitation.objects.create(project=team.project, email="fien@example.org")
    client.force_login(team.outsider)  # eve@example.org
    url = reverse("invitation_accept", args=[invitation.token])
    page = client.get(url)
    assert page.status_code == 403 and "fien@example.org" in page.content.decode()
    assert client.post(url).status_code == 403
    assert not Membership.objects.filter(project=team.project, user=team.outsider).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_addressee_accepts_in_any_letter_case(client, team):
    invitation = Invitation.objects.create(project=team.project, email="EVE@Example.org")
    client.force_login(team.outsider)
    response = client.post(reverse("invitation_accept", args=[invitation.token]))
    assert response.status_code == 302
    assert Membership.objects.filter(project=team.project, user=team.outsider).exists()


def test_an_invitation_read_before_another_acceptance_cannot_be_used_again(team):
    """Both requests loaded the open invitation; the conditional UPDATE lets one through."""
    invitation = Invitation.objects.create(project=team.project, email="eve@example.org")
    stale = Invitation.objects.get(pk=invitation.pk)
    services.invitation_accept(invitation=invitation, user=team.outsider)
    with pytest.raises(ValidationError) as refused:
        services.invitation_accept(invitation=stale, user=team.outsider)
    assert refused.value.code == "used"


def test_a_new_account_is_not_made_for_an_invitation_used_meanwhile(team):
    invitation = Invitation.objects.create(project=team.project, email="gert@example.org")
    stale = Invitation.objects.get(pk=invitation.pk)
    data = {"username": "gert", "password1": PASSWORD}
    services.invitation_accept_new_account(invitation=invitation, data=data, language="nl")
    with pytest.raises(ValidationError):
        services.invitation_accept_new_account(
            invitation=stale, data={**data, "username": "gert2"}, language="nl"
        )
    assert not User.objects.filter(username="gert2").exists()
    assert Membership.objects.filter(project=team.project).count() == 5


def test_a_second_invitation_to_an_open_address_renews_the_first(
    client, team, django_capture_on_commit_callbacks
):
    client.force_login(team.owner)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, team.project, "gert@example.org", role="viewer")
        second = _invite(client, team.project, "Gert@Example.org", role="editor")
    assert second.status_code == 200  # after the redirect, no error page
    assert "Gert@Example.org was al uitgenodigd" in _said(second)
    invitation = Invitation.objects.get(project=team.project)
    assert invitation.role == Role.EDITOR
    old_link, new_link = _link(mail.outbox[0]), _link(mail.outbox[1])
    assert old_link != new_link
    client.logout()
    assert client.get(old_link).status_code == 404
    assert client.get(new_link).status_code == 200


def test_invitations_from_two_projects_to_one_new_address_end_without_an_error(
    client, team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(team.owner)
        _invite(client, team.project, "gert@example.org")
        client.force_login(team.outsider)
        _invite(client, team.other_project, "gert@example.org")
    first, second = _link(mail.outbox[0]), _link(mail.outbox[1])
    client.logout()
    assert _sign_up(client, first, "gert").status_code == 302
    client.logout()
    refused = _sign_up(client, second, "gert-again")
    assert refused.status_code == 400
    assert [e.code for e in refused.context["form"].non_field_errors().as_data()] == [
        "account_exists"
    ]
    assert not User.objects.filter(username="gert-again").exists()
    client.force_login(User.objects.get(username="gert"))
    assert client.post(second).status_code == 302
    assert Membership.objects.filter(user__username="gert").count() == 2


@pytest.mark.django_db(transaction=True)
def test_six_simultaneous_sign_ups_through_one_invitation_make_one_member(team):
    invitation = Invitation.objects.create(project=team.project, email="gert@example.org")
    link = reverse("invitation_accept", args=[invitation.token])
    barrier = threading.Barrier(6, timeout=30)
    statuses: list[int] = []

    def sign_up(n: int) -> None:
        try:
            barrier.wait()
            statuses.append(_sign_up(Client(), link, f"gert{n}").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses)[0] == 302 and 500 not in statuses
    assert User.objects.filter(email__iexact="gert@example.org").count() == 1
    assert (
        Membership.objects.filter(project=team.project, user__email="gert@example.org").count() == 1
    )


@pytest.mark.django_db(transaction=True)
def test_six_simultaneous_acceptances_by_the_addressee_join_once(team):
    invitation = Invitation.objects.create(project=team.project, email="eve@example.org")
    barrier = threading.Barrier(6, timeout=30)
    outcomes: list[str] = []

    def accept() -> None:
        try:
            barrier.wait()
            services.invitation_accept(invitation=invitation, user=team.outsider)
            outcomes.append("joined")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["joined"] + ["used"] * 5

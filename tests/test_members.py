from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from projects.models import Invitation, Membership, Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def _invite(client, team, email: str, role: str = "editor"):
    url = reverse("projects:member_invite", args=[team.project.pk])
    return client.post(url, {"email": email, "role": role})


def test_an_existing_user_is_invited_not_added(client, team, django_capture_on_commit_callbacks):
    newcomer = make_user("fien", email="fien@example.org")
    client.force_login(team.owner)
    with django_capture_on_commit_callbacks(execute=True):
        assert _invite(client, team, "FIEN@example.org").status_code == 302
    assert mail.outbox[0].to == ["FIEN@example.org"]
    assert not Membership.objects.filter(project=team.project, user=newcomer).exists()
    invitation = Invitation.objects.get(project=team.project)
    client.force_login(newcomer)
    client.post(reverse("invitation_accept", args=[invitation.token]))
    assert Membership.objects.get(project=team.project, user=newcomer).role == Role.EDITOR


def test_owner_invites_a_new_person_who_creates_an_account(
    client, team, django_capture_on_commit_callbacks
):
    client.force_login(team.owner)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, team, "gert@example.org", role="contributor")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["gert@example.org"]
    link = re.search(r"http://testserver(/invitations/\S+/)", mail.outbox[0].body)[1]
    client.logout()
    assert client.get(link).status_code == 200
    response = client.post(
        link,
        {
            "username": "gert",
            "first_name": "Gert",
            "last_name": "Maes",
            "password1": "lang-genoeg-wachtwoord",
            "password2": "lang-genoeg-wachtwoord",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(project=team.project, user__username="gert")
    assert membership.role == Role.CONTRIBUTOR and membership.user.email == "gert@example.org"
    assert client.get(link).status_code == 404  # used once


def test_signed_in_user_accepts_an_invitation(client, team):
    invitation = Invitation.objects.create(
        project=team.project, email="eve@example.org", role=Role.VIEWER
    )
    client.force_login(team.outsider)
    client.post(reverse("invitation_accept", args=[invitation.token]))
    assert Membership.objects.filter(project=team.project, user=team.outsider).exists()


def test_invalid_email_is_refused(client, team):
    client.force_login(team.owner)
    response = _invite(client, team, "not an address")
    assert response.status_code == 400 and response.context["form"].errors["email"]
    assert not Invitation.objects.exists()


def test_owner_changes_a_role_and_removes_a_member(client, team):
    client.force_login(team.owner)
    member = Membership.objects.get(project=team.project, user=team.viewer)
    client.post(
        reverse("projects:member_role", args=[team.project.pk, member.pk]), {"role": "editor"}
    )
    member.refresh_from_db()
    assert member.role == Role.EDITOR
    client.post(reverse("projects:member_remove", args=[team.project.pk, member.pk]))
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_the_last_owner_cannot_be_demoted_or_removed(client, team):
    client.force_login(team.owner)
    own = Membership.objects.get(project=team.project, user=team.owner)
    client.post(reverse("projects:member_role", args=[team.project.pk, own.pk]), {"role": "viewer"})
    client.post(reverse("projects:member_remove", args=[team.project.pk, own.pk]))
    own.refresh_from_db()
    assert own.role == Role.OWNER


def test_editor_cannot_manage_members(client, team):
    client.force_login(team.editor)
    assert _invite(client, team, "x@example.org").status_code == 403
    member = Membership.objects.get(project=team.project, user=team.viewer)
    url = reverse("projects:member_role", args=[team.project.pk, member.pk])
    assert client.post(url, {"role": "owner"}).status_code == 403


def test_a_membership_of_another_project_cannot_be_changed(client, team):
    foreign = Membership.objects.get(project=team.other_project, user=team.outsider)
    client.force_login(team.owner)
    url = reverse("projects:member_role", args=[team.project.pk, foreign.pk])
    assert client.post(url, {"role": "viewer"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.role == Role.OWNER

from __future__ import annotations

import pytest

from projects.models import Role
from tests.factories import add_member, make_project, make_user


@pytest.fixture(autouse=True)
def _fast_hasher_and_language(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


class Team:
    """A project with one user in each role, and an outsider with a project of their own."""

    def __init__(self) -> None:
        self.owner = make_user("alice", first_name="Alice")
        self.editor = make_user("bob", first_name="Bob")
        self.contributor = make_user("carla", first_name="Carla")
        self.viewer = make_user("dirk", first_name="Dirk")
        self.outsider = make_user("eve", first_name="Eve")
        self.project = make_project(self.owner, title="Mondzorg Hoogveld")
        add_member(self.project, self.editor, Role.EDITOR)
        add_member(self.project, self.contributor, Role.CONTRIBUTOR)
        add_member(self.project, self.viewer, Role.VIEWER)
        self.other_project = make_project(self.outsider, title="Elders")


@pytest.fixture
def team(db) -> Team:
    return Team()

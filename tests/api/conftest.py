from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.test.client import Client as TestClient

from accounts.models import User
from api.services import token_create

API = "/api/v1"


class Api:
    """Calls the API as a user, with a personal access token made for them on first use."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.tokens: dict[int, str] = {}

    def token_for(self, user: User) -> str:
        if user.pk not in self.tokens:
            self.tokens[user.pk] = token_create(user=user, name="tests")[1]
        return self.tokens[user.pk]

    def call(
        self,
        method: str,
        path: str,
        user: User | None = None,
        body: Any = None,
        token: str | None = None,
        if_match: int | str | None = None,
        language: str | None = None,
        **query: Any,
    ):
        headers = {}
        if if_match is not None:
            # A version number becomes its ETag; a string is sent as it is.
            headers["If-Match"] = f'"{if_match}"' if isinstance(if_match, int) else if_match
        if language is not None:
            headers["Accept-Language"] = language
        if user is not None:
            token = self.token_for(user)
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        url = path if path.startswith(API) else API + path
        if method == "get":
            return self.client.get(url, query, headers=headers)
        if isinstance(body, Multipart):
            return self.client.post(url, data=dict(body), headers=headers)
        data = json.dumps(body) if body is not None else ""
        return getattr(self.client, method)(
            url, data=data, content_type="application/json", headers=headers
        )

    def get(self, path: str, user: User | None = None, **kwargs: Any):
        return self.call("get", path, user, **kwargs)

    def post(self, path: str, user: User | None = None, body: Any = None, **kwargs: Any):
        return self.call("post", path, user, body, **kwargs)

    def patch(self, path: str, user: User | None = None, body: Any = None, **kwargs: Any):
        return self.call("patch", path, user, body, **kwargs)

    def delete(self, path: str, user: User | None = None, **kwargs: Any):
        return self.call("delete", path, user, **kwargs)


class Multipart(dict):
    """A form with files, sent as multipart/form-data instead of JSON."""


@pytest.fixture
def api(db) -> Api:
    return Api(Client())


def field_errors(response) -> dict[str, str]:
    """The 422 answer as {field: message}, the field being the last part of each location."""
    assert response.status_code == 422, response.content
    return {str(error["loc"][-1]): error["msg"] for error in response.json()["detail"]}

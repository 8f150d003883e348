from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from api.models import ApiToken
from api.services import token_create, token_revoke


class Command(BaseCommand):
    help = (
        "Manage a user's personal API tokens. `token create USERNAME --name NAME` prints the new "
        "token on the last line (it is shown only once); `token revoke USERNAME --name NAME` "
        "revokes it; `token list USERNAME` lists the user's tokens."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser("create", help="Create a token and print it.")
        create.add_argument("username")
        create.add_argument("--name", required=True, help="What the token is for.")
        revoke = actions.add_parser("revoke", help="Revoke the user's active token of this name.")
        revoke.add_argument("username")
        revoke.add_argument("--name", required=True)
        listing = actions.add_parser("list", help="List the user's tokens.")
        listing.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user named {options['username']!r}.")
        getattr(self, f"_{options['action']}")(user, options)

    def _create(self, user: User, options: dict[str, Any]) -> None:
        try:
            token, plain = token_create(user=user, name=options["name"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stderr.write(f"Token {token.name!r} for {user.username}; it is shown only this once:")
        self.stdout.write(plain)

    def _revoke(self, user: User, options: dict[str, Any]) -> None:
        token = ApiToken.objects.active().filter(user=user, name=options["name"].strip()).first()
        if token is None:
            raise CommandError(f"{user.username} has no active token named {options['name']!r}.")
        token_revoke(token=token)
        self.stdout.write(f"Revoked {token}.")

    def _list(self, user: User, options: dict[str, Any]) -> None:
        for token in ApiToken.objects.filter(user=user):
            used = f"{token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never used"
            state = f"revoked {token.revoked_at:%Y-%m-%d}" if token.revoked_at else "active"
            self.stdout.write(
                f"{token.prefix}…  {token.name}  created {token.created_at:%Y-%m-%d}  "
                f"{used}  {state}"
            )

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accounts.models import User
from accounts.services import user_create
from projects.models import Organisation


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{field}: {' '.join(str(m) for m in messages)}"
            for field, messages in error.message_dict.items()
        )
    return " ".join(str(message) for message in error.messages)


class Command(BaseCommand):
    help = (
        "Create a user account. The password is asked for when --password is not given and "
        "the command runs in a terminal. With --organisation the user joins that organisation, "
        "which is created when it does not exist yet."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="User name to sign in with.")
        parser.add_argument("--email", required=True, help="E-mail address (unique).")
        parser.add_argument("--password", help="Password; asked for when left out.")
        parser.add_argument("--first-name", default="", help="First name.")
        parser.add_argument("--last-name", default="", help="Last name.")
        parser.add_argument(
            "--language", default="nl", choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the interface (default: nl).",
        )
        parser.add_argument(
            "--organisation", default="",
            help="Name of the organisation the user belongs to; created if missing.",
        )

    def _ask_password(self) -> str:
        if not sys.stdin.isatty():
            raise CommandError("No password given: use --password or run in a terminal.")
        first = getpass.getpass("Password: ")
        second = getpass.getpass("Password (again): ")
        if first != second:
            raise CommandError("The two passwords differ.")
        return first

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"].strip()
        email = options["email"].strip()
        if not username:
            raise CommandError("The user name may not be empty.")
        if not email:
            raise CommandError("The e-mail address may not be empty.")
        if User.objects.filter(username__iexact=username).exists():
            raise CommandError(f'A user with the name "{username}" already exists.')
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f'A user with the e-mail address "{email}" already exists.')

        password = options["password"]
        if password is None:
            password = self._ask_password()
        if not password:
            raise CommandError("The password may not be empty.")
        candidate = User(
            username=username, email=email,
            first_name=options["first_name"], last_name=options["last_name"],
        )
        try:
            validate_password(password, user=candidate)
        except ValidationError as error:
            raise CommandError(f"Password not accepted: {_messages(error)}") from error

        organisation_name = options["organisation"].strip()
        try:
            with transaction.atomic():
                user = user_create(
                    username=username, email=email, password=password,
                    first_name=options["first_name"].strip(),
                    last_name=options["last_name"].strip(), language=options["language"],
                )
                organisation = None
                if organisation_name:
                    organisation = Organisation.objects.filter(
                        name__iexact=organisation_name
                    ).first()
                    if organisation is None:
                        organisation = Organisation.objects.create(name=organisation_name)
                    organisation.members.add(user)
        except ValidationError as error:
            raise CommandError(f"User not created: {_messages(error)}") from error

        self.stdout.write(self.style.SUCCESS(f'Created user "{user.username}".'))
        if organisation is not None:
            self.stdout.write(f'Added to organisation "{organisation.name}".')

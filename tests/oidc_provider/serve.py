"""Run the test OpenID Connect provider: ``python -m tests.oidc_provider.serve --db PATH ...``.

Migrates its own SQLite file, makes a signing key, the people in tests.oidc_provider.PEOPLE and one
client for the app, then serves on a free port of 127.0.0.1 and prints ``PORT <number>``.
"""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--redirect-uri", action="append", default=[])
    parser.add_argument("--post-logout-uri", action="append", default=[])
    args = parser.parse_args(argv)

    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    os.environ["OIDC_TEST_PROVIDER_DB"] = args.db
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import run
    from django.core.wsgi import get_wsgi_application

    call_command("migrate", verbosity=0, interactive=False)
    _seed(args)
    run(
        "127.0.0.1", 0, get_wsgi_application(), threading=True,
        on_bind=lambda port: print(f"PORT {port}", flush=True),
    )


def _seed(args: argparse.Namespace) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.contrib.auth.models import Group, User
    from oidc_provider.models import Client, ResponseType, RSAKey

    from tests.oidc_provider import PEOPLE, PROVIDER_PASSWORD
    from tests.oidc_provider.claims import UNVERIFIED_GROUP

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    RSAKey.objects.create(key=pem)

    unverified = Group.objects.create(name=UNVERIFIED_GROUP)
    for person in PEOPLE:
        user = User.objects.create_user(
            person.username, email=person.email, password=PROVIDER_PASSWORD,
            first_name=person.first_name, last_name=person.last_name,
        )
        if not person.email_verified:
            user.groups.add(unverified)

    client = Client.objects.create(
        name="Draagvlak",
        client_type="confidential",
        client_id=args.client_id,
        client_secret=args.client_secret,
        jwt_alg="RS256",
        require_consent=True,
        reuse_consent=True,
    )
    client.redirect_uris = args.redirect_uri
    client.post_logout_redirect_uris = args.post_logout_uri
    client.scope = ["openid", "email", "profile"]
    client.save()
    client.response_types.add(ResponseType.objects.get(value="code"))


if __name__ == "__main__":
    sys.exit(main())

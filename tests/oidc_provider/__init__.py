"""A real OpenID Connect provider for the tests: a second small Django project on
django-oidc-provider, run in its own process on a free port of 127.0.0.1 (see serve.py).

``running_provider`` starts it and stops it again; tests sign in at its login form.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "draagvlak"
CLIENT_SECRET = "provider-client-secret-for-tests"
PROVIDER_PASSWORD = "provider-password"
START_TIMEOUT = 60


@dataclass(frozen=True)
class Person:
    username: str
    email: str
    first_name: str
    last_name: str
    email_verified: bool = True


ANN = Person("ann", "Ann.Peeters@Hoogveld.example", "Ann", "Peeters")
NEW = Person("nora", "nora.jansen@hoogveld.example", "Nora", "Jansen")
UNVERIFIED = Person("otto", "otto@hoogveld.example", "Otto", "Vos", email_verified=False)
PEOPLE = [ANN, NEW, UNVERIFIED]


@dataclass(frozen=True)
class Provider:
    url: str

    @property
    def issuer(self) -> str:
        return f"{self.url}/openid"


@contextmanager
def running_provider(
    workdir: Path, *, redirect_uris: list[str], post_logout_uris: list[str]
) -> Iterator[Provider]:
    """The provider in its own process, its database in ``workdir``; stopped on leaving."""
    command = [
        sys.executable, "-m", "tests.oidc_provider.serve",
        "--db", str(workdir / "provider.sqlite3"),
        "--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET,
    ]
    for uri in redirect_uris:
        command += ["--redirect-uri", uri]
    for uri in post_logout_uris:
        command += ["--post-logout-uri", uri]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DRAAGVLAK_"))}
    log = (workdir / "provider.log").open("w")
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=log, text=True
    )
    try:
        yield Provider(url=f"http://127.0.0.1:{_port(process, workdir)}")
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _port(process: subprocess.Popen, workdir: Path) -> int:
    found: list[int] = []

    def read() -> None:
        for line in process.stdout:
            if line.startswith("PORT "):
                found.append(int(line.split()[1]))
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(START_TIMEOUT)
    if not found:
        log = (workdir / "provider.log").read_text()
        raise RuntimeError(f"The test OpenID Connect provider did not start:\n{log}")
    return found[0]


@contextmanager
def provider_for(app: str, workdir: Path) -> Iterator[Provider]:
    """The provider with the app at ``app`` registered as its client (callback and logout)."""
    with running_provider(
        workdir,
        redirect_uris=[f"{app}/oidc/callback/"],
        post_logout_uris=[f"{app}/accounts/login/"],
    ) as running:
        yield running


def configure(
    settings,
    *,
    issuer: str = "https://id.hoogveld.example/realms/stad",
    organisation: str = "Stad Hoogveld",
    create_users: bool = True,
    only: bool = False,
) -> None:
    """Switch the app's single sign-on on for a test, as the environment would."""
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_ISSUER = issuer
    settings.OIDC_ORGANISATION = organisation
    settings.OIDC_CREATE_USER = create_users
    settings.OIDC_ONLY = only
    settings.OIDC_ENTRA_DOMAIN_VERIFIED = False
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "accounts.oidc.OIDCBackend",
    ]

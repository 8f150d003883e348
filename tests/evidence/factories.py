"""Policy documents for tests: uploaded and scanned at once (tasks run immediately in tests)."""

from __future__ import annotations

from evidence import services
from evidence.models import PolicyDocument
from tests.evidence.pdfs import make_pdf

POLICY_PAGES = [
    "Inleiding. De gemeente kiest voor een gezonde toekomst voor iedereen.",
    "Ambitie. We willen de gezondheidsachterstanden in de wijken verkleinen. Vooral kinderen "
    "in gezinnen met weinig geld hebben vaker gaatjes. Daarom werken we samen met de "
    "tandartsen.\nDe mondzorg voor kwetsbare groepjes krijgt extra aandacht.",
    "Financien. Het budget blijft gelijk.",
]


def make_document(project, *, pages=None, user=None, **data) -> PolicyDocument:
    data.setdefault("title", "Gezondheidsnota 2026")
    data.setdefault("kind", "health_memorandum")
    content = make_pdf(pages or POLICY_PAGES)
    document = services.document_upload(
        project=project, data=data, filename="nota.pdf", content=content, user=user
    )
    services.document_scan(document_id=document.pk)
    document.refresh_from_db()
    return document

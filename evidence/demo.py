"""The demo's policy documents: two short texts written for the demo (not taken from any real
document), stored as text files and already scanned, with marked passages to cite."""

from __future__ import annotations

from accounts.models import User
from evidence import services
from evidence.models import Passage
from projects.models import Project

# A form feed starts a new page, as in text exported from a word processor.
COALITION = "\f".join([
    "Coalitieakkoord Hoogveld 2026-2030: Samen gezond en sterk. De drie partijen van het "
    "nieuwe college willen dat iedereen in Hoogveld kan meedoen. We bouwen aan wijken waar "
    "mensen elkaar kennen en helpen.",
    "Gezondheid. Niet iedereen in Hoogveld heeft dezelfde kansen op een gezond leven. "
    "Inwoners met weinig geld leven gemiddeld korter en in minder goede gezondheid. Het "
    "college wil de gezondheidsverschillen tussen de wijken de komende vier jaar kleiner "
    "maken. Daarbij krijgen gezinnen in armoede en kinderen in kwetsbare wijken voorrang.",
    "Werk en inkomen. We helpen inwoners met schulden sneller en zonder wachtlijst. De "
    "minimaregeling blijft bestaan en wordt beter bekend gemaakt.",
])

MEMORANDUM = "\f".join([
    "Gezondheidsnota Hoogveld 2026. Deze nota beschrijft hoe de gemeente samen met de GGD, "
    "de huisartsen en de scholen werkt aan een gezonde jeugd.",
    "Mondgezondheid. Kinderen uit gezinnen met een lage sociaaleconomische status hebben "
    "vaker gaatjes en gaan minder vaak naar de tandarts. De gemeente kiest voor "
    "proportioneel universalisme: alle kinderen krijgen voorlichting op school, en waar de "
    "achterstand het grootst is, komt er extra hulp. Laaggeletterdheid van ouders krijgt "
    "aandacht in de folders en gesprekken.",
    "Uitvoering. De nota wordt elk jaar besproken met de raad. De gemeente trekt hiervoor "
    "een vast budget uit in de begroting.",
])

DOCUMENTS = [
    ({"title": "Coalitieakkoord 2026-2030", "kind": "coalition_agreement",
      "organisation": "Gemeente Hoogveld", "year": 2026}, "coalitieakkoord.txt", COALITION,
     "gezondheidsverschillen", "Het college belooft de verschillen tussen de wijken te "
     "verkleinen: hier sluit ons plan op aan."),
    ({"title": "Gezondheidsnota 2026", "kind": "health_memorandum",
      "organisation": "Gemeente Hoogveld", "year": 2026}, "gezondheidsnota.txt", MEMORANDUM,
     "proportioneel universalisme", "De nota noemt de mondzorg van kinderen zelf."),
]


def evidence_demo(project: Project, users: list[tuple[User, str]]) -> None:
    """Store and scan the demo's two documents (at once, without the worker) and mark one
    passage in each."""
    author = users[0][0]
    for data, filename, text, quote, note in DOCUMENTS:
        document = services.document_upload(
            project=project, data=dict(data), filename=filename, content=text.encode("utf-8"),
            user=author,
        )
        services.document_scan(document_id=document.pk)
        passage = Passage.objects.filter(document=document, text__icontains=quote).first()
        if passage is not None:
            services.mark_create(passage=passage, data={"note": note}, user=author)

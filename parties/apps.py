from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartiesConfig(AppConfig):
    name = "parties"
    verbose_name = _("Parties")

    def ready(self) -> None:
        from history.bin import BinKind, register
        from parties import services
        from parties.models import ContactPerson, Party, Relation

        register(
            BinKind(
                "party",
                Party,
                "project",
                lambda obj, user: services.party_restore(party=obj, user=user),
            )
        )
        register(
            BinKind(
                "contact",
                ContactPerson,
                "party__project",
                lambda obj, user: services.contact_restore(contact=obj, user=user),
                related=("party",),
            )
        )
        register(
            BinKind(
                "relation",
                Relation,
                "project",
                lambda obj, user: services.relation_restore(relation=obj, user=user),
                related=("source", "target"),
            )
        )

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "engagement"
    verbose_name = _("Winning support")

    def ready(self) -> None:
        from engagement import services
        from engagement.models import Commitment, ContactMoment
        from history.bin import BinKind, register

        register(
            BinKind(
                "contact_moment",
                ContactMoment,
                "project",
                lambda obj, user: services.moment_restore(moment=obj, user=user),
            )
        )
        register(
            BinKind(
                "commitment",
                Commitment,
                "project",
                lambda obj, user: services.commitment_restore(commitment=obj, user=user),
                related=("party",),
            )
        )

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Board and decisions")

    def ready(self) -> None:
        from governance import services
        from governance.models import BoardProfile, DecisionMoment
        from history.bin import BinKind, register

        register(
            BinKind(
                "board_profile",
                BoardProfile,
                "party__project",
                lambda obj, user: services.profile_restore(profile=obj, user=user),
                related=("party",),
            )
        )
        register(
            BinKind(
                "decision_moment",
                DecisionMoment,
                "project",
                lambda obj, user: services.decision_restore(decision=obj, user=user),
                related=("body",),
            )
        )

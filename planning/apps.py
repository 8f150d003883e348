from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Planning")

    def ready(self) -> None:
        from history.bin import BinKind, register
        from planning import services
        from planning.models import (
            Contribution,
            ParticipationActivity,
            PlanAction,
            Precondition,
            Success,
            SuccessMessage,
        )

        register(
            BinKind(
                "plan_action",
                PlanAction,
                "project",
                lambda obj, user: services.plan_action_restore(action=obj, user=user),
            )
        )
        register(
            BinKind(
                "precondition",
                Precondition,
                "action__project",
                lambda obj, user: services.precondition_restore(precondition=obj, user=user),
                related=("action",),
            )
        )
        register(
            BinKind(
                "contribution",
                Contribution,
                "project",
                lambda obj, user: services.contribution_restore(contribution=obj, user=user),
                related=("party",),
            )
        )
        register(
            BinKind(
                "participation",
                ParticipationActivity,
                "project",
                lambda obj, user: services.participation_restore(activity=obj, user=user),
            )
        )
        register(
            BinKind(
                "success",
                Success,
                "project",
                lambda obj, user: services.success_restore(success=obj, user=user),
            )
        )
        register(
            BinKind(
                "success_message",
                SuccessMessage,
                "project",
                lambda obj, user: services.success_message_restore(message=obj, user=user),
            )
        )

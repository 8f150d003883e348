from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from history.bin import BinKind, register
        from reports import services
        from reports.models import BoardReport

        register(
            BinKind(
                "board_report",
                BoardReport,
                "project",
                lambda obj, user: services.report_restore(report=obj, user=user),
            )
        )

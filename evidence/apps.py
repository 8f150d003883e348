from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvidenceConfig(AppConfig):
    name = "evidence"
    verbose_name = _("Evidence")

    def ready(self) -> None:
        from evidence import services
        from evidence.models import EvidenceMark, PolicyDocument
        from history.bin import BinKind, register

        register(
            BinKind(
                "policy_document",
                PolicyDocument,
                "project",
                lambda obj, user: services.document_restore(document=obj, user=user),
            )
        )
        register(
            BinKind(
                "evidence_mark",
                EvidenceMark,
                "project",
                lambda obj, user: services.mark_restore(mark=obj, user=user),
                related=("passage", "passage__document"),
            )
        )
        from evidence import brief
        from evidence.models import ArgumentBrief, IssuedBrief

        register(
            BinKind(
                "argument_brief",
                ArgumentBrief,
                "project",
                lambda obj, user: brief.brief_restore(brief=obj, user=user),
            )
        )
        register(
            BinKind(
                "issued_brief",
                IssuedBrief,
                "project",
                lambda obj, user: brief.issued_restore(issued=obj, user=user),
            )
        )
        from evidence.figures.bin import register_kinds as register_figure_kinds

        register_figure_kinds()

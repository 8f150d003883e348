"""What the figures put in the project's bin: indicators (with their figures) and figures."""

from __future__ import annotations

from history.bin import BinKind, register


def register_kinds() -> None:
    from evidence.figures import services
    from evidence.figures.models import Figure, Indicator

    register(BinKind(
        "indicator", Indicator, "project",
        lambda obj, user: services.indicator_restore(indicator=obj, user=user),
    ))
    register(BinKind(
        "figure", Figure, "indicator__project",
        lambda obj, user: services.figure_restore(figure=obj, user=user),
        related=("indicator",),
    ))

"""Words for the codes the analyses use, in the user's language, and numbers as people read them."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from analysis.compute import OVERALL
from parties.models import Attitude, Engagement, Layer, Party, Quadrant

SALIENCE = {
    "definitive": gettext_lazy("definitive"),
    "dominant": gettext_lazy("dominant"),
    "dangerous": gettext_lazy("dangerous"),
    "dependent": gettext_lazy("dependent"),
    "dormant": gettext_lazy("dormant"),
    "discretionary": gettext_lazy("discretionary"),
    "demanding": gettext_lazy("demanding"),
    "none": gettext_lazy("not a stakeholder"),
}
SALIENCE_ATTRIBUTES = {
    "definitive": gettext_lazy("power, legitimacy and urgency"),
    "dominant": gettext_lazy("power and legitimacy"),
    "dangerous": gettext_lazy("power and urgency"),
    "dependent": gettext_lazy("legitimacy and urgency"),
    "dormant": gettext_lazy("power only"),
    "discretionary": gettext_lazy("legitimacy only"),
    "demanding": gettext_lazy("urgency only"),
    "none": gettext_lazy("none of the three"),
}
STANCES = {
    "friend": gettext_lazy("friend (+1, +2)"),
    "doubter": gettext_lazy("doubter (0)"),
    "opponent": gettext_lazy("opponent (−1, −2)"),
    "unassessed": gettext_lazy("not assessed"),
}
FEASIBILITY = {
    "support": gettext_lazy("supporters"),
    "opposition": gettext_lazy("opponents"),
    "non_mobilised": gettext_lazy("not mobilised"),
}
OVERALL_LABEL = pgettext_lazy("support index", "overall")


def layer(code: str) -> str:
    return str(OVERALL_LABEL) if code == OVERALL else str(Layer(code).label)


def quadrant(code: str) -> str:
    return str(Quadrant(code).label)


def attitude(value: int) -> str:
    return str(Attitude(value).label)


def engagement(code: str) -> str:
    return str(Engagement(code).label)


def role(code: str) -> str:
    return str(Party.ProjectRole(code).label)


def ring(code: str) -> str:
    return str(Party.Ring(code).label)


def salience(code: str) -> str:
    return str(SALIENCE[code])


def stance(code: str) -> str:
    return str(STANCES[code])


def feasibility_group(code: str) -> str:
    return str(FEASIBILITY[code])


def warning(code: str, layer_code: str = "") -> str:
    if code == "no_critical_voice":
        return _(
            "No critical voice: no party in the register has a critical attitude "
            "(opposition or strong opposition). Look for the parties that doubt or object."
        )
    if code == "layer_missing":
        return _("No party in the layer “%(layer)s”.") % {"layer": layer(layer_code)}
    return _(
        "The target group has no voice: no party is marked as speaking for the target group "
        "(a residents' group, a sounding-board group, people from the group themselves)."
    )


def signed(value: float | int | None, decimals: int = 0) -> str:
    """A number in the user's language with its sign: +0.67, −1, 0."""
    if value is None:
        return "–"
    text = number_format(abs(value), decimal_pos=decimals or None, use_l10n=True)
    if round(value, decimals) == 0:
        return number_format(0, decimal_pos=decimals or None, use_l10n=True)
    return ("+" if value > 0 else "−") + text


def number(value: float | int, decimals: int = 0) -> str:
    return number_format(value, decimal_pos=decimals or None, use_l10n=True)


def day(value: date, short: bool = False) -> str:
    return date_format(value, "SHORT_DATE_FORMAT" if short else "DATE_FORMAT")

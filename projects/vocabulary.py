"""The words of local government differ between the two countries the method comes from: a
Dutch municipality has a *wethouder* and a *college van B&W* and works with the GGD, a Flemish one
has a *schepen* and a *schepencollege* and works with the Logo. A project speaks the words of its
country; a project whose country is not known yet names both.

Each word is translated with a context per country, so the Dutch catalogue holds the local term
and the English one says what it is with the local term beside it."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

NETHERLANDS = "NL"
FLANDERS = "BE"
EITHER = ""

# The context of each translation tells a translator which country a term belongs to; it is
# written out in every call because the extraction reads only literal strings.

WORDS: dict[str, dict[str, Promise]] = {
    "alderman": {
        NETHERLANDS: pgettext_lazy("the Netherlands", "alderman (wethouder)"),
        FLANDERS: pgettext_lazy("Flanders", "alderman (schepen)"),
        EITHER: pgettext_lazy("the Netherlands or Flanders", "alderman"),
    },
    "aldermen": {
        NETHERLANDS: pgettext_lazy("the Netherlands", "aldermen (wethouders)"),
        FLANDERS: pgettext_lazy("Flanders", "aldermen (schepenen)"),
        EITHER: pgettext_lazy("the Netherlands or Flanders", "aldermen"),
    },
    "executive": {
        NETHERLANDS: pgettext_lazy("the Netherlands", "municipal executive (college van B&W)"),
        FLANDERS: pgettext_lazy("Flanders", "board of mayor and aldermen (schepencollege)"),
        EITHER: pgettext_lazy("the Netherlands or Flanders", "municipal executive"),
    },
    "council": {
        NETHERLANDS: pgettext_lazy("the Netherlands", "municipal council"),
        FLANDERS: pgettext_lazy("Flanders", "municipal council"),
        EITHER: pgettext_lazy("the Netherlands or Flanders", "municipal council"),
    },
    "health_service": {
        NETHERLANDS: pgettext_lazy("the Netherlands", "public health service (GGD)"),
        FLANDERS: pgettext_lazy("Flanders", "local health network (Logo)"),
        EITHER: pgettext_lazy("the Netherlands or Flanders", "public health service (GGD or Logo)"),
    },
    # With its article, because Dutch says "de GGD" but "het Logo".
    "the_health_service": {
        NETHERLANDS: pgettext_lazy("the Netherlands", "the public health service (GGD)"),
        FLANDERS: pgettext_lazy("Flanders", "the local health network (Logo)"),
        EITHER: pgettext_lazy(
            "the Netherlands or Flanders", "the public health service (GGD or Logo)"
        ),
    },
    "family_centre": {
        NETHERLANDS: pgettext_lazy(
            "the Netherlands", "family centre (Centrum voor Jeugd en Gezin)"
        ),
        FLANDERS: pgettext_lazy("Flanders", "family centre (Huis van het Kind)"),
        EITHER: pgettext_lazy(
            "the Netherlands or Flanders", "family centre (Huis van het Kind, CJG)"
        ),
    },
}


def project_country(project) -> str:
    """The project's country: the one set on it, or else the one all its places share (their
    official codes tell); EITHER when neither says."""
    if project is None:
        return EITHER
    if getattr(project, "country", ""):
        return project.country
    if project.pk is None:
        return EITHER
    # A page asks for several words; the places are read once per project object.
    cached = getattr(project, "_vocabulary_country", None)
    if cached is None:
        countries = {place.country for place in project.places.all()}
        cached = countries.pop() if len(countries) == 1 else EITHER
        project._vocabulary_country = cached
    return cached


def word(project, key: str) -> str:
    """The term `key` in the words of the project's country and the active language; raises
    KeyError for a key that is not in WORDS, so a typo shows in the tests and not on a page."""
    return str(WORDS[key][project_country(project)])


def words(project) -> dict[str, str]:
    """Every term for the project, e.g. to fill the placeholders of a translated sentence."""
    country = project_country(project)
    return {key: str(terms[country]) for key, terms in WORDS.items()}


# Sentences that name the local bodies; their placeholders are the keys of WORDS.
EXPLANATIONS: dict[str, Promise] = {
    "layer": _(
        "Board: the %(aldermen)s, the %(executive)s and the %(council)s, or the board of an "
        "organisation. Management: directors and heads of department. Staff: the people who do "
        "the work. Residents: citizens and their groups."
    ),
    "kind": _(
        "A governing body is, for example, the %(executive)s or the %(council)s; each "
        "%(alderman)s is a person."
    ),
    "sector": _(
        "Health promotion and prevention: for example %(the_health_service)s. Welfare: for "
        "example the %(family_centre)s."
    ),
    "print": _(
        "This page prints on two A4 sheets for a manager, board or %(alderman)s: use your "
        "browser's print command."
    ),
}


def explain(project, key: str) -> str:
    """A sentence of EXPLANATIONS in the words of the project's country."""
    return str(EXPLANATIONS[key]) % words(project)

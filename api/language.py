"""One language per answer. The API answers in the language the request asks for in
`Accept-Language` (Dutch or English); without one, in the language the token's user chose in
their settings; before the token is known (401), in Dutch. Every message of an answer — our own,
Django's and the input checks' — is in that language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def requested_language(request: HttpRequest) -> str | None:
    """The first language of `Accept-Language` that the app speaks, if any."""
    header = request.headers.get("Accept-Language", "")
    for code, _quality in parse_accept_lang_header(header[:500]):
        language = code.lower().split("-")[0]
        if language in SUPPORTED:
            return language
    return None


def activate_for(request: HttpRequest, user: Any = None) -> None:
    """The answer's language; the session cookie of the pages plays no part in the API."""
    language = requested_language(request)
    if language is None:
        chosen = getattr(user, "language", "") or ""
        language = chosen if chosen in SUPPORTED else settings.LANGUAGE_CODE
    translation.activate(language)
    request.LANGUAGE_CODE = language


# The input checks' messages by their type, in our words; the context fills the blanks.
INPUT_MESSAGES: dict[str, Any] = {
    "missing": _("This field is required."),
    "extra_forbidden": _("This field is unknown."),
    "string_type": _("Enter a text."),
    "string_too_short": _("Enter at least %(min_length)s characters."),
    "string_too_long": _("Enter at most %(max_length)s characters."),
    "string_unicode": _("Text must be valid Unicode."),
    "int_type": _("Enter a whole number, not text or a decimal number."),
    "int_parsing": _("Enter a whole number."),
    "int_from_float": _("Enter a whole number."),
    "float_type": _("Enter a number."),
    "float_parsing": _("Enter a number."),
    "decimal_type": _("Enter a number."),
    "decimal_parsing": _("Enter a number."),
    "bool_type": _("Enter true or false."),
    "bool_parsing": _("Enter true or false."),
    "greater_than": _("Enter a number greater than %(gt)s."),
    "greater_than_equal": _("Enter a number of at least %(ge)s."),
    "less_than": _("Enter a number less than %(lt)s."),
    "less_than_equal": _("Enter a number of at most %(le)s."),
    "literal_error": _("Choose one of: %(expected)s."),
    "enum": _("Choose one of: %(expected)s."),
    "date_type": _("Enter a date as YYYY-MM-DD."),
    "date_parsing": _("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": _("Enter a date as YYYY-MM-DD."),
    "date_from_datetime_inexact": _("Enter a date without a time."),
    "datetime_type": _("Enter a date and time."),
    "datetime_parsing": _("Enter a date and time."),
    "list_type": _("Enter a list."),
    "too_short": _("Enter at least %(min_length)s items."),
    "too_long": _("Enter at most %(max_length)s items."),
    "dict_type": _("Enter an object."),
    "model_type": _("Enter an object."),
    "model_attributes_type": _("Enter an object."),
    "json_invalid": _("The request body is not valid JSON."),
    "json_type": _("The request body is not valid JSON."),
    "url_parsing": _("Enter a valid web address."),
    "url_type": _("Enter a valid web address."),
    "url_scheme": _("Enter a web address starting with http:// or https://."),
    "value_error": "%(error)s",
    "assertion_error": "%(error)s",
}
FALLBACK = _("This value is not valid.")


def input_message(error: dict[str, Any]) -> str:
    """The message for one error of pydantic, in the active language."""
    template = INPUT_MESSAGES.get(error.get("type", ""), FALLBACK)
    context = {key: _readable(value) for key, value in (error.get("ctx") or {}).items()}
    if "expected" in context:
        # pydantic joins the choices with an English "or".
        context["expected"] = context["expected"].replace(" or ", ", ")
    try:
        return str(template) % context
    except (KeyError, TypeError, ValueError):
        return str(FALLBACK)


def _readable(value: Any) -> str:
    # Our own validators raise ValueError with a translated text: keep only that text.
    if isinstance(value, BaseException):
        return str(value.args[0]) if value.args else str(value)
    return str(value)

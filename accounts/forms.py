from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    UserCreationForm,
)
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import services
from accounts.addresses import client_address
from accounts.tasks import password_reset_mail_task
from lib.forms import ControlFreeMixin


class SignInForm(ControlFreeMixin, AuthenticationForm):
    username = forms.CharField(
        label=_("User name or e-mail address"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That user name or e-mail address and password do not match."),
    }

    def get_invalid_login_error(self) -> forms.ValidationError:
        # The throttle (accounts.throttle) marks the request when this name and address are over
        # the limit; the correct password does not help until the wait is over.
        if getattr(self.request, "axes_locked_out", False):
            minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
            message = ngettext(
                "Too many failed attempts. Wait %(minutes)d minute and try again.",
                "Too many failed attempts. Wait %(minutes)d minutes and try again.",
                minutes,
            ) % {"minutes": minutes}
            return forms.ValidationError(message, code="blocked")
        return super().get_invalid_login_error()


class SignUpForm(ControlFreeMixin, UserCreationForm):
    """Used when an invited person creates an account."""

    class Meta:
        model = get_user_model()
        fields = ("username", "first_name", "last_name")


class ProfileForm(ControlFreeMixin, forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ("first_name", "last_name", "email", "language", "digest_enabled")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        others = get_user_model().objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if email and others.exists():
            raise forms.ValidationError(_("Another account already uses this e-mail address."))
        return email


class NewPasswordForm(PasswordChangeForm):
    keep_api_tokens = forms.BooleanField(
        label=_("Keep my API tokens working"),
        required=False,
        help_text=_(
            "Without this, every API token you made stops working with the new password: "
            "whoever knew the old one may have made one."
        ),
    )


class ResetRequestForm(ControlFreeMixin, PasswordResetForm):
    """Limits reset mail per client address and per e-mail address; the answer is the same
    whether or not the address has an account, and the mail goes out from the worker."""

    def __init__(self, *args, request=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self):
        cleaned = super().clean()
        email = (cleaned.get("email") or "").strip().lower()
        if not email or self.request is None:
            return cleaned
        window = settings.PASSWORD_RESET_LIMIT_WINDOW
        allowed = services.rate_limit_take(
            key=f"reset-from:{client_address(self.request)}",
            limit=settings.PASSWORD_RESET_LIMIT_PER_ADDRESS,
            window=window,
        ) and services.rate_limit_take(
            key=f"reset-for:{email}", limit=settings.PASSWORD_RESET_LIMIT_PER_EMAIL, window=window
        )
        if not allowed:
            raise forms.ValidationError(
                _("Too many requests for a new password. Try again in an hour."),
                code="rate_limited",
            )
        return cleaned

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        password_reset_mail_task.enqueue(
            context["user"].pk,
            context["domain"],
            context["protocol"] == "https",
            translation.get_language() or settings.LANGUAGE_CODE,
        )

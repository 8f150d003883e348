from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.utils.translation import gettext_lazy as _

from accounts import services


def client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("User name or e-mail address"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That user name or e-mail address and password do not match."),
        "blocked": _("Too many failed attempts. Wait a quarter of an hour and try again."),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request) if self.request else None
        if services.login_is_blocked(identifier=username, address=address):
            raise forms.ValidationError(self.error_messages["blocked"], code="blocked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            services.login_failure_record(identifier=username, address=address)
            raise
        services.login_failures_clear(identifier=username)
        return cleaned


class SignUpForm(UserCreationForm):
    """Used when an invited person creates an account."""

    class Meta:
        model = get_user_model()
        fields = ("username", "first_name", "last_name")


class ProfileForm(forms.ModelForm):
    class Meta:
        model = get_user_model()
        fields = ("first_name", "last_name", "email", "language", "digest_enabled")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip()
        others = get_user_model().objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if email and others.exists():
            raise forms.ValidationError(_("Another account already uses this e-mail address."))
        return email

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import activate, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import services
from accounts.forms import NewPasswordForm, ProfileForm, ResetRequestForm, SignInForm


def _remember_language(response: HttpResponse, language: str) -> HttpResponse:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        user = self.request.user
        # A language chosen on the sign-in page is a fresh choice: it becomes the user's own.
        chosen = self.request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in dict(settings.LANGUAGES) and chosen != user.language:
            user.language = chosen
            user.save(update_fields=["language"])
        activate(user.language)
        return _remember_language(response, user.language)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

    def post(self, request, *args, **kwargs):
        # Every answer takes the same time, so it does not tell whether the address is known.
        started = time.monotonic()
        response = super().post(request, *args, **kwargs)
        left = settings.PASSWORD_RESET_RESPONSE_SECONDS - (time.monotonic() - started)
        time.sleep(max(0.0, left))
        return response

    def form_invalid(self, form):
        status = 429 if form.has_error("__all__", "rate_limited") else 200
        return self.render_to_response(self.get_context_data(form=form), status=status)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever had the old password may have made tokens; a reset always ends them.
        services.password_changed(user=form.user, keep_api_tokens=False)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = NewPasswordForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:settings")

    def form_valid(self, form):
        response = super().form_valid(form)
        ended = services.password_changed(
            user=form.user, keep_api_tokens=form.cleaned_data["keep_api_tokens"]
        )
        messages.success(self.request, _("Your password has been changed."))
        if ended:
            messages.info(
                self.request,
                ngettext(
                    "Your API token has stopped working; make a new one where you need it.",
                    "Your %(count)d API tokens have stopped working; make new ones where you "
                    "need them.",
                    ended,
                )
                % {"count": ended},
            )
        return response


@login_required
def settings_view(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        activate(user.language)
        messages.success(request, _("Your settings have been saved."))
        return _remember_language(redirect("accounts:settings"), user.language)
    return render(request, "accounts/settings.html", {"form": form})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    return _remember_language(response, language)

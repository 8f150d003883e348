from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import oidc, views

app_name = "accounts"

urlpatterns = [
    path("login/", oidc.SignInView.as_view(), name="login"),
    path("logout/", oidc.SignOutView.as_view(), name="logout"),
    path("settings/", views.settings_view, name="settings"),
    path("language/", views.set_language, name="set_language"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def whoami(request: HttpRequest) -> HttpResponse:
    """Who the provider has signed in, so a test can see its session end."""
    name = request.user.get_username() if request.user.is_authenticated else "nobody"
    return HttpResponse(f"Signed in at the provider: {name}", content_type="text/plain")


urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="login.html"), name="login"),
    path("whoami/", whoami, name="whoami"),
    path("openid/", include("oidc_provider.urls", namespace="oidc_provider")),
]

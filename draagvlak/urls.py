from django.urls import include, path

from accounts import oidc
from projects import views as project_views

urlpatterns = [
    path("accounts/", include("accounts.urls")),
    # Single sign-on (accounts/oidc.py); both answer 404 unless it is configured.
    path("oidc/authenticate/", oidc.AuthenticateView.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", oidc.CallbackView.as_view(), name="oidc_authentication_callback"),
    path("invitations/<str:token>/", project_views.invitation_accept, name="invitation_accept"),
    path("", include("projects.urls")),
    path("", include("parties.urls")),
    path("", include("transfer.urls")),
    path("", include("api.urls")),
    path("", include("analysis.urls")),
    path("", include("forcefield.urls")),
    path("", include("engagement.urls")),
    path("", include("planning.urls")),
    path("", include("governance.urls")),
    path("", include("evidence.urls")),
    path("", include("reports.urls")),
]

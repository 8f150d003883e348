from django.urls import include, path

from projects import views as project_views

urlpatterns = [
    path("accounts/", include("accounts.urls")),
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

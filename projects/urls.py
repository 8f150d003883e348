from django.urls import path

from projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("projects/new/", views.project_create, name="create"),
    path("projects/<int:project_id>/", views.project_dashboard, name="dashboard"),
    path("projects/<int:project_id>/about/", views.project_about, name="about"),
    path("projects/<int:project_id>/edit/", views.project_edit, name="edit"),
    path("projects/<int:project_id>/members/", views.member_list, name="members"),
    path("projects/<int:project_id>/members/invite/", views.member_invite, name="member_invite"),
    path(
        "projects/<int:project_id>/members/<int:member_id>/role/",
        views.member_change_role,
        name="member_role",
    ),
    path(
        "projects/<int:project_id>/members/<int:member_id>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path(
        "projects/<int:project_id>/invitations/<int:invitation_id>/cancel/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
    path("projects/<int:project_id>/segments/", views.segment_list, name="segments"),
    path(
        "projects/<int:project_id>/segments/<int:segment_id>/",
        views.segment_edit,
        name="segment_edit",
    ),
]

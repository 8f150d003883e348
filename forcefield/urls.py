from __future__ import annotations

from django.urls import path

from forcefield import views

app_name = "forcefield"

base = "projects/<int:project_id>/analysis/force-field/"
force = base + "forces/<int:force_id>/"
action = force + "actions/<int:force_action_id>/"

urlpatterns = [
    path(base, views.page, name="page"),
    path(base + "change/", views.change, name="change"),
    path(base + "forces/new/", views.force_create, name="force_create"),
    path(force, views.force, name="force"),
    path(force + "delete/", views.force_delete, name="force_delete"),
    path(force + "actions/new/", views.action_create, name="action_create"),
    path(action, views.action, name="action"),
    path(action + "delete/", views.action_delete, name="action_delete"),
    path("projects/<int:project_id>/analysis/force-field.svg", views.chart_svg, name="svg"),
    path("projects/<int:project_id>/analysis/force-field.png", views.chart_png, name="png"),
]

"""Addresses of the local figures, included in the evidence app's URLs."""

from __future__ import annotations

from django.urls import path

from evidence.figures import views

base = "projects/<int:project_id>/evidence/figures/"
indicator = base + "indicators/<int:indicator_id>/"

urlpatterns = [
    path(base, views.figures, name="figures"),
    path(base + "import/", views.figure_import, name="figure_import"),
    path(base + "cbs/", views.cbs, name="cbs"),
    path(base + "import/<int:figure_import_id>/", views.figure_preview, name="figure_preview"),
    path(indicator, views.indicator, name="indicator"),
    path(indicator + "delete/", views.indicator_delete, name="indicator_delete"),
    path(base + "districts/<str:region_code>/", views.district, name="district"),
]

"""The network page and its downloads, included by analysis/urls.py as "analysis:…"."""

from __future__ import annotations

from django.urls import path

from analysis import network_views

base = "projects/<int:project_id>/analysis/"

urlpatterns = [
    path(base + "network/", network_views.network, name="network"),
    path(base + "network.svg", network_views.network_svg, name="network_svg"),
    path(base + "network.png", network_views.network_png, name="network_png"),
]

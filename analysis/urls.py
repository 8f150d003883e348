from __future__ import annotations

from django.urls import path

from analysis import network_urls, views

app_name = "analysis"

base = "projects/<int:project_id>/analysis/"

urlpatterns = [
    path(base, views.analysis_index, name="index"),
    path(base + "overview/", views.analysis_overview, name="overview"),
]
# One page and two downloads per analysis, e.g. analysis:grid, analysis:grid_svg, analysis:grid_png.
for analysis in views.ANALYSES:
    urlpatterns += [
        path(
            f"{base}{analysis.name}/",
            views.analysis_page,
            {"name": analysis.name},
            name=analysis.name,
        ),
        path(
            f"{base}{analysis.name}.svg",
            views.analysis_download,
            {"name": analysis.name, "fmt": "svg"},
            name=f"{analysis.name}_svg",
        ),
        path(
            f"{base}{analysis.name}.png",
            views.analysis_download,
            {"name": analysis.name, "fmt": "png"},
            name=f"{analysis.name}_png",
        ),
    ]

urlpatterns += network_urls.urlpatterns

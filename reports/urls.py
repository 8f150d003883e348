from __future__ import annotations

from django.urls import path

from reports import views

app_name = "reports"

base = "projects/<int:project_id>/reports/"
report = base + "<int:report_id>/"
briefing = "projects/<int:project_id>/parties/<int:party_id>/briefing/"

urlpatterns = [
    path(base, views.report_list, name="list"),
    path(base + "issue/", views.report_issue, name="issue"),
    path(base + "settings/", views.report_settings, name="settings"),
    path(report + "pdf/", views.report_pdf, name="pdf"),
    path(report + "docx/", views.report_docx, name="docx"),
    path(report + "delete/", views.report_delete, name="delete"),
    path(briefing, views.briefing, name="briefing"),
    path(briefing + "pdf/", views.briefing_pdf, name="briefing_pdf"),
    path(briefing + "docx/", views.briefing_docx, name="briefing_docx"),
]

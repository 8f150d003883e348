from __future__ import annotations

from django.urls import path

from evidence import brief_views as views

base = "projects/<int:project_id>/evidence/briefs/"
brief = base + "<int:brief_id>/"
issued = base + "issued/<int:issued_id>/"

urlpatterns = [
    path(base, views.brief_list, name="brief_list"),
    path(brief, views.brief_edit, name="brief_edit"),
    path(brief + "preview/", views.brief_preview, name="brief_preview"),
    path(brief + "issue/", views.brief_issue, name="brief_issue"),
    path(brief + "delete/", views.brief_delete, name="brief_delete"),
    path(issued + "pdf/", views.issued_pdf, name="issued_pdf"),
    path(issued + "docx/", views.issued_docx, name="issued_docx"),
    path(issued + "delete/", views.issued_delete, name="issued_delete"),
]

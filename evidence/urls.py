from __future__ import annotations

from django.urls import path

from evidence import views

app_name = "evidence"

base = "projects/<int:project_id>/evidence/"
document = base + "documents/<int:document_id>/"
mark = base + "marks/<int:mark_id>/"
family = base + "terms/<int:family_id>/"

urlpatterns = [
    path(base, views.index, name="index"),
    path(base + "documents/new/", views.upload, name="upload"),
    path(document, views.document, name="document"),
    path(document + "edit/", views.document_edit, name="document_edit"),
    path(document + "delete/", views.document_delete, name="document_delete"),
    path(document + "file/", views.document_file, name="document_file"),
    path(document + "scan/", views.document_rescan, name="document_rescan"),
    path(base + "passages/<int:passage_id>/mark/", views.mark_create, name="mark_create"),
    path(mark + "edit/", views.mark_edit, name="mark_edit"),
    path(mark + "delete/", views.mark_delete, name="mark_delete"),
    path(base + "terms/", views.vocabulary, name="vocabulary"),
    path(base + "terms/new/", views.family_create, name="family_create"),
    path(family, views.family_edit, name="family_edit"),
]

# The argument brief's pages, in the same namespace.
from evidence.brief_urls import urlpatterns as brief_urlpatterns  # noqa: E402

urlpatterns += brief_urlpatterns

# The local figures' pages, in the same namespace.
from evidence.figures.urls import urlpatterns as figure_urlpatterns  # noqa: E402

urlpatterns += figure_urlpatterns

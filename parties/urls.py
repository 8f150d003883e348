from django.urls import path

from parties import duplicate_views, merge_views, retention_views, start_views, views

app_name = "parties"

base = "projects/<int:project_id>/parties/"

urlpatterns = [
    path(base, views.party_list, name="list"),
    path(base + "new/", views.party_create, name="create"),
    path(base + "usual/add/", start_views.quick_add, name="quick_add"),
    path(base + "assess/", start_views.assess_bulk, name="assess_bulk"),
    path(base + "duplicates/", duplicate_views.duplicates, name="duplicates"),
    path(
        base + "duplicates/dismiss/", duplicate_views.duplicates_dismiss, name="duplicates_dismiss"
    ),
    path(base + "<int:party_id>/", views.party_detail, name="detail"),
    path(base + "<int:party_id>/edit/", views.party_edit, name="edit"),
    path(base + "<int:party_id>/row/", views.party_row, name="row"),
    path(base + "<int:party_id>/assess/", views.assessment_create, name="assess"),
    path(base + "<int:party_id>/contacts/new/", views.contact_create, name="contact_create"),
    path(base + "<int:party_id>/delete/", views.party_delete, name="delete"),
    path(base + "<int:party_id>/history/", views.party_history, name="history"),
    path(
        base + "<int:party_id>/history/<int:version_id>/revert/",
        views.party_revert,
        name="revert",
    ),
    path(
        base + "<int:party_id>/contacts/<int:contact_id>/export/",
        views.contact_export,
        name="contact_export",
    ),
    path(
        base + "<int:party_id>/contacts/<int:contact_id>/erase/",
        views.contact_erase,
        name="contact_erase",
    ),
    path(
        base + "<int:party_id>/contacts/<int:contact_id>/delete/",
        views.contact_delete,
        name="contact_delete",
    ),
    path(base + "<int:party_id>/relations/new/", views.relation_create, name="relation_create"),
    path(
        base + "<int:party_id>/relations/<int:relation_id>/",
        views.relation_edit,
        name="relation_edit",
    ),
    path(
        base + "<int:party_id>/relations/<int:relation_id>/delete/",
        views.relation_delete,
        name="relation_delete",
    ),
    path(base + "names/", views.party_names, name="names"),
    path(base + "merge/", merge_views.party_merge, name="merge"),
    path(
        base + "<int:party_id>/history/<int:version_id>/unmerge/",
        merge_views.party_unmerge,
        name="unmerge",
    ),
    path("projects/<int:project_id>/bin/", views.bin_list, name="bin"),
    path("projects/<int:project_id>/retention/", retention_views.retention, name="retention"),
    path("projects/<int:project_id>/bin/empty/", views.bin_empty, name="bin_empty"),
    path(
        "projects/<int:project_id>/bin/<str:kind>/<int:object_id>/restore/",
        views.bin_restore,
        name="bin_restore",
    ),
    path(
        base + "<int:party_id>/contacts/<int:contact_id>/",
        views.contact_edit,
        name="contact_edit",
    ),
]

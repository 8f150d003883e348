from django.urls import path

from transfer import views

app_name = "transfer"

base = "projects/<int:project_id>/transfer/"

urlpatterns = [
    path(base, views.index, name="index"),
    path(base + "export/", views.register_export, name="export"),
    path(base + "template/", views.template, name="template"),
    path(base + "upload/parties/", views.upload_parties, name="upload_parties"),
    path(base + "upload/relations/", views.upload_relations, name="upload_relations"),
    path(base + "uploads/<int:batch_id>/", views.batch, name="batch"),
]

from __future__ import annotations

from django.urls import path

from engagement import views

app_name = "engagement"

project = "projects/<int:project_id>/"
moments = project + "contact-moments/"
moment = moments + "<int:moment_id>/"
commitments = project + "commitments/"
commitment = commitments + "<int:commitment_id>/"
reviews = project + "reviews/"
review = reviews + "<int:review_id>/"

urlpatterns = [
    path(moments, views.timeline, name="timeline"),
    path(moments + "new/", views.moment_create, name="moment_create"),
    path(moment, views.moment_detail, name="moment_detail"),
    path(moment + "edit/", views.moment_edit, name="moment_edit"),
    path(moment + "delete/", views.moment_delete, name="moment_delete"),
    path(moment + "follow-up-done/", views.moment_follow_up_done, name="moment_follow_up_done"),
    path(
        project + "parties/<int:party_id>/contact-moments/",
        views.party_moment_create,
        name="party_moment_create",
    ),
    path(commitments, views.commitment_list, name="commitments"),
    path(commitment, views.commitment_edit, name="commitment_edit"),
    path(commitment + "deliver/", views.commitment_deliver, name="commitment_deliver"),
    path(commitment + "delete/", views.commitment_delete, name="commitment_delete"),
    path(project + "todo/", views.project_todo, name="project_todo"),
    path("todo/", views.todo, name="todo"),
    path(reviews, views.review_list, name="reviews"),
    path(reviews + "settings/", views.review_settings, name="review_settings"),
    path(review, views.review_step, name="review"),
    path(review + "pause/", views.review_pause, name="review_pause"),
    path(review + "resume/", views.review_resume, name="review_resume"),
    path(review + "finish/", views.review_finish, name="review_finish"),
]

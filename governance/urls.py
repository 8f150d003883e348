from __future__ import annotations

from django.urls import path

from governance import connector_views, views

app_name = "governance"

project = "projects/<int:project_id>/"
decisions = project + "decisions/"
decision = decisions + "<int:decision_id>/"
profile = project + "board/<int:board_id>/profile/"

urlpatterns = [
    path(decisions, views.calendar, name="calendar"),
    path(decisions + "new/", views.decision_create, name="decision_create"),
    path(decisions + "cycle/", views.cycle_load, name="cycle_load"),
    path(decisions + "import/", views.ics_import, name="ics_import"),
    path(decisions + "settings/", views.calendar_settings, name="settings"),
    path(decision + "edit/", views.decision_edit, name="decision_edit"),
    path(decision + "delete/", views.decision_delete, name="decision_delete"),
    path(project + "board/", views.board, name="board"),
    path(profile, views.profile_edit, name="profile_edit"),
    path(profile + "delete/", views.profile_delete, name="profile_delete"),
    path(project + "calendar-feed/", views.subscribe, name="subscribe"),
    path("calendar/<str:token>.ics", views.feed, name="feed"),
    path(project + "council-data/", connector_views.council_data, name="council_data"),
    path(project + "council-data/fetch/", connector_views.council_fetch, name="council_fetch"),
    path(project + "council-data/adopt/", connector_views.council_adopt, name="council_adopt"),
    path(project + "council-data/board/", connector_views.council_people,
         name="council_people"),
]

from __future__ import annotations

from django.urls import path

from api import views
from api.v1 import api

app_name = "api"

urlpatterns = [
    path("accounts/tokens/", views.token_list, name="tokens"),
    path("accounts/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("api/v1/", api.urls),
]

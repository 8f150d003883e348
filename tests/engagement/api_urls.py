"""The site's URLs with the engagement routers mounted on a test API in front of /api/v1/, so
their tests run whether or not api/v1.py registers them yet (a router may be mounted on
several APIs)."""

from __future__ import annotations

from django.urls import path
from ninja import NinjaAPI

from api.auth import TokenAuth
from api.errors import install_error_handlers
from draagvlak.urls import urlpatterns as site
from engagement.api import ROUTERS

test_api = NinjaAPI(
    title="Draagvlak API (engagement tests)",
    version="test",
    urls_namespace="engagement_test_api",
    auth=TokenAuth(),
)
install_error_handlers(test_api)
for prefix, router in ROUTERS:
    test_api.add_router(prefix, router)

urlpatterns = [path("api/v1/", test_api.urls), *site]

from __future__ import annotations

from django.urls import path

from . import views
from .api import api

# The API has one address whatever the language: outside the language prefixes.
api_urlpatterns = [
    path("api/v1/", views.docs, name="api-docs"),
    path("api/v1/", api.urls),
]

# The tokens belong to the profile: pages in both languages.
page_urlpatterns = [
    path("me/tokens/", views.tokens, name="api-tokens"),
    path("me/tokens/<str:prefix>/revoke/", views.token_revoke, name="api-token-revoke"),
]

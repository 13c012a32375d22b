from __future__ import annotations

from django.urls import path

from . import views
from .api import api

# The API has one address whatever the language: outside the language prefixes. Its root,
# opened in a browser, leads to the documentation in the reader's language.
api_urlpatterns = [
    path("api/v1/", views.docs_redirect, name="api-docs-redirect"),
    path("api/v1/", api.urls),
]

# Pages in both languages: the documentation (/docs/api/ and /en/docs/api/: /api/ is the
# API's own, answered in English), and the tokens, which
# belong to the profile.
page_urlpatterns = [
    path("docs/api/", views.docs, name="api-docs"),
    # /en/api/v1/, typed by an English reader: the documentation in English (/api/v1/ itself
    # is answered above, before the language prefixes).
    path("api/v1/", views.docs_redirect),
    path("me/tokens/", views.tokens, name="api-tokens"),
    path("me/tokens/<str:prefix>/revoke/", views.token_revoke, name="api-token-revoke"),
]

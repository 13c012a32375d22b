from __future__ import annotations

from django.urls import path

from alliage.core.pagecache import ALL, CLOCK, anonymous_cached

from . import views

app_name = "sitesearch"

# It shows upcoming events and open calls: a short lifetime, like their lists.
urlpatterns = [
    path("", anonymous_cached(*ALL, timeout=CLOCK)(views.search), name="search"),
]

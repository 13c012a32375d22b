"""The site's URLs: pages in French at /…, in English at /en/…; health and admin outside."""

from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from alliage.api.urls import api_urlpatterns, page_urlpatterns
from alliage.core import metrics as core_metrics
from alliage.core import views as core_views

# A database outage anywhere (even in a middleware) answers 503; other errors a page that
# promises a report only when error reporting is configured.
handler500 = "alliage.core.outage.server_error"
handler400 = "alliage.core.views.bad_request"
handler403 = "alliage.core.views.permission_denied"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("livez", core_views.livez, name="livez"),
    path("metrics", core_metrics.metrics, name="metrics"),
    *api_urlpatterns,
]

urlpatterns += i18n_patterns(
    path("markdown/preview/", core_views.markdown_preview, name="markdown-preview"),
    path("", include("alliage.coalitions.urls")),
    path("", include("alliage.follows.urls")),
    path("", include("alliage.commons.urls")),
    path("", include("alliage.evaluation.urls")),
    path("", include("alliage.matching.urls")),
    path("", include("alliage.invitations.urls")),
    path("actors/", include("alliage.actors.urls")),
    path("agenda/", include("alliage.agenda.urls")),
    path("assemblies/", include("alliage.assembly.urls")),
    path("membership/", include("alliage.membership.urls")),
    path("calls/", include("alliage.calls.urls")),
    path("team/", include("alliage.team.urls")),
    path("search/", include("alliage.sitesearch.urls")),
    path("", include("alliage.myspace.urls")),
    path("", include("alliage.notifications.urls")),
    path("", include("alliage.discussions.urls")),
    path("", include("alliage.moderation.urls")),
    path("", include("alliage.newsletters.urls")),
    path("", include("alliage.legal.urls")),
    *page_urlpatterns,
    path("", include("alliage.selfdata.urls")),
    path("accounts/", include("alliage.accounts.urls")),
    # One log-in page for the whole site, with its limits (per address, per account): the
    # admin's own form would only have django-axes' per-pair lock.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="login", query_string=True),
        name="admin-login",
    ),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

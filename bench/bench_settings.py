"""Settings of the HTTP benchmark: production's, plus a counter of queries and the floor view.

``alliage.settings.production`` as deployed (DEBUG off, cached templates, manifest static files,
HTTPS redirect, secure cookies), with two additions that cost nothing unless asked for:
``bench_urls.QueryCountMiddleware`` first (it counts the queries of a request that sends
``X-Bench-Count``) and ``bench_urls`` as the URLconf (the site's URLs plus ``/bench-floor/``).

The ``--sqlite`` variant: production refuses SQLite, so its checks see a placeholder URL while
the module loads and the databases are then taken from ``alliage.settings.base`` as configured.
"""

from __future__ import annotations

import importlib
import os

_url = os.environ.get("ALLIAGE_DATABASE_URL", "")
_sqlite = _url.startswith("sqlite:")
if _sqlite:
    os.environ["ALLIAGE_DATABASE_URL"] = "postgres://sqlite-variant.invalid/placeholder"
try:
    from alliage.settings.production import *  # noqa: F403
    from alliage.settings.production import MIDDLEWARE
finally:
    os.environ["ALLIAGE_DATABASE_URL"] = _url

if _sqlite:
    import alliage.settings.base

    DATABASES = importlib.reload(alliage.settings.base).DATABASES

MIDDLEWARE = ["bench_urls.QueryCountMiddleware", *MIDDLEWARE]
ROOT_URLCONF = "bench_urls"

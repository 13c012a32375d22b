"""Error reporting, read by the settings: e-mail to ADMINS, and Sentry when it is installed.

Nothing here imports Django's models: the settings module calls it before apps are loaded.
"""

from __future__ import annotations

import warnings
from email.utils import getaddresses


def admins_parse(value: str) -> list[tuple[str, str]]:
    """``ALLIAGE_ADMINS``: comma-separated addresses, each ``a@b.org`` or ``Name <a@b.org>``."""
    return [(name or email, email) for name, email in getaddresses([value]) if "@" in email]


def sentry_init(dsn: str, *, environment: str = "production", release: str = "") -> bool:
    """Start Sentry for ``dsn`` if the optional ``sentry-sdk`` package is installed.
    Returns whether errors now reach Sentry; personal data is not sent."""
    if not dsn:
        return False
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError:
        warnings.warn(
            "ALLIAGE_SENTRY_DSN is set but sentry-sdk is not installed "
            "(pip install 'alliage[sentry]'): errors are not sent to Sentry.",
            UserWarning,
            stacklevel=2,
        )
        return False
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=environment,
        release=release or None,
        send_default_pii=False,
        traces_sample_rate=0.0,
    )
    return True

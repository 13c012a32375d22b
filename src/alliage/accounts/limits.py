"""Limits of the account pages, counted in the shared cache (``ALLIAGE_CACHE_URL``) by client
address (``core.client_address``) and by the e-mail address a request is about.

- Log-in: failed log-ins per client address, whatever the accounts tried (password spraying);
  per account, from anywhere, a delay that doubles after each failure past a free number, so
  an account is slowed, never locked, and a browser that logged in to it before is not slowed
  at all. django-axes still locks the account for one address after a few failures there.
- Sign-up and password reset: per client address and per e-mail address asked for, counted
  whether or not an account uses it (the answer must not tell).

The numbers are settings (``ALLIAGE_LOGIN_*``, ``ALLIAGE_SIGNUP_RATES``,
``ALLIAGE_RESET_RATES``); counts are per fixed window of the rate's period.
"""

from __future__ import annotations

import hashlib
import math
import re
import time
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import BaseCache, cache
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

DAY = 24 * 3600
KNOWN_BROWSER_COOKIE = "alliage_known_login"
_KNOWN_BROWSER_SALT = "alliage.accounts.limits.known-browser"
_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": DAY}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        """``"20/15m"``: 20 in 15 minutes; the period is a number (1 if omitted) and a unit."""
        match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*", text)
        if not match:
            raise ValueError(f"Not a rate: {text!r} (write it as 20/15m, 3/h…)")
        count, many, unit = match.groups()
        return cls(int(count), int(many or 1) * _PERIODS[unit])


@dataclass(frozen=True)
class Refusal:
    """A request refused for now: what to tell the person, and how long to wait."""

    message: str
    wait: float

    @property
    def retry_after(self) -> str:
        return str(max(1, math.ceil(self.wait)))


def wait_text(seconds: float) -> str:
    if seconds < 60:
        whole = max(1, math.ceil(seconds))
        return ngettext("%(count)d second", "%(count)d seconds", whole) % {"count": whole}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def normalise(identity: str) -> str:
    """One key whatever the case, the spaces or the compatibility forms (a full-width at sign)."""
    return unicodedata.normalize("NFKC", identity).strip().casefold()


def _key(kind: str, ident: str) -> str:
    digest = hashlib.sha256(ident.encode()).hexdigest()[:40]
    return f"alliage-limit:{kind}:{digest}"


def _window(kind: str, ident: str, rate: Rate) -> tuple[str, float]:
    """This window's key and the seconds until it ends."""
    now = time.time()
    number = int(now // rate.seconds)
    return f"{_key(kind, ident)}:{number}", (number + 1) * rate.seconds - now


def window_count(kind: str, ident: str, rate: Rate, *, store: BaseCache = cache) -> int:
    key, _left = _window(kind, ident, rate)
    return int(store.get(key, 0))


def window_spend(kind: str, ident: str, rate: Rate, *, store: BaseCache = cache) -> float | None:
    """Count one request; None while within the rate, else the seconds to wait."""
    key, left = _window(kind, ident, rate)
    store.add(key, 0, timeout=math.ceil(left) + 1)
    try:
        count = store.incr(key)
    except ValueError:  # expired between add and incr
        store.set(key, 1, timeout=math.ceil(left) + 1)
        count = 1
    return left if count > rate.count else None


# --- Log-in -----------------------------------------------------------------------------


def _login_address_rate() -> Rate:
    return Rate.parse(settings.ALLIAGE_LOGIN_ADDRESS_RATE)


def known_browser_value(username: str) -> str:
    """The cookie a browser keeps after logging in to an account: it names the account by a
    digest (the cookie is signed, not encrypted)."""
    digest = hashlib.sha256(normalise(username).encode()).hexdigest()[:40]
    return signing.dumps(digest, salt=_KNOWN_BROWSER_SALT)


def _is_known_browser(cookie: str | None, username: str) -> bool:
    if not cookie:
        return False
    try:
        digest = signing.loads(cookie, salt=_KNOWN_BROWSER_SALT, max_age=365 * DAY)
    except signing.BadSignature:
        return False
    return digest == hashlib.sha256(normalise(username).encode()).hexdigest()[:40]


def login_refusal(*, address: str, username: str, known_cookie: str | None) -> Refusal | None:
    """Whether a log-in may be tried now (checked before the password is)."""
    rate = _login_address_rate()
    if window_count("login-address", address, rate) >= rate.count:
        _key_now, left = _window("login-address", address, rate)
        return Refusal(
            _("Too many failed log-ins from your address: wait %(wait)s, then try again.")
            % {"wait": wait_text(left)},
            left,
        )
    not_before = cache.get(_key("login-account-next", normalise(username))) if username else None
    if not_before and not_before > time.time() and not _is_known_browser(known_cookie, username):
        left = not_before - time.time()
        return Refusal(
            _(
                "Several log-ins to this account failed, so it is slowed down for its "
                "safety: wait %(wait)s, then try again. The right password will work."
            )
            % {"wait": wait_text(left)},
            left,
        )
    return None


def login_failed(*, address: str, username: str) -> None:
    """A wrong password: counts against the address and slows the account down."""
    window_spend("login-address", address, _login_address_rate())
    if not username:
        return
    account = normalise(username)
    key = _key("login-account-failures", account)
    cache.add(key, 0, timeout=DAY)
    try:
        failures = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=DAY)
        failures = 1
    cache.touch(key, timeout=DAY)
    free = settings.ALLIAGE_LOGIN_ACCOUNT_FREE_FAILURES
    if failures >= free:
        delay = min(
            settings.ALLIAGE_LOGIN_ACCOUNT_MAX_DELAY,
            settings.ALLIAGE_LOGIN_ACCOUNT_DELAY * 2 ** min(failures - free, 20),
        )
        cache.set(
            _key("login-account-next", account), time.time() + delay, timeout=math.ceil(delay) + 1
        )


def login_succeeded(*, username: str) -> None:
    account = normalise(username)
    cache.delete_many(
        [_key("login-account-failures", account), _key("login-account-next", account)]
    )


# --- Sign-up and password reset -----------------------------------------------------------


def _mail_refusal(kind: str, *, address: str, email: str) -> Refusal | None:
    rates = settings.ALLIAGE_SIGNUP_RATES if kind == "signup" else settings.ALLIAGE_RESET_RATES
    wait = window_spend(f"{kind}-address", address, Rate.parse(rates["address"]))
    if wait is not None:
        return Refusal(
            _("Too many requests from your address: try again in %(wait)s.")
            % {"wait": wait_text(wait)},
            wait,
        )
    wait = window_spend(f"{kind}-email", normalise(email), Rate.parse(rates["email"]))
    if wait is not None:
        return Refusal(
            _(
                "Several messages were already sent to this address recently: check the inbox "
                "(and the spam folder), or try again in %(wait)s."
            )
            % {"wait": wait_text(wait)},
            wait,
        )
    return None


def signup_refusal(*, address: str, email: str) -> Refusal | None:
    """Counts one sign-up (each sends an e-mail); a refusal once either budget is spent."""
    return _mail_refusal("signup", address=address, email=email)


def reset_refusal(*, address: str, email: str) -> Refusal | None:
    """Counts one password reset request; a refusal once either budget is spent."""
    return _mail_refusal("reset", address=address, email=email)

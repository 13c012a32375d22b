"""The site's defences in depth: security headers and a CSP without inline script, production
settings, Argon2, throttled log-in, uploads checked by content and served safely, NUL bytes
refused, no media served outside the permission-checked views."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.hashers import identify_hasher, make_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from alliage.core.uploads import MAX_UPLOAD_BYTES, validate_document

from ..factories import PASSWORD, PersonFactory, SubmissionFactory
from .world import PDF, PNG

pytestmark = pytest.mark.django_db


def test_pages_carry_the_security_headers() -> None:
    response = Client().get("/en/")
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["script-src"] == "'self'"  # no inline script, no eval: htmx runs from a file
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert '"allowEval": false' in response.content.decode()


def test_no_page_has_inline_script_or_style() -> None:
    """htmx works under the CSP because nothing inline needs it (JSON-LD data is not script)."""
    import re

    person = PersonFactory()
    client = Client()
    client.force_login(person.user)
    for url in ("/en/", "/en/me/data/", "/en/me/consents/", "/en/me/audit/", "/en/actors/me/"):
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or "application/ld+json" in tag, (url, tag)
        assert " style=" not in html and " onclick=" not in html, url


def production_setting(*names: str) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALLIAGE_")}
    env.update(
        DJANGO_SETTINGS_MODULE="alliage.settings.production",
        ALLIAGE_SECRET_KEY="pQ9-r8Xz_" * 8,
        ALLIAGE_DATABASE_URL="postgres://alliage@127.0.0.1:5432/alliage",
        ALLIAGE_ALLOWED_HOSTS="alliage.example.org",
    )
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_production_settings_are_hardened() -> None:
    values = production_setting(
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "X_FRAME_OPTIONS",
        "SECURE_REFERRER_POLICY",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "PASSWORD_HASHERS",
    )
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] and values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"]
    assert values["X_FRAME_OPTIONS"] == "DENY" and values["SECURE_CONTENT_TYPE_NOSNIFF"]
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["PASSWORD_HASHERS"][0].endswith("Argon2PasswordHasher")


def test_passwords_are_hashed_with_argon2() -> None:
    """The test profile hashes with MD5 for speed; every other profile uses Argon2."""
    from alliage.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        assert identify_hasher(make_password("x")).algorithm == "argon2"


def test_log_in_is_throttled_per_account_and_address() -> None:
    person = PersonFactory()
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/accounts/login/", {"username": person.user.email, "password": "no"})
    locked = client.post(
        "/en/accounts/login/", {"username": person.user.email, "password": PASSWORD}
    )
    assert locked.status_code == 429 and "_auth_user_id" not in client.session


def test_nul_bytes_are_refused_before_any_view() -> None:
    person = PersonFactory()
    client = Client()
    client.force_login(person.user)
    # A form answers a NUL itself, next to the field (tests/security/test_malformed_bodies.py).
    assert client.post("/en/actors/me/", {"first_name": "a\x00b"}).status_code == 200
    assert client.get("/en/actors/", {"q": "\x00"}).status_code == 400
    body = '{"summary": "a\\u0000b"}'
    response = Client().patch("/api/v1/coalitions/x/canvas", body, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("dossier.pdf", PDF, True),
        ("image.png", PNG, True),
        ("page.pdf", b"<html><script>alert(1)</script></html>", False),  # HTML posing as PDF
        ("image.png", PDF, False),  # the name says PNG, the content is PDF
        ("script.svg", b"<svg onload=alert(1)>", False),
        ("archive.docx", b"PK\x03\x04 not a zip", False),
        ("programme.exe", b"MZ\x90\x00", False),
    ],
)
def test_uploads_are_checked_by_their_content(name: str, content: bytes, accepted: bool) -> None:
    upload = SimpleUploadedFile(name, content)
    if accepted:
        validate_document(upload)
    else:
        with pytest.raises(ValidationError):
            validate_document(upload)


def test_uploads_have_a_size_limit() -> None:
    upload = SimpleUploadedFile("big.pdf", PDF)
    upload.size = MAX_UPLOAD_BYTES + 1
    with pytest.raises(ValidationError):
        validate_document(upload)


@pytest.mark.parametrize(
    ("name", "content", "content_type", "inline"),
    [("dossier.pdf", PDF, "application/pdf", False), ("schema.png", PNG, "image/png", True)],
)
def test_attachments_are_served_safely(
    name: str, content: bytes, content_type: str, inline: bool, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    submission = SubmissionFactory(attachment=SimpleUploadedFile(name, content))
    client = Client()
    client.force_login(submission.person.user)
    response = client.get(f"/en/calls/submissions/{submission.pk}/attachment/")
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline" if inline else "attachment")
    assert Client().get(f"/en/calls/submissions/{submission.pk}/attachment/").status_code == 404


def test_media_files_are_not_served_directly(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    submission = SubmissionFactory(attachment=SimpleUploadedFile("dossier.pdf", PDF))
    assert Client().get(settings.MEDIA_URL + submission.attachment.name).status_code == 404

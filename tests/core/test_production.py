"""Production settings for real, in a fresh process: static files collected, /healthz answered
over plain http to a load balancer while pages redirect to https (R12)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = """
import json, django
django.setup()
from django.core.management import call_command
from django.test import Client
if {collect}:
    call_command("collectstatic", interactive=False, verbosity=0)
client = Client(raise_request_exception=False)
health = client.get("/healthz")
page = client.get("/en/")
secure = client.get("/en/", headers={{"x-forwarded-proto": "https"}})
print(json.dumps({{
    "health": [health.status_code, health.content.decode()],
    "page": [page.status_code, page.get("Location", "")],
    "secure": [secure.status_code, secure.content.decode()],
}}))
"""


def run(var_dir: Path, *, collect: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALLIAGE_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="alliage.settings.production",
        ALLIAGE_SECRET_KEY="pQ9-r8Xz_" * 8,
        # A closed port: the database is down, which the outage page has to survive.
        ALLIAGE_DATABASE_URL="postgres://alliage@127.0.0.1:9/alliage",
        ALLIAGE_ALLOWED_HOSTS="testserver",
        ALLIAGE_VAR_DIR=str(var_dir),
    )
    result = subprocess.run(  # noqa: S603 (our own script)
        [sys.executable, "-c", SCRIPT.format(collect=collect)],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return run(tmp_path_factory.mktemp("var"), collect=True)


def test_health_is_not_redirected_to_https(collected: dict) -> None:
    status, body = collected["health"]
    assert status == 503  # answered (the database is down), not 301
    assert json.loads(body)["database"] == {"status": "down"}


def test_pages_still_redirect_to_https(collected: dict) -> None:
    assert collected["page"] == [301, "https://testserver/en/"]


def test_after_collectstatic_pages_link_the_hashed_stylesheet(collected: dict) -> None:
    status, body = collected["secure"]
    assert status == 503
    assert re.search(r'href="/static/alliage/alliage\.[0-9a-f]{12}\.css"', body)

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def run_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("ALLIAGE_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="alliage.settings.production")
    return subprocess.run(
        [sys.executable, "-m", "alliage", "check", "--deploy", "--fail-level", "WARNING"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({}, "ALLIAGE_SECRET_KEY"),
        ({"ALLIAGE_SECRET_KEY": "short"}, "ALLIAGE_SECRET_KEY"),
        ({"ALLIAGE_SECRET_KEY": "k" * 60}, "ALLIAGE_DATABASE_URL"),
        (
            {"ALLIAGE_SECRET_KEY": "k" * 60, "ALLIAGE_DATABASE_URL": "sqlite:///x.db"},
            "ALLIAGE_DATABASE_URL",
        ),
    ],
)
def test_production_refuses_to_start_without_real_secret_and_database(
    env: dict[str, str], complaint: str
) -> None:
    result = run_check(env)
    assert result.returncode != 0
    assert complaint in result.stderr


def test_production_passes_the_deployment_check() -> None:
    result = run_check(
        {
            "ALLIAGE_SECRET_KEY": "pQ9-r8Xz_" * 8,
            "ALLIAGE_DATABASE_URL": "postgres://alliage@127.0.0.1:5432/alliage",
            "ALLIAGE_ALLOWED_HOSTS": "alliage.example.org",
        }
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_embedded_defaults_generate_and_keep_a_secret(tmp_path) -> None:
    code = "from alliage.settings import base; print(base.SECRET_KEY)"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ALLIAGE_")}
    env["ALLIAGE_VAR_DIR"] = str(tmp_path)
    first = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    second = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert first == second and len(first.strip()) >= 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0

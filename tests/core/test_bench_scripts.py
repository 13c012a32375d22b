"""The benchmark scripts at least start: each imports its parts and answers --help (a script
that fails at import is only found when someone runs it for its figures)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = sorted(p.name for p in (ROOT / "bench").glob("*.py") if not p.name.startswith("_"))


@pytest.mark.parametrize(
    "script", [s for s in SCRIPTS if s not in {"bench_settings.py", "bench_urls.py"}]
)
def test_the_script_starts(script: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(  # noqa: S603 (our own scripts, with this Python)
        [sys.executable, str(ROOT / "bench" / script), "--help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "usage" in done.stdout.lower()

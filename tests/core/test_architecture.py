"""The layering STYLE.md promises, checked on the source: a view reads another app only through
that app's selectors and services, never its models; production code never reads the demo."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

from django.db import models

import alliage

SRC = Path(alliage.__file__).parent
APPS = sorted(p.name for p in SRC.iterdir() if (p / "apps.py").exists())


def _imported_names(path: Path) -> list[tuple[str, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    return [
        (node.module, alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
        for alias in node.names
    ]


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def _view_modules(app: str) -> list[Path]:
    root = SRC / app
    return sorted([*root.glob("views.py"), *root.glob("views/*.py")])


def test_no_view_module_uses_another_apps_models() -> None:
    """Its enums (an organisation's kinds) are vocabulary and may be shared; its models, which
    a view would query, may not: the view asks that app's selectors."""
    offences = []
    for app in APPS:
        for path in _view_modules(app):
            for module, name in _imported_names(path):
                parts = module.split(".")
                if parts[0] != "alliage" or parts[1] in (app, "core") or parts[-1] != "models":
                    continue
                imported = getattr(importlib.import_module(module), name, None)
                if isinstance(imported, type) and issubclass(imported, models.Model):
                    offences.append(f"{path.relative_to(SRC)} uses {module}.{name}")
    assert not offences


def test_production_code_never_reads_the_demo() -> None:
    offences = []
    for path in SRC.rglob("*.py"):
        app = path.relative_to(SRC).parts[0]
        if app in ("demo", "settings") or "migrations" in path.parts:
            continue
        offences += [
            f"{path.relative_to(SRC)} imports {m}"
            for m in _imports(path)
            if m.startswith("alliage.demo")
        ]
    assert not offences


_QUERY_METHODS = {"filter", "exclude", "get", "update", "create", "get_or_create"}


def test_statuses_are_written_with_their_enums() -> None:
    """A status in a query or a write names its enum member (``SubmissionStatus.DRAFT``), never
    the stored string: a renamed value then fails at import, not silently in a query."""
    literals = []
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            if node.func.attr not in _QUERY_METHODS:
                continue
            for kw in node.keywords:
                if (
                    kw.arg
                    and (kw.arg == "status" or kw.arg.endswith("__status"))
                    and isinstance(kw.value, ast.Constant)
                    and isinstance(kw.value.value, str)
                ):
                    literals.append(f"{path.relative_to(SRC)}:{node.lineno} {kw.arg}")
    assert not literals

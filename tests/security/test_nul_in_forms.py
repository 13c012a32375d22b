"""A NUL character in a form reaches the form (R11 b), which must answer it: every field of
every form of the site, sent "a\\x00b" as a role that may use it, gets an answer below 500
(on PostgreSQL, which cannot store a NUL, a field without ProhibitNullCharactersValidator
would fail with a 500 here), and every text field of every form declares the validator."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.core.validators import ProhibitNullCharactersValidator

import alliage

from .test_malformed_input import POSTED, first_role, form_fields, url_of
from .world import World, request_as

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("security-fuzz")]
SRC = Path(alliage.__file__).parent
NUL = "a\x00b"


def _form_classes() -> list[type[forms.BaseForm]]:
    found = []
    for path in sorted([*SRC.rglob("forms*.py"), *SRC.rglob("forms/*.py")]):
        if "migrations" in path.parts:
            continue
        module = importlib.import_module(
            ".".join(("alliage", *path.relative_to(SRC).with_suffix("").parts))
        )
        found += [
            obj
            for obj in vars(module).values()
            if inspect.isclass(obj)
            and issubclass(obj, forms.BaseForm)
            and obj.__module__ == module.__name__
        ]
    return found


def test_every_text_field_refuses_nul() -> None:
    classes = _form_classes()
    assert len(classes) > 20
    missing = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in classes
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.CharField)
        and not any(isinstance(v, ProhibitNullCharactersValidator) for v in field.validators)
    ]
    assert not missing


@pytest.mark.parametrize("row", [r for r in POSTED if not r.api], ids=lambda r: r.id)
def test_a_nul_in_any_form_field_is_answered_by_the_form(world: World, row) -> None:
    role = first_role(row.post, "or")
    url = url_of(world, row)
    names, _files = form_fields(world, row, role, url)
    payload = {**row.data(world), **dict.fromkeys(names, NUL)}
    response = request_as(world, role, row.write, url, payload)
    assert response.status_code < 500, (url, role, response.status_code)
    # Not the middleware's refusal (its message names the character as "(\u0000)"): a page's
    # own words may hold the letters NUL (a name, "ANNULER").
    assert response.status_code != 400 or b"(\\u0000)" not in response.content, url

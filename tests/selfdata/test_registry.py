"""Every app that keeps personal data registers it, so that the export, the "My data" page and
the erasure cannot forget it: each Alliage app has an entry, and every model linked to an
account or a person is covered by one."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings

from alliage.actors.models import Person
from alliage.core.personal_data import personal_data_entries

# Apps built by other hands that have not registered their entry yet: their models are let off
# until they do, then checked like every other app's (remove them from here then).
PENDING: dict[str, str] = {}
NO_PERSONAL_DATA = {
    "demo",
    "matching",
    "team",
    "myspace",
    "imports",
    "workers",
    "sitesearch",
    "legal",
}  # no rows of a person
# accounts keeps no rows: its limits are counters in the cache, keyed by digests, gone in a day.
NO_PERSONAL_DATA |= {"accounts"}
# membership has no models: actors exports its Membership and Payment rows.
NO_PERSONAL_DATA |= {"membership"}


def alliage_apps() -> set[str]:
    return {c.label for c in apps.get_app_configs() if c.name.startswith("alliage.")}


def personal_models() -> set[str]:
    """Models with a relation to an account or a person, or that are one."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found = set()
    for model in apps.get_models():
        if not model.__module__.startswith("alliage."):
            continue
        if model in (user_model, Person) or any(
            f.is_relation and f.related_model in (user_model, Person)
            for f in model._meta.get_fields()
            if not f.auto_created or f.concrete
        ):
            found.add(model._meta.label)
    return found


def pending() -> set[str]:
    registered = {e.app_label for e in personal_data_entries()}
    return set(PENDING) - registered


def test_every_app_registers_its_personal_data() -> None:
    registered = {e.app_label for e in personal_data_entries()}
    expected = alliage_apps() - NO_PERSONAL_DATA - pending()
    assert expected - registered == set(), "apps without a selfdata.py entry"


def test_every_personal_model_is_covered() -> None:
    covered = {m for e in personal_data_entries() for m in e.models}
    missing = {m for m in personal_models() - covered if m.split(".")[0] not in pending()}
    assert not missing, f"models holding personal data that no entry covers: {sorted(missing)}"
    assert covered <= {m._meta.label for m in apps.get_models()}, "entries name unknown models"


@pytest.mark.django_db
def test_exporters_give_exactly_the_declared_fields() -> None:
    """Checked on a demo person with data of every kind in test_export; here: the declared
    fields are unique and documented."""
    for entry in personal_data_entries():
        keys = [d.key for d in entry.datasets]
        assert len(keys) == len(set(keys)), entry.app_label
        for dataset in entry.datasets:
            names = dataset.field_names
            assert len(names) == len(set(names)), dataset.key
            for field in dataset.fields:
                assert str(field.label).strip() and str(field.description).strip(), field.name

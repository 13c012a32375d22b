"""A GIN index for the library's full-text search, on PostgreSQL only (SQLite searches with
LIKE)."""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

INDEX_NAME = "commons_search_idx"


def _index():  # noqa: ANN202
    from alliage.commons.selectors import SEARCH_VECTOR

    return GinIndex(SEARCH_VECTOR, name=INDEX_NAME)


def create(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("commons", "Publication"), _index())


def drop(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("commons", "Publication"), _index())


class Migration(migrations.Migration):
    dependencies = [("commons", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]

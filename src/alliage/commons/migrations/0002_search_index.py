"""A GIN index for the library's full-text search, on PostgreSQL only (SQLite searches with
LIKE)."""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "commons_search_idx"


def _index():  # noqa: ANN202
    # The expression of that time, written here: the index is dropped by a later migration.
    return GinIndex(SearchVector("title", "summary", "body", config="french"), name=INDEX_NAME)


def create(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("commons", "Publication"), _index())


def drop(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        # A later migration drops it already (it has been replaced).
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("commons", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]

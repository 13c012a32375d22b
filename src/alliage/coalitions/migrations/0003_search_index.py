"""A GIN index for the coalition list's full-text search, on PostgreSQL only (SQLite searches
with LIKE)."""

from __future__ import annotations

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX_NAME = "coalitions_search_idx"


def _index():  # noqa: ANN202
    # The expression of that time, written here: the index is dropped by a later migration.
    return GinIndex(SearchVector("title", "summary", "diagnostic", "impact_statement", "levers", config="french"), name=INDEX_NAME)


def create(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("coalitions", "Coalition"), _index())


def drop(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        # A later migration drops it already (it has been replaced).
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("coalitions", "0002_initial")]
    operations = [migrations.RunPython(create, drop)]

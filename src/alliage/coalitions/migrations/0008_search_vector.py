"""The coalition list's full-text index (``core.search``): a ``tsvector`` column kept by a trigger and
a GIN index on PostgreSQL, an FTS5 table kept by triggers on SQLite; filled for the rows there
are."""

from __future__ import annotations

from django.db import migrations


def _indexes():  # noqa: ANN202
    from alliage.coalitions.selectors import SEARCH_INDEX

    return (SEARCH_INDEX,)


def install(apps, schema_editor) -> None:  # noqa: ANN001
    from alliage.core.search import search_index_install

    if schema_editor.connection.vendor == "postgresql":
        # The expression index it replaces: the vector was recomputed for every row.
        schema_editor.execute("DROP INDEX IF EXISTS coalitions_search_idx")
    for index in _indexes():
        search_index_install(index, using=schema_editor.connection.alias)


def uninstall(apps, schema_editor) -> None:  # noqa: ANN001
    from alliage.core.search import search_index_uninstall

    for index in _indexes():
        search_index_uninstall(index, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_search_configuration"),
        ("coalitions", "0007_kinds_present_and_list_indexes"),
    ]
    operations = [migrations.RunPython(install, uninstall)]

"""The calls' full-text index (``core.search``): a ``tsvector`` column kept by a trigger and
a GIN index on PostgreSQL, an FTS5 table kept by triggers on SQLite; filled for the rows there
are."""

from __future__ import annotations

from django.db import migrations


def _indexes():  # noqa: ANN202
    from alliage.calls.selectors import SEARCH_INDEX

    return (SEARCH_INDEX,)


def install(apps, schema_editor) -> None:  # noqa: ANN001
    from alliage.core.search import search_index_install

    for index in _indexes():
        search_index_install(index, using=schema_editor.connection.alias)


def uninstall(apps, schema_editor) -> None:  # noqa: ANN001
    from alliage.core.search import search_index_uninstall

    for index in _indexes():
        search_index_uninstall(index, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_search_configuration"), ("calls", "0007_uploads_neutral_names_and_active_content")]
    operations = [migrations.RunPython(install, uninstall)]

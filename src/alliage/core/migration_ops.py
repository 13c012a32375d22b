"""Schema operations that old and new migrations share."""

from __future__ import annotations

from django.db import migrations


def add_column_in_place(table: str, column: str, definition: str, add_field):
    """``add_field`` (the migration state's ``AddField``), done in the database by one ``ALTER
    TABLE … ADD COLUMN``, the same on SQLite and PostgreSQL. SQLite's schema editor would copy
    the table to add a NOT NULL column, which breaks the search triggers that name the table;
    PostgreSQL adds a column with a constant default without rewriting its rows."""
    return migrations.SeparateDatabaseAndState(
        database_operations=[
            migrations.RunSQL(
                f'ALTER TABLE "{table}" ADD COLUMN "{column}" {definition}',
                f'ALTER TABLE "{table}" DROP COLUMN "{column}"',
            )
        ],
        state_operations=[add_field],
    )

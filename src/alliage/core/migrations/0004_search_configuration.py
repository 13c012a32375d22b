"""The text search configuration every full-text index uses on PostgreSQL: French stemming
after ``unaccent``, so that ``numerique`` and ``Numérique`` are one word. (SQLite's FTS5 tables
fold accents and case in their tokenizer; nothing to do there.) ``unaccent`` is a trusted
extension: the database's owner may create it."""

from __future__ import annotations

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'alliage_french') THEN
    CREATE TEXT SEARCH CONFIGURATION alliage_french (COPY = french);
    ALTER TEXT SEARCH CONFIGURATION alliage_french
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
  END IF;
END $$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS alliage_french"


def create(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor) -> None:  # noqa: ANN001
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_user_email_confirmed")]
    operations = [migrations.RunPython(create, drop)]

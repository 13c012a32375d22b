"""The moderators' hiding flag on coalitions. Added with ``ALTER TABLE ... ADD COLUMN`` rather than
Django's rebuild of the table on SQLite, which would drop the full-text index's triggers on it."""

from __future__ import annotations

from django.db import migrations, models

SQL = "ALTER TABLE coalitions_coalition ADD COLUMN hidden_by_moderation boolean DEFAULT FALSE NOT NULL"
REVERSE = "ALTER TABLE coalitions_coalition DROP COLUMN hidden_by_moderation"


class Migration(migrations.Migration):
    dependencies = [("coalitions", "0008_search_vector")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(SQL, REVERSE)],
            state_operations=[
                migrations.AddField(
                    model_name="coalition",
                    name="hidden_by_moderation",
                    field=models.BooleanField(
                        db_default=False, default=False, verbose_name="hidden by the moderators"
                    ),
                )
            ],
        )
    ]

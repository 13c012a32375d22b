"""The moderators' hiding flag on people. Added with ``ALTER TABLE ... ADD COLUMN`` rather than
Django's rebuild of the table on SQLite, which would drop the full-text index's triggers on it."""

from __future__ import annotations

from django.db import migrations, models

SQL = "ALTER TABLE actors_person ADD COLUMN hidden_by_moderation boolean DEFAULT FALSE NOT NULL"
REVERSE = "ALTER TABLE actors_person DROP COLUMN hidden_by_moderation"


class Migration(migrations.Migration):
    dependencies = [("actors", "0006_directory_order_indexes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(SQL, REVERSE)],
            state_operations=[
                migrations.AddField(
                    model_name="person",
                    name="hidden_by_moderation",
                    field=models.BooleanField(
                        db_default=False, default=False, verbose_name="hidden by the moderators"
                    ),
                )
            ],
        )
    ]

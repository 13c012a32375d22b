"""Accounts created before consents had their own page chose on their profile whether to be
listed and suggested. Each choice that is on becomes a receipt (version 0, dated at migration)
so that every consent in force has one. The demo loader does the same for its people
(``selfdata.services.consent_receipts_from_flags``)."""

from __future__ import annotations

from django.db import migrations
from django.utils import timezone

TEXT = "Carried over from the choice on your profile, made before consents had their own page."
FLAGS = (("directory", "is_listed"), ("matching", "is_suggestable"))


def forwards(apps, schema_editor):
    person_model = apps.get_model("actors", "Person")
    receipt_model = apps.get_model("selfdata", "ConsentReceipt")
    now = timezone.now()
    receipts = []
    for person in person_model.objects.only("pk", "is_listed", "is_suggestable").iterator():
        for purpose, flag in FLAGS:
            if getattr(person, flag):
                receipts.append(
                    receipt_model(
                        person_id=person.pk,
                        purpose=purpose,
                        granted=True,
                        text_version=0,
                        text=TEXT,
                        language="en",
                        source="initial",
                        at=now,
                    )
                )
    receipt_model.objects.bulk_create(receipts, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("selfdata", "0001_initial"),
        ("actors", "0003_consents_and_visibility"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

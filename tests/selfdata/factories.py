"""Self Data's records, in the numbers a long-standing account piles up."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from alliage.core.models import AuditEntry
from alliage.selfdata.models import DataExport


class AuditEntryFactory(DjangoModelFactory):
    class Meta:
        model = AuditEntry

    action = "auth.login"
    target_type = "core.user"
    target_id = factory.LazyAttribute(lambda o: str(o.actor.pk) if o.actor else "")
    data = factory.LazyFunction(dict)


class DataExportFactory(DjangoModelFactory):
    class Meta:
        model = DataExport

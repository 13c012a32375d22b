"""Keep the index in step with the objects it holds: a save or a delete marks the object's
key; once the transaction commits, one task updates all the keys it marked (a demo load or a
bulk edit is one update, not thousands). A side concern, so signals are the right tool."""

from __future__ import annotations

import threading
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from alliage.actors.models import Affiliation, Organisation, Person
from alliage.calls.models import Submission
from alliage.coalitions.models import Coalition
from alliage.core.services import on_commit_once

from .documents import key_of

_pending = threading.local()


def _flush() -> None:
    from .tasks import index_refresh

    keys = sorted(getattr(_pending, "keys", set()))
    _pending.keys = set()
    if keys:
        index_refresh.enqueue(keys=keys)


def mark(key: str) -> None:
    """The keys marked in a transaction are updated by one task once it commits. Keys of a
    rolled-back transaction go with the next flush, where re-reading them finds the truth."""
    keys = getattr(_pending, "keys", None)
    if keys is None:
        keys = _pending.keys = set()
    keys.add(key)
    on_commit_once("matching.index", _flush)


def _changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    mark(key_of(instance))
    if isinstance(instance, Organisation) and instance.pk is not None:
        # its people's documents carry its kind, and only while it is listed
        for pk in Affiliation.objects.filter(organisation=instance).values_list(
            "person_id", flat=True
        ):
            mark(f"person:{pk}")


def _tags_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
        instance, Organisation | Person
    ):
        mark(key_of(instance))


def _affiliation_changed(sender: Any, instance: Affiliation, **kwargs: Any) -> None:
    mark(key_of(instance.person))  # a person's kind comes from their organisation


def connect() -> None:
    for model in (Organisation, Person, Coalition, Submission):
        post_save.connect(_changed, sender=model, dispatch_uid=f"matching-save-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"matching-delete-{model.__name__}"
        )
    for through in (Organisation.tags.through, Person.tags.through):
        m2m_changed.connect(_tags_changed, sender=through, dispatch_uid=f"matching-{through}")
    for signal in (post_save, post_delete):
        signal.connect(
            _affiliation_changed, sender=Affiliation, dispatch_uid=f"matching-aff-{signal}"
        )

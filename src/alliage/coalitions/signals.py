"""Keep ``Coalition.kinds_present`` in step with the members, whoever writes them: the
coalitions' services, a call's decision, a convergence of the matching, the administration, an
erasure or a deleted organisation. A kept copy of other rows is a side concern (like a search
index), so signals are the right tool: no writer can forget it."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_delete

from alliage.actors.models import Organisation

from .models import Coalition, CoalitionMember
from .services import coalition_kinds_refresh


def _member_changed(sender: Any, instance: CoalitionMember, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if fields is not None and "organisation" not in fields:
        return  # a role changed: the kinds did not
    coalition_kinds_refresh(coalitions=Coalition.objects.filter(pk=instance.coalition_id))


def _organisation_saved(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if kwargs.get("created") or (fields is not None and "kind" not in fields):
        return
    coalition_kinds_refresh(coalitions=Coalition.objects.filter(members__organisation=instance))


def _organisation_deleting(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    # Its members stay, in their own name (SET_NULL, which sends no signal): remember where.
    instance._coalition_ids = list(  # type: ignore[attr-defined]
        CoalitionMember.objects.filter(organisation=instance).values_list("coalition_id", flat=True)
    )


def _organisation_deleted(sender: Any, instance: Organisation, **kwargs: Any) -> None:
    ids = getattr(instance, "_coalition_ids", [])
    if ids:
        coalition_kinds_refresh(coalitions=Coalition.objects.filter(pk__in=ids))


def connect() -> None:
    post_save.connect(_member_changed, sender=CoalitionMember, dispatch_uid="coalitions-kinds-m")
    post_delete.connect(_member_changed, sender=CoalitionMember, dispatch_uid="coalitions-kinds-md")
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid="coalitions-kinds-o")
    pre_delete.connect(
        _organisation_deleting, sender=Organisation, dispatch_uid="coalitions-kinds-od1"
    )
    post_delete.connect(
        _organisation_deleted, sender=Organisation, dispatch_uid="coalitions-kinds-od2"
    )

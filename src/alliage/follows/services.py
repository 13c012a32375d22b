"""Writes of follows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext as _

from alliage.core.errors import BusinessError

from .models import FOLLOWABLE, Follow

if TYPE_CHECKING:
    from alliage.core.models import User


def _key(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


@transaction.atomic
def follow_add(*, user: User, obj: models.Model, check: bool = True) -> Follow:
    """``user`` follows ``obj``: a followable model they may see (``check=False`` only for
    the services that follow on a person's behalf what they just joined). Following twice
    is one follow."""
    key = _key(obj)
    if key not in FOLLOWABLE:
        raise BusinessError(_("This cannot be followed."))
    if not user.is_authenticated or (check and not user.has_perm(FOLLOWABLE[key], obj)):
        raise BusinessError(_("This cannot be followed."))
    follow, _created = Follow.objects.get_or_create(
        user=user, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    )
    return follow


@transaction.atomic
def follow_remove(*, user: User, obj: models.Model) -> None:
    """``user`` no longer follows ``obj`` (nothing happens if they did not)."""
    Follow.objects.filter(
        user=user, content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).delete()

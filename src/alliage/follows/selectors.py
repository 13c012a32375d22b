"""Reads of follows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import QuerySet

from .models import Follow

if TYPE_CHECKING:
    from alliage.core.models import User


def _follows_of(obj: models.Model) -> QuerySet[Follow]:
    """The follows of ``obj``, matched on its content type's natural key in the same query:
    a page showing the button costs one query, whether the process has already cached the
    content type or not."""
    return Follow.objects.filter(
        content_type__app_label=obj._meta.app_label,
        content_type__model=obj._meta.model_name,
        object_id=obj.pk,
    )


def followers_of(obj: models.Model) -> QuerySet[User]:
    """The active users who follow ``obj``. The caller still keeps to those who may see
    what it tells them."""
    return get_user_model().objects.filter(
        is_active=True, pk__in=_follows_of(obj).values("user_id")
    )


def is_following(*, user: User, obj: models.Model) -> bool:
    """Whether ``user`` follows ``obj`` (never, for an anonymous visitor)."""
    if not user.is_authenticated:
        return False
    return _follows_of(obj).filter(user=user).exists()

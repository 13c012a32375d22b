"""Factories of the team's tests (the shared ones are in tests/factories.py)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from alliage.coalitions.models import JoinRequest

from ..factories import CoalitionFactory, PersonFactory


class JoinRequestFactory(DjangoModelFactory):
    class Meta:
        model = JoinRequest

    coalition = factory.SubFactory(CoalitionFactory)
    person = factory.SubFactory(PersonFactory)
    message = "Nous aimerions rejoindre la coalition."


def age(join_request: JoinRequest, days: int) -> JoinRequest:
    """Make a request ``days`` old (``created_at`` is set on creation)."""
    JoinRequest.objects.filter(pk=join_request.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days)
    )
    join_request.refresh_from_db()
    return join_request

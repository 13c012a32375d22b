"""Factories and helpers of the newsletters' tests."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from alliage.newsletters.models import Newsletter
from alliage.selfdata.models import ConsentReceipt, Purpose
from tests.factories import PersonFactory, ProgrammeFactory


class NewsletterFactory(DjangoModelFactory):
    class Meta:
        model = Newsletter

    programme = factory.SubFactory(ProgrammeFactory)
    subject = factory.Sequence(lambda n: f"Lettre n°{n}")
    body = "Bonjour,\n\n**Les nouvelles** du programme."


def consent(person, granted: bool = True, *, ago: int = 0) -> ConsentReceipt:
    """A newsletter receipt for ``person``, ``ago`` minutes in the past."""
    return ConsentReceipt.objects.create(
        person=person,
        purpose=Purpose.NEWSLETTER,
        granted=granted,
        text_version=1,
        text="La lettre.",
        at=timezone.now() - dt.timedelta(minutes=ago),
    )


def consenting(**kwargs):
    """A person who consented to the newsletter."""
    person = PersonFactory(**kwargs)
    consent(person, ago=5)
    return person

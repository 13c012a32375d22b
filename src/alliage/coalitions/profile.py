"""The coalitions an actor takes part in, shown on their profile."""

from __future__ import annotations

from django.http import HttpRequest

from alliage.actors.models import Organisation, Person
from alliage.actors.registry import ProfileSection

from . import selectors


def coalitions_section(request: HttpRequest, actor: Organisation | Person) -> ProfileSection:
    if isinstance(actor, Organisation):
        rows = [
            (c, None)
            for c in selectors.coalitions_of_organisation(organisation=actor, viewer=request.user)
        ]
    else:
        rows = selectors.coalitions_of_person(person=actor, viewer=request.user)
    return ProfileSection(template="coalitions/_profile_coalitions.html", context={"rows": rows})

"""Publications shown on other apps' pages: an actor's, a programme's, a coalition's."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from alliage.actors.models import Organisation, Person
from alliage.actors.registry import ProfileSection
from alliage.coalitions.models import Coalition, Programme

from . import selectors


def authored_section(request: HttpRequest, actor: Organisation | Person) -> ProfileSection | None:
    publications = selectors.publications_of_actor(actor=actor, viewer=request.user)
    if not publications:
        return None
    return ProfileSection(
        template="commons/_section_publications.html",
        context={"publications": publications, "feed": ""},
    )


def page_section(request: HttpRequest, obj: Programme | Coalition) -> ProfileSection | None:
    """A programme's latest publications with its feed; those about a coalition."""
    if isinstance(obj, Programme):
        publications = selectors.publications_of(programme=obj, viewer=request.user)
        feed = reverse("commons:programme-rss", args=[obj.slug])
    else:
        publications = selectors.publications_of(coalition=obj, viewer=request.user)
        feed = ""
    if not publications:
        return None
    return ProfileSection(
        template="commons/_section_publications.html",
        context={"publications": publications, "feed": feed},
    )

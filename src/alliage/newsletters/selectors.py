"""Reads of newsletters: the audience of a newsletter (computed in SQL), the team's list,
and the public archive of a programme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from alliage.actors.models import Affiliation, Membership
from alliage.actors.selectors import good_standing_q
from alliage.coalitions.models import Programme
from alliage.coalitions.predicates import team_programme_ids
from alliage.follows.selectors import followers_of
from alliage.selfdata.models import ConsentReceipt, Purpose

from .models import Delivery, Newsletter, NewsletterStatus

if TYPE_CHECKING:
    from alliage.core.models import User


def newsletter_consenting() -> QuerySet[User]:
    """The active accounts with an address whose latest newsletter receipt is a grant: one
    query, the latest receipt of each person read by a correlated subquery."""
    latest = (
        ConsentReceipt.objects.filter(person=OuterRef("person"), purpose=Purpose.NEWSLETTER)
        .order_by("-at", "-id")
        .values("granted")[:1]
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .annotate(newsletter_granted=Subquery(latest))
        .filter(newsletter_granted=True)
    )


def audience(
    *,
    programme: Programme,
    followers_only: bool = False,
    adherents_only: bool = False,
    organisation_kinds: Iterable[str] = (),
    on: dt.date | None = None,
) -> QuerySet[User]:
    """Who receives a newsletter: the people who consented to the newsletter, narrowed to
    the programme's followers, to adhérents (a current membership in their own name or their
    organisation's) and to people affiliated to an organisation of one of the kinds."""
    on = on or timezone.localdate()
    users = newsletter_consenting()
    if followers_only:
        users = users.filter(pk__in=followers_of(programme).values("pk"))
    if adherents_only:
        own = Membership.objects.filter(good_standing_q(on), person=OuterRef("person"))
        through = Membership.objects.filter(
            good_standing_q(on), organisation__affiliations__person=OuterRef("person")
        )
        users = users.filter(Exists(own) | Exists(through))
    kinds = list(organisation_kinds)
    if kinds:
        users = users.filter(
            Exists(
                Affiliation.objects.filter(person=OuterRef("person"), organisation__kind__in=kinds)
            )
        )
    return users


def newsletter_audience(*, newsletter: Newsletter) -> QuerySet[User]:
    """The audience of ``newsletter``'s own filters."""
    return audience(
        programme=newsletter.programme,
        followers_only=newsletter.followers_only,
        adherents_only=newsletter.adherents_only,
        organisation_kinds=newsletter.organisation_kinds,
    )


def newsletters_for_team(*, user: User) -> QuerySet[Newsletter]:
    """The newsletters of the programmes the user runs (all of them for a superuser), the
    latest first, with their programme."""
    newsletters = Newsletter.objects.select_related("programme").order_by("-created_at", "-pk")
    if user.is_superuser:
        return newsletters
    return newsletters.filter(programme__in=team_programme_ids(user))


def newsletter_get(*, pk: int) -> Newsletter:
    return Newsletter.objects.select_related("programme").get(pk=pk)


def programme_by_slug(*, slug: str) -> Programme:
    return Programme.objects.get(slug=slug)


def archive_list(*, programme: Programme) -> QuerySet[Newsletter]:
    """A programme's sent newsletters, the latest first."""
    return Newsletter.objects.filter(programme=programme, status=NewsletterStatus.SENT).order_by(
        "-sent_at", "-pk"
    )


def archive_get(*, programme: Programme, pk: int) -> Newsletter:
    """One sent newsletter of the programme; a draft or another programme's is DoesNotExist."""
    return (
        Newsletter.objects.select_related("programme")
        .filter(status=NewsletterStatus.SENT)
        .get(programme=programme, pk=pk)
    )


def deliveries_pending(*, newsletter_id: int) -> QuerySet[Delivery]:
    return Delivery.objects.filter(newsletter_id=newsletter_id, sent_at__isnull=True)

"""What commons contributes: publications on actors', programmes' and coalitions' pages, its
personal data and its open data (see ``exports.py``)."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Organisation, Person
from alliage.coalitions.models import Coalition, Programme
from alliage.core import hooks
from alliage.core.audit import audit_targets_q
from alliage.core.hooks import Reportable, Section, Slot
from alliage.core.personal_data import register_personal_data
from alliage.notifications.kinds import Delivery, Kind

from . import exports, selectors, services
from .audit import AuditAction
from .models import Publication, PublicationStatus, Reuse, ReuseStatus
from .selfdata import PERSONAL_DATA
from .services import REUSE_DECLARED

register_personal_data(PERSONAL_DATA)
exports.register()


@hooks.register(hooks.ACTOR_SECTIONS, order=30)
def authored_section(request: HttpRequest, actor: Organisation | Person) -> Section | None:
    publications = selectors.publications_of_actor(actor=actor, viewer=request.user)
    if not publications:
        return None
    return Section(
        template="commons/_section_publications.html",
        context={"publications": publications, "feed": ""},
    )


@hooks.register(hooks.PAGE_SECTIONS, order=30)
def page_section(request: HttpRequest, obj: object) -> Section | None:
    """A programme's latest publications with its feed; those about a coalition."""
    if not isinstance(obj, Programme | Coalition):
        return None
    if isinstance(obj, Programme):
        publications = selectors.publications_of(programme=obj, viewer=request.user)
        feed = reverse("commons:programme-rss", args=[obj.slug])
    else:
        publications = selectors.publications_of(coalition=obj, viewer=request.user)
        feed = ""
    if not publications:
        return None
    return Section(
        template="commons/_section_publications.html",
        context={"publications": publications, "feed": feed},
    )


@hooks.register(hooks.TEAM_PULSE, order=70)
def waiting_panel(request: HttpRequest, programmes: list[Programme]) -> Section | None:
    """Reuses awaiting moderation and draft publications, per programme: two queries."""
    if not programmes:
        return None
    counts = selectors.waiting_counts(programmes=programmes)
    return Section(
        template="team/pulse/_commons.html",
        slot=Slot.MAIN,
        context={
            "rows": [(p, counts[p.pk]) for p in programmes],
            "reuses_total": sum(c["reuses"] for c in counts.values()),
            "drafts_total": sum(c["drafts"] for c in counts.values()),
        },
    )


hooks.register(hooks.AUDIT_ACTIONS, AuditAction)


@hooks.register(hooks.AUDIT_SCOPE)
def audit_about_publications(programme_ids: frozenset[int]) -> Q:
    """A programme's team reads what was done to its publications and their reuses."""
    return audit_targets_q(
        Publication.objects.filter(programme__in=programme_ids)
    ) | audit_targets_q(Reuse.objects.filter(publication__programme__in=programme_ids))


hooks.register(hooks.SEARCH_INDEXES, selectors.SEARCH_INDEX)

hooks.register(
    hooks.NOTIFICATION_KINDS,
    Kind(
        key=REUSE_DECLARED,
        label=_("Someone declares a reuse of a publication I wrote"),
        message=_("%(reuse)s is declared as a reuse of %(publication)s."),
        default=Delivery.DAILY,
        group=_("Commons"),
    ),
)


def _reuse(pk: int) -> Reuse:
    return Reuse.objects.select_related("publication", "declared_by__user").get(pk=pk)


hooks.register(
    hooks.REPORTABLES,
    Reportable(
        key="commons.reuse",
        fetch=_reuse,
        see="commons.see_reuse",
        programme_id=lambda reuse: reuse.publication.programme_id,
        authors=lambda reuse: [reuse.declared_by.user] if reuse.declared_by else [],
        set_hidden=lambda reuse, hidden: services.reuse_set_hidden(reuse=reuse, hidden=hidden),
        is_hidden=lambda reuse: reuse.status == ReuseStatus.REFUSED,
        text=lambda reuse: f"{reuse.title}\n{reuse.url}\n{reuse.description}",
        where=lambda reuse: reuse.publication,
        url=lambda reuse: f"{reuse.publication.get_absolute_url()}#reuses",
        can_report=lambda reuse: reuse.status == ReuseStatus.PUBLISHED,
    ),
)


def _publication(pk: int) -> Publication:
    return Publication.objects.prefetch_related("author_people__user").get(pk=pk)


hooks.register(
    hooks.REPORTABLES,
    Reportable(
        key="commons.publication",
        fetch=_publication,
        see="commons.see_publication",
        programme_id=lambda publication: publication.programme_id,
        authors=lambda publication: [p.user for p in publication.author_people.all()],
        set_hidden=lambda publication, hidden: services.publication_set_hidden(
            publication=publication, hidden=hidden
        ),
        is_hidden=lambda publication: publication.status != PublicationStatus.PUBLISHED,
        text=lambda publication: f"{publication.title}\n{publication.summary}",
        where=lambda publication: publication,
        url=lambda publication: publication.get_absolute_url(),
        can_report=lambda publication: publication.status == PublicationStatus.PUBLISHED,
    ),
)

"""What newsletters adds to the others: its personal data, its audit actions and the team's
part of them, the team menu's entry, and the archive's link on a programme's page."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from alliage.coalitions.models import Coalition, Programme
from alliage.core import hooks
from alliage.core.audit import audit_targets_q
from alliage.core.hooks import NavItem, Section
from alliage.core.personal_data import register_personal_data

from .audit import AuditAction
from .models import Newsletter
from .selfdata import PERSONAL_DATA
from .services import newsletters_resume

register_personal_data(PERSONAL_DATA)
hooks.register(hooks.AUDIT_ACTIONS, AuditAction)
hooks.register(hooks.WORKER_SWEEPS, newsletters_resume)
hooks.register(
    hooks.TEAM_NAV,
    NavItem(label=_("Newsletters"), url_name="team:newsletters:newsletter-list"),
    order=35,
)


@hooks.register(hooks.AUDIT_SCOPE)
def audit_about_newsletters(programme_ids: frozenset[int]) -> Q:
    """A programme's team reads what was done to its newsletters."""
    return audit_targets_q(Newsletter.objects.filter(programme__in=programme_ids))


@hooks.register(hooks.PAGE_SECTIONS, order=60)
def archive_link_section(request: HttpRequest, obj: Programme | Coalition) -> Section | None:
    """A link to the programme's newsletter archive (no query: the page may be cached)."""
    if not isinstance(obj, Programme):
        return None
    return Section(template="newsletters/_archive_link.html", context={"programme": obj})

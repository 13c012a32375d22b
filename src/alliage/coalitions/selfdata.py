"""What coalitions holds about a person: their roles in coalitions and programme teams, their
join requests and the canvas changes they made; how it is exported and erased."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Person
from alliage.core.models import User
from alliage.core.personal_data import Dataset, Field, PersonalData
from alliage.core.selfdata import admin_log_forget
from alliage.core.services import audit_record

from .audit import AuditAction
from .models import (
    CanvasChange,
    CanvasDraft,
    Coalition,
    CoalitionMember,
    JoinRequest,
    JoinRequestStatus,
    MemberRole,
    Milestone,
    Programme,
)
from .selectors import display_value, field_label


def _roles(user: User) -> Iterator[dict[str, Any]]:
    roles = CoalitionMember.objects.filter(person__user=user).select_related(
        "coalition__programme", "organisation"
    )
    for m in roles.order_by("joined_at"):
        yield {
            "coalition": m.coalition.title,
            "programme": m.coalition.programme.name,
            "role": m.role,
            "on_behalf_of": m.organisation.name if m.organisation else "",
            "joined_at": m.joined_at,
        }


def _teams(user: User) -> Iterator[dict[str, Any]]:
    for programme in Programme.objects.filter(team=user).order_by("name"):
        yield {"programme": programme.name}


def _join_requests(user: User) -> Iterator[dict[str, Any]]:
    requests = JoinRequest.objects.filter(person__user=user).select_related(
        "coalition", "organisation"
    )
    for r in requests:
        yield {
            "coalition": r.coalition.title,
            "on_behalf_of": r.organisation.name if r.organisation else "",
            "message": r.message,
            "status": r.status,
            "created_at": r.created_at,
            "decided_at": r.decided_at,
        }


def _changes(user: User) -> Iterator[dict[str, Any]]:
    changes = CanvasChange.objects.filter(by=user).select_related("coalition")
    for c in changes.order_by("at", "id"):
        yield {
            "coalition": c.coalition.title,
            "revision": c.revision,
            "field": c.field,
            "at": c.at,
            "value": c.after,
        }


def _change_field_words(field: str) -> str:
    """A canvas field by the label its coalition's history gives it; a field the canvas no
    longer has by its stored name."""
    try:
        return field_label(field)
    except FieldDoesNotExist:
        return field.replace("_", " ")


def _change_value_words(field: str, value: str) -> str:
    """A value as the coalition's history shows it: yes/no, a date, a status or a language by
    its label, milestones one per line; a text as written."""
    try:
        return display_value(field, value)
    except (ValueError, KeyError, TypeError):  # a value written before its format changed
        return value


def _changes_in_words(rows: list[dict[str, Any]], user: User) -> list[dict[str, Any]]:
    """The page's words for canvas changes: each field by its label, each value in words."""
    return [
        {
            "field": _change_field_words(str(row.get("field") or "")),
            "value": _change_value_words(str(row.get("field") or ""), str(row.get("value") or "")),
        }
        for row in rows
    ]


def _drafts(user: User) -> Iterator[dict[str, Any]]:
    drafts = CanvasDraft.objects.filter(author=user).select_related("coalition")
    for d in drafts.order_by("updated_at", "id"):
        yield {"coalition": d.coalition.title, "kept_at": d.updated_at, "fields": d.data}


def _draft_in_words(data: Any) -> str:
    """A draft's fields as the page shows them: the canvas parts it holds, by their names."""
    if not isinstance(data, dict):
        return ""
    names = {
        f.name: f.verbose_name for f in Coalition._meta.get_fields() if hasattr(f, "verbose_name")
    }
    parts = [str(names[k]) for k, v in data.items() if k in names and v]
    if any(k.startswith("milestones-") and k.endswith("-title") and v for k, v in data.items()):
        parts.append(str(Milestone._meta.verbose_name_plural))
    return capfirst(", ".join(parts))


def erase(user: User) -> None:
    """Roles in coalitions and programme teams and join requests (with their messages) are
    deleted. The canvas history keeps the changes the person made, under the account's
    anonymous label. A coalition that loses its last lead stays in its programme team's hands,
    and the audit log says so."""
    person = Person.objects.filter(user=user).first()
    if person is not None:
        roles = list(CoalitionMember.objects.filter(person=person).select_related("coalition"))
        requests = list(JoinRequest.objects.filter(person=person))
        admin_log_forget([*roles, *requests])
        for role in roles:
            role.delete()
            if not role.coalition.members.filter(role=MemberRole.LEAD).exists():
                audit_record(
                    action=AuditAction.LEAD_ERASED,
                    by=None,
                    target=role.coalition,
                    role=role.role,
                )
        JoinRequest.objects.filter(pk__in=[r.pk for r in requests]).delete()
    for programme in Programme.objects.filter(team=user):
        programme.team.remove(user)
    CanvasDraft.objects.filter(author=user).delete()


PERSONAL_DATA = PersonalData(
    app_label="coalitions",
    title=_("Coalitions"),
    purpose=_("To run the coalitions you take part in and to keep the history of their canvas."),
    retention=_(
        "As long as your account exists; when you erase it, your changes to canvases stay under "
        "an anonymous label. A canvas draft you did not save is forgotten 30 days after you "
        "last typed in it."
    ),
    recipients=_(
        "The coalition's members and its programme team; what the coalition publishes is public."
    ),
    models=(
        "coalitions.CoalitionMember",
        "coalitions.JoinRequest",
        "coalitions.CanvasChange",
        "coalitions.CanvasDraft",
        "coalitions.Programme",
    ),
    erase=erase,
    datasets=(
        Dataset(
            key="coalition_roles",
            title=_("Roles in coalitions"),
            description=_("The coalitions you belong to, and your role in each."),
            export=_roles,
            fields=(
                Field("coalition", _("Coalition"), _("the coalition's title")),
                Field("programme", _("Programme"), _("its programme")),
                Field(
                    "role",
                    _("Role"),
                    _("your role (code: lead, member, funder…)"),
                    choices=MemberRole,
                ),
                Field(
                    "on_behalf_of", _("On behalf of"), _("the organisation you represent, or empty")
                ),
                Field("joined_at", _("Joined"), _("when you joined (ISO 8601, UTC)")),
            ),
        ),
        Dataset(
            key="programme_teams",
            title=_("Programme teams"),
            description=_("The programmes whose team you are part of."),
            export=_teams,
            fields=(Field("programme", _("Programme"), _("the programme's name")),),
        ),
        Dataset(
            key="join_requests",
            title=_("Requests to join coalitions"),
            description=_("Your requests to join coalitions, with your message."),
            export=_join_requests,
            fields=(
                Field("coalition", _("Coalition"), _("the coalition's title")),
                Field(
                    "on_behalf_of", _("On behalf of"), _("the organisation you asked for, or empty")
                ),
                Field("message", _("Message"), _("your message to the leads")),
                Field(
                    "status",
                    _("Status"),
                    _("pending, accepted, declined or withdrawn"),
                    choices=JoinRequestStatus,
                ),
                Field("created_at", _("Created"), _("when you asked (ISO 8601, UTC)")),
                Field("decided_at", _("Decided"), _("when it was answered (ISO 8601, UTC)")),
            ),
        ),
        Dataset(
            key="canvas_changes",
            title=_("Your changes to coalition canvases"),
            description=_(
                "Every canvas field you changed. These stay in the coalition's history if you "
                "erase your account, under an anonymous label."
            ),
            export=_changes,
            display=_changes_in_words,
            fields=(
                Field("coalition", _("Coalition"), _("the coalition's title")),
                Field(
                    "revision", _("Revision"), _("the revision number in the coalition's history")
                ),
                Field("field", _("Field"), _("the canvas field (code)")),
                Field("at", _("When"), _("when (ISO 8601, UTC)")),
                Field("value", _("Value"), _("the value you wrote")),
            ),
        ),
        Dataset(
            key="canvas_drafts",
            title=_("Your unsaved canvas drafts"),
            description=_(
                "What you typed in a coalition's canvas editor and have not saved yet; only you "
                "see it."
            ),
            export=_drafts,
            fields=(
                Field("coalition", _("Coalition"), _("the coalition's title")),
                Field("kept_at", _("Kept at"), _("when you last typed in it (ISO 8601, UTC)")),
                Field(
                    "fields",
                    _("Fields as typed"),
                    _("the editor's fields by name, as typed"),
                    choices=_draft_in_words,
                ),
            ),
        ),
    ),
)

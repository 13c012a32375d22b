"""What the assembly holds about a person: the lines of voter rolls they cast, the proxies
given and held, and the votes they cast. A secret ballot's choice is never exported: it is
not stored with anyone's name. Erased with the account: the minutes keep the member's line,
its attendance and its vote on open ballots, under a name that no longer says who."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alliage.core.models import User
from alliage.core.personal_data import Dataset, Field, PersonalData

from .models import Attendance, OpenVote, Participation, Proxy, Voter


def _rights(user: User) -> Iterator[dict[str, Any]]:
    for v in Voter.objects.filter(person__user=user).select_related("assembly__event"):
        yield {
            "assembly": v.assembly.event.title,
            "member": v.name,
            "votes": v.weight,
            "attendance": v.attendance,
            "checked_in_at": v.checked_in_at,
            "left_at": v.left_at,
        }


def _proxies(user: User) -> Iterator[dict[str, Any]]:
    proxies = Proxy.objects.filter(Q(giver__person__user=user) | Q(holder__person__user=user))
    for p in proxies.select_related("assembly__event", "giver", "holder").order_by("pk"):
        yield {
            "assembly": p.assembly.event.title,
            "given_by": p.giver.name,
            "held_by": p.holder.name,
            "given_at": p.given_at,
            "revoked_at": p.revoked_at,
        }


def _votes(user: User) -> Iterator[dict[str, Any]]:
    cast = Participation.objects.filter(cast_by__user=user).select_related(
        "motion__assembly__event", "voter"
    )
    for p in cast.order_by("pk"):
        if p.motion.secret:
            choice = gettext("secret ballot: not kept with anyone's name")
        else:
            labels = OpenVote.objects.filter(motion=p.motion, voter=p.voter).values_list(
                "option__label", flat=True
            )
            choice = ", ".join(labels)
        yield {
            "assembly": p.motion.assembly.event.title,
            "motion": p.motion.title,
            "for": p.voter.name,
            "choice": choice,
        }


def erase(user: User) -> None:
    """A person's own lines of the roll lose the name; an organisation's line stays the
    organisation's, without its designated voter. Who cast which participation is
    forgotten."""
    Voter.objects.filter(person__user=user, organisation__isnull=True).update(
        name=gettext("Erased member"), person=None, membership=None
    )
    Voter.objects.filter(person__user=user).update(person=None)
    Participation.objects.filter(cast_by__user=user).update(cast_by=None)


PERSONAL_DATA = PersonalData(
    app_label="assembly",
    title=_("General assemblies"),
    purpose=_(
        "To hold the programme's general assemblies: the voter roll, attendance, proxies and votes."
    ),
    retention=_(
        "Kept with the minutes of the assembly, as long as your account exists; erased with it "
        "(the minutes then keep an anonymous line)."
    ),
    recipients=_(
        "The voters of the same assembly and the programme team see the roll, attendance and "
        "proxies; the votes of an open ballot appear in the minutes; a secret ballot's choice "
        "is kept by nobody."
    ),
    models=("assembly.Voter", "assembly.Participation"),
    erase=erase,
    datasets=(
        Dataset(
            key="voting_rights",
            title=_("Voting rights"),
            description=_("The lines of assembly rolls you vote for."),
            export=_rights,
            fields=(
                Field("assembly", _("Assembly"), _("the assembly's event")),
                Field(
                    "member", _("Member"), _("the member you vote for: yourself or an organisation")
                ),
                Field("votes", _("Votes"), _("how many votes it weighs")),
                Field(
                    "attendance",
                    _("Attendance"),
                    _("absent, present in person or online"),
                    choices=Attendance,
                ),
                Field("checked_in_at", _("Checked in"), _("when you checked in")),
                Field("left_at", _("Left"), _("when you left")),
            ),
        ),
        Dataset(
            key="proxies",
            title=_("Proxies"),
            description=_("The proxies you gave or held."),
            export=_proxies,
            fields=(
                Field("assembly", _("Assembly"), _("the assembly's event")),
                Field("given_by", _("Given by"), _("the member who gave it")),
                Field("held_by", _("Held by"), _("the member who held it")),
                Field("given_at", _("Given"), _("when it was given")),
                Field("revoked_at", _("Revoked"), _("when it was revoked, if it was")),
            ),
        ),
        Dataset(
            key="votes",
            title=_("Votes cast"),
            description=_("The votes you cast; a secret ballot's choice is not kept."),
            export=_votes,
            fields=(
                Field("assembly", _("Assembly"), _("the assembly's event")),
                Field("motion", _("Motion"), _("the motion voted")),
                Field("for", _("For"), _("the member whose vote it was")),
                Field("choice", _("Choice"), _("what was chosen, on an open ballot")),
            ),
        ),
    ),
)

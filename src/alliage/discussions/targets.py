"""What may be discussed, in which threads, and who reads, writes and moderates each.

A target is a model ("coalitions.coalition"); each has its channels (a coalition has a public
thread and a members' thread). Every rule about a thread is read here, by the predicates (one
object), the selectors (the people told of a comment) and the templates (what a section says
about its audience), so that the rule is written once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from alliage.calls.models import Submission
from alliage.coalitions.models import Coalition, MemberRole
from alliage.commons.models import Publication
from alliage.evaluation.models import Assessment

if TYPE_CHECKING:
    from alliage.core.models import User

Check = Callable[["User", Any], bool]
Circle = Callable[[Any], models.QuerySet[Any]]


@dataclass(frozen=True)
class Channel:
    """One thread of a target.

    ``read``: who reads it (and so may be told of it); ``write``: who posts in it (a reader
    signed in, unless said otherwise); ``moderate``: who may remove anyone's comment in it;
    ``circle``: the users told of every new comment besides those who wrote in the thread
    (the members of a members' thread, the authors of a publication); ``programme_id``: the
    programme whose team moderates it; ``audience``: the line that says who reads it, under
    its title."""

    key: str
    title: str | Promise
    audience: str | Promise
    read: Check
    moderate: Check
    circle: Circle
    programme_id: Callable[[Any], int | None]
    write: Check | None = None

    def may_write(self, user: User, obj: Any) -> bool:
        if not user.is_authenticated or not self.read(user, obj):
            return False
        return self.write(user, obj) if self.write is not None else True


def _perm(name: str, of: Callable[[Any], Any] = lambda obj: obj) -> Check:
    return lambda user, obj: user.has_perm(name, of(obj))


def _members(coalition: Coalition, *, leads: bool = False) -> models.QuerySet[Any]:
    from alliage.core.models import User

    lookup: dict[str, Any] = {"person__coalition_roles__coalition": coalition}
    if leads:
        lookup["person__coalition_roles__role"] = MemberRole.LEAD
    return User.objects.filter(is_active=True, **lookup)


def _submitters(submission: Submission) -> models.QuerySet[Any]:
    from alliage.core.models import User

    return User.objects.filter(is_active=True, pk=submission.person.user_id)


def _authors(publication: Publication) -> models.QuerySet[Any]:
    from alliage.core.models import User

    return User.objects.filter(is_active=True, person__publications=publication)


def _programme_team(of: Callable[[Any], Any]) -> Check:
    return lambda user, obj: user.has_perm("coalitions.edit_programme", of(obj).programme)


def _submission_reader(user: User, submission: Submission) -> bool:
    """A proposal's thread is between its authors and the programme team: the reviewers,
    who read it blind, are not in it."""
    if not user.is_authenticated:
        return False
    return submission.person.user_id == user.pk or user.has_perm(
        "calls.manage_call", submission.call
    )


def _assessment_reader(user: User, assessment: Assessment) -> bool:
    """The two sides of the Facteur 4 dialogue: the coalition (its members) and those who
    accompany it (accompaniers, the programme team)."""
    coalition = assessment.coalition
    return user.has_perm("evaluation.view_private_evaluation", coalition) or user.has_perm(
        "evaluation.assess_accompanier", coalition
    )


TARGETS: dict[str, tuple[Channel, ...]] = {
    "coalitions.coalition": (
        Channel(
            key="public",
            title=_("Public discussion"),
            audience=_("Everyone who sees the coalition reads this discussion."),
            read=_perm("coalitions.see_coalition"),
            moderate=_perm("coalitions.edit_coalition"),
            circle=lambda coalition: _members(coalition, leads=True),
            programme_id=lambda coalition: coalition.programme_id,
        ),
        Channel(
            key="members",
            title=_("Members' discussion"),
            audience=_("Only the coalition's members and the programme team read this discussion."),
            read=_perm("coalitions.view_members_section"),
            moderate=_programme_team(lambda coalition: coalition),
            circle=_members,
            programme_id=lambda coalition: coalition.programme_id,
        ),
    ),
    "calls.submission": (
        Channel(
            key="private",
            title=_("Discussion with the programme team"),
            audience=_("Only the proposal's author and the programme team read this discussion."),
            read=_submission_reader,
            moderate=_perm("calls.manage_call", lambda submission: submission.call),
            circle=_submitters,
            programme_id=lambda submission: submission.call.programme_id,
        ),
    ),
    "commons.publication": (
        Channel(
            key="public",
            title=_("Discussion"),
            audience=_("Everyone who sees the publication reads this discussion."),
            read=_perm("commons.see_publication"),
            moderate=_perm("commons.edit_publication"),
            circle=_authors,
            programme_id=lambda publication: publication.programme_id,
        ),
    ),
    "evaluation.assessment": (
        Channel(
            key="dialogue",
            title=_("Dialogue on this assessment"),
            audience=_(
                "The coalition's members, its accompaniers and the programme team read this "
                "dialogue."
            ),
            read=_assessment_reader,
            moderate=_programme_team(lambda assessment: assessment.coalition),
            circle=lambda assessment: _members(assessment.coalition, leads=True),
            programme_id=lambda assessment: assessment.coalition.programme_id,
        ),
    ),
}


def key_of(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def channel_of(obj: models.Model, channel: str) -> Channel | None:
    """The channel ``channel`` of ``obj``'s model, or None if it has no such thread."""
    for candidate in TARGETS.get(key_of(obj), ()):
        if candidate.key == channel:
            return candidate
    return None


def model_of(key: str) -> type[models.Model] | None:
    if key not in TARGETS:
        return None
    from django.apps import apps

    return apps.get_model(key)

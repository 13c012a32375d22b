"""Starting a coalition from a convergence of a call's proposals; taking an erased person out
of the index."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from alliage.actors.models import Person
from alliage.actors.services import person_ensure
from alliage.calls.models import Call, Submission, SubmissionStatus
from alliage.coalitions.models import Coalition, CoalitionMember, CoalitionStatus, MemberRole
from alliage.coalitions.services import coalition_slug
from alliage.core.errors import BusinessError
from alliage.core.models import User
from alliage.core.services import audit_record, permission_require

from . import documents
from .audit import AuditAction


@transaction.atomic
def coalition_from_convergence(
    *, call: Call, submission_ids: Sequence[int], title: str, by: User
) -> Coalition:
    """The programme team turns convergent proposals into one coalition: an unpublished idea
    whose first members are the proposals' authors (with their organisations), and the team
    member who starts it as lead, to convene them. The authors answered a call made to form
    coalitions; they can leave it, and nothing is public until the coalition is published."""
    permission_require(by, "matching.start_coalition", call)
    submissions = list(
        Submission.objects.filter(
            call=call, pk__in=submission_ids, status=SubmissionStatus.SUBMITTED
        ).select_related("person", "organisation")
    )
    if len(submissions) < 2 or len(submissions) != len(set(submission_ids)):
        raise BusinessError(_("Choose at least two submitted proposals of this call."))
    title = title.strip()[:200] or submissions[0].title
    coalition = Coalition.objects.create(
        programme=call.programme,
        slug=coalition_slug(title),
        title=title,
        summary=_("Born from convergent proposals to “%(call)s”.") % {"call": call.title},
        diagnostic="\n\n".join(f"**{s.title}**: {s.summary}" for s in submissions),
        status=CoalitionStatus.IDEA,
        is_published=False,
    )
    lead = person_ensure(user=by)
    CoalitionMember.objects.create(coalition=coalition, person=lead, role=MemberRole.LEAD)
    seen = {lead.pk}
    for submission in submissions:
        if submission.person_id in seen:
            continue
        seen.add(submission.person_id)
        CoalitionMember.objects.create(
            coalition=coalition,
            person=submission.person,
            organisation=submission.organisation,
            role=MemberRole.MEMBER,
        )
    audit_record(
        action=AuditAction.COALITION_FROM_CONVERGENCE,
        by=by,
        target=coalition,
        call=call.slug,
        submissions=sorted(s.pk for s in submissions),
    )
    return coalition


def person_index_erase(*, person: Person) -> None:
    """An erased person leaves the index as soon as the erasure commits, with nothing left of
    them: their row, its terms, surface words and n-grams, and the statistics they counted in
    (``store.index_purge``: a new snapshot without them, their delta rows and the older
    snapshots deleted), rather than the tombstone an ordinary update leaves until the next
    compaction. The purge is a task like every index write (the worker's, in production);
    until it runs, the suggestions are filtered against the database, where they are gone.
    A failure after the commit is logged, not raised: the erasure stands, and the next
    compaction or rebuild takes them out anyway (they no longer qualify)."""
    from .tasks import index_purge_task

    key = documents.key_of(person)
    transaction.on_commit(lambda: index_purge_task.enqueue(keys=[key]), robust=True)

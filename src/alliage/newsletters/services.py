"""Writes of newsletters: writing a draft, a test copy to oneself, sending to the audience
through the task queue in batches, and the one-click unsubscribe that withdraws the consent."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alliage.actors.models import OrganisationKind
from alliage.core.errors import BusinessError
from alliage.core.services import (
    audit_record,
    model_validate,
    permission_require,
    task_enqueue_after_commit,
)
from alliage.selfdata.models import Purpose
from alliage.selfdata.services import consent_set

from .audit import AuditAction
from .email import newsletter_message
from .models import Delivery, Newsletter, NewsletterStatus
from .selectors import deliveries_pending, newsletter_audience

if TYPE_CHECKING:
    from alliage.coalitions.models import Programme
    from alliage.core.models import User

logger = logging.getLogger(__name__)


def batch_size() -> int:
    return max(1, int(getattr(settings, "ALLIAGE_NEWSLETTER_BATCH", 200)))


def _kinds(organisation_kinds: Iterable[str]) -> list[str]:
    kinds = sorted(set(organisation_kinds))
    if any(kind not in OrganisationKind.values for kind in kinds):
        raise BusinessError(_("Unknown kind of organisation."), field="organisation_kinds")
    return kinds


@transaction.atomic
def newsletter_create(
    *,
    by: User,
    programme: Programme,
    subject: str,
    body: str,
    followers_only: bool = False,
    adherents_only: bool = False,
    organisation_kinds: Iterable[str] = (),
    content_language: str | None = None,
) -> Newsletter:
    """A new draft of ``programme``'s newsletter; only the programme's team writes it."""
    permission_require(by, "newsletters.write_newsletter", programme)
    newsletter = Newsletter(
        programme=programme,
        subject=subject.strip(),
        body=body,
        followers_only=followers_only,
        adherents_only=adherents_only,
        organisation_kinds=_kinds(organisation_kinds),
        content_language=content_language or "fr",
        created_by=by,
    )
    model_validate(newsletter, exclude=("created_by",))
    newsletter.save()
    audit_record(action=AuditAction.NEWSLETTER_WRITTEN, by=by, target=newsletter)
    return newsletter


@transaction.atomic
def newsletter_update(
    *,
    by: User,
    newsletter: Newsletter,
    subject: str,
    body: str,
    followers_only: bool,
    adherents_only: bool,
    organisation_kinds: Iterable[str],
    content_language: str | None = None,
) -> Newsletter:
    """Change a draft: its text and its audience. Once sending has begun, it stays as it
    went out."""
    newsletter = (
        Newsletter.objects.select_for_update().select_related("programme").get(pk=newsletter.pk)
    )
    permission_require(
        by, "newsletters.change_draft", newsletter, _("Only a draft newsletter may be changed.")
    )
    newsletter.subject = subject.strip()
    newsletter.body = body
    newsletter.followers_only = followers_only
    newsletter.adherents_only = adherents_only
    newsletter.organisation_kinds = _kinds(organisation_kinds)
    newsletter.content_language = content_language or newsletter.content_language
    model_validate(newsletter, exclude=("created_by",))
    newsletter.save()
    audit_record(action=AuditAction.NEWSLETTER_WRITTEN, by=by, target=newsletter)
    return newsletter


@transaction.atomic
def newsletter_test_send(*, by: User, newsletter: Newsletter) -> None:
    """A copy to the team member who asks, and to nobody else, its subject marked as a test:
    to read it as the recipients will before sending it."""
    permission_require(by, "newsletters.manage_newsletter", newsletter)
    if not by.email:
        raise BusinessError(_("Your account has no e-mail address."))
    from .tasks import newsletter_send_test

    audit_record(action=AuditAction.NEWSLETTER_TEST_SENT, by=by, target=newsletter)
    task_enqueue_after_commit(newsletter_send_test, newsletter_id=newsletter.pk, user_id=by.pk)


def newsletter_test_deliver(*, newsletter_id: int, user_id: int) -> bool:
    """Send the test copy (the task's work)."""
    newsletter = Newsletter.objects.select_related("programme").filter(pk=newsletter_id).first()
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if newsletter is None or user is None or not user.email:
        return False
    message = newsletter_message(newsletter=newsletter, user=user, test=True)
    return get_connection().send_messages([message]) == 1


@transaction.atomic
def newsletter_send(*, by: User, newsletter: Newsletter) -> int:
    """Send a draft to its audience: it becomes "being sent" at once (no second sending, no
    more changes) and the task queue sends it in batches. Refused when nobody would receive
    it. Returns how many people it is meant for now."""
    newsletter = (
        Newsletter.objects.select_for_update().select_related("programme").get(pk=newsletter.pk)
    )
    permission_require(
        by, "newsletters.send_newsletter", newsletter, _("This newsletter is already sent.")
    )
    count = newsletter_audience(newsletter=newsletter).count()
    if count == 0:
        raise BusinessError(_("Nobody would receive this newsletter: widen its audience."))
    newsletter.status = NewsletterStatus.SENDING
    newsletter.recipients_count = count
    newsletter.save(update_fields=["status", "recipients_count", "updated_at"])
    audit_record(action=AuditAction.NEWSLETTER_SENT, by=by, target=newsletter, recipients=count)
    from .tasks import newsletter_deliver

    task_enqueue_after_commit(newsletter_deliver, newsletter_id=newsletter.pk)
    return count


def _deliveries_make(newsletter: Newsletter) -> None:
    """One delivery per person of the audience; those already made are kept as they are."""
    ids = newsletter_audience(newsletter=newsletter).values_list("pk", flat=True)
    chunk: list[Delivery] = []
    for user_id in ids.iterator(chunk_size=2000):
        chunk.append(Delivery(newsletter=newsletter, user_id=user_id))
        if len(chunk) >= 2000:
            Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
            chunk = []
    if chunk:
        Delivery.objects.bulk_create(chunk, ignore_conflicts=True)


def _batch_send(newsletter: Newsletter, size: int) -> int | None:
    """Claim, send and mark one batch of pending deliveries; None when none is left. The
    batch's rows stay locked until it is marked, so that two workers never send one copy."""
    with transaction.atomic():
        batch = list(
            deliveries_pending(newsletter_id=newsletter.pk)
            .select_related("user")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("pk")[:size]
        )
        if not batch:
            return None
        gone = [d.pk for d in batch if not d.user.is_active or not d.user.email]
        going = [d for d in batch if d.pk not in gone]
        messages = [newsletter_message(newsletter=newsletter, user=d.user) for d in going]
        if messages:
            get_connection().send_messages(messages)
        Delivery.objects.filter(pk__in=gone).delete()
        Delivery.objects.filter(pk__in=[d.pk for d in going]).update(sent_at=timezone.now())
        # The newsletter's heartbeat: a sending without progress is resumed by the sweep.
        Newsletter.objects.filter(pk=newsletter.pk).update(updated_at=timezone.now())
        return len(going)


def newsletter_deliver(*, newsletter_id: int) -> int:
    """The sending (the task's work): make the deliveries, then send them in batches of
    ALLIAGE_NEWSLETTER_BATCH through the configured e-mail backend, each batch in one
    connection. Run twice, or again after a worker died, it sends only what is not marked
    sent; a newsletter already sent is left alone. Returns how many copies this run sent."""
    newsletter = Newsletter.objects.select_related("programme").filter(pk=newsletter_id).first()
    if newsletter is None or newsletter.status != NewsletterStatus.SENDING:
        return 0
    _deliveries_make(newsletter)
    sent, size = 0, batch_size()
    while (count := _batch_send(newsletter, size)) is not None:
        sent += count
    with transaction.atomic():
        if deliveries_pending(newsletter_id=newsletter.pk).exists():
            return sent  # another worker holds a batch; it finishes the sending
        Newsletter.objects.filter(pk=newsletter.pk, status=NewsletterStatus.SENDING).update(
            status=NewsletterStatus.SENT,
            sent_at=timezone.now(),
            recipients_count=Delivery.objects.filter(
                newsletter=newsletter, sent_at__isnull=False
            ).count(),
        )
    logger.info("Newsletter %s: %s copies sent", newsletter.pk, sent)
    return sent


def newsletters_resume(*, now: dt.datetime | None = None) -> int:
    """What a failed or lost sending leaves behind: a newsletter still "being sent" with no
    batch out for ALLIAGE_NEWSLETTER_STALE_MINUTES (default 15) is queued again, and
    the run sends only what is left. The worker's sweep, every minute; idempotent. Returns
    how many were queued again."""
    from .tasks import newsletter_deliver

    now = now or timezone.now()
    minutes = int(getattr(settings, "ALLIAGE_NEWSLETTER_STALE_MINUTES", 15))
    stale = Newsletter.objects.filter(
        status=NewsletterStatus.SENDING, updated_at__lt=now - dt.timedelta(minutes=minutes)
    )
    resumed = 0
    for pk in list(stale.values_list("pk", flat=True)):
        with transaction.atomic():
            # Claimed by its heartbeat (once, if two sweeps run at once): the next sweep
            # leaves it to this run.
            if stale.filter(pk=pk).update(updated_at=now):
                task_enqueue_after_commit(newsletter_deliver, newsletter_id=pk)
                resumed += 1
    return resumed


@transaction.atomic
def newsletter_unsubscribe(*, user: User, newsletter_id: int | None = None) -> bool:
    """One-click unsubscribe: the person's newsletter consent is withdrawn, with a receipt
    they find on their consents page. True when it was in force."""
    receipt = consent_set(user=user, by=user, purpose=Purpose.NEWSLETTER, granted=False)
    audit_record(
        action=AuditAction.NEWSLETTER_UNSUBSCRIBED,
        by=user,
        target=user,
        newsletter=newsletter_id,
    )
    return receipt is not None

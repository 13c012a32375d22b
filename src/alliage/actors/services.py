"""Writes on actors: sign-up creates the account and the person together; the consent flags
change only here; people write to each other without seeing each other's address."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import User
from alliage.core.services import audit_record, permission_require, task_enqueue_after_commit

from . import selectors, tasks
from .audit import AuditAction
from .models import ContactMessage, Organisation, Person, Tag

# The flags that mirror a consent: selfdata records the receipt, then sets the flag here.
CONSENT_FLAGS = frozenset({"is_listed", "is_suggestable", "is_contactable"})


def tags_from_names(names: Iterable[str]) -> list[Tag]:
    """Tags are normalised to lower case and created on first use."""
    tags = []
    for raw in names:
        name = " ".join(raw.split()).lower()[:60]
        if name:
            tags.append(Tag.objects.get_or_create(name=name)[0])
    return tags


@transaction.atomic
def person_register(*, email: str, password: str | None, first_name: str, last_name: str) -> Person:
    """Create an account and its person; nothing is kept if either fails. Consents are opt-in:
    a new person is out of the directory, the suggestions and the contact form until they
    agree on their consents page."""
    user = User.objects.create_user(email=email, password=password)
    person = Person.objects.create(
        user=user,
        first_name=first_name,
        last_name=last_name,
        is_listed=False,
        is_suggestable=False,
        is_contactable=False,
    )
    audit_record(action=AuditAction.ACCOUNT_CREATED, by=user, target=user)
    return person


def person_ensure(*, user: User) -> Person:
    """Every account acts through a person; accounts made outside sign-up (``createsuperuser``,
    the admin) get one when they first act, unlisted and named from their e-mail address
    until they edit their profile."""
    person, _created = Person.objects.get_or_create(
        user=user, defaults=selectors.person_new_defaults(user=user)
    )
    return person


def acting_person(*, user: User, organisation: Organisation | None) -> Person:
    """The user's person, acting in their own name or for one of their own organisations;
    anything else is refused."""
    person = person_ensure(user=user)
    if (
        organisation is not None
        and not person.affiliations.filter(organisation=organisation).exists()
    ):
        raise BusinessError(
            _("You can only act on behalf of your own organisations."), field="organisation"
        )
    return person


@transaction.atomic
def person_update(*, person: Person, by: User, tags: Iterable[str], **fields: object) -> Person:
    """Update one's own profile and who sees each field; only the person themselves may do
    it. The consent flags are not profile fields: they follow the consents page."""
    if person.user_id != by.pk:
        raise PermissionRefused(_("You can only edit your own profile."))
    if CONSENT_FLAGS & set(fields):
        raise BusinessError(_("Change this on your consents page."))
    for name, value in fields.items():
        setattr(person, name, value)
    person.full_clean()
    person.save()
    person.tags.set(tags_from_names(tags))
    return person


@transaction.atomic
def person_set_consent_flags(*, person: Person, by: User | None, **flags: bool) -> Person:
    """Set the flags that mirror consents (listed, suggestable, contactable). Only the person
    may change theirs; ``by`` is None when the system does it (erasure, initial receipts).
    The save names its fields, so that whatever reacts to a person's save (the matching
    index) sees the change at once."""
    if by is not None and person.user_id != by.pk:
        raise PermissionRefused(_("Only the person concerned may change their consents."))
    unknown = set(flags) - CONSENT_FLAGS
    if unknown:
        raise ValueError(f"Not consent flags: {sorted(unknown)}")
    locked = Person.objects.select_for_update().get(pk=person.pk)
    changed = [name for name, value in flags.items() if getattr(locked, name) != value]
    for name in changed:
        setattr(locked, name, flags[name])
        setattr(person, name, flags[name])
    if changed:
        locked.save(update_fields=[*changed, "updated_at"])
    return locked


def contact_daily_limit() -> int:
    return int(getattr(settings, "ALLIAGE_CONTACT_DAILY_LIMIT", 5))


@transaction.atomic
def contact_send(*, recipient: Person, by: User, message: str) -> ContactMessage:
    """Write to a person who agreed to be contacted. Alliage e-mails them the message with the
    sender's address to reply to; the recipient's address is never shown. A sender may write
    a limited number of messages a day (ALLIAGE_CONTACT_DAILY_LIMIT), against spam."""
    permission_require(
        by, "actors.contact_person", recipient, _("This person does not accept messages.")
    )
    message = message.strip()
    if not message:
        raise BusinessError(_("Write a message."), field="message")
    sender = person_ensure(user=by)
    # Locking the sender serialises their messages, so that the limit holds under concurrency.
    Person.objects.select_for_update().filter(pk=sender.pk).first()
    limit = contact_daily_limit()
    since = timezone.now() - dt.timedelta(days=1)
    if ContactMessage.objects.filter(sender=sender, created_at__gte=since).count() >= limit:
        raise BusinessError(
            ngettext(
                "You have sent %(limit)s message in the last 24 hours, the most allowed: "
                "try again tomorrow.",
                "You have sent %(limit)s messages in the last 24 hours, the most allowed: "
                "try again tomorrow.",
                limit,
            )
            % {"limit": limit}
        )
    contact = ContactMessage.objects.create(sender=sender, recipient=recipient, body=message)
    task_enqueue_after_commit(tasks.contact_deliver, message_id=contact.pk)
    return contact

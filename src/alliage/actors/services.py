"""Writes on actors: sign-up creates the account and the person together."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import User
from alliage.core.services import audit_record

from .models import Organisation, Person, Tag


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
    """Create an account and its person; nothing is kept if either fails."""
    user = User.objects.create_user(email=email, password=password)
    person = Person.objects.create(user=user, first_name=first_name, last_name=last_name)
    audit_record(action="account.created", by=user, target=user)
    return person


def person_ensure(*, user: User) -> Person:
    """Every account acts through a person; accounts made outside sign-up (``createsuperuser``,
    the admin) get one when they first act, unlisted and named from their e-mail address
    until they edit their profile."""
    person, _created = Person.objects.get_or_create(
        user=user,
        defaults={
            "first_name": user.email.split("@")[0][:80],
            "last_name": "",
            # Nobody chose to appear: stay out of the directory and suggestions until they do.
            "is_listed": False,
            "is_suggestable": False,
        },
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
    """Update one's own profile; only the person themselves may do it."""
    if person.user_id != by.pk:
        raise PermissionRefused(_("You can only edit your own profile."))
    for name, value in fields.items():
        setattr(person, name, value)
    person.full_clean()
    person.save()
    person.tags.set(tags_from_names(tags))
    return person

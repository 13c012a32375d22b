"""Writes on accounts: a sign-up answers the same whether or not the address has an account,
and an account signed up on the site acts once its address is confirmed."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction

from alliage.actors.services import person_ensure, person_register
from alliage.core.models import User
from alliage.core.services import audit_record, model_update, task_enqueue_after_commit

from . import tasks
from .audit import AuditAction


@transaction.atomic
def signup_request(
    *, email: str, password: str, first_name: str, last_name: str, language: str
) -> None:
    """Sign up with an address, which an e-mail to it must confirm; nothing in the answer
    says whether the address has an account (the e-mail does, to its owner).

    - A new address: the account and its person are created, unconfirmed, and the address
      gets a confirmation link.
    - An account still unconfirmed: it holds nothing and cannot act, so the latest sign-up
      replaces its password and names and gets a new link (the older links stop working).
      Whoever owns the mailbox decides which sign-up becomes the account.
    - A confirmed account: unchanged; its owner is told someone tried, and how to log in or
      reset the password.

    The password is hashed in every case, so the answer takes as long either way."""
    email = email.strip().lower()
    user = User.objects.select_for_update().filter(email__iexact=email).first()
    if user is None:
        try:
            with transaction.atomic():
                person = person_register(
                    email=email,
                    password=password,
                    first_name=first_name,
                    last_name=last_name,
                    email_confirmed=False,
                    language=language,
                )
        except IntegrityError:  # the same address signed up at the same instant: one wins
            return
        task_enqueue_after_commit(tasks.signup_confirmation_send, user_id=person.user.pk)
        return
    if not user.email_confirmed:
        user.set_password(password)
        user.language = language
        user.save(update_fields=["password", "language"])
        model_update(
            instance=person_ensure(user=user),
            data={"first_name": first_name, "last_name": last_name},
        )
        task_enqueue_after_commit(tasks.signup_confirmation_send, user_id=user.pk)
        return
    make_password(password)
    audit_record(action=AuditAction.SIGNUP_REPEATED, by=None, target=user)
    task_enqueue_after_commit(tasks.signup_existing_notify, user_id=user.pk)


@transaction.atomic
def address_confirm(*, user: User) -> User:
    """The owner of the address followed a link sent to it (a sign-up confirmation or a
    password reset): the account may now log in and act."""
    locked = User.objects.select_for_update().get(pk=user.pk)
    if not locked.email_confirmed:
        locked.email_confirmed = True
        locked.save(update_fields=["email_confirmed"])
        audit_record(action=AuditAction.ADDRESS_CONFIRMED, by=locked, target=locked)
    user.email_confirmed = True
    return locked

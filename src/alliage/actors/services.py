"""Writes on actors: sign-up creates the account and the person together; the consent flags
change only here; people write to each other without seeing each other's address."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import User
from alliage.core.services import (
    audit_record,
    model_update,
    model_validate,
    permission_require,
    task_enqueue_after_commit,
)
from alliage.core.slugs import slug_unique
from alliage.notifications.services import notification_send

from . import selectors, tasks
from .audit import AuditAction
from .models import (
    Affiliation,
    AffiliationRequest,
    AffiliationRequestStatus,
    ContactMessage,
    Membership,
    MembershipStatus,
    Organisation,
    OrganisationKind,
    Payment,
    Person,
    Tag,
    Tier,
)

# What the applicant hears of the team's answer (kinds registered in hooks.py).
MEMBERSHIP_ACCEPTED = "membership.accepted"
MEMBERSHIP_DECLINED = "membership.declined"

# ``membership_save`` leaves the representative as it is unless it is given.
KEEP = object()

# A payment above this is a typing error (no tier costs a hundred thousand euros a year).
PAYMENT_MAX = Decimal("100000")

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


def tags_prune(*, tags: Iterable[Tag]) -> int:
    """Delete those of these tags that no person and no organisation uses any more: a tag is
    someone's words (perhaps shown to no one), not a shared vocabulary to keep after them.
    Returns how many went."""
    deleted, _by_model = (
        Tag.objects.filter(pk__in=[t.pk for t in tags], people=None, organisations=None)
        .distinct()
        .delete()
    )
    return deleted


@transaction.atomic
def person_register(
    *,
    email: str,
    password: str | None,
    first_name: str,
    last_name: str,
    email_confirmed: bool = True,
    language: str | None = None,
) -> Person:
    """Create an account and its person; nothing is kept if either fails. Consents are opt-in:
    a new person is out of the directory, the suggestions and the contact form until they
    agree on their consents page. A sign-up on the site passes ``email_confirmed=False``: the
    account acts once its address is confirmed (``accounts.services``)."""
    extra = {"language": language} if language else {}
    user = User.objects.create_user(
        email=email, password=password, email_confirmed=email_confirmed, **extra
    )
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
    before = list(person.tags.all())
    person.tags.set(tags_from_names(tags))
    tags_prune(tags=before)
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


@transaction.atomic
def person_set_hidden(*, person: Person, hidden: bool) -> Person:
    """Moderation's lever on a profile: hidden, it leaves the directory, the suggestions and
    the contact form, whatever the person's consents (which stay as they chose); shown
    again, it follows their consents. Moderation checks who decides and tells the person."""
    locked = Person.objects.select_for_update().get(pk=person.pk)
    locked.hidden_by_moderation = person.hidden_by_moderation = hidden
    locked.save(update_fields=["hidden_by_moderation", "updated_at"])
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


# --- Organisations and people, by the team or by a person for themselves -----------------

ORGANISATION_FIELDS = (
    "name",
    "kind",
    "city",
    "website",
    "description",
    "content_language",
    "is_listed",
)
RESERVED_SLUGS = ("new",)


@transaction.atomic
def organisation_create(
    *,
    by: User,
    name: str,
    kind: str = OrganisationKind.OTHER,
    slug: str = "",
    role: str = "",
    affiliate: bool | None = None,
    **fields: object,
) -> Organisation:
    """Create an organisation. The team may create any (``affiliate`` False by default); a
    person creating their own becomes affiliated to it (with ``role``), so that they may act
    on its behalf at once (calls, coalitions)."""
    permission_require(by, "actors.create_organisation", None)
    is_team = by.has_perm("actors.manage_actors")
    if affiliate is None:
        affiliate = not is_team
    name = " ".join(name.split())
    if not name:
        raise BusinessError(_("Give the organisation a name."), field="name")
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ValueError(f"Not organisation fields: {sorted(unknown)}")
    if not is_team:
        fields.pop("is_listed", None)
    if Organisation.objects.filter(name__iexact=name).exists():
        raise BusinessError(
            _("An organisation with this name already exists: ask to join it instead."),
            field="name",
        )
    organisation = Organisation(name=name, kind=kind, **fields)
    organisation.slug = slug or slug_unique(
        Organisation.objects.all(), name, fallback="organisation", reserved=RESERVED_SLUGS
    )
    if slug and Organisation.objects.filter(slug=slug).exists():
        raise BusinessError(_("Another organisation already has this slug."), field="slug")
    model_validate(organisation)
    organisation.save()
    if affiliate:
        person = person_ensure(user=by)
        Affiliation.objects.create(person=person, organisation=organisation, role=role[:120])
    audit_record(action=AuditAction.ORGANISATION_CREATED, by=by, target=organisation, name=name)
    return organisation


@transaction.atomic
def organisation_update(*, organisation: Organisation, by: User, **fields: object) -> list[str]:
    """Change an organisation's fields (the team, or its own people: they may not take it out
    of the directory or put it back, which is the team's call); returns what changed."""
    permission_require(by, "actors.edit_organisation", organisation)
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise ValueError(f"Not organisation fields: {sorted(unknown)}")
    if not by.has_perm("actors.manage_actors"):
        fields.pop("is_listed", None)
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if "name" in fields:
        fields["name"] = " ".join(str(fields["name"]).split())
        if Organisation.objects.filter(name__iexact=fields["name"]).exclude(pk=locked.pk).exists():
            raise BusinessError(_("Another organisation already has this name."), field="name")
    probe = Organisation(**{**{f: getattr(locked, f) for f in ORGANISATION_FIELDS}, **fields})
    probe.slug = locked.slug
    model_validate(probe)
    changed = model_update(instance=locked, data=fields)
    if changed:
        audit_record(action=AuditAction.ORGANISATION_UPDATED, by=by, target=locked, fields=changed)
    for name in changed:
        setattr(organisation, name, getattr(locked, name))
    return changed


@transaction.atomic
def person_create(
    *,
    by: User,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation | None = None,
    role: str = "",
) -> Person:
    """The team creates a person (an account without a password, out of the directory until
    they sign in and give their consents), affiliated to ``organisation`` if given. The
    person sets a password through "forgotten password"."""
    permission_require(by, "actors.manage_actors", None)
    email = email.strip().lower()
    if not email:
        raise BusinessError(_("Enter an e-mail address."), field="email")
    try:
        EmailValidator()(email)
    except ValidationError as error:
        raise BusinessError(_("Enter a valid e-mail address."), field="email") from error
    if User.objects.filter(email__iexact=email).exists():
        raise BusinessError(_("An account already uses this e-mail address."), field="email")
    person = Person(
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        is_listed=False,
        is_suggestable=False,
        is_contactable=False,
    )
    model_validate(person, exclude=("user",))
    user = User.objects.create_user(email=email, password=None)
    person.user = user
    person.save()
    if organisation is not None:
        Affiliation.objects.create(person=person, organisation=organisation, role=role[:120])
    audit_record(action=AuditAction.PERSON_CREATED, by=by, target=person, email=email)
    return person


@transaction.atomic
def person_update_by_team(
    *, person: Person, by: User, first_name: str, last_name: str
) -> list[str]:
    """The team corrects a person's names (a typo, an import); what the person says of
    themselves, and who sees it, stays theirs (``person_update``)."""
    permission_require(by, "actors.manage_actors", None)
    locked = Person.objects.select_for_update().get(pk=person.pk)
    data = {"first_name": first_name.strip(), "last_name": last_name.strip()}
    probe = Person(**data)
    model_validate(probe, exclude=("user",))
    changed = model_update(instance=locked, data=data)
    if changed:
        audit_record(action=AuditAction.PERSON_UPDATED, by=by, target=locked, fields=changed)
    return changed


def affiliation_ensure(*, person: Person, organisation: Organisation, role: str = "") -> bool:
    """Affiliate the person to the organisation if they are not yet; True when created."""
    _affiliation, created = Affiliation.objects.get_or_create(
        person=person, organisation=organisation, defaults={"role": role[:120]}
    )
    return created


# --- Merging duplicates -----------------------------------------------------------------


@transaction.atomic
def actors_merge(
    *, keep: Organisation | Person, drop: Organisation | Person, by: User
) -> dict[str, int]:
    """Merge a duplicate into the row kept, in one transaction: every row of every app that
    points to the duplicate (affiliations, memberships, coalition memberships, submissions,
    registrations, authorships…) now points to the one kept; a row that would then be a
    duplicate itself (the same person affiliated twice, the same member twice) is dropped.
    The duplicate is deleted; a merged person's account is deactivated (it can no longer sign
    in as someone else). Returns how many rows moved and how many duplicates were dropped."""
    permission_require(by, "actors.manage_actors", None)
    model = type(keep)
    if type(drop) is not model or model not in (Organisation, Person):
        raise BusinessError(_("Only two organisations, or two people, can be merged."))
    if keep.pk == drop.pk:
        raise BusinessError(_("Choose two different records."), field="drop")
    keep = model.objects.select_for_update().get(pk=keep.pk)
    drop = model.objects.select_for_update().get(pk=drop.pk)
    moved = dropped = 0
    for rel in selectors.incoming_relations(model):
        manager = rel.related_model._base_manager
        for row in manager.filter(**{rel.field.name: drop}):
            try:
                with transaction.atomic():
                    manager.filter(pk=row.pk).update(**{rel.field.name: keep})
                moved += 1
            except IntegrityError:
                manager.filter(pk=row.pk).delete()
                dropped += 1
    summary = {"moved": moved, "dropped": dropped}
    label = str(drop)
    if model is Person:
        user = drop.user
        drop.delete()
        user.is_active = False
        user.save(update_fields=["is_active"])
        action = AuditAction.PEOPLE_MERGED
    else:
        drop.delete()
        action = AuditAction.ORGANISATIONS_MERGED
    audit_record(action=action, by=by, target=keep, merged=label, **summary)
    return summary


# --- Memberships (adhésions) -------------------------------------------------------------


@transaction.atomic
def membership_save(
    *,
    by: User,
    tier: Tier,
    starts_on: dt.date,
    ends_on: dt.date,
    organisation: Organisation | None = None,
    person: Person | None = None,
    membership: Membership | None = None,
    amount_due: Decimal | None = None,
    representative: Person | object | None = KEEP,
) -> Membership:
    """Create a membership, or change one (``membership``): held by an organisation or by a
    person, never both, for a period that ends after it starts. A new one is due the tier's
    yearly amount unless ``amount_due`` says otherwise.

    ``representative`` is the person who votes in the organisation's name: one of its own
    people, or None; a person's membership has none (the person votes). Left out (``KEEP``),
    a change keeps the one already chosen while they still belong to the holder."""
    permission_require(by, "actors.manage_actors", None)
    if amount_due is not None and amount_due < 0:
        raise BusinessError(_("The amount due cannot be negative."), field="amount_due")
    if (organisation is None) == (person is None):
        raise BusinessError(
            _("A membership is held by an organisation or by a person, not both."),
            field="organisation",
        )
    if ends_on < starts_on:
        raise BusinessError(_("The membership ends before it starts."), field="ends_on")
    data: dict[str, object] = {
        "organisation": organisation,
        "person": person,
        "tier": tier,
        "starts_on": starts_on,
        "ends_on": ends_on,
    }
    if amount_due is not None:
        data["amount_due"] = amount_due
    if representative is KEEP:
        kept = membership.representative if membership is not None else None
        if kept is not None and (
            organisation is None
            or not selectors.person_is_affiliated(person=kept, organisation=organisation)
        ):
            data["representative"] = None
    else:
        _representative_check(representative, organisation=organisation)  # type: ignore[arg-type]
        data["representative"] = representative
    if membership is None:
        data.setdefault("amount_due", tier.yearly_amount)
        membership = Membership(**data)
        model_validate(membership)
        membership.save()
        changed = list(data)
    else:
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        model_validate(Membership(**data))
        changed = model_update(instance=membership, data=data)
    if changed:
        audit_record(action=AuditAction.MEMBERSHIP_SAVED, by=by, target=membership, fields=changed)
    return membership


def _representative_check(
    representative: Person | None, *, organisation: Organisation | None
) -> None:
    if representative is None:
        return
    if organisation is None:
        raise BusinessError(
            _("A person's membership has no representative: the person votes."),
            field="representative",
        )
    if not selectors.person_is_affiliated(person=representative, organisation=organisation):
        raise BusinessError(
            _("The representative must be one of the organisation's people."),
            field="representative",
        )


@transaction.atomic
def membership_renew(*, membership: Membership, by: User) -> Membership:
    """A new membership of the same holder and tier, for as long as the last one, starting the
    day after it ends (or today, for one lapsed long ago), due the tier's current amount and
    voting through the same person."""
    permission_require(by, "actors.manage_actors", None)
    length = membership.ends_on - membership.starts_on
    starts_on = max(membership.ends_on + dt.timedelta(days=1), timezone.localdate())
    if Membership.objects.filter(
        organisation=membership.organisation,
        person=membership.person,
        ends_on__gte=starts_on,
        status__in=(MembershipStatus.ACCEPTED, MembershipStatus.APPLIED),
    ).exists():
        raise BusinessError(_("This membership has already been renewed."))
    renewed = Membership.objects.create(
        organisation=membership.organisation,
        person=membership.person,
        tier=membership.tier,
        starts_on=starts_on,
        ends_on=starts_on + length,
        amount_due=membership.tier.yearly_amount,
        renews=membership,
        representative=membership.representative,
    )
    audit_record(
        action=AuditAction.MEMBERSHIP_RENEWED, by=by, target=renewed, previous=membership.pk
    )
    return renewed


@transaction.atomic
def membership_decide(*, membership: Membership, accept: bool, by: User) -> Membership:
    """The team accepts or declines an application (a new one or a renewal); whoever applied
    is told, in their language."""
    permission_require(by, "actors.manage_actors", None)
    membership = Membership.objects.select_for_update().select_related("tier").get(pk=membership.pk)
    if membership.status != MembershipStatus.APPLIED:
        raise BusinessError(_("This application has already been answered."))
    membership.status = MembershipStatus.ACCEPTED if accept else MembershipStatus.DECLINED
    membership.decided_at = timezone.now()
    membership.save(update_fields=["status", "decided_at"])
    audit_record(
        action=AuditAction.MEMBERSHIP_ACCEPTED if accept else AuditAction.MEMBERSHIP_DECLINED,
        by=by,
        target=membership,
    )
    if membership.applied_by_id is not None:
        notification_send(
            kind=MEMBERSHIP_ACCEPTED if accept else MEMBERSHIP_DECLINED,
            recipients=[membership.applied_by],
            url="/me/",
            context={"tier": membership.tier.name, "holder": str(membership.holder)},
            by=by,
        )
    return membership


def _amount_paid_refresh(membership: Membership) -> None:
    total = membership.payments.aggregate(total=models.Sum("amount"))["total"] or Decimal(0)
    membership.amount_paid = total
    membership.save(update_fields=["amount_paid"])


@transaction.atomic
def payment_record(
    *,
    membership: Membership,
    paid_on: dt.date,
    amount: Decimal,
    method: str,
    reference: str = "",
    by: User,
) -> Payment:
    """The team records a payment; the membership's ``amount_paid`` follows in the same
    transaction."""
    permission_require(by, "actors.manage_actors", None)
    if amount <= 0:
        raise BusinessError(_("A payment is more than zero."), field="amount")
    if amount > PAYMENT_MAX:
        raise BusinessError(_("This amount is not plausible for a membership."), field="amount")
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    payment = Payment(
        membership=membership,
        paid_on=paid_on,
        amount=amount,
        method=method,
        reference=reference,
        recorded_by=by,
    )
    model_validate(payment)
    payment.save()
    _amount_paid_refresh(membership)
    audit_record(action=AuditAction.PAYMENT_RECORDED, by=by, target=membership, amount=str(amount))
    return payment


@transaction.atomic
def payment_remove(*, payment: Payment, by: User) -> Membership:
    """A payment recorded by mistake goes; the membership's ``amount_paid`` follows."""
    permission_require(by, "actors.manage_actors", None)
    membership = Membership.objects.select_for_update().get(pk=payment.membership_id)
    amount = payment.amount
    payment.delete()
    _amount_paid_refresh(membership)
    audit_record(action=AuditAction.PAYMENT_REMOVED, by=by, target=membership, amount=str(amount))
    return membership


# --- Membership tiers (formules) ----------------------------------------------------------

TIER_FIELDS = (
    "name",
    "yearly_amount",
    "holder",
    "benefits",
    "members_events",
    "interventions",
    "votes",
    "is_open",
    "position",
    "language",
)


@transaction.atomic
def tier_save(*, by: User, tier: Tier | None = None, code: str = "", **fields: object) -> Tier:
    """Create a tier (its ``code`` chosen then, for good: memberships, imports and the
    assembly's roll name it) or change one's other fields. What a membership already owes
    does not follow a new yearly amount: the amount due is the membership's own."""
    permission_require(by, "actors.manage_actors", None)
    unknown = set(fields) - set(TIER_FIELDS)
    if unknown:
        raise ValueError(f"Not tier fields: {sorted(unknown)}")
    if "name" in fields:
        fields["name"] = " ".join(str(fields["name"]).split())
    if tier is None:
        code = code.strip()
        if not code:
            raise BusinessError(_("Give the tier a code."), field="code")
        if code in RESERVED_SLUGS:
            raise BusinessError(_("This code is reserved: choose another."), field="code")
        created = Tier(code=code, **fields)
        model_validate(created)
        if Tier.objects.filter(code=code).exists():
            raise BusinessError(_("Another tier already has this code."), field="code")
        created.save(force_insert=True)
        audit_record(action=AuditAction.TIER_CREATED, by=by, target=created, name=created.name)
        return created
    locked = Tier.objects.select_for_update().get(pk=tier.pk)
    probe = Tier(code=locked.code, **{**{f: getattr(locked, f) for f in TIER_FIELDS}, **fields})
    model_validate(probe)
    changed = model_update(instance=locked, data=fields)
    if changed:
        audit_record(action=AuditAction.TIER_UPDATED, by=by, target=locked, fields=changed)
    return locked


@transaction.atomic
def tier_delete(*, tier: Tier, by: User) -> None:
    """Delete a tier no membership uses. One in use stays (its memberships keep their
    history and their receipts): the team closes it to applications instead."""
    permission_require(by, "actors.manage_actors", None)
    locked = Tier.objects.select_for_update().get(pk=tier.pk)
    used = Membership.objects.filter(tier=locked).count()
    if used:
        raise BusinessError(
            ngettext(
                "%(count)s membership uses this tier, so it cannot be deleted: close it to "
                "applications instead.",
                "%(count)s memberships use this tier, so it cannot be deleted: close it to "
                "applications instead.",
                used,
            )
            % {"count": used}
        )
    audit_record(action=AuditAction.TIER_DELETED, by=by, target=locked, name=locked.name)
    locked.delete()


# --- Asking to join an organisation -----------------------------------------------------


@transaction.atomic
def affiliation_request_create(
    *, organisation: Organisation, by: User, role: str = "", message: str = ""
) -> AffiliationRequest:
    """A person asks to join an organisation of the directory; its people are told (each in
    their language), and they or the programme team answer."""
    permission_require(
        by, "actors.ask_to_join", organisation, _("This organisation is not in the directory.")
    )
    person = person_ensure(user=by)
    Person.objects.select_for_update().filter(pk=person.pk).first()
    if person.affiliations.filter(organisation=organisation).exists():
        raise BusinessError(_("You are already one of this organisation's people."))
    if person.affiliation_requests.filter(
        organisation=organisation, status=AffiliationRequestStatus.PENDING
    ).exists():
        raise BusinessError(_("You have already asked to join: your request waits for an answer."))
    message = message.strip()
    if len(message) > 1000:
        raise BusinessError(_("Write 1000 characters at most."), field="message")
    request = AffiliationRequest.objects.create(
        person=person, organisation=organisation, role=role.strip()[:120], message=message
    )
    task_enqueue_after_commit(tasks.affiliation_request_notify, request_id=request.pk)
    return request


@transaction.atomic
def affiliation_request_answer(
    *, request: AffiliationRequest, by: User, accept: bool
) -> AffiliationRequest:
    """Accept (the person joins the organisation, with the role they gave) or decline; the
    person is told by e-mail in their language."""
    permission_require(by, "actors.answer_affiliation_request", request)
    locked = AffiliationRequest.objects.select_for_update().get(pk=request.pk)
    if not locked.is_pending:
        raise BusinessError(_("This request has already been answered."))
    locked.status = (
        AffiliationRequestStatus.ACCEPTED if accept else AffiliationRequestStatus.DECLINED
    )
    locked.answered_at = timezone.now()
    locked.answered_by = by
    locked.save(update_fields=["status", "answered_at", "answered_by"])
    if accept:
        affiliation_ensure(person=locked.person, organisation=locked.organisation, role=locked.role)
    audit_record(
        action=AuditAction.AFFILIATION_REQUEST_ANSWERED,
        by=by,
        target=locked.organisation,
        person=locked.person_id,
        status=locked.status,
    )
    task_enqueue_after_commit(tasks.affiliation_answer_notify, request_id=locked.pk)
    return locked

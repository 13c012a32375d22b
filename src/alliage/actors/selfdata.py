"""What actors holds about a person: the profile, affiliations, memberships and the messages
relayed through the contact form; how it is exported and erased."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliage.core.dates import format_date
from alliage.core.models import User
from alliage.core.personal_data import Dataset, Field, PersonalData
from alliage.core.selfdata import admin_log_forget
from alliage.core.templatetags.alliage import euros

from .models import (
    VISIBLE_FIELDS,
    Affiliation,
    AffiliationRequest,
    AffiliationRequestStatus,
    ContactMessage,
    Membership,
    MembershipStatus,
    OrganisationKind,
    PaymentMethod,
    Person,
    Visibility,
)
from .services import tags_prune


def _person(user: User) -> Person | None:
    return Person.objects.filter(user=user).first()


def _profile(user: User) -> Iterator[dict[str, Any]]:
    person = _person(user)
    if person is None:
        return
    yield {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "bio": person.bio,
        "bio_visibility": person.bio_visibility,
        "intentions": person.intentions,
        "intentions_visibility": person.intentions_visibility,
        "capabilities": person.capabilities,
        "capabilities_visibility": person.capabilities_visibility,
        "tags": sorted(t.name for t in person.tags.all()),
        "tags_visibility": person.tags_visibility,
        "affiliations_visibility": person.affiliations_visibility,
        "listed_in_directory": person.is_listed,
        "suggested_to_coalitions": person.is_suggestable,
        "accepts_messages": person.is_contactable,
        "created_at": person.created_at,
        "updated_at": person.updated_at,
    }


def _affiliations(user: User) -> Iterator[dict[str, Any]]:
    for a in Affiliation.objects.filter(person__user=user).select_related("organisation"):
        yield {
            "organisation": a.organisation.name,
            "organisation_kind": a.organisation.kind,
            "role": a.role,
        }


def _memberships(user: User) -> Iterator[dict[str, Any]]:
    today = timezone.localdate()
    memberships = (
        Membership.objects.filter(
            Q(person__user=user) | Q(organisation__affiliations__person__user=user)
        )
        .select_related("organisation", "tier")
        .prefetch_related("payments")
        .distinct()
        .order_by("-ends_on")
    )
    for m in memberships:
        yield {
            "held_by": m.organisation.name if m.organisation else "",
            "tier": m.tier.name,
            "starts_on": m.starts_on,
            "ends_on": m.ends_on,
            "current": m.is_current(today),
            "status": m.status,
            "amount_due": str(m.amount_due),
            "amount_paid": str(m.amount_paid),
            "payments": "; ".join(
                f"{p.paid_on.isoformat()} {p.amount} {p.method}" for p in m.payments.all()
            ),
        }


def _amount_in_words(value: Any) -> str:
    """A stored amount ("3000.00") as the site writes money: "3 000,00 €", "3,000.00 €"."""
    try:
        return euros(Decimal(str(value)))
    except InvalidOperation:
        return str(value)


def _payments_in_words(value: Any) -> str:
    """The stored payments ("2026-01-01 3000.00 transfer; …", as ``_memberships`` writes
    them) with each date, amount and method in the reader's words; a part that is not in
    that form is shown as stored."""
    methods = dict(PaymentMethod.choices)
    shown = []
    for part in str(value).split("; "):
        pieces = part.split(" ")
        try:
            paid_on, amount, method = pieces
            words = (
                format_date(dt.date.fromisoformat(paid_on), "DATE_FORMAT"),
                euros(Decimal(amount)),
                str(methods.get(method, method)),
            )
        except (ValueError, InvalidOperation):
            shown.append(part)
        else:
            shown.append(" · ".join(words))
    return "; ".join(shown)


def _contact_messages(user: User) -> Iterator[dict[str, Any]]:
    person = _person(user)
    if person is None:
        return
    messages = ContactMessage.objects.filter(Q(sender=person) | Q(recipient=person))
    for m in messages.select_related("sender", "recipient"):
        sent = m.sender_id == person.pk
        yield {
            "direction": "sent" if sent else "received",
            "other_person": (m.recipient if sent else m.sender).full_name,
            "written_at": m.created_at,
            "sent_at": m.sent_at,
        }


def _affiliation_requests(user: User) -> Iterator[dict[str, Any]]:
    for r in AffiliationRequest.objects.filter(person__user=user).select_related("organisation"):
        yield {
            "organisation": r.organisation.name,
            "role": r.role,
            "message": r.message,
            "status": r.status,
            "asked_at": r.created_at,
            "answered_at": r.answered_at,
        }


def erase(user: User) -> None:
    """The profile is emptied and kept as an anonymous row, so that contributions elsewhere
    (submissions, reviews, canvas history) remain under an anonymous label; affiliations,
    personal memberships, contact messages and the administration's log lines about them are
    deleted, so are the tags no one else uses; every consent flag goes off."""
    person = _person(user)
    if person is None:
        return
    affiliations = list(Affiliation.objects.filter(person=person))
    memberships = list(Membership.objects.filter(person=person))
    admin_log_forget([person, *affiliations, *memberships])
    ContactMessage.objects.filter(Q(sender=person) | Q(recipient=person)).delete()
    AffiliationRequest.objects.filter(person=person).delete()
    Affiliation.objects.filter(person=person).delete()
    Membership.objects.filter(person=person).delete()
    tags = list(person.tags.all())
    person.tags.clear()
    tags_prune(tags=tags)  # the tags only they used go with them
    person.first_name = person.last_name = ""
    person.bio = person.intentions = person.capabilities = ""
    person.is_listed = person.is_suggestable = person.is_contactable = False
    for field in VISIBLE_FIELDS:
        setattr(person, f"{field}_visibility", Visibility.PRIVATE)
    person.save()


_VISIBILITY = _("who sees it: public (everyone), members (adhérents and the programme team) or "
                "private (only you)")  # fmt: skip

PERSONAL_DATA = PersonalData(
    app_label="actors",
    title=_("Profile, organisations and memberships"),
    purpose=_(
        "To present you and your organisations in the directory and to coalitions, as far as you "
        "consented, and to run memberships."
    ),
    retention=_(
        "As long as your account exists; erased with it. The fields of your profile are shown "
        "only as you chose, field by field."
    ),
    recipients=_(
        "Everyone, members or only you, field by field as you chose; the programme team and "
        "administrators for memberships and requests."
    ),
    models=(
        "actors.Person",
        "actors.Affiliation",
        "actors.AffiliationRequest",
        "actors.Membership",
        "actors.Payment",
        "actors.ContactMessage",
    ),
    erase=erase,
    datasets=(
        Dataset(
            key="profile",
            title=_("Profile"),
            description=_("Your public face in Alliage, and who sees each of its fields."),
            single=True,
            export=_profile,
            fields=(
                Field("first_name", _("First name"), _("first name")),
                Field("last_name", _("Last name"), _("last name")),
                Field("bio", _("About"), _("“about”: a few words on who you are")),
                Field("bio_visibility", _("Who sees “about”"), _VISIBILITY, choices=Visibility),
                Field("intentions", _("Intentions"), _("what you want to achieve, and with whom")),
                Field(
                    "intentions_visibility",
                    _("Who sees your intentions"),
                    _VISIBILITY,
                    choices=Visibility,
                ),
                Field("capabilities", _("Capabilities"), _("what you can bring to a coalition")),
                Field(
                    "capabilities_visibility",
                    _("Who sees your capabilities"),
                    _VISIBILITY,
                    choices=Visibility,
                ),
                Field("tags", _("Tags"), _("your tags (a list)")),
                Field("tags_visibility", _("Who sees your tags"), _VISIBILITY, choices=Visibility),
                Field(
                    "affiliations_visibility",
                    _("Who sees your organisations"),
                    _VISIBILITY,
                    choices=Visibility,
                ),
                Field(
                    "listed_in_directory",
                    _("In the directory"),
                    _("true if you appear in the public directory"),
                ),
                Field(
                    "suggested_to_coalitions",
                    _("Suggested to coalitions"),
                    _("true if the matching engine may suggest you to coalitions"),
                ),
                Field(
                    "accepts_messages",
                    _("Accepts messages"),
                    _("true if other actors may write to you"),
                ),
                Field(
                    "created_at", _("Created"), _("when your profile was created (ISO 8601, UTC)")
                ),
                Field(
                    "updated_at", _("Updated"), _("when your profile last changed (ISO 8601, UTC)")
                ),
            ),
        ),
        Dataset(
            key="affiliations",
            title=_("Organisations"),
            description=_("The organisations you belong to."),
            export=_affiliations,
            fields=(
                Field("organisation", _("Organisation"), _("the organisation's name")),
                Field(
                    "organisation_kind",
                    _("Kind"),
                    _("its kind (code: public_body, association…)"),
                    choices=OrganisationKind,
                ),
                Field("role", _("Role"), _("your role there")),
            ),
        ),
        Dataset(
            key="affiliation_requests",
            title=_("Requests to join an organisation"),
            description=_("The organisations you asked to join, and their answers."),
            export=_affiliation_requests,
            fields=(
                Field("organisation", _("Organisation"), _("the organisation's name")),
                Field("role", _("Role"), _("the role you gave")),
                Field("message", _("Message"), _("your word to its people")),
                Field(
                    "status",
                    _("Status"),
                    _("pending, accepted or declined"),
                    choices=AffiliationRequestStatus,
                ),
                Field("asked_at", _("Asked"), _("when you asked (ISO 8601, UTC)")),
                Field("answered_at", _("Answered"), _("when it was answered (ISO 8601, UTC)")),
            ),
        ),
        Dataset(
            key="memberships",
            title=_("Memberships (adhésions)"),
            description=_(
                "Your memberships of the programme, in your own name or through an organisation."
            ),
            export=_memberships,
            fields=(
                Field(
                    "held_by",
                    _("Held by"),
                    _("the organisation holding it, or empty when it is in your own name"),
                ),
                Field("tier", _("Tier"), _("the name of the membership tier")),
                Field("starts_on", _("From"), _("first day (ISO 8601)")),
                Field("ends_on", _("Until"), _("last day (ISO 8601)")),
                Field("current", _("Valid today"), _("true if it is valid today")),
                Field(
                    "status",
                    _("Status"),
                    _("applied, accepted, declined or withdrawn"),
                    choices=MembershipStatus,
                ),
                Field(
                    "amount_due",
                    _("Amount due"),
                    _("what it costs, in euros"),
                    choices=_amount_in_words,
                ),
                Field(
                    "amount_paid",
                    _("Amount paid"),
                    _("the sum of its payments, in euros"),
                    choices=_amount_in_words,
                ),
                Field(
                    "payments",
                    _("Payments"),
                    _("each payment: date (ISO 8601), amount in euros and method"),
                    choices=_payments_in_words,
                ),
            ),
        ),
        Dataset(
            key="contact_messages",
            title=_("Messages through the contact form"),
            description=_(
                "Messages you sent or received through profiles. Alliage forgets their text "
                "once it has e-mailed them: only who and when remain."
            ),
            export=_contact_messages,
            fields=(
                Field(
                    "direction",
                    _("Sent or received"),
                    _("sent (by you) or received"),
                    choices={"sent": _("sent"), "received": _("received")},
                ),
                Field("other_person", _("With"), _("the other person's name")),
                Field(
                    "written_at", _("Written"), _("when the message was written (ISO 8601, UTC)")
                ),
                Field("sent_at", _("Sent"), _("when Alliage e-mailed it (ISO 8601, UTC)")),
            ),
        ),
    ),
)

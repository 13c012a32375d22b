from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from alliage.core.models import TimeStampedModel, content_language_field


class OrganisationKind(models.TextChoices):
    PUBLIC_BODY = "public_body", _("Public body")
    LOCAL_AUTHORITY = "local_authority", _("Local authority")
    LARGE_COMPANY = "large_company", _("Large company")
    SME = "sme", _("SME or start-up")
    ASSOCIATION = "association", _("Association")
    RESEARCH = "research", _("Research")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Profile(TimeStampedModel):
    """What organisations and people both state: intentions, capabilities and tags."""

    content_language = content_language_field()
    intentions = models.TextField(
        _("intentions"), blank=True, help_text=_("What you want to achieve, and with whom.")
    )
    capabilities = models.TextField(
        _("capabilities"), blank=True, help_text=_("What you can bring to a coalition.")
    )

    class Meta:
        abstract = True


def organisation_listed_q(prefix: str = "") -> Q:
    """An organisation is shown (directory, open data, suggestions) when it is listed.
    ``prefix`` reaches it through a relation (``"organisation__"``)."""
    return Q(**{f"{prefix}is_listed": True})


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def listed(self) -> OrganisationQuerySet:
        """Organisations listed in the directory."""
        return self.filter(organisation_listed_q())


class Organisation(Profile):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    tags = models.ManyToManyField(
        Tag, verbose_name=_("tags"), blank=True, related_name="organisations"
    )
    is_listed = models.BooleanField(_("listed in the directory"), default=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ("name",)
        indexes = (
            models.Index(fields=("kind", "name")),
            # The directory's order, so that a page reads its rows from the index.
            models.Index(fields=("name", "id"), name="actors_org_name_idx"),
        )

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("actors:organisation-detail", kwargs={"slug": self.slug})


class Visibility(models.TextChoices):
    """Who sees one field of a person's profile."""

    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Members (adhérents) and the programme team")
    PRIVATE = "private", _("Only me")


# The profile's personal fields whose audience each person chooses.
VISIBLE_FIELDS = ("bio", "intentions", "capabilities", "tags", "affiliations")


def _visibility_field(label: str) -> models.CharField:
    return models.CharField(
        label, max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )


def person_listed_q(prefix: str = "") -> Q:
    """A person appears in the directory and its exports when they consent to be listed and
    their account is active (a deactivated account is not shown). ``prefix`` reaches them
    through a relation (``"person__"``)."""
    return Q(
        **{
            f"{prefix}is_listed": True,
            f"{prefix}user__is_active": True,
            f"{prefix}hidden_by_moderation": False,
        }
    )


class PersonQuerySet(models.QuerySet["Person"]):
    def listed(self) -> PersonQuerySet:
        """People shown in the directory: listed, with an active account."""
        return self.filter(person_listed_q())

    def suggestable(self) -> PersonQuerySet:
        """People Alliage may suggest to coalitions: they consent to it, and their account is
        active."""
        return self.filter(is_suggestable=True, user__is_active=True, hidden_by_moderation=False)


class Person(Profile):
    """A person's public face; every account has one.

    ``is_listed``, ``is_suggestable`` and ``is_contactable`` mirror the person's consents
    (selfdata keeps the dated receipts) and change only through ``person_set_consent_flags``.
    An erased person keeps their row, with empty names, so that their contributions remain
    under an anonymous label."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE
    )
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)
    bio = models.TextField(_("about"), blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="people")
    is_listed = models.BooleanField(
        _("listed in the directory"),
        default=True,
        help_text=_("Appear in the public directory of actors."),
    )
    is_suggestable = models.BooleanField(
        _("may be suggested"),
        default=True,
        help_text=_("Let Alliage suggest you to coalitions looking for what you offer."),
    )
    is_contactable = models.BooleanField(
        _("may be contacted"),
        default=False,
        help_text=_("Other actors may write to you through your profile."),
    )
    # Hidden by a programme team's moderation: out of the directory, the suggestions and the
    # contact form whatever the person's consents (which stay theirs), until the team decides.
    hidden_by_moderation = models.BooleanField(
        _("hidden by the moderators"), default=False, db_default=False
    )
    bio_visibility = _visibility_field(_("who sees “about”"))
    intentions_visibility = _visibility_field(_("who sees your intentions"))
    capabilities_visibility = _visibility_field(_("who sees your capabilities"))
    tags_visibility = _visibility_field(_("who sees your tags"))
    affiliations_visibility = _visibility_field(_("who sees your organisations"))
    organisations = models.ManyToManyField(
        Organisation, through="Affiliation", related_name="people", verbose_name=_("organisations")
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ("last_name", "first_name")
        indexes = (
            # The directory's order, so that a page reads its rows from the index.
            models.Index(fields=("last_name", "first_name", "id"), name="actors_person_name_idx"),
        )

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """The name, or the anonymous label of an erased account (whose names are empty)."""
        return f"{self.first_name} {self.last_name}".strip() or gettext("Former participant")

    @property
    def initials(self) -> str:
        return f"{self.first_name[:1]}{self.last_name[:1]}".upper() or "?"

    def visibility_of(self, field: str) -> str:
        return getattr(self, f"{field}_visibility")

    def get_absolute_url(self) -> str:
        return reverse("actors:person-detail", kwargs={"pk": self.pk})


class Affiliation(models.Model):
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="affiliations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="affiliations",
    )
    role = models.CharField(_("role"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        constraints = (
            models.UniqueConstraint(
                fields=("person", "organisation"), name="actors_affiliation_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.person} — {self.organisation}"


class TierHolder(models.TextChoices):
    ANY = "any", _("An organisation or a person")
    ORGANISATION = "organisation", _("An organisation")
    PERSON = "person", _("A person")


class Tier(models.Model):
    """A membership tier the team defines: what it costs a year, what it includes, and how
    many votes a member of it holds at an assembly whose statutes weigh votes."""

    code = models.SlugField(_("code"), max_length=20, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    yearly_amount = models.DecimalField(
        _("yearly amount (€)"), max_digits=9, decimal_places=2, default=0
    )
    holder = models.CharField(
        _("who may apply"), max_length=20, choices=TierHolder.choices, default=TierHolder.ANY
    )
    benefits = models.TextField(
        _("what it includes"), blank=True, help_text=_("Markdown: shown to those who apply.")
    )
    members_events = models.BooleanField(
        _("members' events"),
        default=True,
        help_text=_("Its members may attend the events reserved for adhérents."),
    )
    interventions = models.PositiveSmallIntegerField(
        _("interventions a year"),
        default=0,
        help_text=_("How many interventions of the team on request it includes each year."),
    )
    votes = models.PositiveSmallIntegerField(
        _("votes per member"),
        default=1,
        help_text=_("The weight of its members' votes, where the statutes weigh votes."),
    )
    is_open = models.BooleanField(
        _("open to applications"), default=True, help_text=_("Offered on the membership page.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    language = content_language_field()

    class Meta:
        verbose_name = _("membership tier")
        verbose_name_plural = _("membership tiers")
        ordering = ("position", "yearly_amount", "code")
        constraints = (
            models.CheckConstraint(condition=Q(votes__gte=1), name="actors_tier_votes"),
            models.CheckConstraint(condition=Q(yearly_amount__gte=0), name="actors_tier_amount"),
        )

    def __str__(self) -> str:
        return self.name

    def admits(self, *, organisation: bool) -> bool:
        """Whether an organisation (or a person) may hold this tier."""
        wanted = TierHolder.ORGANISATION if organisation else TierHolder.PERSON
        return self.holder in (TierHolder.ANY, wanted)


class MembershipStatus(models.TextChoices):
    APPLIED = "applied", _("Waiting for the team")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Membership(models.Model):
    """An adhésion: an organisation or a person supports the programme for a period. It is
    applied for (or typed by the team), accepted by the team, and paid; it is *in good
    standing* on a day when it is accepted, covers that day and is paid
    (``selectors.good_standing_q``, which every other part reads)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    tier = models.ForeignKey(
        Tier,
        verbose_name=_("tier"),
        on_delete=models.PROTECT,
        db_column="tier",
        related_name="memberships",
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.ACCEPTED,
        db_default=MembershipStatus.ACCEPTED,
    )
    amount_due = models.DecimalField(
        _("amount due (€)"), max_digits=9, decimal_places=2, default=0, db_default=0
    )
    amount_paid = models.DecimalField(
        _("amount paid (€)"),
        max_digits=9,
        decimal_places=2,
        default=0,
        db_default=0,
        editable=False,
        help_text=_("The sum of its payments, kept by the service that records them."),
    )
    representative = models.ForeignKey(
        Person,
        verbose_name=_("votes through"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="represented_memberships",
        help_text=_("The person an organisation designates to vote in its name."),
    )
    renews = models.ForeignKey(
        "self",
        verbose_name=_("renews"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewals",
    )
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    message = models.TextField(_("message to the team"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ("-ends_on",)
        constraints = (
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(person__isnull=True))
                | (Q(organisation__isnull=True) & Q(person__isnull=False)),
                name="actors_membership_one_holder",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="actors_membership_period"
            ),
            models.CheckConstraint(
                condition=Q(amount_due__gte=0) & Q(amount_paid__gte=0),
                name="actors_membership_amounts",
            ),
        )

    def __str__(self) -> str:
        return f"{self.organisation or self.person} ({self.tier_id})"

    @property
    def holder(self) -> Organisation | Person:
        return self.organisation or self.person

    @property
    def is_paid(self) -> bool:
        return self.amount_paid >= self.amount_due

    @property
    def balance(self) -> Decimal:
        """What remains to pay (never below zero)."""
        return max(self.amount_due - self.amount_paid, Decimal(0))

    @property
    def receipt_number(self) -> str:
        return f"{self.starts_on.year}-{self.pk:05d}"

    def is_current(self, on: dt.date) -> bool:
        return self.starts_on <= on <= self.ends_on


class PaymentMethod(models.TextChoices):
    TRANSFER = "transfer", _("Bank transfer")
    CHEQUE = "cheque", _("Cheque")
    CARD = "card", _("Card")
    CASH = "cash", _("Cash")
    OTHER = "other", _("Other")


class Payment(models.Model):
    """A payment of a membership, recorded by the team (no payment provider)."""

    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="payments"
    )
    paid_on = models.DateField(_("paid on"))
    amount = models.DecimalField(_("amount (€)"), max_digits=9, decimal_places=2)
    method = models.CharField(_("method"), max_length=20, choices=PaymentMethod.choices)
    reference = models.CharField(_("reference"), max_length=120, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ("paid_on", "pk")
        constraints = (
            models.CheckConstraint(condition=Q(amount__gt=0), name="actors_payment_amount"),
        )

    def __str__(self) -> str:
        return f"{self.membership} {self.amount} ({self.paid_on})"


class ContactMessage(models.Model):
    """A message sent to a person through their profile. Alliage relays it by e-mail without
    showing the recipient's address, then forgets its text; the row remains for the daily
    limit of messages a sender may write."""

    sender = models.ForeignKey(
        Person, verbose_name=_("sender"), on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.ForeignKey(
        Person, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    body = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=("sender", "created_at")),)

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient}"


class AffiliationRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class AffiliationRequest(models.Model):
    """A person asks to join an organisation already in the directory; its people or the
    programme team answer, and the person is told."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="affiliation_requests",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="affiliation_requests",
    )
    role = models.CharField(_("role"), max_length=120, blank=True)
    message = models.TextField(_("message"), blank=True, max_length=1000)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AffiliationRequestStatus.choices,
        default=AffiliationRequestStatus.PENDING,
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("request to join an organisation")
        verbose_name_plural = _("requests to join an organisation")
        ordering = ("-created_at", "-id")
        constraints = (
            models.UniqueConstraint(
                fields=("person", "organisation"),
                condition=Q(status="pending"),
                name="actors_affiliationrequest_one_pending",
            ),
        )
        indexes = (models.Index(fields=("status", "organisation")),)

    def __str__(self) -> str:
        return f"{self.person} → {self.organisation}"

    @property
    def is_pending(self) -> bool:
        return self.status == AffiliationRequestStatus.PENDING

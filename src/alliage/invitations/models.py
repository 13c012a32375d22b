"""Invitations to join a coalition, and introductions of two actors to each other."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Organisation, Person
from alliage.coalitions.models import Coalition, MemberRole


class InvitationState(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


class Invitation(models.Model):
    """A lead's invitation to join a coalition, sent to one person (perhaps on behalf of an
    organisation they belong to) or to an e-mail address not yet known.

    Only the SHA-256 of the link's secret is kept (``token_hash``), set when the e-mail
    leaves: the secret itself is in the e-mail and nowhere else. A link is single use: once
    the invitation is answered, revoked or past ``expires_at`` it opens a page that says so.
    ``delivered`` is False for an invitation that was recorded but not sent, because the
    address belongs to someone who does not accept to be contacted (the lead is not told)."""

    coalition = models.ForeignKey(
        Coalition,
        verbose_name=_("coalition"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.CASCADE,
        related_name="invitations_sent",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="coalition_invitations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="coalition_invitations",
    )
    email = models.EmailField(_("e-mail address"), blank=True)
    role = models.CharField(
        _("role"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    message = models.TextField(_("message"), blank=True, max_length=1000)
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=InvitationState.choices,
        default=InvitationState.PENDING,
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    delivered = models.BooleanField(_("delivered"), default=True)
    token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ("-created_at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(email=""),
                name="invitations_invitation_someone",
            ),
        )
        indexes = (
            models.Index(fields=("invited_by", "created_at")),
            models.Index(fields=("coalition", "state")),
        )

    def __str__(self) -> str:
        return f"{self.coalition_id} → {self.person_id or self.email}"

    def get_absolute_url(self) -> str:
        return reverse("invitations:invitation-detail", kwargs={"pk": self.pk})

    @property
    def current_state(self) -> str:
        """The state as people read it: a pending invitation past its date is expired."""
        if self.state == InvitationState.PENDING and self.expires_at <= timezone.now():
            return InvitationState.EXPIRED
        return self.state

    @property
    def current_state_label(self) -> str:
        return str(InvitationState(self.current_state).label)

    @property
    def is_open(self) -> bool:
        return self.current_state == InvitationState.PENDING


class Answer(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Introduction(models.Model):
    """Someone asks the platform to introduce two people who accept to be contacted (a
    partner programme bringing entrepreneurs and researchers together). Each side accepts or
    declines; their e-mail addresses are shown to each other once both accepted, never
    before, and never to the person who asked (unless they are one of the sides)."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.CASCADE,
        related_name="introductions_asked",
    )
    a_person = models.ForeignKey(
        Person, verbose_name=_("first person"), on_delete=models.CASCADE, related_name="+"
    )
    b_person = models.ForeignKey(
        Person, verbose_name=_("second person"), on_delete=models.CASCADE, related_name="+"
    )
    note = models.TextField(_("why they should meet"), blank=True, max_length=1000)
    a_state = models.CharField(
        _("answer of the first person"),
        max_length=10,
        choices=Answer.choices,
        default=Answer.PENDING,
    )
    b_state = models.CharField(
        _("answer of the second person"),
        max_length=10,
        choices=Answer.choices,
        default=Answer.PENDING,
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    a_decided_at = models.DateTimeField(null=True, blank=True)
    b_decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ("-created_at", "-id")
        constraints = (
            models.CheckConstraint(
                condition=~Q(a_person=models.F("b_person")),
                name="invitations_introduction_two_people",
            ),
        )
        indexes = (models.Index(fields=("requested_by", "created_at")),)

    def __str__(self) -> str:
        return f"{self.a_person_id} ↔ {self.b_person_id}"

    def get_absolute_url(self) -> str:
        return reverse("invitations:introduction-detail", kwargs={"pk": self.pk})

    @property
    def is_made(self) -> bool:
        """Both accepted: only then do they see each other's address."""
        return self.a_state == Answer.ACCEPTED and self.b_state == Answer.ACCEPTED

    @property
    def is_declined(self) -> bool:
        return Answer.DECLINED in (self.a_state, self.b_state)

    def side_of(self, user: object) -> str | None:
        """ "a" or "b" for the user's side of the introduction, else None (reads the persons,
        which the selectors fetch with their accounts)."""
        pk = getattr(user, "pk", None)
        if pk is None:
            return None
        if self.a_person.user_id == pk:
            return "a"
        if self.b_person.user_id == pk:
            return "b"
        return None

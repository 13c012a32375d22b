"""An assembly, its voter roll, attendance, proxies, motions and ballots.

A secret ballot keeps who voted (``Participation``) apart from what was voted: the choices only
add to each option's totals (``Option.ballots``, ``Option.weight``), and no row, column or
timestamp joins a voter to a choice. An open ballot keeps each vote (``OpenVote``) for the
minutes as well."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Membership, Organisation, Person
from alliage.agenda.models import Event
from alliage.core.models import TimeStampedModel, content_language_field


class QuorumBasis(models.TextChoices):
    COUNT = "count", _("Members present or represented")
    WEIGHT = "weight", _("Votes present or represented")


class Assembly(TimeStampedModel):
    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="assembly"
    )
    cutoff_on = models.DateField(
        _("roll cut-off date"),
        help_text=_("The members in good standing on this day make up the voter roll."),
    )
    weighted = models.BooleanField(
        _("votes weighted by tier"),
        default=False,
        help_text=_("Each member holds the votes of their tier, as the statutes say."),
    )
    quorum_percent = models.PositiveSmallIntegerField(
        _("quorum (%)"),
        default=25,
        help_text=_("The share of the roll that must be present or represented."),
    )
    quorum_basis = models.CharField(
        _("quorum counted on"),
        max_length=10,
        choices=QuorumBasis.choices,
        default=QuorumBasis.COUNT,
    )
    second_convocation = models.BooleanField(
        _("second convocation"),
        default=False,
        help_text=_("Convened again after a first assembly without quorum: no quorum is needed."),
    )
    proxy_cap = models.PositiveSmallIntegerField(
        _("proxies per holder"),
        default=2,
        help_text=_("How many proxies one voter may hold at most."),
    )
    roll_frozen_at = models.DateTimeField(_("roll frozen at"), null=True, blank=True)

    class Meta:
        verbose_name = _("assembly")
        verbose_name_plural = _("assemblies")
        ordering = ("-event__starts_at",)
        constraints = (
            models.CheckConstraint(
                condition=Q(quorum_percent__lte=100), name="assembly_quorum_percent"
            ),
            models.CheckConstraint(condition=Q(proxy_cap__lte=20), name="assembly_proxy_cap"),
        )

    def __str__(self) -> str:
        return str(self.event)

    @property
    def slug(self) -> str:
        return self.event.slug

    def get_absolute_url(self) -> str:
        return reverse("assembly:detail", kwargs={"slug": self.event.slug})


class Attendance(models.TextChoices):
    ABSENT = "absent", _("Absent")
    IN_PERSON = "in_person", _("Present in person")
    ONLINE = "online", _("Present online")


class Voter(models.Model):
    """One line of the roll: a member in good standing at the cut-off, the person who casts
    its votes (the member themself, or the person an organisation designates) and its
    weight."""

    assembly = models.ForeignKey(
        Assembly, verbose_name=_("assembly"), on_delete=models.CASCADE, related_name="voters"
    )
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("voter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="voter_rights",
    )
    name = models.CharField(_("member"), max_length=300)
    weight = models.PositiveSmallIntegerField(_("votes"), default=1)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.ABSENT
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)

    class Meta:
        verbose_name = _("voter")
        verbose_name_plural = _("voters")
        ordering = ("name", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=("assembly", "membership"), name="assembly_voter_one_per_membership"
            ),
            models.CheckConstraint(condition=Q(weight__gte=1), name="assembly_voter_weight"),
        )

    def __str__(self) -> str:
        return self.name

    @property
    def is_present(self) -> bool:
        return self.attendance != Attendance.ABSENT


class Proxy(models.Model):
    """A pouvoir: a voter who cannot attend lets another voter of the roll vote for them."""

    assembly = models.ForeignKey(
        Assembly, verbose_name=_("assembly"), on_delete=models.CASCADE, related_name="proxies"
    )
    giver = models.ForeignKey(
        Voter, verbose_name=_("given by"), on_delete=models.CASCADE, related_name="proxies_given"
    )
    holder = models.ForeignKey(
        Voter, verbose_name=_("held by"), on_delete=models.CASCADE, related_name="proxies_held"
    )
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        ordering = ("given_at", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=("giver",),
                condition=Q(revoked_at__isnull=True),
                name="assembly_proxy_one_active_per_giver",
            ),
            models.CheckConstraint(
                condition=~Q(giver=models.F("holder")), name="assembly_proxy_not_to_self"
            ),
        )

    def __str__(self) -> str:
        return f"{self.giver} → {self.holder}"


class MotionKind(models.TextChoices):
    RESOLUTION = "resolution", _("Resolution: yes, no or abstain")
    CHOICE = "choice", _("A choice among options")
    ELECTION = "election", _("Election to seats")


class Majority(models.TextChoices):
    SIMPLE = "simple", _("Simple majority")
    ABSOLUTE = "absolute", _("Absolute majority (more than half of the ballots cast)")
    TWO_THIRDS = "two_thirds", _("Two thirds of the votes expressed")


class MotionStatus(models.TextChoices):
    DRAFT = "draft", _("Not opened yet")
    OPEN = "open", _("Ballot open")
    CLOSED = "closed", _("Ballot closed")


class Motion(TimeStampedModel):
    assembly = models.ForeignKey(
        Assembly, verbose_name=_("assembly"), on_delete=models.CASCADE, related_name="motions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True, help_text=_("Markdown."))
    documents = models.TextField(
        _("documents"), blank=True, help_text=_("Markdown: links to the documents of the motion.")
    )
    kind = models.CharField(
        _("kind of vote"), max_length=12, choices=MotionKind.choices, default=MotionKind.RESOLUTION
    )
    majority = models.CharField(
        _("majority needed"), max_length=12, choices=Majority.choices, default=Majority.SIMPLE
    )
    secret = models.BooleanField(
        _("secret ballot"),
        default=False,
        help_text=_("Who voted is kept; what each one voted is not."),
    )
    seats = models.PositiveSmallIntegerField(
        _("seats"), default=1, help_text=_("For an election: how many are elected.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MotionStatus.choices, default=MotionStatus.DRAFT
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The quorum when the ballot opened, for the minutes.
    roll_count = models.PositiveIntegerField(default=0)
    roll_weight = models.PositiveIntegerField(default=0)
    present_count = models.PositiveIntegerField(default=0)
    present_weight = models.PositiveIntegerField(default=0)
    represented_count = models.PositiveIntegerField(default=0)
    represented_weight = models.PositiveIntegerField(default=0)
    quorum_reached = models.BooleanField(default=False)
    language = content_language_field()

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ("position", "pk")
        constraints = (
            models.CheckConstraint(condition=Q(seats__gte=1), name="assembly_motion_seats"),
        )

    def __str__(self) -> str:
        return self.title


class OptionMeaning(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")
    OPTION = "option", _("Option")
    CANDIDATE = "candidate", _("Candidate")


class Option(models.Model):
    """A choice on a motion's ballot, with its running totals: the number of ballots that
    chose it and the votes they weigh."""

    motion = models.ForeignKey(
        Motion, verbose_name=_("motion"), on_delete=models.CASCADE, related_name="options"
    )
    label = models.CharField(_("label"), max_length=200)
    meaning = models.CharField(_("meaning"), max_length=10, choices=OptionMeaning.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    ballots = models.PositiveIntegerField(_("ballots"), default=0)
    weight = models.PositiveIntegerField(_("votes"), default=0)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ("position", "pk")

    def __str__(self) -> str:
        return self.label


class Participation(models.Model):
    """That a right of the roll was used on a motion, and by whom; never what it chose."""

    motion = models.ForeignKey(
        Motion, verbose_name=_("motion"), on_delete=models.CASCADE, related_name="participations"
    )
    voter = models.ForeignKey(
        Voter, verbose_name=_("voter"), on_delete=models.CASCADE, related_name="participations"
    )
    cast_by = models.ForeignKey(
        Person,
        verbose_name=_("cast by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    weight = models.PositiveSmallIntegerField(_("votes"), default=1)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = (
            models.UniqueConstraint(fields=("motion", "voter"), name="assembly_vote_once"),
        )

    def __str__(self) -> str:
        return f"{self.voter} — {self.motion}"


class OpenVote(models.Model):
    """What a voter chose on an open ballot (an election may hold several per voter)."""

    motion = models.ForeignKey(
        Motion, verbose_name=_("motion"), on_delete=models.CASCADE, related_name="open_votes"
    )
    voter = models.ForeignKey(
        Voter, verbose_name=_("voter"), on_delete=models.CASCADE, related_name="open_votes"
    )
    option = models.ForeignKey(
        Option, verbose_name=_("option"), on_delete=models.CASCADE, related_name="open_votes"
    )

    class Meta:
        verbose_name = _("open vote")
        verbose_name_plural = _("open votes")
        constraints = (
            models.UniqueConstraint(
                fields=("motion", "voter", "option"), name="assembly_open_vote_once"
            ),
        )

    def __str__(self) -> str:
        return f"{self.voter}: {self.option}"

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Person
from alliage.coalitions.models import Coalition
from alliage.core.models import TimeStampedModel

from .progress import Direction


class Indicator(TimeStampedModel):
    """What a coalition measures to know whether it reaches the impact it targets."""

    coalition = models.ForeignKey(
        Coalition, verbose_name=_("coalition"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what it measures and how"), blank=True)
    unit = models.CharField(
        _("unit"), max_length=40, blank=True, help_text=_("For example: t CO2e, %, people.")
    )
    direction = models.CharField(
        _("direction"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    baseline_value = models.DecimalField(_("baseline value"), max_digits=18, decimal_places=4)
    baseline_date = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target value"), max_digits=18, decimal_places=4)
    target_date = models.DateField(_("target date"))
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Public indicators show on the coalition's page and impact report to all."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # The latest measurement (by date, then by entry), kept by the services that record and
    # delete measurements (``services.indicator_latest_refresh``) so that reports count the
    # statuses in SQL without looking through the measurements of every indicator.
    latest_value = models.DecimalField(
        _("latest value"), max_digits=18, decimal_places=4, null=True, blank=True, editable=False
    )
    latest_measured_on = models.DateField(
        _("latest measurement"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ("position", "id")
        constraints = (
            models.CheckConstraint(
                condition=Q(target_date__gt=F("baseline_date")),
                name="evaluation_indicator_target_after_baseline",
            ),
            models.CheckConstraint(
                condition=Q(direction="up", target_value__gte=F("baseline_value"))
                | Q(direction="down", target_value__lte=F("baseline_value")),
                name="evaluation_indicator_target_in_direction",
            ),
        )

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "evaluation:indicator-detail", kwargs={"slug": self.coalition.slug, "pk": self.pk}
        )


class Measurement(models.Model):
    """A dated value of an indicator, with where it comes from."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    measured_on = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=300)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        Person,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ("measured_on", "id")
        indexes = (models.Index(fields=("indicator", "measured_on")),)

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.measured_on})"


class Questionnaire(models.Model):
    """A questionnaire kept as a file in the repository; each change of the file is a version."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return self.slug


class QuestionnaireVersion(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    content = models.JSONField(_("content"))
    checksum = models.CharField(_("checksum"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ("questionnaire", "-number")
        constraints = (
            models.UniqueConstraint(
                fields=("questionnaire", "number"), name="evaluation_version_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.questionnaire} v{self.number}"


class AssessmentSide(models.TextChoices):
    SELF = "self", _("Self-assessment by the coalition")
    ACCOMPANIER = "accompanier", _("Assessment by the accompanier")


class Assessment(TimeStampedModel):
    """A Facteur 4 assessment of a coalition, from one side of the dialogue, under the version
    of the questionnaire it was answered with."""

    coalition = models.ForeignKey(
        Coalition,
        verbose_name=_("coalition"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    version = models.ForeignKey(
        QuestionnaireVersion,
        verbose_name=_("questionnaire version"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    side = models.CharField(_("side"), max_length=12, choices=AssessmentSide.choices)
    author = models.ForeignKey(
        Person,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    assessed_on = models.DateField(_("date of the assessment"))
    answers = models.JSONField(_("answers"), default=dict)
    scores = models.JSONField(_("scores by dimension"), default=dict)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("A public assessment shows on the coalition's impact report to all."),
    )

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ("-assessed_on", "-id")
        indexes = (models.Index(fields=("coalition", "side", "-assessed_on")),)

    def __str__(self) -> str:
        return f"{self.coalition} · {self.get_side_display()} · {self.assessed_on}"

    def get_absolute_url(self) -> str:
        return reverse(
            "evaluation:assessment-detail", kwargs={"slug": self.coalition.slug, "pk": self.pk}
        )

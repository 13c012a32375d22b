from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Organisation, Person
from alliage.coalitions.models import Coalition, Programme
from alliage.core.models import TimeStampedModel, content_language_field

from .licences import DEFAULT_LICENCE, LICENCE_CHOICES, Licence, licence_for

FILE_NAME_LENGTH = 255


class PublicationKind(models.TextChoices):
    CAHIER = "cahier", _("Cahier")
    GUIDE = "guide", _("Methodological guide")
    KIT = "kit", _("Kit")
    ARTICLE = "article", _("Article")
    DATASET = "dataset", _("Dataset")
    TRAINING = "training", _("Training content")
    FACT_CHECK = "fact_check", _("Fact check")
    ADVOCACY = "advocacy", _("Advocacy note")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Publication(TimeStampedModel):
    """A commons: what the programme produces, under a free licence, at a stable address."""

    content_language = content_language_field()
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PublicationKind.choices)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), max_length=1000, help_text=_("A few lines shown on cards and in feeds.")
    )
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown is accepted."))
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications",
    )
    coalitions = models.ManyToManyField(
        Coalition, verbose_name=_("related coalitions"), blank=True, related_name="publications"
    )
    author_organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("authoring organisations"),
        blank=True,
        related_name="publications",
    )
    author_people = models.ManyToManyField(
        Person, verbose_name=_("authors"), blank=True, related_name="publications"
    )
    published_on = models.DateField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_("Set to today when the publication is published without a date."),
    )
    licence = models.CharField(
        _("licence"), max_length=20, choices=LICENCE_CHOICES, default=DEFAULT_LICENCE
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    cover = models.FileField(
        _("cover image"), upload_to="commons/covers/", max_length=FILE_NAME_LENGTH, blank=True
    )
    cover_alt = models.CharField(
        _("cover image description"),
        max_length=200,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    temporal_start = models.DateField(_("data from"), null=True, blank=True)
    temporal_end = models.DateField(_("data until"), null=True, blank=True)
    spatial = models.CharField(
        _("area covered"),
        max_length=200,
        blank=True,
        help_text=_("For datasets: the territory the data describe."),
    )

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ("-published_on", "-id")
        indexes = (
            # The library's order, ties broken by id, so that a page reads from the index.
            models.Index(fields=("status", "-published_on", "-id"), name="commons_public_idx"),
            models.Index(fields=("kind", "status")),
        )
        constraints = (
            models.CheckConstraint(
                condition=Q(temporal_start__isnull=True)
                | Q(temporal_end__isnull=True)
                | Q(temporal_end__gte=F("temporal_start")),
                name="commons_temporal_in_order",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_on__isnull=False),
                name="commons_published_has_date",
            ),
        )

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("commons:publication-detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def is_dataset(self) -> bool:
        return self.kind == PublicationKind.DATASET

    @property
    def licence_info(self) -> Licence:
        return licence_for(self.licence)

    def clean(self) -> None:
        if self.temporal_start and self.temporal_end and self.temporal_end < self.temporal_start:
            raise ValidationError({"temporal_end": _("The end must not come before the start.")})


class PublicationFile(models.Model):
    """One version of one file of a publication. A new version never replaces the file: every
    version stays listed and downloadable at its own address."""

    publication = models.ForeignKey(
        Publication, verbose_name=_("publication"), on_delete=models.CASCADE, related_name="files"
    )
    label = models.CharField(_("name"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    file = models.FileField(_("file"), upload_to="commons/files/", max_length=FILE_NAME_LENGTH)
    format = models.CharField(_("format"), max_length=10)
    byte_size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_at = models.DateTimeField(_("added"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("publication file")
        verbose_name_plural = _("publication files")
        ordering = ("label", "-version")
        constraints = (
            models.UniqueConstraint(
                fields=("publication", "label", "version"), name="commons_one_file_version"
            ),
        )

    def __str__(self) -> str:
        return f"{self.label} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse(
            "commons:file-download",
            kwargs={"slug": self.publication.slug, "pk": self.pk, "filename": self.filename},
        )

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class Resource(models.Model):
    """A distribution of a dataset: an uploaded file (with its size and SHA-256) or a link."""

    publication = models.ForeignKey(
        Publication,
        verbose_name=_("dataset"),
        on_delete=models.CASCADE,
        related_name="resources",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    file = models.FileField(
        _("file"), upload_to="commons/resources/", max_length=FILE_NAME_LENGTH, blank=True
    )
    url = models.URLField(_("link"), max_length=500, blank=True)
    format = models.CharField(_("format"), max_length=20)
    byte_size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ("position", "id")
        constraints = (
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="commons_resource_file_or_link",
            ),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""

    @property
    def is_tabular(self) -> bool:
        return bool(self.file) and self.format in ("csv", "tsv")

    def get_download_url(self) -> str:
        """Our own address for an uploaded file; the link itself otherwise."""
        if not self.file:
            return self.url
        return reverse(
            "commons:resource-download",
            kwargs={"slug": self.publication.slug, "pk": self.pk, "filename": self.filename},
        )


class ReuseKind(models.TextChoices):
    APPLICATION = "application", _("Application")
    VISUALISATION = "visualisation", _("Visualisation")
    ARTICLE = "article", _("Article")
    API = "api", _("API")
    OTHER = "other", _("Other")


class ReuseStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    REFUSED = "refused", _("Refused")


class Reuse(TimeStampedModel):
    """Someone reused a publication and says so; the programme team checks before it shows."""

    publication = models.ForeignKey(
        Publication,
        verbose_name=_("publication"),
        on_delete=models.CASCADE,
        related_name="reuses",
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ReuseKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ReuseStatus.choices, default=ReuseStatus.PENDING
    )
    declared_by = models.ForeignKey(
        Person,
        verbose_name=_("declared by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reuses",
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderation_note = models.CharField(_("message to the person"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("reuse")
        verbose_name_plural = _("reuses")
        ordering = ("-created_at", "-id")
        indexes = (models.Index(fields=("status", "created_at")),)
        constraints = (
            models.UniqueConstraint(
                fields=("publication", "url"),
                condition=~Q(status="refused"),
                name="commons_reuse_declared_once",
            ),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def is_refused(self) -> bool:
        return self.status == ReuseStatus.REFUSED


class OpenDataArchive(models.Model):
    """One generation of the archive of the platform's open data; the newest is served."""

    generated_at = models.DateTimeField(_("generated at"), default=timezone.now, db_index=True)
    file = models.FileField(_("file"), upload_to="opendata/", max_length=FILE_NAME_LENGTH)
    byte_size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    manifest = models.JSONField(_("files"), default=list)

    class Meta:
        verbose_name = _("open data archive")
        verbose_name_plural = _("open data archives")
        ordering = ("-generated_at", "-id")

    def __str__(self) -> str:
        return f"{self.generated_at:%Y-%m-%d %H:%M}"

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. People sign in with their e-mail address; their public face is actors.Person."""

    email = models.EmailField(_("e-mail address"), unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("staff"), default=False, help_text=_("Can sign in to the administration site.")
    )
    # False only between a sign-up and the click on the link e-mailed to the address; accounts
    # made by the team, imports, the demo and those from before this field are confirmed.
    email_confirmed = models.BooleanField(
        _("e-mail address confirmed"),
        default=True,
        help_text=_("An account signed up on the site can log in once its address is confirmed."),
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="fr",
        help_text=_("The language of the e-mails Alliage sends you."),
    )

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.email

    @property
    def is_erased(self) -> bool:
        """Erased by Self Data: the stored fact is the address, replaced by one in a domain
        that cannot receive mail (``core.selfdata.ERASED_DOMAIN``); this is the one place
        that reads it."""
        # Imported here: core.selfdata imports this module.
        from .selfdata import ERASED_DOMAIN

        return self.email.endswith(f"@{ERASED_DOMAIN}")


class AuditEntry(models.Model):
    """One sensitive action: who did what to which object, and when. Never edited."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=80, db_index=True)
    target_type = models.CharField(_("object type"), max_length=80, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=("target_type", "target_id")),)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


def content_language_field() -> models.CharField:
    """The language a person wrote a text in (French unless they say otherwise): pages in the
    other language mark that text with ``lang`` (``{% lang_of obj %}``) and say it is in French."""
    return models.CharField(
        _("language of the text"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="fr",
        db_default="fr",  # a column added at once on PostgreSQL, and raw inserts get French
        help_text=_("The language this text is written in."),
    )

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliage.actors.models import Person


class TokenScope(models.TextChoices):
    READ = "read", _("Read: what you can see, through the API")
    WRITE = "write", _("Read and write: also change canvases, record measurements, register")


class ApiToken(models.Model):
    """A personal API token. Only a hash of its secret is kept: the token is shown once, when
    it is created; ``prefix`` names it in lists and finds it without scanning hashes."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=80)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True)
    key_hash = models.CharField(_("hash of the secret"), max_length=64)
    scope = models.CharField(_("scope"), max_length=8, choices=TokenScope.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class IdempotentResponse(models.Model):
    """The answer to a write sent with an ``Idempotency-Key``, kept 24 hours so that a client
    that lost it can send the same request again and get the same answer, without a second
    write. One per token and key (the constraint is also what stops two concurrent retries)."""

    token = models.ForeignKey(
        ApiToken,
        verbose_name=_("token"),
        on_delete=models.CASCADE,
        related_name="idempotent_responses",
    )
    key = models.CharField(_("idempotency key"), max_length=255)
    fingerprint = models.CharField(_("fingerprint of the request"), max_length=64)
    status = models.PositiveSmallIntegerField(_("status"))
    content_type = models.CharField(_("content type"), max_length=100)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    body = models.TextField(_("body"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("idempotent response")
        verbose_name_plural = _("idempotent responses")
        constraints = [
            models.UniqueConstraint(fields=["token", "key"], name="api_idempotency_key_per_token")
        ]

    def __str__(self) -> str:
        return f"{self.token_id}/{self.key}"

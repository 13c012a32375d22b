"""What the team app hooks into: ``migrate`` keeps the team group in step with the models."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import post_migrate


def _team_group_in_step(*, using: str, **kwargs: Any) -> None:
    """After ``migrate`` (and the flush of a test database), the team group holds the
    permissions of the models that exist now. A side concern kept in step, not a workflow."""
    from .services import team_group

    team_group(using=using)


post_migrate.connect(
    _team_group_in_step, sender=apps.get_app_config("team"), dispatch_uid="alliage.team_group"
)

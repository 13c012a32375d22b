"""The programme team's Django group: the model permissions its work in the administration
needs, kept in step with the models (``team_group`` runs after every ``migrate``)."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Q

# The group's name is a key (looked up by it), not a label: it is not translated. Django's
# administration shows it as is, to the superusers who manage groups.
TEAM_GROUP_NAME = "Programme team"

# What the team runs from the administration. The people and the coalitions, wholly (every
# model permission, as the demo's team always had); the other apps' rows are read and corrected
# there (view and change), while creating and deleting them goes through the team's own pages
# and their services (audit, e-mails, rules). Each of these pages opens for a member of the group
# without a 500 (tests/security/test_model_level_permissions.py).
TEAM_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "actors": ("add", "change", "delete", "view"),
    "coalitions": ("add", "change", "delete", "view"),
    "agenda": ("change", "view"),
    "calls": ("change", "view"),
    "evaluation": ("change", "view"),
    "commons": ("change", "view"),
}
TEAM_APPS = tuple(TEAM_PERMISSIONS)


def team_group(*, using: str = DEFAULT_DB_ALIAS) -> Group:
    """Create or update the group "Programme team" with the model permissions the team's work
    in the administration needs (``TEAM_PERMISSIONS``) and no other: a permission added by a
    new model joins it at the next ``migrate``, one taken off the list leaves it. Membership
    of the group is given by a superuser; it opens the administration's model pages only, each
    object's own rules still apply on the platform's pages."""
    wanted = Q(pk__in=[])
    for app, actions in TEAM_PERMISSIONS.items():
        codename = Q()
        for action in actions:
            codename |= Q(codename__startswith=f"{action}_")
        wanted |= Q(content_type__app_label=app) & codename
    with transaction.atomic(using=using):
        group, _ = Group.objects.using(using).get_or_create(name=TEAM_GROUP_NAME)
        group.permissions.set(Permission.objects.using(using).filter(wanted))
    return group

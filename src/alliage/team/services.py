"""The programme team's Django group: the model permissions its work in the administration
needs, kept in step with the models (``team_group`` runs after every ``migrate``)."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, transaction

# The group's name is a key (looked up by it), not a label: it is not translated. Django's
# administration shows it as is, to the superusers who manage groups.
TEAM_GROUP_NAME = "Programme team"

# What the team runs from the administration: every model of these apps. Each one's pages open
# for a member of the group without a 500 (tests/security/test_model_level_permissions.py).
TEAM_APPS = ("actors", "coalitions", "agenda", "calls", "evaluation", "commons")


def team_group(*, using: str = DEFAULT_DB_ALIAS) -> Group:
    """Create or update the group "Programme team" with every model permission (add, change,
    delete, view) of the apps the team runs, and no other: a permission added by a new model
    joins it at the next ``migrate``, one of an app taken off the list leaves it. Membership of
    the group is given by a superuser; it opens the administration's model pages only, each
    object's own rules still apply on the platform's pages."""
    with transaction.atomic(using=using):
        group, _ = Group.objects.using(using).get_or_create(name=TEAM_GROUP_NAME)
        group.permissions.set(
            Permission.objects.using(using).filter(content_type__app_label__in=TEAM_APPS)
        )
    return group

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from alliage.coalitions.models import Coalition, MemberRole
from alliage.core.models import User

from .factories import (
    CoalitionFactory,
    CoalitionMemberFactory,
    PersonFactory,
    UserFactory,
)

# Properties are checked on what they assert, not on how fast a busy machine draws examples:
# no deadline and no "too slow" health check (the suite runs beside other work, in CI too).
hypothesis_settings.register_profile(
    "alliage", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("alliage")


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in French, whatever language an earlier request left active."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@dataclass
class Cast:
    """One coalition and a user for every role that matters to its permissions."""

    coalition: Coalition
    anonymous: AnonymousUser
    outsider: User
    member: User
    lead: User
    team: User
    admin: User

    def user(self, role: str) -> User | AnonymousUser:
        return getattr(self, role)


@pytest.fixture
def cast(db: None) -> Cast:
    coalition = CoalitionFactory()
    lead = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD).person.user
    member = CoalitionMemberFactory(coalition=coalition, role=MemberRole.MEMBER).person.user
    team = PersonFactory().user
    coalition.programme.team.add(team)
    admin = UserFactory(is_superuser=True, is_staff=True)
    PersonFactory(user=admin)
    return Cast(
        coalition=coalition,
        anonymous=AnonymousUser(),
        outsider=PersonFactory().user,
        member=member,
        lead=lead,
        team=team,
        admin=admin,
    )


def fresh(user: User | AnonymousUser) -> User | AnonymousUser:
    """The same user without cached permission data, as a new request would see it."""
    if isinstance(user, AnonymousUser):
        return user
    return User.objects.get(pk=user.pk)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a service as its own committed transaction would: the e-mails it queues on commit
    go out before the call returns (the test's wrapping transaction never commits)."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run

"""The membership tests' team: a member of a programme's team, not a superuser."""

from __future__ import annotations

import pytest

from ..factories import ProgrammeFactory, team_member


@pytest.fixture
def team(db):
    return team_member(ProgrammeFactory())

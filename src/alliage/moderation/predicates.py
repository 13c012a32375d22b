"""Who decides on a moderation case: the team of the programme the reported thing belongs
to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alliage.coalitions.predicates import team_programme_ids
from alliage.core.predicates import object_predicate

if TYPE_CHECKING:
    from alliage.core.models import User

    from .models import Case


@object_predicate
def is_case_team(user: User, case: Case) -> bool:
    """The team of the programme of what was reported; for what belongs to no programme (a
    profile), any programme's team, as for the directory's back-office."""
    teams = team_programme_ids(user)
    return case.programme_id in teams if case.programme_id is not None else bool(teams)

from __future__ import annotations

import pytest

from alliage.coalitions.models import MemberRole
from alliage.evaluation.services import questionnaire_sync

from ..factories import CoalitionMemberFactory


@pytest.fixture
def grid(db: None):
    """The Facteur 4 questionnaire, loaded from the repository's file."""
    questionnaire_sync()
    from alliage.evaluation.models import QuestionnaireVersion

    return QuestionnaireVersion.objects.get(questionnaire__slug="facteur-4", number=1)


@pytest.fixture
def accompanier(cast):
    return CoalitionMemberFactory(coalition=cast.coalition, role=MemberRole.ACCOMPANIER).person.user

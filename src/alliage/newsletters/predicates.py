"""Permission predicates on newsletters; each takes (user, newsletter) and reads nothing but
the team's programmes, kept once per user (``team_programme_ids``)."""

from __future__ import annotations

from alliage.coalitions.predicates import team_programme_ids
from alliage.core.models import User
from alliage.core.predicates import object_predicate

from .models import Newsletter, NewsletterStatus


@object_predicate
def is_newsletter_team(user: User, newsletter: Newsletter) -> bool:
    """The team of the newsletter's programme writes and sends it."""
    return newsletter.programme_id in team_programme_ids(user)


@object_predicate
def is_sent_newsletter(user: User, newsletter: Newsletter) -> bool:
    """A newsletter sent is public, in its programme's archive; a draft is the team's."""
    return newsletter.status == NewsletterStatus.SENT


@object_predicate
def is_draft_newsletter(user: User, newsletter: Newsletter) -> bool:
    """Only a draft is changed or sent; one being sent or sent stays as it went out."""
    return newsletter.status == NewsletterStatus.DRAFT

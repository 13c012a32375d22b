"""The demo's discussions: a question in the public thread of the responsible public
procurement coalition with its lead's answer, and a members' exchange that mentions the
lead, all written through the discussions' services (so their notifications exist too)."""

from __future__ import annotations

from alliage.actors.models import Person
from alliage.coalitions.models import Coalition
from alliage.discussions.selectors import place_of_target
from alliage.discussions.services import comment_post

LEAD = "porteuse@alliage.example.org"
MEMBER = "hugo.marchetti@achats-numeriques.example.org"
VISITOR = "membre@alliage.example.org"


def discussions_load(*, people: dict[str, Person]) -> int:
    coalition = Coalition.objects.filter(slug="commande-publique-responsable").first()
    if coalition is None or not {LEAD, MEMBER, VISITOR} <= set(people):
        return 0
    lead, member, visitor = (people[email] for email in (LEAD, MEMBER, VISITOR))
    public = place_of_target(coalition, "public")
    members = place_of_target(coalition, "members")
    question = comment_post(
        place=public,
        by=visitor.user,
        body=(
            "Bonjour, la grille de critères sera-t-elle utilisable par une petite commune "
            "sans service achats ? Nous n'avons qu'une personne à mi-temps sur les marchés."
        ),
    )
    comment_post(
        place=public,
        by=lead.user,
        parent_id=question.pk,
        body=(
            "Oui, c'est même l'un des publics visés : la version 1 propose un **socle de "
            "cinq critères** applicables sans expertise, et des clauses types à copier."
        ),
    )
    comment_post(
        place=members,
        by=member.user,
        body=(
            f"@[{lead.full_name}]({lead.pk}) j'ai relu les clauses types : la clause sur la "
            "réparabilité mérite un exemple chiffré. Je propose d'en parler à l'atelier de "
            "jeudi."
        ),
    )
    return 3

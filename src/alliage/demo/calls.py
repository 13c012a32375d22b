"""The demo's calls: an open "Appel à coalitions #Reset" and a decided Innovation Facteur 4 call
with submissions, blind reviews, one strong disagreement and accepted projects that became
coalitions. Dates are set around the day the demo is loaded."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from alliage.actors.models import Person
from alliage.calls.models import Assignment, Call, Score, Submission, SubmissionStatus
from alliage.calls.services import (
    accepted_coalitions_create,
    criteria_from_template,
    decision_record,
)
from alliage.coalitions.models import Programme
from alliage.core.models import User

PARIS = ZoneInfo("Europe/Paris")

RESET_CALL = (
    "La fabrique de coalitions cherche de nouveaux projets pour un numérique choisi : des "
    "acteurs différents qui s'accordent sur une intention, un objectif fort mais atteignable "
    "en moins de trois ans, et les leviers pour y arriver.\n\n"
    "Les propositions retenues deviennent des coalitions, accompagnées par l'équipe du "
    "programme (coaching, ingénierie, mise en relation) et présentées au prochain Reset Day."
)
F4_CALL = (
    "Un appel aux porteurs de projets innovants à fort potentiel écologique, accompagnés avec "
    "la méthode Innovation Facteur 4 : qualifier ensemble l'impact, en profondeur, en ampleur "
    "et en robustesse, puis construire le chemin de croissance du projet et de ses impacts."
)

F4_PROJECTS = (
    # title, summary, impact, organisation slug index, scores per reviewer (lists), decision
    (
        "Réparer plutôt que remplacer les smartphones des agents",
        "Un atelier mobile de réparation et de reconditionnement pour les flottes de "
        "téléphones des collectivités.",
        "Diviser par trois les achats de smartphones neufs des collectivités partenaires.",
        [[5, 4, 4, 4, 4, 4], [4, 5, 4, 3, 4, 5]],
        "accepted",
    ),
    (
        "Un hébergement web sobre pour les associations",
        "Des sites associatifs statiques, hébergés sur des serveurs reconditionnés et "
        "alimentés par une coopérative d'énergie.",
        "Réduire de 75 % l'empreinte des sites de 200 associations.",
        [[4, 5, 3, 4, 3, 3], [1, 2, 2, 1, 2, 3]],
        "waitlisted",
    ),
    (
        "Mutualiser les capteurs environnementaux d'un territoire",
        "Une plateforme ouverte pour partager les capteurs de qualité de l'air, de bruit et "
        "d'eau entre communes, entreprises et associations.",
        "Éviter l'achat de la moitié des capteurs prévus sur le territoire.",
        [[4, 4, 5, 3, 4, 4], [4, 3, 4, 4, 4, 4]],
        "accepted",
    ),
    (
        "Une application de covoiturage de plus",
        "Une nouvelle application pour organiser le covoiturage domicile-travail.",
        "Réduire les trajets en voiture seule.",
        [[2, 1, 2, 1, 1, 2], [1, 2, 1, 1, 2, 2]],
        "rejected",
    ),
)


# Proposals already sent to the open #Reset call, some of them convergent, so that the team's
# "convergent proposals" page has groups to show: (title, summary, impact, partners sought).
RESET_PROPOSALS = (
    (
        "Réparer les ordinateurs des écoles",
        "Un atelier itinérant qui répare et reconditionne les ordinateurs des écoles "
        "primaires au lieu de les remplacer.",
        "Allonger de trois ans la durée de vie des ordinateurs scolaires du département.",
        "Une collectivité, un reconditionneur, des enseignants volontaires.",
    ),
    (
        "Reconditionner le matériel informatique scolaire",
        "Collecter les ordinateurs réformés des collèges, les reconditionner et les rendre "
        "aux écoles et aux familles.",
        "Zéro ordinateur scolaire jeté tant qu'il est réparable.",
        "Un conseil départemental et une entreprise de reconditionnement.",
    ),
    (
        "Des ateliers de réparation d'ordinateurs dans les écoles",
        "Des élèves et des bénévoles réparent ensemble les ordinateurs de leur école.",
        "Réparer plutôt que racheter : un ordinateur sur deux réparé sur place.",
        "Des associations d'éducation populaire.",
    ),
    (
        "Des sites publics plus sobres",
        "Mesurer et alléger le poids des sites web des collectivités, page par page.",
        "Diviser par deux le poids moyen des pages des sites publics engagés.",
        "Des collectivités, une agence web, des développeurs.",
    ),
    (
        "Alléger les sites web des collectivités",
        "Un référentiel et un outil libre pour réduire le poids des sites des collectivités.",
        "Des sites publics deux fois plus légers et accessibles à tous.",
        "Des services numériques de collectivités.",
    ),
    (
        "Une fresque du numérique pour les élus",
        "Faire comprendre aux élus locaux les impacts environnementaux du numérique en "
        "trois heures d'atelier.",
        "Former 300 élus d'ici deux ans.",
        "Des associations d'élus.",
    ),
)


def calls_load(
    *,
    today: dt.date,
    programmes: dict[str, Programme],
    people: dict[str, Person],
    team_user: User,
) -> int:
    now = timezone.now()
    reset_call = Call.objects.create(
        programme=programmes["reset-2022"],
        slug="appel-a-coalitions-reset",
        kind="projects",
        title="Appel à coalitions #Reset",
        description=RESET_CALL,
        eligibility="Toute organisation, et les citoyens qui s'associent à au moins une "
        "organisation. Les coalitions réunissant plusieurs types d'acteurs sont encouragées.",
        asks=["diagnostic", "impact", "partners_sought"],
        opens_at=now - dt.timedelta(days=20),
        closes_at=dt.datetime.combine(today + dt.timedelta(days=25), dt.time(23, 59), PARIS),
        reviewers_per_submission=2,
    )
    criteria_from_template(call=reset_call, template="reset-coalition")
    reset_call.reviewers.set([p.user for p in _fing(people)])
    staff_ids = {p.pk for p in _fing(people)}
    proposers = [p for p in people.values() if p.pk not in staff_ids and p.affiliations.exists()][
        -len(RESET_PROPOSALS) :
    ]
    for i, (title, summary, impact, partners) in enumerate(RESET_PROPOSALS):
        person = proposers[i]
        Submission.objects.create(
            call=reset_call,
            person=person,
            organisation=person.affiliations.first().organisation,
            title=title,
            summary=summary,
            diagnostic="",
            impact=impact,
            partners_sought=partners,
            status=SubmissionStatus.SUBMITTED,
            submitted_at=now - dt.timedelta(days=10 - i),
        )

    f4 = Call.objects.create(
        programme=programmes["innovation-facteur-4"],
        slug="appel-innovation-facteur-4",
        kind="projects",
        title="Appel à projets Innovation Facteur 4",
        description=F4_CALL,
        eligibility="Entreprises, associations et laboratoires porteurs d'un projet innovant.",
        allowed_kinds=["sme", "association", "research", "large_company"],
        asks=["diagnostic", "impact"],
        opens_at=now - dt.timedelta(days=150),
        closes_at=now - dt.timedelta(days=90),
        reviewers_per_submission=2,
    )
    criteria = criteria_from_template(call=f4, template="facteur-4")
    reviewers = [p.user for p in _fing(people)][:3]
    f4.reviewers.set(reviewers)
    staff = {p.pk for p in _fing(people)}
    submitters = [
        p
        for p in people.values()
        if p.pk not in staff
        and p.affiliations.filter(organisation__kind__in=f4.allowed_kinds).exists()
    ][4:8]
    for i, (title, summary, impact, scores, decision) in enumerate(F4_PROJECTS):
        person = submitters[i]
        organisation = (
            person.affiliations.filter(organisation__kind__in=f4.allowed_kinds).first().organisation
        )
        submission = Submission.objects.create(
            call=f4,
            person=person,
            organisation=organisation,
            title=title,
            summary=summary,
            diagnostic=summary,
            impact=impact,
            status=SubmissionStatus.SUBMITTED,
            submitted_at=f4.closes_at - dt.timedelta(days=3 + i),
        )
        for j, values in enumerate(scores):
            assignment = Assignment.objects.create(
                submission=submission,
                reviewer=reviewers[(i + j) % len(reviewers)],
                comment="Projet solide, à accompagner." if sum(values) > 20 else "À retravailler.",
                submitted_at=f4.closes_at + dt.timedelta(days=5 + j),
            )
            Score.objects.bulk_create(
                Score(assignment=assignment, criterion=c, value=v)
                for c, v in zip(criteria, values, strict=True)
            )
        decision_record(
            submission=submission,
            by=team_user,
            decision=decision,
            message="Merci pour votre proposition : la décision est détaillée sur la page.",
        )
    # Published a month after the close (as call_publish_decisions does, without the e-mails).
    f4.decided_at = f4.closes_at + dt.timedelta(days=30)
    f4.save(update_fields=["decided_at"])
    accepted_coalitions_create(call=f4)
    return 2


def _fing(people: dict[str, Person]) -> list[Person]:
    return [p for p in people.values() if p.affiliations.filter(organisation__slug="fing").exists()]

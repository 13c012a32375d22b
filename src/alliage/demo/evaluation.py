"""The demo's evaluation: indicators with a history of measurements for every active coalition
(and the two being evaluated), some on track, some late, one reached, one without data yet;
Facteur 4 assessments, one coalition with both sides of the dialogue and two dates.

Dates are written on the seed's timeline (today = 2020-11-29) and moved by the exact number of
days to the day of loading, so each indicator's status is the same whenever the demo loads.
"""

from __future__ import annotations

import datetime as dt

from alliage.actors.models import Person
from alliage.coalitions.models import Coalition, MemberRole
from alliage.core.models import User
from alliage.evaluation.models import AssessmentSide
from alliage.evaluation.services import (
    assessment_save,
    indicator_save,
    measurement_record,
    questionnaire_sync,
)

SEED_TODAY = dt.date(2020, 11, 29)

# coalition slug -> indicators: name, unit, direction, (baseline date, value),
# (target date, value), description, [(date, value, source)]
INDICATORS: dict[str, list[tuple]] = {
    "commande-publique-responsable": [
        (
            "Collectivités qui utilisent la grille commune",
            "collectivités",
            "up",
            ("2020-01-15", "0"),
            ("2022-12-31", "40"),
            "Acheteurs publics de l'Ouest qui ont intégré la grille dans au moins un marché "
            "numérique publié.",
            [
                ("2020-04-30", "3", "Recensement des marchés publiés (BOAMP)"),
                ("2020-07-15", "9", "Recensement des marchés publiés (BOAMP)"),
                ("2020-10-31", "17", "Enquête auprès du réseau des acheteurs"),
            ],
        ),
        (
            "Part de la note consacrée au numérique responsable",
            "%",
            "up",
            ("2020-01-15", "5"),
            ("2022-12-31", "30"),
            "Poids moyen des critères de sobriété, d'accessibilité et de réversibilité dans la "
            "notation des offres.",
            [
                ("2020-06-30", "7", "Analyse de 35 règlements de consultation"),
                ("2020-10-31", "9", "Analyse de 52 règlements de consultation"),
            ],
        ),
    ],
    "conception-responsable-ouverte": [
        (
            "Services qui appliquent le référentiel",
            "services",
            "up",
            ("2020-02-01", "0"),
            ("2022-06-30", "25"),
            "",
            [
                ("2020-05-15", "4", "Déclarations des équipes, vérifiées par audit"),
                ("2020-09-30", "11", "Déclarations des équipes, vérifiées par audit"),
            ],
        ),
        (
            "Poids moyen des pages des services engagés",
            "Mo",
            "down",
            ("2020-02-01", "3.2"),
            ("2022-06-30", "1.6"),
            "Mesuré sur les dix pages les plus vues de chaque service.",
            [
                ("2020-06-30", "3.0", "Mesures automatiques, outil ouvert de la coalition"),
                ("2020-10-15", "2.8", "Mesures automatiques, outil ouvert de la coalition"),
            ],
        ),
    ],
    "sobriete-parcs-informatiques": [
        (
            "Durée de vie moyenne des postes de travail",
            "ans",
            "up",
            ("2020-01-01", "5"),
            ("2022-12-31", "7"),
            "",
            [
                ("2020-06-30", "5.4", "Inventaires des parcs des collectivités engagées"),
                ("2020-11-15", "5.8", "Inventaires des parcs des collectivités engagées"),
            ],
        ),
        (
            "Part d'équipements reconditionnés dans les achats",
            "%",
            "up",
            ("2020-01-01", "2"),
            ("2022-12-31", "20"),
            "",
            [
                ("2020-06-30", "6", "Bilans d'achats semestriels"),
                ("2020-11-15", "8.5", "Bilans d'achats semestriels"),
            ],
        ),
        (
            "Émissions liées aux postes de travail",
            "t CO2e",
            "down",
            ("2020-01-01", "1800"),
            ("2022-12-31", "1200"),
            "Fabrication et usage, estimés par la méthode de l'ADEME sur l'ensemble des parcs.",
            [("2020-10-31", "1690", "Bilan carbone intermédiaire")],
        ),
    ],
    "reperage-facteur-4-bretagne": [
        (
            "Projets repérés et évalués avec la grille",
            "projets",
            "up",
            ("2020-01-15", "0"),
            ("2021-12-31", "60"),
            "",
            [
                ("2020-04-30", "12", "Registre des évaluations du cluster"),
                ("2020-07-31", "31", "Registre des évaluations du cluster"),
                ("2020-10-31", "48", "Registre des évaluations du cluster"),
            ],
        ),
        (
            "Projets qui ont revu leur modèle",
            "projets",
            "up",
            ("2020-01-15", "0"),
            ("2021-12-31", "15"),
            "Projets qui ont changé leur modèle économique pour viser un gain écologique d'un "
            "facteur 4.",
            [("2020-10-31", "4", "Entretiens de suivi")],
        ),
    ],
    "feuille-de-route-self-data": [
        (
            "Territoires français engagés dans la feuille de route",
            "territoires",
            "up",
            ("2020-01-15", "1"),
            ("2021-12-31", "6"),
            "",
            [
                ("2020-06-30", "3", "Conventions signées"),
                ("2020-11-15", "6", "Conventions signées"),
            ],
        ),
    ],
    "rudi-donnees-rennes": [
        (
            "Jeux de données hébergés",
            "jeux de données",
            "up",
            ("2020-01-15", "40"),
            ("2022-12-31", "300"),
            "",
            [
                ("2020-05-31", "80", "Catalogue du portail"),
                ("2020-09-30", "130", "Catalogue du portail"),
                ("2020-11-20", "150", "Catalogue du portail"),
            ],
        ),
        (
            "Producteurs de données qui ne sont pas des acteurs publics",
            "producteurs",
            "up",
            ("2020-01-15", "2"),
            ("2022-12-31", "20"),
            "",
            [("2020-10-31", "5", "Catalogue du portail")],
        ),
        (
            "Services qui réutilisent les données",
            "services",
            "up",
            ("2020-06-01", "0"),
            ("2022-12-31", "25"),
            "Compté à partir des réutilisations déclarées sur le portail.",
            [],
        ),
    ],
    "musette-du-jeune-actif": [
        (
            "Jeunes qui ont utilisé la Musette avec un tuteur",
            "jeunes",
            "up",
            ("2020-03-01", "0"),
            ("2022-12-31", "400"),
            "",
            [
                ("2020-06-30", "40", "Tableau de bord des missions locales"),
                ("2020-10-31", "120", "Tableau de bord des missions locales"),
            ],
        ),
        (
            "Part en emploi ou en formation six mois après",
            "%",
            "up",
            ("2020-03-01", "35"),
            ("2022-12-31", "60"),
            "",
            [("2020-10-31", "44", "Enquête à six mois, 85 répondants")],
        ),
    ],
    "suites-seminaire-grands-decideurs": [
        (
            "Engagements tenus et documentés",
            "engagements",
            "up",
            ("2020-02-26", "0"),
            ("2021-02-26", "12"),
            "",
            [
                ("2020-06-30", "4", "Revue publique des engagements"),
                ("2020-11-15", "8", "Revue publique des engagements"),
            ],
        ),
    ],
    "transformateur-qvt-pays-de-la-loire": [
        (
            "Structures qui ont mené leur projet avec leurs salariés",
            "structures",
            "up",
            ("2020-01-15", "0"),
            ("2021-03-31", "12"),
            "",
            [
                ("2020-06-30", "5", "Comité de suivi de l'Aract"),
                ("2020-11-15", "10", "Comité de suivi de l'Aract"),
            ],
        ),
    ],
}

# coalition slug -> (side, date, author e-mail or None for the lead, public, ratings, texts)
ASSESSMENTS: dict[str, list[tuple]] = {
    "reperage-facteur-4-bretagne": [
        (
            AssessmentSide.SELF,
            "2020-03-10",
            None,
            False,
            (2, 1, 2, 2, 2, 1, 3, 2, 1, 2, 2, 2, 1, 2),
            {
                "novelty": "Un repérage systématique des projets à fort potentiel écologique, "
                "au lieu d'attendre qu'ils se présentent.",
                "reference_practice": "Les appels à projets classiques, qui notent surtout la "
                "croissance et l'emploi.",
            },
        ),
        (
            AssessmentSide.SELF,
            "2020-10-20",
            None,
            True,
            (3, 2, 3, 3, 3, 2, 4, 3, 2, 3, 3, 3, 3, 3),
            {
                "novelty": "Une grille partagée par le cluster, les financeurs et les porteurs, "
                "qui oriente l'accompagnement dès le repérage.",
                "assessment_notes": "Les gains écologiques sont estimés par les porteurs ; peu "
                "ont encore été mesurés.",
                "growth_stages": "Étendre le repérage aux quatre départements en 2021, puis "
                "former d'autres clusters.",
            },
        ),
        (
            AssessmentSide.ACCOMPANIER,
            "2020-10-27",
            "julie.carpentier@ecotone-conseil.example.org",
            True,
            (3, 2, 2, 1, 2, 1, 4, 3, 2, 1, 2, 1, 2, 3),
            {
                "assessment_notes": "La profondeur est surestimée : sans mesure, un facteur 4 "
                "reste une promesse. Les effets rebonds des projets numériques repérés ne sont "
                "pas encore étudiés.",
                "growth_stages": "Avant d'étendre, mesurer l'impact réel d'une dizaine de "
                "projets pour étalonner la grille.",
            },
        ),
    ],
    "conception-responsable-ouverte": [
        (
            AssessmentSide.SELF,
            "2020-09-15",
            None,
            True,
            (2, 3, 3, 3, 2, 3, 4, 4, 3, 2, 3, 2, 2, 3),
            {"novelty": "Un référentiel ouvert, écrit à plusieurs, et un outil de mesure libre."},
        ),
    ],
    "sobriete-parcs-informatiques": [
        (
            AssessmentSide.ACCOMPANIER,
            "2020-10-05",
            "equipe@alliage.example.org",
            False,
            (3, 3, 3, 2, 3, 3, 3, 4, 3, 2, 3, 3, 3, 2),
            {
                "assessment_notes": "Allonger la durée de vie est le levier le plus sûr ; "
                "reste à vérifier que les postes remplacés ne partent pas à l'export."
            },
        ),
    ],
}

_SCALE_KEYS = (
    "bm_paid",
    "bm_decoupled",
    "bm_shared",
    "depth_factor",
    "depth_scope",
    "depth_evidence",
    "breadth_reach",
    "breadth_replicable",
    "breadth_rules",
    "robust_rebound",
    "robust_transfer",
    "robust_side",
    "growth_impact_pace",
    "growth_milestones",
)


def _lead(coalition: Coalition) -> User:
    return (
        coalition.members.filter(role=MemberRole.LEAD).select_related("person__user").first()
    ).person.user


def evaluation_load(*, today: dt.date, people: dict[str, Person]) -> int:
    """Load the questionnaires, the indicators and the assessments; returns the indicators."""
    questionnaire_sync()

    def moved(iso: str) -> dt.date:
        return today - (SEED_TODAY - dt.date.fromisoformat(iso))

    count = 0
    for slug, rows in INDICATORS.items():
        coalition = Coalition.objects.get(slug=slug)
        lead = _lead(coalition)
        for position, (name, unit, direction, base, target, text, values) in enumerate(rows):
            indicator = indicator_save(
                coalition=coalition,
                by=lead,
                data={
                    "name": name,
                    "unit": unit,
                    "direction": direction,
                    "baseline_date": moved(base[0]),
                    "baseline_value": base[1],
                    "target_date": moved(target[0]),
                    "target_value": target[1],
                    "description": text,
                    "position": position,
                },
            )
            for day, value, source in values:
                measurement_record(
                    indicator=indicator, by=lead, value=value, measured_on=moved(day), source=source
                )
            count += 1
    for slug, rows in ASSESSMENTS.items():
        coalition = Coalition.objects.get(slug=slug)
        for side, day, author, public, ratings, texts in rows:
            assessment_save(
                coalition=coalition,
                by=people[author].user if author else _lead(coalition),
                side=side,
                answers={**dict(zip(_SCALE_KEYS, ratings, strict=True)), **texts},
                assessed_on=moved(day),
                is_public=public,
            )
    return count

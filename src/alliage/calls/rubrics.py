"""Rubric templates shipped with Alliage; a call starts from one and adapts it.

Texts are in French, the programme's language; each call owns its copy of the criteria.
"""

from __future__ import annotations

from typing import TypedDict


class CriterionTemplate(TypedDict):
    name: str
    guidance: str
    weight: int
    scale: int


RUBRICS: dict[str, tuple[str, list[CriterionTemplate]]] = {
    "facteur-4": (
        "Innovation Facteur 4",
        [
            {
                "name": "Caractère innovant",
                "guidance": "Qu'est-ce qui est nouveau : le produit, le service, l'usage, "
                "le modèle, l'organisation ? En quoi cela change-t-il la donne ?",
                "weight": 2,
                "scale": 5,
            },
            {
                "name": "Profondeur de l'impact écologique",
                "guidance": "Jusqu'où le projet réduit-il l'empreinte de l'activité qu'il "
                "transforme, en visant une division par quatre ?",
                "weight": 3,
                "scale": 5,
            },
            {
                "name": "Ampleur : potentiel de changement d'échelle",
                "guidance": "Combien de personnes, d'organisations ou de territoires le projet "
                "peut-il toucher s'il réussit ?",
                "weight": 2,
                "scale": 5,
            },
            {
                "name": "Robustesse : effets rebond et effets induits",
                "guidance": "Les effets rebond, les impacts déplacés ailleurs et les effets "
                "secondaires sont-ils identifiés et pris en compte ?",
                "weight": 2,
                "scale": 5,
            },
            {
                "name": "Alignement du modèle économique et du modèle d'impact",
                "guidance": "Le projet gagne-t-il davantage quand son impact écologique "
                "grandit, ou l'inverse ?",
                "weight": 2,
                "scale": 5,
            },
            {
                "name": "Capacité de l'équipe",
                "guidance": "L'équipe réunit-elle les compétences, les partenaires et les "
                "moyens de conduire le projet ?",
                "weight": 1,
                "scale": 5,
            },
        ],
    ),
    "reset-coalition": (
        "Coalition #Reset",
        [
            {
                "name": "Force de l'intention commune",
                "guidance": "Les acteurs partagent-ils une intention claire, formulée ensemble ?",
                "weight": 2,
                "scale": 5,
            },
            {
                "name": "Hétérogénéité de la coalition",
                "guidance": "La coalition réunit-elle des acteurs de natures différentes : "
                "publics, privés, associatifs, chercheurs, citoyens ?",
                "weight": 2,
                "scale": 5,
            },
            {
                "name": "Atteignable en moins de trois ans",
                "guidance": "L'objectif est-il fort mais atteignable dans ce délai ?",
                "weight": 2,
                "scale": 5,
            },
            {
                "name": "Leviers identifiés",
                "guidance": "Les leviers pour atteindre l'objectif sont-ils nommés et à la "
                "portée de la coalition ?",
                "weight": 1,
                "scale": 5,
            },
            {
                "name": "Plan d'évaluation",
                "guidance": "Sait-on comment on mesurera le chemin parcouru et l'impact ?",
                "weight": 1,
                "scale": 5,
            },
        ],
    ),
}

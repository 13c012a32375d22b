"""Word lists shared by the benchmarks: French words and phrases of the programmes' themes,
so that titles, summaries and canvas texts read like the real ones (and the text search and
the matching index see realistic vocabularies)."""

from __future__ import annotations

import random

WORDS = [
    "sobriété",
    "numérique",
    "données",
    "personnelles",
    "territoire",
    "inclusion",
    "emploi",
    "énergie",
    "mobilité",
    "santé",
    "éducation",
    "achats",
    "publics",
    "conception",
    "responsable",
    "médiation",
    "open",
    "data",
    "résilience",
]

TOPICS = [
    "l'écoconception des services numériques",
    "le réemploi des ordinateurs",
    "la sobriété des centres de données",
    "l'inclusion numérique dans les territoires ruraux",
    "des achats publics responsables",
    "la médiation numérique en bibliothèque",
    "l'ouverture des données de mobilité",
    "la santé environnementale des écoles",
    "des communs numériques pour les collectivités",
    "l'accessibilité des démarches en ligne",
    "la réparation des smartphones",
    "la formation des élus au numérique responsable",
    "des données personnelles mieux protégées",
    "l'énergie partagée entre voisins",
    "l'emploi des jeunes dans le reconditionnement",
    "la résilience des réseaux locaux",
]

PHRASES = [
    "allonger la durée de vie des équipements",
    "réduire le poids des pages",
    "un référentiel ouvert d'écoconception",
    "former les équipes produit à la conception responsable",
    "mesurer l'empreinte des services numériques",
    "des audits d'accessibilité",
    "le reconditionnement des smartphones",
    "moins renouveler le parc informatique",
    "des infrastructures mutualisées et sobres",
    "réparer plutôt que jeter",
    "accompagner les habitants éloignés du numérique",
    "ouvrir les données des transports publics",
    "une commande publique qui exige la durabilité",
    "des ateliers de médiation dans les quartiers",
    "partager les retours d'expérience entre territoires",
    "évaluer l'impact avec des indicateurs publics",
]

FIRST_NAMES = [
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Julie", "Claire", "Amina", "Lucie",
    "Thomas", "Lucas", "Hugo", "Nicolas", "Karim", "Julien", "Mathieu", "Antoine", "Yanis",
    "Pierre",
]  # fmt: skip

LAST_NAMES = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "Andre", "Mercier", "Dupont", "Lambert", "Bonnet",
    "François", "Martinez", "Benali",
]  # fmt: skip

CITIES = [
    "Paris", "Lyon", "Marseille", "Toulouse", "Nantes", "Lille", "Rennes", "Bordeaux",
    "Strasbourg", "Montpellier", "Grenoble", "Dijon", "Brest", "Tours", "Clermont-Ferrand",
]  # fmt: skip

ORGANISATION_PREFIXES = [
    "Association", "Collectif", "Agence", "Mairie de", "Coopérative", "Atelier", "Institut",
    "Fondation", "Région", "Laboratoire",
]  # fmt: skip


def sentence(rnd: random.Random, words: int) -> str:
    """A sentence of French words of the themes."""
    return " ".join(rnd.choices(WORDS, k=words)).capitalize() + "."


def paragraph(rnd: random.Random, phrases: int) -> str:
    """Phrases of the themes joined into a paragraph."""
    return ", ".join(rnd.choices(PHRASES, k=phrases)).capitalize() + "."

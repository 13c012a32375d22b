from __future__ import annotations

import pytest

from alliage.matching.text import (
    Bag,
    char_ngrams,
    fold,
    guess_language,
    stems,
    tag_key,
    tokens,
)


def stem(word: str, lang: str) -> str:
    (result,) = stems(word, lang)
    return result


def test_fold_lowercases_strips_accents_and_ligatures() -> None:
    assert fold("Œuvre Sobriété Ça Noël") == "oeuvre sobriete ca noel"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("coalitions", "coalition"),
        ("Coalition", "coalition"),
        ("énergie", "energie"),
        ("énergies", "energie"),
        ("données", "donnees"),
        ("donnée", "données"),
        ("publique", "publiques"),
        ("médiation", "mediation"),
        ("numériques", "numérique"),
        ("collectivités", "collectivite"),
        ("acheteurs", "acheteur"),
        ("Sobriété", "sobriete"),
        ("réemploi", "reemploi"),
    ],
)
def test_french_pairs_meet(a: str, b: str) -> None:
    assert stem(a, "fr") == stem(b, "fr")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("coalitions", "coalition"),
        ("Energies", "energy"),
        ("reducing", "reduce"),
        ("servers", "server"),
        ("communities", "community"),
        ("naïve", "naive"),
    ],
)
def test_english_pairs_meet(a: str, b: str) -> None:
    assert stem(a, "en") == stem(b, "en")


def test_different_words_stay_apart() -> None:
    assert stem("énergie", "fr") != stem("emploi", "fr")
    assert stem("mobilité", "fr") != stem("mobilier", "fr")


def test_elisions_contractions_and_stop_words_are_dropped() -> None:
    surfaces = [s for _, s in tokens("L'empreinte qu'on n'allonge pas aujourd'hui", "fr")]
    assert surfaces == ["empreinte", "allonge"]
    surfaces = [s for _, s in tokens("It's the servers' footprint, don't you think", "en")]
    assert surfaces == ["servers", "footprint", "think"]


def test_surfaces_keep_accents_and_numbers_are_dropped() -> None:
    assert tokens("Énergie 2022", "fr") == [("energ", "énergie")]


def test_language_is_guessed_from_stop_words() -> None:
    assert guess_language("Reduce the footprint of the data centres in our cities") == "en"
    assert guess_language("Réduire l'empreinte des centres de données de la ville") == "fr"
    assert guess_language("sobriété numérique") == "fr"  # no clue: French
    assert guess_language("") == "fr"


def test_char_ngrams_stay_within_the_word() -> None:
    grams = char_ngrams("energ")
    assert {" en", "ene", "rg ", " ener", "energ", "nerg "} <= set(grams)
    assert all(len(g) in (3, 4, 5) for g in grams)
    assert not any(" " in g.strip() for g in grams)


def test_tags_weigh_as_terms_with_their_weight() -> None:
    bag = Bag.of("Sobriété numérique", ["énergie", "Self Data"], lang="fr", tag_weight=3)
    assert bag.weights[stem("énergie", "fr")] == 3
    assert bag.weights[stem("sobriété", "fr")] == 1
    assert bag.length == 1 + 1 + 3 * 3
    assert sorted(bag.token_list()).count(stem("data", "fr")) == 3
    assert bag.tags == ["énergie", "Self Data"]


def test_tag_key_ignores_case_accents_and_spaces() -> None:
    assert tag_key("  Médiation   Numérique ") == tag_key("mediation numerique")

"""The search page's excerpt: around the word found, whatever its accents, marked, escaped."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from alliage.sitesearch.templatetags.sitesearch import WIDTH, excerpt


def test_the_word_is_marked_with_its_own_accents_and_case() -> None:
    assert excerpt("Vers la Sobriété numérique.", "sobriete") == (
        "Vers la <mark>Sobriété</mark> numérique."
    )


def test_a_word_far_in_the_text_is_shown_with_what_comes_before_it() -> None:
    text = "Début. " + "mot " * 100 + "la cible est ici, et la suite " + "fin " * 100
    shown = excerpt(text, "cible")
    assert shown.startswith("…") and shown.endswith("…")
    assert "<mark>cible</mark>" in shown
    assert "Début" not in shown
    assert len(shown) < WIDTH + 40


def test_only_word_starts_are_marked() -> None:
    """As the search matches (a prefix of a word), not the middle of a word."""
    assert excerpt("Le pardon, un don, des données.", "don") == (
        "Le pardon, un <mark>don</mark>, des <mark>don</mark>nées."
    )


def test_the_text_is_escaped_and_markdown_marks_left_out() -> None:
    shown = excerpt("**Gras** <script>x</script> [lien](https://x.org) & cie", "lien")
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "**" not in shown and "https://x.org" not in shown
    assert "<mark>lien</mark>" in shown and "&amp; cie" in shown


def test_no_text_no_excerpt() -> None:
    assert excerpt("", "x") == ""
    assert excerpt(None, "x") == ""


def test_a_text_without_the_word_shows_its_start() -> None:
    assert excerpt("Un texte court.", "absent") == "Un texte court."


@given(st.text(), st.text())
def test_any_text_and_query_give_an_escaped_excerpt(text: str, q: str) -> None:
    shown = excerpt(text, q)
    assert "<" not in shown.replace("<mark>", "").replace("</mark>", "")

from __future__ import annotations

from types import SimpleNamespace

from django.template import engines
from django.utils import translation

TEMPLATE = engines["django"].from_string("<h1{% lang_of obj %}>t</h1>{% written_in obj %}")


def render(obj, language):
    with translation.override(language):
        return TEMPLATE.render({"obj": obj, "LANGUAGE_CODE": language})


def test_a_french_text_on_an_english_page_is_marked_and_announced():
    out = render(SimpleNamespace(content_language="fr"), "en")
    assert '<h1 lang="fr">' in out
    assert "Written in French" in out


def test_a_text_in_the_page_language_carries_nothing():
    assert render(SimpleNamespace(content_language="fr"), "fr") == "<h1>t</h1>"
    assert render(SimpleNamespace(content_language="en"), "en") == "<h1>t</h1>"


def test_an_english_text_on_a_french_page_is_marked_in_french():
    with translation.override("fr"):
        out = TEMPLATE.render(
            {"obj": SimpleNamespace(content_language="en"), "LANGUAGE_CODE": "fr"}
        )
    assert '<h1 lang="en">' in out


def test_unknown_or_missing_languages_mark_nothing():
    assert render(SimpleNamespace(content_language='xx" onload="x'), "en") == "<h1>t</h1>"
    assert render(SimpleNamespace(), "en") == "<h1>t</h1>"
    assert render(None, "en") == "<h1>t</h1>"

"""The shared widgets: a checkbox list with a filter, for choosing several among many on a
touch screen as well as with a mouse; and ``folded``, how titles compare."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from alliage.core.text import folded
from alliage.core.widgets import CheckboxList


class TeamForm(forms.Form):
    people = forms.MultipleChoiceField(
        label="People",
        choices=[("1", "Émilie Faure"), ("2", "Hugo Marchetti"), ("3", "Léa Martineau")],
        widget=CheckboxList,
        required=False,
        help_text="Who works on it.",
    )


def render(form: forms.Form) -> str:
    with translation.override("en"):
        return render_to_string("core/_field.html", {"field": form["people"]})


def test_a_checkbox_list_is_a_fieldset_of_checkboxes_with_a_filter_for_the_script() -> None:
    html = render(TeamForm(initial={"people": ["2"]}))
    assert re.match(
        r'<div class="field">\s*<fieldset class="choices" aria-describedby="id_people_helptext">'
        r"<legend>People</legend>",
        html,
    )
    assert html.count('type="checkbox" name="people"') == 3
    assert re.search(r'value="2"[^>]* checked', html)
    assert not re.search(r'value="1"[^>]* checked', html)
    # The filter and the count wait hidden for the script; the list itself works without it.
    assert '<div class="checklist-tools" hidden>' in html
    assert '<label for="id_people_filter">Filter the list</label>' in html
    assert (
        'aria-controls="id_people"' in html and '<div class="checklist-box" id="id_people">' in html
    )
    assert '<p class="help" id="id_people_helptext">Who works on it.</p>' in html
    assert "<select" not in html


def test_the_ticked_choices_come_first_the_others_in_their_order() -> None:
    html = render(TeamForm(initial={"people": ["3"]}))
    assert re.findall(r'name="people" value="(\d)"', html) == ["3", "1", "2"]


def test_a_checkbox_list_brings_its_script() -> None:
    assert str(TeamForm().media) == '<script src="/static/alliage/checklist.js" defer></script>'


def test_a_checkbox_list_posts_like_a_multiple_select() -> None:
    form = TeamForm({"people": ["1", "3"]})
    assert form.is_valid() and form.cleaned_data["people"] == ["1", "3"]


@pytest.mark.parametrize(
    ("a", "b"),
    [("Guide du réemploi", "guide du REEMPLOI"), ("L'Été  des communs ", "l'ete des communs"),
     ("Œuvre", "œuvre"), ("Straße", "STRASSE")],
)  # fmt: skip
def test_folded_titles_compare_without_case_accents_or_extra_spaces(a: str, b: str) -> None:
    assert folded(a) == folded(b)


def test_folded_keeps_what_tells_titles_apart() -> None:
    assert folded("Kit Facteur 4") != folded("Kit Facteur 5")
    assert folded("") == ""


def test_a_date_picker_writes_iso_dates_whatever_the_language() -> None:
    """An <input type="date"> reads only ISO 8601: in French ("04/12/2026") a form opened
    again would show an empty date, and saving it would erase it."""
    import datetime as dt

    from django import forms
    from django.utils import translation

    from alliage.core.widgets import DatePicker

    class Form(forms.Form):
        day = forms.DateField(widget=DatePicker())

    with translation.override("fr"):
        html = str(Form(initial={"day": dt.date(2026, 12, 4)})["day"])
    assert 'type="date"' in html and 'value="2026-12-04"' in html

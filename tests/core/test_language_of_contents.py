"""The texts people write inside a page, not only its title, are read in their own language on
the English site (WCAG 3.1.2): milestones and indicators in the coalition's, a call's criteria in
the call's, a person's intentions and job titles in the person's, an organisation's name in the
organisation's. The page's own words stay in English."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.test import Client

from alliage.actors.models import Person
from alliage.calls.models import Assignment
from alliage.coalitions.models import Coalition

from ..clients import client_for
from ..factories import (
    AffiliationFactory,
    CallFactory,
    CoalitionMemberFactory,
    CriterionFactory,
    IndicatorFactory,
    MilestoneFactory,
    OrganisationFactory,
    PersonFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Languages(HTMLParser):
    """Each text of the page with the language it is read in (its nearest ``lang``)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            inherited = self.stack[-1][1] if self.stack else None
            self.stack.append((tag, dict(attrs).get("lang", inherited)))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if data.strip() and self.stack:
            self.texts.append((" ".join(data.split()), self.stack[-1][1]))


def read_in(html: str, text: str) -> set[str | None]:
    """The languages ``text`` is read in wherever the page shows it (it must show it)."""
    parser = _Languages()
    parser.feed(html)
    found = {lang for shown, lang in parser.texts if shown == text}
    assert found, f"{text!r} is not on the page"
    return found


def english(url: str, client: Client | None = None) -> str:
    response = (client or Client()).get("/en" + url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_milestones_members_and_indicators_on_the_coalition_page_and_its_report() -> None:
    organisation = OrganisationFactory(name="Métropole Loire-Estuaire")
    member = CoalitionMemberFactory(organisation=organisation)
    AffiliationFactory(person=member.person, organisation=organisation)
    coalition = member.coalition
    MilestoneFactory(coalition=coalition, title="Première session de formation")
    IndicatorFactory(
        coalition=coalition,
        name="Collectivités qui utilisent la grille",
        description="Acheteurs publics qui ont intégré la grille.",
    )
    page = english(coalition.get_absolute_url())
    assert read_in(page, "Première session de formation") == {"fr"}
    assert read_in(page, "Métropole Loire-Estuaire") == {"fr"}
    assert read_in(page, "Collectivités qui utilisent la grille") == {"fr"}
    assert read_in(page, "Path") == {"en"}  # the page's own words are not French
    report = english(f"/coalitions/{coalition.slug}/impact/")
    assert read_in(report, "Première session de formation") == {"fr"}
    assert read_in(report, "Collectivités qui utilisent la grille") == {"fr"}
    assert read_in(report, "Acheteurs publics qui ont intégré la grille.") == {"fr"}
    programme = english(f"/programmes/{coalition.programme.slug}/impact/")
    assert read_in(programme, "Collectivités qui utilisent la grille") == {"fr"}


def test_the_indicator_page_marks_its_name_and_description() -> None:
    indicator = IndicatorFactory(name="Jeux de données hébergés", description="Combien, et où.")
    page = english(indicator.get_absolute_url())
    assert read_in(page, "Jeux de données hébergés") == {"fr"}
    assert read_in(page, "Combien, et où.") == {"fr"}
    assert read_in(page, "Baseline and target") == {"en"}


def test_an_english_coalition_s_texts_carry_nothing_on_the_english_page() -> None:
    milestone = MilestoneFactory(title="Kick-off meeting")
    Coalition.objects.filter(pk=milestone.coalition_id).update(content_language="en")
    assert read_in(english(milestone.coalition.get_absolute_url()), "Kick-off meeting") == {"en"}


def test_a_call_s_criteria_and_their_guidance_are_in_the_call_s_language() -> None:
    call = CallFactory()
    CriterionFactory(call=call, name="Force de l'intention commune", guidance="Est-elle claire ?")
    page = english(call.get_absolute_url())
    assert read_in(page, "Force de l'intention commune") == {"fr"}
    assert read_in(page, "Est-elle claire ?") == {"fr"}
    assert read_in(page, "Criterion") == {"en"}


def test_the_review_form_marks_the_criterion_but_not_its_scale() -> None:
    now = dt.datetime.now(tz=dt.UTC)
    call = CallFactory(opens_at=now - dt.timedelta(days=30), closes_at=now - dt.timedelta(hours=1))
    CriterionFactory(call=call, name="Caractère innovant", guidance="Qu'est-ce qui est nouveau ?")
    submission = SubmissionFactory(call=call)
    reviewer = PersonFactory().user
    Assignment.objects.create(submission=submission, reviewer=reviewer)
    page = english(f"/calls/submissions/{submission.pk}/review/", client_for(reviewer))
    assert read_in(page, "Caractère innovant") == {"fr"}
    assert read_in(page, "Qu'est-ce qui est nouveau ?") == {"fr"}
    assert read_in(page, "From 0 (weakest) to 5 (strongest).") == {"en"}
    assert read_in(page, "(required to send)") == {"en"}


def test_a_person_s_intentions_capacities_and_job_titles_are_in_their_language() -> None:
    person = PersonFactory(intentions="Déployer le cloud personnel.", capabilities="Des données.")
    organisation = OrganisationFactory(name="Syndicat mixte Numérique Armor")
    AffiliationFactory(person=person, organisation=organisation, role="Directeur technique")
    listing = organisation.get_absolute_url()  # before a request leaves English active
    page = english(person.get_absolute_url())
    assert read_in(page, "Déployer le cloud personnel.") == {"fr"}
    assert read_in(page, "Des données.") == {"fr"}
    assert read_in(page, "Directeur technique") == {"fr"}
    assert read_in(page, "Syndicat mixte Numérique Armor") == {"fr"}
    assert read_in(page, "Intentions") == {"en"}
    assert read_in(english(listing), "Directeur technique") == {"fr"}
    # The job title is the person's text: in English when they write in English.
    Person.objects.filter(pk=person.pk).update(content_language="en")
    assert read_in(english(listing), "Directeur technique") == {"en"}


def test_an_organisation_s_intentions_are_in_its_language() -> None:
    organisation = OrganisationFactory(intentions="Réécrire ses grilles d'appels à projets.")
    page = english(organisation.get_absolute_url())
    assert read_in(page, "Réécrire ses grilles d'appels à projets.") == {"fr"}

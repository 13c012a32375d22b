"""Every page of the demo, in both languages, passes basic accessibility checks: one h1, a main
landmark, a language, a label for every form control, alt text on images, no inline style."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.test import Client

from alliage.actors.models import Person
from alliage.agenda.models import Event
from alliage.calls.models import Call, Submission
from alliage.coalitions.models import Coalition, Programme
from alliage.demo.services import DEMO_PASSWORD, demo_load

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.h1 = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self.h1 += tag == "h1"


def problems(html: str) -> list[str]:
    page = Page()
    page.feed(html)
    found = []
    if page.h1 != 1:
        found.append(f"{page.h1} h1")
    if not any(t == "main" for t, _ in page.tags):
        found.append("no main landmark")
    html_tag = next(a for t, a in page.tags if t == "html")
    if html_tag.get("lang") not in ("fr", "en"):
        found.append("no lang")
    labelled = {a.get("for") for t, a in page.tags if t == "label"}
    for tag, attrs in page.tags:
        if "style" in attrs:
            found.append(f"inline style on {tag}")
        if tag == "img" and "alt" not in attrs:
            found.append("img without alt")
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/ld+json":
            found.append("inline script")
        if tag in ("input", "select", "textarea"):
            if attrs.get("type") in ("hidden", "submit", "button"):
                continue
            if attrs.get("id") not in labelled and not attrs.get("aria-label"):
                found.append(f"unlabelled {tag} {attrs.get('name')}")
    return found


def urls() -> list[str]:
    coalition = Coalition.objects.get(slug="commande-publique-responsable")
    event = Event.objects.filter(title__startswith="Atelier SWOT").get()
    f4 = Call.objects.get(slug="appel-innovation-facteur-4")
    submission = Submission.objects.filter(call=f4).first()
    f4_coalition = Coalition.objects.get(slug="reperage-facteur-4-bretagne")
    assessment = f4_coalition.assessments.first()
    indicator = coalition.indicators.first()
    return [
        "/",
        *(p.get_absolute_url() for p in Programme.objects.all()[:2]),
        "/coalitions/",
        coalition.get_absolute_url(),
        coalition.get_absolute_url() + "edit/",
        coalition.get_absolute_url() + "history/",
        "/coalitions/new/",
        "/actors/",
        "/actors/?tab=people",
        "/actors/me/",
        "/agenda/",
        f"/agenda/month/{dt.date.today().year}/{dt.date.today().month}/",  # noqa: DTZ011
        event.get_absolute_url(),
        event.get_absolute_url() + "attendees/",
        "/agenda/me/",
        "/calls/",
        "/calls/appel-a-coalitions-reset/",
        "/calls/appel-a-coalitions-reset/submit/",
        f4.get_absolute_url(),
        f4.get_absolute_url() + "ranking/",
        submission.get_absolute_url(),
        "/calls/me/",
        "/calls/reviews/",
        f"/coalitions/{f4_coalition.slug}/",
        f"/coalitions/{f4_coalition.slug}/impact/",
        f"/coalitions/{f4_coalition.slug}/assessments/compare/",
        f"/coalitions/{f4_coalition.slug}/assessments/new/accompanier/",
        assessment.get_absolute_url(),
        indicator.get_absolute_url(),
        f"/coalitions/{coalition.slug}/indicators/new/",
        "/programmes/reset-2022/impact/",
        "/me/data/",
        "/me/consents/",
        "/me/audit/",
        "/me/delete/",
        "/team/audit/",
        "/team/inactive-accounts/",
        Person.objects.get(user__email="membre@alliage.example.org").get_absolute_url(),
        Person.objects.get(user__email="membre@alliage.example.org").get_absolute_url()
        + "contact/",
        "/library/",
        "/library/?kind=dataset&q=collectivit%C3%A9s",
        "/library/cahier-hypervoix/",
        "/library/guide-methodologique-innovation-facteur-4/",
        "/library/duree-de-vie-equipements-collectivites/",
        "/library/duree-de-vie-equipements-collectivites/files/",
        "/library/cahier-reset-sept-qualites/reuse/",
        "/library/cahier-reset-sept-qualites/edit/",
        "/library/new/",
        "/library/reuses/",
        "/opendata/",
    ]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_demo_pages_pass_basic_accessibility_checks(prefix: str) -> None:
    demo_load(today=dt.date.today())  # noqa: DTZ011
    team = Client()
    assert (
        team.post(
            "/accounts/login/",
            {"username": "equipe@alliage.example.org", "password": DEMO_PASSWORD},
        ).status_code
        == 302
    )
    anonymous = Client()
    failures = {}
    for url in urls():
        for client in (team, anonymous):
            response = client.get(prefix + url)
            if response.status_code != 200:
                continue  # pages an anonymous visitor may not open
            if found := problems(response.content.decode()):
                failures[prefix + url] = found
    for url in ("/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"):
        if found := problems(anonymous.get(prefix + url).content.decode()):
            failures[prefix + url] = found
    assert not failures, failures


def test_the_checker_finds_problems() -> None:
    bad = (
        '<html><body><h1>a</h1><h1>b</h1><img src="x"><input name="q">'
        '<p style="color:red">x</p><script>alert(1)</script></body></html>'
    )
    assert set(problems(bad)) == {
        "2 h1",
        "no main landmark",
        "no lang",
        "img without alt",
        "unlabelled input q",
        "inline style on p",
        "inline script",
    }

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from alliage.actors.models import Organisation, OrganisationKind
from alliage.coalitions.models import Coalition, CoalitionStatus, Programme
from alliage.core.models import User
from alliage.demo.services import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    demo_load(today=dt.date(2026, 11, 29))


def test_demo_has_the_seed_programmes_and_enough_of_everything(demo: None) -> None:
    assert set(Programme.objects.values_list("slug", flat=True)) == {
        "reset-2022",
        "innovation-facteur-4",
        "self-data-territorial",
        "capacitylab",
        "numerique-tous-risques",
    }
    assert Organisation.objects.count() >= 40
    assert set(Organisation.objects.values_list("kind", flat=True)) == set(OrganisationKind.values)
    assert 15 <= Coalition.objects.count() <= 20
    assert set(Coalition.objects.values_list("status", flat=True)) == set(CoalitionStatus.values)


def test_demo_dates_are_moved_to_today(demo: None) -> None:
    active_targets = Coalition.objects.filter(status="active").values_list("target_date", flat=True)
    assert any(d and d.year >= 2026 for d in active_targets)


@pytest.mark.parametrize(("email", "role"), DEMO_ACCOUNTS)
def test_demo_accounts_log_in(demo: None, email: str, role: str) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get("/actors/me/").status_code == 200


def test_demo_team_account_is_in_the_team_group_and_opens_the_admin(demo: None) -> None:
    from alliage.team.services import TEAM_GROUP_NAME

    team = User.objects.get(email="equipe@alliage.example.org")
    assert not team.is_superuser
    assert list(team.groups.values_list("name", flat=True)) == [TEAM_GROUP_NAME]
    client = Client()
    client.force_login(team)
    for page in ("/admin/", "/admin/coalitions/coalition/", "/admin/calls/call/"):
        assert client.get(page).status_code == 200, page


def test_demo_lead_can_edit_their_coalition(demo: None) -> None:
    lead = User.objects.get(email="porteuse@alliage.example.org")
    coalition = Coalition.objects.filter(members__person__user=lead, members__role="lead").first()
    assert lead.has_perm("coalitions.edit_coalition", coalition)
    assert coalition.changes.exists()


def test_demo_pages_render(demo: None) -> None:
    client = Client()
    for url in ["/", "/coalitions/", "/en/coalitions/", "/actors/", "/actors/?tab=people"]:
        assert client.get(url).status_code == 200, url
    for programme in Programme.objects.all():
        assert client.get(programme.get_absolute_url()).status_code == 200
    for coalition in Coalition.objects.filter(is_published=True):
        assert client.get(coalition.get_absolute_url()).status_code == 200
    for organisation in Organisation.objects.all()[:10]:
        assert client.get(organisation.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("d'ici fin 2022", "d'ici fin 2028"),
        ("au printemps 2020", "au printemps 2026"),
        ("#Reset 2022", "#Reset 2022"),
        ("le cycle #Reset 2018-2019", "le cycle #Reset 2018-2019"),
        ("Capacity (2015-2018)", "Capacity (2015-2018)"),
        ("le 2020-05-01", "le 2020-05-01"),
        ("en 2019", "en 2025"),
    ],
)
def test_years_in_texts_move_with_the_dates(text: str, moved: str) -> None:
    from alliage.demo.services import Shift

    assert Shift(dt.date(2026, 11, 29)).text(text) == moved


def test_targets_in_texts_match_target_dates(demo: None) -> None:
    coalition = Coalition.objects.get(slug="commande-publique-responsable")
    assert "2028" in coalition.impact_statement
    assert coalition.target_date.year == 2028


def test_demo_agenda_has_the_programmes_gatherings(demo: None) -> None:
    from alliage.agenda.models import Event, Registration, Series

    kinds = set(Event.objects.values_list("kind", flat=True))
    assert {"reset_day", "assembly", "conference", "breakfast", "workshop", "webinar"} <= kinds
    today = dt.date(2026, 11, 29)
    resets = Event.objects.filter(kind="reset_day")
    assert resets.filter(starts_at__date__lt=today).exists()
    assert resets.filter(starts_at__date__gt=today).exists()
    breakfasts = Series.objects.get().occurrences.all()
    assert breakfasts.count() >= 8
    assert {e.starts_at.astimezone(e.tz).strftime("%H:%M") for e in breakfasts} == {"08:30"}
    full = Event.objects.get(title__startswith="Atelier SWOT")
    assert Registration.objects.filter(event=full, status="confirmed").count() == full.capacity
    assert Registration.objects.filter(event=full, status="waitlisted").exists()


def test_demo_calls(demo: None) -> None:
    from alliage.calls.models import Call
    from alliage.calls.selectors import call_ranking

    open_call = Call.objects.get(slug="appel-a-coalitions-reset")
    assert open_call.status == "open" and open_call.criteria.count() == 5
    decided = Call.objects.get(slug="appel-innovation-facteur-4")
    assert decided.status == "decided"
    rows = call_ranking(call=decided)
    assert any(r.flagged for r in rows)
    accepted = [r.submission for r in rows if r.submission.decision == "accepted"]
    assert len(accepted) == 2 and all(s.coalition for s in accepted)
    assert accepted[0].coalition.status == "forming"
    assert all(s.coalition.is_published for s in accepted)


def test_programme_and_coalition_pages_show_their_events_and_calls(demo: None) -> None:
    from django.test import Client

    body = Client().get("/programmes/reset-2022/").content.decode()
    assert "Appel à coalitions #Reset" in body and "Reset Day" in body
    assert "Petit-déjeuner des adhérents" not in body  # members only
    assert "/agenda/programmes/reset-2022.ics" in body
    coalition = Client().get("/coalitions/commande-publique-responsable/").content.decode()
    assert "/agenda/coalitions/commande-publique-responsable.ics" in coalition


@pytest.mark.parametrize(
    ("typed", "accented"),
    [("numerique", "numérique"), ("donnees", "données"), ("energie", "énergie")],
)
def test_demo_is_searchable_without_accents(demo: None, typed: str, accented: str) -> None:
    """Issue 14: what people type without accents finds what the accented word finds, in the
    coalitions, the directory and the library (the demo is seeded through the services; the
    database indexes every row it writes)."""
    from django.contrib.auth.models import AnonymousUser

    from alliage.actors.selectors import organisation_list
    from alliage.coalitions.selectors import coalition_list
    from alliage.commons.selectors import publication_list

    anon = AnonymousUser()
    lists = (
        lambda q: coalition_list(viewer=anon, q=q),
        lambda q: organisation_list(q=q),
        lambda q: publication_list(viewer=anon, q=q),
    )
    found = 0
    for search in lists:
        with_accents = set(search(accented).values_list("pk", flat=True))
        assert set(search(typed).values_list("pk", flat=True)) == with_accents
        assert set(search(accented.upper()).values_list("pk", flat=True)) == with_accents
        found += len(with_accents)
    assert found > 0

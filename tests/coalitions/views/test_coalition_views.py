from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from alliage.actors.models import OrganisationKind
from alliage.coalitions.models import CanvasChange, Coalition, MemberRole

from ...clients import client_for
from ...conftest import Cast
from ...factories import (
    PASSWORD,
    AffiliationFactory,
    CoalitionFactory,
    CoalitionMemberFactory,
    OrganisationFactory,
    ProgrammeFactory,
)


def populate(n: int) -> None:
    programme = ProgrammeFactory()
    kinds = [k for k, _ in OrganisationKind.choices]
    for i in range(n):
        coalition = CoalitionFactory(programme=programme)
        for j in range(3):
            organisation = OrganisationFactory(kind=kinds[(i + j) % len(kinds)])
            member = CoalitionMemberFactory(
                coalition=coalition, role=MemberRole.LEAD if j == 0 else MemberRole.MEMBER
            )
            member.organisation = organisation
            member.save()


def count_queries(client: Client, url: str, django_assert_num_queries, n: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_list_query_count_does_not_grow_with_coalitions(signed_in: bool) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ...factories import PersonFactory

    user = PersonFactory().user if signed_in else None
    counts = []
    for n in (10, 190):
        populate(n)
        client = client_for(user) if user else Client()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/coalitions/")
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert Coalition.objects.count() == 200
    assert counts[0] == counts[1], counts
    # the header asks whether a signed-in user is on a team (+2) and counts their unread
    # notifications (+1)
    assert counts[1] <= 11


@pytest.mark.django_db
def test_list_filters_and_search() -> None:
    programme = ProgrammeFactory(slug="self-data")
    wanted = CoalitionFactory(
        programme=programme, title="Données personnelles à Rennes", status="forming"
    )
    research = OrganisationFactory(kind="research")
    m = CoalitionMemberFactory(coalition=wanted)
    m.organisation = research
    m.save()
    CoalitionFactory(title="Sobriété numérique", status="forming")
    CoalitionFactory(programme=programme, title="Autre", status="active")
    client = Client()
    response = client.get(
        "/coalitions/",
        {"programme": "self-data", "status": "forming", "kind": "research", "q": "rennes"},
    )
    assert [c.pk for c in response.context["page"].object_list] == [wanted.pk]
    assert "Données personnelles à Rennes" in response.content.decode()


@pytest.mark.django_db
def test_list_bad_filters_do_not_fail() -> None:
    CoalitionFactory()
    response = Client().get("/coalitions/", {"status": "nonsense", "page": "x" * 30})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()


@pytest.mark.django_db
def test_list_htmx_returns_only_the_results() -> None:
    CoalitionFactory(title="Partial coalition")
    response = Client().get("/coalitions/", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'id="results"' in body
    assert "<html" not in body
    assert "Partial coalition" in body


@pytest.mark.django_db
def test_list_paginates_in_sql() -> None:
    programme = ProgrammeFactory()
    CoalitionFactory.create_batch(45, programme=programme)
    response = Client().get("/coalitions/", {"page": 3})
    page = response.context["page"]
    assert (page.number, len(page.object_list), page.paginator.num_pages) == (3, 5, 3)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("", "Diagnostic"), ("/en", "Diagnostic"), ("", "Impact visé"), ("/en", "Targeted impact")],
)
def test_detail_in_both_languages(cast: Cast, prefix: str, expected: str) -> None:
    response = Client().get(f"{prefix}/coalitions/{cast.coalition.slug}/")
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert cast.coalition.title in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "outsider"])
def test_unpublished_coalition_does_not_exist_for_outsiders(cast: Cast, role: str) -> None:
    cast.coalition.is_published = False
    cast.coalition.save()
    for suffix in ("", "edit/", "history/"):
        response = client_for(cast.user(role)).get(f"/coalitions/{cast.coalition.slug}/{suffix}")
        assert response.status_code == 404


@pytest.mark.parametrize("role", ["member", "lead", "team", "admin"])
def test_members_section_shown_to_insiders(cast: Cast, role: str) -> None:
    cast.coalition.members_notes = "Prochaine réunion jeudi"
    cast.coalition.save()
    response = client_for(cast.user(role)).get(cast.coalition.get_absolute_url())
    assert "Prochaine réunion jeudi" in response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "outsider"])
def test_members_section_hidden_from_outsiders(cast: Cast, role: str) -> None:
    cast.coalition.members_notes = "Prochaine réunion jeudi"
    cast.coalition.save()
    response = client_for(cast.user(role)).get(cast.coalition.get_absolute_url())
    assert "Prochaine réunion jeudi" not in response.content.decode()


def edit_payload(coalition: Coalition, **changes: str) -> dict[str, str]:
    data = {
        "title": coalition.title,
        "summary": coalition.summary,
        "is_published": "on",
        "diagnostic": coalition.diagnostic,
        "impact_statement": coalition.impact_statement,
        "target_date": "",
        "levers": coalition.levers,
        "milestones-TOTAL_FORMS": "1",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "1000",
        "milestones-0-title": "",
        "milestones-0-due_date": "",
        "milestones-0-status": "planned",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("outsider", 403), ("member", 403)]
)
def test_edit_refused_changes_nothing(cast: Cast, role: str, status: int) -> None:
    url = reverse("coalitions:coalition-edit", args=[cast.coalition.slug])
    client = client_for(cast.user(role))
    assert client.get(url).status_code == status
    response = client.post(url, edit_payload(cast.coalition, diagnostic="Piraté"))
    assert response.status_code == status
    if status == 302:
        assert "/accounts/login/" in response["Location"]
    cast.coalition.refresh_from_db()
    assert cast.coalition.diagnostic == "Le constat de départ."
    assert not CanvasChange.objects.exists()


@pytest.mark.parametrize("role", ["lead", "team", "admin"])
def test_edit_by_lead_or_team_is_saved_and_historised(cast: Cast, role: str) -> None:
    url = reverse("coalitions:coalition-edit", args=[cast.coalition.slug])
    client = client_for(cast.user(role))
    response = client.post(
        url,
        edit_payload(
            cast.coalition,
            diagnostic="Un constat **précisé**.",
            **{"milestones-0-title": "Atelier SWOT", "milestones-0-due_date": "2027-03-01"},
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    cast.coalition.refresh_from_db()
    assert cast.coalition.diagnostic == "Un constat **précisé**."
    assert cast.coalition.milestones.get().title == "Atelier SWOT"
    history = client.get(reverse("coalitions:coalition-history", args=[cast.coalition.slug]))
    body = history.content.decode()
    assert "<ins>" in body and "précisé" in body and "Atelier SWOT" in body


def test_edit_form_errors_in_french_keep_the_text(cast: Cast) -> None:
    url = reverse("coalitions:coalition-edit", args=[cast.coalition.slug])
    response = client_for(cast.lead).post(
        url,
        edit_payload(cast.coalition, title="", diagnostic="Mon long texte", target_date="32/13"),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ce champ est obligatoire" in body
    assert "Saisissez une date valide" in body
    assert "Mon long texte" in body
    assert not CanvasChange.objects.exists()


def test_edit_stale_form_is_refused_without_losing_text_then_saves(cast: Cast) -> None:
    url = reverse("coalitions:coalition-edit", args=[cast.coalition.slug])
    lead = client_for(cast.lead)
    client_for(cast.team).post(
        url, edit_payload(cast.coalition, levers="Par l'équipe", base_revision="0")
    )
    response = lead.post(
        url, edit_payload(cast.coalition, levers="Par la porteuse", base_revision="0")
    )
    assert response.status_code == 200
    assert "Par la porteuse" in response.content.decode()
    cast.coalition.refresh_from_db()
    assert cast.coalition.levers == "Par l'équipe"
    # The redisplayed form now builds on the other save: submitting it again goes through.
    resubmit = response.context["form"].data.dict()
    resubmit.update(edit_payload(cast.coalition, levers="Par la porteuse"))
    resubmit["base_revision"] = response.context["form"].data["base_revision"]
    assert lead.post(url, resubmit).status_code == 302
    cast.coalition.refresh_from_db()
    assert cast.coalition.levers == "Par la porteuse"


def test_history_is_shown_in_the_readers_language(cast: Cast) -> None:
    url = reverse("coalitions:coalition-transition", args=[cast.coalition.slug])
    client_for(cast.lead).post(url, {"to": "evaluating"})
    history = f"/coalitions/{cast.coalition.slug}/history/"
    assert "En évaluation" in Client().get(history).content.decode()
    english = Client().get("/en" + history).content.decode()
    assert "Evaluating" in english and "En évaluation" not in english


def test_history_paginates_revisions(cast: Cast) -> None:
    from alliage.coalitions import services

    lead = cast.lead
    for i in range(25):
        services.coalition_update_canvas(
            coalition=cast.coalition, by=lead, data={"levers": f"v{i}"}
        )
    page1 = Client().get(f"/coalitions/{cast.coalition.slug}/history/")
    assert [r.number for r in page1.context["revisions"]] == list(range(25, 5, -1))
    page2 = Client().get(f"/coalitions/{cast.coalition.slug}/history/", {"page": 2})
    assert [r.number for r in page2.context["revisions"]] == [5, 4, 3, 2, 1]


def test_unlisted_members_are_not_named_to_outsiders(cast: Cast) -> None:
    person = cast.member.person
    person.is_listed = False
    person.last_name = "Quintrec-Kerbiriou"  # a name no other person of the cast has
    person.save()
    assert person.last_name not in Client().get(cast.coalition.get_absolute_url()).content.decode()
    assert "Profil privé" in Client().get(cast.coalition.get_absolute_url()).content.decode()
    insider = client_for(cast.lead).get(cast.coalition.get_absolute_url()).content.decode()
    assert person.last_name in insider


def test_transition_through_the_page(cast: Cast) -> None:
    url = reverse("coalitions:coalition-transition", args=[cast.coalition.slug])
    assert client_for(cast.member).post(url, {"to": "evaluating"}).status_code == 403
    response = client_for(cast.lead).post(url, {"to": "idea"}, follow=True)
    assert "ne peut pas passer" in response.content.decode()
    client_for(cast.lead).post(url, {"to": "evaluating"})
    cast.coalition.refresh_from_db()
    assert cast.coalition.status == "evaluating"


def test_join_request_flow_through_the_pages(cast: Cast) -> None:
    organisation = AffiliationFactory(person=cast.outsider.person).organisation
    outsider = client_for(cast.outsider)
    detail = outsider.get(cast.coalition.get_absolute_url())
    assert "Demander à rejoindre" in detail.content.decode()
    outsider.post(
        reverse("coalitions:coalition-join", args=[cast.coalition.slug]),
        {"organisation": organisation.pk, "message": "Nous avons des données"},
    )
    lead = client_for(cast.lead)
    page = lead.get(cast.coalition.get_absolute_url()).content.decode()
    assert "Nous avons des données" in page
    request_id = cast.coalition.join_requests.get().pk
    url = reverse("coalitions:join-request-decide", args=[cast.coalition.slug, request_id])
    assert outsider.post(url, {"decision": "accept"}).status_code == 403
    lead.post(url, {"decision": "accept"})
    assert cast.coalition.members.filter(person=cast.outsider.person).exists()


def test_join_with_someone_elses_organisation_is_refused(cast: Cast) -> None:
    other = OrganisationFactory()
    response = client_for(cast.outsider).post(
        reverse("coalitions:coalition-join", args=[cast.coalition.slug]),
        {"organisation": other.pk},
        follow=True,
    )
    assert response.status_code == 200
    assert not cast.coalition.join_requests.exists()


def test_propose_a_coalition(cast: Cast) -> None:
    client = client_for(cast.outsider)
    response = client.post(
        reverse("coalitions:coalition-propose"),
        {"programme": cast.coalition.programme.pk, "title": "Achats publics responsables"},
    )
    coalition = Coalition.objects.get(title="Achats publics responsables")
    assert response["Location"] == reverse("coalitions:coalition-edit", args=[coalition.slug])
    assert client.get(response["Location"]).status_code == 200
    assert Client().get(coalition.get_absolute_url()).status_code == 404


def test_login_with_email(cast: Cast) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": cast.lead.email, "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_home_and_programme_pages() -> None:
    coalition = CoalitionFactory(title="Coalition visible")
    for url in ("/", "/en/", coalition.programme.get_absolute_url()):
        response = Client().get(url)
        assert response.status_code == 200
        assert "Coalition visible" in response.content.decode()
    assert Client().get("/programmes/nope/").status_code == 404


@pytest.mark.django_db
def test_an_account_without_a_person_gets_one_instead_of_an_error() -> None:
    """Its pages show without a person, and showing them writes nothing; the person is made,
    unlisted and named from the address, when the account first acts."""
    from alliage.actors.models import Person
    from alliage.core.models import User

    coalition = CoalitionFactory()
    admin = User.objects.create_superuser(email="root@example.org", password="x" * 12)
    client = client_for(admin)
    assert client.get(coalition.get_absolute_url()).status_code == 200
    assert client.get(reverse("coalitions:coalition-propose")).status_code == 200
    response = client.get("/actors/me/")
    assert response.status_code == 200
    assert response.context["form"]["first_name"].value() == "root"
    assert not Person.objects.filter(user=admin).exists()  # reading a page never writes
    data = {"programme": coalition.programme.pk, "title": "Une idée", "organisation": ""}
    assert client.post(reverse("coalitions:coalition-propose"), data).status_code == 302
    admin.refresh_from_db()
    assert admin.person.first_name == "root"
    assert not admin.person.is_listed and not admin.person.is_suggestable


def test_a_lead_cannot_decide_another_coalitions_request_through_their_own(cast: Cast) -> None:
    from alliage.coalitions import services

    other = CoalitionFactory()
    request = services.join_request_create(coalition=other, by=cast.outsider, organisation=None)
    url = reverse("coalitions:join-request-decide", args=[cast.coalition.slug, request.pk])
    assert client_for(cast.lead).post(url, {"decision": "accept"}).status_code == 404
    request.refresh_from_db()
    assert request.status == "pending"


def test_leads_manage_roles_members_leave_and_a_lead_always_remains(cast: Cast) -> None:
    member = cast.coalition.members.get(person__user=cast.member)
    lead = cast.coalition.members.get(person__user=cast.lead)
    url = reverse("coalitions:member-manage", args=[cast.coalition.slug, member.pk])
    lead_url = reverse("coalitions:member-manage", args=[cast.coalition.slug, lead.pk])
    remove = reverse("coalitions:member-remove", args=[cast.coalition.slug, member.pk])
    lead_remove = reverse("coalitions:member-remove", args=[cast.coalition.slug, lead.pk])
    page = cast.coalition.get_absolute_url()
    assert client_for(cast.outsider).post(url, {"action": "remove"}).status_code == 403
    assert client_for(cast.outsider).get(remove).status_code == 403
    assert client_for(cast.outsider).post(remove).status_code == 403
    assert Client().post(url, {"action": "remove"}).status_code == 302
    assert client_for(cast.member).post(lead_url, {"role": "observer"}).status_code == 403
    client_for(cast.lead).post(url, {"action": "role", "role": "funder"})
    member.refresh_from_db()
    assert member.role == "funder"
    # The only lead is told before confirming that they cannot leave, and cannot force it.
    response = client_for(cast.lead).get("/en" + lead_remove)
    assert response.status_code == 200
    assert "only lead" in response.content.decode()
    assert 'method="post"' not in response.content.decode().split("<main", 1)[1]
    response = client_for(cast.lead).post("/en" + lead_remove, follow=True)
    assert "only lead" in response.content.decode()
    assert cast.coalition.members.filter(role="lead").exists()
    # The old one-click form writes nothing: it is sent to the confirmation page.
    response = client_for(cast.member).post(url, {"action": "remove", "confirm": "yes"})
    assert response.status_code == 302 and response["Location"] == remove
    assert cast.coalition.members.filter(pk=member.pk).exists()
    # The confirmation page says what is lost; its post removes.
    html = client_for(cast.lead).get("/en" + remove).content.decode()
    assert "no longer see the members' notes" in html
    assert f'action="/en{remove}"' in html
    assert f'href="/en{page}#s-coalition"' in html  # cancel
    assert cast.coalition.members.filter(pk=member.pk).exists()
    response = client_for(cast.member).post(remove)
    assert response.status_code == 302
    assert not cast.coalition.members.filter(pk=member.pk).exists()
    assert client_for(cast.lead).post(lead_url, {"role": "nonsense"}).status_code == 302


def test_the_viewers_own_row_has_no_role_select_nor_remove_button(cast: Cast) -> None:
    member = cast.coalition.members.get(person__user=cast.member)
    lead = cast.coalition.members.get(person__user=cast.lead)
    page = cast.coalition.get_absolute_url()
    remove_member = reverse("coalitions:member-remove", args=[cast.coalition.slug, member.pk])
    remove_lead = reverse("coalitions:member-remove", args=[cast.coalition.slug, lead.pk])
    html = client_for(cast.lead).get(page).content.decode()
    assert f'id="role-{member.pk}"' in html
    assert remove_member in html
    assert f'id="role-{lead.pk}"' not in html
    assert remove_lead not in html
    # A member (not a lead) may still leave, through the confirmation page.
    html = client_for(cast.member).get(page).content.decode()
    assert remove_member in html
    assert f'id="role-{member.pk}"' not in html


@pytest.mark.django_db
def test_search_on_postgresql_is_french_full_text() -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite does not stem; this checks the PostgreSQL path")
    wanted = CoalitionFactory(title="Des critères pour les achats publics responsables")
    CoalitionFactory(title="Autre chose")
    response = Client().get("/coalitions/", {"q": "achat critère"})
    assert [c.pk for c in response.context["page"].object_list] == [wanted.pk]

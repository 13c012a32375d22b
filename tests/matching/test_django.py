"""The matching engine inside the site: the index follows the database, suggestions respect
visibility and consent, and each feature answers on its page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alliage.actors.models import OrganisationKind, Person
from alliage.coalitions.models import Coalition, MemberRole
from alliage.matching import selectors, store

from ..conftest import fresh
from ..factories import (
    AffiliationFactory,
    CallFactory,
    CoalitionFactory,
    CoalitionMemberFactory,
    OrganisationFactory,
    PersonFactory,
    SubmissionFactory,
)

pytestmark = pytest.mark.django_db

REPAIR = (
    "Réparation et reconditionnement des ordinateurs des écoles, réemploi des équipements "
    "numériques, allonger la durée de vie du matériel informatique."
)


def _association_coalition():
    coalition = CoalitionFactory(
        title="Faire durer les ordinateurs des écoles",
        summary="Allonger la durée de vie du matériel informatique des écoles.",
        seeking="Des partenaires pour la réparation et le reconditionnement des ordinateurs.",
    )
    for n in range(2):
        member = CoalitionMemberFactory(
            coalition=coalition, role=MemberRole.LEAD if n else "member"
        )
        member.organisation = OrganisationFactory(kind=OrganisationKind.ASSOCIATION)
        member.save()
    return Coalition.objects.prefetch_related("members__organisation").get(pk=coalition.pk)


def test_among_equally_relevant_actors_a_missing_kind_comes_first(matching_index) -> None:
    coalition = _association_coalition()
    for name, kind in (
        ("Atelier associatif", OrganisationKind.ASSOCIATION),
        ("Autre association", OrganisationKind.ASSOCIATION),
        ("Reconditionneur SA", OrganisationKind.SME),
        ("Rectorat", OrganisationKind.PUBLIC_BODY),
    ):
        OrganisationFactory(name=name, kind=kind, capabilities=REPAIR)
    suggestions = selectors.actors_to_invite(coalition=coalition)
    names = [str(s.actor) for s in suggestions]
    assert set(names[:2]) == {"Reconditionneur SA", "Rectorat"}
    first = suggestions[0]
    assert first.reason.adds_kind in {"PME ou start-up", "Organisme public"}
    assert "reconditionnement" in first.reason.terms or "réparation" in first.reason.terms
    assert all(s.reason.terms or s.reason.tags or s.reason.adds_kind for s in suggestions)


def test_members_their_organisations_and_unlisted_actors_are_never_suggested(matching_index):
    coalition = _association_coalition()
    member_org = coalition.members.first().organisation
    member_org.capabilities = REPAIR
    member_org.save()
    OrganisationFactory(name="Caché", capabilities=REPAIR, is_listed=False)
    OrganisationFactory(name="Visible", capabilities=REPAIR)
    names = [str(s.actor) for s in selectors.actors_to_invite(coalition=coalition)]
    assert names == ["Visible"]


def test_a_person_who_withdraws_consent_disappears_at_once(
    matching_index, django_capture_on_commit_callbacks
) -> None:
    coalition = _association_coalition()
    person = PersonFactory(capabilities=REPAIR, is_suggestable=True, is_listed=True)
    AffiliationFactory(person=person, organisation=OrganisationFactory(kind="research"))
    assert person in [s.actor for s in selectors.actors_to_invite(coalition=coalition)]
    with django_capture_on_commit_callbacks(execute=True):
        person.is_suggestable = False
        person.save()
    # Gone from the index after the commit's update, and from the results even before it.
    assert f"person:{person.pk}" not in store.index_get()
    assert person not in [s.actor for s in selectors.actors_to_invite(coalition=coalition)]


def test_the_index_follows_saves_after_commit(matching_index, django_capture_on_commit_callbacks):
    store.index_get()  # an index exists before the change
    with django_capture_on_commit_callbacks(execute=True):
        org = OrganisationFactory(name="Nouvelle", capabilities=REPAIR)
    index = store.index_get()
    assert f"org:{org.pk}" in index
    with django_capture_on_commit_callbacks(execute=True):
        org.delete()
    assert f"org:{org.pk}" not in store.index_get()


def test_another_process_update_is_seen(matching_index) -> None:
    first = store.index_get()
    OrganisationFactory(name="Ailleurs", capabilities=REPAIR)
    store.index_rebuild()  # as another worker would, replacing the file
    assert len(store.index_get()) == len(first) + 1


def test_coalitions_for_an_actor(client, matching_index) -> None:
    wanted = CoalitionFactory(
        title="Réemploi des ordinateurs des écoles",
        seeking="Un atelier de réparation et de reconditionnement.",
    )
    CoalitionFactory(
        title="Données personnelles des habitants",
        summary="Rendre aux habitants la maîtrise de leurs données.",
        seeking="Des juristes.",
    )
    hidden = CoalitionFactory(title="Réparation cachée des ordinateurs", is_published=False)
    org = OrganisationFactory(slug="atelier", capabilities=REPAIR)
    page = client.get(
        reverse("matching:for-organisation", args=["atelier"]), headers={"HX-Request": "true"}
    ).content.decode()
    assert wanted.title in page
    assert "Données personnelles" not in page
    assert hidden.title not in page
    CoalitionMemberFactory(coalition=wanted, person=PersonFactory(), organisation=org)
    page = client.get(reverse("matching:for-organisation", args=["atelier"])).content.decode()
    assert wanted.title not in page  # already in it


def test_coalitions_for_me_only_for_me(client, matching_index) -> None:
    me = PersonFactory(capabilities=REPAIR)
    url = reverse("matching:for-person", args=[me.pk])
    assert client.get(url).status_code == 404
    client.force_login(PersonFactory().user)
    assert client.get(url).status_code == 404
    client.force_login(me.user)
    assert client.get(url).status_code == 200


def test_similar_ideas_while_typing(client, matching_index) -> None:
    existing = CoalitionFactory(
        title="Réparer les ordinateurs des écoles", summary="Réemploi et reconditionnement."
    )
    url = reverse("matching:similar")
    page = client.get(url, {"title": "reparation des ordinateur", "summary": "écoles, réemploi"})
    assert existing.title in page.content.decode()
    assert existing.title not in client.get(url, {"title": "vélo"}).content.decode()
    assert client.get(url, {"title": "x" * 10_000}).status_code == 200


def test_invitations_are_for_the_coalition_and_its_team(client, cast, matching_index) -> None:
    url = reverse("matching:invite", args=[cast.coalition.slug])
    assert client.get(url).status_code == 302  # log in first
    for role, status in (("outsider", 403), ("member", 200), ("lead", 200), ("team", 200)):
        client.force_login(cast.user(role))
        assert client.get(url).status_code == status, role
    cast.coalition.is_published = False
    cast.coalition.save()
    client.force_login(cast.outsider)
    assert client.get(url).status_code == 404


def test_the_coalition_page_loads_suggestions_after_itself(client, cast, matching_index):
    client.force_login(cast.lead)
    page = client.get(cast.coalition.get_absolute_url()).content.decode()
    assert f'hx-get="{reverse("matching:invite", args=[cast.coalition.slug])}"' in page
    client.force_login(fresh(cast.outsider))
    page = client.get(cast.coalition.get_absolute_url()).content.decode()
    assert "matching" not in page.split("<main", 1)[1].split("</main>")[0] or "invite/" not in page


def test_suggestions_take_a_constant_number_of_queries(client, cast, matching_index) -> None:
    client.force_login(cast.lead)
    url = reverse("matching:invite", args=[cast.coalition.slug])
    cast.coalition.seeking = REPAIR
    cast.coalition.save()
    OrganisationFactory(capabilities=REPAIR)
    one = PersonFactory(capabilities=REPAIR, is_suggestable=True)
    AffiliationFactory(person=one, organisation=OrganisationFactory())
    store.index_rebuild()
    with CaptureQueriesContext(connection) as few:
        client.get(url, headers={"HX-Request": "true"})
    for _n in range(12):
        person = PersonFactory(capabilities=REPAIR, is_suggestable=True)
        AffiliationFactory(person=person, organisation=OrganisationFactory(capabilities=REPAIR))
    store.index_rebuild()
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, headers={"HX-Request": "true"})
    assert response.content.decode().count("<li>") == 8
    # Only the picks are read whole: a kind of actor absent from them costs no query.
    assert len(many) <= len(few)


CONVERGENT = (
    ("Réparer les ordis des écoles", "Un atelier de reparation des ordinateurs des ecoles."),
    ("Reconditionner les ordinateurs scolaires", "Réparation et reconditionement des ordinateurs."),
    ("Atelier de réparation d'ordinateurs", "Réparer les ordinateurs des écoles du quartier."),
)


def _call_with_submissions():
    call = CallFactory()
    rows = [
        SubmissionFactory(call=call, title=t, summary=s, diagnostic="", impact="")
        for t, s in CONVERGENT
    ]
    other = SubmissionFactory(
        call=call,
        title="Covoiturage rural",
        summary="Partager les trajets domicile-travail en voiture à la campagne.",
        diagnostic="",
        impact="",
    )
    return call, rows, other


def test_near_duplicates_converge_and_the_team_starts_a_coalition(client, matching_index):
    call, rows, other = _call_with_submissions()
    team = PersonFactory().user
    call.programme.team.add(team)
    url = reverse("matching:convergences", args=[call.slug])
    client.force_login(PersonFactory().user)
    assert client.get(url).status_code == 403
    client.force_login(team)
    groups = selectors.call_convergences(call=call, threshold=0.3).groups
    assert sorted(s.pk for s in groups[0].submissions) == sorted(r.pk for r in rows)
    assert all(other not in g.submissions for g in groups)
    page = client.get(url, {"threshold": "0.3"}).content.decode()
    assert "Covoiturage rural" in page
    assert client.get(url, {"threshold": "abc"}).status_code == 200
    assert client.get(url, {"threshold": "nan"}).status_code == 200

    response = client.post(
        reverse("matching:start-coalition", args=[call.slug]),
        {"submission": [r.pk for r in rows], "title": "Réparer les ordinateurs des écoles"},
    )
    coalition = Coalition.objects.get(title="Réparer les ordinateurs des écoles")
    assert response.status_code == 302
    assert not coalition.is_published
    people = set(coalition.members.values_list("person_id", flat=True))
    assert {r.person_id for r in rows} <= people
    assert coalition.members.get(role=MemberRole.LEAD).person.user == team


def test_convergences_read_the_changes_made_since_the_snapshot(matching_index) -> None:
    call, rows, _other = _call_with_submissions()
    store.index_get()
    late = SubmissionFactory(call=call, title="Réparer les ordinateurs", summary=CONVERGENT[0][1])
    store.index_write([f"submission:{late.pk}"])  # on top of the snapshot, not folded in
    groups = selectors.call_convergences(call=call, threshold=0.3).groups
    (with_late,) = [g for g in groups if late in g.submissions]
    assert rows[0] in with_late.submissions  # the proposal it repeats


def test_a_coalition_cannot_start_from_another_calls_proposals(client, matching_index) -> None:
    call, rows, _other = _call_with_submissions()
    foreign = SubmissionFactory(title="Ailleurs")
    team = PersonFactory().user
    call.programme.team.add(team)
    client.force_login(team)
    before = Coalition.objects.count()
    for data in (
        {"submission": [rows[0].pk, foreign.pk]},
        {"submission": [rows[0].pk]},
        {"submission": ["x", "y"]},
        {},
    ):
        response = client.post(reverse("matching:start-coalition", args=[call.slug]), data)
        assert response.status_code == 302
    assert Coalition.objects.count() == before


def test_withdrawing_the_matching_consent_removes_a_person_from_actors_to_invite(
    matching_index, django_capture_on_commit_callbacks
) -> None:
    """Through the consent page's own service, as a person would do it."""
    from alliage.selfdata.services import consent_set

    coalition = _association_coalition()
    person = PersonFactory(capabilities=REPAIR, is_listed=True)
    AffiliationFactory(person=person, organisation=OrganisationFactory(kind="research"))
    with django_capture_on_commit_callbacks(execute=True):
        consent_set(user=person.user, by=person.user, purpose="matching", granted=True)
    assert person in [s.actor for s in selectors.actors_to_invite(coalition=coalition)]
    with django_capture_on_commit_callbacks(execute=True):
        consent_set(user=person.user, by=person.user, purpose="matching", granted=False)
    assert f"person:{person.pk}" not in store.index_get()
    assert person not in [s.actor for s in selectors.actors_to_invite(coalition=coalition)]


def test_the_picks_are_shared_and_a_withdrawal_shows_at_once(client, cast, matching_index) -> None:
    """Actors to invite are computed once for every member of the coalition, kept until the
    actors, the coalitions or the index change; a person who stops being suggestable leaves
    the list at once, even before the index follows."""
    cast.coalition.seeking = REPAIR
    cast.coalition.save()
    person = PersonFactory(capabilities=REPAIR, is_suggestable=True)
    AffiliationFactory(person=person, organisation=OrganisationFactory())
    store.index_rebuild()
    url = reverse("matching:invite", args=[cast.coalition.slug])
    client.force_login(cast.lead)
    with CaptureQueriesContext(connection) as first:
        assert person.full_name in client.get(url, headers={"HX-Request": "true"}).content.decode()
    with CaptureQueriesContext(connection) as again:
        client.get(url, headers={"HX-Request": "true"})
    assert len(again) < len(first)
    Person.objects.filter(pk=person.pk).update(is_suggestable=False)  # the index does not know
    assert person.full_name not in client.get(url, headers={"HX-Request": "true"}).content.decode()


def test_coalitions_for_an_actor_are_searched_once_until_something_changes(
    client, matching_index
) -> None:
    CoalitionFactory(title="Réemploi des ordinateurs", seeking="Un atelier de réparation.")
    OrganisationFactory(slug="atelier-bis", capabilities=REPAIR)
    url = reverse("matching:for-organisation", args=["atelier-bis"])
    with CaptureQueriesContext(connection) as first:
        assert "Réemploi des ordinateurs" in client.get(url).content.decode()
    client.cookies.clear()
    with CaptureQueriesContext(connection) as again:
        client.get(url, headers={"HX-Request": "true"})  # another address: not the page cache
    assert len(again) < len(first)
    CoalitionFactory(title="Réparation des ordinateurs publics", seeking="Réparation, atelier.")
    store.index_rebuild()
    assert "Réparation des ordinateurs publics" in client.get(url).content.decode()

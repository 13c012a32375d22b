"""Consented introductions: each side accepts; addresses are shown only once both did, to
the two of them, never to the one who asked."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.personal_data import personal_data_entries
from alliage.invitations import services
from alliage.invitations.models import Answer, Introduction
from alliage.notifications.models import Notification
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    asker = PersonFactory().user
    researcher = PersonFactory(is_contactable=True, first_name="Rémi", last_name="Chercheur")
    founder = PersonFactory(is_contactable=True, first_name="Fanny", last_name="Fondatrice")
    return asker, researcher, founder


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_addresses_are_shared_only_once_both_accepted(people) -> None:
    asker, researcher, founder = people
    response = _client(asker).post(
        reverse("invitations:introduction-ask"),
        {"a_person": researcher.pk, "b_person": founder.pk, "note": "Même sujet"},
    )
    assert response.status_code == 302
    intro = Introduction.objects.get()
    assert set(
        Notification.objects.filter(kind="invitations.introduction_asked").values_list(
            "recipient", flat=True
        )
    ) == {researcher.user.pk, founder.user.pk}
    url = intro.get_absolute_url()
    r, f, a = _client(researcher.user), _client(founder.user), _client(asker)

    def nobody_sees_an_address() -> None:
        for client in (r, f, a):
            for page in (url, reverse("invitations:introduction-list")):
                body = client.get(page).content.decode()
                assert researcher.user.email not in body and founder.user.email not in body

    nobody_sees_an_address()
    assert r.post(url, {"decision": "accept"}).status_code == 302
    nobody_sees_an_address()
    assert r.post(url, {"decision": "accept"}).status_code == 403  # answered already
    f.post(url, {"decision": "accept"})
    intro.refresh_from_db()
    assert intro.is_made
    assert founder.user.email in r.get(url).content.decode()
    assert researcher.user.email in f.get(url).content.decode()
    assert founder.user.email in r.get(reverse("invitations:introduction-list")).content.decode()
    for page in (url, reverse("invitations:introduction-list")):
        body = a.get(page).content.decode()
        assert researcher.user.email not in body and founder.user.email not in body
    assert Notification.objects.filter(kind="invitations.introduction_made").count() == 2
    exported = [
        row
        for entry in personal_data_entries()
        if entry.app_label == "invitations"
        for dataset in entry.datasets
        for row in dataset.export(asker)
    ]
    assert exported and founder.user.email not in str(exported)


def test_a_decline_ends_it_without_any_address(people) -> None:
    asker, researcher, founder = people
    intro = services.introduction_ask(by=asker, a_person=researcher, b_person=founder)
    services.introduction_answer(introduction=intro, by=founder.user, accept=False)
    services_answer = services.introduction_answer
    with pytest.raises(PermissionRefused):
        services_answer(introduction=intro, by=researcher.user, accept=True)
    body = _client(researcher.user).get(intro.get_absolute_url()).content.decode()
    assert founder.user.email not in body


def test_both_must_accept_to_be_contacted_and_asking_is_limited(people, settings) -> None:
    asker, researcher, founder = people
    shy = PersonFactory(is_contactable=False)
    with pytest.raises(BusinessError):
        services.introduction_ask(by=asker, a_person=researcher, b_person=shy)
    with pytest.raises(BusinessError):
        services.introduction_ask(by=asker, a_person=researcher, b_person=researcher)
    services.introduction_ask(by=asker, a_person=researcher, b_person=founder)
    with pytest.raises(BusinessError):  # already under way
        services.introduction_ask(by=asker, a_person=founder, b_person=researcher)
    settings.ALLIAGE_INTRODUCTION_DAILY_LIMIT = 1
    other = PersonFactory(is_contactable=True)
    with pytest.raises(BusinessError, match="24"):
        services.introduction_ask(by=asker, a_person=researcher, b_person=other)


def test_asking_for_oneself_accepts_one_side(people) -> None:
    _asker, researcher, founder = people
    intro = services.introduction_ask(by=researcher.user, a_person=researcher, b_person=founder)
    assert intro.a_state == Answer.ACCEPTED and intro.b_state == Answer.PENDING
    services.introduction_answer(introduction=intro, by=founder.user, accept=True)
    assert (
        researcher.user.email
        in _client(founder.user).get(intro.get_absolute_url()).content.decode()
    )


def test_others_do_not_see_an_introduction(people) -> None:
    asker, researcher, founder = people
    intro = services.introduction_ask(by=asker, a_person=researcher, b_person=founder)
    stranger = _client(PersonFactory().user)
    assert stranger.get(intro.get_absolute_url()).status_code == 404
    assert stranger.post(intro.get_absolute_url(), {"decision": "accept"}).status_code == 404
    assert Client().get(reverse("invitations:introduction-list")).status_code == 302
    assert _client(asker).post(intro.get_absolute_url(), {"decision": "accept"}).status_code == 403


def test_erasure_removes_introductions_and_invitations(people) -> None:
    from alliage.selfdata.services import account_erase

    asker, researcher, founder = people
    services.introduction_ask(by=asker, a_person=researcher, b_person=founder)
    account_erase(user=researcher.user, by=None)
    assert not Introduction.objects.exists()


def test_english_list(people) -> None:
    asker, _researcher, _founder = people
    body = _client(asker).get("/en" + reverse("invitations:introduction-list")).content.decode()
    assert "No introduction yet." in body

"""Following a coalition, a programme, a call or an organisation; unfollowing in one click;
joining a coalition follows it."""

from __future__ import annotations

import pytest

from alliage.coalitions.models import MemberRole
from alliage.coalitions.services import join_request_create, join_request_decide
from alliage.follows.models import Follow
from alliage.follows.selectors import followers_of, is_following
from tests.factories import CoalitionFactory, CoalitionMemberFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def _post(client, obj, action="follow", **extra):
    return client.post(
        "/en/follow/",
        {
            "app_label": obj._meta.app_label,
            "model": obj._meta.model_name,
            "pk": obj.pk,
            "action": action,
            "next": "/en/coalitions/",
        },
        **extra,
    )


def test_follow_then_unfollow_in_one_click(client):
    coalition, user = CoalitionFactory(), UserFactory()
    client.force_login(user)
    assert _post(client, coalition).status_code == 302
    assert _post(client, coalition).status_code == 302  # twice is one follow
    assert list(followers_of(coalition)) == [user]
    response = _post(client, coalition, action="unfollow", HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Follow" in response.content.decode()
    assert not is_following(user=user, obj=coalition)


def test_the_button_is_on_the_coalition_page_for_the_signed_in(client):
    coalition = CoalitionFactory()
    assert "/follow/" not in client.get(coalition.get_absolute_url()).content.decode()
    client.force_login(UserFactory())
    page = client.get(coalition.get_absolute_url()).content.decode()
    assert "/follow/" in page


def test_an_unpublished_coalition_or_another_model_cannot_be_followed(client):
    hidden = CoalitionFactory(is_published=False)
    client.force_login(UserFactory())
    assert _post(client, hidden).status_code == 404
    assert not Follow.objects.exists()
    response = client.post("/en/follow/", {"app_label": "core", "model": "user", "pk": 1})
    assert response.status_code == 404
    assert client.post("/en/follow/", {"target": "forged"}).status_code == 404


def test_follow_needs_a_sign_in(client):
    assert _post(client, CoalitionFactory()).status_code == 302
    assert not Follow.objects.exists()


def test_joining_a_coalition_follows_it():
    coalition = CoalitionFactory()
    lead = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD).person
    asker = PersonFactory()
    request = join_request_create(coalition=coalition, by=asker.user, organisation=None)
    join_request_decide(join_request=request, by=lead.user, accept=True)
    assert is_following(user=asker.user, obj=coalition)

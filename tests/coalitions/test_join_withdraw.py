"""A person takes back their own pending request to join (m14); nobody else can."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliage.coalitions import services
from alliage.coalitions.audit import AuditAction
from alliage.coalitions.models import JoinRequestStatus
from alliage.core.errors import BusinessError
from alliage.core.models import AuditEntry

from ..conftest import Cast
from .views.test_coalition_views import client_for

pytestmark = pytest.mark.django_db


def ask(cast: Cast):
    return services.join_request_create(
        coalition=cast.coalition, by=cast.outsider, organisation=None
    )


def test_the_requester_withdraws_from_the_coalition_page(cast: Cast) -> None:
    request = ask(cast)
    client = client_for(cast.outsider)
    page = client.get(cast.coalition.get_absolute_url()).content.decode()
    url = reverse("coalitions:join-request-withdraw", args=[cast.coalition.slug])
    assert f'action="{url}"' in page
    response = client.post(url, follow=True)
    assert "Votre demande est retirée." in response.content.decode()
    request.refresh_from_db()
    assert request.status == JoinRequestStatus.WITHDRAWN
    assert AuditEntry.objects.filter(action=AuditAction.JOIN_WITHDRAWN).count() == 1
    # The page offers to ask again.
    assert 'action="' + reverse("coalitions:coalition-join", args=[cast.coalition.slug]) in (
        client.get(cast.coalition.get_absolute_url()).content.decode()
    )


@pytest.mark.parametrize("role", ["lead", "team", "member"])
def test_nobody_else_withdraws_it(cast: Cast, role: str) -> None:
    request = ask(cast)
    with pytest.raises(BusinessError):
        services.join_request_withdraw(join_request=request, by=cast.user(role))
    client_for(cast.user(role)).post(
        reverse("coalitions:join-request-withdraw", args=[cast.coalition.slug])
    )
    request.refresh_from_db()
    assert request.status == JoinRequestStatus.PENDING
    assert not AuditEntry.objects.filter(action=AuditAction.JOIN_WITHDRAWN).exists()


def test_an_answered_request_stays_answered(cast: Cast) -> None:
    request = ask(cast)
    services.join_request_decide(join_request=request, by=cast.lead, accept=False)
    with pytest.raises(BusinessError):
        services.join_request_withdraw(join_request=request, by=cast.outsider)
    request.refresh_from_db()
    assert request.status == JoinRequestStatus.DECLINED

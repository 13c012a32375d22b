"""F2: a call's decisions reach nobody outside the team before the team publishes them, on
any path: the proposal's pages, Self Data and the personal archive, e-mails, the coalition an
accepted proposal becomes (and the API that lists coalitions)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core import mail
from django.test import Client

from alliage.calls import services
from alliage.coalitions.models import Coalition

from ..factories import CallFactory, PersonFactory, SubmissionFactory

pytestmark = pytest.mark.django_db

SECRET_A, SECRET_B = "A-DECISION-SECRET", "B-DECISION-SECRET"


def client_for(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def decided(django_capture_on_commit_callbacks):
    """The audit's scene: on a closed call whose decisions are not published, A is rejected
    with a message, B accepted with another."""
    now = dt.datetime.now(tz=dt.UTC)
    call = CallFactory(opens_at=now - dt.timedelta(days=20), closes_at=now - dt.timedelta(hours=1))
    team = PersonFactory().user
    call.programme.team.add(team)
    a = SubmissionFactory(call=call, title="Proposition de A")
    b = SubmissionFactory(call=call, title="Proposition de B")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_record(submission=a, by=team, decision="rejected", message=SECRET_A)
        services.decision_record(submission=b, by=team, decision="accepted", message=SECRET_B)
    return call, team, a, b


def archive_text(client: Client, capture) -> str:
    with capture(execute=True):
        assert client.post("/en/me/data/export/").status_code == 302
    url = client.get("/en/me/data/").context["download_url"]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get(url).streaming_content)))
    return "\n".join(
        archive.read(name).decode() for name in archive.namelist() if name.startswith("calls/")
    )


def test_self_data_and_the_archive_keep_the_decision_until_it_is_published(
    decided, django_capture_on_commit_callbacks
) -> None:
    call, team, a, b = decided
    for submission, secret in ((a, SECRET_A), (b, SECRET_B)):
        client = client_for(submission.person.user)
        page = client.get("/en/me/data/").content.decode()
        assert secret not in page and "rejected" not in page and "accepted" not in page
        text = archive_text(client, django_capture_on_commit_callbacks)
        assert "Proposition de" in text  # the proposal is there, its decision is not
        assert secret not in text and "rejected" not in text and "accepted" not in text
        detail = client.get(f"/en/calls/submissions/{submission.pk}/").content.decode()
        assert secret not in detail
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.call_publish_decisions(call=call, by=team)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [a.person.user.email, b.person.user.email]
    )
    client = client_for(a.person.user)
    assert SECRET_A in client.get("/en/me/data/").content.decode()
    assert SECRET_A in archive_text(client, django_capture_on_commit_callbacks)


def test_an_accepted_proposal_becomes_a_coalition_only_at_publication(decided) -> None:
    call, team, _a, b = decided
    assert not Coalition.objects.exists()
    api = Client().get("/api/v1/coalitions", {"q": "Proposition de B"}).json()
    assert "Proposition de B" not in str(api)
    services.call_publish_decisions(call=call, by=team)
    b.refresh_from_db()
    coalition = b.coalition
    assert coalition is not None and coalition.is_published
    assert Client().get(f"/en/coalitions/{coalition.slug}/").status_code == 200


def test_a_decision_changed_before_publication_leaves_no_coalition(decided) -> None:
    call, team, _a, b = decided
    services.decision_record(submission=b, by=team, decision="rejected")
    services.call_publish_decisions(call=call, by=team)
    assert not Coalition.objects.exists()

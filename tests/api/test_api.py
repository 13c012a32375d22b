"""The public API: schema, reads, tokens, writes, problems, pagination, conditional GET."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openapi_spec_validator import validate

from alliage.api.models import ApiToken
from alliage.api.services import token_authenticate, token_revoke
from alliage.coalitions.models import CanvasChange

from ..factories import (
    CallFactory,
    CoalitionFactory,
    EventFactory,
    IndicatorFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def test_the_openapi_schema_is_valid(client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert {"/api/v1/coalitions", "/api/v1/coalitions/{slug}/canvas"} <= set(schema["paths"])
    assert schema["components"]["securitySchemes"]


def test_the_documentation_page_lists_every_operation(client) -> None:
    assert client.get("/api/v1/", headers={"Accept-Language": "fr"}).url == "/docs/api/"
    assert client.get("/en/api/v1/").url == "/en/docs/api/"  # typed by an English reader
    page = client.get("/docs/api/").content.decode()
    assert "/en/docs/api/" in page  # the English page is one link away
    english = client.get("/en/docs/api/")
    assert english.status_code == 200 and "API documentation" in english.content.decode()
    for path in ("/api/v1/coalitions/{slug}/canvas", "/api/v1/events/{slug}/registration"):
        assert path in page


def test_anonymous_reads_what_the_site_shows(client, cast) -> None:
    CoalitionFactory(title="Cachée", is_published=False)
    body = client.get("/api/v1/coalitions").json()
    titles = [c["title"] for c in body["results"]]
    assert cast.coalition.title in titles
    assert "Cachée" not in titles
    detail = client.get(f"/api/v1/coalitions/{cast.coalition.slug}").json()
    assert detail["members_notes"] is None
    assert detail["heterogeneity"]["actors"] == 2
    hidden = CoalitionFactory(is_published=False)
    response = client.get(f"/api/v1/coalitions/{hidden.slug}")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 404


def test_a_members_token_reads_the_members_notes(client, cast, token) -> None:
    cast.coalition.members_notes = "Entre nous"
    cast.coalition.save()
    detail = client.get(
        f"/api/v1/coalitions/{cast.coalition.slug}",
        headers={"Authorization": token(cast.member)},
    ).json()
    assert detail["members_notes"] == "Entre nous"


def test_pagination_is_bounded_and_linked(client) -> None:
    for _ in range(5):
        CoalitionFactory()
    body = client.get("/api/v1/coalitions", {"page_size": 2, "page": 2}).json()
    assert body["count"] == 5
    assert len(body["results"]) == 2
    assert "page=3" in body["next"]
    assert "page=1" in body["previous"]
    too_big = client.get("/api/v1/coalitions", {"page_size": 101})
    assert too_big.status_code == 422
    assert too_big["Content-Type"] == PROBLEM
    assert too_big.json()["errors"][0]["loc"][-1] == "page_size"
    for bad in ({"page": 0}, {"page": "x"}, {"status": "nope"}):
        assert client.get("/api/v1/coalitions", bad).status_code == 422
    assert client.get("/api/v1/coalitions", {"page": 999}).json()["results"] == []


def test_lists_take_a_constant_number_of_queries(client) -> None:
    CoalitionFactory()
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/coalitions")
    for _ in range(15):
        CoalitionFactory()
    with CaptureQueriesContext(connection) as many:
        client.get("/api/v1/coalitions")
    assert len(many) == len(few)


def test_conditional_get(client, cast) -> None:
    url = f"/api/v1/coalitions/{cast.coalition.slug}"
    first = client.get(url)
    assert first["ETag"]
    assert first["Last-Modified"]
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304
    modified = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert modified.status_code == 304
    cast.coalition.title = "Nouveau titre"
    cast.coalition.save()
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 200


def test_tokens_are_stored_hashed_and_revocable(client, cast, token) -> None:
    header = token(cast.lead, "write")
    raw = header.removeprefix("Bearer ")
    secret = raw.split("_", 2)[2]  # the secret itself may hold underscores
    row = ApiToken.objects.get()
    assert secret not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert row.key_hash != secret
    assert token_authenticate(raw) == row
    assert client.get("/api/v1/me", headers={"Authorization": header}).json()["scope"] == "write"
    token_revoke(token=row, by=cast.lead)
    response = client.get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    for bad in ("Bearer nope", "Bearer alliage_x_y", "Basic abc", "Bearer " + raw + "x"):
        assert client.get("/api/v1/coalitions", headers={"Authorization": bad}).status_code == 401


def _patch(client, slug, header, body):
    return client.patch(
        f"/api/v1/coalitions/{slug}/canvas",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": header} if header else {},
    )


def test_a_read_token_or_a_revoked_one_cannot_write(client, cast, token) -> None:
    slug = cast.coalition.slug
    assert _patch(client, slug, None, {"summary": "x"}).status_code == 401
    response = _patch(client, slug, token(cast.lead, "read"), {"summary": "x"})
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    header = token(cast.lead, "write")
    token_revoke(token=ApiToken.objects.get(scope="write"), by=cast.lead)
    assert _patch(client, slug, header, {"summary": "x"}).status_code == 401
    cast.coalition.refresh_from_db()
    assert cast.coalition.summary != "x"


def test_a_lead_changes_the_canvas_and_the_history_keeps_it(client, cast, token) -> None:
    header = token(cast.lead, "write")
    detail = client.get(f"/api/v1/coalitions/{cast.coalition.slug}").json()
    response = _patch(
        client,
        cast.coalition.slug,
        header,
        {"summary": "Par l'API", "base_revision": detail["revision"]},
    )
    assert response.status_code == 200, response.content
    assert response.json()["summary"] == "Par l'API"
    assert CanvasChange.objects.filter(coalition=cast.coalition, field="summary").exists()
    stale = _patch(
        client, cast.coalition.slug, header, {"summary": "Trop tard", "base_revision": 0}
    )
    assert stale.status_code == 409
    revision = response.json()["revision"]
    closing = {"status": "closed", "base_revision": revision}
    assert _patch(client, cast.coalition.slug, header, closing).status_code == 200
    cast.coalition.refresh_from_db()
    assert cast.coalition.status != "closed"  # not a canvas field: ignored, never written
    outsider = _patch(client, cast.coalition.slug, token(cast.outsider, "write"), {"summary": "x"})
    assert outsider.status_code == 403
    assert _patch(client, cast.coalition.slug, header, {"title": ""}).status_code == 422
    bad = client.patch(
        f"/api/v1/coalitions/{cast.coalition.slug}/canvas",
        data="{not json",
        content_type="application/json",
        headers={"Authorization": header},
    )
    assert bad.status_code in (400, 422)


def test_measurements_through_the_api(client, cast, token) -> None:
    indicator = IndicatorFactory(coalition=cast.coalition, unit="t")
    url = f"/api/v1/indicators/{indicator.pk}/measurements"
    header = {"Authorization": token(cast.lead, "write")}
    today = timezone.localdate().isoformat()

    def post(body):
        return client.post(url, json.dumps(body), content_type="application/json", headers=header)

    wrong = post({"value": "12 kg", "measured_on": today, "source": "Bilan"})
    assert wrong.status_code == 422
    assert wrong.json()["errors"][0]["loc"] == ["body", "value"]
    future = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    assert post({"value": "12", "measured_on": future, "source": "Bilan"}).status_code == 422
    created = post({"value": "900,5 t", "measured_on": today, "source": "Bilan"})
    assert created.status_code == 201
    assert created.json()["value"] == 900.5
    assert indicator.measurements.count() == 1
    member = {"Authorization": token(cast.member, "write")}
    response = client.post(
        url,
        json.dumps({"value": "1", "measured_on": today, "source": "x"}),
        content_type="application/json",
        headers=member,
    )
    assert response.status_code == 403
    listed = client.get(f"/api/v1/coalitions/{cast.coalition.slug}/indicators").json()
    assert listed[0]["status"] in ("on_track", "late", "reached")


def test_registrations_through_the_api(client, token) -> None:
    event = EventFactory(capacity=1)
    first, second = PersonFactory().user, PersonFactory().user
    url = f"/api/v1/events/{event.slug}/registration"
    a = client.post(url, headers={"Authorization": token(first, "write")})
    b = client.post(url, headers={"Authorization": token(second, "write")})
    assert (a.status_code, a.json()["status"]) == (201, "confirmed")
    assert b.json()["status"] == "waitlisted"
    again = client.post(url, headers={"Authorization": f"Bearer {_raw(first)}"})
    assert again.status_code in (201, 422)
    cancelled = client.delete(url, headers={"Authorization": token(first, "write")})
    assert cancelled.json()["status"] == "cancelled"
    seats = client.get(f"/api/v1/events/{event.slug}").json()
    assert seats["seats_taken"] == 1  # the waiting list moved up


def _raw(user) -> str:
    from alliage.api.services import token_create

    return token_create(by=user, name="again", scope="write")[1]


def test_calls_show_accepted_projects_once_decided(client) -> None:
    call = CallFactory()
    body = client.get(f"/api/v1/calls/{call.slug}").json()
    assert body["accepted_projects"] == []
    assert client.get("/api/v1/calls").json()["count"] == 1


def test_writes_are_rate_limited(client, cast, token, settings) -> None:
    settings.ALLIAGE_API_RATES = {"read": "600/m", "write": "2/m"}
    header = token(cast.lead, "write")
    start = client.get(f"/api/v1/coalitions/{cast.coalition.slug}").json()["revision"]
    statuses = [
        _patch(
            client, cast.coalition.slug, header, {"summary": f"v{n}", "base_revision": start + n}
        ).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_the_tokens_page(client, cast) -> None:
    client.force_login(cast.lead)
    response = client.post("/me/tokens/", {"name": "Mon script", "scope": "write"})
    page = response.content.decode()
    token = ApiToken.objects.get()
    assert f"alliage_{token.prefix}_" in page  # shown once
    assert f"alliage_{token.prefix}_" not in client.get("/me/tokens/").content.decode().replace(
        f"alliage_{token.prefix}_…", ""
    )
    assert client.post("/me/tokens/", {"name": "", "scope": "admin"}).status_code == 200
    client.force_login(cast.outsider)
    assert client.post(f"/me/tokens/{token.prefix}/revoke/").status_code == 404
    client.force_login(cast.lead)
    client.post(f"/me/tokens/{token.prefix}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_each_item_says_which_language_its_texts_are_in(client) -> None:
    english = CoalitionFactory(is_published=True, content_language="en")
    CoalitionFactory(is_published=True)
    by_slug = {c["slug"]: c["language"] for c in client.get("/api/v1/coalitions").json()["results"]}
    assert by_slug.pop(english.slug) == "en" and set(by_slug.values()) == {"fr"}
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for name in ("CoalitionItem", "EventOut", "PublicationItem", "CallItem"):
        assert "language" in schema[name]["required"]

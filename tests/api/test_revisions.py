"""A change of a coalition's canvas through the API must say which revision it changes
(R10): If-Match with the ETag of the GET, or base_revision; 428 without either, 412/409 when
stale, with the API's own message in English unless the client asks for French."""

from __future__ import annotations

import json

import pytest

from alliage.coalitions.models import CanvasChange

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def _patch(client, slug, header, body, **headers):
    return client.patch(
        f"/api/v1/coalitions/{slug}/canvas",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": header, **headers},
    )


def test_a_change_without_a_revision_is_refused_with_428(client, cast, token) -> None:
    response = _patch(client, cast.coalition.slug, token(cast.lead, "write"), {"summary": "x"})
    assert response.status_code == 428
    assert response["Content-Type"] == PROBLEM
    assert "If-Match" in response.json()["detail"]
    assert not CanvasChange.objects.filter(coalition=cast.coalition).exists()


def test_if_match_with_the_etag_of_the_get(client, cast, token) -> None:
    header = token(cast.lead, "write")
    slug = cast.coalition.slug
    etag = client.get(f"/api/v1/coalitions/{slug}")["ETag"]
    done = _patch(client, slug, header, {"summary": "Un"}, **{"If-Match": etag})
    assert done.status_code == 200, done.content
    assert done["ETag"] != etag
    as_lead = client.get(f"/api/v1/coalitions/{slug}", headers={"Authorization": header})
    assert done["ETag"] == as_lead["ETag"]  # what the lead reads back: the same representation
    stale = _patch(client, slug, header, {"summary": "Deux"}, **{"If-Match": etag})
    assert stale.status_code == 412
    assert stale["Content-Type"] == PROBLEM
    cast.coalition.refresh_from_db()
    assert cast.coalition.summary == "Un"
    fresh = _patch(client, slug, header, {"summary": "Deux"}, **{"If-Match": done["ETag"]})
    assert fresh.status_code == 200


@pytest.mark.parametrize("tag", ["*", '"nope"', "garbage"])
def test_an_if_match_without_a_revision_is_not_enough(client, cast, token, tag) -> None:
    header = token(cast.lead, "write")
    response = _patch(client, cast.coalition.slug, header, {"summary": "x"}, **{"If-Match": tag})
    assert response.status_code == 428
    cast.coalition.refresh_from_db()
    assert cast.coalition.summary != "x"


def test_a_stale_base_revision_gets_the_apis_message_in_english(client, cast, token) -> None:
    header = token(cast.lead, "write")
    slug = cast.coalition.slug
    revision = client.get(f"/api/v1/coalitions/{slug}").json()["revision"]
    first = _patch(client, slug, header, {"summary": "a", "base_revision": revision})
    assert first.status_code == 200
    stale = _patch(client, slug, header, {"summary": "b", "base_revision": revision})
    assert stale.status_code == 409
    assert stale["Content-Language"] == "en"
    detail = stale.json()["detail"]
    assert detail.startswith("The canvas changed since the revision you read")
    assert "form" not in detail
    body = {"summary": "b", "base_revision": revision}
    french = _patch(client, slug, header, body, **{"Accept-Language": "fr"})
    assert french.status_code == 409
    assert french["Content-Language"] == "fr"  # the client asked: its language


def test_only_editors_are_asked_for_a_revision(client, cast, token) -> None:
    response = _patch(client, cast.coalition.slug, token(cast.outsider, "write"), {"summary": "x"})
    assert response.status_code == 403

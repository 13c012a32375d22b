"""Publications and datasets through the API: what the library shows, with licences,
files, resources and reuses."""

from __future__ import annotations

import pytest

from ..factories import PublicationFactory, ResourceFactory, ReuseFactory

pytestmark = pytest.mark.django_db


def test_publications_list_and_filters(client) -> None:
    PublicationFactory(title="Cahier Hypervoix", kind="cahier", licence="CC-BY-SA-4.0")
    PublicationFactory(title="Un article", kind="article")
    PublicationFactory(title="Brouillon", status="draft", published_on=None)
    body = client.get("/api/v1/publications").json()
    assert {p["title"] for p in body["results"]} == {"Cahier Hypervoix", "Un article"}
    only = client.get("/api/v1/publications", {"kind": "article"}).json()["results"]
    assert [p["title"] for p in only] == ["Un article"]
    by_licence = client.get("/api/v1/publications", {"licence": "CC-BY-SA-4.0"}).json()
    assert by_licence["results"][0]["licence"]["url"].startswith("https://creativecommons.org/")
    assert client.get("/api/v1/publications", {"kind": "poem"}).status_code == 422
    assert client.get("/api/v1/publications/brouillon-inconnu").status_code == 404


def test_a_draft_is_invisible_to_the_public(client) -> None:
    draft = PublicationFactory(status="draft", published_on=None)
    assert client.get(f"/api/v1/publications/{draft.slug}").status_code == 404


def test_a_dataset_with_its_resources_and_reuses(client) -> None:
    resource = ResourceFactory(sha256="a" * 64)
    dataset = resource.publication
    ReuseFactory(publication=dataset, status="published", title="Carte des équipements")
    ReuseFactory(publication=dataset, status="pending", title="En attente")
    body = client.get(f"/api/v1/datasets/{dataset.slug}").json()
    assert body["resources"][0]["sha256"] == "a" * 64
    assert body["resources"][0]["url"] == resource.url
    assert [r["title"] for r in body["reuses"]] == ["Carte des équipements"]
    assert client.get("/api/v1/datasets").json()["count"] == 1
    cahier = PublicationFactory()
    assert client.get(f"/api/v1/datasets/{cahier.slug}").status_code == 404
    assert client.get(f"/api/v1/publications/{dataset.slug}").status_code == 200

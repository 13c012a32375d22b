"""The DCAT-AP catalogue loads into rdflib, an independent reader: the dataset, its
distribution with the checksum and byte size, and the licence are in the graph."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from alliage.commons import services

from ..factories import PublicationFactory
from .conftest import CSV, Library, upload

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
ETALAB = URIRef("https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
BASE = "http://testserver"
EU_LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")


def graph(url: str) -> Graph:
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return Graph().parse(data=response.content, format="json-ld")


@pytest.fixture
def dataset(library: Library):
    dataset = library.dataset
    dataset.licence = "etalab-2.0"
    dataset.spatial = "Bretagne"
    dataset.temporal_start = dataset.published_on.replace(year=dataset.published_on.year - 1)
    dataset.save()
    services.resource_add(
        publication=dataset, by=library.team, title="Parc", upload=upload("parc.csv", CSV)
    )
    services.resource_add(
        publication=dataset, by=library.team, title="API", url="https://api.example.org/parc"
    )
    return dataset


def check_dataset(g: Graph, dataset) -> None:
    node = URIRef(BASE + dataset.get_absolute_url() + "#dataset")
    assert (node, RDF.type, DCAT.Dataset) in g
    assert (node, DCTERMS.title, Literal(dataset.title)) in g
    assert (node, DCTERMS.license, ETALAB) in g
    language = EU_LANGUAGE[{"fr": "FRA", "en": "ENG"}[dataset.content_language]]
    assert (node, DCTERMS.language, language) in g
    assert (node, DCTERMS.issued, Literal(dataset.published_on.isoformat(), datatype=XSD.date)) in g
    assert (node, DCTERMS.spatial, None) in g and (node, DCTERMS.temporal, None) in g
    distributions = set(g.objects(node, DCAT.distribution))
    assert len(distributions) == 2
    uploaded = next(d for d in distributions if (d, DCAT.downloadURL, None) in g)
    assert (uploaded, RDF.type, DCAT.Distribution) in g
    assert (uploaded, DCTERMS.license, ETALAB) in g
    assert g.value(uploaded, DCAT.byteSize).toPython() == len(CSV)
    checksum = g.value(uploaded, SPDX.checksum)
    assert str(g.value(checksum, SPDX.checksumValue)) == hashlib.sha256(CSV).hexdigest()
    assert g.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
    download = str(g.value(uploaded, DCAT.downloadURL))
    assert Client().get(download.removeprefix(BASE)).status_code == 200
    link = next(d for d in distributions if d != uploaded)
    assert g.value(link, DCAT.accessURL) == URIRef("https://api.example.org/parc")


def test_the_dataset_document_is_dcat(dataset) -> None:
    check_dataset(graph(f"/library/{dataset.slug}/dataset.jsonld"), dataset)


def test_a_dataset_written_in_english_says_so(dataset) -> None:
    dataset.content_language = "en"
    dataset.save()
    check_dataset(graph(f"/library/{dataset.slug}/dataset.jsonld"), dataset)


def test_the_site_catalogue_lists_published_datasets_and_the_platform_archive(
    library: Library, dataset
) -> None:
    PublicationFactory(kind="dataset", status="draft", published_on=None, slug="brouillon")
    services.opendata_build()
    g = graph("/catalog.jsonld")
    catalog = URIRef(BASE + "/catalog.jsonld")
    assert (catalog, RDF.type, DCAT.Catalog) in g
    datasets = set(g.objects(catalog, DCAT.dataset))
    assert URIRef(BASE + "/opendata/#dataset") in datasets
    assert URIRef(BASE + "/library/brouillon/#dataset") not in datasets
    assert len(datasets) == 2  # the published dataset and the platform's open data
    check_dataset(g, dataset)


def test_only_datasets_have_a_dcat_document(library: Library) -> None:
    assert Client().get(f"/library/{library.published.slug}/dataset.jsonld").status_code == 404
    assert Client().get(f"/library/{library.draft.slug}/dataset.jsonld").status_code == 404

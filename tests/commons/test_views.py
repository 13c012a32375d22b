from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alliage.commons import services
from alliage.commons.models import Publication, PublicationFile, Resource, Reuse
from alliage.commons.uploads import MAX_RESOURCE_BYTES

from ..factories import (
    OrganisationFactory,
    PersonFactory,
    PublicationFactory,
    ResourceFactory,
    ReuseFactory,
)
from .conftest import CSV, PDF, PNG, Library, client_for, upload

pytestmark = pytest.mark.django_db


def test_library_lists_published_publications_and_hides_drafts(library: Library) -> None:
    body = Client().get("/library/").content.decode()
    assert library.published.title in body and library.dataset.title in body
    assert library.draft.title not in body
    team_page = client_for(library.team).get("/library/")
    assert library.draft in team_page.context["page"].object_list


def test_library_searches_and_filters(library: Library) -> None:
    PublicationFactory(title="Hypervoix", summary="Les assistants vocaux", kind="cahier")
    PublicationFactory(title="Open data impact", licence="etalab-2.0", kind="cahier")
    PublicationFactory(title="Un article", body="On y parle d'assistants vocaux.", kind="article")

    def titles(**query: str) -> set[str]:
        page = Client().get("/library/", query).context["page"]
        return {p.title for p in page.object_list}

    assert titles(q="vocaux") == {"Hypervoix", "Un article"}
    assert titles(q="vocaux", kind="article") == {"Un article"}
    assert titles(licence="etalab-2.0") == {"Open data impact"}
    assert titles(programme=library.programme.slug) == {"Cahier publié", "Jeu de données"}
    assert titles(kind="nonsense") >= {"Hypervoix"}  # an invalid filter is ignored
    partial = Client().get("/library/", {"q": "vocaux"}, HTTP_HX_REQUEST="true")
    assert partial.content.decode().lstrip().startswith('<div id="results"')


def test_library_page_query_count_does_not_grow_with_rows(library: Library) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert Client().get("/library/").status_code == 200
        return len(captured)

    few = queries()
    organisation = OrganisationFactory()
    for _ in range(25):
        publication = PublicationFactory(programme=library.programme)
        publication.author_organisations.add(organisation, OrganisationFactory())
        publication.author_people.add(PersonFactory())
    many = queries()
    print(f"library page: {few} queries with 3 rows, {many} with 28")
    assert many == few <= 6, (few, many)


def test_publication_page_shows_the_licence_json_ld_and_open_graph(library: Library) -> None:
    library.published.author_organisations.add(OrganisationFactory(name="Fing"))
    response = Client().get(library.published.get_absolute_url())
    body = response.content.decode()
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in body
    assert f'<meta property="og:title" content="{library.published.title}">' in body
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    data = json.loads(script.group(1))
    assert data["@type"] == "CreativeWork"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["author"] == [{"@type": "Organization", "name": "Fing"}]
    assert "<h2>Le constat</h2>" in body  # the body is rendered from markdown
    assert Client().get("/library/no-such-thing/").status_code == 404


def test_markdown_is_sanitised(library: Library) -> None:
    PublicationFactory(slug="piege", body="<script>alert(1)</script>[x](javascript:alert(1))")
    body = Client().get("/library/piege/").content.decode()
    assert "<script>alert" not in body and 'href="javascript:' not in body


def test_the_json_ld_cannot_close_its_script_tag(library: Library) -> None:
    PublicationFactory(slug="evasion", title="</script><script>alert(1)</script>")
    body = Client().get("/library/evasion/").content.decode()
    assert body.count("<script") == body.count("</script>")
    assert "\\u003c/script\\u003e" in body


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.errors = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ul" and ("class", "errorlist") in attrs:
            self.errors += 1


def field_errors(response) -> dict[str, list[str]]:
    forms = [response.context[k] for k in response.context.keys() if k.endswith("form")]  # noqa: SIM118
    return {name: errs for form in forms if form for name, errs in form.errors.items()}


def test_create_form_saves_a_publication_with_its_authors(library: Library) -> None:
    fing = OrganisationFactory(name="Fing")
    response = client_for(library.team).post(
        "/library/new/",
        {
            "kind": "kit",
            "title": "Kit Self Data territorial",
            "summary": "Un outil pour votre territoire.",
            "programme": library.programme.pk,
            "author_organisations": [fing.pk],
            "licence": "CC-BY-SA-4.0",
            "status": "published",
            "cover": upload("kit.png", PNG),
            "cover_alt": "La couverture du kit",
        },
    )
    assert response.status_code == 302, field_errors(response)
    publication = Publication.objects.get(title="Kit Self Data territorial")
    assert response["Location"] == publication.get_absolute_url()
    assert list(publication.author_organisations.all()) == [fing]
    assert publication.cover and publication.published_on
    cover = Client().get(reverse("commons:cover", args=[publication.slug]))
    assert cover["Content-Type"] == "image/png" and cover["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "poem", "title": "x" * 500, "summary": "", "licence": "WTFPL", "status": "?"},
        {"kind": "cahier", "title": "Ok", "summary": "Ok", "licence": "CC-BY-4.0",
         "status": "draft", "programme": "999999999999999999999", "slug": "new"},
        {"kind": "dataset", "title": "Ok", "summary": "Ok", "licence": "CC-BY-4.0",
         "status": "draft", "temporal_start": "2025-12-31", "temporal_end": "2025-01-01"},
        {"kind": "cahier", "title": "Ok", "summary": "Ok", "licence": "CC-BY-4.0",
         "status": "draft", "published_on": "31/02/2025", "author_people": ["abc"]},
        {"kind": "cahier", "title": "Ok", "summary": "Ok", "licence": "CC-BY-4.0",
         "status": "draft", "cover": upload("cover.png", b"GIF89a not a png")},
    ],
)  # fmt: skip
def test_malformed_publication_forms_show_field_errors(library: Library, data: dict) -> None:
    data.setdefault("programme", library.programme.pk)
    response = client_for(library.team).post("/library/new/", data)
    assert response.status_code == 200
    assert field_errors(response) or response.context["form"].non_field_errors()
    assert not Publication.objects.filter(title="Ok").exists()


def test_a_cover_without_description_is_refused_on_its_field(library: Library) -> None:
    response = client_for(library.team).post(
        reverse("commons:publication-edit", args=[library.published.slug]),
        {"kind": "cahier", "title": "T", "summary": "S", "licence": "CC-BY-4.0",
         "status": "published", "programme": library.programme.pk,
         "cover": upload("c.png", PNG)},
    )  # fmt: skip
    assert "cover_alt" in field_errors(response)


def test_editing_keeps_the_address_when_it_is_left_empty(library: Library) -> None:
    url = reverse("commons:publication-edit", args=[library.published.slug])
    response = client_for(library.team).post(
        url,
        {"kind": "guide", "title": "Nouveau titre", "summary": "S", "licence": "CC0-1.0",
         "status": "published", "programme": library.programme.pk, "slug": ""},
    )  # fmt: skip
    assert response["Location"] == library.published.get_absolute_url()
    library.published.refresh_from_db()
    assert (library.published.title, library.published.licence) == ("Nouveau titre", "CC0-1.0")


def files_url(publication: Publication) -> str:
    return reverse("commons:publication-files", args=[publication.slug])


def file_add_url(publication: Publication) -> str:
    return reverse("commons:file-add", args=[publication.slug])


def resource_add_url(publication: Publication) -> str:
    return reverse("commons:resource-add", args=[publication.slug])


def test_file_versions_stay_reachable(library: Library) -> None:
    team = client_for(library.team)
    url = file_add_url(library.published)
    team.post(url, {"label": "Cahier (PDF)", "file": upload("c.pdf", PDF)})
    first = PublicationFile.objects.get()
    team.post(
        url,
        {"replaces": first.pk, "note": "Coquilles corrigées",
         "file": upload("c.pdf", PDF + b"%v2\n")},
    )  # fmt: skip
    second = PublicationFile.objects.get(version=2)
    page = Client().get(library.published.get_absolute_url()).content.decode()
    assert second.get_absolute_url() in page and first.get_absolute_url() in page
    assert "Coquilles corrigées" in page
    old = Client().get(first.get_absolute_url())
    assert old.status_code == 200 and b"".join(old.streaming_content) == PDF
    assert old["Content-Disposition"].startswith("attachment")
    new = Client().get(second.get_absolute_url())
    assert b"".join(new.streaming_content) == PDF + b"%v2\n"


def test_files_of_a_draft_are_hidden(library: Library) -> None:
    document = services.publication_file_add(
        publication=library.draft, by=library.team, upload=upload("d.pdf", PDF), label="D"
    )
    assert Client().get(document.get_absolute_url()).status_code == 404
    assert client_for(library.author).get(document.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "type"),
        ("cahier.docx", PDF, "PDF"),
        ("huge.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1), "10"),
    ],
)
def test_a_wrong_file_is_refused_with_a_field_error(
    library: Library, name: str, content: bytes, message: str
) -> None:
    response = client_for(library.team).post(
        file_add_url(library.published),
        {"label": "X", "file": upload(name, content)},
    )
    assert response.status_code == 200
    assert message in " ".join(field_errors(response)["file"])
    assert not PublicationFile.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("data.csv", b"\x00\x01\x02binary"),
        ("data.json", b"{not json"),
        ("data.exe", b"MZ\x90\x00"),
        ("data.csv", PDF),
        ("big.csv", b"a,b\n" * (MAX_RESOURCE_BYTES // 4 + 1)),
    ],
)
def test_a_wrong_resource_is_refused_with_a_field_error(
    library: Library, name: str, content: bytes
) -> None:
    response = client_for(library.team).post(
        resource_add_url(library.dataset),
        {"title": "Données", "file": upload(name, content)},
    )
    assert response.status_code == 200
    assert field_errors(response)["file"]
    assert not Resource.objects.exists()


def test_a_resource_form_needs_a_file_or_a_link(library: Library) -> None:
    team = client_for(library.team)
    response = team.post(resource_add_url(library.dataset), {"title": "Rien"})
    assert response.context["resource_form"].non_field_errors()
    response = team.post(
        resource_add_url(library.dataset), {"title": "Lien", "url": "javascript:x"}
    )
    assert "url" in field_errors(response)
    team.post(resource_add_url(library.dataset), {"title": "Parc",
                                                   "file": upload("parc.csv", CSV)})  # fmt: skip
    assert Resource.objects.get().format == "csv"


def test_each_files_form_posts_to_its_own_view(library: Library) -> None:
    team = client_for(library.team)
    page = team.get(files_url(library.dataset)).content.decode()
    assert f'action="{file_add_url(library.dataset)}"' in page
    assert f'action="{resource_add_url(library.dataset)}"' in page
    assert team.get(file_add_url(library.dataset)).status_code == 405
    assert team.get(resource_add_url(library.dataset)).status_code == 405
    anonymous = Client().post(
        file_add_url(library.published), {"label": "X", "file": upload("c.pdf", PDF)}
    )
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert not PublicationFile.objects.exists()


def test_dataset_page_previews_csv_resources(library: Library) -> None:
    services.resource_add(
        publication=library.dataset, by=library.team, title="Parc", upload=upload("p.csv", CSV)
    )
    response = Client().get(library.dataset.get_absolute_url())
    body = response.content.decode()
    assert '<th scope="col">equipement</th>' in body and "<td>écran</td>" in body
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1)
    )
    assert data["@type"] == "Dataset" and data["distribution"][0]["encodingFormat"] == "text/csv"


@pytest.mark.parametrize(
    "content",
    [
        b'a,b,c\n1,"2\n3,4',  # an unclosed quote
        b"\xff\xfe\x00a\x00,\x00b",  # UTF-16 with NUL bytes
        b"",  # empty
        b"\n\n\n",
        b"a;b;c\n1;2\n1;2;3;4;5\n",  # ragged rows
        ("é" * 200_000).encode("latin-1"),  # one enormous cell, not UTF-8
        b"x," * 5000 + b"\n",  # thousands of columns
    ],
)
def test_a_malformed_csv_never_breaks_the_dataset_page(library: Library, content: bytes) -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    name = default_storage.save("commons/resources/bad.csv", ContentFile(content))
    Resource.objects.create(publication=library.dataset, title="Mal formé", file=name, format="csv")
    assert Client().get(library.dataset.get_absolute_url()).status_code == 200


def test_a_missing_file_gives_a_clear_message_and_a_404(library: Library) -> None:
    resource = Resource.objects.create(
        publication=library.dataset, title="Perdu", file="commons/resources/gone.csv", format="csv"
    )
    assert Client().get(library.dataset.get_absolute_url()).status_code == 200
    assert Client().get(resource.get_download_url()).status_code == 404


def test_reuse_form_declares_a_reuse_and_refuses_bad_input(library: Library) -> None:
    client = client_for(library.outsider)
    url = reverse("commons:reuse-declare", args=[library.published.slug])
    bad = client.post(url, {"title": "", "url": "pas une adresse", "kind": "hack"})
    assert bad.status_code == 200
    assert {"title", "url", "kind"} <= set(field_errors(bad))
    good = client.post(
        url, {"title": "Ma carte", "url": "https://carte.example.org", "kind": "visualisation"}
    )
    assert good["Location"] == library.published.get_absolute_url()
    twice = client.post(
        url, {"title": "Encore", "url": "https://carte.example.org", "kind": "visualisation"}
    )
    assert "url" in field_errors(twice)
    page = client.get(library.published.get_absolute_url()).content.decode()
    assert "Ma carte" in page  # the declarer sees it waiting
    assert "Ma carte" not in Client().get(library.published.get_absolute_url()).content.decode()


def test_moderation_publishes_a_reuse_on_the_publication_page(library: Library) -> None:
    reuse = ReuseFactory(publication=library.published, title="Tableau de bord")
    team = client_for(library.team)
    queue = team.get(reverse("commons:moderation"))
    assert reuse in queue.context["pending"]
    response = team.post(
        reverse("commons:reuse-moderate", args=[reuse.pk]), {"decision": "published"}
    )
    assert response["Location"] == reverse("commons:moderation")
    assert "Tableau de bord" in Client().get(library.published.get_absolute_url()).content.decode()
    for junk in ({}, {"decision": "maybe"}, {"decision": "published", "note": "x" * 1000}):
        assert (
            team.post(reverse("commons:reuse-moderate", args=[reuse.pk]), junk).status_code == 302
        )
    assert team.post("/library/reuses/99999999999999999999999/moderate/").status_code == 404
    assert Reuse.objects.get().status == "published"


def test_other_teams_do_not_see_this_programmes_queue(library: Library) -> None:
    reuse = ReuseFactory(publication=library.published)
    queue = client_for(library.other_team).get(reverse("commons:moderation"))
    assert reuse not in queue.context["pending"]


@pytest.mark.parametrize(
    "url",
    [
        "/library/?page=abc&q=" + "x" * 5000,
        "/library/?kind=%00&programme=%ff&licence=<script>",
        "/library/cahier-x/files/99999999999999999999999/a.pdf",
        "/library/cahier-x/resources/0/a.csv",
        "/library/cahier-x/dataset.jsonld",
        "/opendata/nothing.csv",
        "/opendata/archive.zip",
        "/programmes/none/library/feed.rss",
    ],
)
def test_bad_urls_are_handled(library: Library, url: str) -> None:
    assert Client().get(url).status_code in (200, 400, 404)


def test_external_links_of_resources_are_not_followed_by_us(library: Library) -> None:
    resource = ResourceFactory(publication=library.dataset)
    body = Client().get(library.dataset.get_absolute_url()).content.decode()
    assert resource.url in body
    assert (
        Client().get(f"/library/{library.dataset.slug}/resources/{resource.pk}/x").status_code
        == 404
    )


def test_sections_on_programme_and_actor_pages(library: Library) -> None:
    organisation = OrganisationFactory()
    library.published.author_organisations.add(organisation)
    programme_page = Client().get(library.programme.get_absolute_url()).content.decode()
    assert library.published.title in programme_page
    assert reverse("commons:programme-rss", args=[library.programme.slug]) in programme_page
    assert library.draft.title not in programme_page
    actor_page = Client().get(organisation.get_absolute_url()).content.decode()
    assert library.published.title in actor_page


def test_pages_in_english(library: Library) -> None:
    response = Client().get("/en/library/")
    assert response.status_code == 200 and "Library" in response.content.decode()
    assert (
        'lang="en"' in Client().get("/en" + library.published.get_absolute_url()).content.decode()
    )


def test_publication_page_query_count_does_not_grow_with_its_contents(library: Library) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert Client().get(library.dataset.get_absolute_url()).status_code == 200
        return len(captured)

    few = queries()
    for i in range(6):
        ResourceFactory(publication=library.dataset, url=f"https://data.example.org/{i}")
        ReuseFactory(publication=library.dataset, status="published")
        services.publication_file_add(
            publication=library.dataset,
            by=library.team,
            upload=upload(f"f{i}.pdf", PDF + bytes([i])),
            label=f"Fichier {i % 2}",
        )
        library.dataset.author_organisations.add(OrganisationFactory())
    many = queries()
    print(f"dataset page: {few} queries, {many} with 6 resources, reuses and files")
    assert many == few <= 10, (few, many)


def test_a_full_disk_is_a_field_error_and_changes_nothing(library: Library, monkeypatch) -> None:
    """A disk that refuses the file (full, read-only) is said on the file's field, in the
    reader's language; no row and no file stay (R5)."""
    import errno

    from django.core.files.storage import default_storage

    def full(name, content, max_length=None):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(default_storage, "save", full)
    response = client_for(library.team).post(
        file_add_url(library.published).removeprefix("/en"),
        {"label": "Cahier", "file": upload("cahier.pdf", PDF)},
    )
    assert response.status_code == 200
    assert "n'a pas pu être enregistré" in " ".join(field_errors(response)["file"])
    assert not PublicationFile.objects.exists()

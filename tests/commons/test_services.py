from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from alliage.commons import services
from alliage.commons.models import Publication, PublicationFile, Reuse
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import AuditEntry

from ..factories import PersonFactory, ProgrammeFactory, ReuseFactory
from .conftest import CSV, PDF, PNG, Library, upload

pytestmark = pytest.mark.django_db


def fields(library: Library, **changes: object) -> dict[str, object]:
    return {
        "kind": "guide",
        "title": "Guide de la sobriété",
        "summary": "Un guide.",
        "programme": library.programme,
        "licence": "CC-BY-4.0",
        "status": "draft",
    } | changes


def test_the_team_writes_a_draft_then_publishes_it_and_both_are_audited(library) -> None:
    publication = services.publication_create(by=library.team, fields=fields(library))
    assert publication.slug == "guide-de-la-sobriete"
    assert publication.status == "draft" and publication.published_on is None
    published = services.publication_update(
        publication=publication, by=library.team, fields={"status": "published"}
    )
    assert published.published_on is not None  # dated the day it is published
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"publication.created", "publication.published", "publication.changed"} <= actions


@pytest.mark.parametrize("role", ["outsider", "author", "other_team"])
def test_others_cannot_write_in_the_library(library, role: str) -> None:
    with pytest.raises(PermissionRefused):
        services.publication_create(by=library.user(role), fields=fields(library))
    with pytest.raises(PermissionRefused):
        services.publication_update(
            publication=library.draft, by=library.user(role), fields={"title": "Pris"}
        )


def test_a_team_cannot_hand_a_publication_to_a_programme_it_does_not_run(library) -> None:
    elsewhere = ProgrammeFactory()
    with pytest.raises(PermissionRefused):
        services.publication_update(
            publication=library.published, by=library.team, fields={"programme": elsewhere}
        )
    library.published.refresh_from_db()
    assert library.published.programme == library.programme


def test_a_publication_without_programme_belongs_to_the_administrators(library) -> None:
    with pytest.raises(PermissionRefused):
        services.publication_create(by=library.team, fields=fields(library, programme=None))
    assert services.publication_create(by=library.admin, fields=fields(library, programme=None))


@pytest.mark.parametrize("slug", ["new", "articles", "reuses", "feed"])
def test_paths_of_the_library_are_not_addresses(library, slug: str) -> None:
    with pytest.raises(BusinessError):
        services.publication_create(by=library.team, fields=fields(library, slug=slug))
    made = services.publication_create(by=library.team, fields=fields(library, title=slug))
    assert made.slug == f"{slug}-2"


def test_a_cover_needs_its_description_and_is_checked(library) -> None:
    with pytest.raises(BusinessError) as missing:
        services.publication_create(
            by=library.team, fields=fields(library), cover=upload("c.png", PNG)
        )
    assert missing.value.field == "cover_alt"
    with pytest.raises(ValidationError):
        services.publication_create(
            by=library.team,
            fields=fields(library, cover_alt="Une couverture"),
            cover=upload("c.png", PDF),
        )
    made = services.publication_create(
        by=library.team,
        fields=fields(library, cover_alt="Une couverture"),
        cover=upload("c.png", PNG),
    )
    assert (made.cover_width, made.cover_height) == (1, 1)


def test_a_new_version_keeps_the_old_file(library) -> None:
    first = services.publication_file_add(
        publication=library.published, by=library.team, upload=upload("g.pdf", PDF), label="Guide"
    )
    second = services.publication_file_add(
        publication=library.published,
        by=library.team,
        upload=upload("g.pdf", PDF + b"% v2\n"),
        replaces=first,
        note="Relu",
    )
    assert (first.version, second.version) == (1, 2)
    assert second.label == "Guide" and first.file.name != second.file.name
    with first.file.open("rb") as old:
        assert old.read() == PDF
    assert PublicationFile.objects.filter(publication=library.published).count() == 2


def test_the_same_file_sent_twice_is_stored_once(library) -> None:
    a = services.publication_file_add(
        publication=library.published, by=library.team, upload=upload("a.pdf", PDF), label="A"
    )
    b = services.publication_file_add(
        publication=library.draft, by=library.team, upload=upload("a.pdf", PDF), label="A"
    )
    assert a.file.name == b.file.name and a.sha256 == b.sha256


def test_a_file_of_another_publication_cannot_be_versioned_here(library) -> None:
    other = services.publication_file_add(
        publication=library.draft, by=library.team, upload=upload("a.pdf", PDF), label="A"
    )
    with pytest.raises(BusinessError):
        services.publication_file_add(
            publication=library.published,
            by=library.team,
            upload=upload("a.pdf", PDF),
            replaces=other,
        )


def test_a_resource_gets_its_size_and_sha256(library) -> None:
    import hashlib

    resource = services.resource_add(
        publication=library.dataset, by=library.team, title="Parc", upload=upload("p.csv", CSV)
    )
    assert resource.format == "csv"
    assert resource.byte_size == len(CSV)
    assert resource.sha256 == hashlib.sha256(CSV).hexdigest()
    link = services.resource_add(
        publication=library.dataset,
        by=library.team,
        title="API",
        url="https://data.example.org/api",
        file_format="API",
    )
    assert (link.format, link.byte_size, link.sha256) == ("api", None, "")


def test_only_datasets_have_resources_and_one_source_each(library) -> None:
    with pytest.raises(BusinessError):
        services.resource_add(
            publication=library.published, by=library.team, title="x", url="https://a.example"
        )
    with pytest.raises(BusinessError):
        services.resource_add(publication=library.dataset, by=library.team, title="Rien")
    with pytest.raises(BusinessError):
        services.resource_add(
            publication=library.dataset,
            by=library.team,
            title="Les deux",
            upload=upload("p.csv", CSV),
            url="https://a.example",
        )


def test_a_reuse_is_declared_once_then_moderated_and_audited(library) -> None:
    reuse = services.reuse_declare(
        publication=library.published,
        by=library.outsider,
        title="Une carte",
        url="https://carte.example.org",
        kind="visualisation",
    )
    assert reuse.status == "pending" and reuse.declared_by.user == library.outsider
    with pytest.raises(BusinessError) as twice:
        services.reuse_declare(
            publication=library.published,
            by=PersonFactory().user,
            title="La même",
            url="https://carte.example.org",
            kind="visualisation",
        )
    assert twice.value.field == "url"
    with pytest.raises(PermissionRefused):
        services.reuse_moderate(reuse=reuse, by=library.other_team, decision="published")
    with pytest.raises(BusinessError):
        services.reuse_moderate(reuse=reuse, by=library.team, decision="maybe")
    services.reuse_moderate(reuse=reuse, by=library.team, decision="refused", note="Lien mort")
    reuse.refresh_from_db()
    assert (reuse.status, reuse.moderation_note) == ("refused", "Lien mort")
    assert AuditEntry.objects.filter(action="reuse.refused", target_id=str(reuse.pk)).exists()
    # A refused declaration frees the link for a new one.
    again = services.reuse_declare(
        publication=library.published,
        by=library.outsider,
        title="Une carte, réparée",
        url="https://carte.example.org",
        kind="visualisation",
    )
    assert Reuse.objects.filter(url="https://carte.example.org").count() == 2
    services.reuse_moderate(reuse=again, by=library.team, decision="published")
    with pytest.raises(BusinessError):  # the refused twin cannot come back beside it
        services.reuse_moderate(reuse=reuse, by=library.team, decision="published")


def test_drafts_cannot_be_reused(library) -> None:
    with pytest.raises(BusinessError):
        services.reuse_declare(
            publication=library.draft,
            by=library.admin,
            title="x",
            url="https://x.example.org",
            kind="other",
        )


def test_publishing_queues_one_rebuild_per_transaction(
    library, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    from alliage.commons import tasks

    queued: list[dict] = []

    class Rebuild:
        def enqueue(self, **kwargs) -> None:
            queued.append(kwargs)

    monkeypatch.setattr(tasks, "opendata_rebuild", Rebuild())
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for title in ("Un", "Deux", "Trois"):
            services.publication_create(
                by=library.team, fields=fields(library, title=title, status="published")
            )
        ReuseFactory(publication=Publication.objects.get(title="Un"))
    assert len(queued) == 1


def test_the_rebuild_runs_through_the_task_queue(library, committed) -> None:
    from alliage.commons.models import OpenDataArchive

    committed(services.opendata_request_build, by=library.team)
    assert OpenDataArchive.objects.count() == 1
    assert AuditEntry.objects.filter(action="opendata.rebuild_requested").exists()


def test_old_archives_are_dropped(library) -> None:
    from alliage.commons.models import OpenDataArchive

    for _ in range(services.ARCHIVES_KEPT + 2):
        services.opendata_build()
    assert OpenDataArchive.objects.count() == services.ARCHIVES_KEPT

"""The team's audit log (/team/audit/) reads as words in the reader's language (m9): actions
by their labels, objects by their kind and name and linked to their pages when the reader may
see them, details by the names of the fields; its table scrolls as a focusable region; the
filters keep working; the page takes the same number of queries however many objects it
names."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alliage.calls.audit import AuditAction as CallAction
from alliage.coalitions.audit import AuditAction as CoalitionAction
from alliage.commons.audit import AuditAction as CommonsAction
from alliage.core.services import audit_record
from alliage.selfdata.display import audit_display

from ..clients import client_for
from ..factories import (
    CoalitionFactory,
    PersonFactory,
    ProgrammeFactory,
    PublicationFactory,
    ReuseFactory,
    SubmissionFactory,
    UserFactory,
    team_member,
)

pytestmark = pytest.mark.django_db


def table(body: str) -> str:
    rows = body.split('<table class="data audit">', 1)[1].split("</table>", 1)[0]
    return re.sub(r"\s+", " ", rows)


def test_actions_objects_and_details_read_as_words_in_french_and_english() -> None:
    programme = ProgrammeFactory()
    team = team_member(programme)
    coalition = CoalitionFactory(programme=programme, title="Écoles sobres")
    publication = PublicationFactory(programme=programme, title="Cahier Reset")
    reuse = ReuseFactory(publication=publication, title="Carte des durées de vie")
    audit_record(
        action=CoalitionAction.CANVAS_CHANGED,
        by=team,
        target=coalition,
        revision=2,
        fields=["summary", "diagnostic", "swot_strengths"],
    )
    audit_record(action=CommonsAction.PUBLICATION_PUBLISHED, by=team, target=publication)
    audit_record(
        action=CommonsAction.REUSE_DECLARED, by=None, target=reuse, publication=publication.pk
    )
    client = client_for(team)

    french = table(client.get("/team/audit/").content.decode())
    for code in ("reuse.declared", "publication.published", "coalition.canvas_changed"):
        assert code not in french
    assert "commons.publication" not in french and "#" not in french
    assert "fields:" not in french and "[&#x27;summary" not in french
    assert "Publication publiée" in french and "Réutilisation déclarée" in french
    assert "Résumé, Diagnostic" in french  # the fields by their verbose names
    assert f'<a href="{publication.get_absolute_url()}">' in french
    assert f'<a href="{coalition.get_absolute_url()}">' in french
    assert "Écoles sobres" in french and "Carte des durées de vie" in french
    assert "Cahier Reset" in french.split("Carte des durées de vie", 1)[1]  # the reuse's detail

    english = table(client.get("/en/team/audit/").content.decode())
    assert "Publication published" in english and "Reuse declared" in english
    assert "Coalition canvas changed" in english
    assert "Fields changed: Summary, Diagnostic, Strengths" in english
    assert "reuse.declared" not in english and "commons.reuse" not in english


def test_an_object_the_reader_may_not_see_is_named_but_not_linked() -> None:
    programme = ProgrammeFactory()
    team = team_member(programme)
    draft = PublicationFactory(programme=programme, title="Brouillon", status="draft")
    published = PublicationFactory(programme=programme, title="Publié")
    rows = [
        {"action": "publication.created", "target_type": "commons.publication",
         "target_id": str(p.pk), "details": {}}
        for p in (draft, published)
    ]  # fmt: skip
    outsider = PersonFactory().user
    for_outsider = audit_display(rows, outsider, links=True)
    assert [r["target_url"] for r in for_outsider] == ["", published.get_absolute_url()]
    assert for_outsider[0]["target_id"] == "«\u00a0Brouillon\u00a0»"  # named all the same (French)
    for_team = audit_display(rows, team, links=True)
    assert [r["target_url"] for r in for_team] == [
        draft.get_absolute_url(),
        published.get_absolute_url(),
    ]
    assert all(r["target_url"] == "" for r in audit_display(rows, team))  # My data: no links
    # On the page, the team's draft is linked; another programme's team does not read it.
    audit_record(action=CommonsAction.PUBLICATION_CREATED, by=team, target=draft)
    page = table(client_for(team).get("/en/team/audit/").content.decode())
    assert f'<a href="{draft.get_absolute_url()}">' in page
    other = team_member(ProgrammeFactory())
    assert "Brouillon" not in client_for(other).get("/en/team/audit/").content.decode()


def test_an_object_since_deleted_says_so() -> None:
    programme = ProgrammeFactory()
    team = team_member(programme)
    publication = PublicationFactory(programme=programme)
    audit_record(action=CommonsAction.PUBLICATION_PUBLISHED, by=team, target=publication)
    admin = UserFactory(is_superuser=True, is_staff=True)
    publication.delete()
    assert "(no longer exists)" in table(client_for(admin).get("/en/team/audit/").content.decode())


def test_the_table_scrolls_as_a_named_focusable_region_and_details_wrap() -> None:
    programme = ProgrammeFactory()
    team = team_member(programme)
    audit_record(
        action=CommonsAction.PUBLICATION_PUBLISHED,
        by=team,
        target=PublicationFactory(programme=programme),
    )
    body = client_for(team).get("/en/team/audit/").content.decode()
    region = re.search(r'<div class="table-scroll"[^>]*>\s*<table class="data audit">', body)
    assert region is not None
    tag = region.group(0)
    assert 'tabindex="0"' in tag and 'role="region"' in tag and 'aria-label="Audit entries"' in tag
    assert 'class="detail"' not in body  # the old unbreakable spans
    assert '<td class="audit-details">' in body


def test_the_filters_show_words_and_keep_filtering() -> None:
    programme = ProgrammeFactory()
    team = team_member(programme)
    publication = PublicationFactory(programme=programme, title="Cahier filtré")
    coalition = CoalitionFactory(programme=programme, title="Coalition filtrée")
    audit_record(action=CommonsAction.PUBLICATION_PUBLISHED, by=team, target=publication)
    audit_record(action=CoalitionAction.PROPOSED, by=team, target=coalition)
    audit_record(action=CommonsAction.DATASET_RESOURCE_ADDED, by=team, target=publication)
    client = client_for(team)
    body = client.get("/en/team/audit/").content.decode()
    # No kind of object is named "dataset": that group offers its action alone, in words.
    assert 'value="dataset."' not in body
    assert '<option value="dataset.resource_added">Resource added to a dataset</option>' in body
    assert '<option value="publication.published">Publication published</option>' in body
    assert '<option value="publication.">Publication: every action</option>' in body
    assert '<option value="commons.publication">Publication</option>' in body
    by_action = table(client.get("/en/team/audit/?action=publication.published").content.decode())
    assert "Cahier filtré" in by_action and "Coalition filtrée" not in by_action
    by_prefix = table(client.get("/en/team/audit/?action=coalition.").content.decode())
    assert "Coalition filtrée" in by_prefix and "Cahier filtré" not in by_prefix
    by_type = table(client.get("/en/team/audit/?target_type=commons.publication").content.decode())
    assert "Cahier filtré" in by_type and "Coalition filtrée" not in by_type
    french = client.get("/team/audit/").content.decode()
    assert '<option value="publication.published">Publication publiée</option>' in french


def fill(programme, team, n: int) -> None:
    for _ in range(n):
        publication = PublicationFactory(programme=programme)
        audit_record(action=CommonsAction.PUBLICATION_PUBLISHED, by=team, target=publication)
        reuse = ReuseFactory(publication=publication)
        audit_record(
            action=CommonsAction.REUSE_DECLARED,
            by=team,
            target=reuse,
            publication=publication.pk,
        )
        coalition = CoalitionFactory(programme=programme)
        audit_record(action=CoalitionAction.PROPOSED, by=team, target=coalition)
        submission = SubmissionFactory(call__programme=programme)
        audit_record(
            action=CallAction.SUBMISSION_DECIDED,
            by=team,
            target=submission,
            decision="accepted",
        )


def queries(client: Client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/en/team/audit/")
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_page_takes_the_same_queries_however_many_objects_it_names() -> None:
    programme = ProgrammeFactory()
    team = team_member(programme)
    client = client_for(team)
    fill(programme, team, 2)
    few, body = queries(client)
    assert "8 entries" in body
    fill(programme, team, 8)
    many, body = queries(client)
    assert "40 entries" in body and body.count("/en/library/") >= 10
    assert many == few

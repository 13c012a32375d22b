"""Moderation: a comment reported by three people is hidden until the team decides; the
team restores it with a reason, the author is told, the audit log records it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from alliage.coalitions.models import MemberRole
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import AuditEntry
from alliage.discussions import services as discussions
from alliage.discussions.selectors import comment_get, place_of_target
from alliage.moderation import services
from alliage.moderation.models import Case, CaseState
from alliage.notifications.models import Notification
from tests.factories import CoalitionFactory, CoalitionMemberFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

KEY = "discussions.comment"


@pytest.fixture
def setting():
    coalition = CoalitionFactory(title="Sobriété numérique")
    CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD)
    team = PersonFactory().user
    coalition.programme.team.add(team)
    author = PersonFactory().user
    comment = discussions.comment_post(
        place=place_of_target(coalition, "public"), by=author, body="Un avis tranché"
    )
    return coalition, team, author, comment


def report_url(comment):
    return reverse("moderation:report", kwargs={"key": KEY, "pk": comment.pk})


def test_three_reports_hide_the_comment_then_the_team_restores_it_and_tells_the_author(
    client, setting
):
    coalition, team, author, comment = setting
    thread = reverse(
        "discussions:thread",
        kwargs={"key": "coalitions.coalition", "pk": coalition.pk, "channel": "public"},
    )
    reporters = [PersonFactory().user for _ in range(3)]
    for n, reporter in enumerate(reporters, start=1):
        client.force_login(reporter)
        response = client.post(report_url(comment), {"reason": "abuse", "note": "Injurieux"})
        assert response.status_code == 302
        assert (comment_get(pk=comment.pk).hidden is None) == (n < 3)
    assert comment_get(pk=comment.pk).hidden is not None
    assert "Un avis tranché" not in client.get(thread).content.decode()
    assert Notification.objects.filter(recipient=author, kind="moderation.hidden").count() == 1

    client.force_login(team)
    queue = client.get(reverse("team:moderation:queue")).content.decode()
    assert "Un avis tranché" in queue and "Masqué par les signalements" in queue
    case = Case.objects.get()
    response = client.post(
        reverse("team:moderation:decide", args=[case.pk]),
        {"decision": "keep", "note": "Vif mais dans les règles."},
    )
    assert response.status_code == 302
    assert comment_get(pk=comment.pk).hidden is None
    assert "Un avis tranché" in client.get(thread).content.decode()
    told = Notification.objects.get(recipient=author, kind="moderation.kept")
    assert told.context["reason"] == "Vif mais dans les règles."
    entry = AuditEntry.objects.get(action="moderation.kept")
    assert entry.actor == team and entry.data["note"] == "Vif mais dans les règles."
    case.refresh_from_db()
    assert case.state == CaseState.KEPT and not case.reports.filter(open=True).exists()


def test_one_person_reports_once_and_only_what_they_see(setting):
    coalition, _team, _author, comment = setting
    reporter = PersonFactory().user
    comment = comment_get(pk=comment.pk)
    services.report_create(key=KEY, obj=comment, by=reporter, reason="spam")
    with pytest.raises(BusinessError):
        services.report_create(key=KEY, obj=comment, by=reporter, reason="spam")
    with pytest.raises(BusinessError):
        services.report_create(key=KEY, obj=comment, by=PersonFactory().user, reason="nope")
    members = discussions.comment_post(
        place=place_of_target(coalition, "members"),
        by=coalition.members.get().person.user,
        body="Entre nous",
    )
    with pytest.raises(PermissionRefused):
        services.report_create(key=KEY, obj=comment_get(pk=members.pk), by=reporter, reason="spam")


def test_only_the_programme_team_decides_and_a_reason_is_required(client, setting):
    _coalition, team, _author, comment = setting
    services.report_create(key=KEY, obj=comment_get(pk=comment.pk), by=UserFactory(), reason="spam")
    case = Case.objects.get()
    other_team = PersonFactory().user
    CoalitionFactory().programme.team.add(other_team)
    with pytest.raises(PermissionRefused):
        services.case_decide(case=case, by=other_team, hide=True, note="Non")
    client.force_login(other_team)
    assert (
        client.post(
            reverse("team:moderation:decide", args=[case.pk]), {"decision": "hide", "note": "x"}
        ).status_code
        == 404
    )
    assert "Un avis tranché" not in client.get(reverse("team:moderation:queue")).content.decode()
    with pytest.raises(BusinessError):
        services.case_decide(case=case, by=team, hide=True, note="  ")
    services.case_decide(case=case, by=team, hide=True, note="Publicité")
    assert comment_get(pk=comment.pk).hidden is not None
    assert AuditEntry.objects.filter(action="moderation.hidden", actor=team).exists()


def test_the_queue_is_for_teams_only(client):
    client.force_login(PersonFactory().user)
    assert client.get(reverse("team:moderation:queue")).status_code == 403


def test_a_reported_reuse_hidden_by_the_team_leaves_the_page_and_the_declarer_is_told(client):
    from tests.factories import PublicationFactory, ReuseFactory

    publication = PublicationFactory()
    team = PersonFactory().user
    publication.programme.team.add(team)
    declarer = PersonFactory()
    reuse = ReuseFactory(publication=publication, status="published", declared_by=declarer,
                         title="Une carte des tiers-lieux")  # fmt: skip
    services.report_create(key="commons.reuse", obj=reuse, by=UserFactory(), reason="spam")
    case = Case.objects.get()
    services.case_decide(case=case, by=team, hide=True, note="Lien publicitaire")
    reuse.refresh_from_db()
    assert reuse.status == "refused"
    assert (
        "Une carte des tiers-lieux"
        not in client.get(publication.get_absolute_url()).content.decode()
    )
    assert Notification.objects.get(recipient=declarer.user).kind == "moderation.hidden"


def test_a_coalition_hidden_by_the_team_cannot_be_published_again_by_its_leads(client):
    from alliage.coalitions.services import coalition_update_canvas

    coalition = CoalitionFactory(title="Coalition litigieuse")
    lead = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD).person.user
    team = PersonFactory().user
    coalition.programme.team.add(team)
    client.force_login(PersonFactory().user)
    url = reverse("moderation:report", kwargs={"key": "coalitions.coalition", "pk": coalition.pk})
    assert client.post(url, {"reason": "illegal"}).status_code == 302
    services.case_decide(case=Case.objects.get(), by=team, hide=True, note="Contenu illicite")
    coalition.refresh_from_db()
    assert not coalition.is_published and coalition.hidden_by_moderation
    assert client.get(coalition.get_absolute_url()).status_code == 404
    assert Notification.objects.get(recipient=lead).kind == "moderation.hidden"
    with pytest.raises(BusinessError):
        coalition_update_canvas(coalition=coalition, by=lead, data={"is_published": True})
    services.case_decide(case=Case.objects.get(), by=team, hide=False, note="Corrigé")
    coalition.refresh_from_db()
    assert coalition.is_published and not coalition.hidden_by_moderation


def test_a_publication_is_reported_and_unpublished_and_a_draft_cannot_be_reported(client):
    from tests.factories import PublicationFactory

    author = PersonFactory()
    publication = PublicationFactory(title="Cahier signalé")
    publication.author_people.add(author)
    team = PersonFactory().user
    publication.programme.team.add(team)
    reporter = PersonFactory().user
    services.report_create(key="commons.publication", obj=publication, by=reporter, reason="other")
    services.case_decide(case=Case.objects.get(), by=team, hide=True, note="Données personnelles")
    publication.refresh_from_db()
    assert publication.status == "draft"
    assert client.get(publication.get_absolute_url()).status_code == 404
    assert Notification.objects.get(recipient=author.user).kind == "moderation.hidden"
    draft = PublicationFactory(status="draft", published_on=None)
    draft.author_people.add(author)
    with pytest.raises(BusinessError):
        services.report_create(key="commons.publication", obj=draft, by=author.user, reason="spam")


def test_a_profile_hidden_by_a_team_leaves_the_directory_but_keeps_its_consents(client):
    from alliage.actors.models import Person

    person = PersonFactory(first_name="Profil", last_name="Douteux", is_listed=True,
                           is_contactable=True)  # fmt: skip
    team = PersonFactory().user
    CoalitionFactory().programme.team.add(team)
    services.report_create(key="actors.person", obj=person, by=UserFactory(), reason="spam")
    case = Case.objects.get()
    assert case.programme_id is None
    client.force_login(team)
    assert "Profil Douteux" in client.get(reverse("team:moderation:queue")).content.decode()
    services.case_decide(case=case, by=team, hide=True, note="Faux profil")
    person.refresh_from_db()
    assert person.hidden_by_moderation and person.is_listed and person.is_contactable
    assert not Person.objects.listed().filter(pk=person.pk).exists()
    assert client.get(person.get_absolute_url()).status_code == 404
    assert Notification.objects.get(recipient=person.user).kind == "moderation.hidden"

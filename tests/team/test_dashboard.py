"""The team's dashboard: every figure links to its list, a team member sees only the programmes
they run, and the whole page takes the same number of queries whatever the volume."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from alliage.actors.models import OrganisationKind
from alliage.coalitions.models import CoalitionStatus, MemberRole
from alliage.coalitions.selectors import coalition_funnel

from ..factories import (
    CoalitionFactory,
    CoalitionMemberFactory,
    EventFactory,
    IndicatorFactory,
    MeasurementFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
    PublicationFactory,
    ReuseFactory,
    SubmissionFactory,
    UserFactory,
)
from .factories import JoinRequestFactory, age

pytestmark = pytest.mark.django_db


def team_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def build(programme, n: int) -> None:
    """``n`` coalitions of each stage-ish with members, late join requests, proposals, events,
    indicators and reuses in the programme."""
    kinds = list(OrganisationKind.values)
    statuses = list(CoalitionStatus.values)
    for i in range(n):
        coalition = CoalitionFactory(programme=programme, status=statuses[i % len(statuses)])
        CoalitionMemberFactory(
            coalition=coalition,
            role=MemberRole.LEAD,
            organisation=OrganisationFactory(kind=kinds[i % len(kinds)]),
        )
        CoalitionMemberFactory(
            coalition=coalition, organisation=OrganisationFactory(kind=kinds[(i + 3) % 8])
        )
        age(JoinRequestFactory(coalition=coalition), days=10 + i)
        IndicatorFactory(coalition=coalition, baseline_date=dt.date(2020, 1, 1))
        SubmissionFactory(call__programme=programme)
        EventFactory(programme=programme)
        ReuseFactory(publication=PublicationFactory(programme=programme))


def count_queries(client: Client, url: str = "/team/") -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_the_whole_page_takes_the_same_queries_with_ten_times_more() -> None:
    programme = ProgrammeFactory()
    team = PersonFactory().user
    programme.team.add(team)
    build(programme, 3)
    client = team_client(team)
    before, _ = count_queries(client)
    build(programme, 27)
    after, html = count_queries(client)
    assert before == after, (before, after)
    # The figures are those of the larger world.
    assert re.search(r">\s*30\s*</a>", html) or ">30<" in html.replace(" ", "")


def test_a_team_member_sees_only_the_programmes_they_run() -> None:
    mine, theirs = ProgrammeFactory(name="Mon programme"), ProgrammeFactory(name="Le leur")
    team = PersonFactory().user
    mine.team.add(team)
    build(mine, 2)
    build(theirs, 5)
    response = team_client(team).get("/en/team/")
    html = response.content.decode()
    assert "Mon programme" in html
    assert "Le leur" not in html
    assert f"programme={theirs.slug}" not in html
    funnels = response.context["panels"]
    assert funnels  # the panels are there
    # The late requests of their programme are not counted in mine.
    assert f"?programme={mine.slug}&amp;older_than=7" in html


def test_every_figure_links_to_the_list_behind_it() -> None:
    programme = ProgrammeFactory()
    team = PersonFactory().user
    programme.team.add(team)
    build(programme, 5)
    client = team_client(team)
    html = client.get("/en/team/").content.decode()
    links = set(re.findall(r'<a class="figure" href="([^"]+)"', html))
    assert len(links) >= 5
    for link in links:
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link
    # The funnel's "active" figure opens the list of the active coalitions of the programme.
    active = f"/coalitions/?programme={programme.slug}&amp;status=active"
    assert any(link.endswith(active) for link in links)
    listed = client.get(f"/en/coalitions/?programme={programme.slug}&status=active")
    assert listed.context["page"].paginator.count == 1


def test_the_funnel_counts_each_stage_with_its_heterogeneity() -> None:
    programme = ProgrammeFactory()
    varied = CoalitionFactory(programme=programme, status=CoalitionStatus.ACTIVE)
    for kind in ("association", "sme", "local_authority", "research"):
        CoalitionMemberFactory(coalition=varied, organisation=OrganisationFactory(kind=kind))
    single = CoalitionFactory(programme=programme, status=CoalitionStatus.ACTIVE)
    CoalitionMemberFactory(coalition=single, organisation=OrganisationFactory(kind="sme"))
    CoalitionFactory(programme=programme, status=CoalitionStatus.IDEA)
    CoalitionFactory(status=CoalitionStatus.ACTIVE)  # another programme's
    (funnel,) = coalition_funnel(programmes=[programme])
    stages = {stage.status: stage for stage in funnel.stages}
    assert [s.status for s in funnel.stages] == list(CoalitionStatus.values)
    assert stages["active"].count == 2
    assert stages["active"].heterogeneous == 1
    assert 0 < stages["active"].mean_index < 1
    assert stages["idea"].count == 1 and stages["idea"].mean_index == 0
    assert stages["closed"].count == 0 and stages["closed"].mean_index is None
    assert funnel.total == 3


def test_join_requests_waiting_more_than_a_week_are_counted_and_listed() -> None:
    programme = ProgrammeFactory()
    team = PersonFactory().user
    programme.team.add(team)
    coalition = CoalitionFactory(programme=programme, title="Coalition attentive")
    old = age(JoinRequestFactory(coalition=coalition), days=9)
    JoinRequestFactory(coalition=coalition)  # yesterday's: not late
    answered = age(JoinRequestFactory(coalition=coalition, status="declined"), days=20)
    client = team_client(team)
    response = client.get("/en/team/programmes/requests/", {"older_than": 7})
    rows = list(response.context["page"].object_list)
    assert rows == [old]
    assert answered not in rows
    assert client.get("/en/team/programmes/requests/").context["page"].paginator.count == 2
    html = client.get("/en/team/").content.decode()
    assert re.search(r'older_than=7">1</a>', html)


def test_indicators_and_moderation_figures() -> None:
    programme = ProgrammeFactory()
    team = PersonFactory().user
    programme.team.add(team)
    coalition = CoalitionFactory(programme=programme)
    late = IndicatorFactory(coalition=coalition, name="En retard")
    MeasurementFactory(indicator=late, value=1000, measured_on=dt.date.today())  # noqa: DTZ011
    IndicatorFactory(coalition=coalition, name="Jamais mesuré", baseline_date=dt.date(2020, 1, 1))
    ReuseFactory(publication=PublicationFactory(programme=programme))
    PublicationFactory(programme=programme, status="draft", published_on=None)
    client = team_client(team)
    html = client.get("/en/team/").content.decode()
    assert f"programme={programme.slug}&amp;state=late" in html
    late_list = client.get("/en/team/indicators/", {"state": "late"}).context["indicators"]
    assert [i.name for i in late_list] == ["En retard"]
    stale = client.get("/en/team/indicators/", {"state": "stale"}).context["indicators"]
    assert [i.name for i in stale] == ["Jamais mesuré"]
    assert "1</a> reuse to moderate" in html
    assert "1</a> draft publication" in html


def test_someone_off_the_teams_is_refused() -> None:
    response = team_client(PersonFactory().user).get("/en/team/")
    assert response.status_code == 403
    assert team_client(UserFactory(is_superuser=True)).get("/en/team/").status_code == 200


def late_call(programme, *, reviewers: int) -> None:
    """A call past its review due date with one sent proposal and ``reviewers`` reviewers who
    have not written their review, and one who has."""
    from alliage.calls.models import Assignment

    now = dt.datetime.now(tz=dt.UTC)
    submission = SubmissionFactory(
        call__programme=programme,
        call__opens_at=now - dt.timedelta(days=30),
        call__closes_at=now - dt.timedelta(days=10),
        call__review_due_at=now - dt.timedelta(days=2),
    )
    for _ in range(reviewers):
        Assignment.objects.create(submission=submission, reviewer=PersonFactory().user)
    Assignment.objects.create(
        submission=submission, reviewer=PersonFactory().user, submitted_at=now
    )


def test_the_calls_panel_shows_late_reviewers_and_links_every_figure() -> None:
    programme = ProgrammeFactory()
    team = PersonFactory().user
    programme.team.add(team)
    late_call(programme, reviewers=2)
    unassigned = SubmissionFactory(call__programme=programme).call
    SubmissionFactory(call=unassigned, status="draft")
    client = team_client(team)
    html = client.get("/en/team/").content.decode()
    panel = html[html.index('id="pulse-calls"') :]
    panel = panel[: panel.index("</section>")]
    assert "2 late reviewers</a>" in panel
    assert "reviews 1/3</a>" in panel
    # Sent but nothing assigned reads as such, not "reviews 0/0".
    assert "no review assigned</a>" in panel
    assert "reviews 0/0" not in panel
    assert f'#call-{unassigned.slug}">1 draft</a>' in panel
    links = re.findall(r'<a class="figure" href="([^"]+)"', panel)
    assert len(links) == 7  # sent and drafts twice; reviews and late; no review assigned
    for link in links:
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200, link
        if "#pending-title" in link:
            assert 'id="pending-title"' in response.content.decode()
        if "#call-" in link:
            assert f'id="{link.split("#")[1]}"' in response.content.decode()


def test_late_reviewers_keep_the_dashboard_query_count_constant() -> None:
    programme = ProgrammeFactory()
    team = PersonFactory().user
    programme.team.add(team)
    late_call(programme, reviewers=1)
    client = team_client(team)
    before, _ = count_queries(client)
    for _ in range(6):
        late_call(programme, reviewers=3)
    after, html = count_queries(client)
    assert before == after, (before, after)
    assert html.count("3 évaluateurs en retard</a>") == 6  # the team's page, in French

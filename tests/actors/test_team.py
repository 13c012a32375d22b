"""The team's back-office of actors, a person's own organisation, merges and memberships."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alliage.actors import selectors, services
from alliage.actors.hooks import memberships_pulse
from alliage.actors.models import Affiliation, Membership, Organisation, Person
from alliage.coalitions.models import CoalitionMember
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import AuditEntry

from ..factories import (
    AffiliationFactory,
    CallFactory,
    CoalitionMemberFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    user = PersonFactory().user
    ProgrammeFactory().team.add(user)
    return user


def test_team_creates_and_edits_an_organisation_audited(team) -> None:
    organisation = services.organisation_create(by=team, name="  Les  Amis ", kind="association")
    assert organisation.name == "Les Amis" and organisation.slug == "les-amis"
    assert not organisation.affiliations.exists()  # the team does not join what it creates
    changed = services.organisation_update(organisation=organisation, by=team, city="Lyon")
    assert changed == ["city"]
    assert Organisation.objects.get(pk=organisation.pk).city == "Lyon"
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert "organisation.created" in actions and "organisation.updated" in actions


def test_an_organisation_name_is_unique_whatever_the_case(team) -> None:
    OrganisationFactory(name="Les Amis")
    with pytest.raises(BusinessError) as error:
        services.organisation_create(by=team, name="les amis")
    assert error.value.field == "name"


def test_a_bad_website_is_refused_on_its_field(team) -> None:
    with pytest.raises(BusinessError) as error:
        services.organisation_create(by=team, name="X", website="not a url")
    assert error.value.field == "website"


def test_someone_else_cannot_edit_an_organisation() -> None:
    organisation = OrganisationFactory()
    outsider = PersonFactory().user
    with pytest.raises(PermissionRefused):
        services.organisation_update(organisation=organisation, by=outsider, city="Paris")
    member = AffiliationFactory(organisation=organisation).person.user
    services.organisation_update(
        organisation=organisation, by=member, city="Paris", is_listed=False
    )
    organisation.refresh_from_db()
    assert organisation.city == "Paris" and organisation.is_listed  # listing is the team's call


def test_a_newcomer_creates_an_organisation_and_may_submit_for_it(client) -> None:
    """The acceptance criterion: after creating it, the calls' form lists it."""
    call = CallFactory()
    newcomer = PersonFactory().user
    client.force_login(newcomer)
    response = client.post(
        reverse("actors:organisation-create"),
        {"name": "Ma Ressourcerie", "kind": "association", "role": "Présidente"},
    )
    organisation = Organisation.objects.get(name="Ma Ressourcerie")
    assert response.status_code == 302 and response["Location"] == organisation.get_absolute_url()
    assert Affiliation.objects.get(organisation=organisation).person.user == newcomer
    form = client.get(reverse("calls:submission-edit", kwargs={"slug": call.slug}))
    assert form.status_code == 200
    assert list(form.context["form"].fields["organisation"].queryset) == [organisation]
    assert b"Ma Ressourcerie" in form.content


def test_the_own_organisation_form_shows_errors_not_a_500(client) -> None:
    OrganisationFactory(name="Déjà là")
    client.force_login(PersonFactory().user)
    response = client.post(reverse("actors:organisation-create"), {"name": "déjà là", "kind": "x"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"kind"}
    response = client.post(
        reverse("actors:organisation-create"), {"name": "déjà là", "kind": "association"}
    )
    assert "name" in response.context["form"].errors


def test_team_creates_a_person_without_password(team) -> None:
    organisation = OrganisationFactory()
    person = services.person_create(
        by=team,
        email=" Anne@Example.org ",
        first_name="Anne",
        last_name="N",
        organisation=organisation,
    )
    assert person.user.email == "anne@example.org" and not person.user.has_usable_password()
    assert not person.is_listed
    assert list(selectors.organisations_for_person(person=person)) == [organisation]
    with pytest.raises(BusinessError) as error:
        services.person_create(by=team, email="anne@example.org", first_name="A", last_name="B")
    assert error.value.field == "email"


def test_only_the_team_creates_people() -> None:
    with pytest.raises(PermissionRefused):
        services.person_create(
            by=PersonFactory().user, email="x@example.org", first_name="A", last_name="B"
        )


def test_merging_organisations_moves_everything_and_drops_duplicates(team) -> None:
    keep, drop = (
        OrganisationFactory(name="Les Amis"),
        OrganisationFactory(name="Les amis (doublon)"),
    )
    both = PersonFactory()
    AffiliationFactory(person=both, organisation=keep)
    AffiliationFactory(person=both, organisation=drop)  # becomes a duplicate: dropped
    only_drop = AffiliationFactory(organisation=drop).person
    MembershipFactory(organisation=drop)
    coalition_member = CoalitionMemberFactory(organisation=drop)
    preview = {
        line["model"]: line["count"] for line in selectors.merge_preview(keep=keep, drop=drop)
    }
    assert preview["actors.affiliation"] == 2 and preview["actors.membership"] == 1
    assert preview["coalitions.coalitionmember"] == 1
    summary = services.actors_merge(keep=keep, drop=drop, by=team)
    assert summary == {"moved": 3, "dropped": 1}
    assert not Organisation.objects.filter(pk=drop.pk).exists()
    assert set(keep.affiliations.values_list("person", flat=True)) == {both.pk, only_drop.pk}
    assert keep.memberships.count() == 1
    assert CoalitionMember.objects.get(pk=coalition_member.pk).organisation == keep
    assert AuditEntry.objects.filter(action="organisation.merged").exists()


def test_merging_people_moves_their_memberships_and_deactivates_the_duplicate(team) -> None:
    keep, drop = PersonFactory(), PersonFactory()
    organisation = OrganisationFactory()
    AffiliationFactory(person=drop, organisation=organisation)
    MembershipFactory(organisation=None, person=drop)
    services.actors_merge(keep=keep, drop=drop, by=team)
    assert list(selectors.organisations_for_person(person=keep)) == [organisation]
    assert keep.memberships.count() == 1
    drop.user.refresh_from_db()
    assert not drop.user.is_active and not Person.objects.filter(pk=drop.pk).exists()


def test_merge_is_for_the_team_and_two_different_records(team) -> None:
    a, b = OrganisationFactory(), OrganisationFactory()
    with pytest.raises(PermissionRefused):
        services.actors_merge(keep=a, drop=b, by=PersonFactory().user)
    with pytest.raises(BusinessError):
        services.actors_merge(keep=a, drop=a, by=team)
    with pytest.raises(BusinessError):
        services.actors_merge(keep=a, drop=PersonFactory(), by=team)


def test_merge_page_previews_then_merges(client, team) -> None:
    keep, drop = OrganisationFactory(), OrganisationFactory()
    MembershipFactory(organisation=drop)
    client.force_login(team)
    url = reverse("team:actors:merge", kwargs={"kind": "organisations"})
    page = client.get(url, {"keep": keep.pk, "drop": drop.pk})
    assert page.status_code == 200 and page.context["preview"][0]["count"] == 1
    assert Organisation.objects.filter(pk=drop.pk).exists()  # GET never writes
    response = client.post(url, {"keep": keep.pk, "drop": drop.pk, "confirm": "1"})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=drop.pk).exists()


def _membership(ends_in: int, **kwargs) -> Membership:
    today = timezone.localdate()
    return MembershipFactory(
        starts_on=today - dt.timedelta(days=300),
        ends_on=today + dt.timedelta(days=ends_in),
        **kwargs,
    )


def test_renewals_due_and_lapsed_leave_out_renewed_ones() -> None:
    due = _membership(10)
    lapsed = _membership(-30)
    _membership(-200)  # lapsed too long ago
    _membership(100)  # not due yet
    renewed = _membership(5)
    MembershipFactory(
        organisation=renewed.organisation,
        starts_on=renewed.ends_on + dt.timedelta(days=1),
        ends_on=renewed.ends_on + dt.timedelta(days=365),
    )
    assert list(selectors.membership_list(period="due")) == [due]
    assert list(selectors.membership_list(period="lapsed")) == [lapsed]
    figures = selectors.membership_pulse()
    assert figures["due"] == 1 and figures["lapsed"] == 1


def test_renewing_a_membership_continues_it(team) -> None:
    membership = _membership(10)
    membership.tier.yearly_amount = 250
    membership.tier.save()
    renewed = services.membership_renew(membership=membership, by=team)
    assert renewed.starts_on == membership.ends_on + dt.timedelta(days=1)
    assert renewed.ends_on - renewed.starts_on == membership.ends_on - membership.starts_on
    # Due the tier's amount (not in good standing until paid), linked to the one it renews
    # (so no reminder goes out for the old one), voting through the same person.
    assert renewed.amount_due == membership.tier.yearly_amount and not renewed.is_paid
    assert renewed.renews == membership
    assert renewed.representative_id == membership.representative_id
    with pytest.raises(BusinessError):
        services.membership_renew(membership=membership, by=team)


def test_a_declined_renewal_does_not_block_the_teams(team) -> None:
    membership = _membership(10)
    Membership.objects.create(
        organisation=membership.organisation,
        tier=membership.tier,
        status="declined",
        starts_on=membership.ends_on + dt.timedelta(days=1),
        ends_on=membership.ends_on + dt.timedelta(days=365),
    )
    renewed = services.membership_renew(membership=membership, by=team)
    assert renewed.status == "accepted"


def test_membership_needs_one_holder_and_a_period(team) -> None:
    today = timezone.localdate()
    with pytest.raises(BusinessError):
        services.membership_save(by=team, tier="small", starts_on=today, ends_on=today)
    with pytest.raises(BusinessError) as error:
        services.membership_save(
            by=team,
            tier="small",
            starts_on=today,
            ends_on=today - dt.timedelta(days=1),
            organisation=OrganisationFactory(),
        )
    assert error.value.field == "ends_on"


def test_membership_csv_is_safe_from_formula_injection(client, team) -> None:
    _membership(10, organisation=OrganisationFactory(name='=HYPERLINK("x")'))
    client.force_login(team)
    response = client.get(reverse("team:actors:membership-csv"), {"period": "due"})
    body = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body and response["Content-Type"].startswith("text/csv")


def test_membership_csv_says_status_amounts_and_who_votes(client, team) -> None:
    import csv
    import io

    membership = _membership(10, amount_due=Decimal("300"))
    voter = AffiliationFactory(organisation=membership.organisation).person
    membership.representative = voter
    membership.save()
    client.force_login(team)
    response = client.get("/en" + reverse("team:actors:membership-csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, line = rows[0], rows[1]
    assert header[-4:] == ["Status", "Amount due (€)", "Amount paid (€)", "Votes through"]
    assert line[-4:] == ["Accepted", "300.00", "0.00", voter.full_name]


def test_membership_form_reports_errors_on_fields(client, team) -> None:
    client.force_login(team)
    response = client.post(
        reverse("team:actors:membership-create"),
        {"person_email": "nobody@example.org", "tier": "small", "starts_on": "2026-02-01",
         "ends_on": "2026-01-01"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "person_email" in response.context["form"].errors
    assert not Membership.objects.exists()


def test_the_pulse_panel_takes_a_constant_number_of_queries(rf, team) -> None:
    request = rf.get("/team/")
    request.user = team
    for _ in range(3):
        _membership(10)
    with CaptureQueriesContext(connection) as few:
        memberships_pulse(request, [])
    for _ in range(20):
        _membership(10)
        _membership(-10)
    request.user = type(team).objects.get(pk=team.pk)
    with CaptureQueriesContext(connection) as many:
        section = memberships_pulse(request, [])
    assert len(many) == len(few)
    assert section.context["figures"]["due"] == 23


def test_the_pulse_panel_is_not_for_others(rf) -> None:
    request = rf.get("/team/")
    request.user = PersonFactory().user
    assert memberships_pulse(request, []) is None


def test_team_pages_render(client, team) -> None:
    OrganisationFactory()
    client.force_login(team)
    for name in ("actor-list", "membership-list", "organisation-create", "person-create"):
        assert client.get(reverse(f"team:actors:{name}")).status_code == 200
    assert client.get(reverse("team:actors:actor-list"), {"tab": "people"}).status_code == 200
    dashboard = client.get(reverse("team:dashboard"))
    assert reverse("team:actors:membership-list") + "?period=due" in dashboard.content.decode()


def test_merging_keeps_the_tags_of_both(team) -> None:
    keep, drop = OrganisationFactory(), OrganisationFactory()
    keep.tags.set(services.tags_from_names(["inclusion"]))
    drop.tags.set(services.tags_from_names(["inclusion", "open data"]))
    lines = {line["model"]: line for line in selectors.merge_preview(keep=keep, drop=drop)}
    assert lines["actors.organisation_tags"]["label"] == "mots-clés"
    assert services.actors_merge(keep=keep, drop=drop, by=team) == {"moved": 1, "dropped": 1}
    assert sorted(keep.tags.values_list("name", flat=True)) == ["inclusion", "open data"]


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("team:actors:organisation-edit", "get"),
        ("team:actors:organisation-edit", "post"),
        ("team:actors:person-edit", "get"),
        ("team:actors:person-edit", "post"),
        ("team:actors:membership-edit", "get"),
        ("team:actors:membership-renew", "post"),
    ],
)
def test_someone_elses_ids_are_refused_to_non_team(client, name, method) -> None:
    """IDOR: a coalition lead, with rights of their own, opens nothing of the team's by id."""
    lead = CoalitionMemberFactory(role="lead").person
    membership = MembershipFactory(organisation=AffiliationFactory(person=lead).organisation)
    pk = {
        "team:actors:organisation-edit": membership.organisation.pk,
        "team:actors:person-edit": lead.pk,
    }.get(name, membership.pk)
    client.force_login(lead.user)
    response = getattr(client, method)(reverse(name, kwargs={"pk": pk}), {"first_name": "X"})
    assert response.status_code in (403, 404)
    assert Membership.objects.filter(organisation=membership.organisation).count() == 1
    lead.refresh_from_db()
    assert lead.first_name != "X"

"""The team's pages for membership tiers: the list, creating and editing a tier (its code
chosen once), and deleting one that no membership uses."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from alliage.actors import selectors, services
from alliage.actors.models import Tier
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.core.models import AuditEntry

from ..factories import MembershipFactory, PersonFactory, ProgrammeFactory, TierFactory, team_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return team_member(ProgrammeFactory())


def tier_data(**overrides: object) -> dict[str, object]:
    data = {
        "code": "supporter",
        "name": "Soutien",
        "yearly_amount": "250.00",
        "holder": "organisation",
        "benefits": "Les **petits déjeuners**.",
        "members_events": "on",
        "interventions": "2",
        "votes": "3",
        "is_open": "on",
        "position": "5",
        "language": "fr",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- Services ---------------------------------------------------------------------------


def test_tier_save_creates_then_updates_audited(team) -> None:
    tier = services.tier_save(
        by=team, code="friend", name="  Ami  ", yearly_amount=Decimal("40"), votes=1
    )
    assert tier.name == "Ami"
    assert AuditEntry.objects.filter(action="tier.created", target_id="friend").exists()
    services.tier_save(by=team, tier=tier, yearly_amount=Decimal("45"), is_open=False)
    tier.refresh_from_db()
    assert tier.yearly_amount == Decimal("45")
    assert not tier.is_open
    entry = AuditEntry.objects.get(action="tier.updated", target_id="friend")
    assert sorted(entry.data["fields"]) == ["is_open", "yearly_amount"]
    # nothing changed, nothing recorded
    services.tier_save(by=team, tier=tier, yearly_amount=Decimal("45"))
    assert AuditEntry.objects.filter(action="tier.updated").count() == 1


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"code": "small", "name": "Doublon"}, "code"),  # the migration's tier
        ({"code": "pas un slug", "name": "X"}, "code"),
        ({"code": "new", "name": "X"}, "code"),
        ({"code": "", "name": "X"}, "code"),
        ({"code": "neg", "name": "X", "yearly_amount": Decimal("-1")}, None),
        ({"code": "zero", "name": "X", "votes": 0}, None),
        ({"code": "noname", "name": "  "}, "name"),
    ],
)
def test_tier_save_refusals_write_nothing(team, fields, field) -> None:
    TierFactory(code="small")
    before = set(Tier.objects.values_list("code", "name"))
    with pytest.raises(BusinessError) as refused:
        services.tier_save(by=team, **fields)
    if field:
        assert refused.value.field == field
    assert set(Tier.objects.values_list("code", "name")) == before
    assert not AuditEntry.objects.filter(action__startswith="tier.").exists()


def test_tier_update_refused_on_a_negative_amount(team) -> None:
    tier = TierFactory(code="modest", yearly_amount=Decimal("100"))
    with pytest.raises(BusinessError):
        services.tier_save(by=team, tier=tier, yearly_amount=Decimal("-5"))
    tier.refresh_from_db()
    assert tier.yearly_amount == Decimal("100")
    assert not AuditEntry.objects.filter(action="tier.updated").exists()


def test_tier_services_need_the_team() -> None:
    someone = PersonFactory().user
    tier = TierFactory(code="small")
    with pytest.raises(PermissionRefused):
        services.tier_save(by=someone, code="sneaky", name="X")
    with pytest.raises(PermissionRefused):
        services.tier_delete(tier=tier, by=someone)
    assert not Tier.objects.filter(code="sneaky").exists()
    assert Tier.objects.filter(code="small").exists()


def test_tier_delete_refused_while_a_membership_uses_it(team) -> None:
    tier = TierFactory(code="used")
    MembershipFactory(tier=tier)
    with pytest.raises(BusinessError):
        services.tier_delete(tier=tier, by=team)
    assert Tier.objects.filter(code="used").exists()
    assert not AuditEntry.objects.filter(action="tier.deleted").exists()
    unused = TierFactory(code="unused")
    services.tier_delete(tier=unused, by=team)
    assert not Tier.objects.filter(code="unused").exists()
    assert AuditEntry.objects.filter(action="tier.deleted", target_id="unused").exists()


def test_the_list_counts_memberships() -> None:
    tier = TierFactory(code="counted")
    MembershipFactory(tier=tier)
    MembershipFactory(tier=tier)
    counts = {t.code: t.membership_count for t in selectors.tier_list_for_team()}
    assert counts["counted"] == 2


# --- Views, as a team member (not a superuser) --------------------------------------------


def test_the_list_shows_each_tier(client, team) -> None:
    TierFactory(code="gold", name="Or", yearly_amount=Decimal("1234.5"), votes=4, is_open=False)
    MembershipFactory(tier="gold")
    client.force_login(team)
    page = client.get("/en" + reverse("team:actors:tier-list"))
    assert page.status_code == 200
    assert "Or" in page.text
    assert "gold" in page.text
    assert "1,234.50\xa0€" in page.text
    assert "No</span>" in page.text  # closed to applications
    assert reverse("team:actors:tier-edit", args=["gold"]) in page.text
    # the tier in use has no delete button
    assert reverse("team:actors:tier-delete", args=["gold"]) not in page.text


def test_the_memberships_page_links_to_the_tiers(client, team) -> None:
    client.force_login(team)
    page = client.get(reverse("team:actors:membership-list"))
    assert reverse("team:actors:tier-list") in page.text


def test_create_then_edit_a_tier(client, team) -> None:
    client.force_login(team)
    response = client.post(reverse("team:actors:tier-create"), tier_data())
    assert response.status_code == 302
    tier = Tier.objects.get(code="supporter")
    assert tier.name == "Soutien"
    assert tier.yearly_amount == Decimal("250.00")
    assert tier.votes == 3
    assert tier.interventions == 2
    assert tier.holder == "organisation"
    assert tier.is_open
    page = client.get("/en" + reverse("team:actors:tier-edit", args=["supporter"]))
    assert page.status_code == 200
    assert 'name="code"' not in page.text  # shown, not editable
    assert "supporter" in page.text
    response = client.post(
        reverse("team:actors:tier-edit", args=["supporter"]),
        tier_data(code="renamed", name="Soutien actif", is_open=None),
    )
    assert response.status_code == 302
    tier.refresh_from_db()
    assert tier.name == "Soutien actif"
    assert not tier.is_open
    assert not Tier.objects.filter(code="renamed").exists()
    assert AuditEntry.objects.filter(action="tier.updated", actor=team).exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"code": "small"}, "code"),
        ({"code": "Pas un slug!"}, "code"),
        ({"code": "new"}, "code"),
        ({"yearly_amount": "-10"}, "yearly_amount"),
        ({"yearly_amount": "abc"}, "yearly_amount"),
        ({"votes": "0"}, "votes"),
        ({"votes": "-2"}, "votes"),
        ({"name": ""}, "name"),
        ({"holder": "martian"}, "holder"),
    ],
)
def test_bad_input_comes_back_as_field_errors(client, team, overrides, field) -> None:
    TierFactory(code="small")
    before = set(Tier.objects.values_list("code", "name"))
    client.force_login(team)
    response = client.post(reverse("team:actors:tier-create"), tier_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert set(Tier.objects.values_list("code", "name")) == before
    assert not AuditEntry.objects.filter(action__startswith="tier.").exists()


def test_bad_input_on_edit_changes_nothing(client, team) -> None:
    TierFactory(code="modest", name="Petite", yearly_amount=Decimal("50"))
    client.force_login(team)
    response = client.post(
        reverse("team:actors:tier-edit", args=["modest"]),
        tier_data(yearly_amount="-1", name="Autre"),
    )
    assert response.status_code == 200
    assert "yearly_amount" in response.context["form"].errors
    tier = Tier.objects.get(code="modest")
    assert (tier.name, tier.yearly_amount) == ("Petite", Decimal("50"))


def test_delete_a_tier_unused_or_refused_when_used(client, team) -> None:
    TierFactory(code="unused")
    MembershipFactory(tier="used")
    client.force_login(team)
    response = client.post("/en" + reverse("team:actors:tier-delete", args=["used"]), follow=True)
    assert response.status_code == 200
    assert Tier.objects.filter(code="used").exists()
    assert "close it to applications" in response.text
    response = client.post(reverse("team:actors:tier-delete", args=["unused"]))
    assert response.status_code == 302
    assert not Tier.objects.filter(code="unused").exists()


def test_an_unknown_tier_is_a_404(client, team) -> None:
    client.force_login(team)
    assert client.get(reverse("team:actors:tier-edit", args=["nope"])).status_code == 404
    assert client.post(reverse("team:actors:tier-delete", args=["nope"])).status_code == 404


def test_someone_not_on_a_team_is_refused(client) -> None:
    TierFactory(code="small")
    client.force_login(PersonFactory().user)
    assert client.get(reverse("team:actors:tier-list")).status_code == 403
    assert client.get(reverse("team:actors:tier-create")).status_code == 403
    assert client.post(reverse("team:actors:tier-create"), tier_data()).status_code == 403
    assert client.post(reverse("team:actors:tier-delete", args=["small"])).status_code == 403
    assert not Tier.objects.filter(code="supporter").exists()
    assert Tier.objects.filter(code="small").exists()
    client.logout()
    response = client.get(reverse("team:actors:tier-list"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]

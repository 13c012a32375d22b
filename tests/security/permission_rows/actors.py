"""Permission-table rows of one area's new pages (actors); see permission_table.py."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from alliage.actors.models import AffiliationRequest, Membership, Payment, Tier

from ..permission_table import Row
from ..world import World

# anonymous · person · adherent · member · lead · reviewer · conflicted · team · admin
TEAM_GET = "lddddddoo"
TEAM_ACT = "lddddddrr"


def organisation_pk(w: World) -> dict[str, Any]:
    return {"pk": w.organisation.pk}


def person_pk(w: World) -> dict[str, Any]:
    return {"pk": w.contactable.pk}


def membership_pk(w: World) -> dict[str, Any]:
    return {"pk": Membership.objects.order_by("pk").first().pk}


def join_request(w: World) -> dict[str, Any]:
    """A person's request to join the organisation (its people: the conflicted reviewer)."""
    request, _created = AffiliationRequest.objects.get_or_create(
        person=w.contactable, organisation=w.organisation
    )
    return {"pk": request.pk}


def organisation_data(w: World) -> dict[str, Any]:
    return {"name": "Une organisation nouvelle", "kind": "association", "is_listed": "on"}


def membership_data(w: World) -> dict[str, Any]:
    return {
        "organisation": w.organisation.pk,
        "tier": "small",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
    }


def payment_data(w: World) -> dict[str, Any]:
    return {"paid_on": "2026-03-02", "amount": "10", "method": "cheque", "reference": "CHQ 1"}


def payment_pk(w: World) -> dict[str, Any]:
    """A payment of the first membership (made inside the test, once)."""
    membership = Membership.objects.order_by("pk").first()
    payment, _created = Payment.objects.get_or_create(
        membership=membership,
        reference="Permission table",
        defaults={"paid_on": "2026-03-02", "amount": "10", "method": "cheque"},
    )
    return {"pk": membership.pk, "payment_pk": payment.pk}


def tier_data(w: World) -> dict[str, Any]:
    return {
        "code": "permission-table",
        "name": "Une formule",
        "yearly_amount": "80",
        "holder": "any",
        "interventions": "0",
        "votes": "1",
        "position": "9",
        "language": "fr",
    }


def unused_tier(w: World) -> dict[str, Any]:
    """A tier no membership uses, so that the team may delete it."""
    tier, _created = Tier.objects.get_or_create(code="unused", defaults={"name": "Inutilisée"})
    return {"code": tier.code}


def upload(w: World) -> dict[str, Any]:
    return {
        "kind": "organisations",
        "file": SimpleUploadedFile("orgs.csv", b"name,kind\nUne association,association\n"),
    }


ROWS: tuple[Row, ...] = (
    Row("team:actors:actor-list", get=TEAM_GET),
    Row("team:actors:organisation-create", get=TEAM_GET, post=TEAM_ACT, data=organisation_data),
    Row(
        "team:actors:organisation-edit",
        kw=organisation_pk,
        get=TEAM_GET,
        post=TEAM_ACT,
        data=organisation_data,
    ),
    Row(
        "team:actors:person-create",
        get=TEAM_GET,
        post=TEAM_ACT,
        data=lambda w: {
            "email": "nouvelle@example.org",
            "first_name": "Anne",
            "last_name": "Neuve",
        },
    ),
    Row(
        "team:actors:person-edit",
        kw=person_pk,
        get=TEAM_GET,
        post=TEAM_ACT,
        data=lambda w: {"first_name": "Anne", "last_name": "Corrigée"},
    ),
    # without a choice, the form is shown again (its errors beside the fields)
    Row("team:actors:merge", kw=lambda w: {"kind": "organisations"}, get=TEAM_GET, post=TEAM_GET),
    Row("team:actors:membership-list", get=TEAM_GET),
    Row("team:actors:membership-csv", get=TEAM_GET),
    Row("team:actors:membership-create", get=TEAM_GET, post=TEAM_ACT, data=membership_data),
    Row(
        "team:actors:membership-edit",
        kw=membership_pk,
        get=TEAM_GET,
        post=TEAM_ACT,
        data=membership_data,
    ),
    Row("team:actors:membership-renew", kw=membership_pk, get="mmmmmmmmm", post=TEAM_ACT),
    # accept or decline: the team only (a membership already answered: refused with a message)
    Row(
        "team:actors:membership-decide",
        kw=membership_pk,
        get="mmmmmmmmm",
        post=TEAM_ACT,
        data=lambda w: {"accept": "1"},
    ),
    # a person creates their own organisation
    Row(
        "actors:organisation-create",
        get="loooooooo",
        post="lrrrrrrrr",
        data=lambda w: {"name": "Mon association", "kind": "association"},
    ),
    # its people (the conflicted reviewer is one) keep its card up to date
    Row(
        "actors:organisation-edit",
        kw=lambda w: {"slug": w.organisation.slug},
        get="ldddddooo",
        post="ldddddrrr",
        data=organisation_data,
    ),
    Row(
        "actors:organisation-join",
        kw=lambda w: {"slug": w.organisation.slug},
        get="lmmmmmmmm",
        post="lrrrrrrrr",
    ),
    Row(
        "actors:affiliation-request-answer",
        kw=join_request,
        get="lmmmmmmmm",
        post="ldddddrrr",
        data=lambda w: {"decision": "accept"},
    ),
    Row("team:actors:request-list", get=TEAM_GET),
    # A membership's payments: recorded and removed from its team page (POST only).
    Row(
        "team:actors:payment-create",
        kw=membership_pk,
        get="mmmmmmmmm",
        post=TEAM_ACT,
        data=payment_data,
    ),
    Row("team:actors:payment-remove", kw=payment_pk, get="mmmmmmmmm", post=TEAM_ACT),
    # Membership tiers (formules), for the team.
    Row("team:actors:tier-list", get=TEAM_GET),
    Row("team:actors:tier-create", get=TEAM_GET, post=TEAM_ACT, data=tier_data),
    Row(
        "team:actors:tier-edit",
        kw=lambda w: {"code": "small"},
        get=TEAM_GET,
        post=TEAM_ACT,
        data=tier_data,
    ),
    Row("team:actors:tier-delete", kw=unused_tier, get="mmmmmmmmm", post=TEAM_ACT),
    Row("team:imports:start", get=TEAM_GET),
    Row("team:imports:preview", get="mmmmmmmmm", post=TEAM_GET, data=upload),
    Row("team:imports:commit", get="mmmmmmmmm", post=TEAM_ACT),
    Row("team:imports:template", kw=lambda w: {"kind": "people"}, get=TEAM_GET),
)

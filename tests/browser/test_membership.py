"""Issue 17's membership, in real Chromium, as its people use it: a person applies on a phone,
the team (a member of a programme's team, not a superuser) accepts the application and records
a payment, the member reads "in good standing" and prints the receipt, then renews in one click
and the team confirms; in French on a desktop for the team, in English on a phone for the
member."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alliage.actors.models import Membership, MembershipStatus

from ..factories import PersonFactory, ProgrammeFactory, TierFactory, team_member
from .conftest import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_sideways_scroll(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_apply_accept_pay_receipt_and_renew(live_server, browser) -> None:
    TierFactory(
        code="trial", name="Supporter", yearly_amount=Decimal("120"), holder="any", is_open=True
    )
    member = PersonFactory(first_name="Aline", last_name="Marchal")
    team = team_member(ProgrammeFactory())
    assert not team.is_superuser
    base = live_server.url
    contexts = []

    # The member applies, on a phone, in English.
    m_ctx, mp, m_errors = signed_in(
        browser, base, member.user.email, width=390, locale="en-GB", prefix="/en"
    )
    contexts.append(m_ctx)
    mp.goto(f"{base}/en/membership/")
    expect(mp.locator(".tier-list")).to_contain_text("120.00 € a year")
    mp.get_by_label("Tier").select_option("trial")
    mp.get_by_label("Message to the team").fill("Happy to support the programme.")
    mp.get_by_role("button", name="Send my application").click()
    expect(mp.locator(".messages")).to_contain_text("Your application is sent")
    _no_sideways_scroll(mp, 390)
    membership = Membership.objects.get(person=member)
    assert membership.status == MembershipStatus.APPLIED

    # The team accepts it and records a payment, on a desktop, in French.
    t_ctx, tp, t_errors = signed_in(
        browser, base, team.email, width=1280, locale="fr-FR", prefix=""
    )
    contexts.append(t_ctx)
    tp.goto(f"{base}/team/actors/memberships/?status=applied")
    row = tp.locator("tr", has_text="Aline Marchal")
    row.get_by_role("button", name="Accepter").click()
    expect(tp.locator(".messages")).to_contain_text("acceptée")
    tp.goto(f"{base}/team/actors/memberships/{membership.pk}/")
    tp.get_by_label("Montant (€)").fill("120")
    tp.get_by_label("Référence").fill("VIR-0042")
    tp.get_by_role("button", name="Enregistrer le paiement").click()
    expect(tp.locator("main")).to_contain_text("VIR-0042")
    membership.refresh_from_db()
    assert membership.amount_paid == Decimal("120") and membership.is_paid

    # The member reads it on their space and opens the receipt.
    mp.goto(f"{base}/en/me/")
    section = mp.locator("#my-membership")
    expect(section).to_contain_text("In good standing")
    section.get_by_role("link", name="Receipt").click()
    expect(mp.locator("h1")).to_have_text("Membership receipt")
    expect(mp.locator("main")).to_contain_text("VIR-0042")
    expect(mp.locator("main")).to_contain_text("The membership fee is paid in full.")
    expect(mp.get_by_role("button", name="Print or save as PDF")).to_be_visible()
    _no_sideways_scroll(mp, 390)

    # A month before its end, renewal in one click; the team confirms it.
    today = timezone.localdate()
    Membership.objects.filter(pk=membership.pk).update(
        starts_on=today - dt.timedelta(days=340), ends_on=today + dt.timedelta(days=25)
    )
    mp.goto(f"{base}/en/me/")
    mp.locator("#my-membership").get_by_role("button", name="Renew for a year").click()
    expect(mp.locator(".messages")).to_contain_text("Your renewal is sent")
    expect(mp.locator("#my-membership")).to_contain_text("Waiting for the team")
    renewal = Membership.objects.get(renews=membership)
    tp.goto(f"{base}/team/actors/memberships/?status=applied")
    tp.locator("tr", has_text="Aline Marchal").get_by_role("button", name="Accepter").click()
    renewal.refresh_from_db()
    assert renewal.status == MembershipStatus.ACCEPTED
    assert renewal.starts_on == today + dt.timedelta(days=26)
    mp.goto(f"{base}/en/me/")
    latest = mp.locator("#my-membership li").first
    expect(latest).to_contain_text("Not started yet")
    expect(latest).to_contain_text("120.00 € left to pay")
    _no_sideways_scroll(mp, 390)

    for context in contexts:
        context.close()
    assert not m_errors and not t_errors

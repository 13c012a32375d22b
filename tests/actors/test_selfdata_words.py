"""My data words memberships as the site does (M19): amounts in euros in the reader's language,
payments with their date and their method's label; the archive keeps them as stored."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from alliage.actors.models import Payment, PaymentMethod
from alliage.actors.selfdata import PERSONAL_DATA, _payments_in_words
from alliage.core.dates import format_date
from alliage.core.personal_data import dataset_rows

from ..factories import AffiliationFactory, MembershipFactory

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def _memberships():
    return next(d for d in PERSONAL_DATA.datasets if d.key == "memberships")


@pytest.fixture
def member():
    """A person whose organisation holds a paid membership: 3 000 € by bank transfer."""
    affiliation = AffiliationFactory()
    membership = MembershipFactory(
        organisation=affiliation.organisation,
        tier="large",
        amount_due=Decimal("3000.00"),
        amount_paid=Decimal("3000.00"),
    )
    Payment.objects.create(
        membership=membership,
        paid_on=dt.date(2026, 1, 1),
        amount=Decimal("3000.00"),
        method=PaymentMethod.TRANSFER,
    )
    return affiliation.person.user


def _shown(user, language: str) -> dict:
    dataset = _memberships()
    with translation.override(language):
        rows, _total = dataset.head(user, limit=25)
        return dataset.shown(rows, user)[0]


def test_amounts_and_payments_read_in_french(member) -> None:
    shown = _shown(member, "fr")
    assert shown["amount_due"] == f"3{NBSP}000,00{NBSP}€"
    assert shown["amount_paid"] == f"3{NBSP}000,00{NBSP}€"
    assert shown["payments"] == f"1er janvier 2026 · 3{NBSP}000,00{NBSP}€ · Virement bancaire"


def test_amounts_and_payments_read_in_english(member) -> None:
    shown = _shown(member, "en")
    with translation.override("en"):
        day = format_date(dt.date(2026, 1, 1), "DATE_FORMAT")  # the site's English date
    assert shown["amount_due"] == f"3,000.00{NBSP}€"
    assert shown["payments"] == f"{day} · 3,000.00{NBSP}€ · Bank transfer"


def test_the_archive_keeps_them_as_stored(member) -> None:
    (row,) = dataset_rows(_memberships(), member)
    assert row["amount_due"] == "3000.00"
    assert row["payments"] == "2026-01-01 3000.00 transfer"


def test_a_payment_not_in_the_stored_form_is_shown_as_stored() -> None:
    with translation.override("en"):
        words = _payments_in_words("2026-02-03 12.50 cheque; something else")
        day = format_date(dt.date(2026, 2, 3), "DATE_FORMAT")
    assert words == f"{day} · 12.50{NBSP}€ · Cheque; something else"


@pytest.mark.parametrize(
    ("prefix", "amount", "method"),
    [("", f"3{NBSP}000,00{NBSP}€", "Virement bancaire"), ("/en", "3,000.00 €", "Bank transfer")],
    ids=["fr", "en"],
)
def test_my_data_page_shows_no_stored_amount_or_method(member, prefix, amount, method) -> None:
    client = Client()
    client.force_login(member)
    body = client.get(prefix + reverse("selfdata:my-data")).content.decode()
    assert "3000.00" not in body
    assert "2026-01-01" not in body
    assert f"{amount.replace(' ', NBSP)} · {method}" in body

"""Acceptance of issue 12's events: the programme team (not a superuser) builds a monthly series
of members' breakfasts in words, sees its next dates before saving, creates it; then an
adhérent registers to its first date. In real Chromium, under the site's CSP."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from alliage.agenda.models import Registration, Series

from ..factories import (
    PASSWORD,
    AffiliationFactory,
    MembershipFactory,
    PersonFactory,
    ProgrammeFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, base: str, email: str, next_path: str) -> None:
    page.goto(f"{base}/en/accounts/login/?next={next_path}")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{next_path}")


def test_team_builds_a_monthly_breakfast_series_and_an_adherent_registers(
    live_server, page
) -> None:
    programme = ProgrammeFactory(name="Programme Alliance")
    team = PersonFactory().user
    programme.team.add(team)
    assert not team.is_superuser
    adherent = PersonFactory()
    AffiliationFactory(person=adherent, organisation=MembershipFactory().organisation)
    base = live_server.url
    start = timezone.localdate() + dt.timedelta(days=1)

    log_in(page, base, team.email, "/en/team/events/")
    page.get_by_role("link", name="New series").click()
    page.get_by_label("Kind").select_option("breakfast")
    page.get_by_label("Title").fill("Petit-déjeuner des membres")
    page.get_by_label("Repeats").select_option("monthly")
    page.get_by_label("Tuesday").check()
    assert page.get_by_role("checkbox", name="first").is_checked()  # the default
    page.locator("#id_first_day").fill(start.isoformat())
    page.locator("#id_time").fill("08:30")
    page.get_by_role("spinbutton", name="Number of times").fill("6")
    page.get_by_label("Place (address)").fill("La Paillasse, 226 rue Saint-Denis, Paris")
    page.get_by_label("Audience").select_option("members")
    page.get_by_label("Capacity").fill("25")
    assert page.get_by_role("combobox", name="Time zone").input_value() == "Europe/Paris"

    page.get_by_role("button", name="Preview the dates").click()
    preview = page.locator("#preview")
    assert "Every first Tuesday of the month at 8:30 a.m., 6 times" in preview.inner_text()
    dates = preview.locator(".preview-dates li")
    assert dates.count() == 6
    assert "8:30" in dates.first.inner_text() or "08:30" in dates.first.inner_text()
    assert not Series.objects.exists()  # a preview saves nothing

    page.get_by_role("button", name="Create the series").click()
    expect(page.locator("body")).to_contain_text("The series is created with its dates.")
    series = Series.objects.get()
    assert series.rrule == "FREQ=MONTHLY;BYDAY=1TU;COUNT=6"
    first = series.occurrences.order_by("starts_at").first()
    assert first.audience == "members" and first.capacity == 25
    assert first.starts_at.astimezone(first.tz).strftime("%a %H:%M") == "Tue 08:30"
    assert page.locator("table.data tbody tr").count() == 6

    page.locator(".account-menu summary").click()
    page.get_by_role("button", name="Log out").click()
    log_in(page, base, adherent.user.email, f"/en{first.get_absolute_url()}")
    page.get_by_role("button", name="Register").click()
    expect(page.locator("body")).to_contain_text("You are registered")
    assert Registration.objects.get(event=first, person=adherent).status == "confirmed"


def test_time_zone_search_narrows_the_zones(live_server, page) -> None:
    programme = ProgrammeFactory()
    team = PersonFactory().user
    programme.team.add(team)
    log_in(page, live_server.url, team.email, "/en/team/events/new/")
    zones = page.get_by_role("combobox", name="Time zone")
    assert zones.input_value() == "Europe/Paris"
    page.get_by_role("searchbox", name="Search a time zone").fill("montreal")
    assert zones.input_value() == "America/Montreal"
    assert zones.locator("option").count() == 2  # the match, and the zone chosen before

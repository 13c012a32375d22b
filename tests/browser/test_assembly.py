"""Acceptance of issue 17's assembly, in real Chromium: the chair (a team member, not a
superuser) checks members in, one member gives a proxy, the quorum turns green, the chair opens
a motion, three voters vote (one for a proxy too), the chair closes it, and the result and the
minutes show it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from alliage.assembly import services
from alliage.assembly.models import Majority, MotionKind

from ..assembly.conftest import hall_make
from .conftest import signed_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_general_assembly_from_check_in_to_minutes(live_server, browser) -> None:
    hall = hall_make(5, quorum_percent=60, proxy_cap=2)
    assert not hall.chair.is_superuser
    services.motion_save(
        assembly=hall.assembly, by=hall.chair, title="Approval of the annual report",
        kind=MotionKind.RESOLUTION, majority=Majority.SIMPLE, language="en",
    )  # fmt: skip
    base = live_server.url
    page_url = f"{base}/en/assemblies/{hall.assembly.slug}/"
    opened = []

    chair_ctx, chair, chair_errors = signed_in(
        browser, base, hall.chair.email, width=390, locale="en-GB", prefix="/en"
    )
    opened.append(chair_ctx)
    chair.goto(page_url + "chair/")
    for i in (0, 1):
        row = chair.locator(f"#voter-{hall.voters[i].pk}")
        row.get_by_role("button", name="In person").click()
        expect(chair.locator(".messages")).to_contain_text("is checked in")
    expect(chair.locator("#quorum")).to_contain_text("Quorum not reached")
    assert chair.evaluate("document.documentElement.scrollWidth") <= 390

    giver_ctx, giver, giver_errors = signed_in(
        browser, base, hall.members[2].email, width=390, locale="en-GB", prefix="/en"
    )
    opened.append(giver_ctx)
    giver.goto(page_url)
    giver.get_by_label("Given to").select_option(str(hall.voters[0].pk))
    giver.get_by_role("button", name="Give my proxy").click()
    expect(giver.locator(".messages")).to_contain_text("Proxy given to")

    # The chair's page asks for the quorum again every few seconds: it turns green by itself.
    expect(chair.locator("#quorum")).to_contain_text("Quorum reached", timeout=15_000)
    chair.get_by_role("button", name="Open the ballot").click()
    expect(chair.locator(".messages")).to_contain_text("is open")

    holder_ctx, holder, holder_errors = signed_in(
        browser, base, hall.members[0].email, width=390, locale="en-GB", prefix="/en"
    )
    opened.append(holder_ctx)
    holder.goto(page_url)
    ballots = holder.locator("form.ballot")
    expect(ballots).to_have_count(2)  # my vote, and the proxy's
    ballots.first.get_by_label("Yes").check()
    ballots.first.get_by_role("button").click()
    expect(holder.locator(".messages")).to_contain_text("is recorded")
    holder.locator("form.ballot").first.get_by_label("No").check()
    holder.locator("form.ballot").first.get_by_role("button", name="Vote for").click()
    expect(holder.locator(".messages")).to_contain_text("is recorded")
    expect(holder.locator("form.ballot")).to_have_count(0)

    third_ctx, third, third_errors = signed_in(
        browser, base, hall.members[1].email, width=390, locale="en-GB", prefix="/en"
    )
    opened.append(third_ctx)
    third.goto(page_url)
    third.locator("form.ballot").get_by_label("Yes").check()
    third.locator("form.ballot").get_by_role("button").click()
    expect(third.locator(".messages")).to_contain_text("is recorded")
    assert "Adopted" not in third.content()  # no result while the ballot is open

    chair.reload()
    chair.get_by_role("button", name="Close the ballot").click()
    expect(chair.locator(".messages")).to_contain_text("is closed")
    expect(chair.locator(".motion-result")).to_contain_text("Adopted")
    expect(chair.locator(".motion-result")).to_contain_text("3 ballots cast")

    chair.goto(page_url + "minutes/")
    expect(chair.locator("main")).to_contain_text("Approval of the annual report")
    expect(chair.locator("main")).to_contain_text("Adopted")
    expect(chair.locator("main")).to_contain_text("Present in person")
    assert chair.evaluate("document.documentElement.scrollWidth") <= 390
    for context in opened:
        context.close()
    assert not (chair_errors or giver_errors or holder_errors or third_errors)

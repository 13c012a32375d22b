"""Permission-table rows of invitations and introductions; see permission_table.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from ..permission_table import Row
from ..world import World

SIGNED_IN = "looooooo" + "o"
LEAD_TEAM = "ldddoddoo"  # the coalition's lead, its programme's team, admins
LEAD_TEAM_POST = "ldddrddrr"


def coalition(w: World) -> dict[str, Any]:
    return {"slug": w.coalition.slug}


def invitation(w: World) -> dict[str, Any]:
    """An invitation of the coalition to an address none of the roles owns."""
    from alliage.invitations.models import Invitation

    made = Invitation.objects.create(
        coalition=w.coalition,
        invited_by=w.users["lead"],
        email="quelquun@example.org",
        expires_at=timezone.now() + dt.timedelta(days=3),
    )
    return {"pk": made.pk}


def introduction(w: World) -> dict[str, Any]:
    """An introduction the plain person asked for, of two people none of the roles is."""
    from alliage.invitations.models import Introduction

    from ...factories import PersonFactory

    made = Introduction.objects.create(
        requested_by=w.users["person"],
        a_person=w.contactable,
        b_person=PersonFactory(is_contactable=True),
    )
    return {"pk": made.pk}


ROWS: tuple[Row, ...] = (
    # anonymous · person · adherent · member · lead · reviewer · conflicted · team · admin
    # an invalid address: the form again for those who may invite
    Row("invitations:invite", kw=coalition, get=LEAD_TEAM, post=LEAD_TEAM,
        data=lambda w: {"email": "x", "role": "member"}),
    # a forged link is a 400 page for everyone, signed in or not
    Row("invitations:invitation-link", kw=lambda w: {"token": "forged"},
        get="4" * 9, post="m" * 9),
    # without the link's proof in the session, only the invited account sees it: none here
    Row("invitations:invitation-detail", kw=invitation, get="d" * 9, post="d" * 9,
        data=lambda w: {"action": "accept"}),
    Row("invitations:invitation-revoke", kw=invitation, get="l" + "m" * 8, post=LEAD_TEAM_POST),
    Row("invitations:introduction-ask", get=SIGNED_IN, post="l" + "o" * 8,
        data=lambda w: {"a_person": "", "b_person": ""}),
    # its asker sees it (and may not answer for the two people); no one else
    Row("invitations:introduction-detail", kw=introduction, get="doddddddd",
        post="ddddddddd", data=lambda w: {"decision": "accept"}),
    Row("invitations:introduction-list", get=SIGNED_IN),
)  # fmt: skip

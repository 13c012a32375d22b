"""My data reads as words in the reader's language (M19): no stored code on the page, while
the archive keeps the values as stored."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from alliage.core.models import User

LEAD = "porteuse@alliage.example.org"
# Stored codes the demo's lead has in her data: roles, kinds, statuses, purposes, sources,
# audit actions and objects, notification kinds, and the details' keys.
CODES = [
    "auth.login",
    "local_authority",
    "core.user",
    "coalition.canvas_changed",
    "coalitions.join_requested",
    "fields: [",
    "name: ",
    ">lead<",
    ">confirmed<",
    ">matching<",
    ">initial<",
    ">draft<",
]


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["fr", "en"])
def test_the_lead_reads_her_data_as_words(demo: None, prefix: str) -> None:
    client = Client()
    client.force_login(User.objects.get(email=LEAD))
    body = client.get(prefix + reverse("selfdata:my-data")).content.decode()
    main = body.split("<main", 1)[1].split("</main>", 1)[0]
    cells = re.sub(r"\s+", " ", main)
    found = [code for code in CODES if code in cells]
    assert not found, f"raw codes on the page: {found}"
    if prefix == "":
        assert "Repris du choix fait sur votre profil" in cells  # the receipt, in French
        assert "Carried over from the choice" not in cells

"""Canvas texts have one length limit everywhere, and the public history reads the diffs made
when the changes were saved (R1)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from alliage.api.services import token_create
from alliage.coalitions import diff, selectors
from alliage.coalitions.models import CANVAS_LONG_TEXT_MAX, CanvasChange

from ...clients import client_for
from ...conftest import Cast
from ..test_diff import inserted, long_text
from .test_coalition_views import edit_payload

pytestmark = pytest.mark.django_db


def test_a_long_text_edited_then_the_history_makes_no_diff_when_read(cast, monkeypatch) -> None:
    url = reverse("coalitions:coalition-edit", args=[cast.coalition.slug])
    lead = client_for(cast.lead)
    text = long_text(CANVAS_LONG_TEXT_MAX - 100)
    assert lead.post(url, edit_payload(cast.coalition, diagnostic=text)).status_code == 302
    cast.coalition.refresh_from_db()
    edited = inserted(text, "inondations")
    assert lead.post(url, edit_payload(cast.coalition, diagnostic=edited)).status_code == 302
    assert CanvasChange.objects.filter(field="diagnostic", diff__isnull=False).count() == 2

    def no_diff_on_read(*args, **kwargs):
        raise AssertionError("the history page compared texts")

    monkeypatch.setattr(selectors, "text_diff", no_diff_on_read)
    monkeypatch.setattr(diff, "text_diff", no_diff_on_read)
    history = Client().get(reverse("coalitions:coalition-history", args=[cast.coalition.slug]))
    assert history.status_code == 200
    body = history.content.decode()
    assert '<ins><span class="visually-hidden">[ajouté : </span>inondations ' in body


def test_a_change_of_status_is_still_shown_in_the_readers_language(cast: Cast) -> None:
    client_for(cast.lead).post(
        reverse("coalitions:coalition-transition", args=[cast.coalition.slug]), {"to": "evaluating"}
    )
    assert CanvasChange.objects.get(field="status").diff is None
    body = Client().get(f"/en/coalitions/{cast.coalition.slug}/history/").content.decode()
    assert "Evaluating" in body


def test_the_form_refuses_a_text_over_the_limit_in_french_and_keeps_it(cast: Cast) -> None:
    url = reverse("coalitions:coalition-edit", args=[cast.coalition.slug])
    lead = client_for(cast.lead)
    page = lead.get(url).content.decode()
    assert f'maxlength="{CANVAS_LONG_TEXT_MAX}"' in page
    too_long = "mot " * (CANVAS_LONG_TEXT_MAX // 4) + "fin"
    response = lead.post(url, edit_payload(cast.coalition, diagnostic=too_long))
    assert response.status_code == 200
    body = response.content.decode()
    assert "au plus 20" in body and "000 caractères" in body
    assert too_long in body
    assert not CanvasChange.objects.exists()


def test_line_breaks_count_once_as_the_page_counts_them(cast: Cast) -> None:
    url = reverse("coalitions:coalition-edit", args=[cast.coalition.slug])
    text = "ligne\r\n" * (CANVAS_LONG_TEXT_MAX // 6)  # 6 characters a line in the page
    response = client_for(cast.lead).post(url, edit_payload(cast.coalition, diagnostic=text))
    assert response.status_code == 302
    cast.coalition.refresh_from_db()
    assert cast.coalition.diagnostic == text.replace("\r\n", "\n").strip()


def test_the_api_refuses_a_text_over_the_limit_with_422(client, cast: Cast) -> None:
    _row, raw = token_create(by=cast.lead, name="test", scope="write")
    for field, size in (("diagnostic", CANVAS_LONG_TEXT_MAX), ("seeking", 10_000)):
        response = client.patch(
            f"/api/v1/coalitions/{cast.coalition.slug}/canvas",
            data=json.dumps({field: "x" * (size + 1)}),
            content_type="application/json",
            headers={"Authorization": f"Bearer {raw}"},
        )
        assert response.status_code == 422, response.content
        assert response["Content-Type"] == "application/problem+json"
    assert not CanvasChange.objects.exists()


def test_the_service_refuses_a_text_over_the_limit_for_every_caller(cast: Cast) -> None:
    from alliage.coalitions import services
    from alliage.core.errors import BusinessError

    with pytest.raises(BusinessError) as refused:
        services.coalition_update_canvas(
            coalition=cast.coalition,
            by=cast.lead,
            data={"levers": "x" * (CANVAS_LONG_TEXT_MAX + 1)},
        )
    assert refused.value.field == "levers"
    with pytest.raises(BusinessError):
        services.coalition_propose(
            programme=cast.coalition.programme,
            by=cast.lead,
            title="Trop long",
            diagnostic="x" * (CANVAS_LONG_TEXT_MAX + 1),
        )


def test_the_service_refuses_a_nul_character(cast: Cast) -> None:
    """PostgreSQL cannot store one: the model's check answers first, never a 500."""
    from alliage.coalitions import services
    from alliage.core.errors import BusinessError

    with pytest.raises(BusinessError) as refused:
        services.coalition_update_canvas(
            coalition=cast.coalition, by=cast.lead, data={"diagnostic": "avant\u0000après"}
        )
    assert refused.value.field == "diagnostic"
    assert not CanvasChange.objects.exists()

"""The canvas editor keeps what its editor types as their own draft: never published, never
told, restored on request, spent on saving, forgotten after 30 days."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.urls import reverse
from django.utils import timezone

from alliage.coalitions import selectors, services
from alliage.coalitions.models import CanvasChange, CanvasDraft
from alliage.notifications.models import Notification

from ...clients import client_for
from ...conftest import Cast
from .test_coalition_views import edit_payload


def keep_url(cast: Cast) -> str:
    return reverse("coalitions:coalition-draft-keep", args=[cast.coalition.slug])


def edit_url(cast: Cast) -> str:
    return reverse("coalitions:coalition-edit", args=[cast.coalition.slug])


def test_typing_keeps_a_draft_and_touches_nothing_else(cast: Cast) -> None:
    before = Notification.objects.count()
    response = client_for(cast.lead).post(
        keep_url(cast),
        edit_payload(
            cast.coalition,
            diagnostic="Un constat en cours d'écriture",
            base_revision="0",
            **{"milestones-0-title": "Premier atelier", "sneaky": "x"},
        ),
    )
    assert response.status_code == 200
    assert "Brouillon gardé à" in response.content.decode()
    draft = CanvasDraft.objects.get()
    assert draft.author == cast.lead and draft.base_revision == 0
    assert draft.data["diagnostic"] == "Un constat en cours d'écriture"
    assert draft.data["milestones-0-title"] == "Premier atelier"
    assert "sneaky" not in draft.data and "csrfmiddlewaretoken" not in draft.data
    cast.coalition.refresh_from_db()
    assert cast.coalition.diagnostic == "Le constat de départ."
    assert not CanvasChange.objects.exists()
    assert Notification.objects.count() == before
    # The next keystrokes replace the same draft.
    client_for(cast.lead).post(keep_url(cast), edit_payload(cast.coalition, diagnostic="Plus"))
    assert CanvasDraft.objects.get().data["diagnostic"] == "Plus"


def test_a_draft_is_seen_by_its_author_alone(cast: Cast) -> None:
    client_for(cast.lead).post(keep_url(cast), edit_payload(cast.coalition, levers="Secret"))
    other_editor = client_for(cast.team).get(edit_url(cast) + "?draft=resume")
    assert other_editor.status_code == 200
    assert other_editor.context["draft"] is None
    assert "Secret" not in other_editor.content.decode()
    assert selectors.canvas_draft(coalition=cast.coalition, viewer=cast.team) is None
    for role in ("outsider", "member"):
        assert client_for(cast.user(role)).post(keep_url(cast), {"levers": "x"}).status_code == 403
    assert CanvasDraft.objects.count() == 1


def test_the_editor_offers_the_draft_then_puts_it_back_as_typed(cast: Cast) -> None:
    lead = client_for(cast.lead)
    lead.post(
        keep_url(cast),
        edit_payload(
            cast.coalition,
            title="",  # invalid while typing: kept all the same, not flagged when put back
            levers="Des leviers à moitié écrits",
            base_revision="0",
            **{"milestones-0-title": "Atelier", "milestones-0-due_date": "2027-05-04"},
        ),
    )
    offered = lead.get(edit_url(cast))
    body = offered.content.decode()
    assert "Vous avez un brouillon de ce canevas" in body and "Reprendre mon brouillon" in body
    assert "Des leviers à moitié écrits" not in body  # the form shows the saved canvas
    resumed = lead.get(edit_url(cast) + "?draft=resume")
    body = resumed.content.decode()
    assert "Votre brouillon est de retour" in body
    assert "Des leviers à moitié écrits" in body and 'value="Atelier"' in body
    assert 'value="2027-05-04"' in body
    assert "Ce champ est obligatoire" not in body and 'aria-invalid="true"' not in body


def test_saving_spends_the_draft(cast: Cast) -> None:
    lead = client_for(cast.lead)
    lead.post(keep_url(cast), edit_payload(cast.coalition, levers="Mes leviers"))
    response = lead.post(edit_url(cast), edit_payload(cast.coalition, levers="Mes leviers"))
    assert response.status_code == 302
    assert not CanvasDraft.objects.exists()
    # A keystroke that arrives after the save keeps nothing: the canvas already has it.
    late = lead.post(keep_url(cast), edit_payload(cast.coalition, levers="Mes", base_revision="0"))
    assert "Vous avez enregistré ce canevas" in late.content.decode()
    assert not CanvasDraft.objects.exists()


def test_a_draft_older_than_a_save_by_someone_else_still_meets_the_stale_check(
    cast: Cast,
) -> None:
    lead = client_for(cast.lead)
    lead.post(
        keep_url(cast), edit_payload(cast.coalition, levers="Par la porteuse", base_revision="0")
    )
    client_for(cast.team).post(edit_url(cast), edit_payload(cast.coalition, levers="Par l'équipe"))
    offered = lead.get(edit_url(cast))
    assert offered.context["draft_stale"] is True
    assert "Quelqu'un a enregistré le canevas" in offered.content.decode()
    resumed = lead.get(edit_url(cast) + "?draft=resume")
    posted = resumed.context["form"].data.dict()
    posted.update({k: v for k, v in edit_payload(cast.coalition).items() if k not in posted})
    refused = lead.post(edit_url(cast), posted)
    assert refused.status_code == 200  # the stale check warns before anything is overwritten
    cast.coalition.refresh_from_db()
    assert cast.coalition.levers == "Par l'équipe"


def test_discarding_forgets_the_draft(cast: Cast) -> None:
    lead = client_for(cast.lead)
    lead.post(keep_url(cast), edit_payload(cast.coalition, levers="À jeter"))
    url = reverse("coalitions:coalition-draft-discard", args=[cast.coalition.slug])
    response = lead.post(url, follow=True)
    assert not CanvasDraft.objects.exists()
    assert "Votre brouillon est abandonné" in response.content.decode()


def test_too_big_a_draft_is_refused_with_a_message(cast: Cast) -> None:
    big = "x" * (services.CANVAS_DRAFT_MAX_CHARS + 1)
    response = client_for(cast.lead).post(keep_url(cast), {"diagnostic": big})
    assert response.status_code == 200
    assert "trop long" in response.content.decode()
    assert not CanvasDraft.objects.exists()


def test_drafts_are_forgotten_after_thirty_days(cast: Cast) -> None:
    with time_machine.travel(timezone.now() - dt.timedelta(days=31)):
        services.canvas_draft_keep(
            coalition=cast.coalition, by=cast.lead, data={"levers": "Vieux"}, base_revision=0
        )
    services.canvas_draft_keep(
        coalition=cast.coalition, by=cast.team, data={"levers": "Récent"}, base_revision=0
    )
    assert services.canvas_drafts_expire() == 1
    assert list(CanvasDraft.objects.values_list("author", flat=True)) == [cast.team.pk]


def test_each_milestone_field_has_its_own_label_for_the_phone_layout(cast: Cast) -> None:
    body = client_for(cast.lead).get(edit_url(cast)).content.decode()
    # Two empty rows of four fields: on a phone the labels show instead of the headings.
    assert body.count('class="cell-label"') == 4 * 2
    assert 'for="id_milestones-1-status"' in body


def test_the_draft_is_in_the_authors_data_and_erased_with_them(cast: Cast) -> None:
    from alliage.coalitions.selfdata import PERSONAL_DATA, erase

    services.canvas_draft_keep(
        coalition=cast.coalition,
        by=cast.lead,
        data={"levers": "Mes leviers", "milestones-0-title": "Atelier"},
        base_revision=0,
    )
    dataset = next(d for d in PERSONAL_DATA.datasets if d.key == "canvas_drafts")
    rows = list(dataset.export(cast.lead))
    assert rows[0]["coalition"] == cast.coalition.title
    assert rows[0]["fields"]["levers"] == "Mes leviers"
    shown = dataset.shown(rows, cast.lead)[0]["fields"]
    assert shown.startswith("Leviers") and "jalons" in shown
    erase(cast.lead)
    assert not CanvasDraft.objects.exists()


def test_a_nul_in_a_draft_is_refused_with_a_message_on_every_database(cast: Cast) -> None:
    response = client_for(cast.lead).post(keep_url(cast), {"levers": "a\x00b"})
    assert response.status_code == 200
    assert "Les caractères NUL" in response.content.decode()
    assert not CanvasDraft.objects.exists()

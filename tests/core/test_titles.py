"""Titles and names are one line everywhere: the forms refuse a line break or a control
character with a clear error, the services fold them for every other caller (F8)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from alliage.agenda import services as agenda_services
from alliage.agenda.forms import EventForm, SeriesForm
from alliage.calls.forms import SubmissionForm
from alliage.calls.forms_team import CallForm, DuplicateForm
from alliage.coalitions import services as coalition_services
from alliage.coalitions.forms import CanvasForm, MilestoneForm, ProgrammeForm, ProposeForm
from alliage.coalitions.models import Coalition
from alliage.coalitions.services import MilestoneData
from alliage.commons.forms import PublicationForm, ResourceForm, ReuseForm
from alliage.core.text import one_line, plain_text

from ..factories import CoalitionMemberFactory, PersonFactory, ProgrammeFactory

TYPED = {
    "line feed": "Atelier\nBEGIN:VEVENT",
    "carriage return": "Atelier\r\nSUMMARY:X",
    "vertical tab": "Atelier\x0bmardi",
    "null": "Atelier\x00",
    "line separator": "Atelier\u2028mardi",
}

FIELDS = {
    "coalition (propose)": (ProposeForm, "title"),
    "coalition (canvas)": (CanvasForm, "title"),
    "milestone": (MilestoneForm, "title"),
    "programme": (ProgrammeForm, "name"),
    "event": (EventForm, "title"),
    "series": (SeriesForm, "title"),
    "call": (CallForm, "title"),
    "call duplicated": (DuplicateForm, "title"),
    "proposal": (SubmissionForm, "title"),
    "publication": (PublicationForm, "title"),
    "resource": (ResourceForm, "title"),
    "reuse": (ReuseForm, "title"),
}


@pytest.mark.parametrize("form", FIELDS)
@pytest.mark.parametrize("typed", TYPED)
def test_every_title_field_refuses_line_breaks_and_control_characters(form, typed) -> None:
    form_class, name = FIELDS[form]
    field = form_class.base_fields[name]
    with pytest.raises(ValidationError) as refused:
        field.clean(TYPED[typed])
    assert "une seule ligne" in " ".join(refused.value.messages)  # French first
    assert field.clean("Atelier du mardi, 10 h à 12 h") == "Atelier du mardi, 10 h à 12 h"


@pytest.mark.django_db
def test_the_propose_form_keeps_the_text_and_creates_nothing() -> None:
    user = PersonFactory().user
    client = Client()
    client.force_login(user)
    response = client.post(
        reverse("coalitions:coalition-propose"),
        {"programme": ProgrammeFactory().pk, "title": "ICSx\r\nBEGIN:VEVENT"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Write this on one line" in body or "une seule ligne" in body
    assert "ICSx" in body
    assert not Coalition.objects.exists()


def test_one_line_and_plain_text() -> None:
    assert one_line("  Un\r\ntitre\x0b sur\u2028deux  lignes\t") == "Un titre sur deux lignes"
    assert plain_text("un\r\ndeux\rtrois\x00\nquatre") == "un\ndeux\ntrois \nquatre"


@pytest.mark.django_db
def test_services_fold_titles_for_every_other_caller() -> None:
    programme = ProgrammeFactory()
    lead = PersonFactory().user
    coalition = coalition_services.coalition_propose(
        programme=programme, by=lead, title="Par\r\nl'import\x0b"
    )
    assert coalition.title == "Par l'import"
    coalition_services.coalition_update_canvas(
        coalition=coalition,
        by=lead,
        data={"title": "Par\nl'API"},
        milestones=[MilestoneData(title="Étape\r\nune")],
    )
    coalition.refresh_from_db()
    assert coalition.title == "Par l'API"
    assert coalition.milestones.get().title == "Étape une"
    team = PersonFactory().user
    programme.team.add(team)
    event = agenda_services.event_create(
        by=team,
        programme=programme,
        kind="reset_day",
        title="Atelier\r\nBEGIN:VEVENT",
        starts_at=coalition.created_at.replace(year=coalition.created_at.year + 1),
        ends_at=coalition.created_at.replace(year=coalition.created_at.year + 1, hour=23),
        place="Paris",
    )
    assert event.title == "Atelier BEGIN:VEVENT"


@pytest.mark.django_db
def test_a_member_cannot_store_a_title_on_two_lines_through_the_canvas_page() -> None:
    member = CoalitionMemberFactory(role="lead")
    client = Client()
    client.force_login(member.person.user)
    coalition = member.coalition
    response = client.post(
        reverse("coalitions:coalition-edit", args=[coalition.slug]),
        {
            "title": "Deux\r\nlignes",
            "summary": "",
            "milestones-TOTAL_FORMS": "0",
            "milestones-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    coalition.refresh_from_db()
    assert "\n" not in coalition.title

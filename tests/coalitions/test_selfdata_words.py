"""My data words a person's canvas changes as the coalition's history does (M19): each field by
its label, each value in the reader's words; the archive keeps the codes as stored."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from alliage.coalitions import services
from alliage.coalitions.models import CanvasChange, MemberRole
from alliage.coalitions.selfdata import PERSONAL_DATA
from alliage.coalitions.services import MilestoneData
from alliage.core.dates import format_date
from alliage.core.personal_data import dataset_rows

from ..factories import CoalitionFactory, CoalitionMemberFactory

pytestmark = pytest.mark.django_db


def _changes():
    return next(d for d in PERSONAL_DATA.datasets if d.key == "canvas_changes")


@pytest.fixture
def lead():
    """A lead who changed what the coalition seeks, its evaluation, its target date, its
    publication and its path of milestones; and, later, its status."""
    coalition = CoalitionFactory(is_published=True)
    user = CoalitionMemberFactory(coalition=coalition, role=MemberRole.LEAD).person.user
    services.coalition_update_canvas(
        coalition=coalition,
        by=user,
        data={
            "seeking": "Des acheteurs publics.",
            "evaluation": "Le nombre de marchés.",
            "target_date": dt.date(2028, 12, 31),
            "is_published": False,
        },
        milestones=[MilestoneData(title="Une grille", due_date=dt.date(2027, 3, 1))],
    )
    CanvasChange.objects.create(
        coalition=coalition, by=user, revision=2, field="status", before="idea", after="forming"
    )
    return user


def _shown(user, language: str) -> dict[str, str]:
    dataset = _changes()
    with translation.override(language):
        rows, _total = dataset.head(user, limit=25)
        return {row["field"]: row["value"] for row in dataset.shown(rows, user)}


def test_fields_and_values_read_in_french(lead) -> None:
    shown = _shown(lead, "fr")
    assert shown["Ce que nous recherchons"] == "Des acheteurs publics."
    assert shown["Évaluation"] == "Le nombre de marchés."
    assert shown["Date cible"] == "31 décembre 2028"
    assert shown["Publiée"] == "non"
    assert shown["Statut"] == "En formation"
    assert shown["Chemin de jalons"] == "Une grille · 01/03/2027 · Prévu"


def test_fields_and_values_read_in_english(lead) -> None:
    shown = _shown(lead, "en")
    with translation.override("en"):
        day = format_date(dt.date(2028, 12, 31), "DATE_FORMAT")
    assert shown["What we are looking for"] == "Des acheteurs publics."
    assert shown["Evaluation"] == "Le nombre de marchés."
    assert shown["Target date"] == day
    assert shown["Published"] == "no"
    assert shown["Status"] == "Forming"
    assert "seeking" not in shown
    assert "evaluation" not in shown


def test_the_archive_keeps_the_codes(lead) -> None:
    rows = {row["field"]: row["value"] for row in dataset_rows(_changes(), lead)}
    assert rows["seeking"] == "Des acheteurs publics."
    assert rows["is_published"] == "false"
    assert rows["status"] == "forming"


def test_a_field_the_canvas_no_longer_has_is_shown_by_its_name(lead) -> None:
    coalition = CanvasChange.objects.filter(by=lead).first().coalition
    CanvasChange.objects.create(coalition=coalition, by=lead, revision=3, field="old_part")
    CanvasChange.objects.create(
        coalition=coalition, by=lead, revision=3, field="target_date", after="not a date"
    )
    dataset = _changes()
    rows, _total = dataset.head(lead, limit=25)
    shown = dataset.shown(rows, lead)
    assert {"field": "old part", "value": ""}.items() <= shown[-2].items()
    assert shown[-1]["value"] == "not a date"


@pytest.mark.parametrize(
    ("prefix", "label"), [("", "Ce que nous recherchons"), ("/en", "What we are looking for")]
)
def test_my_data_page_shows_no_field_code(lead, prefix, label) -> None:
    client = Client()
    client.force_login(lead)
    body = client.get(prefix + reverse("selfdata:my-data")).content.decode()
    for code in (">seeking<", ">evaluation<", ">is_published<", ">target_date<", ">forming<"):
        assert code not in body
    assert f"<td>{label}</td>" in body

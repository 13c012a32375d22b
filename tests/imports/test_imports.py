"""Bulk import: a preview that saves nothing, a commit that saves all or nothing, the same
file twice changing nothing, errors named by row and column in the reader's language."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core import serializers
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from alliage.actors.models import Affiliation, Membership, Organisation, Person
from alliage.core.errors import BusinessError, PermissionRefused
from alliage.evaluation.models import Measurement
from alliage.imports import services, staging

from ..factories import (
    CoalitionFactory,
    IndicatorFactory,
    OrganisationFactory,
    PersonFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

ORGANISATIONS = (
    b"name;kind;city;website;listed\n"
    b"Les Amis de la Terre;Association;Lyon;https://amis.example.org;oui\n"
    b"Ville de Grenoble;local_authority;Grenoble;;yes\n"
    b"Labo Commun;Recherche;;;non\n"
)
PEOPLE = (
    "email,first_name,last_name,organisation,role\n"
    "anne@example.org,Anne,Martin,Les Amis de la Terre,Présidente\n"
    "Paul@Example.org,Paul,Durand,ville-de-grenoble,\n"
    "zoe@example.org,Zoé,Petit,,\n"
).encode()
MEMBERSHIPS = (
    b"organisation,person_email,tier,starts_on,ends_on\n"
    b"Les Amis de la Terre,,small,2026-01-01,2026-12-31\n"
    b",zoe@example.org,individual,01/01/2026,31/12/2026\n"
)


@pytest.fixture
def team():
    user = PersonFactory().user
    ProgrammeFactory().team.add(user)
    return user


def dump() -> str:
    """Every row an import may touch, as JSON (timestamps left out)."""
    rows = [
        *Organisation.objects.order_by("pk"),
        *Person.objects.order_by("pk"),
        *Affiliation.objects.order_by("pk"),
        *Membership.objects.order_by("pk"),
        *Measurement.objects.order_by("pk"),
    ]
    text = serializers.serialize("json", rows)
    return re.sub(r'"(created_at|updated_at)": "[^"]*"', "", text)


def run(kind: str, content: bytes, by, *, commit: bool = True, name: str = "file.csv"):
    return services.import_run(kind=kind, content=content, filename=name, by=by, commit=commit)


def test_importing_the_same_files_twice_gives_the_same_database(team) -> None:
    for kind, content in (
        ("organisations", ORGANISATIONS),
        ("people", PEOPLE),
        ("memberships", MEMBERSHIPS),
    ):
        first = run(kind, content, team)
        assert first.committed and first.count("create") == len(first.rows)
    before = dump()
    for kind, content in (
        ("organisations", ORGANISATIONS),
        ("people", PEOPLE),
        ("memberships", MEMBERSHIPS),
    ):
        again = run(kind, content, team)
        assert again.committed and again.count("unchanged") == len(again.rows)
    assert dump() == before
    assert Organisation.objects.get(name="Labo Commun").is_listed is False
    assert Organisation.objects.get(name="Labo Commun").kind == "research"
    paul = Person.objects.get(user__email="paul@example.org")
    assert paul.affiliations.get().organisation.slug == "ville-de-grenoble"
    assert Membership.objects.get(person__user__email="zoe@example.org").ends_on.month == 12


def test_a_changed_row_updates_only_that_row(team) -> None:
    run("organisations", ORGANISATIONS, team)
    changed = ORGANISATIONS.replace(b"Grenoble;;yes", b"Grenoble-Alpes;;yes")
    report = run("organisations", changed, team)
    assert [row.action for row in report.rows] == ["unchanged", "update", "unchanged"]
    assert Organisation.objects.get(slug="ville-de-grenoble").city == "Grenoble-Alpes"


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row_and_the_field(team) -> None:
    bad = ORGANISATIONS.replace(b"Labo Commun;Recherche", "Labo Commun;Fusée".encode())
    report = run("organisations", bad, team)
    assert not report.committed and not report.ok
    assert Organisation.objects.count() == 0
    [row] = report.error_rows
    assert row.number == 4
    [(column, message)] = row.errors
    assert column == "kind" and "Fusée" in message


def test_a_service_refusal_names_its_column(team) -> None:
    run("organisations", ORGANISATIONS, team)
    bad = PEOPLE.replace(b"anne@example.org", b"anne-at-example")
    report = run("people", bad, team)
    assert (
        not report.committed and Person.objects.filter(user__email="paul@example.org").count() == 0
    )
    [row] = report.error_rows
    assert row.number == 2 and row.errors[0][0] == "email"


def test_the_errors_are_in_the_readers_language(team) -> None:
    """Checked on a message whose French is in the catalogue already (Django's); the new
    messages' French comes with the catalogue's next update."""
    bad = b"name,website\nX,nope\n"
    with translation.override("fr"):
        french = run("organisations", bad, team).error_rows[0].errors
    with translation.override("en"):
        english = run("organisations", bad, team).error_rows[0].errors
    assert french[0][0] == english[0][0] == "website"
    assert "URL valide" in french[0][1] and "valid URL" in english[0][1]


def test_the_preview_saves_nothing(team) -> None:
    report = run("organisations", ORGANISATIONS, team, commit=False)
    assert report.ok and not report.committed and report.count("create") == 3
    assert Organisation.objects.count() == 0


def test_a_missing_required_column_or_unreadable_file_is_refused(team) -> None:
    with pytest.raises(BusinessError, match="email"):
        run("people", b"first_name,last_name\nA,B\n", team)
    with pytest.raises(BusinessError):
        run("organisations", b"\x00\x01", team, name="data.xlsx")
    with pytest.raises(BusinessError):
        run("organisations", b"name\nX\n", team, name="data.exe")


def test_xlsx_files_are_read(team) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["organisation", "tier", "starts_on", "ends_on"])
    OrganisationFactory(name="Les Amis")
    sheet.append(["Les Amis", "Partner", dt.date(2026, 1, 1), dt.date(2026, 6, 30)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = run("memberships", buffer.getvalue(), team, name="adhesions.xlsx")
    assert report.committed, report.error_rows
    membership = Membership.objects.get()
    assert membership.tier_id == "partner" and membership.ends_on == dt.date(2026, 6, 30)


def test_only_the_team_imports() -> None:
    with pytest.raises(PermissionRefused):
        run("organisations", ORGANISATIONS, PersonFactory().user)


def test_measurements_only_for_the_programmes_one_runs(team) -> None:
    mine = IndicatorFactory(coalition=CoalitionFactory(programme=team.team_programmes.get()))
    theirs = IndicatorFactory(coalition=CoalitionFactory())
    content = (f"indicator,measured_on,value,source\n{mine.pk},2026-01-15,12,Rapport\n").encode()
    assert run("measurements", content, team).committed
    assert run("measurements", content, team).count("unchanged") == 1
    assert Measurement.objects.filter(indicator=mine).count() == 1
    other = f"indicator,measured_on,value,source\n{theirs.pk},2026-01-15,12,Rapport\n".encode()
    report = run("measurements", other, team)
    assert not report.committed and report.error_rows[0].errors[0][0] == "indicator"
    assert not Measurement.objects.filter(indicator=theirs).exists()


def _upload(client, kind: str, content: bytes, name: str = "file.csv"):
    return client.post(
        reverse("team:imports:preview"),
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
    )


def test_upload_preview_commit_through_the_pages(client, team) -> None:
    client.force_login(team)
    preview = _upload(client, "organisations", ORGANISATIONS)
    assert preview.status_code == 200 and Organisation.objects.count() == 0
    token = preview.context["commit_form"].initial["token"]
    assert "/" not in staging.SALT or token  # a signed token, not a path
    response = client.post(reverse("team:imports:commit"), {"token": token})
    assert response.status_code == 302 and Organisation.objects.count() == 3
    # the token is used up: the same preview cannot be committed twice
    again = client.post(reverse("team:imports:commit"), {"token": token})
    assert again.status_code == 302 and Organisation.objects.count() == 3


def test_a_bad_file_shows_its_errors_and_offers_no_import(client, team) -> None:
    client.force_login(team)
    bad = ORGANISATIONS.replace(b"Labo Commun;Recherche", "Labo Commun;Fusée".encode())
    response = _upload(client, "organisations", bad)
    assert response.status_code == 200 and response.context["commit_form"] is None
    body = response.content.decode()
    assert "Fusée" in body and "<code>kind</code>" in body


def test_a_forged_or_foreign_token_is_refused(client, team) -> None:
    token = staging.stage(content=ORGANISATIONS, filename="x.csv", kind="organisations", user_id=0)
    client.force_login(team)
    for forged in (token, "../../etc/passwd", token + "x"):
        response = client.post(reverse("team:imports:commit"), {"token": forged})
        assert response.status_code == 302
    assert Organisation.objects.count() == 0


def test_templates_download(client, team) -> None:
    client.force_login(team)
    response = client.get(reverse("team:imports:template", kwargs={"kind": "people"}))
    assert response.content.decode("utf-8-sig").startswith("email,first_name,last_name")
    missing = client.get(reverse("team:imports:template", kwargs={"kind": "nothing"}))
    assert missing.status_code == 404


def test_an_upload_without_file_shows_the_form_again(client, team) -> None:
    client.force_login(team)
    response = client.post(reverse("team:imports:preview"), {"kind": "people"})
    assert response.status_code == 400 and "file" in response.context["form"].errors

"""The programme team in real Chromium: creates an organisation, then imports a small CSV
through its preview. In English: the new pages' French comes with the catalogue's update."""

from __future__ import annotations

import pytest

from alliage.actors.models import Affiliation, Organisation, Person

from ..factories import PASSWORD, PersonFactory, ProgrammeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSV = (
    "email;first_name;last_name;organisation;role\n"
    "anne@example.org;Anne;Martin;La Ressourcerie du Plateau;Présidente\n"
    "paul@example.org;Paul;Durand;;\n"
)


def test_team_creates_an_organisation_then_imports_people(live_server, page, tmp_path) -> None:
    team = PersonFactory().user
    ProgrammeFactory().team.add(team)
    page.goto(f"{live_server.url}/en/accounts/login/?next=/en/team/")
    page.locator("input[name=username]").fill(team.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/en/team/")

    page.locator(".team-nav").get_by_role("link", name="Actors").click()
    page.get_by_role("link", name="New organisation").click()
    page.get_by_label("Name").fill("La Ressourcerie du Plateau")
    page.get_by_label("Kind").select_option("association")
    page.get_by_label("City").fill("Paris")
    page.get_by_role("button", name="Create the organisation").click()
    page.wait_for_url("**/en/team/actors/")
    assert "Organisation created." in page.locator(".messages").inner_text()
    assert page.get_by_role("link", name="La Ressourcerie du Plateau").is_visible()
    assert Organisation.objects.get().city == "Paris"

    page.locator(".team-nav").get_by_role("link", name="Import").click()
    page.get_by_label("People").check()
    upload = tmp_path / "people.csv"
    upload.write_text(CSV, encoding="utf-8")
    page.get_by_label("File").set_input_files(str(upload))
    page.get_by_role("button", name="Preview the import").click()
    page.wait_for_url("**/en/team/import/preview/")
    assert "will create 2" in page.locator("main").inner_text()
    assert Person.objects.filter(user__email="anne@example.org").count() == 0  # not yet
    page.get_by_role("button", name="Import now").click()
    page.wait_for_url("**/en/team/import/")
    assert "2 created" in page.locator(".messages").inner_text()
    anne = Person.objects.get(user__email="anne@example.org")
    assert Affiliation.objects.get(person=anne).organisation.name == "La Ressourcerie du Plateau"

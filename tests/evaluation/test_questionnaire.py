"""The Facteur 4 questionnaire is data in the repository; a change makes a new version and
earlier answers keep theirs."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.html import escape

from alliage.evaluation import services
from alliage.evaluation.models import AssessmentSide, QuestionnaireVersion
from alliage.evaluation.questionnaire import (
    DIRECTORY,
    Grid,
    QuestionnaireError,
    questionnaire_check,
    questionnaire_read,
)

pytestmark = pytest.mark.django_db


def test_the_grid_follows_the_method_steps_and_dimensions() -> None:
    content = questionnaire_read(DIRECTORY / "facteur-4.toml")
    grid = Grid(content)
    assert [step[0] for step in grid.steps()] == ["innovation", "assessment", "growth"]
    assert [d.key for d in grid.dimensions] == [
        "business_model",
        "depth",
        "breadth",
        "robustness",
        "growth_path",
    ]
    types = {q.type for q in grid.questions()}
    assert types == {"text", "scale"}


def test_loading_twice_makes_one_version(grid) -> None:
    assert services.questionnaire_sync() == [("facteur-4", 1, False)]
    assert QuestionnaireVersion.objects.count() == 1


def test_a_changed_file_is_a_new_version_and_old_answers_keep_theirs(
    grid, cast, client, tmp_path, monkeypatch
) -> None:
    old_label = grid.content["steps"][1]["questions"][0]["label"]["fr"]
    assessment = services.assessment_save(
        coalition=cast.coalition,
        by=cast.lead,
        side=AssessmentSide.SELF,
        answers={"bm_paid": 3, "novelty": "Un atelier de réparation."},
        assessed_on=grid.loaded_at.date(),
        is_public=True,
    )
    changed = (DIRECTORY / "facteur-4.toml").read_text(encoding="utf-8")
    changed = changed.replace(old_label, "Le projet vit de ses ventes, sans subvention.")
    (tmp_path / "facteur-4.toml").write_text(changed, encoding="utf-8")
    monkeypatch.setattr(services, "DIRECTORY", tmp_path)

    assert services.questionnaire_sync() == [("facteur-4", 2, True)]
    new = services.assessment_save(
        coalition=cast.coalition,
        by=cast.lead,
        side=AssessmentSide.SELF,
        answers={"bm_paid": 2},
        assessed_on=grid.loaded_at.date(),
        is_public=True,
    )
    assert new.version.number == 2
    assessment.refresh_from_db()
    assert assessment.version.number == 1

    page = client.get(assessment.get_absolute_url()).content.decode()
    assert escape(old_label) in page
    assert "version 1" in page
    assert "sans subvention" not in page
    page = client.get(new.get_absolute_url()).content.decode()
    assert "Le projet vit de ses ventes, sans subvention." in page
    # The form offers the newest version.
    client.force_login(cast.lead)
    form = client.get(
        reverse("evaluation:assessment-create", args=[cast.coalition.slug, "self"])
    ).content.decode()
    assert "sans subvention" in form


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c: c["steps"][0]["questions"][0].update(type="choice"), "type is text or scale"),
        (lambda c: c["steps"][1]["questions"][0].update(dimension="nope"), "unknown or no dim"),
        (lambda c: c["steps"][1]["questions"][1].update(key="bm_paid"), "keys must be unique"),
        (lambda c: c["scale"].update(max=0), "min < max"),
        (lambda c: c["dimensions"].append({"key": "empty", "label": "x"}), "has no question"),
    ],
)
def test_a_broken_questionnaire_is_refused_with_where(change, message) -> None:
    content = copy.deepcopy(questionnaire_read(DIRECTORY / "facteur-4.toml"))
    change(content)
    with pytest.raises(QuestionnaireError, match=message):
        questionnaire_check(content)


def test_a_file_that_is_not_toml_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("slug = ", encoding="utf-8")
    with pytest.raises(QuestionnaireError, match=r"bad\.toml"):
        questionnaire_read(bad)


def test_the_checksum_ignores_layout(grid) -> None:
    from alliage.evaluation.questionnaire import checksum

    content = questionnaire_read(DIRECTORY / "facteur-4.toml")
    assert checksum(json.loads(json.dumps(content))) == grid.checksum

"""Questionnaires kept as TOML files in ``questionnaires/``: reading, checking, scoring.

A questionnaire has a scale, dimensions and steps of questions; a question is free text or a
rating on the scale that counts towards one dimension. The content stored with each version is
the checked, parsed file, so an assessment always renders with the questions it was answered
under, whatever the file says today.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

DIRECTORY = Path(__file__).parent / "questionnaires"
QUESTION_TYPES = ("text", "scale")


class QuestionnaireError(ValueError):
    """The file does not describe a usable questionnaire; the message says where."""


def localised(text: dict[str, str] | str | None, language: str | None = None) -> str:
    """The text in the active language, else French, else any language given."""
    if not text:
        return ""
    if isinstance(text, str):
        return text
    language = (language or get_language() or "fr")[:2]
    return text.get(language) or text.get("fr") or next(iter(text.values()))


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise QuestionnaireError(message)


def questionnaire_check(content: dict[str, Any]) -> dict[str, Any]:
    """Refuse a questionnaire that could not be answered or scored; return it unchanged."""
    _require(bool(content.get("slug")), "a questionnaire needs a slug")
    _require(bool(content.get("title")), "a questionnaire needs a title")
    scale = content.get("scale", {})
    _require(
        isinstance(scale.get("min"), int)
        and isinstance(scale.get("max"), int)
        and scale["min"] < scale["max"],
        "the scale needs integer min < max",
    )
    dimensions = [d.get("key") for d in content.get("dimensions", [])]
    _require(bool(dimensions) and all(dimensions), "every dimension needs a key")
    _require(len(set(dimensions)) == len(dimensions), "dimension keys must be unique")
    keys: list[str] = []
    for step in content.get("steps", []):
        _require(bool(step.get("key")) and bool(step.get("title")), "a step needs a key, a title")
        for question in step.get("questions", []):
            key = question.get("key")
            _require(bool(key) and bool(question.get("label")), "a question needs a key, a label")
            _require(question.get("type") in QUESTION_TYPES, f"{key}: type is text or scale")
            if question["type"] == "scale":
                _require(question.get("dimension") in dimensions, f"{key}: unknown or no dimension")
            keys.append(key)
    _require(bool(keys), "a questionnaire needs questions")
    _require(len(set(keys)) == len(keys), "question keys must be unique")
    for dimension in dimensions:
        _require(
            any(
                q.get("dimension") == dimension
                for step in content["steps"]
                for q in step["questions"]
            ),
            f"dimension {dimension} has no question",
        )
    return content


def questionnaire_read(path: Path) -> dict[str, Any]:
    try:
        content = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise QuestionnaireError(f"{path.name}: {error}") from error
    return questionnaire_check(content)


def checksum(content: dict[str, Any]) -> str:
    """The same content gives the same checksum, however the file is laid out."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    help: str


@dataclass(frozen=True)
class Question:
    key: str
    type: str
    label: str
    dimension: str | None


class Grid:
    """A stored version's content, read in the active language."""

    def __init__(self, content: dict[str, Any]) -> None:
        self.content = content
        self.scale_min: int = content["scale"]["min"]
        self.scale_max: int = content["scale"]["max"]

    @property
    def title(self) -> str:
        return localised(self.content["title"])

    @property
    def intro(self) -> str:
        return localised(self.content.get("intro"))

    @property
    def scale_labels(self) -> list[tuple[int, str]]:
        labels = self.content["scale"].get("labels") or {}
        names = labels.get((get_language() or "fr")[:2]) or labels.get("fr") or []
        values = range(self.scale_min, self.scale_max + 1)
        return [(v, names[i] if i < len(names) else str(v)) for i, v in enumerate(values)]

    @property
    def dimensions(self) -> list[Dimension]:
        return [
            Dimension(d["key"], localised(d["label"]), localised(d.get("help")))
            for d in self.content["dimensions"]
        ]

    def steps(self) -> list[tuple[str, str, str, list[Question]]]:
        return [
            (
                step["key"],
                localised(step["title"]),
                localised(step.get("help")),
                [
                    Question(q["key"], q["type"], localised(q["label"]), q.get("dimension"))
                    for q in step["questions"]
                ],
            )
            for step in self.content["steps"]
        ]

    def questions(self) -> list[Question]:
        return [q for *_, questions in self.steps() for q in questions]

    def scores(self, answers: dict[str, Any]) -> dict[str, float | None]:
        """Each dimension's score: the mean of its answered ratings, None when none is."""
        ratings: dict[str, list[int]] = {d.key: [] for d in self.dimensions}
        for question in self.questions():
            value = answers.get(question.key)
            if question.type == "scale" and isinstance(value, int):
                ratings[question.dimension or ""].append(value)
        return {
            key: (round(sum(values) / len(values), 2) if values else None)
            for key, values in ratings.items()
        }

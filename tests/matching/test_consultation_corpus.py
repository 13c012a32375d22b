"""Checks the shape of the labelled consultation corpus (tests/matching/consultation/), so that
whoever edits it by hand keeps it usable: every label resolves, ids are unique, texts look like
short contributions, French stays the main language and no text is posted twice verbatim."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

CORPUS = Path(__file__).parent / "consultation" / "proposals.json"
LANGS = {"fr", "en", "fr-en"}
MIN_WORDS, MAX_WORDS, MAX_CHARS = 3, 45, 320
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@cache
def corpus() -> dict[str, Any]:
    with CORPUS.open(encoding="utf-8") as f:
        return json.load(f)


def proposals() -> list[dict[str, Any]]:
    return corpus()["proposals"]


def test_sizes() -> None:
    data = corpus()
    assert len(data["proposals"]) >= 800
    assert len(data["ideas"]) >= 60
    assert 5 <= len(data["calls"]) <= 8


def test_ids_are_unique() -> None:
    data = corpus()
    for key in ("calls", "ideas", "proposals"):
        ids = [item["id"] for item in data[key]]
        assert len(ids) == len(set(ids)), key
    assert all(isinstance(p["id"], int) for p in data["proposals"])


def test_calls_and_ideas_are_described() -> None:
    data = corpus()
    for call in data["calls"]:
        assert SLUG.match(call["id"]) and call["title"].strip() and call["brief"].strip()
    for idea in data["ideas"]:
        assert SLUG.match(idea["id"]) and idea["label"].strip() and idea["theme"].strip()


def test_every_proposal_points_to_an_existing_idea_and_call() -> None:
    data = corpus()
    ideas = {i["id"] for i in data["ideas"]}
    calls = {c["id"] for c in data["calls"]}
    for p in data["proposals"]:
        assert p["idea"] in ideas, p
        assert p["call"] in calls, p
        assert p["lang"] in LANGS, p


def test_text_lengths_within_bounds() -> None:
    for p in proposals():
        text = p["text"]
        assert text == text.strip() and "\n" not in text, p
        assert MIN_WORDS <= len(text.split()) <= MAX_WORDS, p
        assert len(text) <= MAX_CHARS, p


def test_mostly_french() -> None:
    langs = Counter(p["lang"] for p in proposals())
    total = sum(langs.values())
    assert langs["fr"] / total >= 0.80
    assert langs["en"] > 0  # some English, as real calls get


def test_each_idea_has_at_least_three_proposals() -> None:
    counts = Counter(p["idea"] for p in proposals())
    for idea in corpus()["ideas"]:
        assert counts[idea["id"]] >= 3, idea["id"]


def test_each_call_receives_several_ideas() -> None:
    per_call: dict[str, set[str]] = {}
    for p in proposals():
        per_call.setdefault(p["call"], set()).add(p["idea"])
    for call in corpus()["calls"]:
        assert 8 <= len(per_call.get(call["id"], set())) <= 15, call["id"]


@pytest.mark.parametrize("normalise", [str, lambda t: " ".join(t.casefold().split())])
def test_no_duplicate_texts(normalise: Any) -> None:
    counts = Counter(normalise(p["text"]) for p in proposals())
    assert [t for t, n in counts.items() if n > 1] == []


def test_near_duplicates_point_to_an_earlier_proposal_of_the_same_idea() -> None:
    by_id = {p["id"]: p for p in proposals()}
    near = [p for p in proposals() if "near_duplicate_of" in p]
    assert near  # real calls have people posting twice
    for p in near:
        original = by_id[p["near_duplicate_of"]]
        assert original["id"] < p["id"]
        assert (original["idea"], original["call"]) == (p["idea"], p["call"])
        assert original["text"] != p["text"]

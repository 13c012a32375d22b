"""The history's diff: exact, and bounded in work whatever the texts hold (R1)."""

from __future__ import annotations

import difflib

import pytest

from alliage.coalitions import diff
from alliage.coalitions.diff import Level, text_diff
from alliage.coalitions.models import CANVAS_LONG_TEXT_MAX


class CountingMatcher(difflib.SequenceMatcher):
    """Charges each comparison its worst case: len(a) * len(b) * min(len(a), len(b))."""

    spent = 0

    def __init__(self, isjunk, a, b, autojunk=True) -> None:
        super().__init__(isjunk, a, b, autojunk)
        CountingMatcher.spent += len(a) * len(b) * min(len(a), len(b))


@pytest.fixture
def spent(monkeypatch):
    CountingMatcher.spent = 0
    monkeypatch.setattr(diff.difflib, "SequenceMatcher", CountingMatcher)
    return lambda: CountingMatcher.spent


def rebuilt(result) -> tuple[str, str]:
    before = "".join(p.text for p in result.pieces if p.op != "added")
    after = "".join(p.text for p in result.pieces if p.op != "removed")
    return before, after


def long_text(n: int = CANVAS_LONG_TEXT_MAX) -> str:
    words = ["constat", "rivière", "impact", "coalition", "levier", "quartier", "eau"]
    paragraphs, i = [], 0
    while sum(map(len, paragraphs)) < n:
        paragraphs.append(" ".join(words[(i + k) % 7] for k in range(40 + i % 50)) + ".")
        i += 1
    return "\n\n".join(paragraphs)[:n]


def test_a_small_edit_is_shown_word_by_word() -> None:
    result = text_diff("Un constat précis sur la rivière.", "Un constat précisé sur la rivière.")
    assert result.level == Level.WORDS
    assert [(p.op, p.text.strip()) for p in result.pieces if p.op != "same"] == [
        ("removed", "précis"),
        ("added", "précisé"),
    ]


def inserted(text: str, word: str) -> str:
    at = text.index(" ", len(text) // 2)
    return text[:at] + " " + word + text[at:]


WORST_CASES = {
    "small edit of a long text": (long_text(), inserted(long_text(), "nouveau")),
    "long text rewritten": (long_text(), long_text().replace("impact", "effet")),
    "repeated words": ("x y " * 5000, "y x " * 5000),
    "one word, other word": ("x " * 10000, "y " * 10000),
    "many short lines": ("a\n\n" * 6000, "b\n\n" * 6000),
    "ten times the limit": ("a b " * 50_000, "a c " * 50_000),
}


@pytest.mark.parametrize("case", WORST_CASES)
def test_the_diff_stays_within_its_step_budget_and_loses_nothing(spent, case: str) -> None:
    before, after = WORST_CASES[case]
    result = text_diff(before, after)
    assert spent() <= diff.STEP_BUDGET
    assert rebuilt(result) == (before, after)


def test_a_small_edit_of_a_long_text_is_still_word_by_word(spent) -> None:
    before, after = WORST_CASES["small edit of a long text"]
    result = text_diff(before, after)
    assert result.level == Level.WORDS
    assert [p.text.strip() for p in result.pieces if p.op == "added"] == ["nouveau"]
    assert spent() < 1000


def test_past_the_budget_the_text_is_shown_whole_before_and_after() -> None:
    result = text_diff("a\n" * 300, "b\n" * 300, budget=1000)
    assert result.level == Level.WHOLE
    assert [p.op for p in result.pieces] == ["removed", "added"]


def test_a_stored_diff_reads_back_the_same() -> None:
    result = text_diff("un deux trois", "un trois quatre")
    assert diff.TextDiff.from_stored(result.as_stored()) == result

"""The bounded diff of two versions of a canvas text, computed once when the change is saved.

``difflib.SequenceMatcher`` costs up to ``len(a) * len(b) * min(len(a), len(b))`` steps on
texts full of repeated tokens (each of its at most ``min`` longest-match searches scans the
whole grid), which made a public history page of a 50,000-character text take seconds. Here
every comparison is charged that worst case against one budget per text, so the work is
bounded whatever the input:

1. the common start and end are cut off first (linear), so a small edit of a long text
   compares only the few words around it;
2. what remains is compared word by word when it fits the budget, else paragraph by paragraph
   and then word by word inside each changed paragraph while the budget lasts (the others are
   shown whole, before and after);
3. when even the paragraphs do not fit, the text is shown whole, before and after.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# A word and the spaces after it, or the spaces a text starts with.
_TOKEN = re.compile(r"\S+\s*|\s+")

# The worst-case steps one text's diff may spend (a few tenths of a second at worst).
STEP_BUDGET = 30_000_000


class Level:
    """How finely a diff compares: every changed word, only changed paragraphs, or the text."""

    WORDS = "words"
    PARAGRAPHS = "paragraphs"
    WHOLE = "whole"


@dataclass(frozen=True)
class DiffPiece:
    op: str  # "same", "removed" or "added"
    text: str


@dataclass(frozen=True)
class TextDiff:
    pieces: tuple[DiffPiece, ...]
    level: str = Level.WORDS

    def as_stored(self) -> dict[str, Any]:
        return {"level": self.level, "pieces": [[p.op, p.text] for p in self.pieces]}

    @classmethod
    def from_stored(cls, stored: dict[str, Any]) -> TextDiff:
        return cls(
            pieces=tuple(DiffPiece(op, text) for op, text in stored["pieces"]),
            level=stored["level"],
        )


def _cost(a: Sequence[str], b: Sequence[str]) -> int:
    return len(a) * len(b) * min(len(a), len(b))


class _Budget:
    def __init__(self, steps: int) -> None:
        self.left = steps

    def take(self, a: Sequence[str], b: Sequence[str]) -> bool:
        """Whether comparing ``a`` with ``b`` fits in what is left; if so, it is spent."""
        cost = _cost(a, b)
        if cost > self.left:
            return False
        self.left -= cost
        return True


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def _common_ends(a: Sequence[str], b: Sequence[str]) -> tuple[int, int]:
    """The lengths of the common start and of the common end (not overlapping)."""
    shortest = min(len(a), len(b))
    start = 0
    while start < shortest and a[start] == b[start]:
        start += 1
    end = 0
    while end < shortest - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return start, end


class _Pieces:
    """Pieces in reading order, neighbours of the same kind merged."""

    def __init__(self) -> None:
        self.items: list[DiffPiece] = []

    def add(self, op: str, text: str) -> None:
        if not text:
            return
        if self.items and self.items[-1].op == op:
            self.items[-1] = DiffPiece(op, self.items[-1].text + text)
        else:
            self.items.append(DiffPiece(op, text))

    def change(self, removed: str, added: str) -> None:
        self.add("removed", removed)
        self.add("added", added)


def _words(a: str, b: str, pieces: _Pieces, budget: _Budget) -> bool:
    """Add the word diff of ``a`` and ``b``; False (and the two texts whole) when it does not
    fit the budget."""
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    start, end = _common_ends(ta, tb)
    middle_a, middle_b = ta[start : len(ta) - end], tb[start : len(tb) - end]
    pieces.add("same", "".join(ta[:start]))
    fits = budget.take(middle_a, middle_b)
    if fits:
        for op, i1, i2, j1, j2 in _opcodes(middle_a, middle_b):
            if op == "equal":
                pieces.add("same", "".join(middle_a[i1:i2]))
            else:
                pieces.change("".join(middle_a[i1:i2]), "".join(middle_b[j1:j2]))
    else:
        pieces.change("".join(middle_a), "".join(middle_b))
    pieces.add("same", "".join(ta[len(ta) - end :]))
    return fits


def text_diff(before: str, after: str, *, budget: int = STEP_BUDGET) -> TextDiff:
    """Unchanged, removed and added runs of ``before`` → ``after``, in reading order, as fine as
    the step budget allows (see the module's docstring)."""
    steps = _Budget(budget)
    la, lb = before.splitlines(keepends=True), after.splitlines(keepends=True)
    start, end = _common_ends(la, lb)
    head, tail = "".join(la[:start]), "".join(la[len(la) - end :])
    middle_a, middle_b = la[start : len(la) - end], lb[start : len(lb) - end]
    pieces = _Pieces()
    pieces.add("same", head)
    words_a, words_b = "".join(middle_a), "".join(middle_b)
    if _cost(_TOKEN.findall(words_a), _TOKEN.findall(words_b)) <= budget:
        _words(words_a, words_b, pieces, steps)
        level = Level.WORDS
    elif steps.take(middle_a, middle_b):
        level = Level.WORDS
        for op, i1, i2, j1, j2 in _opcodes(middle_a, middle_b):
            old, new = "".join(middle_a[i1:i2]), "".join(middle_b[j1:j2])
            if op == "equal":
                pieces.add("same", old)
            elif op == "replace":
                if not _words(old, new, pieces, steps):
                    level = Level.PARAGRAPHS
            else:
                pieces.change(old, new)
    else:
        return TextDiff(
            pieces=tuple(
                p for p in (DiffPiece("removed", before), DiffPiece("added", after)) if p.text
            ),
            level=Level.WHOLE,
        )
    pieces.add("same", tail)
    return TextDiff(pieces=tuple(pieces.items), level=level)


# History fields whose values the history page shows in the reader's language (codes, dates,
# the path of milestones as JSON): short by nature, their diff is made when the page is read.
SHOWN_TRANSLATED = frozenset({"milestones", "status", "is_published", "target_date"})


def change_diff(field: str, before: str, after: str) -> dict[str, Any] | None:
    """The diff to store with a change of ``field``; None for the fields shown translated."""
    if field in SHOWN_TRANSLATED:
        return None
    return text_diff(before, after).as_stored()

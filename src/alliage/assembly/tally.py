"""A ballot's result from its totals: pure arithmetic, no database, so that tests can check it
against a tally of their own.

The majorities, as the motion form explains them:
- simple: more yes than no (abstentions do not count); for a choice or an election, the most
  voted, with no tie;
- absolute: more than half of the ballots cast, abstentions and blank ballots included;
- two thirds: at least two thirds of the votes expressed (abstentions and blanks left out).

Every figure is a weight: a voter's votes (1 each, or their tier's where the statutes weigh
votes)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import Majority, MotionKind, OptionMeaning


@dataclass(frozen=True)
class Count:
    key: int  # the option's id
    label: str
    meaning: str
    weight: int
    ballots: int


@dataclass(frozen=True)
class Result:
    counts: tuple[Count, ...]
    cast: int  # the votes of every ballot cast, blank ones included
    expressed: int  # leaving out abstentions and blank ballots
    adopted: bool | None = None  # a resolution: adopted or rejected
    winners: tuple[int, ...] = field(default_factory=tuple)  # options chosen or elected
    tie: bool = False  # a tie left a choice or a seat undecided


def _reaches(weight: int, majority: str, *, cast: int, expressed: int) -> bool:
    if majority == Majority.ABSOLUTE:
        return 2 * weight > cast
    if majority == Majority.TWO_THIRDS:
        return weight > 0 and 3 * weight >= 2 * expressed
    return weight > 0


def result(*, kind: str, majority: str, seats: int, counts: list[Count], cast: int) -> Result:
    """The outcome of a closed ballot. ``cast`` is the weight of all the ballots: for an
    election, whose ballots mark up to ``seats`` candidates (or abstain), it is not the sum of
    the options'. Each ballot marks something (a blank one marks the abstention)."""
    abstained = sum(c.weight for c in counts if c.meaning == OptionMeaning.ABSTAIN)
    expressed = cast - abstained
    counts = tuple(counts)
    if kind == MotionKind.RESOLUTION:
        yes = sum(c.weight for c in counts if c.meaning == OptionMeaning.YES)
        no = sum(c.weight for c in counts if c.meaning == OptionMeaning.NO)
        if majority == Majority.SIMPLE:
            adopted = yes > no
        else:
            adopted = _reaches(yes, majority, cast=cast, expressed=yes + no)
        return Result(counts, cast, expressed, adopted=adopted)
    candidates = sorted(
        (c for c in counts if c.meaning != OptionMeaning.ABSTAIN), key=lambda c: (-c.weight, c.key)
    )
    places = seats if kind == MotionKind.ELECTION else 1
    first_left_out = candidates[places].weight if len(candidates) > places else None
    winners: list[int] = []
    tie = False
    for c in candidates[:places]:
        if c.weight == first_left_out:
            # The last places go to a tie: whoever is tied with the first one left out is not
            # chosen (a second round decides).
            tie = _reaches(c.weight, majority, cast=cast, expressed=expressed)
            break
        if not _reaches(c.weight, majority, cast=cast, expressed=expressed):
            break
        winners.append(c.key)
    return Result(counts, cast, expressed, winners=tuple(winners), tie=tie)

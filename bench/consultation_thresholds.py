"""Which convergence threshold maximises the adjusted Rand index on each call of the
consultation set, and whether a rule computed from a call's own proposals (no labels) finds
it: for information (issue 18), nothing here changes a default. A few seconds.

    .venv/bin/python bench/consultation_thresholds.py [--near-duplicates]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

Rule = Callable[[Any], int]  # a call's scan -> the index of the chosen threshold
GRID = [round(float(x), 2) for x in np.arange(0.01, 0.505, 0.01)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--near-duplicates", action="store_true", help="keep the 25 reposts")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliage.settings.test")
    import django

    django.setup()
    from tests.matching.consultation_quality import load_proposals, scan

    scans = scan(load_proposals(near_duplicates=args.near_duplicates), GRID)
    total = sum(s.proposals for s in scans)

    def weighted(rule: Rule) -> float:
        return sum(s.proposals * s.ari[rule(s)] for s in scans) / total

    def highest(ok: Callable[[Any, int], bool]) -> Rule:
        return lambda s: max((i for i in range(len(GRID)) if ok(s, i)), default=0)

    def best(s: Any) -> int:
        return int(np.argmax(s.ari))

    def silhouette_max(s: Any) -> int:
        return int(np.argmax(s.silhouette))

    def at(t: float) -> Rule:
        return lambda s: GRID.index(t)

    print("call proposals best-threshold ARI-there ARI@0.05 ARI@0.15 ARI@0.35")
    for s in scans:
        b = best(s)
        print(
            f"{s.call} {s.proposals} {GRID[b]:.2f} {s.ari[b]:.3f} {s.ari[GRID.index(0.05)]:.3f} "
            f"{s.ari[GRID.index(0.15)]:.3f} {s.ari[GRID.index(0.35)]:.3f}"
        )
    best_thresholds = [GRID[best(s)] for s in scans]
    rules: list[tuple[str, Rule]] = [("oracle: best per call", best)]
    rules += [(f"fixed {t:.2f}", at(t)) for t in (0.04, 0.05, 0.08, 0.1, 0.15, 0.35)]
    rules.append(("silhouette maximum", silhouette_max))
    for share in (0.5, 0.7, 0.8, 0.9, 0.95, 0.98):
        rules.append(
            (
                f"highest with {share:.0%} in groups",
                highest(lambda s, i, x=share: s.grouped[i] >= x),
            )
        )
    for size in (4, 5, 6, 10):
        rules.append(
            (
                f"highest with groups of {size}+ on average",
                highest(
                    lambda s, i, m=size: (
                        s.groups[i] > 0 and s.grouped[i] * s.proposals / s.groups[i] >= m
                    )
                ),
            )
        )
    for name, rule in rules:
        chosen = [GRID[rule(s)] for s in scans]
        spread = np.std(chosen) > 0 and np.std(best_thresholds) > 0
        corr = f"{np.corrcoef(best_thresholds, chosen)[0, 1]:.2f}" if spread else "-"
        print(
            f"{name}: ARI {weighted(rule):.3f}; thresholds "
            f"{', '.join(f'{t:.2f}' for t in chosen)}; correlation with the best {corr}"
        )


if __name__ == "__main__":
    main()

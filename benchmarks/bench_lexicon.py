"""How well the action-category measure agrees with UPR Info's human coders.

Usage: python benchmarks/bench_lexicon.py

The lexicon (cobs/data/action_verbs.csv) is built from sessions 1-21 of the UPR
Info export in ../shared (scripts/build_action_verbs.py), and the rules that apply
UPR Info's principles (cobs/data/action_rules.csv) were chosen on sessions 1-21 and
on the dev rows of tests/data/co_actions_coded.csv; here both are scored on sessions
25-27, which they have not seen: coverage (recommendations given a category),
accuracy where covered, accuracy overall (uncovered = wrong), macro-F1. Two rows: the
measure as cobs.measure computes ``action_category`` (action_category_of), and the
verb alone (the lexicon looked up with the action verb, without the principles).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sklearn.metrics import accuracy_score, f1_score

from cobs.measures.strings import action_category, action_category_of, action_verb
from cobs.read import read_upr_info

EXPORT = Path(__file__).resolve().parents[1].parent / "shared/data/upr-info-export-2018"


def main() -> None:
    if not EXPORT.is_dir():
        sys.exit(f"bench_lexicon: {EXPORT} is absent")
    table = read_upr_info(EXPORT)
    test = table[table["session"].between(25, 27) & table["action"].notna()]
    truth = test["action"].astype(int).tolist()
    print(f"UPR Info sessions 25-27: {len(test)} recommendations coded by UPR Info")
    for name, categorize in [
        ("measure (verb and principles)", lambda text: action_category_of(text)),
        ("verb alone", lambda text: action_category(verb) if (verb := action_verb(text)) else None),
    ]:
        start = time.perf_counter()
        predicted = [categorize(str(t)) for t in test["recommendation"]]
        seconds = time.perf_counter() - start
        covered = [(p, t) for p, t in zip(predicted, truth, strict=True) if p is not None]
        overall = [p if p is not None else 0 for p in predicted]
        print(f"{name:30s} coverage {len(covered) / len(test):.1%}; accuracy where covered "
              f"{accuracy_score([t for _, t in covered], [p for p, _ in covered]):.3f}; "
              f"overall {accuracy_score(truth, overall):.3f}; macro-F1 overall "
              f"{f1_score(truth, overall, labels=[1, 2, 3, 4, 5], average='macro'):.3f} "
              f"({len(test) / seconds:,.0f} recommendations/s)")


if __name__ == "__main__":
    main()

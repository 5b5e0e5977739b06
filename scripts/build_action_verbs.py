"""Rebuild cobs/data/action_verbs.csv: the UPR Info action category of each action verb.

Usage: python scripts/build_action_verbs.py [--check]

The category of a verb is the one UPR Info's human coders gave most often to the
recommendations that open with it, over the training sessions 1-21 of the UPR Info
export in ../shared/data/upr-info-export-2018 (sessions 25-27 are kept for testing:
benchmarks/bench_lexicon.py). Verbs seen fewer than MIN_COUNT times keep the category
the UPR Info definitions give them (the 'definition' rows of the current file).
"""

from __future__ import annotations

import csv
import io
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "cobs" / "data" / "action_verbs.csv"
EXPORT = ROOT.parent / "shared" / "data" / "upr-info-export-2018"
MIN_COUNT = 20
TRAIN_SESSIONS = range(1, 22)
NOT_VERBS = {"the", "and", "with", "re", "recommended", "that", "to", "in", "a", "an", "its", "all", "further"}


def main() -> int:
    from cobs.measures.strings import action_verb
    from cobs.read import read_upr_info

    if not EXPORT.is_dir():
        sys.exit(f"build_action_verbs: {EXPORT} is absent (the UPR Info export lives in ../shared/data)")
    table = read_upr_info(EXPORT)
    train = table[table["session"].isin(TRAIN_SESSIONS) & table["action"].notna()]
    counts: dict[str, Counter[int]] = {}
    for text, action in zip(train["recommendation"], train["action"], strict=True):
        verb = action_verb(str(text))
        if verb and verb not in NOT_VERBS:
            counts.setdefault(verb, Counter())[int(action)] += 1
    with open(TARGET, encoding="utf-8") as handle:
        current = list(csv.DictReader(handle))
    rows = []
    for verb, seen in sorted(counts.items(), key=lambda kv: -sum(kv[1].values())):
        n = sum(seen.values())
        if n >= MIN_COUNT:
            category, k = seen.most_common(1)[0]
            rows.append({"verb": verb, "category": category, "source": "UPR Info sessions 1-21",
                         "n": n, "share": f"{k / n:.2f}"})
    learned = {r["verb"] for r in rows}
    for row in current:
        if row["verb"] not in learned and row["source"] == "definition":
            rows.append(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["verb", "category", "source", "n", "share"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    if "--check" in sys.argv:
        same = out.getvalue() == TARGET.read_text(encoding="utf-8")
        print("action_verbs.csv is up to date" if same else "action_verbs.csv differs from a rebuild")
        return 0 if same else 1
    TARGET.write_text(out.getvalue(), encoding="utf-8")
    print(f"{TARGET}: {len(rows)} verbs ({len(learned)} from UPR Info sessions 1-21)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

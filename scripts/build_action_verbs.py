"""Rebuild cobs/data/action_verbs.csv: the UPR Info action category of each action verb.

Usage: python scripts/build_action_verbs.py [--check]

The category of a verb is the one UPR Info's human coders gave most often to the
recommendations that open with it, over the training sessions 1-21 of the UPR Info
export in ../shared/data/upr-info-export-2018 (sessions 25-27 are kept for testing:
benchmarks/bench_lexicon.py): for every verb seen MIN_COUNT times or more, and for
verbs seen MIN_RARE to MIN_COUNT - 1 times whose commonest category has at least
MIN_RARE_SHARE of them ("collect": 8 of 8 coded 5; "analyse": 13 of 14 coded 3).
Those thresholds were chosen on sessions 19-21 with a lexicon built from sessions
1-18: the rare verbs raise coverage from 95.2 % to 98.0 % and accuracy over all
recommendations from 0.833 to 0.854, at about the same accuracy where covered (0.875
and 0.872). The other verbs keep the category the UPR Info definitions give them, with
the note saying why (the 'definition' rows of the current file).
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
MIN_RARE, MIN_RARE_SHARE = 5, 0.6
TRAIN_SESSIONS = range(1, 22)
NOT_VERBS = {"the", "and", "with", "re", "recommended", "requested", "that", "to", "in", "a", "an", "its", "all",
             "further", "not", "more", "efforts", "social", "ratification"}


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
    for verb, seen in sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        n = sum(seen.values())
        category, k = seen.most_common(1)[0]
        if n >= MIN_COUNT or (n >= MIN_RARE and k / n >= MIN_RARE_SHARE):
            rows.append({"verb": verb, "category": category, "source": "UPR Info sessions 1-21",
                         "n": n, "share": f"{k / n:.2f}", "note": ""})
    learned = {r["verb"] for r in rows}
    for row in current:
        if row["verb"] not in learned and row["source"] == "definition":
            rows.append(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["verb", "category", "source", "n", "share", "note"],
                            lineterminator="\n")
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

"""Write ``tests/data/upr_heldout2_adjudicated.csv`` from an adjudicator's grades of the SLV and KOR candidate pairs.

    python benchmarks/adjudicated_gold.py ADJUDICATED.csv

ADJUDICATED.csv has a row per candidate pair (every link either coder of ``tests/data/upr_heldout2.csv`` made),
columns ``pair_id,key,co_para,co_sub,upr_para,upr_sub,grade,reason``, graded under the second UPR codebook
(``same``, ``overlapping`` or ``none``). The output has ``upr_heldout2.csv``'s columns, coder "adjudicated": a row
per adjudicated link (report, session and recommending State from the coders' rows, the reason as note), and a
``none`` row for every CO item of the pair left without one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data"


def adjudicated(grades: pd.DataFrame, coders: pd.DataFrame) -> pd.DataFrame:
    """The adjudicated reading in the columns of ``coders`` (upr_heldout2.csv)."""
    missing = {"key", "co_para", "co_sub", "upr_para", "upr_sub", "grade"} - set(grades.columns)
    if missing:
        raise ValueError(f"the adjudicated grades lack the columns {sorted(missing)}")
    bad = sorted(set(grades["grade"]) - {"same", "overlapping", "none"})
    if bad:
        raise ValueError(f"the adjudicated grades hold grades {bad}; expected same, overlapping or none")
    linked = coders[coders["grade"] != "none"]
    candidates = {tuple(r): True for r in linked[["key", "co_para", "co_sub", "upr_para", "upr_sub"]].itertuples(
        index=False)}
    pairs = [tuple(r) for r in grades[["key", "co_para", "co_sub", "upr_para", "upr_sub"]].itertuples(index=False)]
    unread = sorted(set(candidates) - set(pairs))
    if unread:
        raise ValueError(f"{len(unread)} pairs the coders linked are not adjudicated, e.g. {unread[:3]}")
    about = linked.drop_duplicates(["key", "upr_para", "upr_sub"]).set_index(["key", "upr_para", "upr_sub"])
    rows = []
    for key, items in coders.groupby("key", sort=False):
        mine = grades[(grades["key"] == key) & (grades["grade"] != "none")]
        symbol = items["co_symbol"].iloc[0]
        for para, sub in items[["co_para", "co_sub"]].drop_duplicates().itertuples(index=False):
            links = mine[(mine["co_para"] == para) & (mine["co_sub"] == sub)]
            for r in links.itertuples():
                source = about.loc[(key, r.upr_para, r.upr_sub)]
                rows.append({"key": key, "coder": "adjudicated", "co_symbol": symbol, "co_para": para, "co_sub": sub,
                             "upr_report": source["upr_report"], "upr_session": source["upr_session"],
                             "upr_para": r.upr_para, "upr_sub": r.upr_sub,
                             "recommending_state": source["recommending_state"], "grade": r.grade,
                             "note": getattr(r, "reason", "")})
            if not len(links):
                rows.append({"key": key, "coder": "adjudicated", "co_symbol": symbol, "co_para": para, "co_sub": sub,
                             "upr_report": "", "upr_session": "", "upr_para": "", "upr_sub": "",
                             "recommending_state": "", "grade": "none", "note": ""})
    return pd.DataFrame(rows, columns=list(coders.columns))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    grades = pd.read_csv(argv[0], dtype=str, keep_default_na=False)
    coders = pd.read_csv(GOLD / "upr_heldout2.csv", dtype=str, keep_default_na=False)
    out = adjudicated(grades, coders)
    out.to_csv(GOLD / "upr_heldout2_adjudicated.csv", index=False)
    links = out[out["grade"] != "none"].groupby("key").size()
    print(f"wrote {GOLD / 'upr_heldout2_adjudicated.csv'}: links " + ", ".join(f"{k} {n}" for k, n in links.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

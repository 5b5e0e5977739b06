"""Benchmark: the groups of persons and SDGs of cobs.measure and the classifiers, against OHCHR's and hand coding.

Two evaluations, each on labels nothing was fitted on:

1. OHCHR's 2025 thematic list for Slovenia (UPR 48, 254 recommendations), with the
   models fitted on its 2014 and 2019 lists (groups: 378 recommendations; goals:
   the 215 of 2019, which alone give goals) and, for the classifiers, on UPR Info's
   recommendations with the groups and goals their issues stand for
   (cobs/data/upr_info_issue_labels.csv). OHCHR's 2025 list puts "Public officials"
   on 253 of its 254 recommendations, as a label for the State: it is left out of
   both sides (the figures with it are printed too). The recommendations are text
   alone: the word-level tags of cobs/data/group_terms.csv stand for cobs.measure.
2. The CO actions of tests/data/co_actions_coded.csv (``--split test``: the 149 rows
   no lexicon or rule was written on; ``--split dev``: the 71 that were read while
   writing them), each system against each of the two coders, beside the coders'
   agreement with each other. The rows are joined on ``ref`` with cobs.measure of
   CRC/C/KAZ/CO/4 (corpus/) and of the CRPD COs in ../shared.

Baselines: the base group only (the committee's: Children for the CRC, Persons
with disabilities for the CRPD; for the UPR list, which has no committee, the group
most frequent in the training lists); the most frequent goals {10, 16}; the
nearest neighbour over the labelled lists (TF-IDF cosine, word 1-2-grams: a
text gets its most similar labelled recommendation's tags; on CO actions, with the
base group added, and the 2025 list's "Public officials" left out). F1 per label
family: micro (every tag counts once) and macro (the mean over the labels either
side uses).

Run from the repository root::

    python benchmarks/bench_groups.py [--shared PATH] [--split {test,dev}] [--part {all,list,co}]
"""

from __future__ import annotations

import time
import warnings
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
from _shared import absent
from _shared import parser as shared_parser
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import f1_score
from sklearn.preprocessing import MultiLabelBinarizer

import cobs
from cobs.classify import GoalClassifier, GroupClassifier
from cobs.read import read_thematic_list
from cobs.reference import base_group, cited_goals, issue_labels, named_groups, worded_goals

ROOT = Path(__file__).resolve().parents[1]
CODED = ROOT / "tests" / "data" / "co_actions_coded.csv"
LISTS = {2014: "2ndcycleunoriginal/UPR20__Slovenia_ThematicListRecommendations_E.docx",
         2019: "3rdcycleunoriginal/UPR34_Slovenia_Thematic_list_of_Recommendations.docx",
         2025: "4thcycleunoriginal/upr48-slovenia-thematic-list-of-recommendatio.docx"}
BLANKET = "Public officials"
UPR_WEIGHT = 5  # the labelled lists' recommendations count this many times beside UPR Info's


def f1(truth: list[list], pred: list[list]) -> tuple[float, float]:
    """Micro and macro F1 of tag lists (macro: over every label either side uses)."""
    binarizer = MultiLabelBinarizer().fit([*truth, *pred])
    if not len(binarizer.classes_):
        return float("nan"), float("nan")
    t, p = binarizer.transform(truth), binarizer.transform(pred)
    return (f1_score(t, p, average="micro", zero_division=0), f1_score(t, p, average="macro", zero_division=0))


def _without(tags: list[list], label: str) -> list[list]:
    return [[t for t in row if t != label] for row in tags]


def _key(text: str) -> str:
    """A recommendation without its recommending States and punctuation: to find repeats across lists."""
    import re

    text = re.sub(r"\([^)]*\)\s*[;.]?\s*$", "", text.strip())
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def nearest(train_texts: list[str], train_tags: list[list], texts: list[str]) -> list[list]:
    """Each text gets the tags of its most similar training text (TF-IDF cosine of word 1-2-grams)."""
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(train_texts)
    similarity = vectorizer.transform(texts) @ vectorizer.transform(train_texts).T
    best = np.asarray(similarity.argmax(axis=1)).ravel()
    return [list(train_tags[i]) for i in best]


def upr_info(shared: Path) -> tuple[list[str], list[list], list[list]]:
    """UPR Info's recommendations with issues, and the groups and goals the issues stand for."""
    table = cobs.read_upr_info(shared / "upr-info-export-2018")
    table = table[table["issues"].map(len) > 0]
    labels = [issue_labels(list(issues)) for issues in table["issues"]]
    return table["recommendation"].tolist(), [g for g, _ in labels], [s for _, s in labels]


def _row(name: str, scores: dict[str, tuple[float, float]]) -> str:
    cells = "".join(f"  {m:5.3f} {a:5.3f}    " if not np.isnan(m) else f"  {'':15s}" for m, a in scores.values())
    return f"  {name:48s}{cells}"


def upr_list(lists: dict[int, pd.DataFrame], upr: tuple[list[str], list[list], list[list]]) -> None:
    train_g = pd.concat([lists[2014], lists[2019]], ignore_index=True)
    train_s = lists[2019]
    test = lists[2025]
    texts = test["recommendation"].tolist()
    truth_g, truth_s = test["groups"].tolist(), test["sdgs"].tolist()
    seen = {_key(t) for t in pd.concat([train_g["recommendation"]])}
    repeated = np.array([_key(t) in seen for t in texts])
    common = Counter(g for row in train_g["groups"] for g in row if g != BLANKET).most_common(1)[0][0]

    start = time.perf_counter()
    group_model = GroupClassifier(random_state=0).fit(
        upr[0] + train_g["recommendation"].tolist() * UPR_WEIGHT, upr[1] + train_g["groups"].tolist() * UPR_WEIGHT)
    goal_model = GoalClassifier(random_state=0).fit(
        upr[0] + train_s["recommendation"].tolist() * UPR_WEIGHT, upr[2] + train_s["sdgs"].tolist() * UPR_WEIGHT)
    fitted = time.perf_counter() - start
    systems = {
        f"baseline: {common if len(common) < 30 else common[:26] + '...'}":
            ([[common]] * len(texts), [[10, 16]] * len(texts)),
        "nearest neighbour over the 2014/2019 lists": (
            nearest(train_g["recommendation"].tolist(), train_g["groups"].tolist(), texts),
            nearest(train_s["recommendation"].tolist(), train_s["sdgs"].tolist(), texts)),
        "cobs lexicons (cobs/data/group_terms.csv)": (
            [sorted(named_groups(t)) for t in texts],
            [sorted(worded_goals(t)[0] | cited_goals(t)[0]) for t in texts]),
        "GroupClassifier / GoalClassifier": (group_model.predict_labels(texts),
                                             [list(map(int, r)) for r in goal_model.predict_labels(texts)]),
    }
    print(f"\n1. OHCHR's 2025 list for Slovenia ({len(test)} recommendations; {int(repeated.sum())} repeat a "
          f"2014/2019 recommendation's words); fitted on the 2014/2019 lists ({len(train_g)} with groups, "
          f"{len(train_s)} with goals) and, for the classifiers, {len(upr[0]):,} UPR Info recommendations "
          f"(fitted in {fitted:.0f} s)")
    print(f"  F1, micro / macro\n  {'':48s}  {'groups':15s}  {'goals':15s}  {'groups with':15s}")
    print(f"  {'':48s}  {'(no PO)':15s}  {'':15s}  {'Public officials':15s}")
    for name, (groups, goals) in systems.items():
        print(_row(name, {"g": f1(_without(truth_g, BLANKET), _without(groups, BLANKET)), "s": f1(truth_s, goals),
                          "gp": f1(truth_g, groups)}))
    fresh = ~repeated
    if fresh.all():
        return
    print(f"  the same, on the {int(fresh.sum())} recommendations that repeat none of 2014/2019:")
    for name, (groups, goals) in systems.items():
        pick = lambda rows: [r for r, keep in zip(rows, fresh, strict=True) if keep]  # noqa: E731
        print(_row(name, {"g": f1(pick(_without(truth_g, BLANKET)), pick(_without(groups, BLANKET))),
                          "s": f1(pick(truth_s), pick(goals)), "gp": (float("nan"), float("nan"))}))


def _split(value: object) -> list[str]:
    return [v.strip() for v in str(value).split(";") if v.strip()] if isinstance(value, str) else []


def co_actions(shared: Path, lists: dict[int, pd.DataFrame], upr: tuple[list[str], list[list], list[list]],
               split: str) -> None:
    coded = pd.read_csv(CODED)
    coded = coded[coded["split"] == split]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cobs.corpus.CorpusWarning)
        crpd = cobs.read_corpus(shared / "crpd-dashboard-pdfs" / "concluding_observations", progress=False)
    kaz = cobs.read_document(ROOT / "corpus" / "CRC_C_KAZ_CO_4.txt").paragraphs
    table = pd.concat([kaz, crpd[crpd["symbol"].isin(set(coded["symbol"]))]], ignore_index=True)
    start = time.perf_counter()
    acts = cobs.measure(table)
    seconds = time.perf_counter() - start
    rows = coded.merge(acts, on="ref", how="left", suffixes=("", "_measured"))
    missing = rows["text"].isna().sum()
    if missing:
        raise SystemExit(f"bench_groups: {missing} coded actions not found by cobs.measure: "
                         f"{rows.loc[rows['text'].isna(), 'ref'].tolist()[:5]}")
    a = {"groups": [_split(v) for v in rows["groups_a"]], "sdgs": [list(map(int, _split(v))) for v in rows["sdgs_a"]],
         "sdg_targets": [_split(v) for v in rows["sdg_targets_a"]]}
    b = {"groups": [_split(v) for v in rows["groups_b"]], "sdgs": [list(map(int, _split(v))) for v in rows["sdgs_b"]],
         "sdg_targets": [_split(v) for v in rows["sdg_targets_b"]]}
    bases = [[base_group(c)] for c in rows["committee"]]
    texts = rows["text"].tolist()
    full = (rows["heading"].fillna("") + " " + rows["chapeau"].fillna("") + " " + rows["text"]).tolist()

    every = pd.concat(lists.values(), ignore_index=True)
    every_groups = [[g for g in row if g != BLANKET] if year == 2025 else row
                    for row, year in zip(every["groups"], [y for y, t in lists.items() for _ in range(len(t))],
                                         strict=True)]
    with_goals = pd.concat([lists[2019], lists[2025]], ignore_index=True)
    train_texts = every["recommendation"].tolist()
    group_model = GroupClassifier(random_state=0).fit(upr[0] + train_texts * UPR_WEIGHT,
                                                      upr[1] + every_groups * UPR_WEIGHT)
    goal_model = GoalClassifier(random_state=0).fit(upr[0] + with_goals["recommendation"].tolist() * UPR_WEIGHT,
                                                    upr[2] + with_goals["sdgs"].tolist() * UPR_WEIGHT)
    dev_targets = Counter(t for side in ("sdg_targets_a", "sdg_targets_b")
                          for v in pd.read_csv(CODED).query("split == 'dev'")[side] for t in _split(v))
    top_targets = sorted(t for t, _ in dev_targets.most_common(2))
    systems = {
        "baseline: base group; goals {10, 16}; targets": {
            "groups": bases, "sdgs": [[10, 16]] * len(rows), "sdg_targets": [top_targets] * len(rows)},
        "nearest neighbour over the lists (+ base group)": {
            "groups": [sorted(set(n) | set(b)) for n, b in zip(nearest(train_texts, every_groups, full), bases,
                                                               strict=True)],
            "sdgs": nearest(with_goals["recommendation"].tolist(), with_goals["sdgs"].tolist(), texts),
            "sdg_targets": None},
        "cobs.measure": {"groups": rows["groups"].tolist(), "sdgs": rows["sdgs"].tolist(),
                         "sdg_targets": rows["sdg_targets"].tolist()},
        "Group/GoalClassifier (+ base group)": {
            "groups": [sorted(set(p) | set(b)) for p, b in zip(group_model.predict_labels(full), bases, strict=True)],
            "sdgs": [list(map(int, r)) for r in goal_model.predict_labels(texts)], "sdg_targets": None},
    }
    n_crc = int((rows["committee"] == "CRC").sum())
    print(f"\n2. CO actions coded by two coders, {split} rows: {len(rows)} ({n_crc} of CRC/C/KAZ/CO/4, "
          f"{len(rows) - n_crc} CRPD); cobs.measure of their {table['symbol'].nunique()} COs took {seconds:.1f} s. "
          f"Targets baseline: the dev rows' two commonest, {top_targets}.")
    print(f"  F1 against coder A and coder B, micro / macro\n  {'':48s}" + "".join(
        f"  {name:^25s}" for name in ("groups", "goals", "targets")))
    print(f"  {'':48s}" + "  coder A      coder B    " * 3)
    for name, tags in systems.items():
        cells = ""
        for family in ("groups", "sdgs", "sdg_targets"):
            if tags[family] is None:
                cells += f"  {'(none)':^25s}"
                continue
            ma, aa = f1(a[family], tags[family])
            mb, ab = f1(b[family], tags[family])
            cells += f"  {ma:5.3f} {aa:5.3f}  {mb:5.3f} {ab:5.3f}"
        print(f"  {name:48s}{cells}")
    cells = ""
    for family in ("groups", "sdgs", "sdg_targets"):
        m, a_ = f1(a[family], b[family])
        cells += f"  {m:5.3f} {a_:5.3f}  {'':11s}"
    print(f"  {'coder B against coder A (their agreement)':48s}{cells}")


def main() -> None:
    parsed = shared_parser(__doc__)
    parsed.add_argument("--split", choices=("test", "dev"), default="test",
                        help="the coded CO rows to score: test (the final measurement) or dev (read while writing "
                             "the lexicons)")
    parsed.add_argument("--part", choices=("all", "list", "co"), default="all",
                        help="the evaluations to run: both, the 2025 list only, or the coded CO actions only")
    args = parsed.parse_args()
    docs = args.shared / "slovenia-upr-tracker" / "docs"
    if absent(docs, "bench_groups", "OHCHR's thematic lists") or absent(
            args.shared / "upr-info-export-2018", "bench_groups", "UPR Info's export"):
        raise SystemExit(2)
    lists = {year: read_thematic_list(docs / name) for year, name in LISTS.items()}
    start = time.perf_counter()
    upr = upr_info(args.shared)
    print(f"UPR Info: {len(upr[0]):,} recommendations with issues read in {time.perf_counter() - start:.1f} s")
    if args.part in ("all", "list"):
        upr_list(lists, upr)
    if args.part in ("all", "co"):
        co_actions(args.shared, lists, upr, args.split)


if __name__ == "__main__":
    main()

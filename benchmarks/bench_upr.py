"""Benchmark: cobs's classifiers against UPR Info's human labels.

Trains on UPR Info sessions 1-21 and tests on sessions 25-27 of the 2018 export in
../shared/data (sessions 22-24 are not in it): the action category on 25-27, the
issues on 25-26 (session 27 had not been coded for issues at export time).
Settings were chosen on sessions 19-21 held out from 1-18 (``--validation`` prints
that run); the test sessions were not used to choose anything.

UPR recommendations repeat (the same text from several States, or in several
sessions), so every test figure is also given without the test items whose text
(lowercased, punctuation and spacing ignored) occurs in the training sessions.

Run from the repository root::

    python benchmarks/bench_upr.py [--shared PATH] [--validation]
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
from _shared import absent
from _shared import parser as shared_parser
from sklearn.metrics import accuracy_score, f1_score
from sklearn.preprocessing import MultiLabelBinarizer

from cobs import ActionCategoryClassifier, IssueClassifier, read_upr_info

EXPORT = Path("upr-info-export-2018")
HALF_LIFE = 10.0  # sessions; chosen with the other settings on sessions 19-21


def _key(texts: pd.Series) -> pd.Series:
    return texts.str.lower().str.replace(r"[^a-z0-9]+", " ", regex=True).str.strip()


def _first_word_baseline(train: pd.DataFrame, test: pd.DataFrame) -> np.ndarray:
    """Each test item gets the commonest training category of its first word (else the commonest overall)."""
    first = lambda s: s.str.lower().str.extract(r"^\W*(\w+)", expand=False).fillna("")  # noqa: E731
    table = pd.DataFrame({"w": first(train["recommendation"]), "a": train["action"].astype(int)})
    by_word = table.groupby("w")["a"].agg(lambda s: s.value_counts().index[0])
    fallback = int(table["a"].value_counts().index[0])
    return first(test["recommendation"]).map(by_word).fillna(fallback).astype(int).to_numpy()


def recency_weights(sessions: pd.Series, *, half_life: float = HALF_LIFE) -> np.ndarray:
    """Weight 1 for the latest training session, halving every ``half_life`` sessions back.

    UPR Info's coding drifts ("Revise" was mostly category 3 up to session 18, mostly 5
    from session 19), so recent sessions say more about how later ones are coded.
    """
    values = sessions.astype(float).to_numpy()
    return 2.0 ** ((values - np.nanmax(values)) / half_life)


def _action(train: pd.DataFrame, test: pd.DataFrame, seen: np.ndarray) -> None:
    y_train, y_test = train["action"].astype(int), test["action"].astype(int).to_numpy()
    start = time.perf_counter()
    model = ActionCategoryClassifier(random_state=0).fit(train["recommendation"], y_train,
                                                         sample_weight=recency_weights(train["session"]))
    seconds = time.perf_counter() - start
    predicted = model.predict(test["recommendation"])
    unweighted = ActionCategoryClassifier(random_state=0).fit(train["recommendation"], y_train)
    plain = unweighted.predict(test["recommendation"])
    baseline = _first_word_baseline(train, test)
    print(f"\nAction category (1-5): trained in {seconds:.1f} s on {len(train):,} recommendations "
          f"(weighted by recency, half-life {HALF_LIFE:g} sessions)")
    print(f"  {'':34s} {'items':>6s} {'accuracy':>9s} {'macro-F1':>9s} {'weighted-F1':>12s}")
    everything = np.ones(len(test), bool)
    for name, pred, mask in [
        ("all test items", predicted, everything),
        ("without duplicates of training", predicted, ~seen),
        ("only duplicates of training", predicted, seen),
        ("no recency weights, all items", plain, everything),
        ("no recency weights, no duplicates", plain, ~seen),
        ("first-word baseline, all items", baseline, everything),
    ]:
        t, p = y_test[mask], pred[mask]
        print(f"  {name:34s} {mask.sum():6,d} {accuracy_score(t, p):9.4f} {f1_score(t, p, average='macro'):9.4f} "
              f"{f1_score(t, p, average='weighted'):12.4f}")
    per_class = f1_score(y_test, predicted, average=None, labels=[1, 2, 3, 4, 5])
    shown = "  ".join(f"{k}: {v:.3f}" for k, v in zip(range(1, 6), per_class, strict=True))
    print("  F1 per category (all items):", shown)


def _issues(train: pd.DataFrame, test: pd.DataFrame, seen: np.ndarray) -> None:
    start = time.perf_counter()
    model = IssueClassifier(random_state=0).fit(train["recommendation"], train["issues"])
    seconds = time.perf_counter() - start
    binarizer = MultiLabelBinarizer(classes=model.classes_).fit([])
    unknown = sorted({i for issues in test["issues"] for i in issues} - set(model.classes_))
    truth = binarizer.transform([[i for i in issues if i in set(model.classes_)] for issues in test["issues"]])
    predicted = model.predict(test["recommendation"])
    print(f"\nIssues ({len(model.classes_)} labels, multi-label): trained in {seconds:.1f} s on {len(train):,} "
          "recommendations")
    if unknown:
        print(f"  labels in the test sessions but not in training (counted as missed): {unknown}")
    print(f"  {'':34s} {'items':>6s} {'micro-F1':>9s} {'macro-F1':>9s} {'samples-F1':>11s}")
    for name, mask in [("all test items", np.ones(len(test), bool)), ("without duplicates of training", ~seen),
                       ("only duplicates of training", seen)]:
        t, p = truth[mask], predicted[mask]
        print(f"  {name:34s} {mask.sum():6,d} {f1_score(t, p, average='micro'):9.4f} "
              f"{f1_score(t, p, average='macro', zero_division=0):9.4f} "
              f"{f1_score(t, p, average='samples', zero_division=0):11.4f}")
    at_half = (model.predict_proba(test["recommendation"]) >= 0.5).astype(int)
    print(f"  same model, threshold 0.5 for every label: micro-F1 {f1_score(truth, at_half, average='micro'):.4f}, "
          f"macro-F1 {f1_score(truth, at_half, average='macro', zero_division=0):.4f}")


def run(table: pd.DataFrame, train_sessions: tuple[int, int], test_sessions: tuple[int, int]) -> None:
    session = table["session"]
    train = table[session.between(*train_sessions).fillna(False).to_numpy()].reset_index(drop=True)
    test = table[session.between(*test_sessions).fillna(False).to_numpy()].reset_index(drop=True)
    train_keys = set(_key(train["recommendation"]))
    print(f"\n=== train: sessions {train_sessions[0]}-{train_sessions[1]} ({len(train):,} recommendations); "
          f"test: sessions {test_sessions[0]}-{test_sessions[1]} ({len(test):,}) ===")
    seen = _key(test["recommendation"]).isin(train_keys).to_numpy()
    print(f"test items whose text occurs in training: {seen.sum():,} of {len(test):,}")
    _action(train, test, seen)
    labelled_train = train[train["issues"].str.len() > 0].reset_index(drop=True)
    labelled_test = test[test["issues"].str.len() > 0].reset_index(drop=True)
    print(f"\nissue labels: {len(labelled_train):,} training and {len(labelled_test):,} test recommendations carry "
          f"them ({len(test) - len(labelled_test):,} test items unlabelled, left out)")
    seen_labelled = _key(labelled_test["recommendation"]).isin(train_keys).to_numpy()
    _issues(labelled_train, labelled_test, seen_labelled)


def main(argv: list[str] | None = None) -> int:
    parser = shared_parser(__doc__)
    parser.add_argument("--validation", action="store_true",
                        help="also print the run that chose the settings (train 1-18, test 19-21)")
    args = parser.parse_args(argv)
    folder = args.shared / EXPORT
    if absent(folder, "bench_upr", "the UPR Info 2018 export"):
        return 2
    start = time.perf_counter()
    table = read_upr_info(folder)
    print(f"read {len(table):,} recommendations from {folder} in {time.perf_counter() - start:.1f} s")
    if args.validation:
        run(table, (1, 18), (19, 21))
    run(table, (1, 21), (25, 27))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

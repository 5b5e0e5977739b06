"""The action-category measure validated on CO text: agreement with two coders on 220 hand-coded CO actions.

Usage: python benchmarks/bench_validate_co.py [--split test|dev|all] [--cluster] [--no-classifier] [--shared PATH]

tests/data/co_actions_coded.csv (see tests/data/README.md) codes 220 actions of
concluding observations with UPR Info's action category 1-5, twice (coders A and B):
all 79 of CRC/C/KAZ/CO/4 (corpus/) and 141 from the English CRPD COs of ../shared.
This script measures those documents with cobs.measure, joins the codings on ``ref``
and prints, for the coders against each other and for each measure against each
coder: the items compared (those both label) and the measure's coverage, percent
agreement, Cohen's kappa and Krippendorff's alpha (nominal, and ordinal since the
categories are ordered), each with a 95 % percentile bootstrap interval
(cobs.reliability, 2,000 resamples of the items, seed 0; ``--cluster`` resamples
whole COs instead).

The measures: ``action_category`` as cobs.measure gives it (the verb lexicon and UPR
Info's principles, cobs/data/action_rules.csv); the verb alone (the lexicon looked up
with ``action_verb``, without the principles: the rule before they were added, with
today's lexicon); the rules with "take measures to V" read as V (``purpose=True``: the
coders' reading, not UPR Info's: see the README); and the ActionCategoryClassifier trained on UPR Info sessions 1-21 as
benchmarks/bench_upr.py trains it (on the ``action`` text, the request where there is
none). The ``dev`` split (71 rows) may be read while developing a measure; ``test``
(149 rows, the default) is for measuring once.
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from _shared import CRPD_PDFS, absent
from _shared import parser as shared_parser

import cobs
from cobs.corpus import CorpusWarning
from cobs.measures.strings import action_category, action_category_of

ROOT = Path(__file__).resolve().parents[1]
CODED = ROOT / "tests" / "data" / "co_actions_coded.csv"
SEED = ROOT / "corpus" / "CRC_C_KAZ_CO_4.txt"
UPR_EXPORT = Path("upr-info-export-2018")
COEFFICIENTS = ["observed", "kappa", "alpha_nominal", "alpha_ordinal"]
N_RESAMPLES = 2000


def documents(coded: pd.DataFrame, folder: Path) -> list[Path]:
    """The file of each document coded: the seed for CRC/C/KAZ/CO/4, else the CRPD PDF named by the symbol."""
    paths = []
    for symbol in sorted(coded["symbol"].unique()):
        if symbol == "CRC/C/KAZ/CO/4":
            paths.append(SEED)
            continue
        found = sorted(folder.glob(f"*_{symbol.replace('/', '_')}.pdf"))
        if len(found) != 1:
            raise SystemExit(f"bench_validate_co: {symbol}: expected one PDF in {folder}, found {len(found)}")
        paths.append(found[0])
    return paths


def measured_rows(coded: pd.DataFrame, folder: Path) -> pd.DataFrame:
    """The coded rows joined on ``ref`` with the measured actions of their documents (every coded row kept)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        table = cobs.read_corpus(documents(coded, folder), progress=False)
    acts = cobs.measure(table)
    joined = coded.merge(acts.drop(columns=["symbol", "committee", "year"]), on="ref", how="left",
                         validate="one_to_one")
    if joined["clause"].isna().any():
        missing = joined.loc[joined["clause"].isna(), "ref"].tolist()
        raise SystemExit(f"bench_validate_co: cobs.measure no longer gives the actions {missing[:5]} ...: the coded "
                         "refs must exist for the join")
    return joined


def classifier_categories(rows: pd.DataFrame, shared: Path) -> pd.Series | None:
    """The ActionCategoryClassifier's category of each row, trained on UPR Info sessions 1-21 (None without them)."""
    from bench_upr import recency_weights

    folder = shared / UPR_EXPORT
    if not folder.is_dir():
        print(f"(no classifier row: {folder} is absent)")
        return None
    upr = cobs.read_upr_info(folder)
    train = upr[upr["session"].between(1, 21) & upr["action"].notna()].reset_index(drop=True)
    start = time.perf_counter()
    model = cobs.ActionCategoryClassifier(random_state=0).fit(
        train["recommendation"], train["action"].astype(int), sample_weight=recency_weights(train["session"]))
    texts = rows["action"].fillna(rows["request"]).astype(str)
    print(f"(classifier trained on {len(train):,} UPR Info recommendations, sessions 1-21, in "
          f"{time.perf_counter() - start:.0f} s)")
    return pd.Series(model.predict(texts), index=rows.index)


def comparisons(rows: pd.DataFrame, measures: dict[str, pd.Series], *, cluster: bool) -> pd.DataFrame:
    """One row per comparison (coders, each measure against each coder) and coefficient."""
    pairs = [("coder A vs coder B", rows["action_category_a"], rows["action_category_b"])]
    for name, values in measures.items():
        for coder in ("a", "b"):
            pairs.append((f"{name} vs coder {coder.upper()}", values, rows[f"action_category_{coder}"]))
    frames = []
    for name, first, second in pairs:
        result = cobs.reliability(
            first.astype("Int64"), second.astype("Int64"), labels=[1, 2, 3, 4, 5], metric=["nominal", "ordinal"],
            cluster=rows["symbol"] if cluster else None, n_resamples=N_RESAMPLES, random_state=0)
        frames.append(result.to_frame().assign(comparison=name))
    return pd.concat(frames, ignore_index=True)


def _kappa(first: np.ndarray, second: np.ndarray) -> float:
    """Cohen's kappa of two codings with labels 0-5 (0: none)."""
    table = np.bincount(first * 6 + second, minlength=36).reshape(6, 6) / len(first)
    chance = table.sum(axis=1) @ table.sum(axis=0)
    return (np.trace(table) - chance) / (1 - chance) if chance < 1 else np.nan


def differences(rows: pd.DataFrame, measures: dict[str, pd.Series], *, cluster: bool) -> pd.DataFrame:
    """The measure's agreement and kappa minus another's, against each coder, with a paired bootstrap interval.

    The same resamples of the items (or COs) for both, on the items both label; an
    unlabelled item counts as a disagreement here, so coverage is part of the difference.
    """
    rng = np.random.RandomState(0)
    groups = pd.factorize(rows["symbol"] if cluster else pd.Series(range(len(rows))))[0]
    draws = [np.concatenate([np.flatnonzero(groups == g) for g in rng.randint(0, groups.max() + 1, groups.max() + 1)])
             for _ in range(N_RESAMPLES)]
    out = []
    base = measures["measure"].astype("Int64").fillna(0).to_numpy(dtype=int)
    for name, values in measures.items():
        if name == "measure":
            continue
        other = values.astype("Int64").fillna(0).to_numpy(dtype=int)
        for coder in ("a", "b"):
            truth = rows[f"action_category_{coder}"].to_numpy(dtype=int)

            def gap(index: np.ndarray, other: np.ndarray = other, truth: np.ndarray = truth) -> tuple[float, float]:
                t, m, o = truth[index], base[index], other[index]
                return (m == t).mean() - (o == t).mean(), _kappa(t, m) - _kappa(t, o)

            estimate = gap(np.arange(len(rows)))
            boot = np.array([gap(index) for index in draws])
            low, high = np.nanquantile(boot, [0.025, 0.975], axis=0)
            out.append({"comparison": f"measure minus {name}, vs coder {coder.upper()}",
                        "agreement": f"{estimate[0]:+.3f} [{low[0]:+.2f}, {high[0]:+.2f}]",
                        "kappa": f"{estimate[1]:+.3f} [{low[1]:+.2f}, {high[1]:+.2f}]"})
    return pd.DataFrame(out).set_index("comparison")


def show(table: pd.DataFrame) -> str:
    """The comparisons as printed: estimate [interval] for each coefficient."""
    cell = table.assign(text=[f"{e:.3f} [{lo:.2f}, {hi:.2f}]"
                              for e, lo, hi in zip(table["estimate"], table["ci_low"], table["ci_high"], strict=True)])
    wide = cell.pivot(index="comparison", columns="coefficient", values="text")[COEFFICIENTS]
    wide = wide.reindex(pd.unique(table["comparison"]))
    sizes = table.groupby("comparison", sort=False)[["items", "coverage"]].first()
    wide.insert(0, "coverage", sizes["coverage"].map("{:.3f}".format))
    wide.insert(0, "items", sizes["items"])
    return wide.rename(columns={"observed": "agreement"}).to_string()


def main(argv: list[str] | None = None) -> int:
    parser = shared_parser(__doc__)
    parser.add_argument("--split", choices=["test", "dev", "all"], default="test",
                        help="the coded rows to measure on (test: the held-out 149; dev: the 71 developers read)")
    parser.add_argument("--cluster", action="store_true", help="resample whole COs for the intervals, not items")
    parser.add_argument("--no-classifier", action="store_true", help="leave out the classifier (saves ~20 s)")
    args = parser.parse_args(argv)
    folder = args.shared / CRPD_PDFS
    if absent(folder, "bench_validate_co", "the CRPD COs (141 of the 220 coded actions are theirs)"):
        return 2
    coded = pd.read_csv(CODED)
    start = time.perf_counter()
    rows = measured_rows(coded, folder)
    print(f"measured {rows['symbol'].nunique()} documents and joined {len(rows)} coded actions in "
          f"{time.perf_counter() - start:.1f} s")
    if args.split != "all":
        rows = rows[rows["split"] == args.split].reset_index(drop=True)
    measures = {
        "measure": rows["action_category"],
        "verb alone": rows["action_verb"].map(lambda v: action_category(v) if isinstance(v, str) else None),
        "take measures to V as V": pd.Series(
            [action_category_of(r, chapeau=c if isinstance(c, str) else None, purpose=True)
             for r, c in zip(rows["request"], rows["chapeau"], strict=True)], index=rows.index),
    }
    if not args.no_classifier:
        predicted = classifier_categories(rows, args.shared)
        if predicted is not None:
            measures["classifier"] = predicted
    table = comparisons(rows, measures, cluster=args.cluster)
    unit = "COs" if args.cluster else "items"
    print(f"\n{args.split} split: {len(rows)} coded CO actions ({rows['symbol'].nunique()} COs); 95 % intervals from "
          f"{N_RESAMPLES:,} bootstrap resamples of the {unit} (seed 0); coefficients on the items both label")
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(show(table))
    print("\ndifferences on all the rows (an item without a category counts as a disagreement), paired bootstrap:")
    print(differences(rows, measures, cluster=args.cluster).to_string())
    print("\nthe measure (columns; 0: none) against coder A (rows):")
    print(cobs.confusion_table(rows["action_category_a"], rows["action_category"].astype("Int64").fillna(0),
                               labels=[1, 2, 3, 4, 5, 0]).to_string())
    wrong = rows["action_category"].isna() | (rows["action_category"] != rows["action_category_a"])
    print(f"\nthe measure leaves {int(rows['action_category'].isna().sum())} of {len(rows)} without a category and "
          f"differs from coder A on {int(wrong.sum() - rows['action_category'].isna().sum())} of the others")
    if args.split == "dev":  # the dev rows may be read: where the measure and the coders part
        shown = rows.loc[wrong, ["item", "action_category_a", "action_category_b", "action_category", "action_verb"]]
        print(shown.assign(action=rows.loc[wrong, "action"].fillna(rows["request"]).str[:90]).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

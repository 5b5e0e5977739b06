"""How well ``cobs.compare.align`` agrees with hand-read gold, against a tuned TF-IDF baseline, and how fast it is.

    python benchmarks/bench_align.py           # figures with the defaults
    python benchmarks/bench_align.py --grid    # also re-run the searches that chose the defaults

Gold: ``tests/data/align_gold.csv`` (four CRPD cycle pairs read by hand: MEX and SWE to tune,
NZL and AZE held out) and ``tests/data/upr_gold.csv`` (CRC/C/KAZ/CO/4 against Kazakhstan's 327
UPR recommendations); ``tests/data/README.md`` says how they were read.

Baseline (between COs): scikit-learn's ``TfidfVectorizer(stop_words="english")`` on the
recommendation paragraphs' texts; each later paragraph is linked to its most similar earlier
one when the cosine reaches a threshold, tuned on the tuning pairs (best link F1); a later
paragraph without a link is "new". Baseline (CO and UPR): the same vectoriser on the CO's
items and the UPR recommendations; every pair at or above a threshold tuned on the answers.

The MEX and SWE PDFs and the timing over all CRPD pairs need ../shared/data; without it the
held-out pairs (bundled in corpus/) and the UPR figures are still printed.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

import cobs
from cobs.compare import align, alignment_scores, chain, upr_recommendations
from cobs.compare._align import AlignOptions, link_units
from cobs.compare._units import units

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "crpd-dashboard-pdfs" / "concluding_observations"
CORPUS = ROOT / "corpus"
PAIRS = {
    "MEX": (SHARED / "Mexico_2014_CRPD_C_MEX_CO_1.pdf", SHARED / "Mexico_2022_CRPD_C_MEX_CO_2-3.pdf"),
    "SWE": (SHARED / "Sweden_2014_CRPD_C_SWE_CO_1.pdf", SHARED / "Sweden_2024_CRPD_C_SWE_CO_2-3.pdf"),
    "NZL": (CORPUS / "CRPD_C_NZL_CO_1.pdf", CORPUS / "CRPD_C_NZL_CO_2-3.pdf"),
    "AZE": (CORPUS / "CRPD_C_AZE_CO_1.pdf", CORPUS / "CRPD_C_AZE_CO_2-3.pdf"),
}
SPLITS = {"tuning": ["MEX", "SWE"], "held-out": ["NZL", "AZE"]}


def _baseline(early: pd.DataFrame, late: pd.DataFrame, threshold: float) -> pd.DataFrame:
    vectors = TfidfVectorizer(stop_words="english").fit(early["text"].tolist() + late["text"].tolist())
    cosine = (vectors.transform(late["text"]) @ vectors.transform(early["text"]).T).toarray()
    rows = []
    for i, para in enumerate(late["para"]):
        j = int(cosine[i].argmax()) if cosine.shape[1] else -1
        if j >= 0 and cosine[i, j] >= threshold:
            rows.append({"later_para": para, "earlier_para": early["para"].iat[j], "status": "repeated"})
        else:
            rows.append({"later_para": para, "earlier_para": None, "status": "new"})
    return pd.DataFrame(rows)


def _figures(scores: pd.Series, status: bool = True) -> str:
    agreement = f"{scores.status_agreement:.2f}" if status else "-"  # the baseline says nothing of it
    return (f"link P {scores.link_precision:.2f} R {scores.link_recall:.2f} F1 {scores.link_f1:.2f}"
            f" | new F1 {scores.new_f1:.2f} | status (repeated/modified) agreement {agreement}")


def between_cos(grid: bool) -> None:
    gold = pd.read_csv(ROOT / "tests" / "data" / "align_gold.csv", dtype=str, keep_default_na=False)
    available = {k: v for k, v in PAIRS.items() if v[0].exists() and v[1].exists()}
    counts = gold.groupby("split")["status"].value_counts().unstack(fill_value=0)
    print("Gold (tests/data/align_gold.csv):")
    print(counts.to_string())
    tables = {}
    for pair, (earlier, later) in available.items():
        early = cobs.read_document(earlier).paragraphs
        late = cobs.read_document(later).paragraphs
        tables[pair] = (early, late)
    unit_tables = {pair: (units(cobs.measure(e), e), units(cobs.measure(lt), lt)) for pair, (e, lt) in tables.items()}
    tuning = [p for p in SPLITS["tuning"] if p in tables]
    if tuning:
        best = max(np.round(np.arange(0.05, 0.8, 0.01), 2), key=lambda t: alignment_scores(
            pd.concat([_baseline(*unit_tables[p], t) for p in tuning]),
            gold[gold["pair"].isin(tuning)].drop(columns=["earlier_symbol", "later_symbol"])).link_f1)
    else:
        best = 0.21  # chosen on the tuning pairs when ../shared was at hand
        print("(../shared absent: the tuning pairs are skipped; baseline threshold 0.21 as chosen on them)")
    print(f"\nBaseline threshold (tuned on {', '.join(tuning) or 'MEX, SWE'}): {best}")
    for split, pairs in SPLITS.items():
        pairs = [p for p in pairs if p in tables]
        if not pairs:
            continue
        truth = gold[gold["pair"].isin(pairs)]
        mine = alignment_scores(pd.concat([align(*tables[p]) for p in pairs]), truth)
        base = alignment_scores(pd.concat([_baseline(*unit_tables[p], best) for p in pairs]),
                                truth.drop(columns=["earlier_symbol", "later_symbol"]))
        print(f"{split:9} ({', '.join(pairs)}; {int(mine['links_gold'])} links, {int(mine['new_gold'])} new):")
        print(f"  baseline TF-IDF cosine   {_figures(base, status=False)}")
        print(f"  cobs.compare.align       {_figures(mine)}")
        for pair in pairs:
            print(f"    {pair}: {_figures(alignment_scores(align(*tables[pair]), truth[truth['pair'] == pair]))}")
    if grid and tuning:
        print("\nGrid search on the tuning pairs (context, theme_bonus, threshold, threshold_many):")
        results = []
        for context in (False, True):
            cut = {p: (units(cobs.measure(tables[p][0]), tables[p][0], context=context),
                       units(cobs.measure(tables[p][1]), tables[p][1], context=context)) for p in tuning}
            for bonus in (0.0, 0.1, 0.15, 0.2, 0.25, 0.3):
                for threshold in np.round(np.arange(0.2, 0.5, 0.025), 3):
                    for many in (0.35, 0.4, 0.5, 0.6, float("inf")):
                        options = AlignOptions(context=context, theme_bonus=bonus, threshold=threshold,
                                               threshold_many=many).resolved("co")
                        links = pd.concat([link_units(*cut[p], options) for p in tuning])
                        s = alignment_scores(links, gold[gold["pair"].isin(tuning)])
                        results.append((s.link_f1 + s.new_f1, context, bonus, threshold, many, s.link_f1,
                                        s.new_f1))
        for row in sorted(results, reverse=True)[:8]:
            print(f"  link+new {row[0]:.3f}: context={row[1]} theme_bonus={row[2]} threshold={row[3]} "
                  f"threshold_many={row[4]} (link F1 {row[5]:.3f}, new F1 {row[6]:.3f})")


def with_the_upr(grid: bool) -> None:
    gold = pd.read_csv(ROOT / "tests" / "data" / "upr_gold.csv", dtype=str, keep_default_na=False)
    seed = cobs.read_document(CORPUS / "CRC_C_KAZ_CO_4.txt")
    upr = upr_recommendations(CORPUS / "upr" / "upr_info_kazakhstan.csv")
    row_of = {ref: k + 1 for k, ref in enumerate(upr["ref"])}
    sample = {(int(p), s) for p, s in zip(gold["co_para"], gold["co_sub"], strict=True)}
    truth: dict[tuple, str] = {}
    for r in gold[gold["grade"] != "none"].itertuples():
        key = (int(r.co_para), r.co_sub, int(r.upr_row))
        truth[key] = "same" if "same" in (truth.get(key), r.grade) else "overlapping"
    paras = sorted({int(p) for p in gold["co_para"]})

    def score(found: dict[tuple, str], keep=lambda para: True) -> tuple[np.ndarray, int]:
        found = {k: v for k, v in found.items() if k[:2] in sample and keep(k[0])}
        wanted = {k: v for k, v in truth.items() if keep(k[0])}
        tp = len(found.keys() & wanted.keys())
        agree = sum(found[k] == wanted[k] for k in found.keys() & wanted.keys())
        return np.array([tp, len(found) - tp, len(wanted) - tp]), agree

    def f1(c: np.ndarray) -> float:
        return 2 * c[0] / (2 * c[0] + c[1] + c[2]) if c[0] else 0.0

    def line(c: np.ndarray) -> str:
        return f"P {c[0] / max(c[0] + c[1], 1):.2f} R {c[0] / max(c[0] + c[2], 1):.2f} F1 {f1(c):.2f}"

    acts = cobs.measure(seed.paragraphs)
    co_units = units(acts, seed.paragraphs, unit="item", context=True)
    upr_units = {s: units(upr[upr["session"] == s], None, unit="item") for s in (7, 20)}

    def mine(**options: float) -> dict[tuple, str]:
        resolved = AlignOptions(**options).resolved("upr")
        links = pd.concat([link_units(upr_units[s], co_units, resolved) for s in (7, 20)])
        linked = links[links["status"].isin(["repeated", "modified"])]
        return {(int(r.later_para), r.later_sub, row_of[r.earlier_ref]): r.grade for r in linked.itertuples()}

    plain = units(acts, None, unit="item")
    vectors = TfidfVectorizer(stop_words="english").fit(plain["text"].tolist() + upr["text"].tolist())
    cosine = (vectors.transform(plain["text"]) @ vectors.transform(upr["text"]).T).toarray()

    def baseline(threshold: float) -> dict[tuple, str]:
        return {(int(plain["para"].iat[i]), plain["sub"].iat[i], j + 1): "overlapping"
                for i, j in zip(*np.nonzero(cosine >= threshold), strict=True)}

    base_grid = [(t,) for t in np.round(np.arange(0.05, 0.9, 0.01), 2)]
    mine_grid = [dict(threshold=t, theme_bonus=b, instrument_bonus=i, best_share=r)
                 for t in np.round(np.arange(0.26, 0.52, 0.02), 2) for b in (0.2, 0.3, 0.4, 0.5)
                 for i in (0.0, 0.2) for r in (0.0, 0.7, 0.8, 0.9)]
    n_same = sum(v == "same" for v in truth.values())
    print(f"\nCO and UPR (tests/data/upr_gold.csv): {len(sample)} items of CRC/C/KAZ/CO/4 (all but the "
          f"implementation cluster) x 327 UPR recommendations; {len(truth)} links ({n_same} same, "
          f"{len(truth) - n_same} overlapping)")
    best_base = max(base_grid, key=lambda g: f1(score(baseline(*g))[0]))
    counts, _ = score(baseline(*best_base))
    print(f"  baseline TF-IDF cosine, threshold tuned on the answers ({best_base[0]}):  {line(counts)}")
    counts, agree = score(mine())
    print(f"  cobs.compare.align with its defaults (chosen on the answers):     {line(counts)}; "
          f"grade agrees on {agree / max(counts[0], 1):.0%} of the links found")
    folds = [lambda p, k=k: paras.index(p) % 2 == k for k in (0, 1)]
    for name, make, options in (("baseline", lambda g: baseline(*g), base_grid), ("align", lambda g: mine(**g),
                                                                                  mine_grid if grid else None)):
        if options is None:
            print("  align, two-fold cross-validation by paragraph: 0.37 (P 0.27, R 0.58) when measured with --grid")
            continue
        total = np.zeros(3)
        for k in (0, 1):
            chosen = max(options, key=lambda g: f1(score(make(g), folds[k])[0]))
            total += score(make(chosen), folds[1 - k])[0]
        print(f"  {name}, two-fold cross-validation by paragraph (tuned on one half, scored on the other): "
              f"{line(total)}")


def timings() -> None:
    if not SHARED.exists():
        print("\n(../shared absent: no timing over the CRPD corpus)")
        return
    print(f"\nTimings on this machine ({_cores()} cores; load average {_load()}):")
    start = time.perf_counter()
    table = cobs.read_corpus(SHARED, n_jobs=2)
    first = time.perf_counter() - start
    start = time.perf_counter()
    table = cobs.read_corpus(SHARED, n_jobs=2)
    again = time.perf_counter() - start
    pairs = table.groupby("state")["symbol"].nunique()
    print(f"  read_corpus: {first:.1f} s (cold if the reader changed since the cache was written), {again:.1f} s "
          f"again (cached); {table['symbol'].nunique()} documents, {int((pairs - 1).clip(lower=0).sum())} cycle pairs")
    for n_jobs in (None, 2):
        start = time.perf_counter()
        links = chain(table, n_jobs=n_jobs)
        print(f"  chain(table, n_jobs={n_jobs}): every CRPD cycle pair aligned in {time.perf_counter() - start:.1f} s "
              f"({links[['state', 'step']].drop_duplicates().shape[0]} pairs, {len(links)} rows)")


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid", action="store_true", help="re-run the searches that chose the defaults")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    between_cos(args.grid)
    with_the_upr(args.grid)
    timings()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Issue 17's "before" figures again, next to what keyness and change give now, on the CRPD COs of ../shared.

    python benchmarks/bench_inference.py [--halves 10] [--placebos 100]

1. Keyness where no term should be distinctive: the 25 CRPD COs adopted in 2014-2016 split into two
   random halves (seeds 0, 1, ...): the terms at p < 0.05 and p < 0.001 the way keyness counted before
   (no correction, no dispersion minimum, State names kept: ``correction="none", min_paragraphs=1,
   names=True``; hyphenated words are whole in both) and the terms at q < 0.05 with the defaults.
2. CRPD/C/AZE/CO/2-3 against the other COs: before (all other COs, as before) and with the defaults
   (the COs of 2022-2026, names out, two paragraphs at least): terms at p < 0.05, q < 0.05 and Bonferroni
   p < 0.05, and how many of the top 30 by G2 occur in one paragraph of the CO.
3. The placebo of cobs.compare.change: pairs of other States' COs of 2014-2016 and 2022-2024 put in a
   State's place; the share of 95 % intervals that cover 0 (strength levels and groups, specificity,
   time_bound), against the naive interval a regression of the actions with standard errors clustered by
   CO gives (the State's one CO per period has a zero residual there).
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
from _shared import CRPD_PDFS, absent, crpd_actions, parser

import cobs
import cobs.compare
from cobs.stats import regress

PLACEBO = ["strength", "strength_group", "specificity", "time_bound"]


def _recommendations(folder) -> tuple[pd.DataFrame, pd.DataFrame]:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = cobs.read_corpus(folder)
    return table, table[table["kind"] == "recommendation"]


def keyness_null(recommendations: pd.DataFrame, halves: int) -> None:
    period = recommendations[recommendations["year"].between(2014, 2016)]
    symbols = np.array(sorted(period["symbol"].unique()))
    print(f"1. keyness on random halves of the {len(symbols)} CRPD COs of 2014-2016 (no term should be distinctive)")
    print("   seed  terms before  p<.05 before  p<.001 before | terms now  p<.05 now  q<.05 now  Bonferroni<.05")
    for seed in range(halves):
        chosen = np.random.RandomState(seed).permutation(symbols)[: len(symbols) // 2]
        a, b = period[period["symbol"].isin(chosen)], period[~period["symbol"].isin(chosen)]
        before = cobs.compare.keyness(a, b, correction="none", min_paragraphs=1, names=True, window=None)
        now = cobs.compare.keyness(a, b)
        print(f"   {seed:>4}  {len(before):>12,}  {(before['p_value'] < 0.05).sum():>12}  "
              f"{(before['p_value'] < 0.001).sum():>13} | {len(now):>9,}  {(now['p_value'] < 0.05).sum():>9}  "
              f"{(now['q_value'] < 0.05).sum():>9}  {(now['p_bonferroni'] < 0.05).sum():>14}")


def keyness_azerbaijan(recommendations: pd.DataFrame) -> None:
    focus = "CRPD/C/AZE/CO/2-3"
    target, rest = recommendations[recommendations["symbol"] == focus], recommendations[
        recommendations["symbol"] != focus]
    print(f"\n2. {focus} against the other COs")
    for label, table in (("before (all 111 others, names kept)", cobs.compare.keyness(
            target, rest, correction="none", min_paragraphs=1, names=True, window=None)),
                         ("now (defaults)", cobs.compare.keyness(target, rest))):
        top = table[table["direction"] == "target"].head(30)
        print(f"   {label}: {len(table):,} terms, {(table['p_value'] < 0.05).sum()} at p < .05, "
              f"{(table['q_value'] < 0.05).sum()} at q < .05, {(table['p_bonferroni'] < 0.05).sum()} Bonferroni; "
              f"of its top 30, {(top['target_paragraphs'] == 1).sum()} in one paragraph; reference "
              f"{len(table.attrs['reference_symbols'])} COs")
        print(f"     top 10: {', '.join(top['term'].head(10))}")


def _naive(placebo: pd.DataFrame, earlier: str, later: str, years: tuple[int, int]) -> pd.DataFrame:
    """The naive difference in differences: actions regressed on period and the State's two COs, CO-clustered."""
    rows = placebo[placebo["symbol"].isin([earlier, later]) | ((placebo["state"] != "PLACEBO") & (
        (placebo["year"] - years[0]).abs().le(1) | (placebo["year"] - years[1]).abs().le(1)))].copy()
    rows["period"] = np.where((rows["year"] - years[1]).abs() <= 1, "later", "earlier")
    rows["s_earlier"] = rows["symbol"] == earlier
    rows["s_later"] = rows["symbol"] == later
    rows["weight"] = 1 / rows.groupby("symbol")["symbol"].transform("size")
    outcomes = []
    for level in ("urges", "recommends", "calls upon"):
        rows[level] = (rows["strength"] == level).fillna(False).astype(float)
        outcomes.append(level)
    fit = regress(rows, outcomes, ["period", "s_earlier", "s_later"], weights="weight")
    out = []
    for model, level in zip(fit.model, outcomes, strict=True):
        params, cov = np.asarray(model.params), np.asarray(model.cov_params())
        contrast = np.zeros(len(params))
        contrast[-1], contrast[-2] = 1, -1
        d = contrast @ params
        se = float(np.sqrt(max(contrast @ cov @ contrast, 0)))
        out.append({"category": level, "covered": abs(d) <= 1.96 * se})
    return pd.DataFrame(out)


def change_placebo(actions: pd.DataFrame, placebos: int) -> None:
    docs = actions.drop_duplicates("symbol")[["symbol", "state", "year"]]
    early = docs[docs["year"].between(2014, 2016)].sort_values("symbol")
    late = docs[docs["year"].between(2022, 2024)].sort_values("symbol")
    rng = np.random.RandomState(0)
    covered, naive, started = [], [], time.perf_counter()
    while len(covered) < placebos:
        a, b = early.iloc[rng.randint(len(early))], late.iloc[rng.randint(len(late))]
        if a["state"] == b["state"]:
            continue
        placebo = actions.copy()
        placebo["state"] = placebo["state"].astype(object).where(~placebo["symbol"].isin([a["symbol"], b["symbol"]]),
                                                                 "PLACEBO")
        frame = cobs.compare.change(placebo, "PLACEBO", symbols=[a["symbol"], b["symbol"]],
                                    measures=PLACEBO).to_frame().dropna(subset=["ci_low"])
        covered.append(frame.assign(covered=(frame["ci_low"] <= 0) & (frame["ci_high"] >= 0)))
        naive.append(_naive(placebo, a["symbol"], b["symbol"], (int(a["year"]), int(b["year"]))))
    table, naive_table = pd.concat(covered), pd.concat(naive)
    print(f"\n3. cobs.compare.change placebo: {placebos} pairs of other States' COs of 2014-2016 and 2022-2024 "
          f"in a State's place ({time.perf_counter() - started:.0f} s; other COs per window: "
          f"{table['n_earlier'].median():.0f} and {table['n_later'].median():.0f})")
    print(f"   95 % intervals covering 0: {table['covered'].mean():.3f} of {len(table)} "
          "(by measure: " + ", ".join(f"{m} {v:.2f}" for m, v in table.groupby("measure")["covered"].mean().items())
          + ")")
    print(f"   the naive regression of actions with CO-clustered errors: {naive_table['covered'].mean():.3f} of "
          f"{len(naive_table)} (urges, recommends, calls upon)")


def main() -> int:
    args = parser(__doc__)
    args.add_argument("--halves", type=int, default=10, help="random splits of the 2014-2016 COs (default 10)")
    args.add_argument("--placebos", type=int, default=100, help="placebo pairs for change (default 100)")
    options = args.parse_args()
    folder = options.shared / CRPD_PDFS
    if absent(folder, "bench_inference", "the CRPD PDFs"):
        return 0
    _, recommendations = _recommendations(folder)
    keyness_null(recommendations, options.halves)
    keyness_azerbaijan(recommendations)
    change_placebo(crpd_actions(folder), options.placebos)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

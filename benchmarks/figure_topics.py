"""The README's topic figure: prevalence of 12 topics in CRPD recommendations, by period of adoption.

Fits ``cobs.topics.TopicModel(n_topics=12, random_state=0)`` to the actions of
every English CRPD CO in ../shared, then ``cobs.topics.prevalence`` by period,
with 95 % intervals from resampling whole COs, and draws one small panel per
topic. Plain matplotlib for now (cobs.plot will take it over).

    python benchmarks/figure_topics.py            # writes benchmarks/figures/topic_prevalence_by_period.png
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from _shared import CRPD_PDFS, absent, crpd_actions
from _shared import parser as shared_parser

import cobs
import cobs.topics

OUT = Path(__file__).resolve().parent / "figures" / "topic_prevalence_by_period.png"
PERIODS = [(2011, 2014), (2015, 2017), (2018, 2020), (2021, 2023), (2024, 2025)]


def period(year: object) -> str:
    for low, high in PERIODS:
        if pd.notna(year) and low <= int(year) <= high:  # type: ignore[call-overload]
            return f"{low}-{str(high)[2:]}"
    return "other"


def main(argv: list[str] | None = None) -> int:
    folder = shared_parser(__doc__).parse_args(argv).shared / CRPD_PDFS
    if absent(folder, "figure_topics", "the CRPD PDFs"):
        return 0
    actions = crpd_actions(folder)
    actions["period"] = actions["year"].map(period)
    model = cobs.topics.TopicModel(n_topics=12, random_state=0).fit(actions)
    table = cobs.topics.prevalence(model, actions, by="period", random_state=0)
    counts = actions.groupby("period")["symbol"].nunique()
    order = [period(low) for low, _ in PERIODS]
    fig, axes = plt.subplots(3, 4, figsize=(12, 8), sharex=True, sharey=True)
    for ax, (_, rows) in zip(axes.flat, table.groupby("topic"), strict=True):
        rows = rows.set_index("period").loc[order]
        x = range(len(order))
        ax.fill_between(x, rows["ci_low"], rows["ci_high"], color="#88CCEE", alpha=0.6, linewidth=0)
        ax.plot(x, rows["mean"], color="#332288", marker="o", markersize=3)
        ax.set_title("\n".join(textwrap.wrap(rows["label"].iloc[0], 34)), fontsize=8.5)
        ax.set_ylim(bottom=0)
        ax.grid(axis="y", color="0.9")
        ax.set_xticks(list(x), [f"{p}\n({counts[p]})" for p in order], fontsize=7)
    for ax in axes[:, 0]:
        ax.set_ylabel("mean share of actions")
    fig.suptitle(f"Topics of CRPD recommendations by period of adoption ({actions['symbol'].nunique()} English COs, "
                 f"{int(table.groupby('period')['n'].first().sum())} actions outside the implementation templates; "
                 "95 % intervals resample COs)", fontsize=10)
    fig.tight_layout()
    OUT.parent.mkdir(exist_ok=True)
    fig.savefig(OUT, dpi=110, metadata={"Software": None})
    print(f"wrote {OUT}")
    print(table.pivot(index="label", columns="period", values="mean")[order].round(3).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Topic intervals with and without refitting, on the CRPD COs of ../shared (issue 17, item 3).

Fits ``cobs.topics.TopicModel(n_topics=12, random_state=0)`` to the actions of every
English CRPD CO (as ``figure_topics.py``), then ``cobs.topics.prevalence`` by period of
adoption twice: under the fitted model (1000 resamples of COs) and with ``refit=True``
(each of ``--refits`` bootstrap samples of COs learnt anew, topics matched by cosine).
Prints, for each topic, how often it reappears and the median cosine of its match;
the 2011-14 and 2021-23 shares with both intervals; the distribution of the
best-match cosines over all topics and refits (why 0.5 separates a topic that
reappears from one that does not); ``cobs.topics.effect`` of the period; and the
time taken.

    python benchmarks/bench_topics_refit.py              # 50 refits: about 5 min on 2 busy cores
    python benchmarks/bench_topics_refit.py --refits 20
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd
from _shared import CRPD_PDFS, absent, crpd_actions
from _shared import parser as shared_parser
from figure_topics import period
from sklearn.utils import check_random_state

import cobs.topics
from cobs.topics._refit import refit_means


def main(argv: list[str] | None = None) -> int:
    parser = shared_parser(__doc__)
    parser.add_argument("--refits", type=int, default=50)
    args = parser.parse_args(argv)
    folder = args.shared / CRPD_PDFS
    if absent(folder, "bench_topics_refit", "the CRPD PDFs"):
        return 0
    actions = crpd_actions(folder)
    actions["period"] = actions["year"].map(period)
    actions = actions[actions["period"] != "other"].reset_index(drop=True)
    start = time.perf_counter()
    model = cobs.topics.TopicModel(n_topics=12, random_state=0).fit(actions)
    fit_time = time.perf_counter() - start
    print(f"{actions['symbol'].nunique()} COs, {len(actions):,} actions; one fit: {fit_time:.1f} s")

    fixed = cobs.topics.prevalence(model, actions, by="period", random_state=0)
    start = time.perf_counter()
    refit = cobs.topics.prevalence(model, actions, by="period", refit=True, n_boot=args.refits, random_state=0)
    refit_time = time.perf_counter() - start
    print(f"prevalence(refit=True, n_boot={args.refits}): {refit_time:.0f} s "
          f"({refit_time / args.refits:.1f} s a refit)")

    first = refit.drop_duplicates("topic").set_index("label")[["reappeared", "cosine"]]
    print("\nhow often each topic reappears (cosine of its match >= 0.5) and the median cosine of its match")
    print(first.round(2).to_string())
    for p in ("2011-14", "2021-23"):
        a = fixed[fixed["period"] == p].set_index("label")
        b = refit[refit["period"] == p].set_index("label")
        table = pd.DataFrame({"mean": a["mean"], "fixed_low": a["ci_low"], "fixed_high": a["ci_high"],
                              "refit_low": b["ci_low"], "refit_high": b["ci_high"], "refits": b["refits"]})
        print(f"\n{p}: mean share, interval under the fitted model, interval with refits")
        print(table.round(3).to_string())
    wider = ((refit["ci_high"] - refit["ci_low"]) >= (fixed["ci_high"] - fixed["ci_low"])).mean()
    print(f"\nrefit interval at least as wide as the fixed one: {wider:.0%} of {len(refit)} period x topic rows")

    # every best-match cosine, over refits on samples of all the COs (one stratum)
    corpus, _, counted = model._read(actions, "table")
    _, cosines = refit_means(model, actions, corpus, [np.flatnonzero(counted)], n_boot=args.refits,
                             rng=check_random_state(0), min_cosine=0.5)
    edges = np.arange(0, 1.01, 0.1)
    counts, _ = np.histogram(cosines.ravel(), bins=edges)
    print("\nbest-match cosines over all topics and refits (one stratum):")
    for low, n in zip(edges[:-1], counts, strict=True):
        print(f"  [{low:.1f}, {low + 0.1:.1f}): {n:>4}")

    effects = cobs.topics.effect(model, actions, "period")
    late = effects[effects["term"] == "period[2021-23]"].set_index("label")
    print("\ncobs.topics.effect(model, actions, 'period'): 2021-23 against 2011-14, errors clustered by CO")
    print(late[["estimate", "ci_low", "ci_high", "q_value"]].round(3).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())

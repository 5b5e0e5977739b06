"""Timings and checks of cobs.compare's corpus-wide tables on the 112 English CRPD COs of ../shared.

    python benchmarks/bench_compare.py

Prints the time of the 112-document similarity matrix (TF-IDF and Jaccard, with and without
boilerplate), of boilerplate(), profile() and keyness(), and how boilerplate() marks the
implementation cluster (dissemination, follow-up, next report: templates by design) against
the other recommendations.
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

import numpy as np

import cobs
from cobs.compare import boilerplate, keyness, most_similar, profile, similarity

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "crpd-dashboard-pdfs" / "concluding_observations"


def _timed(label: str, make):
    start = time.perf_counter()
    value = make()
    print(f"  {label}: {time.perf_counter() - start:.2f} s")
    return value


def main() -> int:
    warnings.simplefilter("ignore")
    if not SHARED.exists():
        print(f"{SHARED} is absent: nothing to measure")
        return 0
    table = cobs.read_corpus(SHARED, n_jobs=2)
    print(f"{table['symbol'].nunique()} documents; load average {Path('/proc/loadavg').read_text().split()[0]}")
    similarity(table.iloc[:500])  # imports and first use out of the timing
    matrix = _timed("similarity(table)  [TF-IDF]", lambda: similarity(table))
    _timed("similarity(table, measure='jaccard')", lambda: similarity(table, measure="jaccard"))
    _timed("similarity(table, drop_boilerplate=True)", lambda: similarity(table, drop_boilerplate=True))
    print(f"  matrix {matrix.shape}; most similar to CRPD/C/AZE/CO/2-3:")
    print(most_similar(table, "CRPD/C/AZE/CO/2-3", top=3).to_string(index=False))
    recommendations = table[table["kind"] == "recommendation"]
    sentences = _timed("boilerplate(recommendations)", lambda: boilerplate(recommendations))
    actions = _timed("measure(table)", lambda: cobs.measure(table))
    _timed("profile(actions, by='symbol')", lambda: profile(actions, by="symbol"))
    _timed("keyness(CO/1 documents, CO/2-3 documents)",
           lambda: keyness(recommendations[recommendations["cycle"] == "1"],
                           recommendations[recommendations["cycle"] != "1"]))
    clusters = actions.drop_duplicates(["symbol", "para", "sub"]).set_index(["symbol", "para", "sub"])["cluster_id"]
    keys = zip(sentences["symbol"], sentences["para"], sentences["sub"], strict=True)
    implementation = np.array([isinstance(clusters.get(k), str) and clusters.get(k) == "IMPL" for k in keys])
    marked = sentences["template"].to_numpy()
    share_in = marked[implementation].mean()
    share_out = marked[~implementation].mean()
    print(f"  templates: {share_in:.0%} of the implementation cluster's sentences, {share_out:.0%} of the others")
    return 0


if __name__ == "__main__":
    sys.exit(main())

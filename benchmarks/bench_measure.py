"""How fast cobs measures a corpus: actions and measures of every recommendation.

Usage: python benchmarks/bench_measure.py [FOLDER]

Reads the shared CRPD corpus with read_corpus (served from the cache after the
first run), then times cobs.measure over the whole table and prints actions per
second, with a few corpus-wide figures from the measures.
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

import cobs
from cobs.corpus import CorpusWarning

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/crpd-dashboard-pdfs/concluding_observations"


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not folder.is_dir():
        sys.exit(f"bench_measure: {folder} is absent; give a folder of COs")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        start = time.perf_counter()
        table = cobs.read_corpus(folder, n_jobs=2, progress=False)
        read = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    measured = cobs.measure(table)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    docs = table["symbol"].nunique()
    print(f"read {docs} documents ({len(table)} rows) in {read:.2f} s (cached after the first run)")
    print(f"measure: {len(measured)} actions in {seconds:.2f} s = {len(measured) / seconds:.0f} actions/s "
          f"({cpu:.2f} s of CPU: on a busy machine, the figure to compare)")
    # the groups of persons and goals alone (their word-level tags, cached by text, are cleared first)
    from cobs.measures._groups import label_columns
    from cobs.reference import _lexicon, tags

    tags._found.cache_clear()
    _lexicon.words.cache_clear()
    texts = [measured[c].fillna("").tolist() for c in ("text", "chapeau", "heading")]
    cpu = time.process_time()
    label_columns(*texts, measured["committee"].tolist(), measured["theme"].fillna("").tolist())
    print(f"of which groups, sdgs, sdg_targets: {time.process_time() - cpu:.2f} s of CPU")
    print(f"actions with an operative verb: {measured['verb'].notna().mean():.1%}; "
          f"with an action category: {measured['action_category'].notna().mean():.1%}; "
          f"with a theme: {measured['theme'].notna().mean():.1%}; "
          f"with a cluster: {measured['cluster_id'].notna().mean():.1%}")
    print("strength:", measured["strength"].value_counts(sort=False).to_dict())


if __name__ == "__main__":
    main()

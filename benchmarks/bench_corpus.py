"""Cold and warm read of a corpus with read_corpus: documents per second and peak memory.

Usage: python benchmarks/bench_corpus.py [FOLDER] [--jobs N]

Cold: an empty cache, every file parsed (in N worker processes, default 2).
Warm: the same call again, every parse served from the cache.
Peak memory is the largest resident set size of this process and of any one worker.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import warnings
from pathlib import Path

from cobs.corpus import CorpusWarning, read_corpus

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/crpd-dashboard-pdfs/concluding_observations"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=str(DEFAULT))
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.is_dir():
        sys.exit(f"bench_corpus: {folder} is absent; give a folder of COs")
    files = [p for p in folder.iterdir() if p.is_file()]
    with tempfile.TemporaryDirectory() as home, warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        start = time.perf_counter()
        table, report = read_corpus(folder, n_jobs=args.jobs, data_home=home, progress=False, report=True)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        again = read_corpus(folder, n_jobs=args.jobs, data_home=home, progress=False)
        warm = time.perf_counter() - start
    assert again.equals(table)
    docs = table["symbol"].nunique()
    print(f"{len(files)} files, {docs} documents read, {len(table)} rows, {len(report.errors)} left out")
    print(f"cold ({args.jobs} workers): {cold:.2f} s = {len(files) / cold:.1f} files/s")
    print(f"warm (cache)      : {warm:.2f} s = {len(files) / warm:.0f} files/s")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {own:.0f} MB (this process), {workers:.0f} MB (largest worker)")


if __name__ == "__main__":
    main()

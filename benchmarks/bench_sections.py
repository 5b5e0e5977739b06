"""The sections of `cobs report` on the first N English CRPD COs, one by one: CPU and wall time of each.

The report's data (the COs read and measured, as ``cobs report`` reads them) is built
once, then each section of ``cobs.report``'s page is built in turn, in this process,
without drawing its figures (``bench_report.py`` times the whole report, figures
included, where the figures are drawn while the sections are built). The CPU time
(``time.process_time``) is what to compare across runs on shared cores; the wall
time depends on the other jobs.

    python benchmarks/bench_sections.py                  # N = 100
    python benchmarks/bench_sections.py --sizes 50 100
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from pathlib import Path

from _shared import CRPD_PDFS, absent
from _shared import parser as shared_parser
from bench_report import english_cos


def main() -> int:
    parser = shared_parser(__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100], help="numbers of COs (100)")
    args = parser.parse_args()
    folder = args.shared / CRPD_PDFS
    if absent(folder, "bench_sections", "the CRPD PDFs"):
        return 1
    from cobs.report._data import load
    from cobs.report._sections import SECTIONS

    cos = english_cos(folder)
    for n in args.sizes:
        if n > len(cos):
            print(f"{n:>4}  (only {len(cos)} English COs)")
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = load([Path(c) for c in cos[:n]])
            print(f"{n} COs, load average {os.getloadavg()[0]:.1f}; each section: CPU s (wall s)", flush=True)
            total = 0.0
            for build in SECTIONS:
                wall, cpu = time.perf_counter(), time.process_time()
                build(data)
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                total += cpu
                print(f"  {build.__name__.removesuffix('_section'):<10} {cpu:6.1f} ({wall:.1f})", flush=True)
        print(f"  {'all':<10} {total:6.1f}; load average {os.getloadavg()[0]:.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

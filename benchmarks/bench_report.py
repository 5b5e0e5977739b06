"""The scale of the main job: `cobs report` on 10, 50 and 100 English CRPD COs.

For each N, the first N English COs of ../shared/data's CRPD PDFs (by file name; the files
cobs leaves out, not in English or not COs, are skipped) are reported on by the command
line, in a process of its own, into an empty folder, with the parses already cached (a
first run reads them: not timed). Printed for each N:

* wall time of ``cobs report`` (seconds; 2 shared cores here: read it as an upper bound);
* peak memory: the largest resident set of the report's processes (``os.wait4``'s
  ``ru_maxrss``: the main process or a figure worker, whichever is larger);
* the page (``index.html``) in MB, the folder in MB, and its number of files;
* the three longest steps, from ``cobs report --verbose`` ("section 2 of 7: profiles took 41.0 s").

    python benchmarks/bench_report.py                   # N = 10, 50, 100
    python benchmarks/bench_report.py --sizes 10 --jobs 1
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _shared import CRPD_PDFS, absent
from _shared import parser as shared_parser


def english_cos(folder: Path) -> list[str]:
    """The PDFs of ``folder`` that cobs reads as English COs, by file name (and cache their parses)."""
    import cobs

    paths = sorted(folder.glob("*.pdf"))
    _, read = cobs.read_corpus(paths, n_jobs=-1, report=True)
    return sorted(read.files["file"].astype(str))


def run(files: list[str], jobs: int) -> dict[str, object]:
    """One ``cobs report`` of ``files`` into a new folder: time, memory, sizes and its steps."""
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        out = Path(tmp) / "report"
        command = [sys.executable, "-m", "cobs", "report", *files, "-o", str(out), "-j", str(jobs), "--verbose"]
        log = Path(tmp) / "stderr.txt"
        with log.open("w") as handle:  # a file, not a pipe: nothing waits on a full pipe
            start = time.perf_counter()
            child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=handle)
            _, status, usage = os.wait4(child.pid, 0)  # the child's own resource use, with its workers'
            wall = time.perf_counter() - start
        child.returncode = code = os.waitstatus_to_exitcode(status)
        err = log.read_text()
        if code != 0:
            raise RuntimeError(f"cobs report exited {code}:\n{err[-2000:]}")
        files_written = [p for p in out.rglob("*") if p.is_file()]
        steps = sorted(((float(m.group(2)), m.group(1)) for m in re.finditer(r"cobs report: (.+) took ([\d.]+) s",
                                                                               err)), reverse=True)
        return {"wall": wall, "peak_mb": usage.ru_maxrss / 1024, "page_mb": (out / "index.html").stat().st_size / 1e6,
                "folder_mb": sum(p.stat().st_size for p in files_written) / 1e6, "files": len(files_written),
                "figures": len(list((out / "figures").glob("*.pdf"))), "steps": steps[:3]}


def main() -> int:
    parser = shared_parser(__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 100], help="numbers of COs (10 50 100)")
    parser.add_argument("--jobs", type=int, default=-1, help="cobs report -j (default: every core)")
    args = parser.parse_args()
    folder = args.shared / CRPD_PDFS
    if absent(folder, "bench_report", "the CRPD PDFs"):
        return 1
    cos = english_cos(folder)
    print(f"{len(cos)} English CRPD COs in {folder}; cobs report -j {args.jobs}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)
    print(f"{'COs':>4} {'figures':>7} {'wall s':>7} {'peak MB':>8} {'page MB':>8} {'folder MB':>9} {'files':>6}  "
          "longest steps", flush=True)
    for n in args.sizes:
        if n > len(cos):
            print(f"{n:>4}  (only {len(cos)} English COs)")
            continue
        r = run(cos[:n], args.jobs)
        steps = "; ".join(f"{what} {took:.0f} s" for took, what in r["steps"])
        print(f"{n:>4} {r['figures']:>7} {r['wall']:>7.0f} {r['peak_mb']:>8.0f} {r['page_mb']:>8.1f} "
              f"{r['folder_mb']:>9.1f} {r['files']:>6}  {steps}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

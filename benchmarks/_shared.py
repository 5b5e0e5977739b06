"""What the benchmarks share: where ../shared/data lies, the --shared option, the measured CRPD corpus.

The benchmarks run as scripts (``python benchmarks/bench_topics.py``), so that
this folder is on ``sys.path`` and ``from _shared import ...`` finds this module.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import pandas as pd

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
"""../shared/data beside the repository: the real documents the benchmarks read."""
CRPD_PDFS = Path("crpd-dashboard-pdfs") / "concluding_observations"
"""The CRPD COs (PDF), below the shared data folder."""


def parser(doc: str) -> argparse.ArgumentParser:
    """An argument parser described by the first paragraph of ``doc``, with ``--shared PATH``."""
    parsed = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parsed.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder (../shared/data)")
    return parsed


def absent(folder: Path, who: str, what: str) -> bool:
    """True, after saying so on standard error, when ``folder`` is not there."""
    if folder.is_dir():
        return False
    print(f"{who}: {folder} is absent; this benchmark needs {what} from ../shared/data "
          "(pass --shared PATH to point at another copy)", file=sys.stderr)
    return True


def crpd_actions(folder: Path) -> pd.DataFrame:
    """The measured actions of every CO in ``folder`` that cobs reads (the others are left out silently)."""
    import cobs

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cobs.measure(cobs.read_corpus(folder))

"""Figure: what the CRPD asked Azerbaijan again, anew and no more, between its 2014 and 2024 COs (two columns).

Run from the repository root:  .venv/bin/python examples/figure_cycle_changes.py [FOLDER]
Writes FOLDER/aze_cycle_changes.pdf, .svg, .png (default folder: figures/) and prints their paths.
"""

import sys
from pathlib import Path

import cobs
import cobs.plot

ROOT = Path(__file__).resolve().parents[1]


def main(folder: Path = Path("figures")) -> list[Path]:
    aligned = cobs.compare.align(ROOT / "corpus" / "CRPD_C_AZE_CO_1.pdf", ROOT / "corpus" / "CRPD_C_AZE_CO_2-3.pdf")
    with cobs.plot.style("paper", columns=2):
        ax = cobs.plot.cycle_changes(aligned)
        return cobs.plot.savefig(ax, Path(folder) / "aze_cycle_changes")


if __name__ == "__main__":
    for path in main(*(Path(a) for a in sys.argv[1:2])):
        print(path)

"""Figure: Azerbaijan's change from its 2014 to its 2024 CRPD CO, net of the committee's drift over those years.

Run from the repository root:  .venv/bin/python examples/figure_change.py [FOLDER]
Writes FOLDER/aze_change.pdf, .svg, .png (default folder: figures/) and prints their paths; the table behind it, with
every measure, goes to FOLDER/aze_change.csv. On the bundled corpus the committee's other COs of those years are two
a side (NZL, TKM; GEO, BLR), so the intervals are wide: run it on a whole committee for a claim.
"""

import sys
from pathlib import Path

import cobs
import cobs.compare
import cobs.plot

ROOT = Path(__file__).resolve().parents[1]


def main(folder: Path = Path("figures")) -> list[Path]:
    table = cobs.read_corpus(ROOT / "corpus")
    result = cobs.compare.change(table, "AZE", random_state=0)
    with cobs.plot.style("paper"):
        ax = cobs.plot.change(result)
        written = cobs.plot.savefig(ax, Path(folder) / "aze_change")
    path = Path(folder) / "aze_change.csv"
    result.to_frame().to_csv(path, index=False)
    return [*written, path]


if __name__ == "__main__":
    for path in main(*(Path(a) for a in sys.argv[1:2])):
        print(path)

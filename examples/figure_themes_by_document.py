"""Figure: which themes each bundled CO asks about (documents x themes heatmap, two journal columns).

Run from the repository root:  .venv/bin/python examples/figure_themes_by_document.py [FOLDER]
Writes FOLDER/themes_by_document.pdf, .svg, .png (default folder: figures/) and prints their paths.
The implementation paragraphs (follow-up, dissemination, next report) are left out: they are nearly
the same in every CO and would top every column.
"""

import sys
from pathlib import Path

import cobs
import cobs.plot

ROOT = Path(__file__).resolve().parents[1]


def main(folder: Path = Path("figures")) -> list[Path]:
    actions = cobs.measure(cobs.read_corpus(ROOT / "corpus"))
    substantive = actions[actions["cluster_id"] != "IMPL"]
    with cobs.plot.style("paper", columns=2):
        ax = cobs.plot.theme_heatmap(substantive, by="symbol", top=12)
        return cobs.plot.savefig(ax, Path(folder) / "themes_by_document")


if __name__ == "__main__":
    for path in main(*(Path(a) for a in sys.argv[1:2])):
        print(path)

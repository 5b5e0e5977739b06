"""Figure: how insistently each bundled CO words its requests (operative verb by document, two journal columns).

Run from the repository root:  .venv/bin/python examples/figure_strength_by_document.py [FOLDER]
Writes FOLDER/strength_by_document.pdf, .svg, .png (default folder: figures/) and prints their paths.
The table behind the figure, with the references of the actions in each segment, goes to
FOLDER/strength_by_document.csv.
"""

import sys
from pathlib import Path

import cobs
import cobs.plot

ROOT = Path(__file__).resolve().parents[1]


def main(folder: Path = Path("figures")) -> list[Path]:
    actions = cobs.measure(cobs.read_corpus(ROOT / "corpus"))
    with cobs.plot.style("paper", columns=2):
        ax, data = cobs.plot.mix(actions, of="strength", by="symbol", return_data=True)
        written = cobs.plot.savefig(ax, Path(folder) / "strength_by_document")
    table = Path(folder) / "strength_by_document.csv"
    data.assign(refs=data["refs"].map("; ".join)).to_csv(table, index=False)
    return [*written, table]


if __name__ == "__main__":
    for path in main(*(Path(a) for a in sys.argv[1:2])):
        print(path)

"""Figure: how alike the bundled COs' recommendations are, the committees' template sentences left out (one column).

Run from the repository root:  .venv/bin/python examples/figure_similarity.py [FOLDER]
Writes FOLDER/similarity.pdf, .svg, .png (default folder: figures/) and prints their paths.
"""

import sys
from pathlib import Path

import cobs
import cobs.plot

ROOT = Path(__file__).resolve().parents[1]


def main(folder: Path = Path("figures")) -> list[Path]:
    table = cobs.read_corpus(ROOT / "corpus")
    matrix = cobs.compare.similarity(table, drop_boilerplate=True)
    years = table.drop_duplicates("symbol").set_index("symbol")["year"]
    names = {symbol: f"{symbol} ({years[symbol]})" for symbol in matrix.index}  # the year: drafting changes with it
    with cobs.plot.style("paper"):
        ax = cobs.plot.similarity(matrix.rename(index=names, columns=names))
        return cobs.plot.savefig(ax, Path(folder) / "similarity")


if __name__ == "__main__":
    for path in main(*(Path(a) for a in sys.argv[1:2])):
        print(path)

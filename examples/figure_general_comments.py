"""Figure: the general comments and earlier COs the bundled COs build on (two journal columns).

Run from the repository root:  .venv/bin/python examples/figure_general_comments.py [FOLDER]
Writes FOLDER/citations.pdf, .svg, .png (default folder: figures/) and prints their paths. Each bar
counts the paragraphs (and lettered items) citing a text, over every document.
"""

import sys
from pathlib import Path

import cobs
import cobs.plot

ROOT = Path(__file__).resolve().parents[1]


def main(folder: Path = Path("figures")) -> list[Path]:
    citations = cobs.citations(cobs.read_corpus(ROOT / "corpus"))
    with cobs.plot.style("paper", columns=2):
        ax = cobs.plot.citations(citations, types=["general_comment", "previous"], top=15)
        return cobs.plot.savefig(ax, Path(folder) / "citations")


if __name__ == "__main__":
    for path in main(*(Path(a) for a in sys.argv[1:2])):
        print(path)

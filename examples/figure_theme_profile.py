"""Figure: what the CRC asked of Kazakhstan in 2015, by theme and operative verb (one journal column).

Run from the repository root:  .venv/bin/python examples/figure_theme_profile.py [FOLDER]
Writes FOLDER/kaz_theme_profile.pdf, .svg, .png (default folder: figures/) and prints their paths.
"""

import sys
from pathlib import Path

import cobs
import cobs.plot

ROOT = Path(__file__).resolve().parents[1]


def main(folder: Path = Path("figures")) -> list[Path]:
    doc = cobs.read_document(ROOT / "corpus" / "CRC_C_KAZ_CO_4.txt")
    actions = cobs.measure(doc.paragraphs)
    with cobs.plot.style("paper"):
        ax = cobs.plot.theme_profile(actions, hue="strength", top=15)
        return cobs.plot.savefig(ax, Path(folder) / "kaz_theme_profile")


if __name__ == "__main__":
    for path in main(*(Path(a) for a in sys.argv[1:2])):
        print(path)

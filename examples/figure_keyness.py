"""Figure: the words that set Azerbaijan's 2024 CRPD CO apart from the CRPD's COs to other States of 2022-2024.

Run from the repository root:  .venv/bin/python examples/figure_keyness.py [FOLDER]
Writes FOLDER/aze_keyness.pdf, .svg, .png (default folder: figures/) and prints their paths; the terms drawn,
with the recommendations that use each, go to FOLDER/aze_keyness.csv.
"""

import sys
from pathlib import Path

import cobs
import cobs.plot

ROOT = Path(__file__).resolve().parents[1]


def main(folder: Path = Path("figures")) -> list[Path]:
    table = cobs.read_corpus(ROOT / "corpus")
    crpd = table[(table["committee"] == "CRPD") & table["year"].between(2022, 2024)]  # the committee's style then
    target = crpd[crpd["symbol"] == "CRPD/C/AZE/CO/2-3"]
    reference = crpd[crpd["state"] != "AZE"]  # Belarus, Georgia, New Zealand
    key = cobs.compare.keyness(target, reference, refs=True)  # with the recommendations using each term
    with cobs.plot.style("paper"):
        ax, data = cobs.plot.keyness(key, top=10, labels=("CRPD/C/AZE/CO/2-3", "BLR, GEO, NZL"), return_data=True)
        written = cobs.plot.savefig(ax, Path(folder) / "aze_keyness")
    table = Path(folder) / "aze_keyness.csv"
    data.assign(**{c: data[c].map("; ".join) for c in ("target_refs", "reference_refs")}).to_csv(table, index=False)
    return [*written, table]


if __name__ == "__main__":
    for path in main(*(Path(a) for a in sys.argv[1:2])):
        print(path)

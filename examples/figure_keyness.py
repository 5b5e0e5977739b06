"""Figure: the words that set New Zealand's 2022 CRPD CO apart from the CRPD's COs to other States of 2022-2024.

Run from the repository root:  .venv/bin/python examples/figure_keyness.py [FOLDER]
Writes FOLDER/nzl_keyness.pdf, .svg, .png (default folder: figures/) and prints their paths; the terms drawn (those
with a Benjamini-Hochberg q-value below 0.05), with the recommendations that use each, go to FOLDER/nzl_keyness.csv.
"""

import sys
from pathlib import Path

import cobs
import cobs.plot

ROOT = Path(__file__).resolve().parents[1]


def main(folder: Path = Path("figures")) -> list[Path]:
    table = cobs.read_corpus(ROOT / "corpus")
    crpd = table[table["committee"] == "CRPD"]
    target = crpd[crpd["symbol"] == "CRPD/C/NZL/CO/2-3"]
    reference = crpd[crpd["state"] != "NZL"]  # keyness keeps those of 2020-2024 (window=2): AZE, BLR, GEO
    key = cobs.compare.keyness(target, reference, refs=True)  # with the recommendations using each term
    with cobs.plot.style("paper"):
        others = ", ".join(s.split("/")[2] for s in key.attrs["reference_symbols"])
        ax, data = cobs.plot.keyness(key, top=10, labels=("CRPD/C/NZL/CO/2-3", others), return_data=True)
        written = cobs.plot.savefig(ax, Path(folder) / "nzl_keyness")
    table = Path(folder) / "nzl_keyness.csv"
    data.assign(**{c: data[c].map("; ".join) for c in ("target_refs", "reference_refs")}).to_csv(table, index=False)
    return [*written, table]


if __name__ == "__main__":
    for path in main(*(Path(a) for a in sys.argv[1:2])):
        print(path)

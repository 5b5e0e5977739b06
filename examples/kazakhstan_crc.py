"""What the CRC asked of Kazakhstan in 2015, and how insistently.

Run from the repository root:  .venv/bin/python examples/kazakhstan_crc.py

Reads the bundled CO (CRC/C/KAZ/CO/4), cuts its recommendations into requested
actions, and prints: the actions per cluster and strength of wording, the
actions the Committee *urges*, the general comments it builds on, and the earlier
COs whose recommendations it says were not implemented.
"""

from pathlib import Path

import pandas as pd

import cobs

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    doc = cobs.read_document(ROOT / "corpus" / "CRC_C_KAZ_CO_4.txt")
    print(doc)
    actions = cobs.measure(doc.paragraphs)
    print(f"\n{len(actions)} requested actions in {actions['para'].nunique()} recommendation paragraphs\n")
    table = pd.crosstab(actions["cluster_id"], actions["strength"]).loc[:, lambda t: t.sum() > 0]
    print(table.to_string(), end="\n\n")
    urged = actions[actions["strength"] == "urges"]
    print("Urged:")
    for row in urged.itertuples():
        print(f"  {row.ref}: {row.request[:90]}")
    comments = actions["general_comments"].explode().dropna().value_counts()
    print("\nGeneral comments cited (actions citing each):")
    print(comments.to_string())
    earlier = cobs.citations(doc.paragraphs).query("type == 'previous'")
    print("\nEarlier COs cited:")
    for row in earlier.itertuples():
        print(f"  para. {row.para}: {row.citation}")


if __name__ == "__main__":
    main()

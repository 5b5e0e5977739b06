"""Benchmark: ThemeClassifier on CRPD concluding observations, themes taken from the headings.

CRPD concluding observations put each concern and recommendation under a heading
naming the article it is about ("Accessibility (art. 9)"). This reads the CRPD PDFs
in ../shared/data, labels every concern and recommendation row under such a heading
with the article number, and cross-validates ThemeClassifier leaving States out:
the folds are grouped by State, so that neither document of a State reviewed twice
helps predict the other. It prints the accuracy for the article and for the CRPD's
article group (A: arts. 1-4, B: arts. 5-30, C: arts. 31-33).

Run from the repository root::

    python benchmarks/bench_theme.py [--shared PATH] [--folds N]
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
from _shared import CRPD_PDFS, absent
from _shared import parser as shared_parser
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GroupKFold

from cobs import CobsError, ThemeClassifier, read_document


def article_table(folder: Path) -> tuple[pd.DataFrame, int]:
    tables, skipped = [], 0
    for path in sorted(folder.glob("*.pdf")):
        try:
            tables.append(read_document(path).paragraphs)
        except CobsError:  # not English, not a CO, ...
            skipped += 1
    rows = pd.concat(tables, ignore_index=True)
    rows.attrs["documents"] = len(tables)
    rows = rows[rows["kind"].isin(["concern", "recommendation"]) & (rows["text"].str.len() > 0)]
    article = rows["heading"].str.extract(r"\(art\. (\d+)\)\s*$", expand=False)
    documents = rows.attrs["documents"]
    labelled = rows.assign(article=article).dropna(subset=["article"]).reset_index(drop=True)
    labelled.attrs["documents"] = documents
    return labelled, skipped


def _group(article: str) -> str:
    number = int(article)
    return "A" if number <= 4 else "B" if number <= 30 else "C"


def main(argv: list[str] | None = None) -> int:
    parser = shared_parser(__doc__)
    parser.add_argument("--folds", type=int, default=10, help="folds grouped by State (default 10)")
    args = parser.parse_args(argv)
    folder = args.shared / CRPD_PDFS
    if absent(folder, "bench_theme", "the CRPD PDFs"):
        return 2
    start = time.perf_counter()
    table, skipped = article_table(folder)
    print(f"read {table.attrs['documents']} documents ({skipped} skipped: not English or not a CO) in "
          f"{time.perf_counter() - start:.0f} s: {len(table):,} concern and recommendation rows under an article "
          f"heading in {table['symbol'].nunique()} of them, {table['article'].nunique()} articles")
    texts, labels, groups = table["text"].tolist(), table["article"].to_numpy(), table["state"].to_numpy()
    accuracy, macro, grouped, seconds = [], [], [], []
    for train, test in GroupKFold(n_splits=args.folds).split(texts, labels, groups):
        began = time.perf_counter()
        model = ThemeClassifier(random_state=0).fit([texts[i] for i in train], labels[train])
        seconds.append(time.perf_counter() - began)
        predicted = model.predict([texts[i] for i in test])
        accuracy.append(accuracy_score(labels[test], predicted))
        macro.append(f1_score(labels[test], predicted, average="macro"))
        grouped.append(accuracy_score([_group(a) for a in labels[test]], [_group(a) for a in predicted]))
    print(f"ThemeClassifier, {args.folds} folds leaving States out ({len(set(groups))} States): "
          f"article accuracy {np.mean(accuracy):.4f} (sd {np.std(accuracy):.4f}), "
          f"article-group accuracy {np.mean(grouped):.4f} (sd {np.std(grouped):.4f}), "
          f"macro-F1 {np.mean(macro):.4f} (sd {np.std(macro):.4f}); training {np.mean(seconds):.1f} s a fold "
          f"on about {len(texts) * 4 // 5:,} rows")
    majority = pd.Series(labels).value_counts(normalize=True).iloc[0]
    print(f"(the commonest article alone: accuracy {majority:.4f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

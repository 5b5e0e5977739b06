"""Write cobs/data/upr_issue_lexicon.csv: weighted words that say which UPR Info issues a recommendation concerns.

    python benchmarks/make_upr_issue_lexicon.py [--shared PATH] [--check]

``cobs.compare.align`` links a CO's requests to UPR recommendations partly by a shared UPR Info
issue. UPR Info's export labels its rows by hand; a Working Group report's text has no labels. So
that both sources give the same links, align reads every UPR recommendation's issues from its
words with this lexicon, whatever the source.

How it is made: UPR Info's 2018 export (../shared/data/upr-info-export-2018: sessions 1-21 and
25-27), the rows with issue labels, less the States whose recommendations are hand-read gold for
align (Kazakhstan, tests/data/upr_gold.csv; New Zealand and Costa Rica, the held-out gold); each
text cut by ``cobs.text.Analyzer(ngram_range=(1, 2), formula=(), stem=True, synonyms=True)``
into words and word pairs, present or absent (binary, terms in 5 or more texts); for each issue
with 5 or more training rows, an L1-penalised logistic regression (liblinear, C = 0.1, which keeps
about 1,900 weights in all) on a random 80 % (seed 0); its decision threshold chosen on the other
20 % to maximise the issue's F1. A text has an issue when its terms' weights plus the issue's
``(bias)`` (the intercept less the threshold) reach 0. ``--check`` prints the micro-F1 on the
held-out 20 % and on Kazakhstan's 327 recommendations without writing.
"""

from __future__ import annotations

import csv
import sys
import time
import warnings
from pathlib import Path

import numpy as np
from _shared import absent
from _shared import parser as shared_parser
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

import cobs
from cobs.text import Analyzer

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "cobs" / "data" / "upr_issue_lexicon.csv"
GOLD_STATES = ("Kazakhstan", "New Zealand", "Costa Rica")
C = 0.1


def main(argv: list[str] | None = None) -> int:
    parser = shared_parser(__doc__)
    parser.add_argument("--check", action="store_true", help="print the agreement, write nothing")
    args = parser.parse_args(argv)
    folder = args.shared / "upr-info-export-2018"
    if absent(folder, "make_upr_issue_lexicon", "UPR Info's 2018 export"):
        return 2
    warnings.simplefilter("ignore")
    table = cobs.read_upr_info(folder)
    gold = table["state_under_review"].isin(GOLD_STATES)
    labelled = table[~gold & (table["issues"].str.len() > 0)].reset_index(drop=True)
    analyzer = Analyzer(ngram_range=(1, 2), formula=(), stem=True, synonyms=True)
    vectors = CountVectorizer(analyzer=analyzer, binary=True, min_df=5)
    start = time.perf_counter()
    x = vectors.fit_transform(labelled["recommendation"].tolist())
    terms = vectors.get_feature_names_out()
    issues = sorted({i for row in labelled["issues"] for i in row})
    y = np.array([[issue in set(row) for issue in issues] for row in labelled["issues"]])
    held = np.random.RandomState(0).rand(len(labelled)) < 0.2
    rows: list[dict[str, object]] = []
    predicted = np.zeros((held.sum(), len(issues)), dtype=bool)
    for k, issue in enumerate(issues):
        if y[~held, k].sum() < 5:
            continue
        model = LogisticRegression(penalty="l1", C=C, solver="liblinear", random_state=0).fit(x[~held], y[~held, k])
        scores = model.decision_function(x[held])
        threshold = max(np.arange(-3, 3.01, 0.25),
                        key=lambda t: (f1_score(y[held, k], scores >= t, zero_division=0), -abs(t)))
        predicted[:, k] = scores >= threshold
        rows.append({"issue": issue, "term": "(bias)", "weight": round(float(model.intercept_[0] - threshold), 4),
                     "note": f"intercept less the threshold chosen on held-out rows (F1 there "
                             f"{f1_score(y[held, k], scores >= threshold, zero_division=0):.2f})"})
        for j in np.flatnonzero(model.coef_[0]):
            rows.append({"issue": issue, "term": terms[j], "weight": round(float(model.coef_[0][j]), 4), "note": ""})
    print(f"{len(labelled):,} labelled rows (less {int(gold.sum())} of {', '.join(GOLD_STATES)}), {len(terms):,} "
          f"terms, {len(rows):,} weights in {time.perf_counter() - start:.0f} s; micro-F1 on the held-out 20 %: "
          f"{f1_score(y[held], predicted, average='micro'):.3f}")
    if args.check:
        return 0
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["issue", "term", "weight", "note"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

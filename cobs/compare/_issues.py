"""UPR Info's issues of a UPR recommendation, read from its words (``cobs/data/upr_issue_lexicon.csv``).

UPR Info's export labels each recommendation with issues by hand; the text of a Working Group report
has none. :func:`cobs.compare.align` reads every UPR recommendation's issues from its words with one
lexicon, whatever the source, so that the export and the report give the same links. The lexicon is
a sparse logistic model per issue (weights of stemmed words and word pairs, present or absent),
learned from UPR Info's 2018 export less the States of the hand-read gold
(``benchmarks/make_upr_issue_lexicon.py`` says how; micro-F1 0.89 against UPR Info's coders on rows
it was not fitted on, 0.885 on Kazakhstan's 327 recommendations).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

__all__ = ["predict_issues"]


@functools.cache
def _lexicon() -> tuple[dict[str, tuple[tuple[str, float], ...]], dict[str, float]]:
    from cobs.reference._tables import read_rows

    terms: dict[str, list[tuple[str, float]]] = {}
    bias: dict[str, float] = {}
    for row in read_rows("upr_issue_lexicon.csv"):
        if row["term"] == "(bias)":
            bias[row["issue"]] = float(row["weight"])
        else:
            terms.setdefault(row["term"], []).append((row["issue"], float(row["weight"])))
    return {term: tuple(found) for term, found in terms.items()}, bias


@functools.cache
def _analyzer() -> object:
    from cobs.text import Analyzer

    return Analyzer(ngram_range=(1, 2), formula=(), stem=True, synonyms=True)


def predict_issues(texts: Iterable[str]) -> list[tuple[str, ...]]:
    """The UPR Info issues of each text (sorted; empty when none reaches its threshold).

    Examples
    --------
    >>> predict_issues(["Continue efforts to combat trafficking in persons", "Abolish the death penalty"])
    [('Trafficking',), ('Death penalty',)]
    """
    weights, bias = _lexicon()
    analyzer = _analyzer()
    out = []
    for text in texts:
        score = dict(bias)
        for term in set(analyzer(text)):
            for issue, weight in weights.get(term, ()):
                score[issue] += weight
        out.append(tuple(sorted(issue for issue, value in score.items() if value >= 0)))
    return out

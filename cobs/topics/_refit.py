"""Topic shares under models refitted on bootstrap samples of COs, their topics matched to the reference model's."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.base import clone
from sklearn.exceptions import ConvergenceWarning
from sklearn.preprocessing import normalize

from cobs.topics._input import Corpus
from cobs.topics._model import ANALYSES, SmallCorpusWarning, TopicModel

REAPPEAR_COSINE = 0.5
"""A reference topic reappears in a refit when its match's term weights have at least this cosine with its own."""

MIN_REAPPEARED = 0.5
"""A topic's refit interval is given only when it reappears in at least this share of the refits (else NaN)."""

_COPY = "#"  # between a CO's symbol and the number of its copy in a bootstrap sample


def match_topics(reference: TopicModel, other: TopicModel) -> tuple[np.ndarray, np.ndarray]:
    """Each reference topic's match among ``other``'s topics, and the cosine of their term weights.

    Topics are matched one to one (Hungarian matching, ``linear_sum_assignment``)
    so that the summed cosine is largest; the term-weight vectors are compared
    over both models' vocabularies (a term one model lacks weighs 0 in it). A
    reference topic left without a match (``other`` has fewer topics) gets -1 and
    cosine 0. Both in the order of ``topics_``.
    """
    terms = sorted(set(reference.vectorizer_.vocabulary_) | set(other.vectorizer_.vocabulary_))

    def aligned(model: TopicModel) -> np.ndarray:
        vocabulary = model.vectorizer_.vocabulary_
        where = np.array([vocabulary.get(t, -1) for t in terms])
        out = np.zeros((model.components_.shape[0], len(terms)))
        out[:, where >= 0] = model.components_[:, where[where >= 0]]
        return normalize(out)

    cosine = aligned(reference) @ aligned(other).T
    rows, cols = linear_sum_assignment(-cosine)
    match = np.full(cosine.shape[0], -1)
    best = np.zeros(cosine.shape[0])
    match[rows], best[rows] = cols, cosine[rows, cols]
    return match, best


def _units(corpus: Corpus) -> np.ndarray:
    """Each row's unit of resampling: its document (CO) where the table has ``symbol``, else the row itself."""
    return corpus.document if corpus.document is not None else np.arange(len(corpus))


def _strata(units: np.ndarray, groups: list[np.ndarray], n_rows: int) -> np.ndarray | None:
    """Each unit's stratum (its group) when every unit lies in one group of two or more units, else None.

    A group of one CO as a stratum would put that CO in every sample: with every group
    one CO (``by="symbol"``), every refit would learn from the same COs.
    """
    code = np.full(n_rows, -1)
    for g, rows in enumerate(groups):
        code[rows] = g
    codes, inverse = np.unique(units, return_inverse=True)
    of_unit = np.full(len(codes), -2)
    for u, c in zip(inverse, code, strict=True):
        if c == -1:
            continue
        if of_unit[u] not in (-2, c):
            return None
        of_unit[u] = c
    sizes = np.bincount(of_unit[of_unit >= 0], minlength=len(groups))
    if (sizes[sizes > 0] < 2).any():
        return None
    return of_unit


def refit_means(
    model: TopicModel,
    table: pd.DataFrame,
    corpus: Corpus,
    groups: list[np.ndarray],
    *,
    n_boot: int,
    rng: np.random.RandomState,
    min_cosine: float,
) -> tuple[list[np.ndarray], np.ndarray]:
    """Each group's mean topic shares under ``n_boot`` models refitted on bootstrap samples of the table's COs.

    Each refit learns (a clone of ``model``, with its number of topics fitted
    and a seed drawn from ``rng``) from whole COs drawn with replacement, within
    each group when every CO lies in one group and each group holds two or more
    (each group keeps its number of COs), else from all COs; a CO drawn twice is
    two documents. Its topics are
    matched to the reference model's (:func:`match_topics`). A group's mean share
    of a reference topic is then its rows' mean share of the matched topic, each
    row counted as many times as its CO was drawn; a group of one CO resamples its
    rows instead, as :func:`cobs.topics.prevalence` does.

    ``groups`` are row positions counted by the reference model. Returns one
    array (n_boot, n_topics) per group (NaN where the topic's match has a cosine
    below ``min_cosine``, or the group has no row counted by the refit) and the
    cosines (n_boot, n_topics).
    """
    units = _units(corpus)
    codes, inverse = np.unique(units, return_inverse=True)
    rows_of = [np.flatnonzero(inverse == u) for u in range(len(codes))]
    strata = _strata(inverse, groups, len(corpus))
    # whole COs drawn within each group where each CO lies in one group (groups keep their size), else from all
    pools = [np.arange(len(codes))] if strata is None else [np.flatnonzero(strata == s) for s in np.unique(strata)]
    by_rows = [corpus.document is not None and len(np.unique(corpus.document[rows])) < 2 for rows in groups]
    k = model.n_topics_
    means = [np.full((n_boot, k), np.nan) for _ in groups]
    cosines = np.zeros((n_boot, k))
    symbol = table["symbol"].astype(str).to_numpy() if "symbol" in table.columns else None
    remembered = ANALYSES.set({})  # each text cut into terms once for all the refits
    try:
        for b in range(n_boot):
            drawn = np.concatenate([pool[rng.randint(len(pool), size=len(pool))] for pool in pools])
            positions = np.concatenate([rows_of[u] for u in drawn])
            sample = table.iloc[positions]
            if symbol is not None:  # each copy of a CO its own document (and its own paragraphs)
                copy = np.repeat(np.arange(len(drawn)), [len(rows_of[u]) for u in drawn]).astype(str)
                sample = sample.assign(symbol=np.char.add(np.char.add(symbol[positions], _COPY), copy))
            refit = clone(model).set_params(n_topics=model.n_topics_, random_state=int(rng.randint(2**31 - 1)))
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SmallCorpusWarning)
                warnings.simplefilter("ignore", ConvergenceWarning)
                refit.fit(sample)
            match, cosines[b] = match_topics(model, refit)
            # the table's rows as the refit reads them (a row's shares do not depend on the other rows read with it)
            shares = refit._shares(corpus)
            counted = refit._counted(corpus, shares)
            shares = shares[:, refit.order_]
            times = np.bincount(drawn, minlength=len(codes))[inverse].astype(np.float64)
            found = (match >= 0) & (cosines[b] >= min_cosine)
            for g, rows in enumerate(groups):
                if by_rows[g]:
                    weight = np.bincount(rng.randint(len(rows), size=len(rows)), minlength=len(rows)).astype(float)
                else:
                    weight = times[rows]
                weight = weight * counted[rows]
                if weight.sum() > 0:
                    mean = weight @ shares[rows] / weight.sum()
                    means[g][b, found] = mean[match[found]]
    finally:
        ANALYSES.reset(remembered)
    return means, cosines


def refit_summary(cosines: np.ndarray, min_cosine: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per topic: share of refits where it reappears, median cosine of its match, and whether it has an interval."""
    reappeared = (cosines >= min_cosine).mean(axis=0)
    return reappeared, np.median(cosines, axis=0), reappeared >= MIN_REAPPEARED


def refit_interval(draws: np.ndarray, level: float,
                   enough: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Percentile interval of each column over its finite draws, their standard deviation and how many there were.

    NaN where not ``enough`` (the topic reappears in too few refits) or fewer than 2 draws.
    """
    alpha = (1 - level) / 2
    k = draws.shape[1]
    low, high, se = np.full(k, np.nan), np.full(k, np.nan), np.full(k, np.nan)
    used = np.isfinite(draws).sum(axis=0)
    for t in range(k):
        finite = draws[np.isfinite(draws[:, t]), t]
        if enough[t] and len(finite) >= 2:
            low[t], high[t] = np.quantile(finite, [alpha, 1 - alpha])
            se[t] = float(np.std(finite, ddof=1))
    return low, high, se, used

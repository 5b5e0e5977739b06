"""How good are the topics: NPMI coherence on held-apart texts, exclusivity, stability, and choosing k."""

from __future__ import annotations

import dataclasses
import itertools
import warnings
from collections.abc import Iterable, Sequence
from typing import Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import linear_sum_assignment
from sklearn.base import clone
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.utils.validation import check_is_fitted

from cobs._checks import check_choice, check_int, check_number, seed
from cobs.columns import SELECT_K_COLUMNS, TOPIC_QUALITY_COLUMNS
from cobs.errors import invalid_value
from cobs.stats import Result
from cobs.topics._input import read_input
from cobs.topics._model import SmallCorpusWarning, TopicModel, _nested, frex_scores

__all__ = ["StabilityResult", "coherence", "exclusivity", "frex", "select_k", "stability", "topic_quality"]


def coherence(model: TopicModel, X: Sequence[str] | pd.DataFrame, *, n_terms: int | None = None) -> np.ndarray:
    """NPMI coherence of each topic's top terms, measured on the texts ``X``.

    For each pair of a topic's top terms, the normalised pointwise mutual
    information of their occurrence in the same text, ``log(p(a, b) / (p(a)
    p(b))) / -log p(a, b)``, with ``p`` the share of texts holding the term(s)
    (Bouma 2009; Lau, Newman and Baldwin 2014): 1 when the terms always occur
    together, 0 when independent, -1 for a pair never seen together (also when a
    term is absent). Pairs of nested terms ("inclusive", "inclusive education"),
    which co-occur by construction, are skipped. A topic's coherence is the mean
    over its pairs.

    A topic whose top terms are one word pair alone ("court judges": its words
    are nested in it, so they are not listed beside it) is scored by the pair of
    its two words, "court" and "judges", wherever in a text they occur: how far
    its words belong together beyond the phrase. A topic of a single word has
    no pair to score: NaN (:func:`select_k` leaves it out of its means).

    Give texts the model has not learnt from (held-apart COs): on its own
    training texts coherence rewards overfitting.

    Parameters
    ----------
    model : TopicModel
        A fitted model.
    X : sequence of str, or pandas.DataFrame
        The reference texts, or a table (each row's own text in ``model.column``
        is a reference text; its chapeau is not).
    n_terms : int, optional
        Top terms per topic (default ``model.n_terms``).

    Returns
    -------
    ndarray of shape (``n_topics_``,)
        Coherence of each topic, in the order of ``model.topics_``.

    Examples
    --------
    Of five reference texts, "court" is in two and "judges" in one of them, so
    that the court topic scores ``log(0.2 / (0.4 * 0.2)) / -log(0.2) = 0.569``;
    "teachers" and "pupils" are never in one text (-1), which pulls the school
    topic below 0:

    >>> from cobs.topics import TopicModel, coherence
    >>> texts = ["school teachers pupils", "school teachers", "school", "court judges", "court"] * 4
    >>> model = TopicModel(n_topics=2, min_df=1, n_terms=3, ngram_range=(1, 1), random_state=0).fit(texts)
    >>> model.top_terms()
    [['school', 'teachers', 'pupils'], ['court', 'judges']]
    >>> coherence(model, ["school teachers", "school pupils", "teachers", "court judges", "court"]).round(3).tolist()
    [-0.097, 0.569]
    """
    check_is_fitted(model)
    n = check_int(n_terms, "n_terms", allow_none=True) or model.n_terms
    corpus = read_input(X, column=model.column)
    topics = [_scored(terms) for terms in model.top_terms(n)]
    needed = sorted({t for terms in topics for t in terms})
    # presence of each term the topics need, as the model's analyzer cuts the texts (the words of a word pair may
    # be outside the model's vocabulary, cut by max_df)
    counter = CountVectorizer(analyzer=model.vectorizer_.build_analyzer(), vocabulary=needed, binary=True)
    present = counter.transform(corpus.own).tocsc() if needed else sp.csc_matrix((len(corpus.own), 0))
    return npmi(topics, present, {t: i for i, t in enumerate(needed)})


def _scored(terms: Sequence[str]) -> list[str]:
    """The terms whose pairs score a topic: its top terms, or the words of a word pair that stands alone."""
    terms = list(terms)
    if len(terms) == 1 and len(terms[0].split()) > 1:
        return list(dict.fromkeys(terms[0].split()))
    return terms


def npmi(topics: Sequence[Sequence[str]], present: object, vocabulary: dict[str, int]) -> np.ndarray:
    """NPMI coherence of term lists, from a texts x vocabulary matrix of occurrence (see :func:`coherence`).

    Kept apart from :func:`coherence` so that topics of another library (the
    benchmark's gensim models) are scored by the very same computation. A list
    without a pair to score (one term, or only nested terms) gets NaN.
    """
    present = sp.csc_matrix(present, dtype=np.float64)
    n_texts = present.shape[0]
    out = np.zeros(len(topics))
    for k, terms in enumerate(topics):
        seen = present[:, [vocabulary[t] for t in terms]]
        together = np.asarray((seen.T @ seen).todense()) / n_texts
        alone = np.diag(together)
        scores = []
        for a, b in itertools.combinations(range(len(terms)), 2):
            if _nested(terms[a], terms[b]):
                continue
            joint = together[a, b]
            if joint == 0:
                scores.append(-1.0)
            elif joint == 1:  # both in every text: as associated as can be
                scores.append(1.0)
            else:
                scores.append(float(np.log(joint / (alone[a] * alone[b])) / -np.log(joint)))
        out[k] = float(np.mean(scores)) if scores else np.nan
    return out


def exclusivity(model: TopicModel, *, n_terms: int | None = None) -> np.ndarray:
    """How much each topic's top terms belong to it alone.

    For a term, its weight in the topic divided by its weight summed over all
    topics (topic-term weights normalised per topic, as in ``components_``); a
    topic's exclusivity is the mean over its top terms: 1 when no other topic
    uses them, ``1 / n_topics_`` when every topic uses them alike (Bischof and
    Airoldi 2012; Roberts et al.'s STM). Compare values at the same number of topics.

    Parameters
    ----------
    model : TopicModel
        A fitted model.
    n_terms : int, optional
        Top terms per topic (default ``model.n_terms``).

    Returns
    -------
    ndarray of shape (``n_topics_``,)
        Exclusivity of each topic, in the order of ``model.topics_``.

    Examples
    --------
    Texts on schools and texts on courts share no word, so each topic's terms are its own:

    >>> from cobs.topics import TopicModel, exclusivity
    >>> texts = ["school teachers pupils", "school teachers", "school", "court judges", "court"] * 4
    >>> exclusivity(TopicModel(n_topics=2, min_df=1, ngram_range=(1, 1), random_state=0).fit(texts)).round(2).tolist()
    [1.0, 1.0]
    """
    check_is_fitted(model)
    n = check_int(n_terms, "n_terms", allow_none=True) or model.n_terms
    phi = model.components_
    share = phi / np.maximum(phi.sum(axis=0, keepdims=True), np.finfo(float).tiny)
    vocabulary = model.vectorizer_.vocabulary_
    return np.array([float(np.mean([share[k, vocabulary[t]] for t in terms])) if terms else np.nan
                     for k, terms in enumerate(model.top_terms(n))])


def frex(model: TopicModel, *, n_terms: int | None = None, weight: float = 0.5) -> np.ndarray:
    """FREX of each topic: how far its top terms are both frequent in it and exclusive to it.

    FREX (Bischof and Airoldi 2012, as stm computes it: ``calcfrex``, and its
    ``exclusivity`` for ``searchK``) scores a term in a topic by the harmonic
    mean of two empirical CDFs over the vocabulary: of its weight in the topic
    (frequency) and of its weight divided by its weight summed over the topics
    (exclusivity, see :func:`exclusivity`). Exclusivity alone rewards rare terms
    (a term in one topic only is exclusive however seldom used); the harmonic
    mean needs both. A topic's FREX is the mean over its top terms (by weight,
    as :meth:`TopicModel.top_terms` lists them; stm sums over them): near 1 when
    its top terms are among its most frequent and most exclusive terms, lower
    when other topics use them as well. ``TopicModel.top_terms(score="frex")``
    lists each topic's terms by FREX instead.

    Parameters
    ----------
    model : TopicModel
        A fitted model.
    n_terms : int, optional
        Top terms per topic (default ``model.n_terms``).
    weight : float, default=0.5
        Weight of frequency in the harmonic mean, in (0, 1) (stm's ``frexw``;
        0.5 as stm's ``labelTopics``).

    Returns
    -------
    ndarray of shape (``n_topics_``,)
        FREX of each topic, in the order of ``model.topics_``.

    Examples
    --------
    Texts on schools and texts on courts share no word: each topic's top terms are its most
    frequent and its own, so FREX is high (not 1: a topic's third term ranks below its first two):

    >>> from cobs.topics import TopicModel, frex
    >>> texts = ["school teachers pupils", "school teachers", "school", "court judges", "court"] * 4
    >>> model = TopicModel(n_topics=2, min_df=1, ngram_range=(1, 1), random_state=0).fit(texts)
    >>> frex(model).round(3).tolist()
    [0.792, 0.897]
    """
    check_is_fitted(model)
    n = check_int(n_terms, "n_terms", allow_none=True) or model.n_terms
    scores = frex_scores(model.components_, weight=weight)
    vocabulary = model.vectorizer_.vocabulary_
    return np.array([float(np.mean([scores[k, vocabulary[t]] for t in terms])) if terms else np.nan
                     for k, terms in enumerate(model.top_terms(n))])


def topic_quality(model: TopicModel, X: Sequence[str] | pd.DataFrame, *, n_terms: int | None = None) -> pd.DataFrame:
    """Coherence (on the texts ``X``), exclusivity and FREX of each topic, one row per topic.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`cobs.columns.TOPIC_QUALITY_COLUMNS`: ``topic``, ``label``,
        ``coherence`` (:func:`coherence`), ``exclusivity`` (:func:`exclusivity`),
        ``frex`` (:func:`frex`).

    Examples
    --------
    On the texts learnt from (held-apart texts are better, see :func:`coherence`):
    "court" is in 8 of the 20 texts, "judges" in 4, both in 4:
    ``log(0.2 / (0.4 * 0.2)) / -log(0.2) = 0.569``.

    >>> from cobs.topics import TopicModel, topic_quality
    >>> texts = ["school teachers pupils", "school teachers", "school", "court judges", "court"] * 4
    >>> model = TopicModel(n_topics=2, min_df=1, n_terms=3, ngram_range=(1, 1), random_state=0).fit(texts)
    >>> topic_quality(model, texts).round(3)
       topic                       label  coherence  exclusivity   frex
    0      0  school / teachers / pupils      0.481          1.0  0.792
    1      1              court / judges      0.569          1.0  0.897
    """
    return pd.DataFrame({"topic": model.topics_["topic"], "label": model.topics_["label"],
                         "coherence": coherence(model, X, n_terms=n_terms),
                         "exclusivity": exclusivity(model, n_terms=n_terms), "frex": frex(model, n_terms=n_terms)},
                        columns=list(TOPIC_QUALITY_COLUMNS))


def _overlaps(a: list[list[str]], b: list[list[str]]) -> float:
    """Topics of two models matched one to one (Hungarian) by shared top terms; mean share shared."""
    if not a or not b:
        return np.nan
    shared = np.array([[len(set(x) & set(y)) / max(len(x), len(y), 1) for y in b] for x in a])
    rows, cols = linear_sum_assignment(-shared)
    return float(shared[rows, cols].sum() / max(len(a), len(b)))


@dataclasses.dataclass(frozen=True)
class StabilityResult(Result):
    """How alike the topics of several fitted models are (see :func:`stability`): a result object of
    :mod:`cobs.stats`; ``to_frame()`` gives one row with ``stability``, ``sd`` and ``n_models``.

    Attributes
    ----------
    stability : float
        Mean best-match overlap of top terms over every pair of models (1: the same topics).
    sd : float
        Standard deviation of the overlap over the pairs.
    n_models : int
        Models compared.
    pairs : ndarray
        The overlap of each pair of models, in the order of ``itertools.combinations`` (not in the frame).
    """

    stability: float
    sd: float
    n_models: int
    pairs: np.ndarray = dataclasses.field(metadata={"frame": False})


def stability(models: Sequence[TopicModel], *, n_terms: int | None = None) -> StabilityResult:
    """Mean best-match overlap of top terms between every two of the fitted models.

    The topics of two models are matched one to one so that the shared top terms
    are most (Hungarian matching, as in Greene, O'Callaghan and Cunningham 2014);
    the overlap is the mean share of top terms a topic shares with its match
    (unmatched topics count 0 when the models differ in size). 1: every model
    found the same topics.

    Parameters
    ----------
    models : sequence of TopicModel
        Two or more fitted models (e.g. on subsamples, or with other seeds).
    n_terms : int, optional
        Top terms per topic (default each model's ``n_terms``).

    Returns
    -------
    StabilityResult
        ``stability`` (the mean overlap), ``sd``, ``n_models`` and ``pairs``.

    Examples
    --------
    Two models, each with its seed and without the other's first texts, find
    the same two topics:

    >>> from cobs.topics import TopicModel, stability
    >>> texts = ["school teachers pupils", "school teachers", "school", "court judges", "court"] * 4
    >>> models = [TopicModel(n_topics=2, min_df=1, ngram_range=(1, 1), random_state=s).fit(texts[s:]) for s in (0, 5)]
    >>> [m.top_terms(2) for m in models]
    [[['school', 'teachers'], ['court', 'judges']], [['school', 'teachers'], ['court', 'judges']]]
    >>> result = stability(models)
    >>> result.stability, result.n_models
    (1.0, 2)
    """
    models = list(models)
    if len(models) < 2:
        raise ValueError(invalid_value("models", models, "at least 2 fitted models", got=f"{len(models)}"))
    n = check_int(n_terms, "n_terms", allow_none=True)
    tops = [m.top_terms(n) for m in models]
    pairs = np.array([_overlaps(a, b) for a, b in itertools.combinations(tops, 2)], dtype=np.float64)
    return StabilityResult(stability=float(pairs.mean()), sd=float(pairs.std()), n_models=len(models), pairs=pairs)


def _units(X: object) -> np.ndarray:
    """What to hold apart and subsample: documents (COs) when there are 5 or more, else paragraphs, else rows."""
    if isinstance(X, pd.DataFrame):
        if "symbol" in X.columns and X["symbol"].nunique() >= 5:
            return pd.factorize(X["symbol"].astype(object))[0]
        if {"symbol", "para"} <= set(X.columns):
            keys = pd.MultiIndex.from_arrays([X["symbol"].astype(object), X["para"].astype(object)])
            return pd.factorize(keys)[0]
    return np.arange(len(X))  # type: ignore[arg-type]


def _take(X: object, rows: np.ndarray) -> object:
    if isinstance(X, pd.DataFrame):
        return X.iloc[rows]
    return [X[i] for i in rows]  # type: ignore[index]


def select_k(
    X: Sequence[str] | pd.DataFrame,
    ks: Iterable[int] = range(5, 31, 5),
    *,
    n_seeds: int = 5,
    held_out: float = 0.2,
    reference: Sequence[str] | pd.DataFrame | None = None,
    subsample: float = 0.8,
    model: TopicModel | None = None,
    random_state: int | np.random.RandomState | None = None,
    shape: Literal["wide", "long"] = "wide",
) -> pd.DataFrame:
    """Coherence, exclusivity, FREX and stability of topic models for several numbers of topics.

    The texts are split once (seeded) into a part to learn from and a part held
    apart (``held_out``; whole COs when a table has five or more symbols, else
    paragraphs, else texts). For each k and each of ``n_seeds`` seeds, a
    :class:`TopicModel` learns from its own random subsample (``subsample``) of the
    first part; its topics are scored by NPMI :func:`coherence` on the held-apart
    part, by :func:`exclusivity` and by :func:`frex` (exclusivity that also asks
    the top terms to be frequent in the topic, as stm reports it), and the seeds'
    models are compared by :func:`stability`. A good k is coherent and stable;
    exclusivity's floor (1/k) moves with k, so compare it between neighbouring ks
    only. With NMF's default start (NNDSVD) a seed changes next to nothing: the
    seeds' models differ by their subsamples, so that stability measures how far
    the topics depend on the COs learnt from, not on the solver's start (for that,
    pass ``model=TopicModel(init="random")``). On the 112 English
    CRPD COs of ../shared, coherence falls from 0.37 (k=5) to 0.18 (k=30) and
    stability peaks at k=10 (0.89; ``benchmarks/bench_topics.py --select-k``).

    Parameters
    ----------
    X : sequence of str, or pandas.DataFrame
        Texts, or a cobs table (as for :class:`TopicModel`).
    ks : iterable of int, default=range(5, 31, 5)
        Numbers of topics to try.
    n_seeds : int, default=5
        Models per k (each with its subsample and its ``random_state``).
    held_out : float, default=0.2
        Share of the units held apart for coherence, in (0, 1).
    reference : sequence of str, or pandas.DataFrame, optional
        Texts to measure coherence on instead of a held-apart part; then every
        unit of ``X`` is learnt from. For one CO, whose held-apart paragraphs
        are too few to count co-occurrences on (coherence near -1 whatever k),
        give the other COs' actions.
    subsample : float, default=0.8
        Share of the remaining units each model learns from, in (0, 1].
    model : TopicModel, optional
        The settings to try k with (``method``, ``context``, ``templates``, ...):
        every model fitted is a clone of it with ``n_topics`` and ``random_state``
        set by select_k. Default: ``TopicModel()``'s defaults.
    random_state : int, RandomState instance or None, default=None
        Seed of the split and of the subsamples, as in scikit-learn; with an int
        ``s0``, model ``s`` gets ``random_state = s0 + s`` (pass an int for the
        same table run after run).
    shape : {"wide", "long"}, default="wide"
        One row per k (:data:`cobs.columns.SELECT_K_COLUMNS`), or one row per k and
        measure (``k``, ``measure``, ``value``, ``sd``: ready for an elbow plot
        with one line per measure).

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import cobs, cobs.topics
    >>> actions = cobs.measure(cobs.read_corpus("corpus"))
    >>> table = cobs.topics.select_k(actions, ks=[4, 8], n_seeds=2, random_state=0)
    >>> table.columns.tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['k', 'n_topics', 'coherence', 'coherence_sd', 'exclusivity', 'exclusivity_sd', 'frex', 'frex_sd',
     'stability', 'stability_sd']
    >>> table["k"].tolist()
    [4, 8]
    """
    ks = [int(k) for k in ks]
    if not ks or any(k < 1 for k in ks):
        raise ValueError(invalid_value("ks", ks, "positive numbers of topics"))
    check_int(n_seeds, "n_seeds", least=2, expected="an int >= 2 (stability compares models)")
    check_number(held_out, "held_out", "a share in (0, 1)", lambda v: 0 < v < 1)
    check_number(subsample, "subsample", "a share in (0, 1]", lambda v: 0 < v <= 1)
    check_choice(shape, "shape", ("wide", "long"))
    if model is None:
        model = TopicModel()
    elif not isinstance(model, TopicModel):
        raise TypeError(invalid_value("model", model, "a cobs.topics.TopicModel or None",
                                      "pass TopicModel(...) with the settings to try k with"))
    template = clone(model)
    template._check_params()
    random_state = seed(random_state)
    if not isinstance(X, pd.DataFrame):
        X = read_input(X, column="text").own
    units = _units(X)
    distinct = np.unique(units)
    if len(distinct) < 3:
        raise ValueError(f"X holds {len(distinct)} unit(s) to split; select_k needs at least 3 texts")
    if reference is None:
        n_apart = min(len(distinct) - 2, max(1, int(round(held_out * len(distinct)))))
        apart_units = np.random.RandomState(random_state).permutation(distinct)[:n_apart]
        reference = _take(X, np.flatnonzero(np.isin(units, apart_units)))
        learn_units = np.setdiff1d(distinct, apart_units)
    else:
        read_input(reference, column=template.column, name="reference")  # fails early on bad input
        learn_units = distinct
    samples = []
    for s in range(n_seeds):
        chosen = np.random.RandomState(random_state + s).permutation(learn_units)
        chosen = chosen[:max(2, int(round(subsample * len(learn_units))))]
        samples.append(_take(X, np.flatnonzero(np.isin(units, chosen))))
    rows = []
    shrunk: dict[int, int] = {}
    for k in ks:
        models, coh, exc, fre = [], [], [], []
        for s, sample in enumerate(samples):
            fitted_model = clone(template).set_params(n_topics=k, random_state=random_state + s)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", SmallCorpusWarning)
                fitted_model.fit(sample)
            models.append(fitted_model)
            coh.append(np.nanmean(coherence(fitted_model, reference)))
            exc.append(np.nanmean(exclusivity(fitted_model)))
            fre.append(np.nanmean(frex(fitted_model)))
        pairs = [_overlaps(a.top_terms(), b.top_terms()) for a, b in itertools.combinations(models, 2)]
        fitted = max(m.n_topics_ for m in models)
        if fitted < k:
            shrunk[k] = fitted
        rows.append({"k": k, "n_topics": fitted, "coherence": float(np.mean(coh)), "coherence_sd": float(np.std(coh)),
                     "exclusivity": float(np.mean(exc)), "exclusivity_sd": float(np.std(exc)),
                     "frex": float(np.mean(fre)), "frex_sd": float(np.std(fre)),
                     "stability": float(np.mean(pairs)), "stability_sd": float(np.std(pairs))})
    if shrunk:
        warnings.warn(f"the corpus is too small for some k: {', '.join(f'k={k} fitted {n}' for k, n in shrunk.items())}"
                      " topics (see the n_topics column)", SmallCorpusWarning, stacklevel=2)
    wide = pd.DataFrame(rows, columns=list(SELECT_K_COLUMNS))
    if shape == "wide":
        return wide
    long = [{"k": r["k"], "measure": m, "value": r[m], "sd": r[f"{m}_sd"]}
            for r in rows for m in ("coherence", "exclusivity", "frex", "stability")]
    return pd.DataFrame(long, columns=["k", "measure", "value", "sd"])


"""How much of a group's recommendations each topic takes, with bootstrap intervals."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np
import pandas as pd
from sklearn.utils import check_random_state

from cobs._checks import check_flag, check_int, check_names, check_number, check_table
from cobs.columns import CONTRAST_COLUMNS, PREVALENCE_COLUMNS, REFIT_COLUMNS
from cobs.errors import invalid_value
from cobs.topics._model import TopicModel
from cobs.topics._refit import REAPPEAR_COSINE, refit_interval, refit_means, refit_summary

__all__ = ["contrast", "prevalence"]


N_BOOT = 1000
"""Bootstrap resamples of :func:`prevalence` and :func:`contrast` under the fitted model."""

N_REFITS = 50
"""Bootstrap resamples (each a refitted model) of :func:`prevalence` and :func:`contrast` with ``refit=True``."""

MIN_BOOT = 100
"""The fewest bootstrap resamples ``n_boot`` may ask for (a 95 % percentile interval from fewer is mostly noise)."""

MIN_REFITS = 20
"""The fewest refitted models ``n_boot`` may ask for with ``refit=True``."""


def _check_boot(n_boot: object, confidence_level: object, refit: object, min_cosine: object) -> int:
    """``n_boot`` (its default where None) after checking the bootstrap's arguments."""
    check_flag(refit, "refit")
    check_number(min_cosine, "min_cosine", "a cosine in (0, 1]", lambda v: 0 < v <= 1)
    if n_boot is None:
        n_boot = N_REFITS if refit else N_BOOT
    if refit:
        check_int(n_boot, "n_boot", least=MIN_REFITS, expected=f"an int >= {MIN_REFITS} (refitted models) or None")
    else:
        check_int(n_boot, "n_boot", least=MIN_BOOT, expected=f"an int >= {MIN_BOOT} (bootstrap resamples) or None")
    check_number(confidence_level, "confidence_level", "a probability in (0, 1) such as 0.95", lambda v: 0 < v < 1)
    return int(n_boot)


def _nothing_counted(table: pd.DataFrame) -> ValueError:
    return ValueError(f"no row of table ({len(table)} rows) counts: every row is a template the model leaves out or "
                      "has no term of the model's vocabulary")


def _resample(shares: np.ndarray, units: np.ndarray, n_boot: int, rng: np.random.RandomState) -> np.ndarray:
    """Bootstrap means of ``shares`` rows, resampling ``units`` (documents or rows) with replacement: (n_boot, k)."""
    codes, inverse = np.unique(units, return_inverse=True)
    sums = np.zeros((len(codes), shares.shape[1]))
    np.add.at(sums, inverse, shares)
    counts = np.bincount(inverse, minlength=len(codes)).astype(np.float64)
    draws = rng.multinomial(len(codes), np.full(len(codes), 1.0 / len(codes)), size=n_boot).astype(np.float64)
    return (draws @ sums) / (draws @ counts)[:, None]


def _units(document: np.ndarray | None, rows: np.ndarray) -> tuple[np.ndarray, str]:
    """Whole documents when the rows span two or more, else the rows themselves."""
    if document is not None and len(np.unique(document[rows])) >= 2:
        return document[rows], "documents"
    return rows, "rows"


def prevalence(
    model: TopicModel,
    table: pd.DataFrame,
    *,
    by: str | Sequence[str] = "symbol",
    n_boot: int | None = None,
    confidence_level: float = 0.95,
    refit: bool = False,
    min_cosine: float = REAPPEAR_COSINE,
    random_state: int | np.random.RandomState | None = None,
) -> pd.DataFrame:
    """Mean topic share of each group of rows, with a bootstrap confidence interval.

    The rows of a CO are not independent draws (its paragraphs share a drafting),
    so where a group holds two or more documents the bootstrap resamples whole
    documents (a cluster bootstrap); a group of one document resamples its rows,
    which says how much the figure rests on single recommendations, not how
    another CO would look. ``resampled`` says which.

    By default the model stays as fitted: the interval says how the share would
    vary with other COs read by *these* topics, not how far the topics
    themselves would come out otherwise (on the CRPD COs, the share of
    "discrimination" in 2011-14 was [0.086, 0.100] under the fitted model, and
    0.12 under a model refitted on a bootstrap sample of the COs).
    With ``refit=True`` the interval also holds the model's own uncertainty:
    each of ``n_boot`` bootstrap samples of whole COs (drawn within each group
    where every CO lies in one group and each group holds two or more, so that
    groups keep their number of COs; else from all the COs) is
    learnt anew by a clone of ``model`` (same settings and number of topics, a
    seed drawn from ``random_state``), the refit's topics are matched one to one
    to the model's (Hungarian matching on the cosine of their term weights), and
    a group's share of a topic in that sample is its share of the matched topic.
    A topic *reappears* in a refit when its match has a cosine of at least
    ``min_cosine``; ``reappeared`` is the share of refits where it does. The
    interval is the percentile interval of the group's share over those refits
    (``standard_error`` is its standard deviation), NaN where the topic
    reappears in fewer than half of the refits (the topic itself is then not a
    finding to report with a share). The interval need not be centred on
    ``mean``: where refits give a topic systematically less room than the model
    does, it says so. Tens of refits put the percentiles a little too close to
    the middle (30 refits: 10-15 % narrower than 1000 resamples of the same
    design on planted topics; Efron and Tibshirani 1993 ask about 1000 for a
    percentile interval, 25-200 for a standard error): for the figures of a
    paper, pass ``n_boot=200`` or read ``standard_error`` beside the interval.
    This is the bootstrap of the whole procedure, as Greene, O'Callaghan and
    Cunningham (2014) resample documents and match the
    refits' topics to measure topic stability.

    Parameters
    ----------
    model : TopicModel
        A fitted model.
    table : pandas.DataFrame
        A cobs table (read as in ``model.fit``); template rows are not counted
        unless the model keeps them, nor rows without a term of its vocabulary.
        With ``refit=True``, the table the refits learn from: give the table
        the model was fitted on (a model fitted with ``sample_weight`` is
        refitted without it).
    by : str or sequence of str, default="symbol"
        Columns to group by ("symbol": each document; "state", "year", ...).
    n_boot : int or None, default=None
        Bootstrap resamples: None is 1000 under the fitted model (at least
        100), 50 with ``refit=True`` (at least 20). Each refit costs about
        one fit of the model: 9.7 s on the 8,835 actions of the 112 CRPD COs
        (8 minutes for 50 refits, on 2 busy cores), 1.3 s on the 9 CRPD COs
        of the bundled corpus.
    confidence_level : float, default=0.95
        Confidence level of the percentile interval.
    refit : bool, default=False
        Refit the model on each bootstrap sample of COs (see above).
    min_cosine : float, default=0.5
        With ``refit=True``: the cosine between a topic's term weights and its
        match's from which the topic counts as reappearing. On the CRPD COs (12
        topics, 50 refits: ``benchmarks/bench_topics_refit.py``) the 600
        best-match cosines fall in two heaps, 557 at 0.7-1.0 and 42 below 0.5
        (39 below 0.3), with one between: 0.5 lies in the gap, where a match
        is as much another topic as the same one.
    random_state : int, RandomState instance or None, default=None
        Seed of the bootstrap and of the refits (as in scikit-learn: pass an int
        for the same intervals run after run).

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, then :data:`cobs.columns.PREVALENCE_COLUMNS` (``topic``,
        ``label``, ``mean``, ``ci_low``, ``ci_high``, ``n``, ``documents``,
        ``resampled``): one row per group and topic, groups sorted. With
        ``refit=True``, then :data:`cobs.columns.REFIT_COLUMNS` (``reappeared``,
        ``cosine``, ``refits``).

    Raises
    ------
    ValueError
        If ``table`` has no rows, or none that the model counts.

    Examples
    --------
    >>> import cobs, cobs.topics
    >>> actions = cobs.measure(cobs.read_corpus("corpus"))
    >>> model = cobs.topics.TopicModel(n_topics=6).fit(actions)
    >>> shares = cobs.topics.prevalence(model, actions, by="committee", random_state=0)
    >>> shares.groupby("committee")["mean"].sum().round(6).tolist()
    [1.0, 1.0]

    With refits (20 models: half a minute on the bundled CRPD COs, so not run here;
    ``tests/test_topics.py`` runs it on planted topics):

    >>> crpd = actions[actions["committee"] == "CRPD"]
    >>> model = cobs.topics.TopicModel(n_topics=4, random_state=0).fit(crpd)
    >>> refits = cobs.topics.prevalence(model, crpd, by="year", refit=True, n_boot=20, random_state=0)  # doctest: +SKIP
    """
    columns = check_names(by, "by")
    if not columns:
        raise ValueError(invalid_value("by", by, "at least one column name", "e.g. by='state' or by=['state', 'year']"))
    check_table(table, columns, what="a cobs table with the columns to group by")
    n_boot = _check_boot(n_boot, confidence_level, refit, min_cosine)
    rng = check_random_state(random_state)
    corpus, shares, counted = model._read(table, "table")
    if not counted.any():
        raise _nothing_counted(table)
    labels = model.topics_["label"].tolist()
    alpha = (1 - confidence_level) / 2
    keys = table.loc[counted, columns].reset_index(drop=True)
    positions = np.flatnonzero(counted)
    groups = [(key, positions[group.index.to_numpy()])
              for key, group in keys.groupby(columns, sort=True, dropna=False)]
    if refit:
        draws, cosines = refit_means(model, table, corpus, [rows for _, rows in groups], n_boot=n_boot, rng=rng,
                                     min_cosine=min_cosine)
        reappeared, cosine, enough = refit_summary(cosines, min_cosine)
    out = []
    for g, (key, rows) in enumerate(groups):
        units, what = _units(corpus.document, rows)
        mean = shares[rows].mean(axis=0)
        if refit:
            low, high, se, used = refit_interval(draws[g], confidence_level, enough)
        else:
            boot = _resample(shares[rows], units, n_boot, rng)
            low, high = np.quantile(boot, [alpha, 1 - alpha], axis=0)
        documents = len(np.unique(corpus.document[rows])) if corpus.document is not None else 0
        values = key if isinstance(key, tuple) else (key,)
        for k, label in enumerate(labels):
            row = (*values, k, label, float(mean[k]), float(low[k]), float(high[k]), len(rows), documents, what)
            if refit:
                row = (*row, float(reappeared[k]), float(cosine[k]), int(used[k]), float(se[k]))
            out.append(row)
    result = pd.DataFrame(out, columns=[*columns, *PREVALENCE_COLUMNS, *(REFIT_COLUMNS if refit else ())])
    for c in columns:  # keep the grouping columns' types (Int64 years, categories)
        result[c] = result[c].astype(table[c].dtype) if len(result) else result[c]
    return result


def contrast(
    model: TopicModel,
    table: pd.DataFrame,
    focus: Hashable,
    *,
    by: str = "symbol",
    n_boot: int | None = None,
    confidence_level: float = 0.95,
    refit: bool = False,
    min_cosine: float = REAPPEAR_COSINE,
    random_state: int | np.random.RandomState | None = None,
) -> pd.DataFrame:
    """Topic shares of one CO (or State, or any group) against all other rows of the table.

    ``difference`` is the focus's mean share minus the others'; its interval
    comes from resampling both sides independently (documents where a side has
    two or more, else rows; see :func:`prevalence`). The committees' drafting
    changes over the years for every State at once: to ask what is particular
    to one State, compare it with COs of the same years (filter ``table`` first).
    With ``refit=True`` each resample is learnt anew and its topics matched to
    the model's, as for :func:`prevalence`: the interval of the difference then
    holds the model's own uncertainty, and ``reappeared`` says how often each
    topic came back.

    Parameters
    ----------
    model : TopicModel
        A fitted model.
    table : pandas.DataFrame
        A cobs table holding the focus rows and the others.
    focus : object
        The value of ``by`` that selects the focus rows ("CRPD/C/AZE/CO/1", or a
        State code with ``by="state"``).
    by : str, default="symbol"
        The column ``focus`` is looked up in.
    n_boot, confidence_level, refit, min_cosine, random_state
        As for :func:`prevalence`.

    Returns
    -------
    pandas.DataFrame
        The ``by`` column (the focus), then :data:`cobs.columns.CONTRAST_COLUMNS`
        (``topic``, ``label``, ``mean``, ``rest_mean``, ``difference``, ``ci_low``,
        ``ci_high``, ``n``, ``rest_n``): one row per topic; with ``refit=True``,
        then :data:`cobs.columns.REFIT_COLUMNS`.

    Raises
    ------
    ValueError
        If ``table`` has no rows, ``focus`` is not in ``table[by]``, or a side
        has no row the model counts.

    Examples
    --------
    >>> import cobs, cobs.topics
    >>> actions = cobs.measure(cobs.read_corpus("corpus"))
    >>> model = cobs.topics.TopicModel(n_topics=6).fit(actions)
    >>> table = cobs.topics.contrast(model, actions, "CRPD/C/AZE/CO/1", random_state=0)
    >>> table.columns.tolist()[:6]
    ['symbol', 'topic', 'label', 'mean', 'rest_mean', 'difference']
    >>> bool((table["ci_low"] <= table["difference"]).all() and (table["difference"] <= table["ci_high"]).all())
    True
    """
    if not isinstance(by, str):
        raise TypeError(invalid_value("by", by, "one column name"))
    check_table(table, [by], what="a cobs table with the column to select by")
    n_boot = _check_boot(n_boot, confidence_level, refit, min_cosine)
    rng = check_random_state(random_state)
    corpus, shares, counted = model._read(table, "table")
    selected = (table[by] == focus).fillna(False).to_numpy(dtype=bool)
    if not selected.any():
        values = pd.unique(table[by].dropna())
        shown = ", ".join(map(repr, values[:8])) + (", ..." if len(values) > 8 else "")
        raise ValueError(invalid_value("focus", focus, f"a value of table[{by!r}] ({shown})"))
    mine, rest = np.flatnonzero(selected & counted), np.flatnonzero(~selected & counted)
    if not len(mine) or not len(rest):
        side = "focus" if not len(mine) else "other"
        raise ValueError(f"no {side} row left to compare: every such row is a template or has no term of the "
                         "model's vocabulary")
    alpha = (1 - confidence_level) / 2
    extra: list[tuple[float, float, int]] = []
    if refit:
        (draws_mine, draws_rest), cosines = refit_means(model, table, corpus, [mine, rest], n_boot=n_boot, rng=rng,
                                                        min_cosine=min_cosine)
        reappeared, cosine, enough = refit_summary(cosines, min_cosine)
        low, high, se, used = refit_interval(draws_mine - draws_rest, confidence_level, enough)
        extra = [(float(reappeared[k]), float(cosine[k]), int(used[k]), float(se[k])) for k in range(model.n_topics_)]
    else:
        boot_mine = _resample(shares[mine], _units(corpus.document, mine)[0], n_boot, rng)
        boot_rest = _resample(shares[rest], _units(corpus.document, rest)[0], n_boot, rng)
        low, high = np.quantile(boot_mine - boot_rest, [alpha, 1 - alpha], axis=0)
    mean, rest_mean = shares[mine].mean(axis=0), shares[rest].mean(axis=0)
    out = [(focus, k, label, float(mean[k]), float(rest_mean[k]), float(mean[k] - rest_mean[k]), float(low[k]),
            float(high[k]), len(mine), len(rest), *(extra[k] if refit else ()))
           for k, label in enumerate(model.topics_["label"])]
    return pd.DataFrame(out, columns=[by, *CONTRAST_COLUMNS, *(REFIT_COLUMNS if refit else ())])

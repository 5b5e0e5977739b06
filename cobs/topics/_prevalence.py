"""How much of a group's recommendations each topic takes, with bootstrap intervals."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np
import pandas as pd
from sklearn.utils import check_random_state

from cobs._checks import check_int, check_names, check_number, check_table
from cobs.columns import CONTRAST_COLUMNS, PREVALENCE_COLUMNS
from cobs.errors import invalid_value
from cobs.topics._model import TopicModel

__all__ = ["contrast", "prevalence"]


def _check_boot(n_boot: object, confidence_level: object) -> None:
    check_int(n_boot, "n_boot", least=100, expected="an int >= 100 (bootstrap resamples)")
    check_number(confidence_level, "confidence_level", "a probability in (0, 1) such as 0.95", lambda v: 0 < v < 1)


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
    n_boot: int = 1000,
    confidence_level: float = 0.95,
    random_state: int | np.random.RandomState | None = None,
) -> pd.DataFrame:
    """Mean topic share of each group of rows, with a bootstrap confidence interval.

    The rows of a CO are not independent draws (its paragraphs share a drafting),
    so where a group holds two or more documents the bootstrap resamples whole
    documents (a cluster bootstrap); a group of one document resamples its rows,
    which says how much the figure rests on single recommendations, not how
    another CO would look. ``resampled`` says which.

    Parameters
    ----------
    model : TopicModel
        A fitted model.
    table : pandas.DataFrame
        A cobs table (read as in ``model.fit``); template rows are not counted
        unless the model keeps them, nor rows without a term of its vocabulary.
    by : str or sequence of str, default="symbol"
        Columns to group by ("symbol": each document; "state", "year", ...).
    n_boot : int, default=1000
        Bootstrap resamples.
    confidence_level : float, default=0.95
        Confidence level of the percentile interval.
    random_state : int, RandomState instance or None, default=None
        Seed of the bootstrap (as in scikit-learn: pass an int for the same
        intervals run after run).

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, then :data:`cobs.columns.PREVALENCE_COLUMNS` (``topic``,
        ``label``, ``mean``, ``ci_low``, ``ci_high``, ``n``, ``documents``,
        ``resampled``): one row per group and topic, groups sorted.

    Examples
    --------
    >>> import cobs, cobs.topics
    >>> actions = cobs.measure(cobs.read_corpus("corpus"))
    >>> model = cobs.topics.TopicModel(n_topics=6).fit(actions)
    >>> shares = cobs.topics.prevalence(model, actions, by="committee", random_state=0)
    >>> shares.groupby("committee")["mean"].sum().round(6).tolist()
    [1.0, 1.0]
    """
    columns = check_names(by, "by")
    if not columns:
        raise ValueError(invalid_value("by", by, "at least one column name", "e.g. by='state' or by=['state', 'year']"))
    check_table(table, columns, what="a cobs table with the columns to group by")
    _check_boot(n_boot, confidence_level)
    rng = check_random_state(random_state)
    corpus, shares, counted = model._read(table)
    labels = model.topics_["label"].tolist()
    alpha = (1 - confidence_level) / 2
    keys = table.loc[counted, columns].reset_index(drop=True)
    positions = np.flatnonzero(counted)
    out = []
    for key, group in keys.groupby(columns, sort=True, dropna=False):
        rows = positions[group.index.to_numpy()]
        units, what = _units(corpus.document, rows)
        boot = _resample(shares[rows], units, n_boot, rng)
        low, high = np.quantile(boot, [alpha, 1 - alpha], axis=0)
        mean = shares[rows].mean(axis=0)
        documents = len(np.unique(corpus.document[rows])) if corpus.document is not None else 0
        values = key if isinstance(key, tuple) else (key,)
        for k, label in enumerate(labels):
            out.append((*values, k, label, float(mean[k]), float(low[k]), float(high[k]), len(rows), documents, what))
    result = pd.DataFrame(out, columns=[*columns, *PREVALENCE_COLUMNS])
    for c in columns:  # keep the grouping columns' types (Int64 years, categories)
        result[c] = result[c].astype(table[c].dtype) if len(result) else result[c]
    return result


def contrast(
    model: TopicModel,
    table: pd.DataFrame,
    focus: Hashable,
    *,
    by: str = "symbol",
    n_boot: int = 1000,
    confidence_level: float = 0.95,
    random_state: int | np.random.RandomState | None = None,
) -> pd.DataFrame:
    """Topic shares of one CO (or State, or any group) against all other rows of the table.

    ``difference`` is the focus's mean share minus the others'; its interval
    comes from resampling both sides independently (documents where a side has
    two or more, else rows; see :func:`prevalence`). The committees' drafting
    changes over the years for every State at once: to ask what is particular
    to one State, compare it with COs of the same years (filter ``table`` first).

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
    n_boot, confidence_level, random_state
        As for :func:`prevalence`.

    Returns
    -------
    pandas.DataFrame
        The ``by`` column (the focus), then :data:`cobs.columns.CONTRAST_COLUMNS`
        (``topic``, ``label``, ``mean``, ``rest_mean``, ``difference``, ``ci_low``,
        ``ci_high``, ``n``, ``rest_n``): one row per topic.

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
    _check_boot(n_boot, confidence_level)
    rng = check_random_state(random_state)
    corpus, shares, counted = model._read(table)
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
    boot_mine = _resample(shares[mine], _units(corpus.document, mine)[0], n_boot, rng)
    boot_rest = _resample(shares[rest], _units(corpus.document, rest)[0], n_boot, rng)
    alpha = (1 - confidence_level) / 2
    low, high = np.quantile(boot_mine - boot_rest, [alpha, 1 - alpha], axis=0)
    mean, rest_mean = shares[mine].mean(axis=0), shares[rest].mean(axis=0)
    out = [(focus, k, label, float(mean[k]), float(rest_mean[k]), float(mean[k] - rest_mean[k]), float(low[k]),
            float(high[k]), len(mine), len(rest)) for k, label in enumerate(model.topics_["label"])]
    return pd.DataFrame(out, columns=[by, *CONTRAST_COLUMNS])

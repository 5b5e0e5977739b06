"""The bootstrap over documents: whole COs resampled with replacement (a cluster bootstrap)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from cobs._checks import check_int, check_names, check_number
from cobs.errors import invalid_value
from cobs.stats._result import ConfidenceInterval, Result

__all__ = ["BootstrapResult", "bootstrap"]


@dataclasses.dataclass(frozen=True)
class BootstrapResult(Result):
    """What :func:`bootstrap` found.

    Attributes
    ----------
    estimate : float or numpy.ndarray
        The statistic on the table as given.
    confidence_interval : ConfidenceInterval
        Percentile interval of the bootstrap distribution (``low``, ``high``).
    standard_error : float or numpy.ndarray
        Standard deviation of the bootstrap distribution.
    confidence_level : float
        The interval's level.
    n_clusters : int
        Clusters (documents) resampled.
    n_resamples : int
        Bootstrap resamples drawn.
    bootstrap_distribution : numpy.ndarray
        The statistic on each resample (``n_resamples`` rows); not in ``to_frame()``.
    """

    estimate: object
    confidence_interval: ConfidenceInterval
    standard_error: object
    confidence_level: float
    n_clusters: int
    n_resamples: int
    bootstrap_distribution: np.ndarray = dataclasses.field(metadata={"frame": False}, repr=False)


def check_confidence_level(value: object) -> float:
    """``value`` as a probability in (0, 1), or a ValueError naming ``confidence_level``."""
    return check_number(value, "confidence_level", "a probability in (0, 1) such as 0.95", lambda v: 0 < v < 1)


def bootstrap(
    table: pd.DataFrame,
    statistic: Callable[[pd.DataFrame], object],
    *,
    cluster: str = "symbol",
    strata: str | Sequence[str] | None = None,
    n_resamples: int = 1000,
    confidence_level: float = 0.95,
    random_state: int | np.random.RandomState | None = None,
) -> BootstrapResult:
    """A statistic of a table with a bootstrap interval that resamples whole documents (clusters).

    The rows of a CO are not independent draws, so the bootstrap draws whole COs
    with replacement (the cluster bootstrap; Davison and Hinkley 1997, sec. 3.8;
    Cameron and Miller 2015, sec. VI), within each stratum when ``strata`` is given
    (the two periods of a comparison keep their sizes), and computes the statistic on
    each resampled table. The interval is the percentile interval.

    Parameters
    ----------
    table : pandas.DataFrame
        Rows (actions, paragraphs) with the ``cluster`` column.
    statistic : callable
        ``statistic(table) -> float or 1-D array``: computed on ``table`` and on each
        resample (a resample holds a drawn document's rows as many times as it was
        drawn; the index is not unique).
    cluster : str, default "symbol"
        The column naming each row's document.
    strata : str or list of str, optional
        Columns whose groups are resampled separately (each keeps its number of
        documents).
    n_resamples : int, default 1000
        Bootstrap resamples (at least 100).
    confidence_level : float, default 0.95
        Level of the interval.
    random_state : int, RandomState or None, default None
        Seed (as scikit-learn): an int gives the same interval run after run.

    Returns
    -------
    BootstrapResult
        ``estimate``, ``confidence_interval``, ``standard_error``, ``confidence_level``,
        ``n_clusters``, ``n_resamples``, ``bootstrap_distribution``.

    Raises
    ------
    ValueError
        If a column is missing, a stratum has no document, or an option is out of range.

    Examples
    --------
    >>> import pandas as pd
    >>> from cobs.stats import bootstrap
    >>> rows = pd.DataFrame({"symbol": ["A"] * 4 + ["B"] * 4 + ["C"] * 4,
    ...                      "urged": [1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]})
    >>> result = bootstrap(rows, lambda t: t["urged"].mean(), n_resamples=200, random_state=0)
    >>> round(result.estimate, 3), result.n_clusters
    (0.333, 3)
    >>> list(result.to_frame().columns)
    ['estimate', 'ci_low', 'ci_high', 'standard_error', 'confidence_level', 'n_clusters', 'n_resamples']
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(invalid_value("table", table, "a pandas DataFrame"))
    if not callable(statistic):
        raise TypeError(invalid_value("statistic", statistic, "a function of a table returning a number or array"))
    groups = check_names(strata, "strata") if strata is not None else []
    missing = [c for c in [cluster, *groups] if c not in table.columns]
    if missing:
        raise ValueError(f"table has no column {', '.join(map(repr, missing))}: give cluster= (and strata=) columns "
                         f"of the table; it has {list(table.columns)[:12]}")
    n_resamples = check_int(n_resamples, "n_resamples", least=100, expected="an int >= 100 (bootstrap resamples)")
    level = check_confidence_level(confidence_level)
    rng = random_state if isinstance(random_state, np.random.RandomState) else np.random.RandomState(random_state)
    frame = table.reset_index(drop=True)
    keys = frame[cluster].astype(object).where(frame[cluster].notna(), None)
    if keys.isna().any():
        raise ValueError(f"table's {cluster!r} is missing on {int(keys.isna().sum())} rows: every row needs its "
                         "document")
    # the rows of each cluster, and each cluster's stratum
    codes, uniques = pd.factorize(keys, sort=True)
    rows_of = [np.flatnonzero(codes == k) for k in range(len(uniques))]
    if groups:
        first = frame.groupby(codes, sort=True)[groups].first()
        stratum = pd.factorize(pd.MultiIndex.from_frame(first.astype(object)), sort=True)[0]
    else:
        stratum = np.zeros(len(uniques), dtype=int)
    members = [np.flatnonzero(stratum == s) for s in np.unique(stratum)]
    estimate = np.asarray(statistic(frame), dtype=float)
    draws = []
    for _ in range(n_resamples):
        chosen = np.concatenate([rng.choice(m, size=len(m), replace=True) for m in members])
        index = np.concatenate([rows_of[k] for k in chosen])
        draws.append(np.asarray(statistic(frame.iloc[index]), dtype=float))
    distribution = np.array(draws)
    alpha = (1 - level) / 2
    low, high = np.nanquantile(distribution, [alpha, 1 - alpha], axis=0)
    error = np.nanstd(distribution, axis=0, ddof=1)

    def scalar(value: np.ndarray) -> object:
        return float(value) if np.ndim(value) == 0 else value

    return BootstrapResult(scalar(estimate), ConfidenceInterval(scalar(low), scalar(high)), scalar(error), level,
                           len(uniques), n_resamples, distribution)

"""OLS and WLS with standard errors clustered by document (statsmodels, loaded on first use)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np
import pandas as pd

from cobs._checks import check_flag, check_names
from cobs.errors import invalid_value
from cobs.stats._bootstrap import check_confidence_level
from cobs.stats._result import ConfidenceInterval, Result

__all__ = ["RegressionResult", "regress"]


@dataclasses.dataclass(frozen=True)
class RegressionResult(Result):
    """What :func:`regress` found: one value per outcome and term of the model.

    Attributes
    ----------
    outcome : numpy.ndarray of str
        The outcome column of each value (one model per outcome, the same terms).
    term : numpy.ndarray of str
        The model's terms: ``"Intercept"``, a numeric column's name, or
        ``"column[level]"`` for a level of a categorical column (its first level,
        sorted, is the reference).
    estimate : numpy.ndarray
        Coefficients.
    standard_error : numpy.ndarray
        Their standard errors: clustered by ``cluster`` (CR1, statsmodels' small-sample
        correction), else heteroskedasticity-robust (HC1).
    statistic : numpy.ndarray
        t statistics.
    p_value : numpy.ndarray
        Two-sided p-values, from Student's t with (clusters - 1) degrees of freedom
        when clustered (Cameron and Miller 2015), else (rows - terms).
    confidence_interval : ConfidenceInterval
        ``low`` and ``high`` arrays at ``confidence_level``.
    confidence_level : float
    n_obs : int
        Rows fitted.
    n_clusters : int
        Clusters (documents); the rows when not clustered.
    cov_type : str
        "cluster" or "HC1".
    model : list
        The fitted statsmodels results, one per outcome (``summary()``, ``cov_params()``); not in ``to_frame()``.
    """

    outcome: np.ndarray
    term: np.ndarray
    estimate: np.ndarray
    standard_error: np.ndarray
    statistic: np.ndarray
    p_value: np.ndarray
    confidence_interval: ConfidenceInterval
    confidence_level: float
    n_obs: int
    n_clusters: int
    cov_type: str
    model: object = dataclasses.field(metadata={"frame": False}, repr=False)

    def coefficient(self, term: str, outcome: str | None = None) -> float:
        """The coefficient of ``term`` (in the model of ``outcome``, by default the first); a KeyError if none."""
        outcome = self.outcome[0] if outcome is None else outcome
        where = np.flatnonzero((self.term == term) & (self.outcome == outcome))
        if not len(where):
            raise KeyError(f"no term {term!r} in the model of {outcome!r}; its terms are "
                           f"{sorted(set(self.term.tolist()))}, its outcomes {sorted(set(self.outcome.tolist()))}")
        return float(self.estimate[where[0]])


def _design(table: pd.DataFrame, x: list[str], intercept: bool) -> pd.DataFrame:
    parts = []
    if intercept:
        parts.append(pd.Series(1.0, index=table.index, name="Intercept"))
    for column in x:
        values = table[column]
        if pd.api.types.is_bool_dtype(values) or (pd.api.types.is_numeric_dtype(values)
                                                  and not isinstance(values.dtype, pd.CategoricalDtype)):
            parts.append(values.astype(float).rename(column))
            continue
        levels = (list(values.cat.categories) if isinstance(values.dtype, pd.CategoricalDtype)
                  else sorted(values.dropna().astype(str).unique()))
        shown = values.astype(object).map(lambda v: None if pd.isna(v) else str(v))
        levels = [str(level) for level in levels if str(level) in set(shown.dropna())]
        for level in levels[1 if intercept else 0:]:
            parts.append((shown == level).astype(float).rename(f"{column}[{level}]"))
    return pd.concat(parts, axis=1)


def regress(
    table: pd.DataFrame,
    y: str | Sequence[str],
    x: str | Sequence[str],
    *,
    cluster: str | None = "symbol",
    weights: str | None = None,
    intercept: bool = True,
    confidence_level: float = 0.95,
) -> RegressionResult:
    """Least squares (OLS, or WLS with ``weights``) with standard errors clustered by document.

    The regression political scientists fit to estimate differences between groups
    of documents with errors that may correlate within a document (Cameron and
    Miller 2015, "A practitioner's guide to cluster-robust inference", J. Human
    Resources 50(2)): statsmodels' ``OLS``/``WLS`` with ``cov_type="cluster"``
    (CR1) and t(G - 1) intervals. A categorical or text column enters as fixed
    effects: one indicator per level but the first (``"period[2022-2024]"``).
    statsmodels is imported on first call (``import cobs`` does not load it).

    Parameters
    ----------
    table : pandas.DataFrame
        One row per observation (an action, a document).
    y : str or list of str
        The outcome column (numbers or booleans); several columns fit one model each,
        on the same design (the shares of several topics or measures).
    x : str or list of str
        The regressors: numeric or boolean columns as they are, categorical or
        text columns as fixed effects; ``[]`` fits the mean alone (with its
        clustered interval).
    cluster : str or None, default "symbol"
        The column whose groups may have correlated errors; None gives
        heteroskedasticity-robust (HC1) errors, each row its own cluster.
    weights : str, optional
        A column of positive weights (WLS): ``1 / n`` of each document's rows gives
        every document the same weight.
    intercept : bool, default True
        Fit an intercept.
    confidence_level : float, default 0.95
        Level of the intervals.

    Returns
    -------
    RegressionResult
        One value per outcome and term (``to_frame()``: one row each, columns
        :data:`cobs.columns.REGRESSION_COLUMNS`).

    Raises
    ------
    ValueError
        If a column is missing, a value missing, weights not positive, or the design
        cannot be fitted (fewer rows than terms, fewer than two clusters).

    Examples
    --------
    >>> import pandas as pd
    >>> from cobs.stats import regress
    >>> rows = pd.DataFrame({"symbol": list("AABBCCDD"), "period": ["early"] * 4 + ["late"] * 4,
    ...                      "urged": [1, 1, 1, 0, 0, 0, 1, 0]})
    >>> fit = regress(rows, "urged", "period")
    >>> fit.term.tolist(), fit.estimate.round(2).tolist()
    (['Intercept', 'period[late]'], [0.75, -0.5])
    >>> fit.n_clusters
    4
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(invalid_value("table", table, "a pandas DataFrame"))
    outcomes = check_names(y, "y", required=True)
    regressors = check_names(x, "x")
    intercept = check_flag(intercept, "intercept")
    if not regressors and not intercept:
        raise ValueError("regress needs a term: give x columns, or keep intercept=True (x=[] fits the mean)")
    level = check_confidence_level(confidence_level)
    for name, value in (("cluster", cluster), ("weights", weights)):
        if value is not None and not isinstance(value, str):
            raise TypeError(invalid_value(name, value, "a column name (str) or None"))
    needed = [*outcomes, *regressors, *(c for c in (cluster, weights) if c is not None)]
    missing = [c for c in dict.fromkeys(needed) if c not in table.columns]
    if missing:
        raise ValueError(f"table has no column {', '.join(map(repr, missing))}; it has {list(table.columns)[:12]}")
    blank = table[list(dict.fromkeys(needed))].isna().any(axis=1)
    if blank.any():
        raise ValueError(f"{int(blank.sum())} row(s) of table have a missing value in {needed}: drop or fill them "
                         "first (a regression does not guess)")
    for column in outcomes:
        if not (pd.api.types.is_numeric_dtype(table[column]) or pd.api.types.is_bool_dtype(table[column])):
            raise ValueError(invalid_value("y", column, "a column of numbers or booleans",
                                           got=f"a column of {table[column].dtype}"))
    design = _design(table, regressors, intercept)
    if design.shape[1] == 0:
        raise ValueError(f"the columns {regressors} give no term: a categorical column needs two or more levels")
    if len(table) <= design.shape[1]:
        raise ValueError(f"table has {len(table)} rows for {design.shape[1]} terms {list(design.columns)}: a "
                         "regression needs more rows than terms")
    if np.linalg.matrix_rank(design.to_numpy()) < design.shape[1]:
        raise ValueError(f"the terms {list(design.columns)} are collinear (a level that never varies, a column that "
                         "repeats another): leave one out")
    from statsmodels.regression.linear_model import OLS, WLS

    w = None
    if weights is not None:
        w = table[weights].astype(float).to_numpy()
        if (w <= 0).any() or not np.isfinite(w).all():
            raise ValueError(invalid_value("weights", weights, "a column of positive, finite weights"))
    if cluster is not None:
        groups = pd.factorize(table[cluster].astype(object))[0]
        n_clusters = int(groups.max()) + 1
        if n_clusters < 2:
            raise ValueError(f"cluster {cluster!r} has {n_clusters} group: clustered errors need two or more")
        fitting: dict[str, object] = {"cov_type": "cluster", "cov_kwds": {"groups": groups}, "use_t": True}
    else:
        n_clusters = len(table)
        fitting = {"cov_type": "HC1", "use_t": True}
    X = design.to_numpy()
    fits = []
    for column in outcomes:
        outcome = table[column].astype(float).to_numpy()
        model = OLS(outcome, X) if w is None else WLS(outcome, X, weights=w)
        fits.append(model.fit(**fitting))
    k = design.shape[1]
    bounds = np.vstack([np.asarray(fit.conf_int(alpha=1 - level)) for fit in fits])

    def stacked(attribute: str) -> np.ndarray:
        return np.concatenate([np.asarray(getattr(fit, attribute), dtype=float) for fit in fits])

    return RegressionResult(
        outcome=np.repeat(np.array(outcomes, dtype=object), k), term=np.tile(np.array(design.columns, dtype=object),
                                                                             len(outcomes)),
        estimate=stacked("params"), standard_error=stacked("bse"), statistic=stacked("tvalues"),
        p_value=stacked("pvalues"), confidence_interval=ConfidenceInterval(bounds[:, 0], bounds[:, 1]),
        confidence_level=level, n_obs=len(table), n_clusters=n_clusters, cov_type=str(fitting["cov_type"]),
        model=fits)

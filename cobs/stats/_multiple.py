"""Multiple-testing adjustment of p-values: Benjamini-Hochberg q-values and Bonferroni."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from cobs._checks import check_choice
from cobs.errors import invalid_value

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ADJUST_METHODS", "adjust_p"]

ADJUST_METHODS = ("bh", "bonferroni")
"""The adjustments :func:`adjust_p` knows (as R's ``p.adjust``: "BH", "bonferroni")."""


def adjust_p(p_values: Sequence[float] | np.ndarray | pd.Series, *, method: str = "bh") -> np.ndarray:
    """p-values adjusted for the number of tests: Benjamini-Hochberg q-values or Bonferroni.

    ``"bh"`` gives Benjamini and Hochberg's (1995) adjusted p-values (q-values): a
    term with q < 0.05 belongs to a set of discoveries whose expected share of false
    ones is at most 5 % (the false discovery rate), for independent or positively
    dependent tests. ``"bonferroni"`` multiplies each p-value by the number of tests
    (capped at 1): the chance of any false discovery at all is at most the level.
    Both match R's ``p.adjust`` and statsmodels' ``multipletests`` ("fdr_bh",
    "bonferroni"). Missing values (NaN) stay missing and do not count as tests.

    Parameters
    ----------
    p_values : array-like of float
        p-values in [0, 1], one per test, in any order.
    method : {"bh", "bonferroni"}, default "bh"
        The adjustment.

    Returns
    -------
    numpy.ndarray
        The adjusted p-values, in the order given.

    Raises
    ------
    ValueError
        If a p-value is outside [0, 1] or the method is unknown.

    Examples
    --------
    >>> from cobs.stats import adjust_p
    >>> adjust_p([0.01, 0.02, 0.03, 0.5], method="bh").round(3).tolist()
    [0.04, 0.04, 0.04, 0.5]
    >>> adjust_p([0.01, 0.02, 0.03, 0.5], method="bonferroni").round(3).tolist()
    [0.04, 0.08, 0.12, 1.0]
    """
    check_choice(method, "method", ADJUST_METHODS)
    try:
        p = np.asarray(p_values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(invalid_value("p_values", p_values, "p-values (numbers in [0, 1])")) from exc
    if p.ndim != 1:
        p = p.ravel()
    known = ~np.isnan(p)
    if ((p[known] < 0) | (p[known] > 1)).any():
        bad = p[known][(p[known] < 0) | (p[known] > 1)][0]
        raise ValueError(invalid_value("p_values", float(bad), "p-values in [0, 1]"))
    out = np.full(p.shape, np.nan)
    values = p[known]
    m = len(values)
    if m == 0:
        return out
    if method == "bonferroni":
        out[known] = np.minimum(values * m, 1.0)
        return out
    order = np.argsort(values, kind="stable")
    ranked = values[order] * m / np.arange(1, m + 1)
    q = np.minimum.accumulate(ranked[::-1])[::-1]  # the step-up: each q is the least of those at or above its rank
    adjusted = np.empty(m)
    adjusted[order] = np.minimum(q, 1.0)
    out[known] = adjusted
    return out

"""Topic shares regressed on covariates with standard errors clustered by CO: stm's estimateEffect for cobs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from cobs._checks import check_choice, check_names, check_table
from cobs.columns import EFFECT_COLUMNS
from cobs.errors import invalid_value
from cobs.stats import adjust_p, check_confidence_level, regress
from cobs.topics._model import TopicModel

__all__ = ["effect"]


def effect(
    model: TopicModel,
    table: pd.DataFrame,
    covariates: str | Sequence[str],
    *,
    cluster: str | None = "symbol",
    unit: Literal["row", "document"] = "row",
    confidence_level: float = 0.95,
) -> pd.DataFrame:
    """How topic shares depend on covariates: a regression of each topic's share, errors clustered by CO.

    The analysis R users run with stm's ``estimateEffect`` (Roberts, Stewart and
    Tingley 2019, "stm: An R package for structural topic models", J. Stat.
    Software 91(2)): for each topic, its share of each row (an action, as
    :meth:`TopicModel.transform` gives it) regressed by least squares on the
    covariates, here with standard errors clustered by CO (the rows of one CO
    share a drafting; :func:`cobs.stats.regress`, CR1, t with clusters - 1
    degrees of freedom). A categorical or text covariate (``period``,
    ``committee``, ``region``) enters as fixed effects: one coefficient per level
    but the first, each the difference in mean share from the first level with
    the other covariates held fixed; a numeric one (``year``) as a slope.

    What it does not do: stm's default also carries the uncertainty of the
    topic shares themselves into the intervals (its "method of composition",
    drawing shares from the model's approximate posterior); NMF has no
    posterior, so these intervals are conditional on the fitted topics. Check
    that a topic you report reappears when the model is refitted
    (:func:`prevalence` with ``refit=True``) before reading its coefficients.

    Parameters
    ----------
    model : TopicModel
        A fitted model.
    table : pandas.DataFrame
        A cobs table (read as in ``model.fit``) with the covariates and the
        ``cluster`` column. Rows the model does not count (templates, unless
        kept; rows without a term of its vocabulary) are left out.
    covariates : str or sequence of str
        Columns of ``table`` to regress on. To compare regions, add the State's
        UN regional group first: ``table.assign(region=table["state"].map(
        cobs.reference.region))``. To choose a categorical covariate's
        reference level, make it a pandas Categorical with that level first.
    cluster : str or None, default="symbol"
        The column whose rows may have correlated errors (the CO); None for
        heteroskedasticity-robust errors, each row on its own.
    unit : {"row", "document"}, default="row"
        ``"row"``: every counted row weighs the same (a CO with more actions
        weighs more); ``"document"``: every CO weighs the same (rows weighted
        by one over their CO's counted rows; with covariates of the CO, the
        same as regressing the COs' mean shares, as stm does with documents).
    confidence_level : float, default=0.95
        Level of the intervals.

    Returns
    -------
    pandas.DataFrame
        One row per topic and term, topics in the order of ``model.topics_``:
        columns :data:`cobs.columns.EFFECT_COLUMNS` (``topic``, ``label``,
        ``term``, ``estimate``, ``standard_error``, ``ci_low``, ``ci_high``,
        ``p_value``, ``q_value``, ``n_obs``, ``n_clusters``,
        ``confidence_level``).

    Raises
    ------
    ValueError
        If ``table`` has no rows the model counts, a covariate is missing from
        it or has missing values among the counted rows, or the design cannot
        be fitted (fewer than two COs, collinear covariates).

    Examples
    --------
    >>> import cobs, cobs.topics
    >>> actions = cobs.measure(cobs.read_corpus("corpus"))
    >>> crpd = actions[actions["committee"] == "CRPD"]
    >>> model = cobs.topics.TopicModel(n_topics=4, random_state=0).fit(crpd)
    >>> table = cobs.topics.effect(model, crpd.assign(late=crpd["year"] >= 2018), "late")
    >>> table.columns.tolist()[:6]
    ['topic', 'label', 'term', 'estimate', 'standard_error', 'ci_low']
    >>> table["term"].unique().tolist(), int(table["n_clusters"].iloc[0])
    (['Intercept', 'late'], 9)
    """
    names = check_names(covariates, "covariates", required=True)
    check_choice(unit, "unit", ("row", "document"))
    level = check_confidence_level(confidence_level)
    if cluster is not None and not isinstance(cluster, str):
        raise TypeError(invalid_value("cluster", cluster, "a column name (str) or None"))
    needed = list(dict.fromkeys([*names, *([cluster] if cluster is not None else [])]))
    check_table(table, needed, what="a cobs table with the covariates and the cluster column")
    if unit == "document" and cluster is None:
        raise ValueError(invalid_value("unit", unit, "'row' when cluster is None",
                                       "unit='document' weighs the rows of each cluster (CO) alike: give cluster="))
    _, shares, counted = model._read(table, "table")
    if not counted.any():
        raise ValueError(f"no row of table ({len(table)} rows) counts: every row is a template the model leaves out "
                         "or has no term of the model's vocabulary")
    data = table.loc[counted, needed].reset_index(drop=True)
    blank = data.isna()
    if blank.any().any():
        where = {c: int(n) for c, n in blank.sum().items() if n}
        raise ValueError(f"covariates have missing values among the {len(data)} rows the model counts ({where}): "
                         "drop those rows or fill the values first (a regression does not guess)")
    outcomes = [f"topic {k}" for k in range(model.n_topics_)]
    data = pd.concat([data, pd.DataFrame(shares[counted], columns=outcomes)], axis=1)
    weights = None
    if unit == "document":
        weights = "weight of the row"
        data[weights] = 1.0 / data.groupby(cluster, sort=False, dropna=False)[cluster].transform("size")
    fit = regress(data, outcomes, names, cluster=cluster, weights=weights, confidence_level=level)
    frame = fit.to_frame()
    topic = frame["outcome"].map({name: k for k, name in enumerate(outcomes)}).astype(int)
    labels = model.topics_["label"].tolist()
    out = pd.DataFrame({"topic": topic, "label": topic.map(lambda k: labels[k]), "term": frame["term"].astype(str),
                        "estimate": frame["estimate"], "standard_error": frame["standard_error"],
                        "ci_low": frame["ci_low"], "ci_high": frame["ci_high"], "p_value": frame["p_value"]})
    out["q_value"] = np.nan
    for _, rows in out.groupby("term", sort=False):
        out.loc[rows.index, "q_value"] = adjust_p(rows["p_value"].to_numpy(), method="bh")
    out["n_obs"], out["n_clusters"], out["confidence_level"] = fit.n_obs, fit.n_clusters, level
    return out[list(EFFECT_COLUMNS)].reset_index(drop=True)

"""Profiles of recommendations per State, committee, year or cycle: counts and shares, tidy."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from cobs._checks import check_choice, check_flag, check_names, check_table
from cobs.compare._input import measured
from cobs.errors import invalid_value

__all__ = ["DIMENSIONS", "profile"]

DIMENSIONS = ("theme", "cluster_id", "strength", "action_category", "specificity", "time_bound")
"""What :func:`profile` can count."""

_ORDERED = {  # categories every group gets (zeros included), in order; a number for the mean
    "action_category": ["1", "2", "3", "4", "5"],
    "specificity": ["0", "1", "2", "3", "4"],
    "time_bound": ["False", "True"],
}


def _strength_levels() -> list[str]:
    from cobs.columns import STRENGTH_DTYPE

    return [str(c) for c in STRENGTH_DTYPE.categories]


def profile(
    actions: pd.DataFrame,
    *,
    by: str | Sequence[str] = "symbol",
    dimensions: Sequence[str] = DIMENSIONS,
    implementation: bool = True,
) -> pd.DataFrame:
    """Per group of recommendations, how they spread over themes, clusters, strength, action categories, ...

    Parameters
    ----------
    actions : pandas.DataFrame
        A measured action table (:func:`cobs.measure`, :func:`upr_recommendations`), or
        a paragraph table, measured first.
    by : str or list of str, default "symbol"
        The grouping columns: "symbol", "state", "committee", "year", "cycle", or any
        column of the table.
    dimensions : sequence of str, default all of :data:`DIMENSIONS`
        Which distributions to give: ``theme``, ``cluster_id`` (categories seen in the
        table), ``strength`` (the seven operative-verb levels), ``action_category``
        (1-5), ``specificity`` (0-4), ``time_bound`` (False, True).
    implementation : bool, default True
        Count the implementation cluster (``cluster_id == "IMPL"``: follow-up,
        dissemination, next report). Its routine requests carry the next report's due
        date; leave them out (False) to compare substantive recommendations.

    Returns
    -------
    pandas.DataFrame
        Long and tidy, one row per group, dimension and category (columns
        :data:`cobs.columns.PROFILE_COLUMNS`): the ``by`` columns, ``dimension``,
        ``category`` (str; NA counts actions without a value), ``count``, ``n`` (actions
        in the group), ``share`` (count / n), and ``mean`` (the group's mean for the
        ordered dimensions: strength as its rank, 1 = draws attention ... 7 = urges;
        the action category; specificity; the share of time-bound actions; NA for
        themes and clusters). Every group has every category of a dimension (zero
        counts included), so shares line up across groups.

    Examples
    --------
    >>> import cobs, cobs.compare
    >>> table = cobs.read_corpus("corpus")
    >>> shares = cobs.compare.profile(cobs.measure(table), by="symbol", dimensions=["strength"])
    >>> shares.query("symbol.str.startswith('CRPD/C/AZE') and category == 'urges'")[["symbol", "count", "n"]]
                   symbol  count    n
    22    CRPD/C/AZE/CO/1      7   55
    30  CRPD/C/AZE/CO/2-3      0  109
    """
    check_table(actions, name="actions", what="an action table (cobs.measure)")
    by_columns = check_names(by, "by", required=True)
    if isinstance(dimensions, str):
        raise TypeError(invalid_value("dimensions", dimensions, "a list of dimensions", f"write [{dimensions!r}]"))
    for dimension in dimensions:
        check_choice(dimension, "dimensions", DIMENSIONS)
    implementation = check_flag(implementation, "implementation")
    check_table(actions, [c for c in by_columns if c != "symbol"] + ["symbol"], name="actions",
                what="a table to group by " + ", ".join(map(repr, by_columns)))
    table = measured(actions)
    check_table(table, list(dimensions), name="actions", what="a measured action table (cobs.measure)")
    if not implementation:
        table = table[table["cluster_id"].fillna("") != "IMPL"]
    keys = table[by_columns].astype("object").where(table[by_columns].notna(), None)
    groups = list(dict.fromkeys(map(tuple, keys.itertuples(index=False, name=None))))
    group_of = list(map(tuple, keys.itertuples(index=False, name=None)))
    sizes: dict[tuple, int] = {}
    for key in group_of:
        sizes[key] = sizes.get(key, 0) + 1
    rows: list[dict[str, object]] = []
    for dimension in dimensions:
        values = [None if pd.isna(v) else str(v) for v in table[dimension].astype("object")]
        categories = (_strength_levels() if dimension == "strength" else _ORDERED.get(dimension)
                      or sorted({v for v in values if v is not None}))
        has_missing = any(v is None for v in values)
        counts: dict[tuple, dict[str | None, int]] = {}
        for key, value in zip(group_of, values, strict=True):
            counts.setdefault(key, {})
            counts[key][value] = counts[key].get(value, 0) + 1
        for key in groups:
            n = sizes[key]
            found = counts.get(key, {})
            mean = _mean(dimension, found, categories)
            for category in [*categories, *([None] if has_missing else [])]:
                count = found.get(category, 0)
                rows.append({**dict(zip(by_columns, key, strict=True)), "dimension": dimension, "category": category,
                             "count": count, "n": n, "share": count / n if n else float("nan"), "mean": mean})
    out = pd.DataFrame(rows, columns=[*by_columns, "dimension", "category", "count", "n", "share", "mean"])
    for column in by_columns:
        out[column] = out[column].astype(table[column].dtype if len(table) else "object")
    out["dimension"] = out["dimension"].astype("string")
    out["category"] = out["category"].astype("string")
    out["count"] = out["count"].astype("int64")
    out["n"] = out["n"].astype("int64")
    out["share"] = out["share"].astype("float64")
    out["mean"] = out["mean"].astype("Float64")
    return out


def _mean(dimension: str, counts: dict[str | None, int], categories: list[str]) -> float | None:
    if dimension in ("theme", "cluster_id"):
        return None
    total = weighted = 0
    for category, count in counts.items():
        if category is None:
            continue
        if dimension == "strength":
            value = categories.index(category) + 1
        elif dimension == "time_bound":
            value = category == "True"
        else:
            value = int(category)
        total += count
        weighted += value * count
    return weighted / total if total else None

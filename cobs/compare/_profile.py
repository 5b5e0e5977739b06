"""Profiles of recommendations per State, committee, year or cycle: counts and shares, tidy."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from cobs._checks import check_choice, check_flag, check_names, check_table
from cobs.compare._input import measured
from cobs.errors import invalid_value
from cobs.reference import GOALS, GROUPS

__all__ = ["DIMENSIONS", "profile"]

DIMENSIONS = ("theme", "cluster_id", "strength", "action_category", "specificity", "time_bound", "groups", "sdgs")
"""What :func:`profile` can count."""

_LISTS = ("groups", "sdgs")  # an action counts once under each of its groups, goals
_OF_STATE = ("region", "income_group")  # grouping columns read from the State when the table lacks them

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
        column of the table; "region" (the State's UN regional group) and
        "income_group" (its World Bank income group, as of 1 July 2024) are read
        from ``cobs/data/regions.csv`` when the table has no such column
        (:func:`cobs.reference.region`; NA for the European Union).
    dimensions : sequence of str, default all of :data:`DIMENSIONS`
        Which distributions to give: ``theme``, ``cluster_id`` (categories seen in the
        table), ``strength`` (the seven operative-verb levels), ``action_category``
        (1-5), ``specificity`` (0-4), ``time_bound`` (False, True), ``groups`` (the
        groups of persons seen in the table, in OHCHR's order) and ``sdgs`` (goals
        1-17). An action counts once under each of its groups and goals, so their
        shares are the share of the group's actions that concern a group or relate
        to a goal, and need not sum to 1; NA counts the actions with none.
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
    from_state = [c for c in by_columns if c in _OF_STATE and c not in actions.columns]
    check_table(actions, [c for c in by_columns if c != "symbol" and c not in from_state] + ["symbol"]
                + (["state"] if from_state else []), name="actions",
                what="a table to group by " + ", ".join(map(repr, by_columns)))
    table = measured(actions)
    if from_state:
        table = _with_state_groups(table, from_state)
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
        if dimension in _LISTS:  # each action once under each of its labels; None for an action without any
            labels = [[str(v) for v in row] or [None] for row in table[dimension]]
            values = [v for row in labels for v in row]
            row_keys = [key for key, row in zip(group_of, labels, strict=True) for _ in row]
            seen = {v for v in values if v is not None}
            categories = ([g for g in GROUPS if g in seen] + sorted(seen - set(GROUPS)) if dimension == "groups"
                          else [str(g) for g in GOALS])
        else:
            values = [None if pd.isna(v) else str(v) for v in table[dimension].astype("object")]
            row_keys = group_of
            categories = (_strength_levels() if dimension == "strength" else _ORDERED.get(dimension)
                          or sorted({v for v in values if v is not None}))
        has_missing = any(v is None for v in values)
        counts: dict[tuple, dict[str | None, int]] = {}
        for key, value in zip(row_keys, values, strict=True):
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


def _with_state_groups(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The table with each State's UN regional group and income group (cobs/data/regions.csv) as columns."""
    from cobs.reference import regions_table

    known = regions_table().set_index("code")
    states = table["state"].astype("object")
    return table.assign(**{column: states.map(known[column].astype("object")).astype(known[column].dtype)
                           for column in columns})


def _mean(dimension: str, counts: dict[str | None, int], categories: list[str]) -> float | None:
    if dimension in ("theme", "cluster_id", *_LISTS):
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

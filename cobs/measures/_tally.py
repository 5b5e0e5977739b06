"""Counts of a table's rows by category, with the references of the rows counted: :func:`tally`.

The table behind a figure of counts or shares. Each count keeps the ``ref`` of
every row it counts ("CRC/C/KAZ/CO/4, para. 29 (a)"), so that every number of a
figure or a paper can be traced back to the recommendations. The long layout
(``dimension``, ``category``, ``count``, ``n``, ``share``) is the one of
``cobs.compare.profile``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence

import pandas as pd

from cobs._checks import check_names, check_table
from cobs.errors import invalid_value
from cobs.tables import ref_key

__all__ = ["tally"]


def _missing_as_na(column: pd.Series) -> pd.Series:
    """The column with "" (the string columns' "none") as missing."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column
    if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
        return column.astype(object).where(column.notna() & (column.astype(object) != ""), None)
    return column


def _levels(column: pd.Series) -> list[object]:
    """The categories of a dimension, in their order: a categorical's own, else sorted; missing last."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        levels = list(column.cat.categories)
    else:
        levels = sorted(column.dropna().unique().tolist(), key=lambda v: (str(type(v)), v))
    return levels + ([None] if column.isna().any() else [])


def _label(value: object) -> object:
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return pd.NA
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    return str(value)


def tally(
    table: pd.DataFrame,
    of: str | Sequence[str],
    *,
    by: str | Sequence[str] | None = None,
    ref: str | Sequence[str] | None = "ref",
) -> pd.DataFrame:
    """Count a table's rows by category, within groups, with the references of the rows counted.

    Parameters
    ----------
    table : pandas.DataFrame
        A tidy table, one row per item counted: an action table (:func:`cobs.measure`),
        a citation table (:func:`cobs.citations`), an alignment (``cobs.compare.align``).
    of : str or list of str
        The column(s) whose values are counted (the *dimensions*): ``"strength"``,
        ``"theme"``, ``["status", "change"]``. An ordered categorical (``strength``)
        keeps its order and every level; other values are sorted.
    by : str or list of str, optional
        Columns that form the groups (``"symbol"``, ``["state", "cycle"]``); None
        counts the whole table as one group.
    ref : str, list of str or None, default="ref"
        The column citing each row. With several columns (``["earlier_ref",
        "later_ref"]``), a row's reference is their non-missing values joined by
        " → ". None: no ``refs`` column.

    Returns
    -------
    pandas.DataFrame
        One row per group, dimension and category, every category of the dimension in
        every group (a zero count is a finding too): the ``by`` columns, ``dimension``
        (the column counted), ``category`` (its value as a string; missing for the rows
        where it is missing), ``count``, ``n`` (rows in the group), ``share``
        (``count / n``) and ``refs`` (the references of the rows counted, in document
        order whatever the table's row order, by :func:`cobs.tables.ref_key`; a list).
        Columns: :data:`cobs.columns.TALLY_COLUMNS`. An empty string
        counts as missing in the string columns (it means "none" there).

    Raises
    ------
    ValueError
        If a column named by ``of``, ``by`` or ``ref`` is not in the table, or a
        column is both counted and grouped by.

    Examples
    --------
    >>> acts = pd.DataFrame({"state": ["KAZ", "KAZ", "AZE"], "theme": ["education", "health", "education"],
    ...                      "ref": ["CRC/C/KAZ/CO/4, para. 53 (a)", "CRC/C/KAZ/CO/4, para. 45",
    ...                              "CRPD/C/AZE/CO/1, para. 41"]})
    >>> tally(acts, "theme", by="state")
      state dimension   category  count  n  share                            refs
    0   AZE     theme  education      1  1    1.0     [CRPD/C/AZE/CO/1, para. 41]
    1   AZE     theme     health      0  1    0.0                              []
    2   KAZ     theme  education      1  2    0.5  [CRC/C/KAZ/CO/4, para. 53 (a)]
    3   KAZ     theme     health      1  2    0.5      [CRC/C/KAZ/CO/4, para. 45]
    """
    check_table(table)
    dims, groups, refs = check_names(of, "of"), check_names(by, "by"), check_names(ref, "ref")
    if not dims:
        raise ValueError(invalid_value("of", of, "at least one column name", "name the columns to count"))
    for parameter, names in (("of", dims), ("by", groups), ("ref", refs)):
        check_table(table, names, function="tally", what=f"the column(s) given as {parameter}")
    both = sorted(set(dims) & set(groups))
    if both:
        raise ValueError(f"tally: {both[0]!r} is both counted (of) and grouped by (by); give it once")

    keys = pd.DataFrame({g: _missing_as_na(table[g]) for g in groups}, index=table.index)
    # rows of a group: tuples of the group values (None for missing), groups in the order of their levels
    row_group = [tuple(None if pd.isna(v) else v for v in row) for row in keys.astype(object).itertuples(
        index=False, name=None)] if groups else [()] * len(table)
    positions = [{level: i for i, level in enumerate(_levels(keys[g]))} for g in groups]
    group_keys = [()]
    if groups:
        group_keys = sorted(set(row_group), key=lambda k: tuple(p[v] for p, v in zip(positions, k, strict=True)))
    if refs:
        columns = [table[r].astype(object).where(table[r].notna(), None).tolist() for r in refs]
        row_ref = [" → ".join(str(v) for v in values if v is not None and v != "")
                   for values in zip(*columns, strict=True)]
        # each row's place in document order (ref_key; rows of one key in table order), computed once: a cell's refs
        # are its rows sorted by it, as sorted(refs, key=ref_key) would give them
        ref_keys = {r: ref_key(r) for r in dict.fromkeys(row_ref)}
        rank = [0] * len(row_ref)
        for place, i in enumerate(sorted(range(len(row_ref)), key=lambda i: ref_keys[row_ref[i]])):
            rank[i] = place
    records = []
    for dim in dims:
        if any(isinstance(v, (list, tuple, set)) for v in table[dim]):  # not .map().any(): on an empty string
            # column, map keeps the string dtype, whose any() pandas refuses
            raise ValueError(f"tally: the column {dim!r} holds lists; count their items with "
                             f"tally(table.explode({dim!r}), {dim!r}, ...)")
        values = _missing_as_na(table[dim])
        levels = _levels(values)
        cells: dict[tuple, list[int]] = {}
        sizes: dict[tuple, int] = {}
        for i, (group, value) in enumerate(zip(row_group, values.astype(object).tolist(), strict=True)):
            sizes[group] = sizes.get(group, 0) + 1
            cells.setdefault((group, None if pd.isna(value) else value), []).append(i)
        for group in group_keys:
            for level in levels:
                rows = cells.get((group, level), [])
                record = dict(zip(groups, group, strict=True))
                record.update(dimension=dim, category=_label(level), count=len(rows), n=sizes.get(group, 0))
                if refs:
                    record["refs"] = [row_ref[i] for i in sorted(rows, key=rank.__getitem__)]
                records.append(record)
    columns = [*groups, "dimension", "category", "count", "n", "share", *(["refs"] if refs else [])]
    out = pd.DataFrame.from_records(records, columns=[c for c in columns if c != "share"])
    for g in groups:  # the group columns keep their dtype where they can (year stays an integer)
        with contextlib.suppress(TypeError, ValueError):
            out[g] = out[g].astype(table[g].dtype)
    out["category"] = out["category"].astype(object)
    out["count"] = out["count"].astype("int64")
    out["n"] = out["n"].astype("int64")
    out.insert(out.columns.get_loc("n") + 1, "share", (out["count"] / out["n"].where(out["n"] > 0)).astype("float64"))
    return out

"""Coding samples: a reproducible (optionally stratified) sample of a tidy table, and the coding sheet."""

from __future__ import annotations

import math
import os
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from sklearn.utils import check_random_state

from cobs._checks import check_choice, check_table
from cobs.errors import invalid_value
from cobs.tables import document_order

__all__ = ["sample_for_coding"]


def sample_for_coding(
    table: pd.DataFrame,
    n: int,
    *,
    stratify: str | None = None,
    allocation: Literal["proportional", "equal"] = "proportional",
    columns: Sequence[str] | None = None,
    coders: Sequence[str] = ("coder_1", "coder_2"),
    random_state: int | np.random.RandomState | None = None,
    path: str | os.PathLike[str] | None = None,
    overwrite: bool = False,
) -> pd.DataFrame:
    """Draw a reproducible sample of a table for human coding, and write its coding sheet.

    Parameters
    ----------
    table : pandas.DataFrame
        A tidy table (paragraphs, recommendations, ...), one row per item to code.
    n : int
        Sample size.
    stratify : str, optional
        Column whose values are the strata (e.g. the predicted label, the
        committee). Rows where it is missing form a stratum of their own.
    allocation : {"proportional", "equal"}, default="proportional"
        With ``stratify``: ``"proportional"`` gives each stratum its share of ``n``
        (largest remainders rounded up); ``"equal"`` gives each the same number
        (``n`` must then divide evenly enough: strata get ``n // k`` or one more),
        which keeps rare labels in the sample.
    columns : sequence of str, optional
        Columns of ``table`` to copy into the sample and the sheet (ids and text).
        All columns by default.
    coders : sequence of str, default=("coder_1", "coder_2")
        Names of the empty coder columns added.
    random_state : int, RandomState instance or None, default=None
        Seed: the same table and seed give the same sample (a cobs table in any row order: it is put in
        document order first, :func:`cobs.tables.document_order`).
    path : str or path-like, optional
        Write the coding sheet there as CSV (UTF-8 with a byte-order mark, so that
        spreadsheet programs read it right); list values are joined with "; ".
    overwrite : bool, default=False
        Replace an existing file at ``path`` (by default an existing sheet, which
        may hold coding work, is never replaced).

    Returns
    -------
    pandas.DataFrame
        The sampled rows in random order: ``sample_id`` (1..n), ``row`` (the row's
        label in ``table``'s index), ``stratum`` (with ``stratify``),
        ``sampling_weight`` (rows of the stratum per sampled row: weights for
        population estimates), the chosen ``columns`` and the empty coder columns.

    Raises
    ------
    ValueError
        If ``n`` is not between 1 and the number of rows, a column is missing, a
        stratum is smaller than its allocation, or ``coders`` clash with columns.
    FileExistsError
        If ``path`` exists and ``overwrite`` is False.

    Examples
    --------
    >>> table = pd.DataFrame({"id": range(6), "text": list("abcdef"), "label": list("xxxxyy")})
    >>> sample = sample_for_coding(table, 4, stratify="label", allocation="equal", random_state=0)
    >>> sample[["sample_id", "row", "stratum", "sampling_weight", "text", "coder_1"]]
       sample_id  row stratum  sampling_weight text coder_1
    0          1    2       x              2.0    c
    1          2    4       y              1.0    e
    2          3    3       x              2.0    d
    3          4    5       y              1.0    f
    """
    check_table(table)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 1 <= n <= len(table):
        raise ValueError(invalid_value("n", n, f"an integer between 1 and the {len(table)} rows of the table"))
    check_choice(allocation, "allocation", ("proportional", "equal"))
    columns = list(table.columns) if columns is None else list(columns)
    check_table(table, [*columns, *([stratify] if stratify is not None else [])],
                what="the columns given as columns and stratify")
    reserved = {"sample_id", "row", "stratum", "sampling_weight", *columns}
    clash = [c for c in coders if c in reserved]
    if clash or len(set(coders)) != len(coders):
        raise ValueError(invalid_value("coders", list(coders), "distinct new column names"))
    if path is not None and Path(path).exists() and not overwrite:
        raise FileExistsError(f"{path}: already exists (it may hold coding work); pass overwrite=True to replace it")

    table = document_order(table)  # the same sample for any row order of a cobs table
    rng = check_random_state(random_state)
    positions = np.arange(len(table))
    if stratify is None:
        strata = pd.Series(np.zeros(len(table), dtype=int))
        chosen = rng.choice(positions, size=n, replace=False)
        weights = np.full(n, len(table) / n)
    else:
        strata = table[stratify].reset_index(drop=True).astype(object).where(table[stratify].notna().to_numpy(), None)
        groups = {key: positions[(strata == key).to_numpy() if key is not None else strata.isna().to_numpy()]
                  for key in pd.unique(strata)}
        quota = _allocate(n, {key: len(rows) for key, rows in groups.items()}, allocation)
        picks, weights_list = [], []
        for key, rows in groups.items():
            if quota[key] > len(rows):
                raise ValueError(
                    f"stratum {key!r} of {stratify!r} has {len(rows)} rows, fewer than the {quota[key]} allocated; "
                    "lower n or use allocation='proportional'"
                )
            if quota[key]:
                picks.append(rng.choice(rows, size=quota[key], replace=False))
                weights_list.append(np.full(quota[key], len(rows) / quota[key]))
        chosen = np.concatenate(picks)
        weights = np.concatenate(weights_list)
        order = rng.permutation(len(chosen))  # mix the strata, so coders do not see them in blocks
        chosen, weights = chosen[order], weights[order]

    sample = pd.DataFrame({"sample_id": np.arange(1, n + 1), "row": table.index[chosen]})
    if stratify is not None:
        sample["stratum"] = strata.to_numpy()[chosen]
    sample["sampling_weight"] = weights
    for column in columns:
        sample[column] = table[column].to_numpy()[chosen]
    for coder in coders:
        sample[coder] = ""
    if path is not None:
        sheet = sample.copy()
        for column in sheet.columns:
            if sheet[column].map(lambda v: isinstance(v, (list, tuple, set, np.ndarray))).any():
                sheet[column] = sheet[column].map(
                    lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple, set, np.ndarray)) else v
                )
        sheet.to_csv(path, index=False, encoding="utf-8-sig")
    return sample


def _allocate(n: int, sizes: dict[Hashable, int], allocation: str) -> dict[Hashable, int]:
    keys = list(sizes)
    if allocation == "equal":
        base, extra = divmod(n, len(keys))
        # The first strata by size (largest first) take the remainder.
        ranked = sorted(keys, key=lambda k: -sizes[k])
        return {k: base + (1 if k in ranked[:extra] else 0) for k in keys}
    total = sum(sizes.values())
    exact = {k: n * sizes[k] / total for k in keys}
    quota = {k: math.floor(v) for k, v in exact.items()}
    left = n - sum(quota.values())
    for k in sorted(keys, key=lambda k: -(exact[k] - quota[k]))[:left]:
        quota[k] += 1
    return quota

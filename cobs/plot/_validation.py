"""Figures of a validation study (``cobs.confusion_table``): where a model and the coders disagree."""

from __future__ import annotations

from typing import Literal, overload

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from cobs._checks import check_table
from cobs.plot._base import Plotted, finish, new_axes, require_rows, text_color, wrap

__all__ = ["confusion"]


@overload
def confusion(table: pd.DataFrame, *, ax: Axes | None = ..., return_data: Literal[False] = ...) -> Axes: ...
@overload
def confusion(table: pd.DataFrame, *, ax: Axes | None = ..., return_data: Literal[True]) -> Plotted: ...
def confusion(table: pd.DataFrame, *, ax: Axes | None = None, return_data: bool = False) -> Axes | Plotted:
    """A confusion matrix: the reference labels (rows) against the predicted ones (columns).

    Each cell shows its number (or share) and is shaded by its share of the row, so
    that rare labels read as clearly as frequent ones; the diagonal is agreement.

    Parameters
    ----------
    table : pandas.DataFrame
        A confusion table from :func:`cobs.confusion_table` (index "true", columns
        "predicted"; counts or shares).
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    return_data : bool, default=False
        Also return the table behind the figure (:class:`Plotted`), long: ``true``,
        ``predicted``, ``value`` (the cell as given), ``row_share``. A confusion table
        holds labels, not recommendations, so it has no ``refs``.

    Returns
    -------
    matplotlib.axes.Axes or Plotted
        The Axes: a cell per reference and predicted label, shaded by its share of the row;
        with ``return_data=True``, also the cells.

    Examples
    --------
    >>> import cobs, cobs.plot
    >>> table = cobs.confusion_table([3, 4, 4, 5, 5, 5], [3, 4, 5, 5, 5, 4])
    >>> ax, data = cobs.plot.confusion(table, return_data=True)
    >>> data.query("true == 4")
       true  predicted  value  row_share
    3     4          3      0        0.0
    4     4          4      1        0.5
    5     4          5      1        0.5
    """
    check_table(table, [], function="cobs.plot.confusion", what="a confusion table from cobs.confusion_table()")
    if not all(pd.api.types.is_numeric_dtype(t) for t in table.dtypes):
        raise ValueError("cobs.plot.confusion: expected a table of numbers (cobs.confusion_table()), "
                         f"got columns of types {sorted({str(t) for t in table.dtypes})}")
    require_rows(table, list(table.columns), what="labels", data_columns=["true", "predicted", "value", "row_share"],
                 blank="every cell of the table is missing")
    values = table.to_numpy(dtype=float)
    totals = values.sum(axis=1, keepdims=True)
    shares = np.divide(values, totals, out=np.zeros_like(values), where=totals > 0)
    ax = new_axes(ax, len(table), row_height=0.3, extra=1.0, min_height=2.0)
    cmap = mpl.colormaps["Blues"]
    image = ax.imshow(shares, cmap=cmap, vmin=0, vmax=1, aspect="equal", interpolation="nearest")
    integers = np.allclose(values, np.round(values))
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            text = f"{values[i, j]:.0f}" if integers else f"{values[i, j]:.2f}"
            ax.text(j, i, text, ha="center", va="center", fontsize="small",
                    color=text_color(cmap(image.norm(shares[i, j]))))
    ax.set_xticks(np.arange(values.shape[1]), [wrap(c, 14) for c in table.columns])
    ax.set_yticks(np.arange(values.shape[0]), [wrap(r, 20) for r in table.index])
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_xlabel(f"Predicted ({table.columns.name})" if table.columns.name not in (None, "predicted")
                  else "Predicted")
    ax.set_ylabel(f"Reference ({table.index.name})" if table.index.name not in (None, "true") else "Reference")
    true_name, predicted_name = "true", "predicted"
    data = pd.DataFrame({
        true_name: np.repeat(table.index.to_numpy(), values.shape[1]),
        predicted_name: np.tile(table.columns.to_numpy(), values.shape[0]),
        "value": table.to_numpy().ravel(),
        "row_share": shares.ravel(),
    })
    return finish(ax, data, return_data)

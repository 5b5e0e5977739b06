"""Figure of ``cobs.compare.change``: a State's change per measure, net of the committee's drift, with intervals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, overload

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from cobs._checks import check_table
from cobs.errors import invalid_value
from cobs.plot._base import OKABE_ITO, Plotted, finish, legend_below, new_axes, require_rows, row_height, wrap

if TYPE_CHECKING:
    from cobs.compare import ChangeResult

__all__ = ["CHANGE_MEASURES", "change"]

CHANGE_MEASURES = ("strength_group", "specificity", "time_bound", "repetition")
"""The measures :func:`change` draws by default (the seven strength levels and the themes on request)."""

_NEEDED = ["step", "measure", "category", "state_change", "difference", "ci_low", "ci_high", "earlier_symbol",
           "later_symbol"]
_NAMES = {"strength": "verb", "strength_group": "verb", "specificity": "specificity (mean 0-4)",
          "time_bound": "time-bound", "theme": "theme", "repetition": "repeated from the earlier CO"}


def _label(measure: str, category: object) -> str:
    name = _NAMES.get(measure, measure)
    return name if category is None or pd.isna(category) else f"{name}: {category}"


@overload
def change(table: pd.DataFrame | ChangeResult, *, step: int = ...,
           measures: Sequence[str] | Literal["all"] | None = ...,
           ax: Axes | None = ..., return_data: Literal[False] = ...) -> Axes: ...
@overload
def change(table: pd.DataFrame | ChangeResult, *, step: int = ...,
           measures: Sequence[str] | Literal["all"] | None = ...,
           ax: Axes | None = ..., return_data: Literal[True]) -> Plotted: ...
def change(
    table: pd.DataFrame | ChangeResult,
    *,
    step: int = 1,
    measures: Sequence[str] | Literal["all"] | None = None,
    ax: Axes | None = None,
    return_data: bool = False,
) -> Axes | Plotted:
    """A State's change between two COs, measure by measure: net of the committee's drift, and raw.

    One row per measure (and level or theme): a filled dot at the State's change net of the
    committee's change over the same years (the difference in differences of
    ``cobs.compare.change``) with its confidence interval, and an open circle at the
    State's raw change beside it. Where the open circle lies far from the dot, the
    committee's drift explains much of what looks like the State's change; an interval
    that crosses 0 says the State changed no more than the committee's other COs would
    let one expect.

    Parameters
    ----------
    table : ChangeResult or pandas.DataFrame
        What ``cobs.compare.change`` returned, or its ``to_frame()`` table.
    step : int, default 1
        Which pair of consecutive COs to draw (1: the first two).
    measures : sequence of str, "all" or None, default None
        The measures drawn, in this order. None draws those of :data:`CHANGE_MEASURES`
        the table has (strength groups, specificity, time_bound, repetition; every
        measure if it has none of them); "all" every measure of the table (seven
        strength levels and every theme: a tall figure).
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    return_data : bool, default=False
        Also return the rows drawn (:class:`Plotted`), top first. The change table
        counts COs, not single recommendations: no ``refs`` (``ChangeResult.documents``
        lists the COs on each side).

    Returns
    -------
    matplotlib.axes.Axes or Plotted

    Raises
    ------
    ValueError
        If a column is missing, the step is not in the table, or a measure is not.

    Examples
    --------
    >>> import cobs.plot
    >>> table = pd.DataFrame({"step": [1, 1], "measure": ["strength_group", "time_bound"],
    ...                       "category": ["strong", None], "state_change": [0.22, -0.03],
    ...                       "difference": [0.11, -0.05], "ci_low": [-0.04, -0.09], "ci_high": [0.26, -0.01],
    ...                       "earlier_symbol": "CRPD/C/AZE/CO/1", "later_symbol": "CRPD/C/AZE/CO/2-3"})
    >>> ax, data = cobs.plot.change(table, return_data=True)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['verb: strong', 'time-bound']
    """
    if hasattr(table, "to_frame") and not isinstance(table, pd.DataFrame):
        table = table.to_frame()
    frame = check_table(table, _NEEDED, function="cobs.plot.change",
                        what="a change table from cobs.compare.change(...).to_frame()")
    require_rows(frame, _NEEDED, what="measures of change", data_columns=frame.columns)
    steps = sorted(frame["step"].dropna().unique().tolist())
    if isinstance(step, bool) or step not in steps:
        raise ValueError(f"cobs.plot.change: {invalid_value('step', step, f'a step of the table {steps}')}")
    rows = frame[frame["step"] == step]
    if measures is None:
        measures = [m for m in CHANGE_MEASURES if m in set(rows["measure"])] or None
    elif isinstance(measures, str) and measures == "all":
        measures = None
    if measures is not None:
        if isinstance(measures, str):
            raise TypeError(f"cobs.plot.change: {invalid_value('measures', measures, 'a list of measures')}")
        unknown = [m for m in measures if m not in set(rows["measure"])]
        if unknown:
            raise ValueError(f"cobs.plot.change: {invalid_value('measures', unknown[0], sorted(set(rows['measure'])))}"
                             f"; cobs.compare.change(..., measures=[...]) computes it")
        order = {m: i for i, m in enumerate(measures)}
        rows = rows[rows["measure"].isin(order)]
        rows = rows.assign(_m=rows["measure"].map(order), _r=np.arange(len(rows))).sort_values(
            ["_m", "_r"], kind="stable").drop(columns=["_m", "_r"])
    labels = [wrap(_label(m, c), 34) for m, c in zip(rows["measure"], rows["category"], strict=True)]
    ax = new_axes(ax, len(rows), row_height=max(0.22, row_height(labels)), extra=1.3)
    y = np.arange(len(rows))
    net = rows["difference"].to_numpy(dtype=float)
    low, high = rows["ci_low"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float)
    known = ~(np.isnan(low) | np.isnan(high))
    ax.axvline(0, color="black", linewidth=0.6, zorder=1)
    ax.errorbar(net[known], y[known] - 0.12, xerr=np.vstack([net[known] - low[known], high[known] - net[known]]),
                fmt="o", color=OKABE_ITO[0], markersize=4, elinewidth=1.0, capsize=2, zorder=3)
    if (~known).any():  # no interval: too few other COs in a window
        ax.plot(net[~known], y[~known] - 0.12, "o", color=OKABE_ITO[0], markersize=4, alpha=0.5, zorder=3)
    ax.plot(rows["state_change"].to_numpy(dtype=float), y + 0.12, "o", markerfacecolor="white",
            markeredgecolor=OKABE_ITO[3], markersize=4, zorder=3, linestyle="")
    ax.set_yticks(y, labels)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlabel("Later CO minus earlier (share; specificity: mean)")
    level = rows["confidence_level"].dropna().iloc[0] if "confidence_level" in rows.columns and len(rows) else 0.95
    handles = [Line2D([], [], marker="o", color=OKABE_ITO[0], markersize=4,
                      label=f"net of the committee's drift ({level * 100:g} % interval)"),
               Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor=OKABE_ITO[3],
                      markersize=4, label="the State's raw change (repetition: its rate)")]
    legend_below(ax, handles=handles, ncol=1)
    if len(rows):
        ax.set_title(f"{rows['earlier_symbol'].iloc[0]} → {rows['later_symbol'].iloc[0]}")
    return finish(ax, rows.reset_index(drop=True), return_data)

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
from cobs.plot._base import (
    OKABE_ITO,
    NothingToDraw,
    Plotted,
    finish,
    label_inches,
    label_rows,
    legend_below,
    new_axes,
    new_panels,
    require_rows,
    row_height,
    wrap,
)
from cobs.reference import pair_label

if TYPE_CHECKING:
    from cobs.compare import ChangeResult

__all__ = ["CHANGE_MEASURES", "FOREST_MEASURES", "change", "change_forest"]

CHANGE_MEASURES = ("strength_group", "specificity", "time_bound", "repetition")
"""The measures :func:`change` draws by default (the seven strength levels and the themes on request)."""

FOREST_MEASURES = (("strength_group", "strong"), ("specificity", None), ("time_bound", None), ("repetition", None))
"""The measures :func:`change_forest` draws by default, one panel each: the share of actions the committee
recommends or urges, the mean specificity, the share with a deadline, the share of recommendations taken up."""

_NEEDED = ["step", "measure", "category", "state_change", "difference", "ci_low", "ci_high", "earlier_symbol",
           "later_symbol"]
_NAMES = {"strength": "verb", "strength_group": "verb", "specificity": "specificity (mean 0-4)",
          "time_bound": "time-bound", "theme": "theme", "repetition": "repeated from the earlier CO"}


_DRIFT_RANGE = {"specificity": (-4.0, 4.0), "repetition": (0.0, 1.0)}
"""What the committee's change (``committee_change``) can be, by measure: a difference of two means of 0-4 for
specificity, a rate for repetition (the committee's mean rate of repetition), a difference of two shares for the
others."""


def possible_range(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The least and greatest net change each row of a change table can have: its raw change (``state_change``,
    observed) less the least and greatest change the committee can have (a share's change lies in [-1, 1])."""
    low_drift = rows["measure"].map(lambda m: _DRIFT_RANGE.get(m, (-1.0, 1.0))[0]).to_numpy(dtype=float)
    high_drift = rows["measure"].map(lambda m: _DRIFT_RANGE.get(m, (-1.0, 1.0))[1]).to_numpy(dtype=float)
    raw = rows["state_change"].to_numpy(dtype=float)
    return raw - high_drift, raw - low_drift


def _clipped(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with the interval drawn: ``ci_low_drawn``, ``ci_high_drawn``, the interval cut to what the measure
    allows (:func:`possible_range`), and ``ci_cut``, whether it was cut."""
    least, most = possible_range(rows)
    low, high = rows["ci_low"].to_numpy(dtype=float), rows["ci_high"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        drawn_low, drawn_high = np.fmax(low, least), np.fmin(high, most)
        cut = (low < least) | (high > most)
    return rows.assign(ci_low_drawn=np.where(np.isnan(low), np.nan, drawn_low),
                       ci_high_drawn=np.where(np.isnan(high), np.nan, drawn_high), ci_cut=cut)


_CUT_NOTE = "interval cut at the possible range (|: a cut end)"


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
    let one expect. An interval is drawn cut to the range the net change can take (the
    raw change less a committee change of a share in [-1, 1], of the mean specificity in
    [-4, 4], of the mean rate of repetition in [0, 1]), a cut end marked and said in the
    legend: the intervals of COs compared with two or three others pass it.

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
        Also return the rows drawn (:class:`Plotted`), top first, with
        ``ci_low_drawn``, ``ci_high_drawn`` (the interval drawn, cut) and ``ci_cut``.
        The change table counts COs, not single recommendations: no ``refs``
        (``ChangeResult.documents`` lists the COs on each side).

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
    rows = _clipped(rows)
    _intervals(ax, rows, np.arange(len(rows)))
    ax.set_yticks(np.arange(len(rows)), labels)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlabel("Later CO minus earlier (share; specificity: mean)")
    legend_below(ax, handles=_handles(rows), ncol=1)
    if len(rows):
        ax.set_title(f"{rows['earlier_symbol'].iloc[0]} → {rows['later_symbol'].iloc[0]}")
    return finish(ax, rows.reset_index(drop=True), return_data)


def _intervals(ax: Axes, rows: pd.DataFrame, y: np.ndarray) -> None:
    """The net changes of ``rows`` (with :func:`_clipped`'s columns) at ``y`` with their intervals, cut ends marked,
    and the raw changes beside them."""
    net = rows["difference"].to_numpy(dtype=float)
    low, high = rows["ci_low_drawn"].to_numpy(dtype=float), rows["ci_high_drawn"].to_numpy(dtype=float)
    known = ~(np.isnan(low) | np.isnan(high) | np.isnan(net))
    ax.axvline(0, color="black", linewidth=0.6, zorder=1)
    if known.any():
        ax.errorbar(net[known], y[known] - 0.12,
                    xerr=np.vstack([net[known] - low[known], high[known] - net[known]]).clip(min=0),
                    fmt="o", color=OKABE_ITO[0], markersize=4, elinewidth=1.0, capsize=2, zorder=3)
    alone = ~known & ~np.isnan(net)
    if alone.any():  # no interval: too few other COs in a window
        ax.plot(net[alone], y[alone] - 0.12, "o", color=OKABE_ITO[0], markersize=4, alpha=0.5, zorder=3)
    with np.errstate(invalid="ignore"):
        low_cut = known & (rows["ci_low"].to_numpy(dtype=float) < low)
        high_cut = known & (rows["ci_high"].to_numpy(dtype=float) > high)
    for cut, ends in ((low_cut, low), (high_cut, high)):
        if cut.any():  # a cut end: a taller bar than the caps
            ax.plot(ends[cut], y[cut] - 0.12, linestyle="", marker="|", markersize=9, markeredgewidth=1.2,
                    color=OKABE_ITO[3], zorder=4)
    ax.plot(rows["state_change"].to_numpy(dtype=float), y + 0.12, "o", markerfacecolor="white",
            markeredgecolor=OKABE_ITO[3], markersize=4, zorder=3, linestyle="")


def _handles(rows: pd.DataFrame) -> list[Line2D]:
    """The legend of :func:`_intervals`: the net change, the raw change, and the cut ends if any interval is cut."""
    level = rows["confidence_level"].dropna().iloc[0] if ("confidence_level" in rows.columns
                                                          and rows["confidence_level"].notna().any()) else 0.95
    handles = [Line2D([], [], marker="o", color=OKABE_ITO[0], markersize=4,
                      label=f"net of the committee's drift ({level * 100:g} % interval)"),
               Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor=OKABE_ITO[3],
                      markersize=4, label="the State's raw change (repetition: its rate)")]
    if rows["ci_cut"].any():
        handles.append(Line2D([], [], marker="|", linestyle="", color=OKABE_ITO[3], markersize=9,
                              markeredgewidth=1.2, label=_CUT_NOTE))
    return handles


@overload
def change_forest(table: pd.DataFrame | ChangeResult, *,
                  measures: Sequence[str | tuple[str, str | None]] | None = ...,
                  ax: Axes | None = ..., return_data: Literal[False] = ...) -> Axes: ...
@overload
def change_forest(table: pd.DataFrame | ChangeResult, *,
                  measures: Sequence[str | tuple[str, str | None]] | None = ...,
                  ax: Axes | None = ..., return_data: Literal[True]) -> Plotted: ...
def change_forest(
    table: pd.DataFrame | ChangeResult,
    *,
    measures: Sequence[str | tuple[str, str | None]] | None = None,
    ax: Axes | None = None,
    return_data: bool = False,
) -> Axes | Plotted:
    """Many States' changes between cycles in one forest plot: a row per pair of COs, a panel per measure.

    Each row is one pair of a State's consecutive COs (``earlier → later``), in the order
    of the table; each panel one measure. A filled dot is the State's change net of the
    committee's drift over the same years (``difference`` of ``cobs.compare.change``),
    with its confidence interval; an open circle beside it, the State's raw change. A
    researcher comparing States reads down a panel: which States' COs changed more
    than the committee's drafting did (an interval clear of 0), and which only
    followed it (the circle far from the dot).

    An interval is cut to the range the net change can take: the State's raw change
    is observed, and the committee's change of a share lies in [-1, 1] (of the mean
    specificity in [-4, 4]; its mean rate of repetition in [0, 1]), so the net change
    of a share lies within 1 of the raw change. The intervals of COs compared with
    few others reach past it; a cut end is marked, and the figure's legend says so.

    Parameters
    ----------
    table : ChangeResult or pandas.DataFrame
        What ``cobs.compare.change`` returned, its ``to_frame()`` table, or several
        such tables concatenated (one per State): the rows of each pair of COs
        (``earlier_symbol``, ``later_symbol``) with the measures drawn.
    measures : sequence, optional
        The panels, left to right: measures (``"specificity"``) or (measure,
        category) pairs (``("strength_group", "strong")``). None: those of
        :data:`FOREST_MEASURES` the table has.
    ax : matplotlib Axes, optional
        Must be None: the panels are a new figure (with one measure, ``ax`` is
        where to draw).
    return_data : bool, default=False
        Also return the rows drawn (:class:`Plotted`), panel by panel and top
        first, with ``ci_low_drawn``, ``ci_high_drawn`` (the interval drawn, cut)
        and ``ci_cut``. A change table counts COs, not recommendations: no ``refs``.

    Returns
    -------
    matplotlib.axes.Axes or Plotted
        The first panel's Axes (``ax.figure.axes``: every panel, left to right).

    Raises
    ------
    TypeError
        If ``measures`` is a string rather than a list of measures.
    ValueError
        If a column is missing, or a measure is not in the table.

    Examples
    --------
    >>> import cobs.plot
    >>> table = pd.DataFrame({
    ...     "step": 1, "measure": ["strength_group", "repetition"] * 2, "category": ["strong", None] * 2,
    ...     "state_change": [0.22, 0.61, -0.10, 0.40], "difference": [0.11, 0.05, -0.02, -0.12],
    ...     "ci_low": [-1.6, -0.2, -0.3, -0.4], "ci_high": [1.9, 0.3, 0.25, 0.15],
    ...     "earlier_symbol": ["CRPD/C/AZE/CO/1"] * 2 + ["CRPD/C/NZL/CO/1"] * 2,
    ...     "later_symbol": ["CRPD/C/AZE/CO/2-3"] * 2 + ["CRPD/C/NZL/CO/2-3"] * 2})
    >>> ax, data = cobs.plot.change_forest(table, return_data=True)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['CRPD/C/AZE/CO/1 → 2-3', 'CRPD/C/NZL/CO/1 → 2-3']
    >>> data[["measure", "ci_low", "ci_high", "ci_low_drawn", "ci_high_drawn", "ci_cut"]]
              measure  ci_low  ci_high  ci_low_drawn  ci_high_drawn  ci_cut
    0  strength_group    -1.6     1.90         -0.78           1.22    True
    1  strength_group    -0.3     0.25         -0.30           0.25   False
    2      repetition    -0.2     0.30         -0.20           0.30   False
    3      repetition    -0.4     0.15         -0.40           0.15   False
    """
    if hasattr(table, "to_frame") and not isinstance(table, pd.DataFrame):
        table = table.to_frame()
    frame = check_table(table, _NEEDED, function="cobs.plot.change_forest",
                        what="a change table from cobs.compare.change(...).to_frame(), or several concatenated")
    data_columns = [*frame.columns, "ci_low_drawn", "ci_high_drawn", "ci_cut"]
    require_rows(frame, _NEEDED, what="measures of change", data_columns=data_columns)
    present = set(zip(frame["measure"].astype(object), frame["category"].astype(object).where(
        frame["category"].notna(), None), strict=True))
    names = {m for m, _ in present}
    if measures is None:
        wanted = [(m, c) for m, c in FOREST_MEASURES if (m, c) in present]
        if not wanted:
            raise NothingToDraw(f"the table has none of the measures {[_label(m, c) for m, c in FOREST_MEASURES]}",
                                data_columns)
    else:
        if isinstance(measures, str):
            raise TypeError(f"cobs.plot.change_forest: {invalid_value('measures', measures, 'a list of measures')}")
        wanted = [(m, None) if isinstance(m, str) else tuple(m) for m in measures]
        if not wanted:
            raise ValueError(f"cobs.plot.change_forest: {invalid_value('measures', measures, 'one measure or more')}")
        for measure, category in wanted:
            if measure not in names:
                raise ValueError(f"cobs.plot.change_forest: {invalid_value('measures', measure, sorted(names))}"
                                 "; cobs.compare.change(..., measures=[...]) computes it")
            if (measure, category) not in present:
                levels = sorted(str(c) for m, c in present if m == measure and c is not None)
                raise ValueError(f"cobs.plot.change_forest: measure {measure!r} has no category {category!r} in the "
                                 f"table; its categories are {levels}: give (measure, category)")
    pairs = list(dict.fromkeys(zip(frame["earlier_symbol"].astype(str), frame["later_symbol"].astype(str),
                                   strict=True)))
    labels = [pair_label(a, b) for a, b in pairs]
    if len(wanted) == 1 and ax is not None:
        panels = [new_axes(ax, len(pairs))]
    else:
        panels = new_panels(ax, len(wanted), len(pairs), ncols=len(wanted), row_height=0.2, extra=1.0,
                            labels=label_inches(labels), sharex=False, function="change_forest")
    where = {pair: i for i, pair in enumerate(pairs)}
    category = frame["category"].astype(object).where(frame["category"].notna(), None)
    pieces = []
    for panel, (measure, level) in zip(panels, wanted, strict=True):
        rows = frame[(frame["measure"] == measure) & (category == level).to_numpy()] if level is not None else \
            frame[(frame["measure"] == measure) & category.isna().to_numpy()]
        rows = _clipped(rows.drop_duplicates(["earlier_symbol", "later_symbol"]))
        y = np.array([where[(a, b)] for a, b in zip(rows["earlier_symbol"].astype(str),
                                                    rows["later_symbol"].astype(str), strict=True)], dtype=float)
        rows = rows.assign(_y=y).sort_values("_y", kind="stable")
        _intervals(panel, rows, rows["_y"].to_numpy(dtype=float))
        panel.set_title(wrap(_label(measure, level), 24), fontsize="small")
        panel.set_xlabel("mean" if measure == "specificity" else "rate" if measure == "repetition" else "share",
                         fontsize="small")
        pieces.append(rows.drop(columns="_y"))
    label_rows(panels, labels)
    data = pd.concat(pieces, ignore_index=True)
    first = panels[0]
    if len(panels) > 1 or ax is None:
        first.figure.legend(handles=_handles(data), loc="outside lower center", ncol=1)
    else:
        legend_below(first, handles=_handles(data), ncol=1)
    return finish(first, data, return_data)

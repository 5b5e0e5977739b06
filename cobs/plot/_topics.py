"""Figures of topic models (``cobs.topics``): how prevalent topics are by group and year."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, overload

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FixedLocator, Locator, PercentFormatter, StrMethodFormatter

from cobs._checks import check_table
from cobs.errors import invalid_value
from cobs.plot._base import (
    OKABE_ITO,
    Plotted,
    axis_name,
    categorical_colors,
    finish,
    legend_below,
    legend_columns,
    new_axes,
    require_rows,
    text_width,
    wrap,
)

__all__ = ["prevalence", "select_k"]

_PREVALENCE = "a prevalence table from cobs.topics.prevalence()"
_MARKERS = ("o", "s", "^", "D")


@overload
def prevalence(table: pd.DataFrame, *, by: str = ..., hue: str = ..., topics: Sequence[object] | None = ...,
               ax: Axes | None = ..., return_data: Literal[False] = ...) -> Axes: ...
@overload
def prevalence(table: pd.DataFrame, *, by: str = ..., hue: str = ..., topics: Sequence[object] | None = ...,
               ax: Axes | None = ..., return_data: Literal[True]) -> Plotted: ...
def prevalence(
    table: pd.DataFrame,
    *,
    by: str = "year",
    hue: str = "label",
    topics: Sequence[object] | None = None,
    ax: Axes | None = None,
    return_data: bool = False,
) -> Axes | Plotted:
    """How prevalent topics are, by group or year, with their confidence intervals.

    With a numeric ``by`` (a year), one line per ``hue`` value and a band for its
    interval; with groups on ``by`` (committee, State), one point per group and
    ``hue`` value with its interval as an error bar.

    Parameters
    ----------
    table : pandas.DataFrame
        A prevalence table from ``cobs.topics.prevalence(model, table, by=[...])``:
        the ``by`` columns, ``topic``, ``label``, ``mean``, ``ci_low``, ``ci_high``,
        ``n``.
    by : str, default="year"
        The column on the horizontal axis (one of the ``by`` columns).
    hue : str, default="label"
        The column that tells the lines (or points) apart: ``"label"`` (one per
        topic), or another ``by`` column (``"committee"``) for one topic chosen with
        ``topics``.
    topics : sequence, optional
        The topics to draw, by ``topic`` number or ``label``; all by default.
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    return_data : bool, default=False
        Also return the rows drawn (:class:`Plotted`), with ``refs`` if the table
        has them.

    Returns
    -------
    matplotlib.axes.Axes or Plotted
        The Axes: per ``hue`` value, a line and band (a numeric ``by``) or points with error
        bars (groups); with ``return_data=True``, also the rows drawn.

    Raises
    ------
    ValueError
        If a column is missing, a topic is not in the table, or the table has
        several rows per ``by`` and ``hue`` (it is grouped by more columns: choose
        ``hue`` and ``topics``, or filter it).

    Examples
    --------
    >>> import cobs.plot
    >>> table = pd.DataFrame({"year": [2014, 2024, 2014, 2024], "topic": [0, 0, 1, 1],
    ...                       "label": ["0 accessibility", "0 accessibility", "1 legal capacity", "1 legal capacity"],
    ...                       "mean": [0.10, 0.14, 0.08, 0.05], "ci_low": [0.07, 0.11, 0.05, 0.03],
    ...                       "ci_high": [0.13, 0.17, 0.11, 0.07], "n": [55, 109, 55, 109]})
    >>> ax, data = cobs.plot.prevalence(table, return_data=True)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['0 accessibility', '1 legal capacity']
    """
    check_table(table, ["topic", "label", "mean", "ci_low", "ci_high", "n", by, hue], function="cobs.plot.prevalence",
                what=_PREVALENCE)
    if by == hue:
        raise ValueError(f"cobs.plot.prevalence: {invalid_value('hue', hue, 'a column other than by')}")
    require_rows(table, ["topic", "label", "mean", "ci_low", "ci_high", "n", by, hue], what="topics",
                 data_columns=table.columns)
    if topics is not None:
        wanted = [topics] if isinstance(topics, (str, int, np.integer)) else list(topics)
        known = set(table["topic"]) | set(table["label"])
        missing = [t for t in wanted if t not in known]
        if missing:
            raise ValueError(f"cobs.plot.prevalence: topic {missing[0]!r} is not in the table; its topics are "
                             f"{sorted(set(table['topic']), key=str)}")
        table = table[table["topic"].isin(wanted) | table["label"].isin(wanted)]
    repeated = table.duplicated([by, hue])
    if repeated.any():
        extra = [c for c in table.columns if c not in {"topic", "label", "mean", "ci_low", "ci_high", "n", by, hue,
                                                        "refs"}]
        raise ValueError(f"cobs.plot.prevalence: the table has several rows per {by!r} and {hue!r} (it is grouped by "
                         f"more: {extra}); choose hue= among them and one topic with topics=[...], or filter the table")
    data = table.sort_values(["topic", by] if hue == "label" else [hue, by], kind="stable")  # topics in their order
    series = list(dict.fromkeys(data[hue]))
    names = [wrap(name, 30) for name in series]
    numeric = pd.api.types.is_numeric_dtype(data[by])
    groups = list(dict.fromkeys(data[by])) if not numeric else []
    size = mpl.font_manager.FontProperties(size=mpl.rcParams["xtick.labelsize"]).get_size_in_points()
    width = ax.figure.get_figwidth() * ax.get_position().width if ax is not None else (
        mpl.rcParams["figure.figsize"][0] - 0.6)  # a new figure's axes: its width less the y axis's labels
    labels = [wrap(g, 16) for g in groups]
    slant = _slant(labels, width * 72, size)
    ticks = _ticks_height(labels, slant, size)
    title = "Topic" if hue == "label" else hue
    ncol, legend_height = legend_columns(names, title, ax.figure.get_figwidth() if ax is not None else
                                          mpl.rcParams["figure.figsize"][0])
    ax = new_axes(ax, 0, min_height=2.0 + (ticks - 1.3 * size + legend_height) / 72)
    colors = dict(zip(series, categorical_colors(len(series)), strict=True))
    step = 0.7 / max(len(series), 1)
    for k, (name, label) in enumerate(zip(series, names, strict=True)):
        rows_drawn = data[data[hue] == name]
        marker = _MARKERS[k // len(OKABE_ITO) % len(_MARKERS)]  # past eight series the colours repeat: the marks do not
        if numeric:
            xs = rows_drawn[by].to_numpy(dtype=float)
            ax.fill_between(xs, rows_drawn["ci_low"], rows_drawn["ci_high"], color=colors[name], alpha=0.2,
                            linewidth=0)
            ax.plot(xs, rows_drawn["mean"], marker=marker, color=colors[name], label=label)
        else:
            xs = np.array([groups.index(g) for g in rows_drawn[by]], dtype=float) + (k - (len(series) - 1) / 2) * step
            yerr = np.vstack([rows_drawn["mean"] - rows_drawn["ci_low"], rows_drawn["ci_high"] - rows_drawn["mean"]])
            ax.errorbar(xs, rows_drawn["mean"], yerr=yerr, fmt=marker, color=colors[name], capsize=2, label=label)
    if numeric:
        years = sorted(set(data[by]))
        if all(float(v).is_integer() for v in years):  # years: a tick at each, a label at as many as fit
            ax.xaxis.set_major_locator(_YearsThatFit(years, max(text_width(f"{v:.0f}", size) for v in years)
                                                     + size))
            ax.xaxis.set_minor_locator(FixedLocator(years))
            ax.xaxis.set_major_formatter(StrMethodFormatter("{x:.0f}"))
    else:
        for edge in np.arange(len(groups) - 1) + 0.5:  # a thin rule between groups, whose points are side by side
            ax.axvline(edge, color="#DDDDDD", linewidth=0.6, zorder=0)
        ax.set_xticks(np.arange(len(groups)), labels)
        if slant:  # document symbols ("CRPD/C/AZE/CO/2-3") do not wrap: slant them
            ax.tick_params(axis="x", labelrotation=slant)
            for tick in ax.get_xticklabels():
                tick.set_horizontalalignment("right")
                tick.set_rotation_mode("anchor")
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel(axis_name(by))
    ax.set_ylabel("Topic prevalence\n(mean share of a text)")  # on two lines: taller than the plot on one
    # below the axes, in as many columns as the figure's width holds: beside them, ten topics would take half of
    # a one-column figure and stand taller than the plot
    legend_below(ax, ticks=ticks, title=title, ncol=ncol)
    return finish(ax, data, return_data)


class _YearsThatFit(Locator):
    """Ticks at the years drawn, skipping a year whose label would touch the last one kept (``room`` points apart).

    Placed when the figure is drawn, on the axes' final width: 2014, 2015, 2017 ... 2023, 2024 on one column keeps
    2014, 2017, 2022, 2024 rather than printing "20142015".
    """

    def __init__(self, years: Sequence[float], room: float) -> None:
        self.years, self.room = [float(y) for y in years], room

    def __call__(self) -> list[float]:
        return self.tick_values(*self.axis.get_view_interval())

    def tick_values(self, vmin: float, vmax: float) -> list[float]:
        low, high = min(vmin, vmax), max(vmin, vmax)
        years = [y for y in self.years if low <= y <= high]
        if self.axis is None or len(years) < 2:
            return years
        at = self.axis.axes.transData.transform([(y, 0) for y in years])[:, 0] * 72 / self.axis.figure.dpi
        kept = [0]
        for i in range(1, len(years)):
            if at[i] - at[kept[-1]] >= self.room:
                kept.append(i)
        if kept[-1] != len(years) - 1 and at[-1] - at[kept[-1]] < self.room and len(kept) > 1:
            kept[-1] = len(years) - 1  # the last year rather than the one just before it: the span stays in sight
        return [years[i] for i in kept]


def _slant(labels: Sequence[str], room: float, size: float) -> float:
    """The rotation of the x tick labels, one per group across ``room`` points: level if they fit side by side, else
    slanted by 30 degrees if the slanted strips stay a line of text apart, else upright."""
    if not labels:
        return 0
    widest = max(text_width(line, size) for label in labels for line in str(label).split("\n"))
    spacing = room / len(labels)
    if widest + 0.5 * size <= spacing:
        return 0
    return 30 if spacing * np.sin(np.radians(30)) >= 1.5 * size else 90


def _ticks_height(labels: Sequence[str], slant: float, size: float) -> float:
    """The height in points of x tick labels drawn at ``slant`` degrees (one line of text when there are none)."""
    if not labels:
        return 1.3 * size
    lines = max(str(label).count("\n") + 1 for label in labels) * 1.3 * size
    widest = max(text_width(line, size) for label in labels for line in str(label).split("\n"))
    angle = np.radians(slant)
    return float(widest * np.sin(angle) + lines * np.cos(angle))


_MEASURES = {"coherence": ("NPMI coherence (held-apart texts)", "o"), "exclusivity": ("exclusivity", "s"),
             "stability": ("stability across seeds", "^")}


@overload
def select_k(table: pd.DataFrame, *, ax: Axes | None = ..., return_data: Literal[False] = ...) -> Axes: ...
@overload
def select_k(table: pd.DataFrame, *, ax: Axes | None = ..., return_data: Literal[True]) -> Plotted: ...
def select_k(table: pd.DataFrame, *, ax: Axes | None = None, return_data: bool = False) -> Axes | Plotted:
    """How good topic models with each number of topics are: an "elbow" figure to choose k.

    One line per measure over the numbers of topics tried, with a bar of one
    standard deviation across the seeds: NPMI coherence of each topic's top terms on
    texts the models did not learn from, exclusivity of the top terms, and stability
    of the topics from one seed to another. A good k is high in coherence and
    stability; exclusivity tends to rise with k.

    Parameters
    ----------
    table : pandas.DataFrame
        What ``cobs.topics.select_k`` returns: wide (``k``, ``coherence``,
        ``coherence_sd``, ``exclusivity``, ``exclusivity_sd``, ``stability``,
        ``stability_sd``) or long (``k``, ``measure``, ``value``, ``sd``).
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    return_data : bool, default=False
        Also return the points drawn (:class:`Plotted`), long: ``k``, ``measure``,
        ``value``, ``sd``. Model scores have no ``refs``.

    Returns
    -------
    matplotlib.axes.Axes or Plotted
        The Axes: a line per measure over the numbers of topics; with ``return_data=True``,
        also the points drawn.

    Examples
    --------
    >>> import cobs.plot
    >>> table = pd.DataFrame({"k": [5, 10], "coherence": [0.12, 0.09], "coherence_sd": [0.01, 0.02],
    ...                       "exclusivity": [0.6, 0.7], "exclusivity_sd": [0.03, 0.02],
    ...                       "stability": [0.8, 0.55], "stability_sd": [0.05, 0.1]})
    >>> ax, data = cobs.plot.select_k(table, return_data=True)
    >>> data.query("k == 10")[["measure", "value", "sd"]]
           measure  value    sd
    1    coherence   0.09  0.02
    3  exclusivity   0.70  0.02
    5    stability   0.55  0.10
    """
    check_table(table, ["k"], function="cobs.plot.select_k", what="a table from cobs.topics.select_k()")
    if {"measure", "value"} <= set(table.columns):
        data = table[["k", "measure", "value", *(["sd"] if "sd" in table.columns else [])]]
    else:
        present = [m for m in _MEASURES if m in table.columns]
        if not present:
            raise ValueError("cobs.plot.select_k: the table has none of the columns 'coherence', 'exclusivity', "
                             f"'stability' (nor 'measure' and 'value'); its columns are {list(table.columns)}")
        data = pd.concat([pd.DataFrame({"k": table["k"], "measure": m, "value": table[m],
                                        "sd": table[f"{m}_sd"] if f"{m}_sd" in table.columns else np.nan})
                          for m in present], ignore_index=True)
    require_rows(data, ["k", "value"], what="numbers of topics", data_columns=["k", "measure", "value", "sd"])
    data = data.assign(_m=data["measure"].map({m: i for i, m in enumerate(_MEASURES)}).fillna(len(_MEASURES)))
    data = data.sort_values(["_m", "k"], kind="stable").drop(columns="_m").reset_index(drop=True)
    if "sd" not in data.columns:
        data["sd"] = np.nan
    ax = new_axes(ax, 0, min_height=2.4)
    for color, measure in zip(categorical_colors(data["measure"].nunique()), dict.fromkeys(data["measure"]),
                              strict=True):
        rows = data[data["measure"] == measure]
        name, marker = _MEASURES.get(measure, (measure, "o"))
        ax.errorbar(rows["k"].to_numpy(dtype=float), rows["value"].to_numpy(dtype=float),
                    yerr=rows["sd"].fillna(0).to_numpy(dtype=float), marker=marker, markersize=4, capsize=2,
                    color=color, label=name)
    ks = sorted(set(data["k"]))
    ax.set_xticks(ks, [str(int(k)) for k in ks])
    ax.set_xlabel("Number of topics (k)")
    ax.set_ylabel("Score (mean ± s.d. over seeds)")
    legend_below(ax)
    return finish(ax, data, return_data)

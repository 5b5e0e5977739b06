"""Figures of topic models (``cobs.topics``): how prevalent topics are by group and year."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, overload

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from cobs.errors import invalid_value
from cobs.plot._base import (
    OKABE_ITO,
    Plotted,
    axis_name,
    categorical_colors,
    check_table,
    finish,
    legend_below,
    new_axes,
    wrap,
)

__all__ = ["prevalence", "select_k"]

_PREVALENCE = "a prevalence table from cobs.topics.prevalence()"
_MARKERS = ("o", "s", "^", "D")


@overload
def prevalence(table: pd.DataFrame, *, x: str = ..., hue: str = ..., topics: Sequence[object] | None = ...,
               ax: Axes | None = ..., return_data: Literal[False] = ...) -> Axes: ...
@overload
def prevalence(table: pd.DataFrame, *, x: str = ..., hue: str = ..., topics: Sequence[object] | None = ...,
               ax: Axes | None = ..., return_data: Literal[True]) -> Plotted: ...
def prevalence(
    table: pd.DataFrame,
    *,
    x: str = "year",
    hue: str = "label",
    topics: Sequence[object] | None = None,
    ax: Axes | None = None,
    return_data: bool = False,
) -> Axes | Plotted:
    """How prevalent topics are, by group or year, with their confidence intervals.

    With a numeric ``x`` (a year), one line per ``hue`` value and a band for its
    interval; with groups on ``x`` (committee, State), one point per group and
    ``hue`` value with its interval as an error bar.

    Parameters
    ----------
    table : pandas.DataFrame
        A prevalence table from ``cobs.topics.prevalence(model, table, by=[...])``:
        the ``by`` columns, ``topic``, ``label``, ``mean``, ``ci_low``, ``ci_high``,
        ``n``.
    x : str, default="year"
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
        The Axes: per ``hue`` value, a line and band (a numeric ``x``) or points with error
        bars (groups); with ``return_data=True``, also the rows drawn.

    Raises
    ------
    ValueError
        If a column is missing, a topic is not in the table, or the table has
        several rows per ``x`` and ``hue`` (it is grouped by more columns: choose
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
    check_table(table, ["topic", "label", "mean", "ci_low", "ci_high", "n", x, hue], "prevalence", _PREVALENCE)
    if x == hue:
        raise ValueError(f"cobs.plot.prevalence: {invalid_value('hue', hue, 'a column other than x')}")
    if topics is not None:
        wanted = [topics] if isinstance(topics, (str, int, np.integer)) else list(topics)
        known = set(table["topic"]) | set(table["label"])
        missing = [t for t in wanted if t not in known]
        if missing:
            raise ValueError(f"cobs.plot.prevalence: topic {missing[0]!r} is not in the table; its topics are "
                             f"{sorted(set(table['topic']), key=str)}")
        table = table[table["topic"].isin(wanted) | table["label"].isin(wanted)]
    repeated = table.duplicated([x, hue])
    if repeated.any():
        extra = [c for c in table.columns if c not in {"topic", "label", "mean", "ci_low", "ci_high", "n", x, hue,
                                                        "refs"}]
        raise ValueError(f"cobs.plot.prevalence: the table has several rows per {x!r} and {hue!r} (it is grouped by "
                         f"more: {extra}); choose hue= among them and one topic with topics=[...], or filter the table")
    data = table.sort_values(["topic", x] if hue == "label" else [hue, x], kind="stable")  # topics in their order
    ax = new_axes(ax, 0, min_height=2.4)
    series = list(dict.fromkeys(data[hue]))
    colors = dict(zip(series, categorical_colors(len(series)), strict=True))
    numeric = pd.api.types.is_numeric_dtype(data[x])
    groups = list(dict.fromkeys(data[x])) if not numeric else []
    width = 0.7 / max(len(series), 1)
    for k, name in enumerate(series):
        rows = data[data[hue] == name]
        marker = _MARKERS[k // len(OKABE_ITO) % len(_MARKERS)]  # past eight series the colours repeat: the marks do not
        if numeric:
            xs = rows[x].to_numpy(dtype=float)
            ax.fill_between(xs, rows["ci_low"], rows["ci_high"], color=colors[name], alpha=0.2, linewidth=0)
            ax.plot(xs, rows["mean"], marker=marker, color=colors[name], label=wrap(name, 30))
        else:
            xs = np.array([groups.index(g) for g in rows[x]], dtype=float) + (k - (len(series) - 1) / 2) * width
            yerr = np.vstack([rows["mean"] - rows["ci_low"], rows["ci_high"] - rows["mean"]])
            ax.errorbar(xs, rows["mean"], yerr=yerr, fmt=marker, color=colors[name], capsize=2, label=wrap(name, 30))
    if numeric:
        years = sorted(set(data[x]))
        if all(float(v).is_integer() for v in years) and len(years) <= 12:
            ax.set_xticks(years, [str(int(v)) for v in years])
    else:
        for edge in np.arange(len(groups) - 1) + 0.5:  # a thin rule between groups, whose points are side by side
            ax.axvline(edge, color="#DDDDDD", linewidth=0.6, zorder=0)
        labels = [wrap(g, 16) for g in groups]
        ax.set_xticks(np.arange(len(groups)), labels)
        if _crowded(ax, labels):  # document symbols ("CRPD/C/AZE/CO/2-3") do not wrap: slant them
            ax.tick_params(axis="x", labelrotation=30)
            for label in ax.get_xticklabels():
                label.set_horizontalalignment("right")
                label.set_rotation_mode("anchor")
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel(axis_name(x))
    ax.set_ylabel("Topic prevalence (mean share of a text)")
    ax.legend(title="Topic" if hue == "label" else hue, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              borderaxespad=0.0)
    return finish(ax, data, return_data)


def _crowded(ax: Axes, labels: Sequence[str]) -> bool:
    """Whether tick labels this long would touch side by side, one per group, on the axes' share of the figure.

    An estimate from the characters (half a font size wide on average, with room to spare), not a drawing: the
    legend at the right of a prevalence figure takes about a third of its width.
    """
    size = mpl.font_manager.FontProperties(size=mpl.rcParams["xtick.labelsize"]).get_size_in_points()
    widest = max((len(line) for label in labels for line in str(label).split("\n")), default=0)
    room = ax.figure.get_figwidth() * 72 * 0.65 / max(len(labels), 1)
    return widest * 0.55 * size + 4 > room


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
    check_table(table, ["k"], "select_k", "a table from cobs.topics.select_k()")
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

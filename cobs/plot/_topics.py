"""Figures of topic models (``cobs.topics``): how prevalent topics are by group and year."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, overload

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from cobs.plot._base import Plotted, categorical_colors, check_table, finish, new_axes, wrap

__all__ = ["prevalence"]

_PREVALENCE = "a prevalence table from cobs.topics.prevalence()"


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
        raise ValueError(f"cobs.plot.prevalence: x and hue must be different columns, got {x!r} for both")
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
    data = table.sort_values([hue, x], kind="stable")
    ax = new_axes(ax, 0, min_height=2.4)
    series = list(dict.fromkeys(data[hue]))
    colors = dict(zip(series, categorical_colors(len(series)), strict=True))
    numeric = pd.api.types.is_numeric_dtype(data[x])
    groups = list(dict.fromkeys(data[x])) if not numeric else []
    width = 0.7 / max(len(series), 1)
    for k, name in enumerate(series):
        rows = data[data[hue] == name]
        if numeric:
            xs = rows[x].to_numpy(dtype=float)
            ax.fill_between(xs, rows["ci_low"], rows["ci_high"], color=colors[name], alpha=0.2, linewidth=0)
            ax.plot(xs, rows["mean"], marker="o", color=colors[name], label=wrap(name, 30))
        else:
            xs = np.array([groups.index(g) for g in rows[x]], dtype=float) + (k - (len(series) - 1) / 2) * width
            yerr = np.vstack([rows["mean"] - rows["ci_low"], rows["ci_high"] - rows["mean"]])
            ax.errorbar(xs, rows["mean"], yerr=yerr, fmt="o", color=colors[name], capsize=2, label=wrap(name, 30))
    if numeric:
        years = sorted(set(data[x]))
        if all(float(v).is_integer() for v in years) and len(years) <= 12:
            ax.set_xticks(years, [str(int(v)) for v in years])
    else:
        ax.set_xticks(np.arange(len(groups)), [wrap(g, 16) for g in groups])
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_xlabel({"year": "Year", "committee": "Committee", "state": "State", "symbol": "Document"}.get(x, x))
    ax.set_ylabel("Topic prevalence (mean share of a text)")
    ax.legend(title="Topic" if hue == "label" else hue, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              borderaxespad=0.0)
    return finish(ax, data, return_data)

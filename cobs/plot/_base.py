"""What every cobs figure shares: input checks, the returned data, new axes, colours, labels."""

from __future__ import annotations

import functools
import reprlib
import textwrap
import weakref
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, TypeVar

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from cobs.errors import invalid_value

__all__ = ["MISSING_COLOR", "OKABE_ITO", "STRENGTH_COLORS", "NothingToDraw", "Plotted", "axes_width", "cells_hold",
           "groups_of", "label_bottoms", "label_inches", "label_rows", "new_axes", "new_panels", "same_x",
           "ordinal_colors", "require_rows", "text_width", "wrap"]

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
"""Okabe and Ito's colour-blind-safe palette (Color Universal Design), yellow and black last."""

MISSING_COLOR = "#BBBBBB"
"""The colour of "(none)": rows where the counted column is missing."""

MISSING_LABEL = "(none)"


class Plotted(NamedTuple):
    """What a cobs figure function returns with ``return_data=True``.

    Attributes
    ----------
    ax : matplotlib.axes.Axes
        The Axes drawn on.
    data : pandas.DataFrame
        The table behind the figure: one row per number drawn (bar, segment, cell,
        point), with the ``refs`` of the recommendations it counts where the input
        has references.
    """

    ax: Axes
    data: pd.DataFrame


class NothingToDraw(ValueError):
    """What a figure function raises, once its arguments are checked, when its input holds nothing to draw.

    :func:`recorded` (every public figure function) turns it into the one answer of cobs.plot to such input: an
    empty Axes whose centre says "nothing to draw: <why>" (and, with ``return_data=True``, an empty table of the
    ``columns`` the figure's data would have). A ValueError, so that a caller of the undecorated function still gets
    a cobs error saying why.
    """

    def __init__(self, why: str, columns: Sequence[str] = ()) -> None:
        super().__init__(f"nothing to draw: {why}")
        self.why = why
        self.columns = list(columns)


def require_rows(table: pd.DataFrame, columns: Sequence[str], *, what: str = "rows",
                 data_columns: Sequence[str] = (), blank: str | None = None) -> None:
    """:class:`NothingToDraw` if ``table`` has no rows (of ``what``: "requested actions"), or if every value of the
    ``columns`` the figure reads is missing (a table of blank rows, as a CSV of empty lines reads): "the table's 3
    rows have no symbol, theme or ref", or ``blank`` if given ("every cell of the table is missing")."""
    if len(table) == 0 or table.shape[1] == 0:
        raise NothingToDraw(f"the table has no {what}", data_columns)
    columns = list(dict.fromkeys(columns))
    if columns and table[columns].isna().to_numpy().all():
        named = ", ".join(map(str, columns[:-1])) + (" or " if len(columns) > 1 else "") + str(columns[-1])
        raise NothingToDraw(blank or f"the table's {len(table)} rows have no {named}", data_columns)


def tally_columns(by: str | Sequence[str] = ()) -> list[str]:
    """The columns of :func:`cobs.tally` grouped ``by``: the data of a figure of counts."""
    return [*([by] if isinstance(by, str) else by), "dimension", "category", "count", "n", "share", "refs"]


def check_one_of(value: object, allowed: Sequence[object], parameter: str, function: str) -> None:
    if value not in allowed:
        raise ValueError(f"cobs.plot.{function}: {invalid_value(parameter, value, tuple(allowed))}")


def check_top(top: object, function: str, *, optional: bool = True) -> None:
    """A ValueError naming the function unless ``top`` is a positive integer (or None, when ``optional``)."""
    if optional and top is None:
        return
    if isinstance(top, bool) or not isinstance(top, (int, np.integer)) or top < 1:
        expected = "a positive integer or None" if optional else "a positive integer"
        raise ValueError(f"cobs.plot.{function}: {invalid_value('top', top, expected)}")


def other_themes(table: pd.DataFrame, themes: Sequence[object], top: int) -> tuple[pd.DataFrame, list[object]]:
    """``table`` with the rows of every named theme after the first ``top`` of ``themes`` (ranked) in one theme,
    "N other themes", and the themes to draw: the first ``top``, then that row, then the rows without a theme (a
    missing theme, in its own bar as without ``top``). A figure of the top themes then still counts every row: its
    bars' totals are the table's."""
    missing = [t for t in themes if t is None or t is pd.NA or (isinstance(t, float) and np.isnan(t))]
    named = [t for t in themes if not any(t is m for m in missing)]
    kept, rest = named[:top], named[top:]
    if not rest:
        return table, [*kept, *missing[:1]]
    label = f"{len(rest)} other theme" + ("s" if len(rest) != 1 else "")
    values = table["theme"].astype(object)
    keep = values.isin(kept) | values.isna() | (values == "")  # "" is "none" in a string column, as tally reads it
    return table.assign(theme=values.where(keep, label)), [*kept, label, *missing[:1]]


def theme_axis(top: int | None, known: int, others: bool) -> str:
    """A theme axis's label: how many themes it draws of how many (``known``: the named themes)."""
    if top is None or known <= top:
        return "Theme"
    return f"Theme ({top} most frequent of {known}" + ("; the others in one bar)" if others else ")")


def heatmap_image(ax: Axes | None, matrix: np.ndarray, labels: Sequence[str], heads: Sequence[str],
                  upright: bool) -> tuple[Axes, object, float]:
    """A heatmap's Axes (``ax``, or a new figure as tall as its rows of ``labels`` need, with room under them for
    the column ``heads``, ``upright``: turned on their side), ``matrix`` drawn on it (shares: zeros blank, blues
    from 0 to its largest value), and the height in points of its rows (for the axis and colour bar labels)."""
    size = mpl.font_manager.FontProperties(size=mpl.rcParams["xtick.labelsize"]).get_size_in_points()
    below = max((text_width(line, size) for h in heads for line in h.split("\n")), default=0) if upright else size
    # rows 1.6 inches tall in all at least, so that the axis label and the colour bar's have room beside them
    rows = max(row_height(labels), 1.6 / max(len(labels), 1))
    if ax is None:
        ax = new_axes(ax, len(labels), row_height=rows, extra=0.7 + below / 72)
        tall = len(labels) * rows * 72
    else:
        tall = 0.8 * ax.get_position().height * ax.figure.get_figheight() * 72
    image = ax.imshow(np.ma.masked_equal(matrix, 0.0), aspect="auto", cmap=mpl.colormaps["Blues"], vmin=0,
                      vmax=max(float(matrix.max(initial=0)), 1e-9), interpolation="nearest")
    return ax, image, tall

def row_height(labels: Sequence[str]) -> float:
    """Inches between rows of bars whose tick labels are ``labels``, so that wrapped labels do not touch.

    Two neighbouring labels of ``a`` and ``b`` text lines need ``(a + b) / 2`` lines between their centres.
    """
    lines = [str(label).count("\n") + 1 for label in labels] or [1]
    need = max([(a + b) / 2 for a, b in zip(lines, lines[1:], strict=False)] or [lines[0]])
    size = mpl.font_manager.FontProperties(size=mpl.rcParams["ytick.labelsize"]).get_size_in_points()
    return max(0.15, (need * 1.25 * size + 5) / 72)


def new_axes(ax: Axes | None, rows: int, *, row_height: float = 0.19, extra: float = 0.9,
             min_height: float = 1.6) -> Axes:
    """The Axes to draw on: ``ax``, or a new figure as wide as the style's, as tall as its ``rows`` of bars need."""
    if ax is not None:
        if not isinstance(ax, Axes):
            raise TypeError(invalid_value("ax", ax, "a matplotlib Axes or None"))
        return ax
    import matplotlib.pyplot as plt

    width = mpl.rcParams["figure.figsize"][0]
    height = max(min_height, rows * row_height + extra)
    _, new = plt.subplots(figsize=(width, height), layout="constrained")
    return new


PANELS_MIN_WIDTH = 1.35
"""Inches a panel of a grid of small multiples needs at least: as many panels side by side as fit the width."""


def new_panels(ax: Axes | None, count: int, rows: int, *, ncols: int | None, row_height: float = 0.19,
               extra: float = 0.9, labels: float = 1.6, sharex: bool = True, min_width: float = PANELS_MIN_WIDTH,
               function: str) -> list[Axes]:
    """A new figure of ``count`` panels of small multiples, ``ncols`` across (None: as many as fit the style's width,
    each at least ``min_width`` inches beside tick labels of ``labels`` inches), sharing the x axis
    (``sharex``; else each its own, with its numbers), each
    as tall as its ``rows`` of bars need; the panels in reading order (the grid's unused cells hidden).

    No axis is shared (a shared axis gives every panel its own ticks, hidden, to lay out and draw, and lays out the
    labels of each with every other's: most of a grid's time): :func:`label_rows` labels the first panel of each row
    and leaves the others without ticks; :func:`same_x` sets one x scale; with ``sharex``, only the lowest panel of
    each column shows the numbers of the x axis.

    ``ax`` must be None (a grid is a figure of its own): else a ValueError naming ``function``.
    """
    if ax is not None:
        expected = "None with by=... (a grid of panels is a figure of its own)"
        raise ValueError(f"cobs.plot.{function}: {invalid_value('ax', ax, expected)}")
    if ncols is not None and (isinstance(ncols, bool) or not isinstance(ncols, (int, np.integer)) or ncols < 1):
        raise ValueError(f"cobs.plot.{function}: {invalid_value('ncols', ncols, 'a positive integer or None')}")
    import matplotlib.pyplot as plt

    width = mpl.rcParams["figure.figsize"][0]
    if ncols is None:
        ncols = int(max(1, (width - labels) // min_width))
    ncols = int(max(1, min(ncols, count)))
    nrows = -(-count // ncols)
    height = nrows * (max(0.8, rows * row_height) + 0.35) + extra
    fig, grid = plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained", squeeze=False)
    panels = list(grid.flat)
    for k, panel in enumerate(panels):
        if k >= count:
            panel.remove()  # an empty cell of the grid: nothing to lay out or draw
        elif sharex and k + ncols < count:  # a panel below shows the numbers of the x axis
            panel.xaxis.set_tick_params(labelbottom=False)
    return panels[:count]


def same_x(panels: Sequence[Axes], low: float, high: float) -> None:
    """One x scale for the panels of a grid of :func:`new_panels` (set, not shared: a shared axis lays out each
    panel's ticks with every other's, a time that grows with the square of the panels)."""
    for panel in panels:
        panel.set_xlim(low, high)


def label_rows(panels: Sequence[Axes], labels: Sequence[str]) -> None:
    """The y axis of a grid of :func:`new_panels`: ``labels`` top to bottom on the first panel of each row of the
    grid, no ticks on the others, the same limits on all."""
    starts = {id(panel) for panel in panels if panel.get_subplotspec().is_first_col()}
    for panel in panels:
        if id(panel) in starts:
            panel.set_yticks(np.arange(len(labels)), labels)
        else:
            panel.set_yticks([])
        panel.set_ylim(len(labels) - 0.5, -0.5)


def axes_width(ax: Axes | None) -> float:
    """Inches ``ax`` has for itself and its labels (None: the style's figure width): its figure's width for an Axes
    that fills its figure, half of it beside another (0.775 is the width matplotlib's subplot parameters give a
    figure's one Axes before layout)."""
    if ax is None:
        return mpl.rcParams["figure.figsize"][0]
    return ax.get_position().width * ax.figure.get_figwidth() / 0.775


def label_inches(labels: Sequence[str], size: float = 7) -> float:
    """Inches the widest line of tick ``labels`` (in ``size`` points) needs, with a margin: beside a grid's panels."""
    return max((text_width(line, size) for label in labels for line in str(label).split("\n")), default=0) / 72 + 0.2


def cells_hold(ax: Axes | None, columns: int, labels: Sequence[str], widest: str) -> bool:
    """Whether the cells of a heatmap of ``columns`` columns, beside row ``labels``, are wide enough for the text
    ``widest`` (in x-small type, with a margin): the width of ``ax``'s figure (or the style's) less the labels and a
    colour bar, shared by the columns. A heatmap of a hundred documents has cells 3 points wide: their numbers
    would be a grey smear (and thousands of texts to lay out), so they are left to the table behind the figure."""
    width = axes_width(ax)
    size = mpl.font_manager.FontProperties(size="x-small").get_size_in_points()
    tick = mpl.font_manager.FontProperties(size=mpl.rcParams["ytick.labelsize"]).get_size_in_points()
    beside = max((text_width(line, tick) for label in labels for line in str(label).split("\n")), default=0)
    return (width * 72 - beside - 60) / max(columns, 1) >= text_width(widest, size) + 4


def label_bottoms(panels: Sequence[Axes], label: str) -> None:
    """The x axis' label of a grid of :func:`new_panels`, under the lowest panel of each column (the figure's own
    x label would sit where the legend below the grid goes)."""
    ncols = panels[0].get_subplotspec().get_gridspec().ncols if panels else 1
    text = wrap(label, 26) if ncols >= 3 else label  # three or four columns: one line ran into the next label
    for k, panel in enumerate(panels):
        if k + ncols >= len(panels):
            panel.set_xlabel(text)


def groups_of(table: pd.DataFrame, by: str, function: str) -> list[object]:
    """The values of ``table[by]`` in the order they first appear (a categorical column: its categories' order,
    those present), missing values left out; a ValueError naming ``function`` if ``by`` is not a column."""
    if not isinstance(by, str) or by not in table.columns:
        raise ValueError(f"cobs.plot.{function}: {invalid_value('by', by, 'a column of the table')}")
    values = table[by]
    if isinstance(values.dtype, pd.CategoricalDtype):
        present = set(values.dropna())
        return [c for c in values.cat.categories if c in present]
    return list(dict.fromkeys(values.dropna().tolist()))


STRENGTH_COLORS = {
    "draws attention": "#C6DBEF", "requests": "#9ECAE1", "invites": "#6BAED6", "encourages": "#4292C6",
    "calls upon": "#2171B5", "recommends": "#08519C", "urges": "#D55E00",
}
"""Colours of the operative verb's strength: blues, darker for stronger verbs, and "urges" in vermillion, so
that the Committee's most insistent requests stand out from its default "recommends" (Okabe-Ito's vermillion
and ColorBrewer's Blues: apart for every colour vision)."""


def ordinal_colors(n: int) -> list[str]:
    """``n`` colours of an ordered scale, light to dark (viridis: apart for every colour vision, and in grey)."""
    cmap = mpl.colormaps["viridis"]
    return [mpl.colors.to_hex(cmap(x)) for x in np.linspace(0.93, 0.12, n)] if n > 1 else [mpl.colors.to_hex(cmap(0.3))]


_VIRIDIS_DIMENSIONS = ("action_category", "specificity", "time_bound")


def level_colors(dimension: str, levels: Sequence[object]) -> dict[object, str]:
    """A colour for each level of an ordered dimension (weakest first).

    The strength of the operative verb has its own colours, the measures of cobs.measure viridis; any other
    ordered column (``upr_grade``) a ramp of blues, palest for its weakest level.
    """
    if dimension == "strength" and all(level in STRENGTH_COLORS for level in levels):
        return {level: STRENGTH_COLORS[level] for level in levels}
    if dimension in _VIRIDIS_DIMENSIONS:
        return dict(zip(levels, ordinal_colors(len(levels)), strict=True))
    cmap = mpl.colormaps["Blues"]
    ramp = [mpl.colors.to_hex(cmap(x)) for x in np.linspace(0.18, 0.85, len(levels))] if len(levels) > 1 else [
        mpl.colors.to_hex(cmap(0.7))]
    return dict(zip(levels, ramp, strict=True))


def categorical_colors(n: int) -> list[str]:
    """``n`` colours of the Okabe-Ito palette (repeated beyond eight)."""
    return [OKABE_ITO[i % len(OKABE_ITO)] for i in range(n)]


def wrap(label: object, width: int = 32) -> str:
    """A tick label on lines of at most ``width`` characters; a missing value is "(none)"."""
    if label is None or label is pd.NA or (isinstance(label, float) and np.isnan(label)):
        return MISSING_LABEL
    return textwrap.fill(str(label), width, break_long_words=False, break_on_hyphens=False)


_AXIS_NAMES = {"symbol": "Document", "state": "State", "cycle": "Cycle", "committee": "Committee", "year": "Year",
               "cluster_id": "Cluster"}


def axis_name(column: str) -> str:
    """An axis label for a column: "Document" for ``symbol``, else the name in words ("upr_grade" -> "Upr grade")."""
    return _AXIS_NAMES.get(column, str(column).replace("_", " ").capitalize())


def legend_below(ax: Axes, *, ticks: float | None = None, **options: object) -> None:
    """The legend under the x axis label, so that a one-column figure keeps its width for the data.

    ``ticks`` is the height in points of the x tick labels (slanted ones are taller than a line of text).
    """
    from matplotlib.transforms import blended_transform_factory, offset_copy

    points = mpl.font_manager.FontProperties
    tick = points(size=mpl.rcParams["xtick.labelsize"]).get_size_in_points()
    label = points(size=mpl.rcParams["axes.labelsize"]).get_size_in_points()
    ticks = 1.3 * tick if ticks is None else ticks
    drop = ticks + 1.3 * label + mpl.rcParams["xtick.major.size"] + mpl.rcParams["xtick.major.pad"] + 6
    # centred under the figure when the axes are its only ones (long tick labels on the left put the axes' centre
    # right of the figure's, and a wide legend centred there would run past its right edge), else under the axes
    alone = len(ax.figure.axes) == 1 and ax.get_subplotspec() is not None
    across = ax.figure.transFigure if alone else ax.transAxes
    at = offset_copy(blended_transform_factory(across, ax.transAxes), fig=ax.figure, y=-drop, units="points")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), bbox_transform=at, borderaxespad=0.0, **options)


def legend_columns(names: Sequence[str], title: str, width: float) -> tuple[int, float]:
    """How many columns a legend of ``names`` (and ``title``) takes across ``width`` inches, and its height in points.

    As many columns as the widest entry allows (the marker, its gap, the text and the space between columns, in the
    style's legend settings); the height adds up the rows, each as tall as its tallest wrapped entry.
    """
    size = mpl.font_manager.FontProperties(size=mpl.rcParams["legend.fontsize"]).get_size_in_points()
    entry = max((text_width(line, size) for name in names for line in name.split("\n")), default=0)
    entry += (mpl.rcParams["legend.handlelength"] + mpl.rcParams["legend.handletextpad"]
              + mpl.rcParams["legend.columnspacing"]) * size
    ncol = int(max(1, min(len(names), (width * 72 - 10) // max(entry, 1))))
    ncol = -(-len(names) // -(-len(names) // ncol)) if names else 1  # rows as full as they can be: 3 + 2, not 4 + 1
    lines = np.array([name.count("\n") + 1 for name in names] or [1])
    columns = np.array_split(lines, ncol)  # how matplotlib fills a legend's columns, top to bottom
    rows = [max(column[i] for column in columns if i < len(column)) for i in range(len(columns[0]))]
    spacing = mpl.rcParams["legend.labelspacing"] * size
    height = sum(1.25 * size * n + spacing for n in rows) + (1.5 * size if title else 0)
    return ncol, height


def label_chars(ax: Axes | None, narrow: int = 40, wide: int = 52) -> int:
    """Characters per line of a tick label: more on a two-column figure (``ax``'s, or the style's if None)."""
    width = axes_width(ax)
    return wide if width >= 5 else narrow


def text_width(text: str, size: float) -> float:
    """The width in points of one line of ``text`` at ``size`` points, in the current font (drawn or not)."""
    from matplotlib.textpath import text_to_path

    prop = mpl.font_manager.FontProperties(size=size)
    return text_to_path.get_text_width_height_descent(text, prop, ismath=False)[0]


def fit(text: str, length: float, size: float) -> str:
    """``text`` on as many lines as it needs to be no longer than ``length`` points at ``size`` points (words kept
    whole), for an axis label beside a short axis."""
    lines: list[str] = []
    for word in str(text).split(" "):
        if lines and text_width(f"{lines[-1]} {word}", size) <= length:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines)


def text_color(rgba: Sequence[float]) -> str:
    """Black or white, whichever reads better on a cell of this colour."""
    r, g, b = rgba[:3]
    return "black" if 0.299 * r + 0.587 * g + 0.114 * b > 0.5 else "white"


_DRAWN: weakref.WeakKeyDictionary[Figure, list[str]] = weakref.WeakKeyDictionary()
"""The cobs.plot calls drawn on each figure, as text, for the metadata savefig writes."""
_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 120
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = 12


def _call(name: str, table: object, options: dict[str, object]) -> str:
    """``cobs.plot.mix(<table of 79 rows>, by='symbol', of='strength')``: the call, without ax and return_data."""
    shown = f"<table of {len(table)} rows>" if isinstance(table, pd.DataFrame) else _REPR.repr(table)
    given = [f"{key}={_REPR.repr(value)}" for key, value in sorted(options.items())
             if key not in ("ax", "return_data")]
    return f"cobs.plot.{name}({', '.join([shown, *given])})"


_Function = TypeVar("_Function", bound=Callable[..., Any])


def recorded(function: _Function) -> _Function:
    """``function`` (a cobs.plot figure function) as the public figure function: it notes its call on the figure it
    draws, for :func:`drawn_on`, and answers input with nothing to draw (:class:`NothingToDraw`) the one way every
    figure does (:func:`draw_nothing`). Its signature and overloads stay as they are for type checkers."""

    @functools.wraps(function)
    def draw(table: object, *args: object, **options: object) -> Axes | Plotted:
        try:
            result = function(table, *args, **options)
        except NothingToDraw as nothing:
            result = draw_nothing(nothing, options.get("ax"), bool(options.get("return_data", False)))
        ax = result.ax if isinstance(result, Plotted) else result
        if isinstance(ax, Axes) and ax.figure is not None:
            _DRAWN.setdefault(ax.figure, []).append(_call(function.__name__, table, options))
        return result

    return draw  # type: ignore[return-value]


_NOTHING_WIDTH = 48  # characters per line of the "nothing to draw" text: it fits a one-column figure


def draw_nothing(nothing: NothingToDraw, ax: Axes | None, return_data: bool) -> Axes | Plotted:
    """The answer of every figure function to input with nothing to draw: an empty Axes (``ax``, or a new one)
    whose centre says "nothing to draw: <why>", and an empty table of the figure's columns with ``return_data``."""
    ax = new_axes(ax, 1)
    ax.text(0.5, 0.5, textwrap.fill(f"nothing to draw: {nothing.why}", _NOTHING_WIDTH, break_long_words=False),
            transform=ax.transAxes, ha="center", va="center", color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])
    return finish(ax, pd.DataFrame(columns=nothing.columns), return_data)


def drawn_on(fig: Figure) -> list[str]:
    """The cobs.plot calls that drew on ``fig``, in order (empty for a figure cobs.plot did not draw)."""
    return list(_DRAWN.get(fig, []))


def finish(ax: Axes, plotted: pd.DataFrame, return_data: bool) -> Axes | Plotted:
    return Plotted(ax, plotted.reset_index(drop=True)) if return_data else ax

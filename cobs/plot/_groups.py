"""Figures of the groups of persons and the SDGs of recommendations (cobs.measure's ``groups`` and ``sdgs``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple, overload

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from cobs._checks import check_table
from cobs.errors import invalid_value
from cobs.measures import tally
from cobs.plot._base import (
    MISSING_COLOR,
    OKABE_ITO,
    NothingToDraw,
    Plotted,
    axes_width,
    axis_name,
    cells_hold,
    check_top,
    finish,
    fit,
    heatmap_image,
    label_bottoms,
    label_inches,
    label_rows,
    legend_below,
    legend_columns,
    new_axes,
    new_panels,
    require_rows,
    row_height,
    same_x,
    tally_columns,
    text_color,
    text_width,
    wrap,
)
from cobs.reference import GOALS, GROUPS, base_group, goal_name

__all__ = ["goals", "groups"]

_ACTIONS = "an action table from cobs.measure()"


def _per_action(table: pd.DataFrame, column: str, by: str) -> pd.DataFrame:
    """:func:`cobs.tally` of a list column, exploded as tally asks, with ``n`` and ``share`` per action.

    An action counts once under each of its labels; ``n`` is the group's actions, so that
    ``share`` is the share of its actions naming the label.
    """
    exploded = table[[by, column, "ref"]].explode(column)
    # an empty list explodes to a missing value (a NaN, not always np.nan itself): no label, not "nan"
    exploded[column] = exploded[column].astype(object).map(lambda v: None if v is None or pd.isna(v) else str(v))
    data = tally(exploded, column, by=by)
    sizes = table.groupby(by, sort=False, observed=True, dropna=False).size()
    n = data[by].map(lambda g: int(sizes.get(g, 0))).astype("int64")
    return data.assign(n=n, share=(data["count"] / n.where(n > 0)).astype("float64"))


@overload
def groups(actions: pd.DataFrame, *, symbol: str | Sequence[str] | None = ..., by: str | None = ..., years: int = ...,
           top: int | None = ..., ncols: int | None = ..., ax: Axes | None = ...,
           return_data: Literal[False] = ...) -> Axes: ...
@overload
def groups(actions: pd.DataFrame, *, symbol: str | Sequence[str] | None = ..., by: str | None = ..., years: int = ...,
           top: int | None = ..., ncols: int | None = ..., ax: Axes | None = ...,
           return_data: Literal[True]) -> Plotted: ...
def groups(
    actions: pd.DataFrame,
    *,
    symbol: str | Sequence[str] | None = None,
    by: str | None = None,
    years: int = 1,
    top: int | None = 12,
    ncols: int | None = None,
    ax: Axes | None = None,
    return_data: bool = False,
) -> Axes | Plotted:
    """Which groups of persons a CO names, against its committee's other COs of the same years; or several COs.

    For each group (OHCHR's vocabulary, ``cobs.measure``'s ``groups``), the share of
    the CO's requested actions that concern it, beside the same share over the
    committee's other COs in the table adopted within ``years`` years of it: what
    sets the CO apart is what its committee did not ask of the other States at the
    time (DOMAIN: a State's profile means little without its committee's). The
    committee's base group (Children for the CRC, Persons with disabilities for the
    CRPD), on every action of both, is not drawn.

    Given a list of COs (``symbol=[...]``), small multiples: a panel per CO, each against
    its own committee's other COs of its years, on one axis of groups (those with the
    largest share in any panel first) and one scale, with one legend.

    Given ``by`` (``"symbol"``, ``"state"``, ``"region"``, ...), a heatmap as
    :func:`goals` draws one: a group x column heatmap, each cell shaded by the share of
    the column's requested actions that concern the group, with their number where the
    cells are wide enough; the COs of a hundred States in one figure, each beside the
    others of its committee (the columns sorted, or in a categorical column's order).
    A committee's base group (Children for the CRC), on every action of its COs, is not
    counted on them (a CRPD CO's actions naming children are).

    Parameters
    ----------
    actions : pandas.DataFrame
        An action table from :func:`cobs.measure` (``symbol``, ``committee``, ``year``,
        ``groups``, ``ref``), with the CO and the committee's other COs.
    symbol : str or list of str, optional
        The CO to draw, when the table holds several; a list: a panel for each, in
        this order.
    by : str, optional
        The columns of a heatmap (instead of ``symbol``): a column of the table.
    years : int, default=1
        The committee's COs adopted this many years before or after the CO's year
        make the comparison (0: the same year). Not used with ``by``.
    top : int or None, default=12
        The groups drawn: those with the largest share in the CO or the comparison
        (in any panel); with ``by``, those that the most actions concern.
    ncols : int, optional
        With a list of COs: panels side by side (None: as many as fit the current
        style's width). Only with a list of COs.
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure. With a list of COs, None: the panels
        are a new figure.
    return_data : bool, default=False
        Also return the table behind the figure (:class:`Plotted`): :func:`cobs.tally`
        of the exploded ``groups`` by ``side`` ("document", "reference"), with ``n`` and
        ``share`` per action, the ``refs`` of the actions counted, and ``symbols``
        (the COs of the side); with a list of COs, panel by panel, the CO in a first
        column ``panel``; with ``by``, the tally by ``by`` (as :func:`goals` gives it).

    Returns
    -------
    matplotlib.axes.Axes or Plotted
        The Axes; with a list of COs, the first panel's (``ax.figure.axes``: every
        panel, in reading order).

    Raises
    ------
    ValueError
        If a column is missing, the table holds several COs and no ``symbol`` nor
        ``by``, a ``symbol`` is not in the table, both ``symbol`` and ``by`` are given,
        or ``ncols`` is given without a list of COs.

    Examples
    --------
    >>> import cobs, cobs.plot
    >>> acts = pd.DataFrame({"symbol": ["CRC/C/KAZ/CO/4"] * 2 + ["CRC/C/UZB/CO/5"] * 2, "committee": "CRC",
    ...                      "year": [2015, 2015, 2016, 2016], "ref": ["K 1", "K 2", "U 1", "U 2"],
    ...                      "groups": [["Children", "Migrants"], ["Children"], ["Children", "Migrants"],
    ...                                 ["Children", "Migrants"]]})
    >>> ax, data = cobs.plot.groups(acts, symbol="CRC/C/KAZ/CO/4", return_data=True)
    >>> data[["side", "category", "count", "n", "share"]]
            side  category  count  n  share
    0   document  Migrants      1  2    0.5
    1  reference  Migrants      2  2    1.0

    Both COs, a panel each, each against the other:

    >>> ax, data = cobs.plot.groups(acts, symbol=["CRC/C/KAZ/CO/4", "CRC/C/UZB/CO/5"], return_data=True)
    >>> data[["panel", "side", "category", "share"]]
                panel       side  category  share
    0  CRC/C/KAZ/CO/4   document  Migrants    0.5
    1  CRC/C/KAZ/CO/4  reference  Migrants    1.0
    2  CRC/C/UZB/CO/5   document  Migrants    1.0
    3  CRC/C/UZB/CO/5  reference  Migrants    0.5

    Both COs as the columns of a heatmap:

    >>> ax, data = cobs.plot.groups(acts, by="symbol", return_data=True)
    >>> data[["symbol", "category", "count", "n", "share"]]
               symbol  category  count  n  share
    0  CRC/C/KAZ/CO/4  Migrants      1  2    0.5
    1  CRC/C/UZB/CO/5  Migrants      2  2    1.0
    """
    if by is not None:
        if symbol is not None:
            raise ValueError("cobs.plot.groups: symbol= sets COs against their committee's others, by= makes the "
                             "columns of a heatmap: give one of them")
        if ncols is not None:
            raise ValueError("cobs.plot.groups: ncols sets panels side by side, and by= draws one heatmap: leave "
                             "ncols out")
        check_top(top, "groups")
        return _groups_heatmap(actions, by, top, ax, return_data)
    needed = ["symbol", "committee", "year", "groups", "ref"]
    check_table(actions, needed, name="actions", function="cobs.plot.groups", what=_ACTIONS)
    check_top(top, "groups")
    if isinstance(years, bool) or not isinstance(years, (int, np.integer)) or years < 0:
        raise ValueError(f"cobs.plot.groups: years must be a whole number of years (0 or more), got {years!r}")
    data_columns = [*tally_columns("side"), "symbols"]
    many = symbol is not None and not isinstance(symbol, str)
    require_rows(actions, needed, what="requested actions", data_columns=["panel", *data_columns] if many
                 else data_columns)
    symbols = list(dict.fromkeys(actions["symbol"].dropna()))
    if symbol is None:
        if len(symbols) != 1:
            more = " ..." if len(symbols) > 5 else ""
            raise ValueError(f"cobs.plot.groups draws one CO against its committee's others, and the table has "
                             f"{len(symbols)}: pass symbol=... (one of {symbols[:5]}{more})")
        symbol = symbols[0]
    if ncols is not None and not many:
        raise ValueError("cobs.plot.groups: ncols sets panels side by side: give it with a list of COs "
                         "(symbol=[...])")
    wanted = list(dict.fromkeys(symbol)) if many else [symbol]
    if not wanted:
        raise ValueError(f"cobs.plot.groups: {invalid_value('symbol', symbol, 'a CO of the table or a list of them')}")
    for one in wanted:
        if one not in symbols:
            raise ValueError(f"cobs.plot.groups: symbol {one!r} is not in the table; its documents are "
                             f"{symbols[:8]}")
    compared = [_compared(actions, one, years) for one in wanted]
    order: list[str] = []
    peak: dict[str, float] = {}
    for c in compared:
        for g in c.share.index:
            peak[g] = max(peak.get(g, 0.0), float(c.share.loc[g].max()))
    order = sorted(peak, key=lambda g: (-peak[g], GROUPS.index(g) if g in GROUPS else 99))
    order = [g for g in order if peak[g] > 0]
    order = order[:top] if top is not None else order
    if not order:
        bases = sorted({c.base for c in compared if c.base})
        besides = f" besides {', '.join(bases)}, on every action" if bases else ""
        named = wanted[0] if not many else ", ".join(wanted)
        raise NothingToDraw(f"no requested action of {named} nor of its committee's other COs names a group of "
                            f"persons{besides}", ["panel", *data_columns] if many else data_columns)
    labels = [wrap(g, 34) for g in order]
    bases = sorted({c.base for c in compared if c.base})
    title = f"Not drawn: {', '.join(bases)}, on every action" if bases else ""
    if not many:
        c = compared[0]
        names = [f"{c.symbol} (n\u00a0=\u00a0{c.n_own})"]
        if c.n_others:  # no bar nor legend entry for a comparison the table has no CO for
            names.append(f"{c.committee}'s other COs{c.span} ({c.n_other_cos}, n\u00a0=\u00a0{c.n_others})")
        width = ax.figure.get_figwidth() if ax is not None else mpl.rcParams["figure.figsize"][0]
        ncol, height = legend_columns(names, title, width)
        ax = new_axes(ax, len(order), row_height=max(row_height(labels), 0.3), extra=1.0 + height / 72)
        _group_bars(ax, c, order, names)
        ax.set_yticks(np.arange(len(order)), labels)
        ax.set_ylim(len(order) - 0.5, -0.5)
        ax.set_xlim(0, max(1e-9, float(c.share.to_numpy().max(initial=0))) * 1.05)
        ax.set_xlabel("Share of requested actions")
        ax.set_ylabel("Group of persons")
        legend_below(ax, ncol=ncol, title=title or None)
        return finish(ax, _drawn(c, order), return_data)
    panels = new_panels(ax, len(wanted), len(order), ncols=ncols, row_height=max(row_height(labels), 0.3),
                        extra=1.3, labels=label_inches(labels), function="groups")
    for panel, c in zip(panels, compared, strict=True):
        _group_bars(panel, c, order, ["the CO", "its committee's other COs of its years"])
        # the symbol, then the counts on a line of their own: in three or four columns one line overran the next
        others = f"{c.n_other_cos} other" + ("s" if c.n_other_cos != 1 else "")
        panel.set_title(f"{c.symbol}\nn\u00a0=\u00a0{c.n_own}; {others}{c.span}, n\u00a0=\u00a0{c.n_others}"
                        if c.n_others else f"{c.symbol}\nn\u00a0=\u00a0{c.n_own}", fontsize="x-small")
    label_rows(panels, labels)
    first = panels[0]
    same_x(panels, 0, max(1e-9, max(float(c.share.to_numpy().max(initial=0)) for c in compared)) * 1.05)
    figure = first.figure
    label_bottoms(panels, "Share of requested actions")
    figure.supylabel("Group of persons", fontsize=mpl.rcParams["axes.labelsize"])
    figure.legend(handles=[Patch(color=OKABE_ITO[0], label="the CO"),
                           Patch(color=MISSING_COLOR, label="its committee's other COs of its years")],
                  loc="outside lower center", ncol=2, title=title or None)
    data = pd.concat([_drawn(c, order).assign(panel=c.symbol) for c in compared], ignore_index=True)
    return finish(first, data[["panel", *[col for col in data.columns if col != "panel"]]], return_data)


class _Compared(NamedTuple):
    """One CO against its committee's other COs of its years: what :func:`groups` draws of it."""

    symbol: str
    committee: object
    base: str | None
    data: pd.DataFrame
    share: pd.DataFrame
    others: list[str]
    n_own: int
    n_others: int
    n_other_cos: int
    span: str


def _compared(actions: pd.DataFrame, symbol: str, years: int) -> _Compared:
    own = actions[actions["symbol"] == symbol]
    committee = own["committee"].iloc[0]
    year = own["year"].dropna().iloc[0] if own["year"].notna().any() else None
    others = actions[(actions["committee"] == committee) & (actions["symbol"] != symbol)]
    if year is not None:
        others = others[(others["year"] - year).abs().le(years).fillna(False)]
    table = pd.concat([own.assign(side="document"), others.assign(side="reference")], ignore_index=True)
    table["side"] = pd.Categorical(table["side"], categories=["document", "reference"])
    data = _per_action(table, "groups", "side")
    base = base_group(str(committee))
    data = data[data["category"].notna() & (data["category"] != base)]
    share = data.pivot_table(index="category", columns="side", values="share", observed=False).fillna(0.0)
    span = "" if year is None else (f", {int(year)}" if years == 0 else f", {int(year) - years}-{int(year) + years}")
    return _Compared(symbol, committee, base, data, share, list(dict.fromkeys(others["symbol"])), len(own),
                     len(others), others["symbol"].nunique(), span)


def _drawn(c: _Compared, order: list[str]) -> pd.DataFrame:
    """The rows of ``c.data`` of the groups drawn, in their order."""
    data = c.data[c.data["category"].isin(order)].assign(
        _o=lambda d: d["category"].map({g: i for i, g in enumerate(order)})).sort_values(["_o", "side"]).drop(
        columns="_o")
    side = data["side"].astype(object)
    return data.assign(side=side.astype("string"), symbols=side.map(
        {"document": [c.symbol], "reference": c.others}).astype(object))


def _group_bars(ax: Axes, c: _Compared, order: list[str], names: list[str]) -> None:
    """The CO's bar and its committee's others' beside it, for each group of ``order``."""
    y = np.arange(len(order))
    for offset, side, color, name in zip((-0.2, 0.2) if c.n_others else (0.0,), ("document", "reference"),
                                         (OKABE_ITO[0], MISSING_COLOR), names, strict=False):
        values = [float(c.share.loc[g, side]) if g in c.share.index and side in c.share.columns else 0.0
                  for g in order]
        ax.barh(y + offset, values, height=0.38, color=color, label=name)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))


def _groups_heatmap(actions: pd.DataFrame, by: str, top: int | None, ax: Axes | None,
                    return_data: bool) -> Axes | Plotted:
    """:func:`groups` with ``by``: a group x column heatmap of shares of the column's actions."""
    needed = ["committee", "groups", "ref", by]
    check_table(actions, needed, name="actions", function="cobs.plot.groups", what=_ACTIONS)
    require_rows(actions, needed, what="requested actions", data_columns=tally_columns(by))
    from cobs.tables import conform

    actions = conform(actions)  # a table read from CSV: its groups "a; b" are lists again
    # each action without its committee's base group (on every action of it), not the base group on all: a CRPD
    # CO's actions naming children are drawn beside a CRC CO's
    base_of = {c: base_group(str(c)) for c in actions["committee"].dropna().unique()}
    committees = actions["committee"].astype(object).where(actions["committee"].notna(), None)
    table = actions.assign(groups=[[g for g in _listed(values) if g != base_of.get(committee)]
                                   for values, committee in zip(actions["groups"], committees, strict=True)])
    data = _per_action(table, "groups", by)
    bases = sorted({f"{g} ({c})" for c, g in base_of.items() if g})
    data = data[data["category"].notna()]
    # a cell's n: the column's actions of the committees for which the group is not the base (a column holding a
    # CRC and a CRPD CO: children's share over the CRPD's actions alone); none (share missing, a blank cell) where
    # every action of the column is of the committee whose base group it is
    base = committees.map(lambda c: base_of.get(c))
    key = actions[by].astype(object).where(actions[by].notna(), None)
    of_base = pd.Series(1, index=actions.index).groupby([key, base], dropna=True).sum().to_dict()
    column = data[by].astype(object).where(data[by].notna(), None)
    n = data["n"] - [of_base.get((c, g), 0) for c, g in zip(column, data["category"].astype(object), strict=True)]
    data = data.assign(n=n.astype("int64"), share=(data["count"] / n.where(n > 0)).astype("float64"))
    totals = data.groupby(data["category"].astype(object), sort=True)["count"].sum()
    ranked = sorted((g for g in totals.index if totals[g] > 0),
                    key=lambda g: (-totals[g], GROUPS.index(g) if g in GROUPS else len(GROUPS), g))
    drawn = ranked[:top] if top is not None else ranked
    if not drawn:
        besides = f" besides its committee's base group ({', '.join(bases)})" if bases else ""
        raise NothingToDraw(f"none of the table's {len(actions)} requested actions names a group of persons{besides}",
                            tally_columns(by))
    place = {g: i for i, g in enumerate(drawn)}
    data = data[data["category"].isin(drawn)].assign(_g=lambda d: d["category"].map(place)).sort_values(
        "_g", kind="stable").drop(columns="_g")
    ax = _share_heatmap(ax, data, by, drawn, [wrap(g, 34) for g in drawn], "Group of persons")
    if bases:  # on lines as wide as the figure (the title starts at the Axes' left, past the row labels)
        size = mpl.font_manager.FontProperties(size="small").get_size_in_points()
        ax.set_title(fit(f"Not drawn: {', '.join(bases)}, on every action of the committee", 0.55 *
                         ax.figure.get_figwidth() * 72, size), fontsize="small", fontweight="normal")
    return finish(ax, data.reset_index(drop=True), return_data)


def _listed(value: object) -> list[object]:
    """The groups of an action as a list (none for a missing value)."""
    return list(value) if isinstance(value, (list, tuple, np.ndarray)) else []


HEATMAP_NUMBERS = 600
"""Most cells with actions in a heatmap of :func:`goals` or :func:`groups` whose numbers are written in them (past
it, none: the table behind the figure has them)."""


def _share_heatmap(ax: Axes | None, data: pd.DataFrame, by: str, drawn: list[str], labels: list[str],
                   ylabel: str) -> Axes:
    """A category x column heatmap of ``data`` (:func:`_per_action`'s tally by ``by``): each cell shaded by the
    share of the column's actions, with their number where the cells hold it (up to :data:`HEATMAP_NUMBERS` cells);
    rows ``drawn`` (categories), labelled
    ``labels``. With more columns than the width labels side by side (a hundred documents), turned: the columns
    are the rows, each labelled, and the categories the columns."""
    columns = list(dict.fromkeys(data[by].astype(object).where(data[by].notna(), None)))
    key = list(zip(data["category"], data[by].astype(object).where(data[by].notna(), None), strict=True))
    share = dict(zip(key, data["share"].fillna(0.0), strict=True))
    count = dict(zip(key, data["count"], strict=True))
    matrix = np.array([[share.get((g, c), 0.0) for c in columns] for g in drawn], dtype=float).reshape(
        len(drawn), len(columns))
    counts = np.array([[count.get((g, c), 0) for c in columns] for g in drawn], dtype=np.int64).reshape(matrix.shape)
    size = mpl.font_manager.FontProperties(size=mpl.rcParams["xtick.labelsize"]).get_size_in_points()
    beside = max((text_width(line, size) for label in labels for line in label.split("\n")), default=0)
    turned = len(columns) * size * 1.3 > axes_width(ax) * 72 - beside - 60  # upright labels, a line each
    xname, yname = axis_name(by), ylabel
    if turned:
        matrix, counts = matrix.T, counts.T
        labels, heads = [wrap(c, 30) for c in columns], [wrap(label.replace("\n", " "), 16) for label in labels]
        xname, yname = ylabel, axis_name(by)
    else:
        heads = [wrap(c, 14) for c in columns]
    upright = max((len(h) for h in heads), default=0) > 8
    ax, image, tall = heatmap_image(ax, matrix, labels, heads, upright)
    cmap = image.get_cmap()
    # the numbers where they can be read, and not a thousand (the table behind the figure has them): a hundred
    # documents' turned heatmap drew 1,200, five seconds a figure
    if np.count_nonzero(counts) <= HEATMAP_NUMBERS and cells_hold(ax, len(heads), labels, str(counts.max(initial=0))):
        for i, j in zip(*np.nonzero(counts), strict=True):
            ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize="x-small",
                    color=text_color(cmap(image.norm(matrix[i, j]))))
    ax.set_xticks(np.arange(len(heads)), heads, rotation=90 if upright else 0)
    ax.set_yticks(np.arange(len(labels)), labels)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_xlabel(xname)
    label = mpl.font_manager.FontProperties(size=mpl.rcParams["axes.labelsize"]).get_size_in_points()
    ax.set_ylabel(fit(yname, tall, label))
    shrink = 0.6 if tall > 3 * 72 else 1.0
    bar = ax.figure.colorbar(image, ax=ax, shrink=shrink, aspect=25 * shrink / 0.6, pad=0.02)
    bar.set_label(fit(f"Share of the {axis_name(by).lower()}'s actions", shrink * tall, label))
    bar.ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    bar.outline.set_visible(False)
    return ax


def _goal_label(goal: int) -> str:
    return f"{goal} {goal_name(goal).capitalize().replace('well-being', 'well-being')}"


@overload
def goals(actions: pd.DataFrame, *, by: str = ..., ax: Axes | None = ...,
          return_data: Literal[False] = ...) -> Axes: ...
@overload
def goals(actions: pd.DataFrame, *, by: str = ..., ax: Axes | None = ..., return_data: Literal[True]) -> Plotted: ...
def goals(
    actions: pd.DataFrame,
    *,
    by: str = "cycle",
    ax: Axes | None = None,
    return_data: bool = False,
) -> Axes | Plotted:
    """Which Sustainable Development Goals the recommendations relate to, by cycle (or any grouping).

    A goal x group heatmap: each cell shaded by the share of the group's requested
    actions that relate to the goal (``cobs.measure``'s ``sdgs``; an action may relate
    to several), with their number where the cells are wide enough to read it (not
    those of several dozen groups: the numbers are in the table behind the figure).
    By ``cycle``, give one State's chain of COs to one committee: the columns are its
    cycles, oldest first.

    Parameters
    ----------
    actions : pandas.DataFrame
        An action table from :func:`cobs.measure` (``sdgs``, ``ref`` and ``by``).
    by : str, default="cycle"
        The columns: ``"cycle"`` (in the order of ``cycle_first`` where the table has
        it), ``"symbol"``, ``"year"``, ``"state"``, ``"region"``, ...
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    return_data : bool, default=False
        Also return the table behind the figure (:class:`Plotted`): :func:`cobs.tally`
        of the exploded ``sdgs`` by ``by``, with ``n`` and ``share`` per action and the
        ``refs`` of the actions counted, for the goals drawn.

    Returns
    -------
    matplotlib.axes.Axes or Plotted

    Examples
    --------
    >>> import cobs, cobs.plot
    >>> acts = pd.DataFrame({"cycle": ["1", "1", "2-3"], "cycle_first": [1, 1, 2], "ref": ["a", "b", "c"],
    ...                      "sdgs": [[4, 10], [16], [4]]})
    >>> ax, data = cobs.plot.goals(acts, return_data=True)
    >>> data[["cycle", "category", "count", "n", "share"]]
      cycle category  count  n  share
    0     1        4      1  2    0.5
    1   2-3        4      1  1    1.0
    2     1       10      1  2    0.5
    3   2-3       10      0  1    0.0
    4     1       16      1  2    0.5
    5   2-3       16      0  1    0.0
    """
    check_table(actions, ["sdgs", "ref", by], name="actions", function="cobs.plot.goals", what=_ACTIONS)
    require_rows(actions, ["sdgs", "ref", by], what="requested actions", data_columns=tally_columns(by))
    table = actions
    if by == "cycle" and "cycle_first" in actions.columns:  # cycles oldest first, "2-3" after "1"
        order = actions.drop_duplicates("cycle").sort_values(["cycle_first", "cycle"], kind="stable")["cycle"]
        table = actions.assign(cycle=pd.Categorical(actions["cycle"].astype(object),
                                                    categories=list(dict.fromkeys(order.dropna()))))
    data = _per_action(table, "sdgs", by)
    data = data[data["category"].notna()]
    drawn = [str(g) for g in GOALS if data.loc[data["category"] == str(g), "count"].sum() > 0]
    if not drawn:
        raise NothingToDraw(f"none of the table's {len(actions)} requested actions relates to a Sustainable "
                            "Development Goal", tally_columns(by))
    data = data[data["category"].isin(drawn)].assign(
        _g=lambda d: d["category"].astype(int)).sort_values(["_g"], kind="stable").drop(columns="_g")
    ax = _share_heatmap(ax, data, by, drawn, [wrap(_goal_label(int(g)), 30) for g in drawn],
                        "Sustainable Development Goal")
    return finish(ax, data, return_data)

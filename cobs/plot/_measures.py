"""Figures of measured recommendations: theme profile, wording mix, State x theme heatmap, citations."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal, overload

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator, PercentFormatter

from cobs._checks import check_flag, check_table
from cobs.errors import invalid_value
from cobs.measures import tally
from cobs.plot._base import (
    MISSING_COLOR,
    MISSING_LABEL,
    NothingToDraw,
    Plotted,
    axis_name,
    categorical_colors,
    cells_hold,
    check_one_of,
    check_top,
    finish,
    fit,
    groups_of,
    heatmap_image,
    label_bottoms,
    label_chars,
    label_inches,
    label_rows,
    legend_below,
    legend_columns,
    level_colors,
    new_axes,
    new_panels,
    other_themes,
    require_rows,
    row_height,
    same_x,
    tally_columns,
    text_color,
    theme_axis,
    wrap,
)
from cobs.reference import read_rows

__all__ = ["citations", "mix", "theme_heatmap", "theme_profile"]

_ACTIONS = "an action table from cobs.measure()"
MIX_DIMENSIONS = ("strength", "action_category", "specificity", "time_bound")
_MIX_TITLES = {
    "strength": "Operative verb",
    "action_category": "Action category (UPR Info)",
    "specificity": "Specificity (0-4)",
    "time_bound": "Deadline",
    "upr_grade": "Made by the UPR too",
}
_CITATION_TYPES = {"general_comment": "General comment", "previous": "Earlier CO", "instrument": "Other instrument",
                   "article": "Treaty article"}


def _category_names(dimension: str) -> dict[str, str]:
    """Legend names of a dimension's categories ("4" -> "4 general" for the action category)."""
    if dimension == "action_category":
        rows = read_rows("upr_info_actions.csv")
        return {r["action"]: f"{r['action']} {r['name'].removesuffix(' action')}" for r in rows}
    if dimension == "time_bound":
        return {"True": "with a deadline", "False": "without"}
    return {}


def _group_label(by: str, value: object) -> str:
    """A group's tick label; a cluster id is given its name ("CRC-5 Violence against children")."""
    if by == "cluster_id" and isinstance(value, str):
        names = {r["cluster_id"]: r["name"] for r in read_rows("clusters.csv")}
        if value in names:
            return f"{value} {names[value]}"
    return wrap(value, 40) if not isinstance(value, str) else value


def _natural(text: str) -> tuple[object, ...]:
    """Sort key reading the numbers of a text as numbers: general comment No. 2 before No. 10."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def _one_document(table: pd.DataFrame, symbol: str | None, function: str) -> tuple[pd.DataFrame, str | None]:
    symbols = list(dict.fromkeys(table["symbol"].dropna()))
    if symbol is None:
        if len(symbols) > 1:
            shown = ", ".join(symbols[:5]) + (", ..." if len(symbols) > 5 else "")
            raise ValueError(f"cobs.plot.{function} draws one document, and the table has {len(symbols)} "
                             f"({shown}): pass symbol=...")
        return table, symbols[0] if symbols else None
    if symbol not in symbols:
        raise ValueError(f"cobs.plot.{function}: symbol {symbol!r} is not in the table; its documents are {symbols}")
    return table[table["symbol"] == symbol], symbol


@overload
def theme_profile(actions: pd.DataFrame, *, symbol: str | None = ..., by: str | None = ..., hue: str | None = ...,
                  top: int | None = ..., others: bool = ..., ncols: int | None = ..., ax: Axes | None = ...,
                  return_data: Literal[False] = ...) -> Axes: ...
@overload
def theme_profile(actions: pd.DataFrame, *, symbol: str | None = ..., by: str | None = ..., hue: str | None = ...,
                  top: int | None = ..., others: bool = ..., ncols: int | None = ..., ax: Axes | None = ...,
                  return_data: Literal[True]) -> Plotted: ...
def theme_profile(
    actions: pd.DataFrame,
    *,
    symbol: str | None = None,
    by: str | None = None,
    hue: str | None = None,
    top: int | None = None,
    others: bool = False,
    ncols: int | None = None,
    ax: Axes | None = None,
    return_data: bool = False,
) -> Axes | Plotted:
    """What one CO asks about: its requested actions by theme, most frequent first; or several COs side by side.

    With ``by`` (``"symbol"``), small multiples: one panel per document (or State,
    cycle ...), in the order of the table, on one theme axis (every panel's themes,
    most frequent over all panels first) and one scale of counts, with one legend,
    so that the profiles of a dozen COs compare at a glance.

    Parameters
    ----------
    actions : pandas.DataFrame
        An action table from :func:`cobs.measure` (columns ``symbol``, ``theme``,
        ``ref``, and ``hue`` and ``by`` if given).
    symbol : str, optional
        The document to draw, when the table holds several (without ``by``).
    by : str, optional
        Draw one panel per value of this column (``"symbol"``: one per document), in
        the order the values first appear (a categorical column: its categories'
        order). The panels' titles are the values; the bars carry no count (the
        shared axis and the table behind the figure give them).
    hue : str, optional
        Split each bar by a measure: ``"strength"``, ``"action_category"``,
        ``"specificity"`` or ``"time_bound"``; or by a categorical column of the
        table (its categories in order, weakest first: the strongest is drawn at
        the left), e.g. ``upr_grade``, whether the UPR made the request too.
    top : int, optional
        Draw only the ``top`` most frequent themes (the axis label says how many
        there are).
    others : bool, default=False
        With ``top``: the actions of the other themes in one last bar, "N other
        themes", so that each bar's total (each panel's) is every action of the
        document.
    ncols : int, optional
        With ``by``: panels side by side (None: as many as fit the current style's
        width, each at least 1.35 inches wide).
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure as wide as the current style's and
        as tall as the bars need. With ``by``, None: the panels are a new figure.
    return_data : bool, default=False
        Also return the table behind the figure (:class:`Plotted`): the rows of
        :func:`cobs.tally` drawn (``theme``, or ``theme`` and ``dimension``,
        ``category``; ``count``, ``n``, ``share``, ``refs``), top bar first; with
        ``by``, panel by panel, with the ``by`` column first (``n``: the panel's
        actions).

    Returns
    -------
    matplotlib.axes.Axes or Plotted
        The Axes: a bar per theme, in segments by ``hue`` if given; with
        ``return_data=True``, also the tally behind it. With ``by``, the first
        panel's Axes (``ax.figure.axes``: every panel, in reading order).

    Raises
    ------
    ValueError
        If a column is missing, the table holds several documents and neither
        ``symbol`` nor ``by`` is given, both are, ``hue`` is not a measure named
        above, or ``by`` is given with an ``ax``.

    Examples
    --------
    >>> import cobs, cobs.plot
    >>> acts = pd.DataFrame({"symbol": "CRC/C/KAZ/CO/4", "theme": ["education", "health", "education"],
    ...                      "ref": ["CRC/C/KAZ/CO/4, para. 53 (a)", "CRC/C/KAZ/CO/4, para. 45",
    ...                              "CRC/C/KAZ/CO/4, para. 53 (b)"]})
    >>> ax, data = cobs.plot.theme_profile(acts, return_data=True)
    >>> data[["category", "count", "n"]]
        category  count  n
    0  education      2  3
    1     health      1  3
    >>> data["refs"][0]
    ['CRC/C/KAZ/CO/4, para. 53 (a)', 'CRC/C/KAZ/CO/4, para. 53 (b)']

    Two documents as small multiples, one panel each:

    >>> two = pd.concat([acts, acts.assign(symbol="CRC/C/KAZ/CO/5")])
    >>> ax, data = cobs.plot.theme_profile(two, by="symbol", return_data=True)
    >>> [panel.get_title() for panel in ax.figure.axes]
    ['CRC/C/KAZ/CO/4', 'CRC/C/KAZ/CO/5']
    >>> data[["symbol", "category", "count"]]
               symbol   category  count
    0  CRC/C/KAZ/CO/4  education      2
    1  CRC/C/KAZ/CO/4     health      1
    2  CRC/C/KAZ/CO/5  education      2
    3  CRC/C/KAZ/CO/5     health      1
    """
    if hue is not None and not (hue in MIX_DIMENSIONS or (isinstance(actions, pd.DataFrame) and hue in actions.columns
                                                          and isinstance(actions[hue].dtype, pd.CategoricalDtype))):
        expected = (f"one of {', '.join(map(repr, MIX_DIMENSIONS))} or a categorical column of the table (its "
                    "categories in order, weakest first)")
        raise ValueError(f"cobs.plot.theme_profile: {invalid_value('hue', hue, expected)}")
    needed = ["symbol", "theme", "ref", *([hue] if hue else []), *([by] if isinstance(by, str) else [])]
    check_table(actions, needed, name="actions", function="cobs.plot.theme_profile", what=_ACTIONS)
    check_top(top, "theme_profile")
    others = check_flag(others, "others")
    if ncols is not None and by is None:  # not left unsaid: no grid, no columns
        raise ValueError("cobs.plot.theme_profile: ncols sets panels side by side: give it with by=")
    if others and top is None:
        raise ValueError("cobs.plot.theme_profile: others=True folds the themes past top= into one bar: give top")
    if by is not None:
        if symbol is not None:
            raise ValueError("cobs.plot.theme_profile: symbol= draws one document, by= one panel per group: "
                             "give one of them")
        groups_of(actions, by, "theme_profile")  # by is a column
        columns = [by, *tally_columns("theme" if hue else ())]
        require_rows(actions, needed, what="requested actions", data_columns=columns)
        return _profile_panels(actions, by, hue, top, others, ncols, ax, return_data)
    require_rows(actions, needed, what="requested actions", data_columns=tally_columns("theme" if hue else ()))
    table, symbol = _one_document(actions, symbol, "theme_profile")
    totals, themes = _theme_order(table)
    known = sum(not _is_missing(t) for t in themes)
    if top is not None and others:
        table, themes = other_themes(table, themes, top)
        totals = _theme_order(table)[0]
        totals = totals.iloc[_positions(totals["category"], themes)]  # the other themes' row last
    elif top is not None:
        themes = themes[:top]
    labels = [wrap(t, 40) for t in themes]
    ax = new_axes(ax, len(themes), row_height=row_height(labels))
    y = np.arange(len(themes))
    if hue is None:
        data = totals.iloc[: len(themes)]
        colors = [MISSING_COLOR if _is_missing(t) else mpl.rcParams["axes.prop_cycle"].by_key()["color"][0]
                  for t in themes]
        bars = ax.barh(y, data["count"].to_numpy(), color=colors, height=0.7)
        ax.bar_label(bars, padding=2, fontsize="small")
    else:
        parts = tally(table, hue, by="theme")
        drawn = [None if _is_missing(t) else t for t in themes]
        position = {t: i for i, t in enumerate(drawn)}
        order = [position.get(None if _is_missing(t) else t, -1) for t in parts["theme"].astype(object)]
        data = parts.assign(_order=order).query("_order >= 0").sort_values("_order", kind="stable")
        data = data.drop(columns="_order")
        _stack(ax, data, "theme", drawn, hue, share=False)
        totals_drawn = totals.iloc[: len(themes)]["count"].to_numpy()
        for yi, total in zip(y, totals_drawn, strict=True):
            ax.annotate(str(total), (total, yi), xytext=(2, 0), textcoords="offset points", va="center",
                        fontsize="small")
        # the legend where the bars leave room, so that they keep the figure's width: the bars are longest first,
        # so the lower right corner is free when the lower half's bars are short; else under the x label
        legend = ax.get_legend()
        handles, names = ax.get_legend_handles_labels()
        title = legend.get_title().get_text()
        legend.remove()
        lower = totals_drawn[len(totals_drawn) // 2:]
        if len(totals_drawn) >= 6 and lower.max(initial=0) <= 0.5 * totals_drawn.max(initial=0):
            ax.legend(handles, names, title=title, loc="lower right")
        else:
            legend_below(ax, handles=handles, labels=names, title=title, ncol=min(3, len(handles)))
    ax.set_yticks(y, labels)
    ax.set_ylim(len(themes) - 0.5, -0.5)
    ax.xaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))  # as many ticks as fit
    ax.set_xlabel("Requested actions")
    ax.set_ylabel(theme_axis(top, known, others))
    ax.margins(x=0.1)
    if symbol:
        ax.set_title(symbol)
    return finish(ax, data, return_data)


def _positions(categories: pd.Series, themes: Sequence[object]) -> list[int]:
    """The positions in ``categories`` of ``themes``, in their order (a missing theme: the missing category)."""
    values = categories.astype(object).tolist()
    where = {None if _is_missing(v) else v: i for i, v in enumerate(values)}
    return [where[None if _is_missing(t) else t] for t in themes]


def _theme_order(table: pd.DataFrame) -> tuple[pd.DataFrame, list[object]]:
    """The tally of ``table``'s themes, most frequent first (then by name; a missing theme last), and the themes."""
    totals = tally(table, "theme")
    totals = totals.assign(_missing=totals["category"].isna()).sort_values(
        ["_missing", "count", "category"], ascending=[True, False, True], kind="stable").drop(columns="_missing")
    totals = totals[totals["count"] > 0]
    return totals, totals["category"].tolist()


def _profile_panels(actions: pd.DataFrame, by: str, hue: str | None, top: int | None, others: bool,
                    ncols: int | None, ax: Axes | None, return_data: bool) -> Axes | Plotted:
    """:func:`theme_profile` with ``by``: one panel per group on one theme axis and one count scale."""
    table = actions[actions[by].notna()]
    groups = groups_of(table, by, "theme_profile")
    if not groups:
        raise NothingToDraw(f"the table's rows have no {by}", [by, *tally_columns("theme" if hue else ())])
    _, themes = _theme_order(table)
    known = sum(not _is_missing(t) for t in themes)
    if top is not None and others:
        table, themes = other_themes(table, themes, top)
    elif top is not None:
        themes = themes[:top]
    drawn = [None if _is_missing(t) else t for t in themes]
    position = {t: i for i, t in enumerate(drawn)}
    labels = [wrap(t, 32) for t in themes]
    panels = new_panels(ax, len(groups), len(themes), ncols=ncols, row_height=row_height(labels), extra=1.2,
                        labels=label_inches(labels), function="theme_profile")
    key = table[by].astype(object)
    cut = dict(list(table.groupby(key, sort=False)))
    pieces = []
    color = mpl.rcParams["axes.prop_cycle"].by_key()["color"][0]
    handles, names, title = [], [], None
    for panel, group in zip(panels, groups, strict=True):
        rows = cut[group]
        if hue is None:
            data = tally(rows, "theme")
            data = data[data["count"] > 0]
            order = [position.get(None if _is_missing(t) else t, -1) for t in data["category"].astype(object)]
            data = data.assign(_order=order).query("_order >= 0").sort_values("_order", kind="stable")
            panel.barh(data["_order"].to_numpy(dtype=int), data["count"].to_numpy(), height=0.7,
                       color=[MISSING_COLOR if _is_missing(t) else color for t in data["category"].astype(object)])
        else:
            parts = tally(rows, hue, by="theme")
            totals = parts.groupby(parts["theme"].astype(object), sort=False, dropna=False)["count"].transform("sum")
            order = [position.get(None if _is_missing(t) else t, -1) for t in parts["theme"].astype(object)]
            data = parts.assign(_order=order)[(np.array(order) >= 0) & (totals.to_numpy() > 0)].sort_values(
                "_order", kind="stable")
            seen = set(data["theme"].astype(object).where(data["theme"].notna(), None))
            present = [t for t in drawn if t in seen]
            _stack(panel, data.drop(columns="_order"), "theme", present, hue, share=False,
                   positions=[position[t] for t in present])
            legend = panel.get_legend()
            title = legend.get_title().get_text()
            for handle, name in zip(*panel.get_legend_handles_labels(), strict=True):
                if name not in names:
                    handles.append(handle)
                    names.append(name)
            legend.remove()
        pieces.append(data.drop(columns="_order").assign(**{by: group}))
        panel.set_title(wrap(group, 40), fontsize="small")
        panel.xaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
    label_rows(panels, labels)
    first = panels[0]
    longest = max(float(piece.groupby(piece["theme"].astype(object), dropna=False)["count"].sum().max())
                  if hue else float(piece["count"].max()) for piece in pieces if len(piece)) if any(
        len(piece) for piece in pieces) else 1.0
    same_x(panels, 0, max(longest, 1.0) * 1.05)
    figure = first.figure
    label_bottoms(panels, "Requested actions")
    figure.supylabel(theme_axis(top, known, others), fontsize=mpl.rcParams["axes.labelsize"])
    if handles:
        whole = tally(table, hue)
        levels = list(dict.fromkeys(whole["category"].astype(object).where(whole["category"].notna(), None)))
        level_names = _category_names(hue)
        order = {str(level_names.get(level, level)): i
                 for i, level in enumerate([lv for lv in levels if lv is not None][::-1])}
        order[MISSING_LABEL] = len(order)
        ranked = sorted(zip(handles, names, strict=True), key=lambda hn: order.get(hn[1], len(order)))
        figure.legend([h for h, _ in ranked], [n for _, n in ranked], title=title, loc="outside lower center",
                      ncol=min(4, len(ranked)))
    data = pd.concat(pieces, ignore_index=True)
    data = data[[by, *[c for c in data.columns if c != by]]]
    return finish(first, data, return_data)


def _level_names(data: pd.DataFrame, of: str) -> list[str]:
    """The legend entries of :func:`_stack` for a tally of ``of``: its levels' names (a missing one as "(none)")."""
    names = _category_names(of)
    levels = dict.fromkeys(data.loc[data["count"] > 0, "category"].astype(object).where(
        data.loc[data["count"] > 0, "category"].notna(), None))
    return [MISSING_LABEL if level is None else str(names.get(level, level)) for level in levels]


def _stack(ax: Axes, data: pd.DataFrame, by: str, groups: Sequence[object], of: str, *, share: bool,
           positions: Sequence[int] | None = None) -> None:
    """Stacked horizontal bars of ``data`` (a tally of ``of`` by ``by``), strongest level at the left; ``groups``
    at ``positions`` on the y axis (by default 0, 1, ...)."""
    levels = list(dict.fromkeys(data["category"].astype(object).where(data["category"].notna(), None)))
    known = [level for level in levels if level is not None]
    colors = level_colors(of, known)
    order = known[::-1] + ([None] if None in levels else [])  # strongest first, from the common baseline
    names = _category_names(of)
    group_key = data[by].astype(object).where(data[by].notna(), None).tolist()
    category = data["category"].astype(object).where(data["category"].notna(), None).tolist()
    value = (data["share"] if share else data["count"]).to_numpy(dtype=float)
    cell = {(g, c): v for g, c, v in zip(group_key, category, value, strict=True)}
    left = np.zeros(len(groups))
    for level in order:
        widths = np.array([cell.get((g, level), 0.0) for g in groups])
        drawn = widths > 0  # a zero-width bar would pin the axis' end (its sticky edge) where it stands
        if not drawn.any():
            continue
        at = np.arange(len(groups)) if positions is None else np.asarray(positions, dtype=int)
        ax.barh(at[drawn], widths[drawn], left=left[drawn], height=0.7,
                color=colors.get(level, MISSING_COLOR),
                label=MISSING_LABEL if level is None else names.get(level, level),
                edgecolor="white", linewidth=0.3)
        left += widths
    ax.legend(title=_MIX_TITLES.get(of, of), loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0)


@overload
def mix(actions: pd.DataFrame, *, of: str = ..., by: str = ..., normalize: bool = ..., ax: Axes | None = ...,
        return_data: Literal[False] = ...) -> Axes: ...
@overload
def mix(actions: pd.DataFrame, *, of: str = ..., by: str = ..., normalize: bool = ..., ax: Axes | None = ...,
        return_data: Literal[True]) -> Plotted: ...
def mix(
    actions: pd.DataFrame,
    *,
    of: Literal["strength", "action_category", "specificity", "time_bound"] = "strength",
    by: str = "cluster_id",
    normalize: bool = True,
    ax: Axes | None = None,
    return_data: bool = False,
) -> Axes | Plotted:
    """How insistently and how specifically the Committee words its requests, by cluster, State or cycle.

    One stacked bar per group: the share (or count) of its requested actions at each
    level of a measure, the strongest level at the left, so that groups compare on a
    common baseline; actions without the measure (no operative verb found, a verb
    outside the action-category lexicon) are "(none)", in grey, at the right.

    Parameters
    ----------
    actions : pandas.DataFrame
        An action table from :func:`cobs.measure`.
    of : {"strength", "action_category", "specificity", "time_bound"}, default="strength"
        The measure: the operative verb's strength, UPR Info's action category (1-5),
        the specificity (0-4) or whether a deadline is set.
    by : str, default="cluster_id"
        The groups: ``"cluster_id"``, ``"symbol"``, ``"state"``, ``"cycle"``,
        ``"committee"``, ``"year"``, ... (a cluster id is labelled with its name).
    normalize : bool, default=True
        Shares of each group's actions (each bar ends at 100 %; the tick label gives
        the group's number of actions); False: counts.
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    return_data : bool, default=False
        Also return the table behind the figure (:class:`Plotted`): :func:`cobs.tally`
        of ``of`` by ``by``, with the ``refs`` of the actions in each segment.

    Returns
    -------
    matplotlib.axes.Axes or Plotted
        The Axes: a stacked bar per group of ``by``, in segments by the levels of ``of``;
        with ``return_data=True``, also the tally behind it.

    Raises
    ------
    ValueError
        If a column is missing or ``of`` is not one of the measures above.

    Examples
    --------
    >>> import cobs, cobs.plot
    >>> acts = pd.DataFrame({"state": ["KAZ", "KAZ", "AZE"], "ref": ["KAZ 1", "KAZ 2", "AZE 1"],
    ...                      "strength": pd.Categorical(["urges", "recommends", "recommends"],
    ...                                                 categories=cobs.measures.STRENGTHS, ordered=True)})
    >>> ax, data = cobs.plot.mix(acts, by="state", return_data=True)
    >>> data.query("count > 0")[["state", "category", "count", "n", "share", "refs"]]
       state    category  count  n  share     refs
    5    AZE  recommends      1  1    1.0  [AZE 1]
    12   KAZ  recommends      1  2    0.5  [KAZ 2]
    13   KAZ       urges      1  2    0.5  [KAZ 1]
    """
    check_one_of(of, MIX_DIMENSIONS, "of", "mix")
    check_table(actions, [of, by, "ref"], name="actions", function="cobs.plot.mix", what=_ACTIONS)
    require_rows(actions, [of, by, "ref"], what="requested actions", data_columns=tally_columns(by))
    data = tally(actions, of, by=by)
    groups = list(dict.fromkeys(data[by].astype(object).where(data[by].notna(), None)))
    sizes = dict(zip(data[by].astype(object).where(data[by].notna(), None), data["n"], strict=True))
    labels = [_group_label(by, g) for g in groups]
    if normalize:
        # "(n = 17)" kept on one line: no-break spaces
        labels = [f"{label} (n\u00a0=\u00a0{sizes[g]})" for label, g in zip(labels, groups, strict=True)]
    labels = [wrap(label, 40) for label in labels]
    # on a narrow figure (one journal column) the legend goes under the axis label, in columns, so that the bars keep
    # the width: beside them, it and the group labels left the bars a fifth of the figure
    width = ax.figure.get_figwidth() if ax is not None else mpl.rcParams["figure.figsize"][0]
    names = _level_names(data, of)
    below = width < 5
    ncol, height = legend_columns(names, _MIX_TITLES.get(of, of), width) if below else (1, 0.0)
    ax = new_axes(ax, len(groups), row_height=row_height(labels), extra=0.9 + height / 72)
    _stack(ax, data, by, groups, of, share=normalize)
    if below:
        handles, texts = ax.get_legend_handles_labels()
        ax.get_legend().remove()
        legend_below(ax, handles=handles, labels=texts, title=_MIX_TITLES.get(of, of), ncol=ncol)
    ax.set_yticks(np.arange(len(groups)), labels)
    ax.set_ylim(len(groups) - 0.5, -0.5)
    if normalize:
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlabel("Share of requested actions")
    else:
        ax.xaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))  # as many ticks as fit
        ax.set_xlabel("Requested actions")
    ax.set_ylabel(axis_name(by))
    return finish(ax, data, return_data)


@overload
def theme_heatmap(actions: pd.DataFrame, *, by: str = ..., top: int = ..., ax: Axes | None = ...,
                  return_data: Literal[False] = ...) -> Axes: ...
@overload
def theme_heatmap(actions: pd.DataFrame, *, by: str = ..., top: int = ..., ax: Axes | None = ...,
                  return_data: Literal[True]) -> Plotted: ...
def theme_heatmap(
    actions: pd.DataFrame,
    *,
    by: str = "symbol",
    top: int = 15,
    ax: Axes | None = None,
    return_data: bool = False,
) -> Axes | Plotted:
    """Which themes each State (or document) is asked about: a group x theme heatmap.

    Each cell is coloured by the theme's share of the group's requested actions (so
    that long and short documents compare) and shows the number of actions where the
    cells are wide enough to read it (not those of several dozen groups: the numbers
    are in the table behind the figure); empty cells are themes a group is not asked
    about.

    Parameters
    ----------
    actions : pandas.DataFrame
        An action table from :func:`cobs.measure`.
    by : str, default="symbol"
        The columns of the heatmap: ``"symbol"``, ``"state"``, ``"committee"``, ...
    top : int, default=15
        The rows: the ``top`` themes with the most actions in the whole table
        (actions without a theme are left out of the rows, not of the shares).
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    return_data : bool, default=False
        Also return the table behind the figure (:class:`Plotted`): the rows of
        :func:`cobs.tally` of ``theme`` by ``by`` drawn, with their ``refs``.

    Returns
    -------
    matplotlib.axes.Axes or Plotted
        The Axes: a cell per theme and group, shaded by share, with its number of actions;
        with ``return_data=True``, also the tally behind it.

    Examples
    --------
    >>> import cobs, cobs.plot
    >>> acts = pd.DataFrame({"state": ["KAZ", "KAZ", "AZE"], "theme": ["education", "health", "education"],
    ...                      "ref": ["KAZ 53", "KAZ 45", "AZE 41"]})
    >>> ax, data = cobs.plot.theme_heatmap(acts, by="state", return_data=True)
    >>> data[["state", "category", "count", "share", "refs"]]
      state   category  count  share      refs
    0   AZE  education      1    1.0  [AZE 41]
    1   KAZ  education      1    0.5  [KAZ 53]
    2   AZE     health      0    0.0        []
    3   KAZ     health      1    0.5  [KAZ 45]
    """
    check_table(actions, ["theme", by, "ref"], name="actions", function="cobs.plot.theme_heatmap", what=_ACTIONS)
    check_top(top, "theme_heatmap", optional=False)
    require_rows(actions, ["theme", by, "ref"], what="requested actions", data_columns=tally_columns(by))
    data = tally(actions, "theme", by=by)
    known = data[data["category"].notna()]
    totals = known.groupby("category", sort=True)["count"].sum()
    themes = sorted(totals[totals > 0].index, key=lambda t: (-totals[t], t))[:top]
    if not themes:
        raise NothingToDraw(f"none of the table's {len(actions)} requested actions has a theme", tally_columns(by))
    groups = list(dict.fromkeys(data[by].astype(object).where(data[by].notna(), None)))
    data = known[known["category"].isin(themes)]
    data = data.assign(_t=data["category"].map({t: i for i, t in enumerate(themes)})).sort_values(
        ["_t"], kind="stable").drop(columns="_t")
    key = list(zip(data["category"], data[by].astype(object).where(data[by].notna(), None), strict=True))
    share = dict(zip(key, data["share"], strict=True))
    count = dict(zip(key, data["count"], strict=True))
    matrix = np.array([[share.get((t, g), 0.0) for g in groups] for t in themes], dtype=float)
    labels = [wrap(t, 40) for t in themes]
    columns = [wrap(g, 20) for g in groups]
    upright = max((len(c) for c in columns), default=0) > 6
    ax, image, tall = heatmap_image(ax, matrix, labels, columns, upright)
    cmap = image.get_cmap()
    numbers = cells_hold(ax, len(groups), labels, str(max(count.values(), default=0)))  # where they can be read
    for i, t in enumerate(themes):
        for j, g in enumerate(groups):
            n = count.get((t, g), 0)
            if n and numbers:
                ax.text(j, i, str(n), ha="center", va="center", fontsize="x-small",
                        color=text_color(cmap(image.norm(matrix[i, j]))))
    if upright:
        ax.set_xticks(np.arange(len(groups)), columns, rotation=90)
    else:
        ax.set_xticks(np.arange(len(groups)), columns)
    ax.set_yticks(np.arange(len(themes)), labels)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_xlabel(axis_name(by))
    label = mpl.font_manager.FontProperties(size=mpl.rcParams["axes.labelsize"]).get_size_in_points()
    ax.set_ylabel(fit(f"Theme ({len(themes)} with the most requested actions)", tall, label))  # on lines no longer
    # than the axes
    shrink = 0.6 if tall > 3 * 72 else 1.0  # a short heatmap's colour bar as tall as it, for its label
    bar = ax.figure.colorbar(image, ax=ax, shrink=shrink, aspect=25 * shrink / 0.6, pad=0.02)
    bar.set_label(fit("Share of the document's requested actions" if by == "symbol"
                      else f"Share of the {by}'s requested actions", shrink * tall, label))
    bar.ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    bar.outline.set_visible(False)
    return finish(ax, data, return_data)


@overload
def citations(citations: pd.DataFrame, *, symbol: str | None = ..., types: Sequence[str] = ...,
              top: int | None = ..., ax: Axes | None = ..., return_data: Literal[False] = ...) -> Axes: ...
@overload
def citations(citations: pd.DataFrame, *, symbol: str | None = ..., types: Sequence[str] = ...,
              top: int | None = ..., ax: Axes | None = ..., return_data: Literal[True]) -> Plotted: ...
def citations(
    citations: pd.DataFrame,
    *,
    symbol: str | None = None,
    types: Sequence[str] = ("general_comment", "previous"),
    top: int | None = None,
    ax: Axes | None = None,
    return_data: bool = False,
) -> Axes | Plotted:
    """What a CO builds on: the general comments and earlier COs it cites, and how often.

    Parameters
    ----------
    citations : pandas.DataFrame
        A citation table from :func:`cobs.citations` (given a paragraph table, each
        citation counts once per paragraph or lettered item citing it).
    symbol : str, optional
        The document to draw, when the table holds several.
    types : sequence of str, default=("general_comment", "previous")
        Kinds of citation to draw: ``"general_comment"``, ``"previous"`` (earlier
        COs, the State's own and other committees'), ``"instrument"``, ``"article"``.
    top : int, optional
        Draw only the ``top`` citations cited most (of every kind together).
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    return_data : bool, default=False
        Also return the table behind the figure (:class:`Plotted`): one row per
        citation drawn, :func:`cobs.tally` of ``citation`` by ``type``, with the
        ``refs`` of the paragraphs citing it.

    Returns
    -------
    matplotlib.axes.Axes or Plotted
        The Axes: a bar per document cited, by kind, cited most first; with
        ``return_data=True``, also the tally behind it.

    Examples
    --------
    >>> import cobs, cobs.plot
    >>> cites = pd.DataFrame({"symbol": "CRC/C/KAZ/CO/4", "type": ["general_comment", "previous", "general_comment"],
    ...                       "citation": ["CRC general comment No. 13 (2011)", "CRC/C/KAZ/CO/3, para. 15",
    ...                                    "CRC general comment No. 13 (2011)"],
    ...                       "ref": ["CRC/C/KAZ/CO/4, para. 27", "CRC/C/KAZ/CO/4, para. 7",
    ...                               "CRC/C/KAZ/CO/4, para. 31"]})
    >>> ax, data = cobs.plot.citations(cites, return_data=True)
    >>> data[["type", "category", "count"]]
                  type                           category  count
    0  general_comment  CRC general comment No. 13 (2011)      2
    1         previous           CRC/C/KAZ/CO/3, para. 15      1
    """
    check_table(citations, ["symbol", "type", "citation", "ref"], name="citations", function="cobs.plot.citations",
                what="a citation table from cobs.citations()")
    types = [types] if isinstance(types, str) else list(types)
    for kind in types:
        check_one_of(kind, list(_CITATION_TYPES), "types", "citations")
    check_top(top, "citations")
    require_rows(citations, ["symbol", "type", "citation", "ref"], what="citations",
                 data_columns=tally_columns("type"))
    documents = citations["symbol"].nunique()
    table, symbol = _one_document(citations, symbol, "citations") if symbol is not None or documents == 1 else (
        citations, None)
    shown = table[table["type"].isin(types)]
    if shown.empty:
        kinds = " or ".join(_CITATION_TYPES[kind].lower() for kind in types) or "(no kind given)"
        raise NothingToDraw(f"no citation of these kinds ({kinds}) among the {len(table)} citations"
                            + (f" of {symbol}" if symbol else ""), tally_columns("type"))
    table = shown
    data = tally(table, "citation", by="type")
    data = data[data["count"] > 0]
    cited = len(data)
    if top is not None:
        data = data.assign(_n=data["category"].map(_natural)).sort_values(
            ["count", "_n"], ascending=[False, True], kind="stable").head(top).drop(columns="_n")
    rank = {kind: i for i, kind in enumerate(types)}
    data = data.assign(_k=data["type"].map(rank), _c=-data["count"], _n=data["category"].map(_natural)).sort_values(
        ["_k", "_c", "_n"], kind="stable").drop(columns=["_k", "_c", "_n"])
    labels = [wrap(c, label_chars(ax, narrow=34, wide=44)) for c in data["category"]]
    ax = new_axes(ax, len(data), row_height=row_height(labels), extra=1.1)
    colors = dict(zip(types, categorical_colors(len(types)), strict=True))
    y = np.arange(len(data))
    for kind in types:
        mask = (data["type"] == kind).to_numpy()
        if mask.any():
            bars = ax.barh(y[mask], data["count"].to_numpy()[mask], height=0.7, color=colors[kind],
                           label=_CITATION_TYPES[kind])
            ax.bar_label(bars, padding=2, fontsize="small")
    ax.set_yticks(y, labels)
    ax.set_ylim(len(data) - 0.5, -0.5)
    ax.xaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))  # as many ticks as fit
    ax.margins(x=0.1)
    ax.set_xlabel("Paragraphs and items citing it")  # the citation table's rows: a paragraph's own text, an item
    if len(data) < cited:
        ax.set_ylabel(f"The {len(data)} cited most (of {cited})")
    if len(set(data["type"])) > 1:  # below: beside the bars, it would take a third of a one-column figure
        legend_below(ax, ncol=len(types))
    if symbol:
        ax.set_title(symbol)
    elif documents > 1:
        ax.set_title(f"{documents} documents")
    return finish(ax, data, return_data)

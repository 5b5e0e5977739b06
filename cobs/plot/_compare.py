"""Figures of comparisons (``cobs.compare``): a State's two cycles, and the words that set documents apart."""

from __future__ import annotations

import re
from typing import Literal, overload

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import offset_copy

from cobs._checks import check_flag, check_table
from cobs._ranking import ranking
from cobs.errors import invalid_value
from cobs.measures import tally
from cobs.plot._base import (
    OKABE_ITO,
    NothingToDraw,
    Plotted,
    cells_hold,
    check_top,
    finish,
    fit,
    groups_of,
    label_bottoms,
    label_chars,
    label_inches,
    label_rows,
    legend_below,
    new_axes,
    new_panels,
    other_themes,
    require_rows,
    row_height,
    same_x,
    tally_columns,
    text_color,
    text_width,
    theme_axis,
    wrap,
)
from cobs.reference import pair_label

__all__ = ["STATUSES", "cycle_changes", "keyness", "similarity"]

STATUSES = ("repeated", "modified", "new", "dropped")
"""The statuses of ``cobs.compare.align``, in the order drawn."""

_STATUS_COLORS = {"repeated": "#0072B2", "modified": "#56B4E9", "new": "#009E73", "dropped": "#BBBBBB"}
_CHANGES = {"escalated": ("^", "#D55E00", "stronger verb"), "softened": ("v", "#0072B2", "weaker verb")}
_ALIGN = "an alignment from cobs.compare.align()"
_MARK, _GAP = 4.0, 3.0  # points: a mark's size, and the room after a bar and between "▲ 2" and "▼ 1"


@overload
def cycle_changes(aligned: pd.DataFrame, *, by: str | None = ..., top: int | None = ..., others: bool = ...,
                  ncols: int | None = ...,
                  ax: Axes | None = ..., return_data: Literal[False] = ...) -> Axes: ...
@overload
def cycle_changes(aligned: pd.DataFrame, *, by: str | None = ..., top: int | None = ..., others: bool = ...,
                  ncols: int | None = ...,
                  ax: Axes | None = ..., return_data: Literal[True]) -> Plotted: ...
def cycle_changes(
    aligned: pd.DataFrame,
    *,
    by: str | None = None,
    top: int | None = None,
    others: bool = False,
    ncols: int | None = None,
    ax: Axes | None = None,
    return_data: bool = False,
) -> Axes | Plotted:
    """What changed between a State's two cycles, theme by theme; or between several pairs of cycles side by side.

    One bar per theme, split into the later CO's requests that repeat an earlier one,
    modify it or are new, and the earlier requests dropped (counted in align's unit:
    a link, and a recommendation paragraph without one; an item, lettered or a
    paragraph's own request, where ``unit="item"``, as the axis says); beside each
    bar, how many linked requests the Committee words more strongly (▲, escalated)
    or more weakly (▼, softened) than before. Read a State's escalations against the committee's
    own change of drafting style over the same years (see ``cobs.compare``).

    With ``by`` (``"later_symbol"`` for alignments of several pairs put end to end),
    small multiples: one panel per pair, titled "earlier → later", on one theme axis
    (the themes with the most requests over all panels first) and one scale, with one
    legend.

    Parameters
    ----------
    aligned : pandas.DataFrame
        An alignment from ``cobs.compare.align(earlier, later)``: columns ``theme``,
        ``status`` (repeated, modified, new, dropped), ``change`` (escalated,
        softened, same; missing where not linked), ``earlier_ref``, ``later_ref``;
        or several, concatenated, with a column telling them apart for ``by``.
    by : str, optional
        Draw one panel per value of this column (``"later_symbol"``: one per pair of
        cycles), in the order the values first appear; rows without a value are left
        out (``align`` leaves ``later_symbol`` empty on the dropped paragraphs: set it
        on every row of a pair, ``aligned.assign(later_symbol=...)``). A panel is
        titled with its pair ("earlier → later", from ``earlier_symbol`` and
        ``later_symbol``) where its rows have one, else with the value.
    top : int, optional
        Draw only the ``top`` themes with the most requests (over all panels).
    others : bool, default=False
        With ``top``: the rows of the other themes in one last bar, "N other
        themes", so that each panel counts every link and unmatched paragraph.
    ncols : int, optional
        With ``by``: panels side by side (None: as many as fit the current style's
        width).
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure. With ``by``, None: the panels are a
        new figure.
    return_data : bool, default=False
        Also return the table behind the figure (:class:`Plotted`): :func:`cobs.tally`
        of ``status`` and ``change`` by ``theme`` (long: ``dimension``, ``category``),
        the bars' rows first; ``refs`` are "earlier ref → later ref" for linked
        requests, one ref for new and dropped ones. With ``by``, panel by panel, the
        ``by`` column first.

    Returns
    -------
    matplotlib.axes.Axes or Plotted
        The Axes: a bar per theme in segments by status, changes of wording marked; with
        ``return_data=True``, also the tally behind it. With ``by``, the first panel's
        Axes (``ax.figure.axes``: every panel, in reading order).

    Raises
    ------
    ValueError
        If a column is missing, a status is not one of the four, or ``by`` is given
        with an ``ax``.

    Examples
    --------
    >>> import cobs.plot
    >>> aligned = pd.DataFrame({
    ...     "theme": ["education", "education", "health"],
    ...     "status": ["repeated", "new", "dropped"],
    ...     "change": ["escalated", None, None],
    ...     "earlier_ref": ["CRC/C/KAZ/CO/3, para. 58", None, "CRC/C/KAZ/CO/3, para. 50"],
    ...     "later_ref": ["CRC/C/KAZ/CO/4, para. 53 (a)", "CRC/C/KAZ/CO/4, para. 53 (b)", None]})
    >>> ax, data = cobs.plot.cycle_changes(aligned, return_data=True)
    >>> data.query("dimension == 'status' and count > 0")[["theme", "category", "count"]]
           theme  category  count
    0  education  repeated      1
    2  education       new      1
    7     health   dropped      1
    >>> data["refs"][0]
    ['CRC/C/KAZ/CO/3, para. 58 → CRC/C/KAZ/CO/4, para. 53 (a)']

    Two pairs of cycles as small multiples, one panel each:

    >>> pairs = pd.concat([aligned.assign(earlier_symbol="CRC/C/KAZ/CO/3", later_symbol="CRC/C/KAZ/CO/4"),
    ...                    aligned.assign(earlier_symbol="CRC/C/KAZ/CO/4", later_symbol="CRC/C/KAZ/CO/5")])
    >>> ax = cobs.plot.cycle_changes(pairs, by="later_symbol")
    >>> [panel.get_title() for panel in ax.figure.axes]
    ['CRC/C/KAZ/CO/3 → 4', 'CRC/C/KAZ/CO/4 → 5']
    """
    needed = ["theme", "status", "change", "earlier_ref", "later_ref", *([by] if isinstance(by, str) else [])]
    check_table(aligned, needed, name="aligned", function="cobs.plot.cycle_changes", what=_ALIGN)
    unknown = sorted(set(aligned["status"].dropna()) - set(STATUSES))
    if unknown:
        raise ValueError(f"cobs.plot.cycle_changes: unknown status {unknown[0]!r} in the alignment; "
                         f"the statuses are {list(STATUSES)}")
    check_top(top, "cycle_changes")
    others = check_flag(others, "others")
    if ncols is not None and by is None:  # not left unsaid: no grid, no columns
        raise ValueError("cobs.plot.cycle_changes: ncols sets panels side by side: give it with by=")
    if others and top is None:
        raise ValueError("cobs.plot.cycle_changes: others=True folds the themes past top= into one bar: give top")
    if by is not None:
        groups_of(aligned, by, "cycle_changes")  # by is a column
    columns = [*([by] if by is not None else []), *tally_columns("theme")]
    require_rows(aligned, needed, what="links nor unmatched recommendations", data_columns=columns)
    table = aligned.assign(status=pd.Categorical(aligned["status"], categories=list(STATUSES)))
    if by == "later_symbol" and "earlier_symbol" in table.columns:
        # align() leaves a dropped paragraph's later_symbol empty: it belongs to the pair of its earlier CO
        later_of = table.dropna(subset=["earlier_symbol", "later_symbol"]).drop_duplicates("earlier_symbol")
        later_of = later_of.set_index("earlier_symbol")["later_symbol"]
        table[by] = table[by].fillna(table["earlier_symbol"].map(later_of))
    if by is not None:
        table = table[table[by].notna()]
        groups = groups_of(table, by, "cycle_changes")
        if not groups:
            raise NothingToDraw(f"the table's rows have no {by}", columns)
    data = tally(table, ["status", "change"], by="theme", ref=["earlier_ref", "later_ref"])
    bars = data[data["dimension"] == "status"]
    sizes = bars.groupby("theme", sort=False, dropna=False)["n"].first()
    themes = sorted(sizes.index, key=lambda t: (pd.isna(t), -sizes[t], str(t)))
    known = sum(not pd.isna(t) for t in themes)
    if top is not None and others and len(themes) > top:
        table, themes = other_themes(table, themes, top)
        data = tally(table, ["status", "change"], by="theme", ref=["earlier_ref", "later_ref"])
    elif top is not None:
        themes = themes[:top]
    axis = theme_axis(top, known, others)
    position = {("" if pd.isna(t) else t): i for i, t in enumerate(themes)}
    if by is None:
        labels = [wrap(t, label_chars(ax)) for t in themes]
        ax = new_axes(ax, len(themes), row_height=row_height(labels), extra=1.6)
        data = _changes_panel(ax, data, position)
        ax.set_yticks(np.arange(len(themes)), labels)
        ax.set_ylim(len(themes) - 0.5, -0.5)  # top to bottom, without a margin of empty rows
        ax.set_xlabel(f"Links and unmatched recommendation {_align_unit(aligned)}")
        if axis != "Theme":  # how many themes are drawn of how many
            ax.set_ylabel(axis)
        legend_below(ax, handles=_changes_handles(), ncol=3)  # below: the bars keep the figure's width
        title = _pair_title(aligned)
        if title:
            ax.set_title(title)
        return finish(ax, data, return_data)
    labels = [wrap(t, 32) for t in themes]
    panels = new_panels(ax, len(groups), len(themes), ncols=ncols, row_height=row_height(labels), extra=1.4,
                        labels=label_inches(labels), function="cycle_changes")
    cut = dict(list(table.groupby(table[by].astype(object), sort=False)))
    pieces = []
    for panel, group in zip(panels, groups, strict=True):
        rows = cut[group]
        counted = tally(rows, ["status", "change"], by="theme", ref=["earlier_ref", "later_ref"])
        pieces.append(_changes_panel(panel, counted, position).assign(**{by: group}))
        panel.set_title(_pair_title(rows) or wrap(group, 40), fontsize="small")
    label_rows(panels, labels)
    first = panels[0]
    same_x(panels, 0, max(panel.get_xlim()[1] for panel in panels))  # every panel on the longest bar's scale
    figure = first.figure
    label_bottoms(panels, f"Links and unmatched recommendation {_align_unit(aligned)}")
    figure.supylabel(axis, fontsize=mpl.rcParams["axes.labelsize"])
    figure.legend(handles=_changes_handles(), loc="outside lower center", ncol=3)
    data = pd.concat(pieces, ignore_index=True)
    return finish(first, data[[by, *[c for c in data.columns if c != by]]], return_data)


def _pair_title(aligned: pd.DataFrame) -> str | None:
    """"earlier → later" of an alignment of one pair of COs, else None."""
    if not {"earlier_symbol", "later_symbol"} <= set(aligned.columns):
        return None
    pair = aligned[["earlier_symbol", "later_symbol"]].dropna().drop_duplicates()
    return pair_label(pair.iloc[0, 0], pair.iloc[0, 1]) if len(pair) == 1 else None


def _changes_handles() -> list[object]:
    handles: list[object] = [Patch(color=_STATUS_COLORS[s], label=s) for s in STATUSES]
    return handles + [Line2D([], [], marker=m, color=c, linestyle="", markersize=4, label=f"{name} ({what})")
                      for name, (m, c, what) in _CHANGES.items()]


def _changes_panel(ax: Axes, data: pd.DataFrame, position: dict[object, int]) -> pd.DataFrame:
    """Draw one alignment's tally (``data``) on ``ax``, each theme at its ``position`` (themes without one are left
    out); returns the rows drawn, the bars' first."""
    n = max(position.values(), default=-1) + 1
    index = data["theme"].map(lambda t: position.get("" if pd.isna(t) else t, -1))
    data = data.assign(_y=index, _d=(data["dimension"] == "change").astype(int), _c=data["category"].map(
        {c: i for i, c in enumerate([*STATUSES, *_CHANGES, "same"])}).fillna(len(STATUSES) + 3))
    data = data[data["_y"] >= 0].sort_values(["_d", "_y", "_c"], kind="stable")
    y = np.arange(n)
    left = np.zeros(n)
    for status in STATUSES:
        rows = data[(data["dimension"] == "status") & (data["category"] == status)]
        widths = np.zeros(n)
        widths[rows["_y"].to_numpy(dtype=int)] = rows["count"].to_numpy()
        drawn = widths > 0
        if drawn.any():
            ax.barh(y[drawn], widths[drawn], left=left[drawn], height=0.7, color=_STATUS_COLORS[status],
                    edgecolor="white", linewidth=0.3)
        left += widths
    # the escalations and softenings right after each bar, "▲ 2 ▼ 1": placed in points from the bar's end, so that
    # a mark and its count keep their size and spacing whatever the scale of the bars (they may reach past the
    # longest bar's end: the layout makes room for them)
    size = mpl.font_manager.FontProperties(size=mpl.rcParams["xtick.labelsize"]).get_size_in_points()
    offsets = np.full(n, _GAP)  # points after each bar's end
    for change, (marker, color, _) in _CHANGES.items():
        rows = data[(data["dimension"] == "change") & (data["category"] == change) & (data["count"] > 0)]
        for yi, count in zip(rows["_y"].to_numpy(dtype=int), rows["count"], strict=True):
            at = offsets[yi] + _MARK / 2
            ax.plot([left[yi]], [yi], marker=marker, markersize=_MARK, linestyle="", color=color, zorder=3,
                    clip_on=False, transform=offset_copy(ax.transData, fig=ax.figure, x=at, units="points"))
            ax.annotate(str(count), (left[yi], yi), xytext=(at + _MARK / 2 + 1, 0), textcoords="offset points",
                        va="center", ha="left", fontsize=size, annotation_clip=False)
            offsets[yi] = at + _MARK / 2 + 1 + text_width(str(count), size) + _GAP
    end = left.max() if len(left) else 0.0
    ax.set_xlim(0, max(end, 1.0) * 1.02)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return data.drop(columns=["_y", "_d", "_c"])


_ITEM_REF = re.compile(r", para\. \d+ \([a-z]{1,3}\)$")  # "CRC/C/KAZ/CO/4, para. 53 (a)"


def _align_unit(aligned: pd.DataFrame) -> str:
    """What an alignment's rows link: "paragraphs" (align's unit="paragraph") or "items" (unit="item")."""
    subs = [aligned[c] for c in ("earlier_sub", "later_sub") if c in aligned.columns]
    if subs:
        items = any(s.fillna("").astype(str).ne("").any() for s in subs)
    else:
        refs = pd.concat([aligned["earlier_ref"], aligned["later_ref"]]).dropna().astype(str)
        items = bool(refs.str.contains(_ITEM_REF).any())
    return "items" if items else "paragraphs"


@overload
def keyness(table: pd.DataFrame, *, top: int = ..., labels: tuple[str, str] = ..., alpha: float = ...,
            ax: Axes | None = ..., return_data: Literal[False] = ...) -> Axes: ...
@overload
def keyness(table: pd.DataFrame, *, top: int = ..., labels: tuple[str, str] = ..., alpha: float = ...,
            ax: Axes | None = ..., return_data: Literal[True]) -> Plotted: ...
def keyness(
    table: pd.DataFrame,
    *,
    top: int = 10,
    labels: tuple[str, str] = ("target", "reference"),
    alpha: float = 0.05,
    ax: Axes | None = None,
    return_data: bool = False,
) -> Axes | Plotted:
    """The words that set one set of documents apart from another: a keyness chart.

    The ``top`` most distinctive terms on each side (by G², the order of the keyness
    table), as bars of their effect size (log ratio of the rates): to the right the
    terms more frequent in the target, to the left those more frequent in the
    reference. Only terms whose Benjamini-Hochberg q-value is below ``alpha`` are drawn
    (thousands of terms are tested at once: ``p_value`` alone would let hundreds
    through by chance); where none is, the Axes says so, and where one side has none,
    that side's half of the Axes says so. A table without ``q_value``
    (made by hand) is drawn whole, the terms whose ``p_value`` is ``alpha`` or more pale.

    Parameters
    ----------
    table : pandas.DataFrame
        A keyness table from ``cobs.compare.keyness(target, reference)``: columns
        ``term``, ``log_ratio``, ``g2``, ``direction`` ("target" or "reference"),
        ``q_value`` and ``p_value`` (optional).
    top : int, default=10
        Terms drawn on each side.
    labels : (str, str), default=("target", "reference")
        Names of the two sides for the legend ("Kazakhstan", "other States").
    alpha : float, default=0.05
        The false discovery rate of the terms drawn (q < alpha); without ``q_value``,
        the significance level of the pale bars.
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    return_data : bool, default=False
        Also return the rows drawn (:class:`Plotted`), top bar first. A keyness
        table counts words, not recommendations: ``cobs.compare.keyness(...,
        refs=True)`` adds the references of the recommendations using each term
        (``target_refs``, ``reference_refs``), which the rows drawn keep.

    Returns
    -------
    matplotlib.axes.Axes or Plotted
        The Axes: a bar per term (its log ratio), the target's terms to the right and the
        reference's to the left; with ``return_data=True``, also the terms drawn.

    Examples
    --------
    >>> import cobs.plot
    >>> table = pd.DataFrame({"term": ["juvenile justice", "accessibility", "corporal punishment", "data"],
    ...                       "g2": [30.1, 22.0, 12.5, 3.0], "log_ratio": [3.2, -2.5, 2.1, 0.4],
    ...                       "p_value": [1e-6, 1e-5, 4e-4, 0.08], "q_value": [4e-6, 2e-5, 5e-4, 0.08],
    ...                       "direction": ["target", "reference", "target", "target"]})
    >>> ax, data = cobs.plot.keyness(table, labels=("CRC", "CRPD"), return_data=True)
    >>> data["term"].tolist()
    ['juvenile justice', 'corporal punishment', 'accessibility']
    """
    check_table(table, ["term", "log_ratio", "g2", "direction"], function="cobs.plot.keyness",
                what="a keyness table from cobs.compare.keyness()")
    check_top(top, "keyness", optional=False)
    if not (isinstance(labels, (tuple, list)) and len(labels) == 2):
        raise ValueError(f"cobs.plot.keyness: {invalid_value('labels', labels, 'two names (target, reference)')}")
    unknown = sorted(set(table["direction"].dropna()) - {"target", "reference"})
    if unknown:
        raise ValueError(f"cobs.plot.keyness: {invalid_value('direction', unknown[0], ('target', 'reference'))}")
    require_rows(table, ["term", "log_ratio", "g2", "direction"], what="terms", data_columns=table.columns)
    ranked = table.iloc[ranking(table["g2"].to_numpy(dtype=float), table["term"].astype(str).tolist())]  # as keyness
    adjusted = "q_value" in table.columns
    if adjusted:
        ranked = ranked[(ranked["q_value"] < alpha).fillna(False).to_numpy(dtype=bool)]
    target = ranked[ranked["direction"] == "target"].head(top)
    reference = ranked[ranked["direction"] == "reference"].head(top)
    data = pd.concat([target, reference.iloc[::-1]])  # target's strongest at the top, reference's at the bottom
    if not len(data):  # an empty chart must not read as a figure that failed
        raise NothingToDraw(f"no term with q < {alpha:g} (Benjamini-Hochberg, {len(table)} terms tested)",
                            table.columns)
    ax = new_axes(ax, len(data) if len(target) and len(reference) else max(len(data), _NO_TERM_ROWS),
                  row_height=0.17)
    y = np.arange(len(data))
    colors = np.where(data["direction"] == "target", OKABE_ITO[3], OKABE_ITO[0])
    significant = ((data["p_value"] < alpha).to_numpy() if "p_value" in data.columns and not adjusted
                   else np.ones(len(data), bool))
    bars = ax.barh(y, data["log_ratio"].to_numpy(dtype=float), height=0.7, color=list(colors),
                   edgecolor=list(colors), linewidth=0.5)
    for patch, keep in zip(bars.patches, significant, strict=True):
        if not keep:
            patch.set_alpha(0.35)
    ax.axvline(0, color="black", linewidth=0.6)
    for rows, label, right in ((target, labels[0], True), (reference, labels[1], False)):
        if not len(rows):  # said in that side's half, off the zero line (both sides empty: nothing to draw)
            longest = float(np.nanmax(np.abs(data["log_ratio"].to_numpy(dtype=float)), initial=0.0))
            ax.set_xlim(-1.05 * longest, 1.05 * longest) if longest > 0 else ax.set_xlim(-1, 1)
            said = f"no term more in {label}" + (f" with q\u00a0<\u00a0{alpha:g}" if adjusted else "")  # q < a whole
            ax.add_artist(_NoTerm(ax, said, right=right))
            ax.set_ylim(max(len(data), _NO_TERM_ROWS) - 0.5, -0.5)  # room for the text; the bars from the top
    ax.set_yticks(y, [wrap(t, 30) for t in data["term"]])
    if len(target) and len(reference):
        ax.invert_yaxis()
    ax.set_xlabel("Log ratio (log$_2$ of the rate ratio)")
    handles = [Patch(color=OKABE_ITO[3], label=f"more in {labels[0]}"),
               Patch(color=OKABE_ITO[0], label=f"more in {labels[1]}")]
    if not significant.all():
        handles.append(Patch(color="#999999", alpha=0.35, label=f"p ≥ {alpha:g}"))
    legend_below(ax, handles=handles)
    return finish(ax, data, return_data)


_NO_TERM_PAD = 4.0  # points between the zero line and the text saying a side has no term
_NO_TERM_ROWS = 3  # rows of bars a keyness chart with an empty side is at least as tall as (for its text)


class _NoTerm(Text):
    """The text saying that one side of a keyness chart has no term, in that side's half of the Axes: it starts
    ``_NO_TERM_PAD`` points off the zero line, outwards, and is wrapped (and, if need be, made smaller) to the
    half's width and the Axes' height as they are when it is drawn (after the layout), so that it never crosses the
    zero line nor a bar, nor leaves the Axes."""

    def __init__(self, ax: Axes, text: str, *, right: bool) -> None:
        size = mpl.font_manager.FontProperties(size=mpl.rcParams["ytick.labelsize"]).get_size_in_points()
        where = offset_copy(ax.get_xaxis_transform(), fig=ax.figure, x=_NO_TERM_PAD if right else -_NO_TERM_PAD,
                            y=0, units="points")  # x: data (0, the zero line), y: the Axes' height
        super().__init__(0, 0.5, text, transform=where, fontsize=size, ha="left" if right else "right",
                         va="center", color="#555555", multialignment="left" if right else "right")
        self._whole, self._largest = text, size

    def _fit(self) -> None:
        if self.axes is None or self.figure is None:
            return
        points = 72 / self.figure.dpi
        width = self.axes.bbox.width * points / 2 - 2 * _NO_TERM_PAD
        height = self.axes.bbox.height * points
        size = self._largest
        while True:
            text = fit(self._whole, max(width, 1.0), size)
            if (text.count("\n") + 1) * 1.25 * size <= height or size <= 5:
                break
            size -= 0.5
        if text != self.get_text() or size != self.get_fontsize():  # unchanged: not stale, no redraw asked
            self.set_text(text)
            self.set_fontsize(size)

    def draw(self, renderer) -> None:  # type: ignore[no-untyped-def]
        self._fit()
        super().draw(renderer)

    def get_window_extent(self, renderer=None, dpi=None):  # type: ignore[no-untyped-def]  # the layout asks first
        self._fit()
        return super().get_window_extent(renderer, dpi)


@overload
def similarity(matrix: pd.DataFrame, *, ax: Axes | None = ..., return_data: Literal[False] = ...) -> Axes: ...
@overload
def similarity(matrix: pd.DataFrame, *, ax: Axes | None = ..., return_data: Literal[True]) -> Plotted: ...
def similarity(matrix: pd.DataFrame, *, ax: Axes | None = None, return_data: bool = False) -> Axes | Plotted:
    """How alike the documents' (or States') recommendations are: a similarity matrix as a triangle.

    Each pair once (below the diagonal, which is 1 by definition), shaded from white
    (0) to the darkest blue (the most similar pair of the matrix) and labelled with
    its value where a cell holds it, in the matrix's own order. The cells of a large
    matrix (two dozen documents and more on a two-column figure) are too small for
    their values: they are shaded only, the values in the table behind the figure.

    Parameters
    ----------
    matrix : pandas.DataFrame
        A square similarity matrix from ``cobs.compare.similarity(table, by=...)``:
        the same labels on the index and the columns.
    ax : matplotlib Axes, optional
        Where to draw; by default a new figure.
    return_data : bool, default=False
        Also return the table behind the figure (:class:`Plotted`): one row per pair
        drawn, ``symbol`` (or the index's name: ``state`` ...), ``other``,
        ``similarity``. A similarity compares whole documents: no ``refs``.

    Returns
    -------
    matplotlib.axes.Axes or Plotted
        The Axes: a triangle of shaded cells, one per pair of documents; with
        ``return_data=True``, also the pairs.

    Raises
    ------
    ValueError
        If the matrix is not square with the same labels on both axes, or holds
        values that are not numbers (a matrix of fewer than two documents has no
        pair to draw: the Axes says so).

    Examples
    --------
    >>> import cobs.plot
    >>> matrix = pd.DataFrame([[1.0, 0.4, 0.2], [0.4, 1.0, 0.3], [0.2, 0.3, 1.0]],
    ...                       index=["AZE", "KAZ", "TKM"], columns=["AZE", "KAZ", "TKM"])
    >>> ax, data = cobs.plot.similarity(matrix, return_data=True)
    >>> data
      symbol other  similarity
    0    KAZ   AZE         0.4
    1    TKM   AZE         0.2
    2    TKM   KAZ         0.3
    """
    check_table(matrix, [], name="matrix", function="cobs.plot.similarity",
                what="a similarity matrix from cobs.compare.similarity()")
    if list(matrix.index) != list(matrix.columns):
        raise ValueError("cobs.plot.similarity: expected a square matrix with the same labels on the index and the "
                         f"columns, in the same order; got {matrix.shape[0]} rows "
                         f"{list(matrix.index)[:5]} and {matrix.shape[1]} columns {list(matrix.columns)[:5]}")
    if not all(pd.api.types.is_numeric_dtype(t) for t in matrix.dtypes):
        raise ValueError("cobs.plot.similarity: the matrix must hold numbers, got columns of types "
                         f"{sorted({str(t) for t in matrix.dtypes})}")
    name = matrix.index.name if isinstance(matrix.index.name, str) and matrix.index.name != "other" else "symbol"
    if len(matrix) < 2:
        raise NothingToDraw(f"a similarity matrix of {len(matrix)} document{'' if len(matrix) == 1 else 's'} has no "
                            "pair to compare", [name, "other", "similarity"])
    require_rows(matrix, list(matrix.columns), what="documents", data_columns=[name, "other", "similarity"],
                 blank="every similarity of the matrix is missing")
    values = matrix.to_numpy(dtype=float)
    n = len(values)
    rows, columns = np.tril_indices(n, k=-1)
    labels = [wrap(label, 24) for label in matrix.index]
    # the values in the cells where a cell is wide enough for one ("0.42" and a margin), on the figure's width less
    # the row labels and the colour bar; else shaded cells only, as tall as the labels need
    annotate = cells_hold(ax, n - 1, labels, "0.00")
    ax = new_axes(ax, n - 1, row_height=max(0.3 if annotate else 0.0, row_height(labels[1:])), extra=1.2,
                  min_height=2.0)
    shown = np.full((n - 1, n - 1), np.nan)  # row i + 1 of the matrix against column j < i + 1
    shown[rows - 1, columns] = values[rows, columns]
    cmap = mpl.colormaps["Blues"]
    top = float(np.nanmax(shown)) if np.isfinite(shown).any() else 1.0
    image = ax.imshow(np.ma.masked_invalid(shown), cmap=cmap, vmin=0, vmax=max(top, 1e-9), aspect="auto",
                      interpolation="nearest")
    for i, j in zip(rows, columns, strict=True) if annotate else ():
        value = values[i, j]
        ax.text(j, i - 1, f"{value:.2f}", ha="center", va="center", fontsize="x-small",
                color=text_color(cmap(image.norm(value))))
    ax.set_yticks(np.arange(n - 1), labels[1:])
    ax.set_xticks(np.arange(n - 1), labels[:-1], rotation=90)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    bar = ax.figure.colorbar(image, ax=ax, shrink=0.6, aspect=25, pad=0.02)
    bar.set_label("Similarity")
    bar.outline.set_visible(False)
    data = pd.DataFrame({name: matrix.index.to_numpy()[rows], "other": matrix.columns.to_numpy()[columns],
                         "similarity": values[rows, columns]})
    return finish(ax, data, return_data)

"""cobs.plot: every figure drawn from small literal tables, its labels and legend, and the data it hands back."""

import hashlib
import inspect
import os
import re
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib as mpl  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.text  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import cobs  # noqa: E402
import cobs.plot  # noqa: E402
from cobs.measures import STRENGTH_DTYPE  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def actions():
    """Six actions of two documents, as cobs.measure() gives them (the columns the figures read)."""
    return pd.DataFrame({
        "symbol": ["CRC/C/KAZ/CO/4"] * 4 + ["CRPD/C/AZE/CO/1"] * 2,
        "state": ["KAZ"] * 4 + ["AZE"] * 2,
        "cluster_id": ["CRC-5", "CRC-5", "CRC-5", "CRC-9", "CRPD-B", "CRPD-B"],
        "ref": ["CRC/C/KAZ/CO/4, para. 29 (a)", "CRC/C/KAZ/CO/4, para. 29 (b)", "CRC/C/KAZ/CO/4, para. 31",
                "CRC/C/KAZ/CO/4, para. 61 (a)", "CRPD/C/AZE/CO/1, para. 9", "CRPD/C/AZE/CO/1, para. 11"],
        "strength": pd.Series(["urges", "recommends", "recommends", "urges", "recommends", "calls upon"],
                              dtype=STRENGTH_DTYPE),
        "action_category": pd.array([5, 4, 4, 5, None, 3], dtype="Int64"),
        "theme": ["corporal punishment", "corporal punishment", "violence and exploitation", "juvenile justice",
                  "accessibility", ""],
    })


def bar_widths(ax):
    return [round(p.get_width(), 6) for p in ax.patches]


def tick_texts(axis):
    return [t.get_text() for t in axis.get_ticklabels()]


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def extents(artists, renderer):
    return [a.get_window_extent(renderer) for a in artists]


def drawn_in_style(draw, columns=1):
    """The Axes ``draw()`` returns in the paper style, drawn there (as savefig in the block would), and its renderer."""
    with cobs.plot.style("paper", columns=columns):
        ax = draw()
        ax.figure.canvas.draw()
        return ax, ax.figure.canvas.get_renderer()


def assert_readable(ax, renderer):
    """No two texts of the figure on each other (tick labels in view, level or not; counts; axis labels; the title;
    the legend) and all of them inside the figure, measured on the rendered extents."""
    boxes = []
    for axes in ax.figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            low, high = sorted(axis.get_view_interval())
            labels = [tick.label1 for tick in axis.get_major_ticks()
                      if tick.label1.get_visible() and tick.label1.get_text() and low <= tick.get_loc() <= high]
            if not any(label.get_rotation() % 90 for label in labels):  # slanted ones have boxes wider than them
                boxes += [(label.get_text(), label.get_window_extent(renderer)) for label in labels]
        texts = [c for c in axes.get_children() if isinstance(c, mpl.text.Text)]  # counts and titles
        boxes += [(t.get_text(), t.get_window_extent(renderer)) for t in (*texts, axes.xaxis.label, axes.yaxis.label)
                  if t.get_text() and t.get_visible()]
        if axes.get_legend() is not None:
            boxes.append(("legend", axes.get_legend().get_window_extent(renderer)))
    figure = ax.figure.bbox
    outside = [name for name, box in boxes if box.x0 < figure.x0 - 1 or box.x1 > figure.x1 + 1
               or box.y0 < figure.y0 - 1 or box.y1 > figure.y1 + 1]
    assert not outside, f"outside the figure: {outside}"
    touching = [(a, b) for i, (a, box) in enumerate(boxes) for b, other in boxes[i + 1:] if box.overlaps(other)]
    assert not touching, f"on each other: {touching}"


def overlapping(boxes):
    """The pairs of rendered boxes (window extents) that overlap."""
    return [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b)]


# theme_profile ------------------------------------------------------------------------------------------------------

def test_theme_profile_draws_one_bar_per_theme_most_frequent_first():
    ax, data = cobs.plot.theme_profile(actions(), symbol="CRC/C/KAZ/CO/4", return_data=True)
    assert tick_texts(ax.yaxis) == ["corporal punishment", "juvenile justice", "violence and exploitation"]
    assert bar_widths(ax) == [2, 1, 1]
    assert ax.get_xlabel() == "Requested actions" and ax.get_title() == "CRC/C/KAZ/CO/4"
    assert data["category"].tolist() == ["corporal punishment", "juvenile justice", "violence and exploitation"]
    assert data["refs"].tolist()[0] == ["CRC/C/KAZ/CO/4, para. 29 (a)", "CRC/C/KAZ/CO/4, para. 29 (b)"]
    assert [t.get_text() for t in ax.texts] == ["2", "1", "1"]  # the counts at the bars' ends


def test_theme_profile_splits_bars_by_strength_strongest_first():
    ax, data = cobs.plot.theme_profile(actions(), symbol="CRC/C/KAZ/CO/4", hue="strength", return_data=True)
    assert legend_texts(ax) == ["urges", "recommends"]
    assert ax.get_legend().get_title().get_text() == "Operative verb"
    first = data[(data["theme"] == "corporal punishment") & (data["count"] > 0)]
    assert dict(zip(first["category"], first["refs"], strict=True)) == {
        "recommends": ["CRC/C/KAZ/CO/4, para. 29 (b)"], "urges": ["CRC/C/KAZ/CO/4, para. 29 (a)"]}
    # the urges segment starts at 0, the recommends one where it ends
    urges = [p for p in ax.patches if p.get_facecolor() == mpl.colors.to_rgba(cobs.plot._base.STRENGTH_COLORS["urges"])]
    assert sorted((p.get_x(), p.get_width()) for p in urges) == [(0, 1), (0, 1)]
    assert [t.get_text() for t in ax.texts] == ["2", "1", "1"]  # totals at the bars' ends


def test_theme_profile_shows_actions_without_a_theme_last_and_can_keep_the_top():
    ax, data = cobs.plot.theme_profile(actions(), symbol="CRPD/C/AZE/CO/1", return_data=True)
    assert tick_texts(ax.yaxis) == ["accessibility", "(none)"]
    assert pd.isna(data["category"].iloc[-1]) and data["refs"].iloc[-1] == ["CRPD/C/AZE/CO/1, para. 11"]
    ax = cobs.plot.theme_profile(actions(), symbol="CRC/C/KAZ/CO/4", top=1)
    assert tick_texts(ax.yaxis) == ["corporal punishment"] and ax.get_ylabel() == "Theme (1 most frequent of 3)"


def test_theme_profile_can_keep_the_top_and_count_the_others_in_one_bar():
    """With top and others=True every action is still drawn: the themes past the top in one last bar, whose refs are
    theirs (the fixture: KAZ's corporal punishment 2 actions, juvenile justice 1, violence and exploitation 1)."""
    ax, data = cobs.plot.theme_profile(actions(), symbol="CRC/C/KAZ/CO/4", top=1, others=True, return_data=True)
    assert tick_texts(ax.yaxis) == ["corporal punishment", "2 other themes"]
    assert bar_widths(ax) == [2, 2] and [t.get_text() for t in ax.texts] == ["2", "2"]
    assert ax.get_ylabel() == "Theme (1 most frequent of 3; the others in one bar)"
    assert data["refs"].iloc[-1] == ["CRC/C/KAZ/CO/4, para. 31", "CRC/C/KAZ/CO/4, para. 61 (a)"]
    # AZE's action without a theme ("") keeps its own bar, last, and is not counted as a theme: nothing to fold
    ax, data = cobs.plot.theme_profile(actions(), symbol="CRPD/C/AZE/CO/1", top=1, others=True, return_data=True)
    assert tick_texts(ax.yaxis) == ["accessibility", "(none)"] and data["count"].sum() == 2
    whole = cobs.plot.theme_profile(actions(), symbol="CRC/C/KAZ/CO/4", top=3, others=True, return_data=True)
    assert tick_texts(whole.ax.yaxis) == ["corporal punishment", "juvenile justice", "violence and exploitation"]
    assert whole.ax.get_ylabel() == "Theme"
    # by document: the top over both panels, each panel counting all of its own actions, by strength
    ax, data = cobs.plot.theme_profile(actions(), by="symbol", hue="strength", top=2, others=True, return_data=True)
    assert tick_texts(ax.figure.axes[0].yaxis) == ["corporal punishment", "accessibility", "2 other themes",
                                                   "(none)"]
    assert data.groupby("symbol")["count"].sum().to_dict() == {"CRC/C/KAZ/CO/4": 4, "CRPD/C/AZE/CO/1": 2}
    other = data[(data["theme"] == "2 other themes") & (data["count"] > 0)]
    assert sorted(ref for refs in other["refs"] for ref in refs) == [
        "CRC/C/KAZ/CO/4, para. 31", "CRC/C/KAZ/CO/4, para. 61 (a)"]  # juvenile justice, violence and exploitation
    with pytest.raises(ValueError, match="give top"):
        cobs.plot.theme_profile(actions(), symbol="CRC/C/KAZ/CO/4", others=True)
    with pytest.raises(TypeError, match="others must be True or False"):
        cobs.plot.theme_profile(actions(), symbol="CRC/C/KAZ/CO/4", top=1, others="yes")


def test_theme_profile_needs_one_document():
    with pytest.raises(ValueError, match=r"draws one document, and the table has 2 .*pass symbol="):
        cobs.plot.theme_profile(actions())
    with pytest.raises(ValueError, match="'CRC/C/KAZ/CO/5' is not in the table"):
        cobs.plot.theme_profile(actions(), symbol="CRC/C/KAZ/CO/5")
    with pytest.raises(ValueError, match="hue must be one of .* or a categorical column"):
        cobs.plot.theme_profile(actions(), symbol="CRC/C/KAZ/CO/4", hue="verb")


def test_theme_profile_by_document_draws_a_panel_each_on_one_theme_axis():
    acts = actions()
    acts["symbol"] = pd.Categorical(acts["symbol"], categories=["CRPD/C/AZE/CO/1", "CRC/C/KAZ/CO/4"])
    ax, data = cobs.plot.theme_profile(acts, by="symbol", hue="strength", return_data=True)
    panels = ax.figure.axes
    assert [panel.get_title() for panel in panels] == ["CRPD/C/AZE/CO/1", "CRC/C/KAZ/CO/4"]  # the categories' order
    # one theme axis: the themes of both, most frequent over both first, labelled on the first panel of the row
    assert tick_texts(panels[0].yaxis) == ["corporal punishment", "accessibility", "juvenile justice",
                                           "violence and exploitation", "(none)"]
    assert not tick_texts(panels[1].yaxis) and panels[1].get_ylim() == panels[0].get_ylim()
    assert panels[0].get_xlim() == panels[1].get_xlim()  # one scale
    # each panel's data is the document's own figure's, the document first
    for symbol in ("CRC/C/KAZ/CO/4", "CRPD/C/AZE/CO/1"):
        mine = data[data["symbol"] == symbol].drop(columns="symbol").reset_index(drop=True)
        alone = cobs.plot.theme_profile(actions(), symbol=symbol, hue="strength", return_data=True).data
        drawn = mine[mine["count"] > 0].reset_index(drop=True)
        assert drawn[["theme", "category", "count", "refs"]].astype(str).values.tolist() == alone[
            alone["count"] > 0][["theme", "category", "count", "refs"]].astype(str).values.tolist()
    kaz = panels[1].patches  # KAZ's segments: corporal punishment (urges, recommends), juvenile justice, violence
    assert sorted((round(p.get_y() + p.get_height() / 2), p.get_width()) for p in kaz) == [(0, 1), (0, 1), (2, 1),
                                                                                           (3, 1)]
    legend = ax.figure.legends[0]  # one legend for the figure, strongest first, as on each document's own figure
    assert [t.get_text() for t in legend.get_texts()] == ["urges", "recommends", "calls upon"]
    assert data.columns[0] == "symbol"
    plain = cobs.plot.theme_profile(actions(), by="symbol", return_data=True).data
    assert plain.groupby("symbol")["count"].sum().to_dict() == {"CRC/C/KAZ/CO/4": 4, "CRPD/C/AZE/CO/1": 2}
    with pytest.raises(ValueError, match="give one of them"):
        cobs.plot.theme_profile(actions(), by="symbol", symbol="CRC/C/KAZ/CO/4")
    with pytest.raises(ValueError, match="ax must be None with by"):
        cobs.plot.theme_profile(actions(), by="symbol", ax=plt.subplots()[1])
    with pytest.raises(ValueError, match=r"actions lacks the column\(s\) \['colour'\]"):
        cobs.plot.theme_profile(actions(), by="colour")
    with pytest.raises(ValueError, match="ncols must be a positive integer"):
        cobs.plot.theme_profile(actions(), by="symbol", ncols=0)
    assert len(cobs.plot.theme_profile(actions(), by="symbol", ncols=1).figure.axes) == 2  # one above the other
    with pytest.raises(ValueError, match="ncols sets panels side by side: give it with by="):
        cobs.plot.theme_profile(actions(), symbol="CRC/C/KAZ/CO/4", ncols=2)  # was ignored without a word
    with pytest.raises(ValueError, match="ncols sets panels side by side: give it with by="):
        cobs.plot.cycle_changes(aligned(), ncols=2)


def test_theme_profile_puts_its_legend_where_the_bars_leave_room():
    themes = [f"theme {i}" for i in range(8)]
    counts = [8, 7, 6, 5, 2, 1, 1, 1]  # longest first: the lower half's bars are short
    rows = [t for t, n in zip(themes, counts, strict=True) for _ in range(n)]
    acts = pd.DataFrame({"symbol": "CRC/C/KAZ/CO/4", "theme": rows, "ref": [f"r{i}" for i in range(len(rows))],
                         "strength": pd.Series(["recommends", "urges"] * (len(rows) // 2) + ["urges"] * (len(rows) % 2),
                                               dtype=STRENGTH_DTYPE)})

    def extents(ax):
        ax.figure.canvas.draw()
        renderer = ax.figure.canvas.get_renderer()
        return ax.get_legend().get_window_extent(renderer), ax.get_window_extent(renderer)

    legend, axes = extents(cobs.plot.theme_profile(acts, hue="strength"))
    assert axes.x0 <= legend.x0 and legend.x1 <= axes.x1 and axes.y0 <= legend.y0  # inside, lower right
    assert legend.y1 < (axes.y0 + axes.y1) / 2
    legend, axes = extents(cobs.plot.theme_profile(actions(), symbol="CRC/C/KAZ/CO/4", hue="strength"))
    assert legend.y1 < axes.y0  # few bars: under the axes, not over the bars


def test_theme_profile_splits_bars_by_any_categorical_column_in_its_order():
    grades = pd.Categorical(["same request", "not made", "overlapping request", "not made", "not made", "not made"],
                            categories=["not made", "overlapping request", "same request"], ordered=True)
    ax, data = cobs.plot.theme_profile(actions().assign(upr_grade=grades), symbol="CRC/C/KAZ/CO/4",
                                       hue="upr_grade", return_data=True)
    assert legend_texts(ax) == ["same request", "overlapping request", "not made"]  # strongest at the left
    assert ax.get_legend().get_title().get_text() == "Made by the UPR too"
    shade = {t.get_text(): sum(h.get_facecolor()[:3]) for t, h in zip(ax.get_legend().get_texts(),
                                                                       ax.get_legend().legend_handles, strict=True)}
    assert shade["not made"] > shade["overlapping request"] > shade["same request"]  # paler for weaker
    corporal = data[data["theme"] == "corporal punishment"].set_index("category")
    assert corporal["count"].to_dict() == {"not made": 1, "overlapping request": 0, "same request": 1}
    assert corporal.loc["same request", "refs"] == ["CRC/C/KAZ/CO/4, para. 29 (a)"]


# mix --------------------------------------------------------------------------------------------------------------

def test_mix_stacks_shares_per_group_with_n_in_the_label():
    ax, data = cobs.plot.mix(actions(), of="strength", by="state", return_data=True)
    assert tick_texts(ax.yaxis) == ["AZE (n\u00a0=\u00a02)", "KAZ (n\u00a0=\u00a04)"]
    assert legend_texts(ax) == ["urges", "recommends", "calls upon"]
    assert ax.get_xlabel() == "Share of requested actions" and ax.get_ylabel() == "State"
    ends = {}
    for patch in ax.patches:  # each bar ends at 100 %
        y = round(patch.get_y() + patch.get_height() / 2)
        ends[y] = max(ends.get(y, 0), patch.get_x() + patch.get_width())
    assert ends == {0: pytest.approx(1.0), 1: pytest.approx(1.0)}
    kaz = data[(data["state"] == "KAZ") & (data["count"] > 0)]
    assert dict(zip(kaz["category"], kaz["share"], strict=True)) == {"recommends": 0.5, "urges": 0.5}
    assert kaz[kaz["category"] == "urges"]["refs"].iloc[0] == ["CRC/C/KAZ/CO/4, para. 29 (a)",
                                                                 "CRC/C/KAZ/CO/4, para. 61 (a)"]


def test_mix_of_action_categories_names_them_and_counts_the_missing():
    ax, data = cobs.plot.mix(actions(), of="action_category", by="cluster_id", normalize=False, return_data=True)
    assert legend_texts(ax) == ["5 specific", "4 general", "3 considering", "(none)"]
    assert ax.get_legend().get_title().get_text() == "Action category (UPR Info)"
    assert tick_texts(ax.yaxis) == ["CRC-5 Violence against children", "CRC-9 Special protection measures",
                                    "CRPD-B Specific rights"]
    assert ax.get_xlabel() == "Requested actions"
    missing = data[data["category"].isna() & (data["count"] > 0)]
    assert missing[["cluster_id", "count"]].values.tolist() == [["CRPD-B", 1]]
    assert missing["refs"].iloc[0] == ["CRPD/C/AZE/CO/1, para. 9"]


def test_mix_in_one_column_puts_its_legend_below_and_keeps_the_bars_wide():
    ax, renderer = drawn_in_style(lambda: cobs.plot.mix(actions(), by="cluster_id"))  # "CRC-5 Violence against ..."
    assert_readable(ax, renderer)
    figure, axes = ax.figure.bbox, ax.get_window_extent(renderer)
    assert axes.width > 0.35 * figure.width  # beside the bars, the legend left them a fifth of the figure
    assert ax.get_legend().get_window_extent(renderer).y1 < ax.xaxis.label.get_window_extent(renderer).y0
    assert legend_texts(ax) == ["urges", "recommends", "calls upon"]
    ax, renderer = drawn_in_style(lambda: cobs.plot.mix(actions(), by="cluster_id"), columns=2)
    assert ax.get_legend().get_window_extent(renderer).x0 > ax.get_window_extent(renderer).x1  # room beside it


def test_mix_refuses_a_measure_it_does_not_know():
    with pytest.raises(ValueError, match=r"of must be 'strength', 'action_category', .* got 'theme'"):
        cobs.plot.mix(actions(), of="theme")
    with pytest.raises(ValueError, match=r"lacks the column\(s\) \['cycle'\] of an action table from cobs.measure\(\)"):
        cobs.plot.mix(actions(), by="cycle")


# theme_heatmap ------------------------------------------------------------------------------------------------------

def test_theme_heatmap_colours_shares_and_writes_counts():
    ax, data = cobs.plot.theme_heatmap(actions(), by="state", top=2, return_data=True)
    assert tick_texts(ax.yaxis) == ["corporal punishment", "accessibility"]  # 2 actions, then 1 (ties by name)
    assert tick_texts(ax.xaxis) == ["AZE", "KAZ"]
    image = ax.get_images()[0].get_array()
    assert np.ma.filled(image, 0).tolist() == [[0.0, 0.5], [0.5, 0.0]]
    assert sorted(t.get_text() for t in ax.texts) == ["1", "2"]
    assert ax.figure.axes[1].get_ylabel().replace("\n", " ") == "Share of the state's requested actions"
    assert ax.get_ylabel().replace("\n", " ") == "Theme (2 with the most requested actions)"
    assert data[data["count"] > 0][["state", "category", "refs"]].values.tolist() == [
        ["KAZ", "corporal punishment", ["CRC/C/KAZ/CO/4, para. 29 (a)", "CRC/C/KAZ/CO/4, para. 29 (b)"]],
        ["AZE", "accessibility", ["CRPD/C/AZE/CO/1, para. 9"]],
    ]
    with pytest.raises(ValueError, match="top must be a positive integer"):
        cobs.plot.theme_heatmap(actions(), top=0)


# citations --------------------------------------------------------------------------------------------------------

def citations():
    return pd.DataFrame({
        "symbol": "CRC/C/KAZ/CO/4",
        "para": [7, 15, 27, 31, 29, 61],
        "sub": "",
        "ref": ["CRC/C/KAZ/CO/4, para. 7", "CRC/C/KAZ/CO/4, para. 15", "CRC/C/KAZ/CO/4, para. 27",
                "CRC/C/KAZ/CO/4, para. 31", "CRC/C/KAZ/CO/4, para. 29", "CRC/C/KAZ/CO/4, para. 61"],
        "type": ["previous", "general_comment", "general_comment", "general_comment", "general_comment", "article"],
        "citation": ["CRC/C/KAZ/CO/3, paras. 15, 17", "CRC general comment No. 5 (2003)",
                     "CRC general comment No. 13 (2011)", "CRC general comment No. 13 (2011)",
                     "CRC general comment No. 8 (2006)", "40"],
    })


def test_citations_count_citing_paragraphs_general_comments_first():
    ax, data = cobs.plot.citations(citations(), return_data=True)
    assert tick_texts(ax.yaxis) == ["CRC general comment No. 13 (2011)", "CRC general comment No. 5 (2003)",
                                    "CRC general comment No. 8 (2006)", "CRC/C/KAZ/CO/3, paras. 15, 17"]
    assert bar_widths(ax) == [2, 1, 1, 1]
    assert legend_texts(ax) == ["General comment", "Earlier CO"]
    assert ax.get_xlabel() == "Paragraphs and items citing it"  # the rows of cobs.citations: "para. 3 (a)" too
    assert data.iloc[0]["refs"] == ["CRC/C/KAZ/CO/4, para. 27", "CRC/C/KAZ/CO/4, para. 31"]
    assert "40" not in set(data["category"])  # articles only when asked
    ax = cobs.plot.citations(citations(), types=["article"], top=1)
    assert tick_texts(ax.yaxis) == ["40"] and ax.get_legend() is None
    ax = cobs.plot.citations(citations(), top=2)
    assert tick_texts(ax.yaxis) == ["CRC general comment No. 13 (2011)", "CRC general comment No. 5 (2003)"]
    assert ax.get_ylabel() == "The 2 cited most (of 4)"


def test_citations_in_one_column_keep_ticks_counts_and_legend_apart():
    """Nine paragraphs citing one general comment and long CO references: the counts 0-9 on a narrow axis."""
    many = pd.concat([citations()] + [citations().iloc[[2]].assign(para=100 + i, ref=f"CRC/C/KAZ/CO/4, para. {100 + i}")
                                      for i in range(7)], ignore_index=True)
    many.loc[0, "citation"] = "CEDAW/C/ARM/CO/5-6, paras. 27, 34, 35, 37"
    with cobs.plot.style("paper", columns=1):
        ax = cobs.plot.citations(many)
        fig = ax.figure
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
    assert bar_widths(ax)[0] == 9
    ticks = [t.get_window_extent(renderer) for t in ax.get_xticklabels() if t.get_text()]
    assert len(ticks) >= 3 and not overlapping(ticks)  # not "0123456789"
    legend = ax.get_legend().get_window_extent(renderer)
    counts = [t.get_window_extent(renderer) for t in ax.texts]
    bars = [p.get_window_extent(renderer) for p in ax.patches]
    assert len(counts) == len(bars) == 4 and not any(legend.overlaps(b) for b in counts + bars)
    assert legend.y1 < ax.xaxis.label.get_window_extent(renderer).y0 and legend.x1 <= fig.bbox.x1
    assert ax.get_window_extent(renderer).width > 0.4 * fig.bbox.width


def test_citations_need_the_ref_column():
    with pytest.raises(ValueError, match=r"lacks the column\(s\) \['ref'\] of a citation table from cobs.citations"):
        cobs.plot.citations(citations().drop(columns="ref"))
    with pytest.raises(ValueError, match="types must be 'general_comment', 'previous', .* got 'treaty'"):
        cobs.plot.citations(citations(), types=["treaty"])


def test_the_citation_table_cites_its_rows(seed_doc):
    table = cobs.citations(seed_doc.paragraphs)
    assert table.columns.tolist() == ["symbol", "para", "sub", "ref", "type", "citation"]
    # para. 7 lists the 2007 recommendations not implemented (CRC/C/KAZ/CO/3)
    row = table[(table["type"] == "previous") & (table["para"] == 7)].iloc[0]
    assert row["ref"] == "CRC/C/KAZ/CO/4, para. 7" and row["citation"].startswith("CRC/C/KAZ/CO/3")


# cycle_changes (the contract of cobs.compare.align) -------------------------------------------------------------

def aligned():
    return pd.DataFrame({
        "earlier_symbol": "CRPD/C/AZE/CO/1", "later_symbol": "CRPD/C/AZE/CO/2-3",
        "theme": ["accessibility", "accessibility", "accessibility", "education", "education", "health"],
        "status": ["repeated", "modified", "new", "modified", "dropped", "new"],
        "change": ["escalated", "softened", None, "softened", None, None],
        "earlier_ref": ["CRPD/C/AZE/CO/1, para. 19", "CRPD/C/AZE/CO/1, para. 21", None,
                        "CRPD/C/AZE/CO/1, para. 41", "CRPD/C/AZE/CO/1, para. 43", None],
        "later_ref": ["CRPD/C/AZE/CO/2-3, para. 20 (a)", "CRPD/C/AZE/CO/2-3, para. 20 (b)",
                      "CRPD/C/AZE/CO/2-3, para. 20 (c)", "CRPD/C/AZE/CO/2-3, para. 44", None,
                      "CRPD/C/AZE/CO/2-3, para. 46"],
    })


def test_cycle_changes_stacks_statuses_and_marks_escalations_and_softenings():
    ax, data = cobs.plot.cycle_changes(aligned(), return_data=True)
    assert tick_texts(ax.yaxis) == ["accessibility", "education", "health"]
    assert ax.get_title() == "CRPD/C/AZE/CO/1 → 2-3"
    assert legend_texts(ax) == ["repeated", "modified", "new", "dropped", "escalated (stronger verb)",
                                "softened (weaker verb)"]
    drawn = [(round(p.get_y() + p.get_height() / 2), p.get_width()) for p in ax.patches if p.get_width() > 0]
    assert sorted(drawn) == [(0, 1), (0, 1), (0, 1), (1, 1), (1, 1), (2, 1)]
    counts = sorted((round(float(t.xy[1])), t.get_text()) for t in ax.texts)
    assert counts == [(0, "1"), (0, "1"), (1, "1")]  # accessibility ▲1 ▼1, education ▼1
    marks = sorted((round(float(line.get_ydata()[0])), line.get_marker()) for line in ax.get_lines())
    assert marks == [(0, "^"), (0, "v"), (1, "v")]
    bars = data[data["dimension"] == "status"]
    row = bars[(bars["theme"] == "accessibility") & (bars["category"] == "repeated")].iloc[0]
    assert row["refs"] == ["CRPD/C/AZE/CO/1, para. 19 → CRPD/C/AZE/CO/2-3, para. 20 (a)"]
    softened = data[(data["dimension"] == "change") & (data["category"] == "softened") & (data["count"] > 0)]
    assert softened["theme"].tolist() == ["accessibility", "education"]
    # the unit, as align's level gives it: lettered items in the later refs, so the items were aligned
    assert ax.get_xlabel() == "Links and unmatched recommendation items"
    paragraphs = aligned().assign(later_ref=lambda t: t["later_ref"].str.replace(r" \(\w\)$", "", regex=True))
    assert cobs.plot.cycle_changes(paragraphs).get_xlabel() == "Links and unmatched recommendation paragraphs"
    subs = paragraphs.assign(earlier_sub="", later_sub=["a", "", "", "", "", ""])  # align's own columns decide
    assert cobs.plot.cycle_changes(subs).get_xlabel() == "Links and unmatched recommendation items"


def test_cycle_changes_in_one_column_keeps_marks_off_their_counts_and_the_bars_wide():
    wide = aligned().assign(theme=lambda t: t["theme"].replace(
        {"health": "situations of risk and humanitarian emergencies"}))
    wide = pd.concat([wide, wide.iloc[:1].assign(change="escalated", status="modified"),
                      wide.iloc[:1].assign(change="softened")] + [wide.iloc[:1]] * 10, ignore_index=True)
    for table in (wide, aligned()):  # counts of two digits and one after the longest bar
        with cobs.plot.style("paper", columns=1):  # drawn in the style, as savefig in the block would
            ax = cobs.plot.cycle_changes(table)
            fig = ax.figure
            fig.canvas.draw()
            renderer = fig.canvas.get_renderer()
        figure, axes = fig.bbox, ax.get_window_extent(renderer)
        assert axes.width > 0.45 * figure.width  # the bars have half of a column, not a sliver beside the legend
        marks, counts = extents(ax.get_lines(), renderer), extents(ax.texts, renderer)
        bars = extents([p for p in ax.patches if p.get_width() > 0], renderer)
        assert len(marks) == len(counts) >= 3
        drawn = marks + counts
        for i, a in enumerate(drawn):  # no mark or count on another, nor on a bar
            assert not any(a.overlaps(b) for b in drawn[i + 1:]), a
            assert not any(a.overlaps(b) for b in bars), a
        for mark, count in zip(marks, counts, strict=True):  # each count right after its mark, on its row
            assert mark.x1 < count.x0 < mark.x1 + 4 and count.y0 < (mark.y0 + mark.y1) / 2 < count.y1
        legend = ax.get_legend().get_window_extent(renderer)
        assert legend.y1 < ax.xaxis.label.get_window_extent(renderer).y0  # the legend under the axis label
        assert figure.x0 <= legend.x0 and legend.x1 <= figure.x1 and legend.y0 >= figure.y0
        assert all(figure.x0 <= b.x0 and b.x1 <= figure.x1 for b in drawn)  # inside the figure


def test_cycle_changes_by_pair_draws_a_panel_each_with_its_own_counts():
    nzl = aligned().assign(earlier_symbol="CRPD/C/NZL/CO/1", later_symbol="CRPD/C/NZL/CO/2-3").iloc[[0, 5]]
    nzl = nzl.assign(theme=["health", "health"], earlier_ref=["CRPD/C/NZL/CO/1, para. 5", None],
                     later_ref=["CRPD/C/NZL/CO/2-3, para. 6", "CRPD/C/NZL/CO/2-3, para. 8"])
    ax, data = cobs.plot.cycle_changes(pd.concat([aligned(), nzl]), by="later_symbol", return_data=True)
    panels = ax.figure.axes
    assert [panel.get_title() for panel in panels] == ["CRPD/C/AZE/CO/1 → 2-3",
                                                       "CRPD/C/NZL/CO/1 → 2-3"]
    assert tick_texts(panels[0].yaxis) == ["accessibility", "health", "education"]  # most requests over both first
    alone = cobs.plot.cycle_changes(aligned(), return_data=True).data
    mine = data[data["later_symbol"] == "CRPD/C/AZE/CO/2-3"].drop(columns="later_symbol")
    # AZE's panel: its own figure's rows, in the order of the grid's theme axis
    assert sorted(mine.map(str).values.tolist()) == sorted(alone.map(str).values.tolist())
    health = data[(data["later_symbol"] == "CRPD/C/NZL/CO/2-3") & (data["count"] > 0) & data["category"].notna()]
    assert health[["theme", "category", "count"]].values.tolist() == [["health", "repeated", 1], ["health", "new", 1],
                                                                      ["health", "escalated", 1]]
    assert [t.get_text() for t in panels[1].texts] == ["1"]  # NZL's escalation, beside its health bar
    assert [t.get_text() for t in ax.figure.legends[0].get_texts()][:4] == list(cobs.plot.STATUSES)


def test_cycle_changes_can_keep_the_top_and_count_the_others_in_one_bar():
    ax, data = cobs.plot.cycle_changes(aligned(), top=1, others=True, return_data=True)
    assert tick_texts(ax.yaxis) == ["accessibility", "2 other themes"]
    assert ax.get_ylabel() == "Theme (1 most frequent of 3; the others in one bar)"
    bars = data[data["dimension"] == "status"]
    whole = cobs.plot.cycle_changes(aligned(), return_data=True).data
    assert bars["count"].sum() == whole.loc[whole["dimension"] == "status", "count"].sum() == 6
    other = bars[(bars["theme"] == "2 other themes") & (bars["count"] > 0)]
    # education's modified and dropped paragraphs, health's new one
    assert dict(zip(other["category"], other["count"], strict=True)) == {"modified": 1, "new": 1, "dropped": 1}
    marks = sorted((round(float(line.get_ydata()[0])), line.get_marker()) for line in ax.get_lines())
    assert marks == [(0, "^"), (0, "v"), (1, "v")]  # education's softening now on the others' bar
    assert cobs.plot.cycle_changes(aligned(), top=1).get_ylabel() == "Theme (1 most frequent of 3)"
    assert cobs.plot.cycle_changes(aligned()).get_ylabel() == ""  # all drawn: no label, as before


def test_cycle_changes_checks_the_alignment():
    with pytest.raises(ValueError, match="unknown status 'moved'"):
        cobs.plot.cycle_changes(aligned().assign(status="moved"))
    with pytest.raises(ValueError, match=r"lacks the column\(s\) \['change'\].*cobs.compare.align\(\)"):
        cobs.plot.cycle_changes(aligned().drop(columns="change"))


# keyness (the contract of cobs.compare.keyness) -----------------------------------------------------------------

def keyness_table():
    return pd.DataFrame({
        "term": ["juvenile justice", "accessibility", "corporal punishment", "legal capacity", "birth registration"],
        "target_count": [12, 0, 8, 1, 3], "reference_count": [1, 40, 0, 35, 2],
        "g2": [30.1, 28.0, 22.5, 20.0, 0.8], "p_value": [1e-7, 1e-6, 2e-6, 1e-5, 0.37],
        "log_ratio": [3.2, -2.5, 2.9, -2.2, 0.6], "direction": ["target", "reference", "target", "reference", "target"],
    })


def test_keyness_bars_point_to_the_side_a_term_belongs_to():
    ax, data = cobs.plot.keyness(keyness_table(), labels=("CRC", "CRPD"), return_data=True)
    assert tick_texts(ax.yaxis) == ["juvenile justice", "corporal punishment", "birth registration",
                                    "legal capacity", "accessibility"]
    assert bar_widths(ax) == [3.2, 2.9, 0.6, -2.2, -2.5]
    assert legend_texts(ax) == ["more in CRC", "more in CRPD", "p ≥ 0.05"]
    assert [p.get_alpha() for p in ax.patches] == [None, None, 0.35, None, None]  # not significant: pale
    assert ax.get_xlabel().startswith("Log ratio")
    assert data["term"].tolist() == tick_texts(ax.yaxis)
    ax = cobs.plot.keyness(keyness_table(), top=1)
    assert tick_texts(ax.yaxis) == ["juvenile justice", "accessibility"]
    with pytest.raises(ValueError, match="direction must be 'target' or 'reference'"):
        cobs.plot.keyness(keyness_table().assign(direction="both"))


def test_keyness_draws_only_the_terms_that_survive_the_adjustment_and_says_when_none_does():
    table = keyness_table().assign(q_value=[1e-6, 2e-5, 0.2, 0.04, 0.5])
    ax, data = cobs.plot.keyness(table, return_data=True)
    assert tick_texts(ax.yaxis) == ["juvenile justice", "legal capacity", "accessibility"]  # strongest outside
    assert [p.get_alpha() for p in ax.patches] == [None, None, None] and data["q_value"].max() < 0.05
    ax = cobs.plot.keyness(table.assign(q_value=0.3))
    assert len(ax.patches) == 0 and texts_of(ax) == [
        "nothing to draw: no term with q < 0.05 (Benjamini-Hochberg, 5 terms tested)"]


@pytest.mark.parametrize("empty", ["reference", "target"])
@pytest.mark.parametrize(("paper", "labels", "top"), [
    (False, ("CRC", "CRPD"), 10), (True, ("Kazakhstan", "the other States parties of the same years"), 1)])
def test_keyness_says_a_side_without_term_in_its_own_half_off_the_zero_line(empty, paper, labels, top):
    """Issue 20: the text saying that a side has no term crossed the zero line (drawn across the middle of the
    Axes); then it was not said at all, a side was only missing. Now it is in that side's half, and its drawn extent
    meets neither the zero line nor a bar, nor leaves the Axes, in either style and with a long label."""
    table = keyness_table().assign(q_value=[1e-6, 2e-5, 1e-4, 2e-4, 0.5])
    table.loc[table["direction"] == empty, "q_value"] = 0.3  # no term of that side survives the adjustment
    with cobs.plot.style("paper") if paper else matplotlib.rc_context():
        ax = cobs.plot.keyness(table, labels=labels, top=top)
        fig = ax.figure
        for dpi in (None, 300):  # as shown, and as saved (the text is fitted again to the layout it is drawn in)
            if dpi is not None:
                fig.set_dpi(dpi)
            fig.canvas.draw()
            renderer = fig.canvas.get_renderer()
            (said,) = [a for a in ax.get_children() if isinstance(a, mpl.text.Text) and "no term" in a.get_text()]
            other = labels[0] if empty == "target" else labels[1]
            assert said.get_text().replace("\n", " ") == f"no term more in {other} with q\u00a0<\u00a00.05"
            text = said.get_window_extent(renderer)
            (zero,) = ax.lines
            line = zero.get_window_extent(renderer)
            assert text.x0 > line.x1 if empty == "target" else text.x1 < line.x0  # its own half, off the line
            bars = [p.get_window_extent(renderer) for p in ax.patches]
            assert bars and not any(text.overlaps(bar) for bar in bars)
            box = ax.get_window_extent(renderer)
            assert box.x0 <= text.x0 and text.x1 <= box.x1 and box.y0 <= text.y0 and text.y1 <= box.y1
        lo, hi = ax.get_xlim()
        assert lo == pytest.approx(-hi)  # the empty half has as much room as the other
        plt.close(fig)


# change (the contract of cobs.compare.change) ---------------------------------------------------------------------

def change_table():
    rows = [("strength_group", "weak", -0.06, -0.02, -0.3, 0.2), ("strength_group", "strong", 0.22, 0.11, -0.04, 0.26),
            ("specificity", None, 0.22, 0.01, -0.6, 0.6), ("time_bound", None, -0.03, -0.05, -0.09, -0.01),
            ("theme", "education", -0.05, -0.06, -0.18, 0.06), ("repetition", None, 0.58, -0.08, float("nan"),
                                                               float("nan"))]
    return pd.DataFrame([{"step": 1, "measure": m, "category": c, "state_change": s, "difference": d, "ci_low": lo,
                          "ci_high": hi, "earlier_symbol": "CRPD/C/AZE/CO/1", "later_symbol": "CRPD/C/AZE/CO/2-3",
                          "confidence_level": 0.95} for m, c, s, d, lo, hi in rows])


def test_change_draws_the_net_change_with_its_interval_and_the_raw_change_beside_it():
    ax, data = cobs.plot.change(change_table(), return_data=True)
    assert tick_texts(ax.yaxis) == ["verb: weak", "verb: strong", "specificity (mean 0-4)", "time-bound",
                                    "repeated from the earlier CO"]  # the themes on request only
    net = ax.containers[0].lines[0].get_xdata().tolist()  # the errorbar's points: the rows with an interval
    assert net == [-0.02, 0.11, 0.01, -0.05]
    raw = [line for line in ax.lines if line.get_markerfacecolor() == "white"][0]
    assert raw.get_xdata().tolist() == [-0.06, 0.22, 0.22, -0.03, 0.58]
    assert legend_texts(ax)[0] == "net of the committee's drift (95 % interval)"
    assert data["measure"].tolist() == ["strength_group", "strength_group", "specificity", "time_bound", "repetition"]
    ax = cobs.plot.change(change_table(), measures=["theme"])
    assert tick_texts(ax.yaxis) == ["theme: education"]
    with pytest.raises(ValueError, match="step must be a step of the table"):
        cobs.plot.change(change_table(), step=2)
    with pytest.raises(ValueError, match="measures must be"):
        cobs.plot.change(change_table(), measures=["colour"])


def test_change_cuts_an_interval_at_what_the_net_change_can_be_and_says_so():
    """A share's net change is its raw change less the committee's, which lies in [-1, 1]: CRPD/C/AZE/CO/2-3's
    strong verbs had an interval of -1.24 to 1.45 around a raw change of 0.22 (two COs a side), drawn as given."""
    table = change_table()
    table.loc[1, ["ci_low", "ci_high"]] = [-1.24, 1.45]
    table.loc[3, ["ci_low", "ci_high"]] = [-0.09, 1.01]  # time-bound: raw change -0.03, so at most 0.97
    ax, data = cobs.plot.change(table, return_data=True)
    strong, timed = data.iloc[1], data.iloc[3]
    assert strong[["ci_low", "ci_high"]].tolist() == [-1.24, 1.45]  # the table's interval, kept
    assert strong[["ci_low_drawn", "ci_high_drawn"]].tolist() == pytest.approx([0.22 - 1, 0.22 + 1])
    assert timed[["ci_low_drawn", "ci_high_drawn"]].tolist() == pytest.approx([-0.09, 0.97])
    assert data["ci_cut"].tolist() == [False, True, False, True, False]
    bars = ax.containers[0].lines[2][0].get_segments()  # the errorbar's lines, the rows with an interval
    assert [tuple(np.round(segment[:, 0], 6)) for segment in bars][1] == (-0.78, 1.22)
    cut = sorted(x for line in ax.lines if line.get_marker() == "|" and line.get_color() == cobs.plot.OKABE_ITO[3]
                 for x in line.get_xdata())  # the caps are bars too, in the interval's colour
    assert cut == pytest.approx([-0.78, 0.97, 1.22])  # the cut ends marked, not the others
    assert legend_texts(ax)[-1] == "interval cut at the possible range (|: a cut end)"
    assert "interval cut" not in " ".join(legend_texts(cobs.plot.change(change_table())))  # none cut: not said
    # specificity is a mean of 0-4 (within 4 of the raw change), repetition a rate (the committee's mean in [0, 1])
    table = change_table()
    table.loc[2, ["ci_low", "ci_high"]] = [-3.9, 4.3]
    table.loc[5, ["ci_low", "ci_high"]] = [-0.5, 0.7]
    data = cobs.plot.change(table, return_data=True).data.set_index("measure")
    assert data.loc["specificity", ["ci_low_drawn", "ci_high_drawn"]].tolist() == pytest.approx([-3.78, 4.22])
    assert data.loc["repetition", ["ci_low_drawn", "ci_high_drawn"]].tolist() == pytest.approx([-0.42, 0.58])


def pairs_of_change():
    """change_table() for two States' pairs of cycles, as the report concatenates them."""
    nzl = change_table().assign(earlier_symbol="CRPD/C/NZL/CO/1", later_symbol="CRPD/C/NZL/CO/2-3",
                                difference=lambda t: -t["difference"])
    return pd.concat([change_table(), nzl], ignore_index=True)


def test_change_forest_draws_a_row_per_pair_and_a_panel_per_measure():
    ax, data = cobs.plot.change_forest(pairs_of_change(), return_data=True)
    panels = ax.figure.axes
    assert [panel.get_title().replace("\n", " ") for panel in panels] == [
        "verb: strong", "specificity (mean 0-4)", "time-bound", "repeated from the earlier CO"]
    assert tick_texts(panels[0].yaxis) == ["CRPD/C/AZE/CO/1 → 2-3", "CRPD/C/NZL/CO/1 → 2-3"]
    assert all(not tick_texts(panel.yaxis) for panel in panels[1:])  # the pairs once, at the left
    assert data[["measure", "later_symbol", "difference"]].values.tolist() == [
        ["strength_group", "CRPD/C/AZE/CO/2-3", 0.11], ["strength_group", "CRPD/C/NZL/CO/2-3", -0.11],
        ["specificity", "CRPD/C/AZE/CO/2-3", 0.01], ["specificity", "CRPD/C/NZL/CO/2-3", -0.01],
        ["time_bound", "CRPD/C/AZE/CO/2-3", -0.05], ["time_bound", "CRPD/C/NZL/CO/2-3", 0.05],
        ["repetition", "CRPD/C/AZE/CO/2-3", -0.08], ["repetition", "CRPD/C/NZL/CO/2-3", 0.08]]
    net = panels[0].containers[0].lines[0]  # AZE's dot on the first row (y 0), NZL's on the second
    assert net.get_xdata().tolist() == [0.11, -0.11] and net.get_ydata().tolist() == pytest.approx([-0.12, 0.88])
    assert [t.get_text() for t in ax.figure.legends[0].get_texts()][0] == "net of the committee's drift (95 % interval)"
    ax = cobs.plot.change_forest(pairs_of_change(), measures=[("strength_group", "weak"), ("theme", "education")])
    assert [panel.get_title() for panel in ax.figure.axes] == ["verb: weak", "theme: education"]
    with pytest.raises(ValueError, match=r"measure 'theme' has no category None .* \['education'\]"):
        cobs.plot.change_forest(pairs_of_change(), measures=["theme"])
    with pytest.raises(ValueError, match="measures must be"):
        cobs.plot.change_forest(pairs_of_change(), measures=["colour"])
    with pytest.raises(ValueError, match="has no category 'middle'"):
        cobs.plot.change_forest(pairs_of_change(), measures=[("strength_group", "middle")])
    with pytest.raises(ValueError, match="ax must be None"):
        cobs.plot.change_forest(pairs_of_change(), ax=plt.subplots()[1])
    fig, mine = plt.subplots()  # one measure: on the Axes given
    assert cobs.plot.change_forest(pairs_of_change(), measures=["time_bound"], ax=mine) is mine


def test_keyness_draws_tied_terms_in_the_order_of_the_keyness_table():
    # three terms of one G2 in exact arithmetic, computed a bit apart (cobs.compare.keyness: mirrored counts): drawn
    # by term, as keyness orders them, not by their last bits
    g2 = 4.857470
    table = pd.DataFrame({"term": ["alpha", "beta", "omega", "delta"], "target_count": [3, 3, 0, 2],
                          "reference_count": [0, 0, 3, 5], "g2": [g2, g2, np.nextafter(g2, 9), 2.35],
                          "p_value": [0.03, 0.03, 0.03, 0.13], "log_ratio": [2.8, 2.8, -2.8, -1.3],
                          "direction": ["target", "target", "reference", "reference"]})
    _, data = cobs.plot.keyness(table, top=2, return_data=True)
    assert data["term"].tolist() == ["alpha", "beta", "delta", "omega"]  # the reference's strongest at the bottom
    _, data = cobs.plot.keyness(table.iloc[::-1], top=1, return_data=True)  # any row order
    assert data["term"].tolist() == ["alpha", "omega"]


# similarity (the contract of cobs.compare.similarity) -----------------------------------------------------------

def similarity_matrix():
    names = ["CRPD/C/AZE/CO/1", "CRPD/C/MDA/CO/1", "CRPD/C/TKM/CO/1"]
    return pd.DataFrame([[1.0, 0.20, 0.33], [0.20, 1.0, 0.54], [0.33, 0.54, 1.0]], index=pd.Index(names, name="symbol"),
                        columns=pd.Index(names, name="symbol"))


def test_similarity_draws_each_pair_once_below_the_diagonal():
    ax, data = cobs.plot.similarity(similarity_matrix(), return_data=True)
    assert tick_texts(ax.yaxis) == ["CRPD/C/MDA/CO/1", "CRPD/C/TKM/CO/1"]
    assert tick_texts(ax.xaxis) == ["CRPD/C/AZE/CO/1", "CRPD/C/MDA/CO/1"]
    assert [t.get_text() for t in ax.texts] == ["0.20", "0.33", "0.54"]
    cells = ax.get_images()[0].get_array()
    assert cells.mask.tolist() == [[False, True], [False, False]]  # above the diagonal: nothing
    assert cells[1].tolist() == [0.33, 0.54] and ax.get_images()[0].norm.vmax == 0.54
    assert data.to_dict("list") == {"symbol": ["CRPD/C/MDA/CO/1", "CRPD/C/TKM/CO/1", "CRPD/C/TKM/CO/1"],
                                    "other": ["CRPD/C/AZE/CO/1", "CRPD/C/AZE/CO/1", "CRPD/C/MDA/CO/1"],
                                    "similarity": [0.20, 0.33, 0.54]}


def test_similarity_of_many_documents_shades_the_cells_without_values_too_small_to_read():
    """A hundred COs' matrix wrote 4,950 values in cells 3 points wide (26 s of a report's CPU): shaded only, every
    value in the table behind the figure; a few documents' cells keep their values."""
    rng = np.random.default_rng(0)
    names = [f"CRPD/C/X{k:02d}/CO/1" for k in range(40)]
    values = rng.uniform(0, 1, (40, 40))
    matrix = pd.DataFrame((values + values.T) / 2, index=names, columns=names)
    with cobs.plot.style("paper", columns=2):
        ax, data = cobs.plot.similarity(matrix, return_data=True)
        few = cobs.plot.similarity(matrix.iloc[:6, :6])
    assert not ax.texts and len(data) == 40 * 39 // 2
    assert len(few.texts) == 15 and few.texts[0].get_text() == f"{matrix.iloc[1, 0]:.2f}"


def test_heatmaps_of_many_documents_leave_their_numbers_to_the_table():
    """theme_heatmap and goals wrote a number in each of 1,500 cells 3 points wide for a hundred COs."""
    many = pd.concat([actions().assign(symbol=f"CRPD/C/X{k:02d}/CO/1") for k in range(60)], ignore_index=True)
    goals = pd.concat([tagged().assign(symbol=f"CRC/C/X{k:02d}/CO/1") for k in range(60)], ignore_index=True)
    with cobs.plot.style("paper", columns=2):
        ax, data = cobs.plot.theme_heatmap(many, by="symbol", return_data=True)
        assert not ax.texts and data["count"].sum() == len(many) - 60  # the themes' counts, in the table
        assert cobs.plot.theme_heatmap(actions(), by="symbol").texts  # two documents: their numbers
        turned = cobs.plot.goals(goals, by="symbol")  # a row a document since: cells wide enough for their numbers
        assert len(turned.get_yticks()) == 60 and len(turned.texts) > 0
        assert cobs.plot.goals(tagged(), by="symbol").texts


def test_similarity_needs_a_square_matrix_of_numbers():
    matrix = similarity_matrix()
    with pytest.raises(ValueError, match="square matrix with the same labels"):
        cobs.plot.similarity(matrix.iloc[:, :2])
    with pytest.raises(ValueError, match="square matrix with the same labels"):
        cobs.plot.similarity(matrix.iloc[::-1])
    with pytest.raises(ValueError, match="must hold numbers"):
        cobs.plot.similarity(matrix.astype(str))


# prevalence (the contract of cobs.topics.prevalence) ------------------------------------------------------------

def prevalence_table():
    return pd.DataFrame({
        "committee": ["CRPD"] * 4 + ["CRC"] * 4,
        "year": [2014, 2024] * 4,
        "topic": [0, 0, 1, 1] * 2,
        "label": ["0 accessibility", "0 accessibility", "1 legal capacity", "1 legal capacity"] * 2,
        "mean": [0.10, 0.14, 0.08, 0.05, 0.02, 0.03, 0.01, 0.02],
        "ci_low": [0.07, 0.11, 0.05, 0.03, 0.01, 0.02, 0.0, 0.01],
        "ci_high": [0.13, 0.17, 0.11, 0.07, 0.03, 0.04, 0.02, 0.03],
        "n": [55, 109, 55, 109, 79, 80, 79, 80],
    })


def test_prevalence_over_years_draws_a_line_and_a_band_per_topic():
    table = prevalence_table().query("committee == 'CRPD'")
    ax, data = cobs.plot.prevalence(table, return_data=True)
    assert legend_texts(ax) == ["0 accessibility", "1 legal capacity"]
    assert [line.get_ydata().tolist() for line in ax.get_lines()] == [[0.10, 0.14], [0.08, 0.05]]
    bands = ax.collections
    assert len(bands) == 2
    assert bands[0].get_paths()[0].vertices[:, 1].min() == pytest.approx(0.07)
    assert bands[0].get_paths()[0].vertices[:, 1].max() == pytest.approx(0.17)
    assert tick_texts(ax.xaxis) == ["2014", "2024"] and ax.get_ylabel() == "Topic prevalence\n(mean share of a text)"
    assert len(data) == 4
    relabelled = table.assign(label=table["label"].map({"0 accessibility": "z accessibility",
                                                         "1 legal capacity": "a legal capacity"}))
    assert legend_texts(cobs.plot.prevalence(relabelled)) == ["z accessibility", "a legal capacity"]  # topic order


def test_prevalence_by_group_for_one_topic_and_clear_errors():
    with pytest.raises(ValueError, match=r"several rows per 'year' and 'label' .*\['committee'\]"):
        cobs.plot.prevalence(prevalence_table())
    ax = cobs.plot.prevalence(prevalence_table(), hue="committee", topics=[0])
    assert legend_texts(ax) == ["CRC", "CRPD"] and ax.get_legend().get_title().get_text() == "committee"
    ax = cobs.plot.prevalence(prevalence_table().query("year == 2024"), by="committee", topics=["1 legal capacity"])
    assert tick_texts(ax.xaxis) == ["CRC", "CRPD"] and ax.get_xlabel() == "Committee"
    with pytest.raises(ValueError, match="topic 7 is not in the table"):
        cobs.plot.prevalence(prevalence_table(), hue="committee", topics=[7])


def test_prevalence_past_eight_topics_tells_them_apart_by_their_marks():
    table = pd.DataFrame([{"year": y, "topic": k, "label": f"topic {k}", "mean": 0.1, "ci_low": 0.05, "ci_high": 0.15,
                           "n": 60} for y in (2014, 2024) for k in range(10)])
    lines = cobs.plot.prevalence(table).get_lines()  # years as numbers: a line per topic
    points = [c.lines[0] for c in cobs.plot.prevalence(table.assign(year=table["year"].astype(str))).containers]
    for drawn in (lines, points):
        looks = [(matplotlib.colors.to_hex(line.get_color()), line.get_marker()) for line in drawn]
        assert len(looks) == 10 and len(set(looks)) == 10  # the ninth is blue as the first, but square
        assert looks[8][0] == looks[0][0] and looks[8][1] != looks[0][1]


def test_prevalence_by_document_keeps_long_group_labels_apart():
    symbols = [f"CRPD/C/{state}/CO/2-3" for state in ("ARM", "AZE", "BLR", "GEO", "MDA", "NZL", "TKM", "KAZ", "DEU")]
    table = pd.DataFrame([{"symbol": s, "topic": k, "label": f"topic {k}", "mean": 0.1 + k / 10, "ci_low": 0.05,
                           "ci_high": 0.3 + k / 10, "n": 60} for s in symbols for k in range(4)])
    with cobs.plot.style("paper", columns=2):
        ax = cobs.plot.prevalence(table, by="symbol")
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    labels = ax.get_xticklabels()
    assert [label.get_text() for label in labels] == sorted(symbols)
    # level, they would overlap; slanted, neighbouring labels are parallel strips whose distance apart (the ticks'
    # spacing times the sine of the slant) exceeds a line of text
    ticks = ax.transData.transform([(x, 0) for x in ax.get_xticks()])[:, 0]
    spacing = float(np.diff(ticks).min())
    slant = np.radians(labels[0].get_rotation())
    height = labels[0].get_fontsize() * ax.figure.dpi / 72
    box = max(label.get_window_extent(renderer).width for label in labels)
    assert (box - 1.5 * height * np.sin(slant)) / np.cos(slant) > spacing  # the text is longer than the spacing
    assert spacing * np.sin(slant) > 1.2 * height
    short = cobs.plot.prevalence(prevalence_table().query("year == 2024"), by="committee", topics=[0])
    assert all(label.get_rotation() == 0 for label in short.get_xticklabels())  # short labels stay level


def twelve_topics(years):
    labels = ["children / community / support", "discrimination / accommodation / reasonable",
              "health / treatment / care", "women / violence / girls", "language / sign / communication",
              "decision making / supported / legal", "education / inclusive / quality",
              "data / disaggregated / collection", "independent / monitoring / mechanism",
              "cooperation / international / development", "risk / disaster / reduction", "marrakesh / treaty / ratify"]
    return pd.DataFrame([{"year": y, "topic": k, "label": label, "mean": 0.02 + k / 100, "ci_low": 0.01 + k / 100,
                          "ci_high": 0.04 + k / 100, "n": 50} for y in years for k, label in enumerate(labels)])


@pytest.mark.parametrize("years", [
    [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025],  # every year: "20162017" before
    [2014, 2015, 2017, 2022, 2023, 2024],  # the bundled CRPD COs' years
])
def test_prevalence_of_twelve_topics_in_one_column_is_readable(years):
    for x in (years, [str(y) for y in years]):  # years as numbers (lines) and as groups (points)
        with cobs.plot.style("paper", columns=1):  # drawn in the style, as savefig in the block would
            ax = cobs.plot.prevalence(twelve_topics(x))
            fig = ax.figure
            fig.canvas.draw()
            renderer = fig.canvas.get_renderer()
        ticks = [t for t in ax.get_xticklabels() if t.get_text()]
        assert len(ticks) >= 4 and not overlapping([t.get_window_extent(renderer) for t in ticks])
        if isinstance(x[0], int):  # a tick mark at every year drawn, a label at those that fit
            assert sorted([*ax.xaxis.get_majorticklocs(), *ax.xaxis.get_minorticklocs()]) == years
            assert [t.get_text() for t in ticks][0] == "2014" and ticks[-1].get_text() == str(years[-1])
        figure, axes = fig.bbox, ax.get_window_extent(renderer)
        legend = ax.get_legend().get_window_extent(renderer)
        assert len(ax.get_legend().get_texts()) == 12
        assert axes.width > 0.7 * figure.width  # the legend does not take half of the width
        assert legend.y1 < ax.xaxis.label.get_window_extent(renderer).y0  # it is below, under the axis label
        assert figure.x0 <= legend.x0 and legend.x1 <= figure.x1 and figure.y0 <= legend.y0  # in the figure
        assert axes.height > 1.2 * fig.dpi  # and the plot keeps an inch and more of height


# select_k (the contract of cobs.topics.select_k) ---------------------------------------------------------------

def select_k_table():
    return pd.DataFrame({"k": [5, 10, 15], "n_topics": [5, 10, 15], "coherence": [0.12, 0.09, 0.05],
                         "coherence_sd": [0.01, 0.02, 0.02], "exclusivity": [0.6, 0.7, 0.75],
                         "exclusivity_sd": [0.03, 0.02, 0.02], "stability": [0.8, 0.55, 0.5],
                         "stability_sd": [0.05, 0.1, 0.1]})


def test_select_k_draws_a_line_per_measure_with_its_spread():
    ax, data = cobs.plot.select_k(select_k_table(), return_data=True)
    assert legend_texts(ax) == ["NPMI coherence (held-apart texts)", "exclusivity", "stability across seeds"]
    lines = [bars.lines[0].get_ydata().tolist() for bars in ax.containers]  # each errorbar's line
    assert lines == [[0.12, 0.09, 0.05], [0.6, 0.7, 0.75], [0.8, 0.55, 0.5]]
    assert tick_texts(ax.xaxis) == ["5", "10", "15"] and ax.get_xlabel() == "Number of topics (k)"
    assert data.query("k == 10 and measure == 'stability'")["sd"].item() == 0.1
    wide = select_k_table()  # the long form, as cobs.topics.select_k(shape="long") gives it, draws the same
    long = pd.DataFrame([{"k": row["k"], "measure": m, "value": row[m], "sd": row[f"{m}_sd"]}
                         for _, row in wide.iterrows() for m in ("coherence", "exclusivity", "stability")])
    again = cobs.plot.select_k(long)
    assert [bars.lines[0].get_ydata().tolist() for bars in again.containers] == lines
    with pytest.raises(ValueError, match="none of the columns 'coherence'"):
        cobs.plot.select_k(pd.DataFrame({"k": [5], "score": [1.0]}))


# confusion ----------------------------------------------------------------------------------------------------------

def test_confusion_shades_by_row_and_writes_the_counts():
    table = cobs.confusion_table([3, 4, 4, 5, 5, 5], [3, 4, 5, 5, 5, 4])
    ax, data = cobs.plot.confusion(table, return_data=True)
    assert [t.get_text() for t in ax.texts] == ["1", "0", "0", "0", "1", "1", "0", "1", "2"]
    assert ax.get_images()[0].get_array()[2].tolist() == pytest.approx([0, 1 / 3, 2 / 3])
    assert ax.get_xlabel() == "Predicted" and ax.get_ylabel() == "Reference"
    assert data.query("true == 5 and predicted == 5")["value"].item() == 2
    with pytest.raises(ValueError, match="expected a table of numbers"):
        cobs.plot.confusion(pd.DataFrame({"a": ["x"]}))


# groups of persons and goals ---------------------------------------------------------------------------------------

def tagged():
    """Seven actions of three CRC COs (two of 2015, one of 2019) with their groups and goals, as cobs.measure gives."""
    return pd.DataFrame({
        "symbol": ["CRC/C/KAZ/CO/4"] * 3 + ["CRC/C/UZB/CO/3-4"] * 2 + ["CRC/C/KAZ/CO/5-6"] * 2,
        "committee": "CRC", "state": ["KAZ"] * 3 + ["UZB"] * 2 + ["KAZ"] * 2,
        "cycle": ["4"] * 3 + ["3-4"] * 2 + ["5-6"] * 2, "cycle_first": [4, 4, 4, 3, 3, 5, 5],
        "year": [2015, 2015, 2015, 2016, 2016, 2019, 2019],
        "ref": ["K4 1", "K4 2", "K4 3", "U 1", "U 2", "K5 1", "K5 2"],
        "groups": [["Children", "Children in vulnerable situations", "Youth & juveniles"], ["Children"],
                   ["Children", "Women & girls"], ["Children", "Migrants"], ["Children", "Women & girls"],
                   ["Children", "Migrants"], ["Children"]],
        "sdgs": [[16], [4, 10], [5, 16], [10], [], [16], [8, 16]],
    })


def test_groups_sets_a_co_beside_its_committees_cos_of_the_same_years():
    ax, data = cobs.plot.groups(tagged(), symbol="CRC/C/KAZ/CO/4", return_data=True)
    # the base group (Children, on every action) is not drawn; UZB (2016) is the comparison, KAZ's 2019 CO is not
    assert "Children" not in set(data["category"])
    drawn = data.set_index(["category", "side"])
    assert drawn.loc[("Women & girls", "document"), ["count", "n"]].tolist() == [1, 3]
    assert drawn.loc[("Women & girls", "reference"), "share"] == 0.5
    assert drawn.loc[("Women & girls", "reference"), "refs"] == ["U 2"]
    assert drawn.loc[("Migrants", "reference"), "symbols"] == ["CRC/C/UZB/CO/3-4"]
    assert tick_texts(ax.yaxis)[0] == "Women & girls"  # the largest share first
    assert ax.get_legend().get_title().get_text() == "Not drawn: Children, on every action"
    assert "CRC/C/KAZ/CO/4 (n\u00a0=\u00a03)" in legend_texts(ax)
    same_year = cobs.plot.groups(tagged(), symbol="CRC/C/KAZ/CO/4", years=0, return_data=True).data
    assert set(same_year["side"]) == {"document"}  # no other CRC CO of 2015 in the table: no bar, no entry
    alone = cobs.plot.groups(tagged(), symbol="CRC/C/KAZ/CO/4", years=0)
    assert legend_texts(alone) == ["CRC/C/KAZ/CO/4 (n\u00a0=\u00a03)"] and len(alone.patches) == 3
    with pytest.raises(ValueError, match="pass symbol"):
        cobs.plot.groups(tagged())
    with pytest.raises(ValueError, match="years must be"):
        cobs.plot.groups(tagged(), symbol="CRC/C/KAZ/CO/4", years=-1)


def test_groups_of_several_cos_draws_a_panel_each_against_its_own_committee():
    ax, data = cobs.plot.groups(tagged(), symbol=["CRC/C/KAZ/CO/4", "CRC/C/KAZ/CO/5-6"], return_data=True)
    panels = ax.figure.axes
    assert [p.get_title().split("\n")[0] for p in panels] == ["CRC/C/KAZ/CO/4", "CRC/C/KAZ/CO/5-6"]
    assert panels[0].get_title() == "CRC/C/KAZ/CO/4\nn\u00a0=\u00a03; 1 other, 2014-2016, n\u00a0=\u00a02"
    assert panels[1].get_title() == "CRC/C/KAZ/CO/5-6\nn\u00a0=\u00a02"  # no other CRC CO of 2018-2020
    for symbol in ("CRC/C/KAZ/CO/4", "CRC/C/KAZ/CO/5-6"):  # each panel's data: the CO's own figure's
        alone = cobs.plot.groups(tagged(), symbol=symbol, return_data=True).data
        mine = data[data["panel"] == symbol].drop(columns="panel")
        assert set(alone["category"]) <= set(mine["category"])
        mine = mine[mine["category"].isin(alone["category"])]
        assert mine.astype(str).values.tolist() == alone.astype(str).values.tolist()
    # the largest share in any panel first: 50 % (women and girls in UZB's CO, migrants in KAZ 5-6's)
    assert sorted(tick_texts(panels[0].yaxis)[:2]) == ["Migrants", "Women & girls"]
    assert not tick_texts(panels[1].yaxis)
    legend = ax.figure.legends[0]
    assert legend.get_title().get_text() == "Not drawn: Children, on every action"


def test_groups_by_document_draws_a_heatmap_of_shares_as_goals_does():
    """The report's groups figure for a hundred COs: one heatmap (nine figures of twelve panels took half a minute of
    drawing). Cells read from tagged(): KAZ 4 has 3 actions, one naming Women & girls; UZB 2, one each of Migrants
    and Women & girls; KAZ 5-6 2, one naming Migrants."""
    ax, data = cobs.plot.groups(tagged(), by="symbol", return_data=True)
    assert tick_texts(ax.xaxis) == ["CRC/C/KAZ/CO/4", "CRC/C/KAZ/CO/5-6", "CRC/C/UZB/CO/3-4"]  # sorted
    # the groups the most actions name first (Migrants 2, Women & girls 2: in OHCHR's order), Children not drawn
    assert tick_texts(ax.yaxis)[:2] == ["Women & girls", "Migrants"] and "Children" not in tick_texts(ax.yaxis)
    assert " ".join(ax.get_title().split()) == "Not drawn: Children (CRC), on every action of the committee"
    cell = data.set_index(["category", "symbol"])
    assert cell.loc[("Women & girls", "CRC/C/KAZ/CO/4"), ["count", "n"]].tolist() == [1, 3]
    assert cell.loc[("Migrants", "CRC/C/UZB/CO/3-4"), ["count", "n", "share"]].tolist() == [1, 2, 0.5]
    assert cell.loc[("Migrants", "CRC/C/KAZ/CO/5-6"), "refs"] == ["K5 1"]
    assert cell.loc[("Migrants", "CRC/C/KAZ/CO/4"), "count"] == 0
    image = ax.images[0].get_array()
    assert image.shape == (4, 3) and image[0, 0] == pytest.approx(1 / 3) and image.mask[1, 0]  # an empty cell: blank
    top = cobs.plot.groups(tagged(), by="state", top=1, return_data=True)
    assert tick_texts(top.ax.yaxis) == ["Women & girls"] and tick_texts(top.ax.xaxis) == ["KAZ", "UZB"]
    with pytest.raises(ValueError, match="give one of them"):
        cobs.plot.groups(tagged(), by="symbol", symbol="CRC/C/KAZ/CO/4")
    with pytest.raises(ValueError, match="leave ncols out"):
        cobs.plot.groups(tagged(), by="symbol", ncols=2)
    with pytest.raises(ValueError, match="give it with a list of COs"):
        cobs.plot.groups(tagged(), symbol="CRC/C/KAZ/CO/4", ncols=2)
    with pytest.raises(ValueError, match=r"lacks the column\(s\) \['colour'\]"):
        cobs.plot.groups(tagged(), by="colour")
    only_base = tagged().assign(groups=[["Children"]] * 7)
    assert "nothing to draw" in cobs.plot.groups(only_base, by="symbol").texts[0].get_text().lower()
    # two committees: each one's base group left out of its own actions only (a CRPD CO's children are drawn)
    crpd = pd.DataFrame({"symbol": "CRPD/C/KAZ/CO/1", "committee": "CRPD", "state": "KAZ", "year": 2024,
                         "ref": ["P 1", "P 2"], "groups": [["Persons with disabilities", "Children"],
                                                          ["Persons with disabilities"]], "sdgs": [[], []]})
    both = cobs.plot.groups(pd.concat([tagged(), crpd], ignore_index=True), by="symbol", return_data=True)
    cell = both.data.set_index(["category", "symbol"])
    assert cell.loc[("Children", "CRPD/C/KAZ/CO/1"), ["count", "n"]].tolist() == [1, 2]
    assert cell.loc[("Children", "CRC/C/KAZ/CO/4"), "count"] == 0
    assert "Persons with disabilities" not in set(both.data["category"])
    # the CRC's CO: no share of children at all (n 0, a blank cell), not 0 %: every action of it names children
    assert cell.loc[("Children", "CRC/C/KAZ/CO/4"), ["count", "n"]].tolist() == [0, 0]
    assert np.isnan(cell.loc[("Children", "CRC/C/KAZ/CO/4"), "share"])
    # a column of both committees (KAZ: two CRC COs and the CRPD's): children over the CRPD's 2 actions alone
    kaz = cobs.plot.groups(pd.concat([tagged(), crpd], ignore_index=True), by="state",
                                                   return_data=True).data.set_index(["category", "state"])
    assert kaz.loc[("Children", "KAZ"), ["count", "n"]].tolist() == [1, 2]
    assert kaz.loc[("Migrants", "KAZ"), ["count", "n"]].tolist() == [1, 7]  # 5 CRC actions and 2 CRPD ones
    # a table read back from CSV: its groups "a; b" are lists again
    read_back = tagged().assign(groups=tagged()["groups"].map("; ".join))
    assert cobs.plot.groups(read_back, by="symbol", return_data=True).data.equals(
        cobs.plot.groups(tagged(), by="symbol", return_data=True).data)
    assert " ".join(both.ax.get_title().split()) == (
        "Not drawn: Children (CRC), Persons with disabilities (CRPD), on every action of the committee")


def test_a_heatmap_of_more_documents_than_the_width_labels_is_turned(monkeypatch):
    """A hundred documents as columns were a grey band of labels on each other: past what the width holds they are
    the rows, each labelled, and the goals (or groups) the columns; the table behind the figure is the same."""
    many = pd.concat([tagged().assign(symbol=f"CRC/C/X{k:02d}/CO/1") for k in range(60)], ignore_index=True)
    for draw in (lambda: cobs.plot.goals(many, by="symbol", return_data=True),
                 lambda: cobs.plot.groups(many, by="symbol", return_data=True)):
        ax, renderer = drawn_in_style(lambda draw=draw: draw().ax, columns=2)
        assert tick_texts(ax.yaxis)[:2] == ["CRC/C/X00/CO/1", "CRC/C/X01/CO/1"] and len(tick_texts(ax.yaxis)) == 60
        assert ax.get_ylabel() == "Document" and ax.images[0].get_array().shape[0] == 60
        cells = ax.images[0].get_array()
        assert len(ax.texts) == int((cells.filled(0) > 0).sum())  # a number in each cell with actions
        assert_readable(ax, renderer)
        plt.close(ax.figure)
    import cobs.plot._groups as module

    monkeypatch.setattr(module, "HEATMAP_NUMBERS", 100)  # past it, the cells are left to the table behind
    assert len(cobs.plot.goals(many, by="symbol").texts) == 0
    few = cobs.plot.goals(many[many["symbol"].isin(["CRC/C/X00/CO/1", "CRC/C/X01/CO/1"])], by="symbol")
    assert tick_texts(few.xaxis) == ["CRC/C/X00/CO/1", "CRC/C/X01/CO/1"]  # as many as fit: the columns
    turned = cobs.plot.goals(many, by="symbol", return_data=True).data
    alone = cobs.plot.goals(many[many["symbol"] == "CRC/C/X07/CO/1"], by="symbol", return_data=True).data
    mine = turned[turned["symbol"] == "CRC/C/X07/CO/1"]
    assert mine.astype(str).values.tolist() == alone.astype(str).values.tolist()  # each document's cells its own


def test_goals_by_cycle_in_cycle_order_with_shares_per_action():
    ax, data = cobs.plot.goals(tagged().query("state == 'KAZ'"), return_data=True)
    assert tick_texts(ax.xaxis) == ["4", "5-6"]
    assert tick_texts(ax.yaxis)[0].startswith("4 Quality education")  # goals with an action, in their order
    cell = data.set_index(["category", "cycle"])
    assert cell.loc[("16", "4"), ["count", "n", "share"]].tolist() == [2, 3, 2 / 3]
    assert cell.loc[("16", "5-6"), "refs"] == ["K5 1", "K5 2"]
    assert [t.get_text() for t in ax.texts] == ["1", "1", "1", "1", "2", "2"]  # goals 4, 5, 8, 10; 16 twice


# what every figure function shares -------------------------------------------------------------------------------

CALLS = [
    lambda ax: cobs.plot.theme_profile(actions(), symbol="CRC/C/KAZ/CO/4", ax=ax),
    lambda ax: cobs.plot.mix(actions(), ax=ax),
    lambda ax: cobs.plot.theme_heatmap(actions(), ax=ax),
    lambda ax: cobs.plot.citations(citations(), ax=ax),
    lambda ax: cobs.plot.cycle_changes(aligned(), ax=ax),
    lambda ax: cobs.plot.keyness(keyness_table(), ax=ax),
    lambda ax: cobs.plot.change(change_table(), ax=ax),
    lambda ax: cobs.plot.change_forest(pairs_of_change(), measures=["time_bound"], ax=ax),
    lambda ax: cobs.plot.similarity(similarity_matrix(), ax=ax),
    lambda ax: cobs.plot.prevalence(prevalence_table().query("committee == 'CRC'"), ax=ax),
    lambda ax: cobs.plot.confusion(cobs.confusion_table([1, 2], [1, 1]), ax=ax),
    lambda ax: cobs.plot.select_k(select_k_table(), ax=ax),
    lambda ax: cobs.plot.groups(tagged(), symbol="CRC/C/KAZ/CO/4", ax=ax),
    lambda ax: cobs.plot.groups(tagged(), by="symbol", ax=ax),
    lambda ax: cobs.plot.goals(tagged(), by="symbol", ax=ax),
]


@pytest.mark.parametrize("call", CALLS)
def test_draws_on_the_axes_given_and_changes_no_setting(call):
    before = dict(mpl.rcParams)
    fig, ax = plt.subplots()
    assert call(ax) is ax
    assert dict(mpl.rcParams) == before
    assert len(plt.get_fignums()) == 1  # no figure of its own


@pytest.mark.parametrize("call", CALLS)
def test_every_figure_in_one_column_keeps_its_texts_apart_and_inside(call):
    assert_readable(*drawn_in_style(lambda: call(None)))


@pytest.mark.parametrize("call", CALLS)
def test_refuses_what_is_not_a_table(call):
    name = call.__code__.co_names
    function = getattr(cobs.plot, [n for n in name if hasattr(cobs.plot, n) and callable(getattr(cobs.plot, n))][-1])
    argument = next(iter(inspect.signature(function).parameters))  # the message names the argument: "actions"
    with pytest.raises(TypeError, match=rf"^cobs\.plot\.\w+: {argument} must be a pandas DataFrame"):
        function([1, 2, 3])


# nothing to draw: the one answer of every figure function to an empty or blank table (issue 20) ------------------

FIGURE_INPUTS = {  # a table each figure function draws (the fixtures above), and its options
    "theme_profile": lambda: (actions(), {"symbol": "CRC/C/KAZ/CO/4"}),
    "mix": lambda: (actions(), {}),
    "theme_heatmap": lambda: (actions(), {}),
    "citations": lambda: (citations(), {}),
    "cycle_changes": lambda: (aligned(), {}),
    "keyness": lambda: (keyness_table(), {}),
    "change": lambda: (change_table(), {}),
    "change_forest": lambda: (pairs_of_change(), {}),
    "similarity": lambda: (similarity_matrix(), {}),
    "prevalence": lambda: (prevalence_table().query("committee == 'CRC'"), {}),
    "select_k": lambda: (select_k_table(), {}),
    "confusion": lambda: (cobs.confusion_table([1, 2], [1, 1]), {}),
    "groups": lambda: (tagged(), {"symbol": "CRC/C/KAZ/CO/4"}),
    "goals": lambda: (tagged(), {}),
}
MATRICES = ("similarity", "confusion")  # their labels are on both axes: empty is 0 x 0


def figure_functions():
    """Every figure function of cobs.plot.__all__ (the callables but the classes, style and savefig)."""
    return sorted(name for name in cobs.plot.__all__ if callable(getattr(cobs.plot, name))
                  and not isinstance(getattr(cobs.plot, name), type) and name not in ("savefig", "style"))


def emptied(name, table, variant):
    """``table`` with no rows ("empty"; "empty_typed": as read back from Parquet, string columns) or with every value
    missing ("blank": three rows of NA, each column keeping its dtype where it can)."""
    if variant == "blank":
        return table.where(np.zeros(table.shape, dtype=bool)) if name in MATRICES else table.iloc[:0].reindex(range(3))
    empty = table.iloc[:0, :0] if name in MATRICES else table.iloc[:0]
    return empty.convert_dtypes() if variant == "empty_typed" else empty


def test_every_figure_function_has_an_input_for_the_tests_of_empty_tables():
    assert sorted(FIGURE_INPUTS) == figure_functions()  # a new figure function needs its table here


@pytest.mark.parametrize("variant", ["empty", "empty_typed", "blank"])
@pytest.mark.parametrize("name", figure_functions())
def test_a_figure_of_an_empty_or_blank_table_is_an_empty_axes_saying_nothing_to_draw(name, variant):
    table, options = FIGURE_INPUTS[name]()
    given = emptied(name, table, variant)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nor a warning of pandas, numpy or matplotlib
        ax = getattr(cobs.plot, name)(given, **options)
        fig, mine = plt.subplots()
        plotted = getattr(cobs.plot, name)(given, **options, ax=mine, return_data=True)
    assert isinstance(ax, mpl.axes.Axes) and plotted.ax is mine
    for axes in (ax, mine):
        texts = [t.get_text() for t in axes.texts]
        assert len(texts) == 1 and texts[0].startswith("nothing to draw: "), texts
        assert not axes.patches and not axes.lines and not axes.images and not axes.collections
        assert not axes.get_xticks().size and not axes.get_yticks().size
    why = texts[0].replace("\n", " ")
    assert ("has no" in why or "have no" in why or "is missing" in why) if variant == "blank" else "no" in why
    assert isinstance(plotted.data, pd.DataFrame) and plotted.data.empty
    ax.figure.canvas.draw()  # and it draws


GRIDS = {  # the figures of small multiples, a panel per document or pair: a table each draws, and its options
    "theme_profile": lambda: (actions(), {"by": "symbol", "hue": "strength"}),
    "cycle_changes": lambda: (pd.concat([aligned(), aligned().assign(later_symbol="CRPD/C/AZE/CO/4")]),
                              {"by": "later_symbol"}),
    "groups": lambda: (tagged(), {"symbol": ["CRC/C/KAZ/CO/4", "CRC/C/UZB/CO/3-4"]}),
    "change_forest": lambda: (pairs_of_change(), {}),
}


@pytest.mark.parametrize("variant", ["empty", "empty_typed", "blank"])
@pytest.mark.parametrize("name", sorted(GRIDS))
def test_a_grid_of_an_empty_or_blank_table_is_an_empty_axes_saying_nothing_to_draw(name, variant):
    table, options = GRIDS[name]()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax, data = getattr(cobs.plot, name)(emptied(name, table, variant), **options, return_data=True)
    assert texts_of(ax)[0].startswith("nothing to draw: ") and len(ax.figure.axes) == 1
    assert data.empty


@pytest.mark.parametrize("name", sorted(GRIDS))
def test_every_grid_keeps_its_texts_apart_and_inside(name):
    table, options = GRIDS[name]()
    ax, renderer = drawn_in_style(lambda: getattr(cobs.plot, name)(table, **options), columns=2)
    assert len(ax.figure.axes) >= 2
    assert_readable(ax, renderer)


def _as_align_gives_it(table):
    """align() leaves a new recommendation's earlier_symbol and a dropped one's later_symbol empty."""
    return table.assign(earlier_symbol=table["earlier_symbol"].where(table["status"] != "new"),
                        later_symbol=table["later_symbol"].where(table["status"] != "dropped"))


def test_a_grid_of_cycles_keeps_the_dropped_paragraphs_of_each_pair():
    """by="later_symbol" read align()'s empty later_symbol of a dropped paragraph as no pair: every "dropped" bar
    was left out of the grid without a word. Each panel must be its pair's own figure."""
    pairs = pd.concat([_as_align_gives_it(aligned()),
                       _as_align_gives_it(aligned().assign(earlier_symbol="CRPD/C/NZL/CO/1",
                                                           later_symbol="CRPD/C/NZL/CO/2-3"))], ignore_index=True)
    _, data = cobs.plot.cycle_changes(pairs, by="later_symbol", return_data=True)
    alone = cobs.plot.cycle_changes(_as_align_gives_it(aligned()), return_data=True).data
    mine = data[data["later_symbol"] == "CRPD/C/AZE/CO/2-3"].drop(columns="later_symbol")
    assert sorted(mine.map(str).values.tolist()) == sorted(alone.map(str).values.tolist())
    assert mine.loc[mine["category"] == "dropped", "count"].sum() == 1


@pytest.mark.parametrize("name", ["cycle_changes", "groups", "theme_profile"])
def test_a_grid_of_four_panels_a_row_keeps_its_texts_apart(name):
    """Three and four columns: the panels' titles and x labels once ran into each other (a pair's full symbols,
    a CO's counts on the title's one line, the axis label under each column)."""
    if name == "cycle_changes":
        table = pd.concat([aligned().assign(earlier_symbol=f"CRPD/C/{s}/CO/1", later_symbol=f"CRPD/C/{s}/CO/2-3")
                           for s in ("AZE", "NZL", "KOR", "MEX")], ignore_index=True)
        options = {"by": "later_symbol", "ncols": 4}
    elif name == "groups":
        table = tagged()
        options = {"symbol": list(dict.fromkeys(table["symbol"]))[:4], "ncols": 4}
    else:
        table = pd.concat([actions().assign(symbol=f"CRPD/C/{s}/CO/1") for s in ("AZE", "NZL", "KOR", "MEX")])
        options = {"by": "symbol", "ncols": 4, "top": 4}
    ax, renderer = drawn_in_style(lambda: getattr(cobs.plot, name)(table, **options), columns=2)
    assert len(ax.figure.axes) >= 2
    assert_readable(ax, renderer)


def test_an_empty_list_of_what_to_draw_is_an_error_naming_the_argument():
    with pytest.raises(ValueError, match="measures"):
        cobs.plot.change_forest(pairs_of_change(), measures=[])
    with pytest.raises(ValueError, match="symbol"):
        cobs.plot.groups(tagged(), symbol=[])


def test_nothing_to_draw_says_why_in_the_words_of_the_table():
    assert texts_of(cobs.plot.mix(actions().iloc[:0])) == ["nothing to draw: the table has no requested actions"]
    blank = actions().iloc[:0].reindex(range(3))
    assert texts_of(cobs.plot.mix(blank)) == ["nothing to draw: the table's 3 rows have no strength, cluster_id or ref"]
    assert texts_of(cobs.plot.similarity(similarity_matrix().iloc[:1, :1])) == [
        "nothing to draw: a similarity matrix of 1 document has no pair to compare"]
    # what a figure leaves out can leave nothing: said the same way, with the data's columns
    ax, data = cobs.plot.citations(citations(), types=["instrument"], return_data=True)
    assert texts_of(ax) == ["nothing to draw: no citation of these kinds (other instrument) among the 6 citations "
                            "of CRC/C/KAZ/CO/4"]
    assert list(data.columns) == ["type", "dimension", "category", "count", "n", "share", "refs"]
    assert texts_of(cobs.plot.theme_heatmap(actions().assign(theme=None))) == [
        "nothing to draw: none of the table's 6 requested actions has a theme"]
    assert texts_of(cobs.plot.goals(tagged().assign(sdgs=[[]] * 7))) == [
        "nothing to draw: none of the table's 7 requested actions relates to a Sustainable Development Goal"]


def texts_of(ax):
    return [t.get_text().replace("\n", " ") for t in ax.texts]


@pytest.mark.parametrize("name", [n for n in figure_functions() if n not in MATRICES])
def test_a_table_lacking_a_column_is_a_cobs_error_naming_the_argument_even_when_empty(name):
    table, options = FIGURE_INPUTS[name]()
    function = getattr(cobs.plot, name)
    argument = next(iter(inspect.signature(function).parameters))
    refused = []
    for column in table.columns:
        for given in (table, table.iloc[:0]):
            try:
                function(given.drop(columns=column), **options)
            except ValueError as error:  # a column the figure needs: it says so, whether the table has rows or not
                assert re.match(rf"cobs\.plot\.{name}: {argument} lacks the column\(s\) \['{column}'\]",
                                str(error)), str(error)
                refused.append(column)
            plt.close("all")
    assert refused  # every figure needs a column of its table


@pytest.mark.parametrize("name", MATRICES)
def test_a_matrix_of_text_is_a_cobs_error_even_when_it_holds_no_number(name):
    table, _ = FIGURE_INPUTS[name]()
    with pytest.raises(ValueError, match=rf"^cobs\.plot\.{name}: .* numbers"):
        getattr(cobs.plot, name)(table.astype(str))


def test_a_new_figure_is_as_wide_as_the_style_and_as_tall_as_its_bars():
    with cobs.plot.style("paper", columns=2):
        ax = cobs.plot.mix(actions(), by="symbol")
    width, height = ax.figure.get_size_inches()
    assert width == cobs.plot.FIGURE_WIDTHS[2] and 1.5 < height < 3


# style and savefig --------------------------------------------------------------------------------------------------

def test_paper_style_is_a_context_and_a_packaged_style_file():
    default = mpl.rcParams["font.family"]
    with cobs.plot.style("paper"):
        assert mpl.rcParams["font.family"] == ["serif"] and mpl.rcParams["font.serif"][0] == "STIXGeneral"
        assert not mpl.rcParams["axes.spines.top"] and not mpl.rcParams["legend.frameon"]
        assert mpl.rcParams["pdf.fonttype"] == 42
        assert list(mpl.rcParams["figure.figsize"]) == [3.5, 2.4]
        colors = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
        assert [c.upper().lstrip("#") for c in colors] == [c.lstrip("#") for c in cobs.plot.OKABE_ITO]
    assert mpl.rcParams["font.family"] == default
    assert cobs.plot.STYLE_FILES["paper"].is_file()
    with plt.style.context("cobs.plot.paper"):  # matplotlib finds it by its package name too
        assert mpl.rcParams["font.family"] == ["serif"]
    with pytest.raises(ValueError, match="unknown style 'poster'"), cobs.plot.style("poster"):
        pass
    with pytest.raises(ValueError, match="columns must be 1 or 2"), cobs.plot.style("paper", columns=3):
        pass


def test_style_restores_the_look_and_keeps_the_session_as_the_block_leaves_it():
    """Jupyter's inline backend turns interactive mode on when the first figure is drawn, perhaps inside a style
    block: put back to False at its end, no later figure of the notebook showed (issue 15; the notebook itself is
    tests/test_notebooks.py). The settings of a figure's look set in the block are restored."""
    was = mpl.is_interactive()
    try:
        mpl.interactive(False)
        width = mpl.rcParams["lines.linewidth"]
        with cobs.plot.style("paper"):
            mpl.interactive(True)  # what the inline backend does
            mpl.rcParams["lines.linewidth"] = width + 3
        assert mpl.is_interactive() and mpl.rcParams["lines.linewidth"] == width
        with cobs.plot.style("paper"):
            mpl.interactive(False)
        assert not mpl.is_interactive()
        with pytest.raises(KeyError), cobs.plot.style("paper"):  # an error in the block: restored all the same
            mpl.interactive(True)
            raise KeyError("x")
        assert mpl.is_interactive() and mpl.rcParams["font.family"] != ["serif"]
    finally:
        mpl.interactive(was)


def test_savefig_writes_the_three_formats_for_a_name_without_an_ending(tmp_path):
    ax = cobs.plot.mix(actions())
    written = cobs.plot.savefig(ax, tmp_path / "sub" / "mix")
    assert [p.name for p in written] == ["mix.pdf", "mix.svg", "mix.png"]
    assert all(p.stat().st_size > 1000 for p in written)
    pdf, svg, png = (p.read_bytes() for p in written)
    version = cobs.__version__.encode()
    assert pdf.startswith(b"%PDF") and b"CreationDate" not in pdf and b"/Creator (cobs " + version + b")" in pdf
    assert b"<dc:date>" not in svg and b"cobs " + version in svg
    assert png.startswith(b"\x89PNG") and b"Software\x00cobs " + version in png and b"Matplotlib version" not in png
    assert cobs.plot.savefig(ax.figure, tmp_path / "only", formats=["png"]) == [tmp_path / "only.png"]
    with pytest.raises(ValueError, match=r"formats must be one or more of \['pdf', 'svg', 'png'\], got .*'jpg'"):
        cobs.plot.savefig(ax, tmp_path / "x", formats=["jpg"])
    with pytest.raises(TypeError, match="Figure or Axes"):
        cobs.plot.savefig("figure", tmp_path / "x")


def test_savefig_writes_the_one_format_a_path_ends_in_and_refuses_other_endings(tmp_path):
    ax = cobs.plot.mix(actions())
    for ending, magic in ((".pdf", b"%PDF"), (".svg", b"<?xml"), (".png", b"\x89PNG")):
        assert cobs.plot.savefig(ax, tmp_path / ending[1:] / f"mix{ending}") == [tmp_path / ending[1:] / f"mix{ending}"]
        assert [p.name for p in (tmp_path / ending[1:]).iterdir()] == [f"mix{ending}"]  # that file alone
        assert (tmp_path / ending[1:] / f"mix{ending}").read_bytes().startswith(magic)
    assert cobs.plot.savefig(ax, tmp_path / "upper" / "mix.PNG") == [tmp_path / "upper" / "mix.png"]
    assert cobs.plot.savefig(ax, tmp_path / "one" / "mix.png", formats=["png"]) == [tmp_path / "one" / "mix.png"]
    for name in ("x.jpg", "x.jpeg", "x.EPS", "x.pdf.gz"):  # no x.jpg.pdf, x.jpg.svg, x.jpg.png behind the user's back
        with pytest.raises(ValueError, match=r"path must be a file name ending in \.pdf, \.svg or \.png, or one "
                                             rf"without an ending \(for all three\), got '.*{name}'"):
            cobs.plot.savefig(ax, tmp_path / "refused" / name)
    with pytest.raises(ValueError, match=r"ends in \.pdf but formats asks for \['svg', 'png'\]"):
        cobs.plot.savefig(ax, tmp_path / "refused" / "x.pdf", formats=["svg", "png"])
    assert not (tmp_path / "refused").exists()  # nothing written, no folder made
    # any other dot is part of the name: a CESCR symbol (the report's profile-E_C.12_KAZ_CO_2), a version number
    for name in ("profile-E_C.12_KAZ_CO_2", "profile-CRC_C_15_Add.213", "figure2.1"):
        assert [p.name for p in cobs.plot.savefig(ax, tmp_path / "dotted" / name)] == [
            f"{name}.pdf", f"{name}.svg", f"{name}.png"]


def test_savefig_lays_a_figure_out_once_and_draws_it_once_per_file(tmp_path, monkeypatch):
    """One layout and one measure of the box for the three files, and one draw each (matplotlib drew a laid-out
    figure once more before each file, to lay it out again and measure it: six draws, three layouts for three
    files); the engine is the figure's again after."""
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    drawn, laid_out = [], []
    draw, execute = Figure.draw, ConstrainedLayoutEngine.execute
    monkeypatch.setattr(Figure, "draw", lambda fig, renderer: drawn.append(fig) or draw(fig, renderer))
    monkeypatch.setattr(ConstrainedLayoutEngine, "execute", lambda engine, fig: laid_out.append(fig) or execute(
        engine, fig))
    with cobs.plot.style("paper"):
        ax = cobs.plot.theme_profile(actions(), symbol="CRC/C/KAZ/CO/4", hue="strength")
        engine = ax.figure.get_layout_engine()
        cobs.plot.savefig(ax, tmp_path / "profile")
    assert len(drawn) == 3 and len(laid_out) == 1
    assert ax.figure.get_layout_engine() is engine


def _sizes_in_points(stem, dpi):
    """The width and height of a figure's PDF page, SVG and PNG (at ``dpi``), in points."""
    from PIL import Image
    from pypdf import PdfReader

    box = PdfReader(stem.with_suffix(".pdf")).pages[0].mediabox
    svg = re.search(r'width="([\d.]+)pt" height="([\d.]+)pt"', stem.with_suffix(".svg").read_text()).groups()
    with Image.open(stem.with_suffix(".png")) as png:
        pixels = png.size
    return {"pdf": (float(box.width), float(box.height)), "svg": tuple(map(float, svg)),
            "png": tuple(n * 72 / dpi for n in pixels)}


def test_the_files_of_a_figure_are_cropped_alike(tmp_path):
    """The PDF, the SVG and the PNG of a figure have one size, to the PNG's pixel: they are cropped to one box. (Each
    file had its own: this PNG, laid out with the PDF's text widths and then drawn with text hinted to its pixels at
    200 dpi, the report's, came out 3.5 pt wider than the PDF.)"""
    themes = ["general principles", "implementation and reporting", "women and girls", "children with disabilities",
              "accessibility", "access to justice", "education", "freedom of expression association and religion",
              "health", "liberty and security of the person", "living independently", "non-discrimination"]
    counts = [7, 7, 7, 6, 4, 3, 3, 3, 3, 3, 3, 3]  # a profile of the bundled corpus's (CRPD/C/ARM/CO/1)
    drawn = [theme for theme, n in zip(themes, counts, strict=True) for _ in range(n)]
    table = pd.DataFrame({"symbol": "CRPD/C/ARM/CO/1", "theme": drawn,
                          "ref": [f"CRPD/C/ARM/CO/1, para. {i}" for i in range(len(drawn))]})
    with cobs.plot.style("paper"):
        ax = cobs.plot.theme_profile(table)
        cobs.plot.savefig(ax, tmp_path / "profile", dpi=200)
    sizes = _sizes_in_points(tmp_path / "profile", 200)
    for fmt in ("svg", "png"):
        assert sizes[fmt] == pytest.approx(sizes["pdf"], abs=72 / 200), (fmt, sizes)


def test_pdf_fonts_stay_truetype_and_are_cut_once_whatever_figure_came_first(tmp_path):
    """Each font is cut down (fontTools) once per process for the figures whose text is printable ASCII: the second
    figure reuses the first one's cut. The files do not depend on which figure came first: a figure's PDF is the
    same bytes when it is the first of the process and after another; its fonts TrueType (Type 42), not Type 3, and
    its text read back from it."""
    from pypdf import PdfReader

    from cobs.plot import _style

    with cobs.plot.style("paper"):
        heatmap = cobs.plot.theme_heatmap(actions())
        states = cobs.plot.theme_heatmap(actions(), by="state")  # other text, the same fonts
        _style._subset.cache_clear()
        cobs.plot.savefig(heatmap, tmp_path / "first.pdf")
        first = _style._subset.cache_info()
        cobs.plot.savefig(states, tmp_path / "states.pdf")
        cobs.plot.savefig(cobs.plot.theme_heatmap(actions()), tmp_path / "again.pdf")  # the first figure drawn again
        again = _style._subset.cache_info()
    assert first.misses >= 1 and again.misses == first.misses and again.hits == 2 * first.misses  # no font cut twice
    pdf = (tmp_path / "first.pdf").read_bytes()
    assert (tmp_path / "again.pdf").read_bytes() == pdf
    assert b"/FontFile2" in pdf and b"/CIDFontType2" in pdf and b"/Type3" not in pdf
    assert "violence and exploitation" in PdfReader(tmp_path / "first.pdf").pages[0].extract_text()


_FIGURE_SCRIPT = textwrap.dedent("""
    import sys
    import matplotlib
    matplotlib.use("Agg")
    import pandas as pd
    import cobs, cobs.plot
    acts = pd.read_json(sys.argv[1], orient="records").assign(
        strength=lambda t: t["strength"].astype(cobs.measures.STRENGTH_DTYPE))
    with cobs.plot.style("paper"):
        ax = cobs.plot.theme_profile(acts, symbol="CRC/C/KAZ/CO/4", hue="strength")
        cobs.plot.savefig(ax, sys.argv[2])
        ax = cobs.plot.theme_heatmap(acts)
        cobs.plot.savefig(ax, sys.argv[2] + "-heatmap")
        cobs.plot.savefig(ax, sys.argv[2] + "-heatmap-alone.svg")
""")


@pytest.mark.slow
def test_the_same_data_give_the_same_files_byte_for_byte(tmp_path):
    """Two runs in two processes (different hash seeds): equal bytes for every format."""
    table = tmp_path / "actions.json"
    actions().to_json(table, orient="records")
    digests = []
    for run, seed in (("one", "1"), ("two", "2")):
        stem = tmp_path / run / "profile"
        stem.parent.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", _FIGURE_SCRIPT, str(table), str(stem)], check=True, env=env,
                       cwd=tmp_path)
        files = sorted(stem.parent.iterdir())
        assert [f.name for f in files] == ["profile-heatmap-alone.svg", "profile-heatmap.pdf", "profile-heatmap.png",
                                           "profile-heatmap.svg", "profile.pdf", "profile.png", "profile.svg"]
        digests.append({f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in files})
    assert digests[0] == digests[1]


def test_import_cobs_does_not_load_matplotlib_and_cobs_plot_is_reached_lazily():
    code = ("import sys, cobs; assert 'matplotlib' not in sys.modules and 'cobs.plot' not in sys.modules; "
            "print(cobs.plot.mix.__module__, 'plot' in dir(cobs))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.split() == ["cobs.plot._measures", "True"]


def test_cycle_changes_draws_what_cobs_compare_align_gives():
    """The contract holds for the real alignment: Azerbaijan's two CRPD cycles, bundled."""
    import cobs.compare

    table = cobs.read_corpus(ROOT / "corpus")
    aligned = cobs.compare.align(table[table["symbol"] == "CRPD/C/AZE/CO/1"],
                                 table[table["symbol"] == "CRPD/C/AZE/CO/2-3"])
    ax, data = cobs.plot.cycle_changes(aligned, return_data=True)
    bars = data[data["dimension"] == "status"]
    assert bars["count"].sum() == len(aligned)
    assert ax.get_xlabel() == "Links and unmatched recommendation paragraphs"  # align's default unit
    items = cobs.compare.align(table[table["symbol"] == "CRPD/C/AZE/CO/1"],
                               table[table["symbol"] == "CRPD/C/AZE/CO/2-3"], unit="item")
    assert cobs.plot.cycle_changes(items).get_xlabel() == "Links and unmatched recommendation items"
    assert ax.get_title() == "CRPD/C/AZE/CO/1 → 2-3"
    linked = bars[bars["category"].isin(["repeated", "modified"])]
    assert all(" → " in ref for refs in linked["refs"] for ref in refs)
    changes = data[data["dimension"] == "change"]
    assert changes.groupby("category")["count"].sum().to_dict() == aligned["change"].value_counts().to_dict()
    assert changes.loc[changes["category"].isna(), "count"].sum() == aligned["change"].isna().sum()

"""The sections of a report: what each shows, as figures, tables and text.

A section is a function of the report's data (:class:`ReportData`) that returns a
:class:`Section`, or None when it has nothing to show (a corpus without two
cycles of one State has no cycle comparison). :data:`SECTIONS` lists them in page
order; the references behind every figure are gathered by the page itself. A
new section (the cycle comparisons and topics of phase 2) is one function added
to that list: it builds its figures with ``cobs.plot`` and its tables with
``cobs`` functions, and never touches files or HTML.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable

import pandas as pd

import cobs.plot
from cobs.measures import tally
from cobs.report._data import ReportData

__all__ = ["SECTIONS", "Figure", "Section", "Table", "Text"]


@dataclasses.dataclass(frozen=True)
class Figure:
    """A figure: the cobs.plot function ``plot`` drawn on ``table`` with ``options``, in the paper style.

    ``name`` is the stem of its files (unique in the report); ``columns`` the journal
    width (1 or 2 columns). A figure is a description, not a drawing: the report
    draws it (in a worker process when it draws several at once) with
    ``return_data=True``, and keeps the table behind it.
    """

    name: str
    caption: str
    plot: str
    table: pd.DataFrame
    options: dict[str, object] = dataclasses.field(default_factory=dict)
    columns: int = 1

    def draw(self) -> cobs.plot.Plotted:
        """Draw the figure on a new matplotlib figure; returns the Axes and the table behind it."""
        return getattr(cobs.plot, self.plot)(self.table, **self.options, return_data=True)


@dataclasses.dataclass(frozen=True)
class Table:
    """A table shown in the page and written as ``tables/<name>.csv``."""

    name: str
    caption: str
    frame: pd.DataFrame


@dataclasses.dataclass(frozen=True)
class Text:
    """A paragraph of HTML (escaped by whoever builds it)."""

    html: str


Part = Figure | Table | Text


@dataclasses.dataclass(frozen=True)
class Section:
    """A titled part of the page; ``id`` is its anchor."""

    id: str
    title: str
    parts: list[Part]
    subsections: list[Section] = dataclasses.field(default_factory=list)


def _e(text: object) -> str:
    return html.escape(str(text))


def _slug(symbol: str) -> str:
    return symbol.replace("/", "_")


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "-"


def documents_section(data: ReportData) -> Section:
    """The documents read, and those left out."""
    shown = data.documents[["symbol", "committee", "state", "state_name", "year", "paragraphs", "recommendations",
                            "actions", "file"]]
    parts: list[Part] = [
        Text(f"<p>{len(shown)} documents, {int(shown['paragraphs'].sum())} numbered paragraphs, "
             f"{int(shown['actions'].sum())} requested actions (one per lettered item of a recommendation, or per "
             "request in a paragraph's own text). Every number in the figures is a count of these actions (or of "
             "citing paragraphs), and the <a href=\"#references\">references</a> list the actions behind each.</p>"),
        Table("documents", "The documents of the report (recommendations: paragraphs of that kind).", shown),
    ]
    if len(data.errors):
        parts.append(Table("left_out", "Files left out, with the reason.", data.errors[["file", "reason"]]))
    return Section("documents", "Documents", parts)


def profiles_section(data: ReportData) -> Section:
    """Each document's profile: what it asks about, how insistently, and what it builds on."""
    subsections = []
    for doc in data.documents.itertuples(index=False):
        symbol = doc.symbol
        acts = data.actions[data.actions["symbol"] == symbol]
        cites = data.citations[(data.citations["symbol"] == symbol)
                               & data.citations["type"].isin(["general_comment", "previous"])]
        strength = tally(acts, "strength").set_index("category")["count"] if len(acts) else pd.Series(dtype=int)
        themes = tally(acts, "theme")
        themes = themes[themes["category"].notna() & (themes["count"] > 0)].sort_values(
            ["count", "category"], ascending=[False, True], kind="stable")
        top = ", ".join(f"{_e(t)} ({n})" for t, n in zip(themes["category"][:3], themes["count"][:3], strict=True))
        urged = int(strength.get("urges", 0))
        text = (f"<p>{_e(doc.committee)}, concluding observations on {_e(doc.state_name)} adopted in {_e(doc.year)}: "
                f"{len(acts)} requested actions in {doc.recommendations} recommendation paragraphs; {urged} urged "
                f"({_share(urged, len(acts))}). Themes asked about most: {top or 'none found'}. "
                f"It cites {cites.loc[cites['type'] == 'general_comment', 'citation'].nunique()} general comments "
                f"and {cites.loc[cites['type'] == 'previous', 'citation'].nunique()} earlier COs.</p>")
        parts: list[Part] = [Text(text)]
        if len(acts):
            parts.append(Figure(
                f"profile-{_slug(symbol)}",
                f"{symbol}: requested actions by theme and operative verb (strongest at the left).",
                "theme_profile", acts, {"hue": "strength"},
            ))
        if len(cites):
            cited = tally(cites, "citation", by="type")
            cited = cited[cited["count"] > 0].rename(columns={"category": "citation", "count": "paragraphs"})
            parts.append(Table(
                f"citations-{_slug(symbol)}",
                f"What {symbol} builds on: the general comments and earlier COs it cites, with the paragraphs (and "
                "items) citing each.",
                cited[["type", "citation", "paragraphs", "refs"]],
            ))
        subsections.append(Section(f"doc-{_slug(symbol)}", f"{symbol} ({doc.state_name}, {doc.year})", parts))
    return Section("profiles", "Document profiles", [], subsections)


def states_section(data: ReportData) -> Section | None:
    """Comparison across States (and documents): wording, action categories, themes."""
    if data.actions["symbol"].nunique() < 2:
        return None
    caution = (
        "<p>Read differences in wording against each committee's own drafting style, which changes over time for "
        "every State at once (the CRPD, for one, wrote “calls upon” more often in 2014-2016 than in 2022-2024, "
        "when “recommends” is nearly all it writes): compare a State with the documents the same committee adopted "
        "in the same years, and the CRC's wording with the CRPD's only as context.</p>")
    parts: list[Part] = [
        Text(caution),
        Figure("states-strength", "Operative verb of the requested actions, by document (strongest at the left).",
               "mix", data.actions, {"of": "strength", "by": "symbol"}, columns=2),
        Figure("states-action-category", "UPR Info action category of the requested actions, by document "
               "(5 specific at the left; (none): a verb outside the lexicon).",
               "mix", data.actions, {"of": "action_category", "by": "symbol"}, columns=2),
        Figure("states-themes", "Themes of the requested actions, by document: share of the document's actions "
               "(colour) and number (figure) for the 15 themes with the most actions.",
               "theme_heatmap", data.actions, {"by": "symbol"}, columns=2),
    ]
    cites = data.citations[data.citations["type"].isin(["general_comment", "previous"])]
    if len(cites):
        parts.append(Figure(
            "states-citations", "The general comments and earlier COs the documents cite most (paragraphs and "
            "items citing each, all documents together).", "citations", cites, {"top": 20}, columns=2))
    return Section("states", "Across States", parts)


SECTIONS: list[Callable[[ReportData], Section | None]] = [documents_section, profiles_section, states_section]
"""The sections of the page, in order (the references come last, gathered from every figure)."""

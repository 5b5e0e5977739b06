"""What a section of the report is made of: figures, tables and text, and the helpers every section shares.

The sections (:mod:`cobs.report._sections`, :mod:`cobs.report._groups`) build these parts, the page
(:mod:`cobs.report._html`) lays them out and :mod:`cobs.report._write` draws and writes them; all of them import
this module and none imports another section module's building blocks.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import html
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import cobs.plot

__all__ = ["Figure", "Part", "Section", "Table", "Text", "figure_link", "hand_over", "panels_of"]


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
        import cobs.plot  # matplotlib only where a figure is drawn

        return getattr(cobs.plot, self.plot)(self.table, **self.options, return_data=True)


@dataclasses.dataclass(frozen=True)
class Table:
    """A table shown in the page and written as ``tables/<name>.csv``; ``folded``: shown under a summary line;
    ``shown=False``: written only (too long for the page)."""

    name: str
    caption: str
    frame: pd.DataFrame
    folded: bool = False
    shown: bool = True


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


_TAKER: contextvars.ContextVar[Callable[[Sequence[Figure]], None] | None] = contextvars.ContextVar(
    "cobs_report_taker", default=None)


def hand_over(figures: Sequence[Part]) -> None:
    """Give a section's figures to be drawn now, before the section is complete: the report's workers draw them while
    the section goes on (a hundred COs' profiles are drawn while their keyness is computed). The figures stay parts
    of the section all the same; outside :func:`taking_figures` (a section built on its own) nothing is done."""
    take = _TAKER.get()
    if take is not None:
        take([f for f in figures if isinstance(f, Figure)])


@contextlib.contextmanager
def taking_figures(take: Callable[[Sequence[Figure]], None]) -> Iterator[None]:
    """Within the block, :func:`hand_over` gives the figures to ``take``."""
    token = _TAKER.set(take)
    try:
        yield
    finally:
        _TAKER.reset(token)


def _e(text: object) -> str:
    """``text`` as HTML (``str`` of it, escaped)."""
    return html.escape(str(text))


def _slug(symbol: str) -> str:
    """A symbol as part of a file name or an anchor: CRC/C/KAZ/CO/4 -> CRC_C_KAZ_CO_4."""
    return symbol.replace("/", "_")


def figure_link(name: str) -> str:
    """A link to the report's figure ``name``, as HTML: "Figure 7" once the page numbers its figures (the figures
    are numbered in page order when drawn; a section names a figure before that)."""
    return f'<a href="#fig-{_e(name)}">Figure \x00{_e(name)}\x00</a>'


PANELS = 12
"""Documents (or pairs of cycles) drawn in one figure of small multiples: a dozen panels compare at a glance, and a
report of a hundred COs draws nine figures of profiles rather than a hundred."""


PANEL_THEMES = 12
"""Themes drawn in a figure of small multiples (profiles, pairs of cycles, a CO beside the UPR): those with the most
rows in its panels; a panel of every theme (over thirty in the CRPD's COs) made a figure of twelve panels 26 inches
tall, read by scrolling. Each document's section names its own most frequent themes, and the actions table holds
every theme of every action."""

def panels_of(items: list[str], prefix: str, per: int = PANELS,
              group: Callable[[str], object] | None = None) -> dict[str, tuple[str, int, int]]:
    """Each of ``items`` (symbols, in page order) with the name of the figure of small multiples holding it
    (``<prefix>-1``, ``<prefix>-2``, ...: :data:`PANELS` a figure) and the first and last item numbers of it.

    ``group``: each item's group (its committee); a figure holds the items of one group, so that its panels share a
    theme axis of one committee's themes (a CRC CO's themes are not the CRPD's)."""
    chunks: list[list[str]] = []
    for item in items:
        if chunks and len(chunks[-1]) < per and (group is None or group(chunks[-1][0]) == group(item)):
            chunks[-1].append(item)
        else:
            chunks.append([item])
    out, start = {}, 0
    for number, chunk in enumerate(chunks, start=1):
        for item in chunk:
            out[item] = (f"{prefix}-{number}", start + 1, start + len(chunk))
        start += len(chunk)
    return out

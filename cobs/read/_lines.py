"""What every format reader produces: body lines in reading order, plus what it set aside."""

from __future__ import annotations

import dataclasses
import math


@dataclasses.dataclass(slots=True)
class Line:
    """One line of a document's body, as the format reader found it.

    ``n_chars`` and ``n_bold`` count non-blank characters and those of them set in
    a bold font; ``n_bold`` is None when the format carries no typography.
    ``markers`` are the footnote labels the reader removed from the text.
    """

    text: str
    page: int | None = None
    lineno: int | None = None
    size: float = math.nan
    n_chars: int = 0
    n_bold: int | None = None
    markers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.n_chars:
            self.n_chars = count_visible(self.text)


@dataclasses.dataclass(slots=True)
class Aside:
    """A piece of the file that is not paragraph text (header, footer, heading, footnote...)."""

    role: str
    text: str
    page: int | None = None
    lineno: int | None = None


@dataclasses.dataclass(slots=True)
class Footnote:
    """A footnote: its label ("1", "*"), its text and where it was printed."""

    label: str
    text: str
    page: int | None = None
    lineno: int | None = None


@dataclasses.dataclass(slots=True)
class RawDocument:
    """The output of a format reader, before the paragraph structure is read.

    ``body`` holds the title lines and the body in reading order. ``aside`` holds
    what the reader recognised as not belonging to the body (running headers and
    footers, page numbers, the cover masthead, footnote markers). ``footnotes``
    holds the footnotes, also listed (with their labels) in ``aside``.
    """

    path: str
    format: str
    body: list[Line]
    aside: list[Aside] = dataclasses.field(default_factory=list)
    footnotes: list[Footnote] = dataclasses.field(default_factory=list)
    n_pages: int | None = None
    typography: bool = False




def count_visible(text: str) -> int:
    """Number of non-blank characters."""
    return len("".join(text.split()))

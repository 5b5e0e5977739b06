"""A paragraph row while a document is being read, shared by the structure reader and the kinds."""

from __future__ import annotations

import dataclasses
import functools

__all__ = ["Row", "join_lines"]


@dataclasses.dataclass
class Row:
    """A paragraph's own text or one of its lettered items, while it is being read.

    ``section`` is the title of the section heading above it ("" if none); ``opened`` says whether any section
    or cluster heading stands above it (the paragraphs before the first one introduce the document).
    """

    para: int
    sub: str
    section: str
    cluster: str
    heading: str
    page: int | None
    lineno: int | None
    opened: bool = True
    parts: list[str] = dataclasses.field(default_factory=list)
    n_chars: int = 0
    n_bold: int | None = None

    @functools.cached_property
    def text(self) -> str:
        """The row's lines joined (read once the parse is over)."""
        return join_lines(self.parts)


def join_lines(parts: list[str]) -> str:
    """Join a row's lines: a line ending in a hyphen runs on ("ill-" + "treatment")."""
    out = ""
    for part in parts:
        part = " ".join(part.split())
        if not part:
            continue
        if not out:
            out = part
        elif out.endswith("-") and len(out) > 1 and out[-2].isalnum():
            out += part
        else:
            out += " " + part
    return out

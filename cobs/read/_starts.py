"""Where the documents of a file that holds several of them begin (two PDFs merged, COs pasted into one file).

Part of :func:`cobs.read.identify`: :func:`document_starts` finds where the
paragraph numbering starts again at 1 after a document's last paragraph, and goes
back to the title of the next document.
"""

from __future__ import annotations

import re

from cobs.read._lines import Line

__all__ = ["document_starts"]

# --- several documents in one file ------------------------------------------------------------

_NUMBERED = re.compile(r"^(\d{1,3})\.(?:\s+|(?=[A-Z“\"‘(]))[A-Z“\"‘(]")
_ENDS_SENTENCE = re.compile(r"[.!?;:][)\]”\"’*]*$")
_RESTART_AFTER = 3
"""Numbering that starts again at 1 counts as a new document only after this many paragraphs, and only if
paragraphs 2 and 3 follow in order: a list numbered 1, 2, 3 inside a paragraph does not start a line after a
whole document."""
_TITLE_LINES = 25
"""At most this many lines (title, masthead, section heading) stand between one document's end and the next one's
paragraph 1."""


def document_starts(lines: list[Line]) -> list[int]:
    """Indices of the body lines where a second, third ... document starts ([] for a file of one document).

    A document starts again where the paragraph numbering restarts at 1 after at
    least three paragraphs and goes on 2, 3 in order. It begins at its title: the
    lines just before its paragraph 1 that follow the last sentence of the document
    before; in a PDF, at the first page after that sentence.

    Examples
    --------
    >>> from cobs.read._lines import Line
    >>> text = ["Title A", "1. One.", "2. Two.", "3. Three.", "4. Four.", "Title B", "I. Introduction",
    ...         "1. Uno.", "2. Dos.", "3. Tres."]
    >>> document_starts([Line(t) for t in text])
    [5]
    """
    numbered = [(i, int(m.group(1))) for i, line in enumerate(lines)
                if line.text[:1].isdecimal() and (m := _NUMBERED.match(line.text))]  # the first test, cheaply
    starts: list[int] = []
    expected = 1
    for k, (i, number) in enumerate(numbered):
        if number == expected:
            expected += 1
            continue
        if number != 1 or expected <= _RESTART_AFTER:
            continue
        following = [n for _, n in numbered[k + 1 : k + 1 + 2 * _RESTART_AFTER]]
        if following[: _RESTART_AFTER - 1] != list(range(2, _RESTART_AFTER + 1)):
            continue
        starts.append(_title_start(lines, i, starts[-1] if starts else 0))
        expected = 2
    return starts


def _title_start(lines: list[Line], first_para: int, floor: int) -> int:
    """Where the document whose paragraph 1 is at ``first_para`` begins: after the last sentence before it."""
    start = first_para
    while start - 1 > max(floor, first_para - _TITLE_LINES) and not _ENDS_SENTENCE.search(lines[start - 1].text):
        start -= 1
    pages = [k for k in range(start, first_para + 1) if k and lines[k].page is not None
             and lines[k - 1].page is not None and lines[k].page != lines[k - 1].page]
    return pages[0] if pages and lines[start].page == lines[start - 1].page else start


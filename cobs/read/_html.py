"""HTML concluding observations (such as the OHCHR database's HTML versions).

Block elements (``p``, ``div``, ``h1``-``h6``, ``li``, ``tr``, ``br``...) end a
line; text inside ``b``/``strong`` or styled ``font-weight: bold`` counts as
bold. Footnotes follow the conventions of Word's HTML export, which OHCHR
serves: a reference is a link to ``#_ftn1`` (or ``#fn1``), or a ``sup`` holding
a number; the notes themselves sit in elements whose id is ``ftn1``, ``fn1``, ...
(usually at the end of the page). A reference is set aside as printed ("[1]").
Scripts and styles are not text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from cobs.errors import EmptyDocumentError
from cobs.read._lines import Aside, Footnote, Line, RawDocument, count_visible

__all__ = ["read_html"]

_BLOCK = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td", "th", "table", "section", "article",
    "header", "footer", "blockquote", "pre", "ul", "ol", "dl", "dt", "dd", "body", "title", "br", "hr",
}
_SKIP = {"script", "style", "head"}
_BOLD_TAGS = {"b", "strong"}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.IGNORECASE)
_NOTE_REF = re.compile(r"#_?(?:ftn|fn|footnote)-?(\d+)$", re.IGNORECASE)
_NOTE_BODY = re.compile(r"^_?(?:ftn|fn|footnote)-?(\d+)$", re.IGNORECASE)
_VOID = {"br", "hr", "img", "meta", "link", "input", "col", "area", "base", "wbr", "source"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, str]] = []  # (tag, bold, role) of open elements
        self.skip = 0
        self.lines: list[tuple[str, int, tuple[tuple[str, str], ...], str]] = []  # text, bold, markers, role
        self.text: list[str] = []
        self.bold = 0
        self.markers: list[tuple[str, str]] = []  # (label, as printed: "1", "[1]")
        self.marker_depth: int | None = None  # inside a footnote reference: its text is the label
        self.marker_text = ""
        self.title: list[str] = []

    # -- state -----------------------------------------------------------------------
    def _bold(self) -> bool:
        return any(b for _, b, _ in self.stack)

    def _role(self) -> str:
        for _, _, role in reversed(self.stack):
            if role:
                return role
        return "body"

    def _flush(self) -> None:
        text = "".join(self.text)
        if text.strip():
            self.lines.append((" ".join(text.split()), self.bold, tuple(self.markers), self._role()))
        self.text, self.bold, self.markers = [], 0, []

    # -- parser callbacks -----------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in _SKIP:
            self.skip += 1
            return
        if tag in _BLOCK:
            self._flush()
        bold = tag in _BOLD_TAGS or bool(_BOLD_STYLE.search(values.get("style") or ""))
        role = ""
        ident = values.get("id") or values.get("name") or ""
        if _NOTE_BODY.match(ident) and tag != "a":
            role = "footnote"
        href = values.get("href") or ""
        reference = (tag == "a" and _NOTE_REF.search(href)) or tag == "sup"
        if reference and self._role() != "footnote" and self.marker_depth is None:
            self.marker_depth = len(self.stack)
            self.marker_text = ""
        if tag not in _VOID:
            self.stack.append((tag, bold, role))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.stack and self.stack[-1][0] == tag:
            self.handle_endtag(tag)

    def _pop(self) -> str:
        """Close the innermost open element; a footnote reference closing becomes a marker."""
        open_tag, _, _ = self.stack.pop()
        if self.marker_depth is not None and len(self.stack) == self.marker_depth:
            label = re.sub(r"\D", "", self.marker_text)
            if label and len(label) <= 3:
                self.markers.append((label, self.marker_text.strip()))
            else:  # not a reference after all ("1<sup>st</sup>"): its text stays
                self.text.append(self.marker_text)
            self.marker_depth = None
        return open_tag

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in _VOID or not any(open_tag == tag for open_tag, _, _ in self.stack):
            return
        if tag in _BLOCK:  # close what it holds, then end its line while its role (footnote) still applies
            while self.stack[-1][0] != tag:
                self._pop()
            self._flush()
            self._pop()
            return
        while self.stack and self._pop() != tag:  # forgiving of unclosed inline tags
            pass

    def handle_data(self, data: str) -> None:
        if self.skip:
            if self.stack and self.stack[-1][0] == "title":
                self.title.append(data)
            return
        if self.marker_depth is not None:
            self.marker_text += data
            return
        self.text.append(data)
        if self._bold():
            self.bold += count_visible(data)

    def close(self) -> None:
        super().close()
        self._flush()


def read_html(path: Path, data: bytes) -> RawDocument:
    """Read an HTML CO into body lines, set-aside lines and footnotes."""
    from cobs.read._plain import decode

    charset = re.search(rb"""charset=["']?([\w-]+)""", data[:2048])
    text = None
    if charset:
        try:
            text = data.decode(charset.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        text = decode(path, data)
    reader = _Reader()
    reader.feed(text)
    reader.close()
    raw = RawDocument(path=str(path), format="html", body=[], typography=True)
    title = " ".join("".join(reader.title).split())
    if title:
        raw.aside.append(Aside("html_title", title))
    for line, bold, markers, role in reader.lines:
        if role == "footnote":
            raw.aside.append(Aside("footnote", line))
            label = re.match(r"^\[?(\d{1,3}|\*{1,3})\]?\s*", line)
            if label and label.group(1):
                raw.footnotes.append(Footnote(label.group(1), line[label.end():]))
            elif raw.footnotes:
                raw.footnotes[-1].text = f"{raw.footnotes[-1].text} {line}".strip()
            else:
                raw.footnotes.append(Footnote("", line))
            continue
        for _, printed in markers:
            raw.aside.append(Aside("footnote_marker", printed))
        raw.body.append(Line(line, n_bold=bold, markers=tuple(label for label, _ in markers)))
    if not raw.body:
        raise EmptyDocumentError(path, "the HTML page holds no text")
    return raw

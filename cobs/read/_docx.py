"""Word (.docx) concluding observations, read with the standard library.

A .docx file is a zip of XML parts. The body (``word/document.xml``) is a
sequence of paragraphs (``w:p``) made of runs (``w:r``) of text; bold is a run
property (``w:b``), set directly or through the paragraph's or run's style.
Word numbers paragraphs itself when they carry numbering properties
(``w:numPr``); the reader renders those numbers ("1.", "(a)") from
``word/numbering.xml`` as Word would, since UN documents rely on them. Footnote
references (``w:footnoteReference``) become markers numbered in order of
appearance, as Word prints them (the file holds no character for them), and the
footnotes (``word/footnotes.xml``) are set aside with the page headers and footers.

A zip can inflate far beyond its size (a 1 MB file to 1 GB): the sizes its
directory declares are checked before any part is read (:func:`check_zip`), and
zipfile never inflates a part past its declared size.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

from cobs.errors import (
    CobsError,
    DamagedDocumentError,
    EmptyDocumentError,
    TruncatedDocumentError,
    UnsupportedFormatError,
)
from cobs.read._lines import Aside, Footnote, Line, RawDocument, count_visible

__all__ = ["MAX_PART_BYTES", "MAX_UNZIPPED_BYTES", "check_zip", "read_docx"]

MAX_PART_BYTES = 32 << 20
"""The largest part of a Word file read (inflated): a CO's ``word/document.xml`` takes a few hundred kB."""
MAX_UNZIPPED_BYTES = 128 << 20
"""The largest total of a Word file's parts, inflated (images included)."""


def check_zip(archive: zipfile.ZipFile, path: str | Path) -> None:
    """Refuse a Word file whose parts would inflate past the bounds, from its zip directory alone.

    Raises
    ------
    cobs.errors.DamagedDocumentError
        If a part declares more than :data:`MAX_PART_BYTES`, or all of them more
        than :data:`MAX_UNZIPPED_BYTES` (a "zip bomb"); nothing has been inflated.
    """
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if info.file_size > MAX_PART_BYTES or total > MAX_UNZIPPED_BYTES:
            what = (f"its part {info.filename} inflates to {info.file_size / 2**20:.0f} MB"
                    if info.file_size > MAX_PART_BYTES else f"its parts inflate to more than {total / 2**20:.0f} MB")
            raise DamagedDocumentError(
                path, f"the Word file is refused unread: {what} ({info.compress_size / 2**20:.1f} MB compressed), "
                f"far more than a CO's text (at most {MAX_PART_BYTES >> 20} MB a part, {MAX_UNZIPPED_BYTES >> 20} MB "
                "in all)",
            )

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _on(element: ElementTree.Element | None) -> bool | None:
    """The value of an on/off property such as ``<w:b/>`` (None when absent)."""
    if element is None:
        return None
    return element.get(W + "val", "true").lower() not in ("0", "false", "off", "none")


class _Styles:
    """Bold and numbering inherited from paragraph and character styles."""

    def __init__(self, xml: bytes | None) -> None:
        self.bold: dict[str, bool | None] = {}
        self.based_on: dict[str, str] = {}
        self.numbering: dict[str, tuple[str, int]] = {}
        if xml is None:
            return
        for style in ElementTree.fromstring(xml).iter(W + "style"):
            sid = style.get(W + "styleId", "")
            rpr = style.find(W + "rPr")
            self.bold[sid] = _on(rpr.find(W + "b")) if rpr is not None else None
            parent = style.find(W + "basedOn")
            if parent is not None:
                self.based_on[sid] = parent.get(W + "val", "")
            num = style.find(f"{W}pPr/{W}numPr")
            if num is not None:
                num_id = num.find(W + "numId")
                level = num.find(W + "ilvl")
                if num_id is not None:
                    depth = int(level.get(W + "val", "0")) if level is not None else 0
                    self.numbering[sid] = (num_id.get(W + "val", ""), depth)

    def is_bold(self, style: str | None) -> bool:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            value = self.bold.get(style)
            if value is not None:
                return value
            style = self.based_on.get(style)
        return False

    def numbering_of(self, style: str | None) -> tuple[str, int] | None:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.numbering:
                return self.numbering[style]
            style = self.based_on.get(style)
        return None


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        out = ""
        for amount, numeral in _ROMAN:
            while value >= amount:
                out += numeral
                value -= amount
        return out.upper() if fmt == "upperRoman" else out
    if fmt in ("bullet", "none"):
        return ""
    return str(value)


class _Numbering:
    """Word's automatic paragraph numbering, rendered as it would be printed."""

    def __init__(self, xml: bytes | None) -> None:
        self.abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.instances: dict[str, str] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if xml is None:
            return
        root = ElementTree.fromstring(xml)
        for abstract in root.iter(W + "abstractNum"):
            levels = {}
            for lvl in abstract.iter(W + "lvl"):
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                start = lvl.find(W + "start")
                levels[int(lvl.get(W + "ilvl", "0"))] = (
                    fmt.get(W + "val", "decimal") if fmt is not None else "decimal",
                    text.get(W + "val", "") if text is not None else "",
                    int(start.get(W + "val", "1")) if start is not None else 1,
                )
            self.abstract[abstract.get(W + "abstractNumId", "")] = levels
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is not None:
                self.instances[num.get(W + "numId", "")] = ref.get(W + "val", "")

    def label(self, num_id: str, level: int) -> str:
        abstract_id = self.instances.get(num_id)
        levels = self.abstract.get(abstract_id or "", {})
        if num_id == "0" or level not in levels:
            return ""
        counters = self.counters.setdefault(abstract_id or "", {})
        fmt, text, start = levels[level]
        counters[level] = counters.get(level, start - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        if fmt == "bullet":
            return ""

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            k_fmt, _, k_start = levels.get(k, ("decimal", "", 1))
            return _format_number(counters.get(k, k_start), k_fmt)

        return re.sub(r"%(\d)", value, text)


def _part(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        return archive.read(name)
    except KeyError:
        return None


def _own_runs(paragraph: ElementTree.Element):
    """The runs of a paragraph, in order, without those of paragraphs nested in it (text boxes)."""
    for child in paragraph:
        if child.tag == W + "r":
            yield child
        elif child.tag != W + "p" and child.tag != W + "txbxContent":
            yield from _own_runs(child)


def _paragraph_runs(paragraph: ElementTree.Element, styles: _Styles, notes: dict[str, str], order: list[str]):
    """Yield (text, bold, marker) pieces of a paragraph; a "\\n" piece is a manual line break."""
    ppr = paragraph.find(W + "pPr")
    pstyle = ppr.find(W + "pStyle").get(W + "val") if ppr is not None and ppr.find(W + "pStyle") is not None else None
    para_bold = styles.is_bold(pstyle)
    for run in _own_runs(paragraph):
        rpr = run.find(W + "rPr")
        bold = para_bold
        if rpr is not None:
            rstyle = rpr.find(W + "rStyle")
            if rstyle is not None and styles.bold.get(rstyle.get(W + "val", "")) is not None:
                bold = styles.is_bold(rstyle.get(W + "val"))
            direct = _on(rpr.find(W + "b"))
            if direct is not None:
                bold = direct
        for child in run:
            tag = child.tag
            if tag == W + "t":
                yield child.text or "", bold, None
            elif tag == W + "tab":
                yield " ", bold, None
            elif tag in (W + "br", W + "cr"):
                yield "\n", bold, None
            elif tag == W + "noBreakHyphen":
                yield "-", bold, None
            elif tag == W + "sym":
                code = child.get(W + "char", "20")
                yield (chr(int(code, 16) % 0xF000 or 32) if re.fullmatch(r"[0-9A-Fa-f]{1,6}", code) else ""), bold, None
            elif tag == W + "footnoteReference":
                note_id = child.get(W + "id", "")
                if note_id in notes and note_id not in order:
                    order.append(note_id)
                yield "", bold, str(order.index(note_id) + 1) if note_id in order else None


def read_docx(path: Path, data: bytes) -> RawDocument:
    """Read a Word CO into body lines, set-aside lines and footnotes."""
    try:
        return _read_docx(path, data)
    except CobsError:
        raise
    except zipfile.BadZipFile as exc:
        if b"PK\x05\x06" not in data[-66_000:]:  # no end-of-archive record: the file stops before its end
            raise TruncatedDocumentError(path, "the Word file is truncated: it ends before the end of its zip "
                                         "archive (an interrupted download?)") from None
        raise DamagedDocumentError(path, f"the Word file is damaged ({type(exc).__name__}: {exc})") from None
    except (ElementTree.ParseError, zlib.error, EOFError, ValueError, KeyError) as exc:
        raise DamagedDocumentError(
            path, f"the Word file is damaged or truncated ({type(exc).__name__}: {exc})"
        ) from None


def _read_docx(path: Path, data: bytes) -> RawDocument:
    archive = zipfile.ZipFile(io.BytesIO(data))
    check_zip(archive, path)
    document = _part(archive, "word/document.xml")
    if document is None:
        raise UnsupportedFormatError(path, "the file is a zip archive but not a Word document (no word/document.xml)")
    # any damage in the parts below surfaces as an error that read_docx turns into a cobs error
    styles = _Styles(_part(archive, "word/styles.xml"))
    numbering = _Numbering(_part(archive, "word/numbering.xml"))
    body = ElementTree.fromstring(document).find(W + "body")
    notes_xml = _part(archive, "word/footnotes.xml")
    running = [
        (name, ElementTree.fromstring(archive.read(name)))
        for name in sorted(archive.namelist())
        if re.fullmatch(r"word/(header|footer)\d*\.xml", name)
    ]
    notes: dict[str, str] = {}
    if notes_xml:
        for note in ElementTree.fromstring(notes_xml).iter(W + "footnote"):
            if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join("".join(t.text or "" for t in p.iter(W + "t")) for p in note.iter(W + "p"))
            notes[note.get(W + "id", "")] = " ".join(text.split())
    raw = RawDocument(path=str(path), format="docx", body=[], typography=True)
    order: list[str] = []
    if body is not None:
        for paragraph in body.iter(W + "p"):
            _add_paragraph(raw, paragraph, styles, numbering, notes, order)
    if not raw.body:
        raise EmptyDocumentError(path, "the Word document holds no text")
    for note_id in order:
        label = str(order.index(note_id) + 1)
        raw.footnotes.append(Footnote(label, notes[note_id]))
        raw.aside.append(Aside("footnote", notes[note_id]))
    for note_id, text in notes.items():  # footnotes never referenced from the body: kept, unlabelled
        if note_id not in order and text:
            raw.footnotes.append(Footnote("", text))
            raw.aside.append(Aside("footnote", text))
    for _, part in running:
        for paragraph in part.iter(W + "p"):
            text = "".join(t.text or "" for t in paragraph.iter(W + "t")).strip()
            if text:
                raw.aside.append(Aside("running", text))
    return raw


def _add_paragraph(raw, paragraph, styles, numbering, notes, order) -> None:
    ppr = paragraph.find(W + "pPr")
    num = ppr.find(W + "numPr") if ppr is not None else None
    label = ""
    if num is not None and num.find(W + "numId") is not None:
        level = num.find(W + "ilvl")
        label = numbering.label(num.find(W + "numId").get(W + "val", ""),
                                int(level.get(W + "val", "0")) if level is not None else 0)
    elif ppr is not None and ppr.find(W + "pStyle") is not None:
        inherited = styles.numbering_of(ppr.find(W + "pStyle").get(W + "val"))
        if inherited:
            label = numbering.label(*inherited)
    pieces: list[tuple[str, bool, str | None]] = list(_paragraph_runs(paragraph, styles, notes, order))
    lines: list[list[tuple[str, bool, str | None]]] = [[]]
    for piece in pieces:
        if piece[0] == "\n":
            lines.append([])
        else:
            lines[-1].append(piece)
    first = True
    for parts in lines:
        text = "".join(t for t, _, _ in parts)
        if first and label:
            text = f"{label} {text}"
        if not text.strip():
            continue
        n_bold = sum(count_visible(t) for t, bold, _ in parts if bold)
        if first and label and parts and parts[0][1]:  # Word prints the number like the text it precedes
            n_bold += count_visible(label)
        markers = tuple(m for _, _, m in parts if m)  # Word prints these numbers; the file holds none
        raw.body.append(Line(" ".join(text.split()), None, None, n_bold=n_bold, markers=markers))
        first = False

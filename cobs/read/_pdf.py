"""UN PDFs of concluding observations, read with PDFium (pypdfium2).

PDFium gives each character with its font size and weight, which is what
separates the parts of a page:

* running headers and footers (symbol, page number, job number "GE.24-06344",
  barcode) are lines in the top or bottom margin that have those shapes;
* the masthead on the first page ("United Nations", symbol, "Distr.: General",
  date, "Original: English") is whatever stands above the committee's name;
* footnotes are the lines in a smaller font at the foot of a page, below the
  last line of body text (and the "* Adopted by the Committee ..." note of the
  first page); their markers are digits in a smaller font inside body lines
  ("Azerbaijan1"), which are removed from the text and linked to the note;
* bold (weight >= 600) marks recommendations; each line counts its bold
  characters so that a paragraph's share of bold can be computed.

PDFium reports a hyphen that ends a line as U+0002 (or U+FFFE) and joins the
two lines; in UN documents these hyphens are real ("non-discrimination"), so
they are kept as "-".
"""

from __future__ import annotations

import codecs
import ctypes
import functools
import re
import threading
from collections import Counter
from pathlib import Path

from cobs.errors import DamagedPDFError, EmptyDocumentError, EncryptedPDFError, NotAPDFError, TruncatedDocumentError
from cobs.read._lines import Aside, Footnote, Line, RawDocument
from cobs.read._patterns import FOOTER, HEADER, MASTHEAD, furniture_text
from cobs.read._patterns import UNMISTAKABLE as _UNMISTAKABLE
from cobs.reference import COMMITTEE_LINE

__all__ = ["PDFIUM_LOCK", "read_pdf"]

PDFIUM_LOCK = threading.RLock()
"""Held while cobs calls PDFium. PDFium may not be called from two threads at once, not even on two documents
(pypdfium2's documentation): threads that read PDFs (joblib's threading backend, a Dask cluster of threads)
take turns here instead of crashing the interpreter. Hold it around PDFium work of your own in such a program."""

_BOLD_WEIGHT = 600
_EDGE_LINES = 3  # running headers and footers are among the 3 topmost / bottommost lines
_SUPERSCRIPT = 0.8  # a digit this much smaller than its line is a footnote marker
_SAME_SIZE = 0.5  # points: sizes this close are one size (footnotes are set at least a point smaller than the body)
_MASTHEAD_ZONE = 0.7  # of the page height, from the bottom: a page without the committee's name has its masthead above
_FOOT_ZONE = 0.3  # of the page height, from the bottom: the "* Adopted by the Committee ..." note stands below
_SAME_LINE = 2.5  # points: two pieces of text whose baselines are this close are one printed line (split by PDFium)
_NOTE_LABEL = re.compile(r"^(\d{1,3}|\*{1,3})(?:\s+|$)")
_WORD = re.compile(r"\S+")
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_FORCE_BOLD = 0x40000  # PDF font descriptor flag
_DIGITS = re.compile(r"\d\d*")  # as r"\d+", found faster: re scans for a first \d
_LETTER = re.compile(r"[^\W\d_]")
_MAY_BE_FURNITURE = re.compile(r"[G*\d\uf020-\uf07e]").match
"""The first characters of the lines ``UNMISTAKABLE`` may match (a job number, a barcode, a page number before one;
a barcode in a symbol font: private-use characters, see ``furniture_text``): the others need not be asked."""


class _PdfLine:
    """A printed line with its geometry, before it is sorted into body or set-aside."""

    __slots__ = ("text", "stripped", "top", "left", "size", "n_bold", "n_chars", "small_digits")

    def __init__(self, text: str, stripped: str, top: float, left: float, size: float, n_bold: int, n_chars: int,
                 small_digits: list[tuple[int, int, int]] | tuple[()]) -> None:
        self.text = text
        self.stripped = stripped  # text.strip(), which sorting the lines asks for again and again
        self.top = top
        self.left = left
        self.size = size
        self.n_bold = n_bold
        self.n_chars = n_chars
        self.small_digits = small_digits  # (start, end, bold chars) of superscript digits; () for none


def _open(path: Path, data: bytes):
    import pypdfium2 as pdfium

    if not data.startswith(b"%PDF-"):
        raise NotAPDFError(path, "the file is not a PDF (it does not start with '%PDF-')")
    if b"%%EOF" not in data[-2048:]:
        raise TruncatedDocumentError(
            path, "the PDF is truncated: it ends before its end-of-file marker (an interrupted download?)"
        )
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise EncryptedPDFError(path, "the PDF is encrypted (password protected)") from None
        raise DamagedPDFError(path, f"PDFium cannot open the PDF ({message})") from None


@functools.cache
def _unchecked(name: str, restype: type) -> ctypes._CFuncPtr:
    """PDFium's function ``name`` (pypdfium2.raw's) without ctypes' checks of its arguments, returning ``restype``.

    pypdfium2 declares each function's argument types, so that ctypes converts and checks every argument of every
    call: for the four character queries of each printed line that costs more than PDFium's work (0.8 us of
    FPDFText_GetFontSize's 0.8, 1.2 of FPDFText_GetCharBox's 1.8). The same C function at the same address,
    given a text page handle, ints and pointers ``byref``, which ctypes passes as they are.
    """
    import pypdfium2.raw as pdfium_c

    checked = getattr(pdfium_c, name)
    fast = type(checked)(ctypes.cast(checked, ctypes.c_void_p).value)
    fast.restype = restype
    return fast


def _is_bold(handle, index: int, weight) -> bool:
    """Is this character set in a bold font? Weight first; the font's name if it has none."""
    value = weight(handle, index)
    if value > 0:
        return value >= _BOLD_WEIGHT
    return _bold_by_name(handle, index)


def _bold_by_name(handle, index: int) -> bool:
    """A font without a weight: is its name a bold one, or its descriptor flagged bold?"""
    import pypdfium2.raw as pdfium_c

    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(handle, index, name, 128, ctypes.byref(flags))
    return bool(_BOLD_NAME.search(name.value.decode("latin-1"))) or bool(flags.value & _FORCE_BOLD)


def _text_range(handle, count: int) -> str:
    """The text of a text page's ``count`` characters: ``PdfTextPage.get_text_range(0, count)`` of pypdfium2, on the
    raw handle.

    pypdfium2 first leaves out the leading and trailing characters PDFium excludes from its text (pypdfium2 issue
    261), then asks for the text of the others; so does this, step by step as it does.
    """
    import pypdfium2.raw as pdfium_c

    text_index = pdfium_c.FPDFText_GetTextIndexFromCharIndex
    c_start, c_end, left_out, right_out = 0, count - 1, 0, 0
    while True:
        if c_start > c_end:
            return ""
        t_start = text_index(handle, c_start)
        if t_start == -1:
            c_start, left_out = c_start + 1, left_out + 1
            continue
        t_end = text_index(handle, c_end)
        if t_end == -1:
            c_end, right_out = c_end - 1, right_out + 1
            continue
        break
    buffer = (ctypes.c_ushort * (t_end + 2 - t_start))()  # with the NUL PDFium ends the text with
    written = pdfium_c.FPDFText_GetText(handle, left_out, count - left_out - right_out, buffer)
    return codecs.decode(memoryview(buffer)[: written - 1], "utf-16-le", errors="ignore")


def _page_lines(handle) -> list[_PdfLine]:
    """The printed lines of a text page (PDFium's handle), with position, font size, bold count and small digits.

    This loop runs once per printed line of every PDF (about 50 a page), so it keeps to local names and calls
    PDFium directly; its cost beside PDFium's own text extraction is what ``benchmarks/bench_read.py`` measures.
    Each call into PDFium costs about as much as ten lines of Python here (ctypes' call, not PDFium's work): a line
    asks for its first character's box and size, the weight of one to three of its words (of each word only where
    they disagree), and the size of the last digit of each run of digits.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    count = pdfium_c.FPDFText_CountChars(handle)
    if count == -1:
        raise pdfium.PdfiumError("Failed to get character count.")
    text = _text_range(handle, count) if count else ""
    if len(text) != count:  # PDFium expanded a ligature or similar: take the text character by character
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(handle, i) or 32) for i in range(count))
    text = text.replace("\x02", "-").replace("\ufffe", "-")
    # called directly, and without ctypes' checks (_unchecked): pypdfium2's wrapper costs as much as the rest of
    # a line, ctypes' checks as much as PDFium's work
    weight = _unchecked("FPDFText_GetFontWeight", ctypes.c_int)
    fsize = _unchecked("FPDFText_GetFontSize", ctypes.c_double)
    box = _unchecked("FPDFText_GetCharBox", ctypes.c_int)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    at_left, at_right, at_bottom, at_top = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom),
                                            ctypes.byref(top))
    letter_at, words = _LETTER.search, _WORD.finditer
    # the runs of digits of the whole page, in order (none spans a line break): a line takes those before its
    # end; a sentinel run after the text ends the list
    runs = [m.span() for m in _DIGITS.finditer(text)]
    runs.append((count + 1, count + 1))
    run = 0
    next_run = runs[0][0]
    lines: list[_PdfLine] = []
    append = lines.append
    start = 0
    for raw_line in text.split("\r\n"):
        end = start + len(raw_line)
        stripped = raw_line.strip()
        if not stripped:
            start = end + 2
            continue
        first_char = stripped[0]
        offset = start + raw_line.index(first_char)
        box(handle, offset, at_left, at_right, at_bottom, at_top)
        letter = offset if first_char.isalpha() else (start + m.start() if (m := letter_at(raw_line))
                                                      else offset)  # a line may open with a footnote label
        size = fsize(handle, letter)
        # count_visible(stripped), inlined: in a printable line the only blank is " " (str.split() splits
        # on no other printable character)
        n_chars = (len(stripped) - stripped.count(" ") if stripped.isprintable()
                   else len("".join(stripped.split())))
        # Bold is a property of runs of text, and UN COs set a line in one weight: the first, middle and
        # last words are asked, and each word only where they disagree (a word's first character tells,
        # unless its font has no weight: then its name does). On the 113 English CRPD COs of ../shared
        # this leaves every paragraph's kind as asking each word does, and the bold share of 13 of
        # 18,436 rows 0.025 at most off (a bold number inside a regular line), at a third of the calls.
        value = weight(handle, offset)
        uniform = first_bold = middle_bold = value >= _BOLD_WEIGHT if value > 0 else _bold_by_name(handle, offset)
        length = len(raw_line)
        middle = raw_line.find(" ", length // 2) + 1
        middle = start + middle if 0 < middle < length and not raw_line[middle].isspace() else offset
        if middle != offset:
            value = weight(handle, middle)
            middle_bold = value >= _BOLD_WEIGHT if value > 0 else _bold_by_name(handle, middle)
            if middle_bold != uniform:
                uniform = None
        last = raw_line.rstrip().rfind(" ") + 1
        last = start + last if last else offset
        if last != offset and last != middle and uniform is not None:  # the middle word may be the last
            value = weight(handle, last)
            if (value >= _BOLD_WEIGHT if value > 0 else _bold_by_name(handle, last)) != uniform:
                uniform = None
        if uniform is None:  # each word, but the first and middle ones: asked above
            n_bold = 0
            for word in words(raw_line):
                index = start + word.start()
                if index == offset:
                    bold = first_bold
                elif index == middle:
                    bold = middle_bold
                else:
                    value = weight(handle, index)
                    bold = value >= _BOLD_WEIGHT if value > 0 else _bold_by_name(handle, index)
                if bold:
                    n_bold += word.end() - word.start()
        else:
            n_bold = n_chars if uniform else 0
        small_digits: list[tuple[int, int, int]] | tuple[()] = ()
        if next_run < end:
            limit = size * _SUPERSCRIPT
            while next_run < end:  # "June 202119": a year, then marker 19
                after = runs[run][1]
                first = next_run
                run += 1
                next_run = runs[run][0]
                # a marker ends its run of digits ("202119"): where the last digit is in the line's size, none
                if fsize(handle, after - 1) >= limit:
                    continue
                k = after - 1
                while k > first and fsize(handle, k - 1) < limit:
                    k -= 1
                if uniform is None:
                    bold = sum(_is_bold(handle, j, weight) for j in range(k, after))
                else:  # counted with the line's weight above, taken off with it
                    bold = (after - k) if uniform else 0
                if not small_digits:
                    small_digits = []
                small_digits.append((k - start, after - start, bold))
        append(_PdfLine(raw_line, stripped, top.value, left.value, size, n_bold, n_chars, small_digits))
        start = end + 2
    return lines


def _read_page(document, index: int) -> tuple[list[_PdfLine], float]:
    """The lines and the height of page ``index`` (0-based) of an open document (pypdfium2's raw handle).

    The page and its text page are PDFium's own handles, loaded and closed here with PDFium's calls: pypdfium2's
    objects for them (a finalizer each, their parent's list of children, their closing) cost 3 % of PDFium's text
    extraction. Failures are pypdfium2's errors, with its words.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    page = pdfium_c.FPDF_LoadPage(document, index)
    if not page:
        raise pdfium.PdfiumError("Failed to load page.")
    try:
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            raise pdfium.PdfiumError("Failed to load text page.")
        try:
            return _page_lines(textpage), pdfium_c.FPDF_GetPageHeightF(page)
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
    finally:
        pdfium_c.FPDF_ClosePage(page)


def read_pdf(path: Path, data: bytes, *, pages: tuple[int, int | None] | None = None) -> RawDocument:
    """Read a UN PDF into body lines, set-aside lines and footnotes.

    ``pages`` reads the pages from ``pages[0]`` up to ``pages[1]`` (1-based, end
    excluded; None: to the end) only, numbered as in the whole file.
    """
    import pypdfium2 as pdfium

    first, stop = pages or (1, None)
    read = []
    with PDFIUM_LOCK:  # PDFium is not thread-safe: one thread at a time, every object closed before letting go
        pdf = _open(path, data)
        try:
            for index in range(first - 1, len(pdf) if stop is None else min(stop - 1, len(pdf))):
                try:
                    read.append(_read_page(pdf.raw, index))
                except pdfium.PdfiumError as exc:
                    raise DamagedPDFError(path, f"PDFium cannot read this page ({exc})", page=index + 1) from None
        finally:
            pdf.close()
    if not any(lines for lines, _ in read):
        raise EmptyDocumentError(path, "the PDF holds no text (a scanned image without a text layer?)")
    body_size = _body_size([line for lines, _ in read for line in lines])
    raw = RawDocument(path=str(path), format="pdf", body=[], n_pages=len(read), typography=True)
    next_note = [1]
    for number, (lines, height) in enumerate(read, start=first):
        size = body_size
        if not any(abs(line.size - body_size) <= _SAME_SIZE for line in lines) and lines:
            # no line of the page is in the document's body size: the page is set in another size (a second
            # document merged into the file, in another layout), and its own body size tells its footnotes
            size = _body_size(lines)
        _sort_page(raw, number, lines, height, size, next_note, first=number == first)
    return raw


def _body_size(lines: list[_PdfLine]) -> float:
    """The font size most characters are set in."""
    exact: dict[float, int] = {}
    for line in lines:
        exact[line.size] = exact.get(line.size, 0) + line.n_chars
    sizes: dict[float, int] = {}  # rounded, in the order the lines first show them
    for size, n_chars in exact.items():
        size = round(size, 1)
        sizes[size] = sizes.get(size, 0) + n_chars
    return Counter(sizes).most_common(1)[0][0]  # as Counter counts: the first size of the most characters


def _roles(lines: list[_PdfLine], height: float, body_size: float, *, first: bool) -> dict[int, str]:
    """Role of each set-aside line of a page, by index: running, page_number, masthead, footnote.

    Layouts are shifted from one PDF to another, so running headers and footers
    are found by their shape among the topmost and bottommost lines of the page,
    not by fixed margins. A bare number counts as a page number only when it is
    set in (about) the body size: a footnote label standing alone is smaller.
    """
    role: dict[int, str] = {}
    by_height = sorted(range(len(lines)), key=[line.top for line in lines].__getitem__)
    edges = [(k, FOOTER) for k in by_height[:_EDGE_LINES]] + [(k, HEADER) for k in by_height[-_EDGE_LINES:]]
    for k, pattern in edges:
        text = furniture_text(lines[k].stripped)
        if pattern.match(text) and not (text.isdigit() and lines[k].size < _SUPERSCRIPT * body_size):
            role[k] = "page_number" if text.isdigit() else "running"
    for k, line in enumerate(lines):  # _MAY_BE_FURNITURE first: most lines cannot be
        if _MAY_BE_FURNITURE(line.stripped) and k not in role and _UNMISTAKABLE.match(furniture_text(line.stripped)):
            role[k] = "running"
    if first:  # the first page of the document: its masthead
        title_top = next(
            (ln.top for k, ln in enumerate(lines) if k not in role and COMMITTEE_LINE.match(ln.stripped)), None
        )
        for k, line in enumerate(lines):
            if k not in role and (
                (title_top is not None and line.top > title_top + 2)
                or (title_top is None and line.top > height * _MASTHEAD_ZONE and MASTHEAD.match(line.stripped))
            ):
                role[k] = "masthead"
    # Footnotes: from the foot of the page upwards, small-type lines (and "* Adopted by ...").
    for k in by_height:
        if k in role:
            continue
        line = lines[k]
        starred = line.stripped.startswith("*") and line.top < height * _FOOT_ZONE
        if line.size < body_size - _SAME_SIZE or starred:
            role[k] = "footnote"
        else:
            break
    return role


def _sort_page(
    raw: RawDocument, number: int, lines: list[_PdfLine], height: float, body_size: float, next_note: list[int],
    *, first: bool,
) -> None:
    """Split one page's lines into set-aside material, footnotes and body lines."""
    role = _roles(lines, height, body_size, first=first)
    if "footnote" in role.values():
        _collect_notes(raw, number, [line for k, line in enumerate(lines) if role.get(k) == "footnote"], next_note)
    body, aside = raw.body, raw.aside
    small = _SUPERSCRIPT * body_size
    previous: _PdfLine | None = None
    for k, line in enumerate(lines):
        if k in role:
            kind = role[k]
            if kind != "footnote":
                aside.append(Aside(kind, line.stripped, number))
            continue
        if line.small_digits:
            text, markers, n_chars, n_bold = _without_markers(line)
            for marker in markers:
                aside.append(Aside("footnote_marker", marker, number))
        else:  # most lines: _without_markers' answer, without the call
            text, markers, n_chars, n_bold = line.stripped, (), line.n_chars, line.n_bold
        if line.size < small and line.stripped.isdigit():
            # a footnote marker PDFium put on a line of its own: it belongs to the line before
            aside.append(Aside("footnote_marker", line.stripped, number))
            if body:
                body[-1].markers = (*body[-1].markers, line.stripped)
            continue
        if previous is not None and abs(line.top - previous.top) < _SAME_LINE and line.left > previous.left:
            # the same printed line, split in two by PDFium (e.g. around a marker)
            joined = body[-1]
            joined.text = f"{joined.text} {text}"
            joined.n_chars += n_chars
            joined.n_bold = (joined.n_bold or 0) + n_bold
            joined.markers = (*joined.markers, *markers)
        else:
            body.append(Line(text, number, None, line.size, n_chars, n_bold, markers))
        previous = line


def _without_markers(line: _PdfLine) -> tuple[str, tuple[str, ...], int, int]:
    """The line's text without superscript footnote numbers, the numbers, and its counts."""
    text = line.text
    if not line.small_digits:
        return line.stripped, (), line.n_chars, line.n_bold
    pieces, markers, last = [], [], 0
    n_chars, n_bold = line.n_chars, line.n_bold
    for start, end, bold in line.small_digits:
        pieces.append(text[last:start])
        markers.append(text[start:end])
        last = end
        n_chars -= end - start
        n_bold -= bold
    pieces.append(text[last:])
    return "".join(pieces).strip(), tuple(markers), n_chars, max(0, n_bold)


def _collect_notes(raw: RawDocument, page: int, lines: list[_PdfLine], next_note: list[int]) -> None:
    """Group footnote lines into notes: a note starts with its label ("1", "*")."""
    for line in lines:
        stripped = line.stripped
        raw.aside.append(Aside("footnote", stripped, page))
        label = _NOTE_LABEL.match(stripped)
        starts = False
        if label:
            value = label.group(1)
            small_label = bool(line.small_digits) and line.small_digits[0][0] == line.text.find(value)
            starts = value.startswith("*") or int(value) == next_note[0] or small_label
        if label and starts:
            value = label.group(1)
            if value.isdigit():
                next_note[0] = int(value) + 1
            raw.footnotes.append(Footnote(value, stripped[label.end() :].strip(), page))
        elif raw.footnotes:
            note = raw.footnotes[-1]
            note.text = f"{note.text} {stripped}".strip()
        else:
            raw.footnotes.append(Footnote("", stripped, page))

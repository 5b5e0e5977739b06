"""Plain-text concluding observations (such as text extracted from a PDF).

Plain text has lost the page layout, so page furniture is recognised by its
shape alone: a line that is only a symbol, a job number ("GE.15-17223"), a page
number or a barcode is set aside as a running header/footer. Footnotes are
recognised when they start with "*" or with the next footnote number whose
marker was found glued to a word of the text above ("Azerbaijan1").
"""

from __future__ import annotations

import re
from pathlib import Path

from cobs.errors import EmptyDocumentError, UnsupportedFormatError
from cobs.read._lines import Aside, Footnote, Line, RawDocument
from cobs.read._patterns import TEXT_FURNITURE, furniture_text

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_STAR_NOTE = re.compile(r"^(\*{1,3})\s*(\S.*)$")
_NUMBER_NOTE = re.compile(r"^(\d{1,3})(?:\s+(\S.*))?$")


def decode(path: Path, data: bytes) -> str:
    """Decode a text file: UTF-16 with a byte-order mark, UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnsupportedFormatError(path, "the file announces UTF-16 text but is not valid UTF-16") from None
    if b"\x00" in data[:4096]:
        raise UnsupportedFormatError(path, "the file holds binary data, not text (NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        if text.count("\ufffd") > 0.001 * len(text):
            raise UnsupportedFormatError(path, "the file is neither UTF-8 nor Windows-1252 text") from None
    controls = len(_CONTROL.findall(text, 0, 20000))
    if controls > 0.01 * min(len(text), 20000):
        raise UnsupportedFormatError(path, "the file holds binary data, not text (control characters)")
    return text


def read_text(path: Path, data: bytes, *, lines: tuple[int, int | None] | None = None) -> RawDocument:
    """Read a plain-text CO into body lines, set-aside lines and footnotes.

    ``lines`` reads the lines from ``lines[0]`` up to ``lines[1]`` (1-based, end
    excluded; None: to the end) only, numbered as in the whole file.
    """
    text = decode(path, data)
    if not text.strip():
        raise EmptyDocumentError(path, "the file holds no text")
    first, stop = lines or (1, None)
    raw = RawDocument(path=str(path), format="txt", body=[])
    next_note = 1
    in_note = False  # was the previous non-blank line part of a footnote?
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or lineno < first or (stop is not None and lineno >= stop):
            continue
        numbered = _NUMBER_NOTE.match(stripped)
        star = _STAR_NOTE.match(stripped)
        if (
            numbered
            and int(numbered.group(1)) == next_note
            and _looks_like_a_note(numbered.group(2) or "")
            and _take_marker(raw.body, numbered.group(1))
        ):
            raw.footnotes.append(Footnote(numbered.group(1), numbered.group(2) or "", None, lineno))
            raw.aside.append(Aside("footnote", stripped, None, lineno))
            raw.aside.append(Aside("footnote_marker", numbered.group(1), None, lineno))
            next_note += 1
            in_note = True
        elif in_note and (not raw.footnotes[-1].text or _continues_note(raw.footnotes[-1].text, stripped)):
            note = raw.footnotes[-1]
            note.text = f"{note.text} {stripped}".strip()
            raw.aside.append(Aside("footnote", stripped, None, lineno))
        elif TEXT_FURNITURE.match(furniture_text(stripped)):
            role = "page_number" if stripped.isdigit() else "running"
            raw.aside.append(Aside(role, stripped, None, lineno))
            in_note = False
        elif star and not stripped.startswith("*" * 4):
            raw.footnotes.append(Footnote(star.group(1), star.group(2), None, lineno))
            raw.aside.append(Aside("footnote", stripped, None, lineno))
            in_note = True
        else:
            raw.body.append(Line(stripped, None, lineno))
            in_note = False
    return raw


def _looks_like_a_note(text: str) -> bool:
    """A footnote opens with a capital, a digit or a symbol ("CRPD/C/...", "See ...", "Ibid."):
    a line opening in lower case after a number is a wrapped sentence ("1 million children ...")."""
    return not text[:1].islower()


def _continues_note(note: str, text: str) -> bool:
    """A footnote runs on to a line that opens in lower case, unless it has ended with a full stop."""
    return text[:1].islower() and not note.rstrip().endswith(".")


_CITATION_NUMBER = re.compile(r"\b(?:Add|Rev|Corr|No|Nos|para|paras|art|arts|annex|Vol|chap|Sect|p|pp)\.$")


def _take_marker(body: list[Line], label: str) -> bool:
    """Find the footnote marker ``label`` glued to a word in recent body lines; remove it.

    The number must follow a letter, a closing bracket or quote, or punctuation
    ("Azerbaijan1", "meetings,2", "Committee.3"), but not an abbreviation that
    numbers something ("Add.1", "No.5", "para.3").
    """
    glued = re.compile(rf"(?<=[A-Za-z\)\]’”\"'.,;:]){label}(?=[\s.,;:)]|$)")
    for line in reversed(body[-40:]):
        if label in line.markers:
            return True
        matches = [m for m in glued.finditer(line.text) if not _CITATION_NUMBER.search(line.text, 0, m.start())]
        if matches:
            m = matches[-1]
            line.text = line.text[: m.start()] + line.text[m.end() :]
            line.n_chars -= len(label)
            line.markers = (*line.markers, label)
            return True
    return False

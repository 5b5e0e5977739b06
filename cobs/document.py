"""Reading one concluding observations document: :func:`read_document`."""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import os
import re
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from cobs.columns import DTYPES, KIND_DTYPE
from cobs.errors import (
    CobsError,
    DamagedDocumentError,
    EmptyDocumentError,
    MultipleDocumentsError,
    NotAPDFError,
    ParseError,
    TruncatedDocumentError,
    UnknownCommitteeError,
    invalid_value,
)
from cobs.read import Identity, RawDocument, document_starts, identify_raw, read_raw, require_english_co
from cobs.reference import committees_table, cycle_range, find_committee, state_name
from cobs.structure import Structure, paragraph_kinds, read_structure

__all__ = ["Document", "DocumentMeta", "read_document", "read_documents"]

Format = Literal["txt", "pdf", "docx", "html"]


@dataclasses.dataclass(frozen=True)
class DocumentMeta:
    """What a document says about itself.

    Attributes
    ----------
    symbol : str
        UN symbol ("CRC/C/KAZ/CO/4"); ``symbol_source`` says whether it was
        printed in the document or inferred from its title.
    committee : str
        Committee code ("CRC").
    state, state_name : str
        State code (ISO 3166-1 alpha-3; "EU") and UN name.
    cycle : str
        Reporting cycle(s) reviewed ("4", "2-3"); ``cycle_first`` and ``cycle_last``
        give them as numbers (2 and 3), to sort by.
    year : int or None
        Year of adoption.
    date : datetime.date or None
        Date of adoption (the meeting at which the observations were adopted), when
        the document states it; otherwise None and ``year`` comes from the session's
        dates or the date of issue.
    session : int or None
        Committee session at which they were adopted.
    language : str
        ISO 639-1 code ("en").
    path, format, pages, sha256 : str, str, int or None, str
        The file read, its format ("txt", "pdf"), its page count and digest.
    """

    symbol: str
    committee: str
    state: str
    state_name: str
    cycle: str
    year: int | None
    date: datetime.date | None
    session: int | None
    language: str
    path: str
    format: str
    pages: int | None
    sha256: str
    symbol_source: Literal["printed", "inferred"]

    @property
    def cycle_first(self) -> int:
        """The first reporting cycle reviewed, as a number ("2-3" -> 2): what to sort documents by."""
        return cycle_range(self.cycle)[0]

    @property
    def cycle_last(self) -> int:
        """The last reporting cycle reviewed, as a number ("2-3" -> 3)."""
        return cycle_range(self.cycle)[1]

    def to_dict(self) -> dict[str, object]:
        """The metadata as a plain dictionary (with ``cycle_first`` and ``cycle_last``)."""
        return {**dataclasses.asdict(self), "cycle_first": self.cycle_first, "cycle_last": self.cycle_last}


@dataclasses.dataclass(frozen=True)
class Document:
    """A concluding observations document read into tables.

    Attributes
    ----------
    meta : DocumentMeta
        Symbol, committee, State, cycle, dates, language.
    paragraphs : pandas.DataFrame
        One row per paragraph's own text and per lettered sub-paragraph; columns
        in :data:`cobs.columns.PARAGRAPH_COLUMNS`.
    footnotes : pandas.DataFrame
        One row per footnote; columns in :data:`cobs.columns.FOOTNOTE_COLUMNS`.
    set_aside : pandas.DataFrame
        Everything of the file that is not paragraph text (title, headings,
        running headers and footers, masthead, footnotes, footnote markers),
        one row per line; columns in :data:`cobs.columns.SET_ASIDE_COLUMNS`.
    """

    meta: DocumentMeta
    paragraphs: pd.DataFrame
    footnotes: pd.DataFrame
    set_aside: pd.DataFrame

    def __repr__(self) -> str:
        m = self.meta
        n_para = self.paragraphs["para"].nunique()
        return (f"<Document {m.symbol} ({m.committee}, {m.state_name}, {m.year}): {n_para} paragraphs, "
                f"{len(self.paragraphs)} rows>")


def read_document(path: str | os.PathLike[str], *, format: Format | None = None) -> Document:
    """Read a concluding observations document into tables.

    Parameters
    ----------
    path : str or path-like
        A plain-text, PDF, Word (.docx) or HTML file.
    format : {"txt", "pdf", "docx", "html"}, optional
        Force a format instead of recognising it from the file's content.

    Returns
    -------
    Document

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    cobs.errors.MultipleDocumentsError
        If the file holds several documents one after the other (the paragraph
        numbering starts again at 1); :func:`read_documents` reads each.
    cobs.errors.DocumentError
        If the file cannot be read as a CO; the subclass says why (empty, not a
        PDF, truncated, encrypted, not a CO, not English, unknown committee,
        unreadable structure) and the message names the file.

    Examples
    --------
    >>> from cobs.datasets import sample_path
    >>> doc = read_document(sample_path())  # CRC/C/KAZ/CO/4, shipped with cobs
    >>> doc.meta.symbol, doc.meta.committee, doc.meta.state, doc.meta.cycle, doc.meta.year
    ('CRC/C/KAZ/CO/4', 'CRC', 'KAZ', '4', 2015)
    >>> row = doc.paragraphs.set_index(["para", "sub"]).loc[(61, "a")]
    >>> row["heading"], row["kind"], row["text"]
    ('Administration of juvenile justice', 'recommendation', \
'(a) Adopt a comprehensive law that will regulate all aspects of the juvenile justice system;')
    """
    path, data = _file(path, format)
    raw = _read_raw(path, data, format)
    who = identify_raw(raw)
    require_english_co(who)  # a file that is no CO is refused as such, before anything else
    if who.starts:
        raise _several(path, who)
    return _build(raw, who, hashlib.sha256(data).hexdigest())


def read_documents(path: str | os.PathLike[str], *, format: Format | None = None) -> list[Document]:
    """Read every document of a file that holds one or several (glued one after the other).

    A file sometimes holds several documents: two PDFs merged, a text file into
    which several COs were pasted. :func:`read_document` refuses such a file
    (:class:`cobs.errors.MultipleDocumentsError`) rather than read the second
    document into the last paragraph of the first; this function reads each
    document on its own, from where its title begins (see
    :func:`cobs.read.document_starts`) to where the next one's begins.

    Parameters
    ----------
    path : str or path-like
        A plain-text or PDF file (a Word or HTML file holding several documents
        cannot be cut, since its lines carry no position: save each document on
        its own).
    format : {"txt", "pdf", "docx", "html"}, optional
        Force a format instead of recognising it from the file's content.

    Returns
    -------
    list of Document
        In the order of the file; one Document for a file of one document. Each
        document's ``meta.sha256`` is the file's.

    Raises
    ------
    cobs.errors.MultipleDocumentsError
        If the file is a Word or HTML file, or a PDF in which a document starts
        in the middle of a page, holding several documents.
    cobs.errors.DocumentError
        If one of the documents cannot be read (the first that cannot).

    Examples
    --------
    >>> import tempfile, os
    >>> from cobs.datasets import sample_path
    >>> twice = os.path.join(tempfile.mkdtemp(), "twice.txt")
    >>> text = sample_path().read_text(encoding="utf-8")
    >>> with open(twice, "w", encoding="utf-8") as f:
    ...     _ = f.write(text + "\\n" + text)
    >>> [(d.meta.symbol, len(d.paragraphs)) for d in read_documents(twice)]
    [('CRC/C/KAZ/CO/4', 121), ('CRC/C/KAZ/CO/4', 121)]
    """
    path, data = _file(path, format)
    raw = _read_raw(path, data, format)
    who = identify_raw(raw)
    require_english_co(who)  # of the first document
    sha256 = hashlib.sha256(data).hexdigest()
    if not who.starts:
        return [_build(raw, who, sha256)]
    if raw.format == "txt":
        bounds = [1, *(line for _, line in who.starts), None]
    elif raw.format == "pdf" and _at_page_starts(raw):
        bounds = [1, *(page for page, _ in who.starts), None]
    else:
        raise _several(path, who, cannot_split=True)
    documents = []
    for first, stop in zip(bounds, bounds[1:], strict=False):
        piece = _read_raw(path, data, format, span=(first, stop))
        documents.append(_build(piece, identify_raw(piece), sha256))
    return documents


def _file(path: str | os.PathLike[str], format: str | None) -> tuple[Path, bytes]:
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    if path.is_dir():
        raise IsADirectoryError(f"{path}: is a folder; read_document reads one file (read_corpus reads folders)")
    data = path.read_bytes()
    if not data.strip():
        raise EmptyDocumentError(path, "the file is empty")
    if format is not None and format not in ("txt", "pdf", "docx", "html"):
        raise ValueError(invalid_value("format", format, ("txt", "pdf", "docx", "html", None)))
    if (format == "pdf" or path.suffix.lower() == ".pdf") and not data.startswith(b"%PDF-"):
        raise NotAPDFError(path, "the file is named or declared as a PDF but is not one (no '%PDF-' header)")
    return path, data


def _read_raw(path: Path, data: bytes, format: str | None, span: tuple[int, int | None] | None = None) -> RawDocument:
    try:
        return read_raw(path, data, format=format, span=span)
    except CobsError:
        raise
    except Exception as exc:  # a format library failing on a damaged file: one clear error, no traceback
        raise DamagedDocumentError(path, f"the file cannot be read ({type(exc).__name__}: {exc})") from exc


def _several(path: Path, who: Identity, *, cannot_split: bool = False) -> MultipleDocumentsError:
    page, line = who.starts[0]
    if cannot_split:
        advice = ("cobs cuts a text file, or a PDF at a page break, but not this one: save each document as a "
                  "file of its own")
    else:
        advice = "cobs.read_documents(path) reads each of them (or save each document as a file of its own)"
    return MultipleDocumentsError(
        path,
        f"a second document starts here (its paragraph numbering starts again at 1): the file holds "
        f"{len(who.starts) + 1} documents one after the other; {advice}",
        page=page, line=line if page is None else None, starts=list(who.starts),
    )


def _at_page_starts(raw: RawDocument) -> bool:
    """Does every further document of a PDF start on a page of its own?"""
    return all(raw.body[i].page != raw.body[i - 1].page for i in document_starts(raw.body))


_LONGEST_ROW = 10_000
"""No row of a CO is longer (characters). The longest of the 19,984 rows of the 123 COs read in ../shared (the
CRPD PDFs and the seed) has 1,976 (CRPD/C/SWE/CO/1, para. 4), the longest paragraph with its items 3,431; a row
five times longer is a parse gone wrong: a second document or a lost paragraph number absorbed into it."""


def _build(raw: RawDocument, who: Identity, sha256: str) -> Document:
    require_english_co(who)
    structure = read_structure(raw.body)
    if not structure.rows:
        numbers = [int(m.group(1)) for line in raw.body if (m := re.match(r"(\d{1,3})\.\s+[A-Z]", line.text))]
        if numbers:
            raise ParseError(raw.path, f"paragraph 1 is missing: the numbered paragraphs start at {min(numbers)} "
                             "(is the beginning of the document missing?)")
        raise ParseError(raw.path, "no numbered paragraphs found ('1. The Committee ...')")
    if structure.suspicious:
        page, line, number = structure.suspicious[0]
        where = f"page {page}" if page else f"line {line}" if line else f"paragraph {number}"
        raise ParseError(
            raw.path,
            f"paragraph numbering breaks at {where}: a paragraph {number} follows paragraph "
            f"{_para_before(structure, number)} without the numbers between",
        )
    longest = max(structure.rows, key=lambda r: len(r.text))
    if len(longest.text) > _LONGEST_ROW:
        where = f"paragraph {longest.para}" + (f" ({longest.sub})" if longest.sub else "")
        raise ParseError(
            raw.path,
            f"{where} runs to {len(longest.text):,} characters, more than {_LONGEST_ROW:,}, five times the longest "
            "paragraph of the COs cobs was checked on: the file may hold a second document that does not number "
            "its paragraphs from 1, or a paragraph number was lost in extraction",
            page=longest.page, line=longest.lineno,
        )
    if who.committee_line is not None and find_committee(who.committee_line) is None:
        known = ", ".join(committees_table()["code"])
        raise UnknownCommitteeError(
            raw.path, f"the document is from {who.committee_line!r}, not one of the treaty bodies cobs knows ({known})"
        )
    if who.committee is None:
        raise UnknownCommitteeError(raw.path, "the document does not name the committee that adopted it")
    if not who.state or not who.cycle or not who.co_symbol:
        missing = [k for k in ("state", "cycle") if not getattr(who, k)]
        raise ParseError(raw.path,
                         f"cannot tell the {' and '.join(missing) or 'symbol'} of the report reviewed from the title")
    last = structure.last_text
    if not re.search(r"[.!?][)\]”\"’]*$", last):  # a CO ends with a full sentence; a cut one often with ";"
        raise TruncatedDocumentError(
            raw.path, f"the document stops in the middle of paragraph {structure.rows[-1].para} ({last[-40:]!r})"
        )
    doc_meta = DocumentMeta(
        symbol=who.co_symbol,
        committee=who.committee,
        state=who.state,
        state_name=state_name(who.state),
        cycle=who.cycle,
        year=who.year,
        date=who.adopted,
        session=who.session_number,
        language=who.language,
        path=raw.path,
        format=raw.format,
        pages=raw.n_pages,
        sha256=sha256,
        symbol_source=who.symbol_source,  # type: ignore[arg-type]
    )
    return Document(
        meta=doc_meta,
        paragraphs=_paragraph_table(doc_meta, structure, raw.typography, raw),
        footnotes=_footnote_table(doc_meta, raw, structure),
        set_aside=_set_aside_table(doc_meta, raw, structure),
    )


def _para_before(structure: Structure, number: int) -> int:
    return max((r.para for r in structure.rows if r.para < number), default=0)


def _paragraph_table(
    meta: DocumentMeta, structure: Structure, typography: bool, raw: RawDocument
) -> pd.DataFrame:
    kinds = paragraph_kinds(structure.rows, typography)
    rows = structure.rows
    notes: dict[tuple[int, str], list[str]] = {}
    for note in raw.footnotes:
        where = structure.marker_rows.get(note.label)
        if where is not None and where[0] is not None and not note.label.startswith("*"):
            notes.setdefault(where, []).append(note.text)
    n = len(rows)
    return pd.DataFrame(
        {
            "symbol": _text([meta.symbol] * n),
            "committee": _text([meta.committee] * n),
            "state": _text([meta.state] * n),
            "cycle": _text([meta.cycle] * n),
            "cycle_first": _same_int(meta.cycle_first, n),
            "cycle_last": _same_int(meta.cycle_last, n),
            "year": _same_int(meta.year, n),
            "language": _text([meta.language] * n),
            "para": np.array([r.para for r in rows], dtype=np.int64),
            "sub": _text([r.sub for r in rows]),
            "section": _text([r.section or None for r in rows]),
            "cluster": _text([r.cluster or None for r in rows]),
            "heading": _text([r.heading or None for r in rows]),
            "kind": pd.Categorical.from_codes([_KIND_CODES[kinds[r.para]] for r in rows], dtype=KIND_DTYPE),
            "text": _text([r.text for r in rows]),
            "page": _ints([r.page for r in rows]),
            "line": _ints([r.lineno for r in rows]),
            "bold": np.array([
                (r.n_bold / r.n_chars if r.n_chars else np.nan) if r.n_bold is not None and typography else np.nan
                for r in rows
            ], dtype=np.float64),
            "notes": _objects([notes.get((r.para, r.sub), []) for r in rows]),
        },
    )


def _text(values: list[str | None]) -> pd.api.extensions.ExtensionArray:
    """A text column: pandas' ``string`` dtype, None as pd.NA (see :data:`cobs.columns.DTYPES`).

    Built as an array directly: converting a finished table with ``astype`` costs ten times more, and
    ``pd.array(values, dtype=...)`` three times more than handing pandas the Arrow array its ``string`` dtype
    holds (where that dtype is Arrow's, as with pyarrow installed; the values are str or None).
    """
    dtype = DTYPES["text"]
    if getattr(dtype, "storage", None) == "pyarrow" and dtype.na_value is pd.NA:
        import pyarrow as pa

        return pd.arrays.ArrowStringArray(pa.array(values, type=pa.large_string()))
    return pd.array(values, dtype=dtype)


_KIND_CODES = {kind: code for code, kind in enumerate(KIND_DTYPE.categories)}


def _ints(values: list[int | None]) -> pd.api.extensions.ExtensionArray:
    """An integer column: pandas' ``Int64``, None as pd.NA; built from its values and mask, five times faster than
    ``pd.array(values, dtype="Int64")``."""
    mask = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
    data = np.fromiter((0 if v is None else v for v in values), dtype=np.int64, count=len(values))
    return pd.arrays.IntegerArray(data, mask)


def _same_int(value: int | None, n: int) -> pd.api.extensions.ExtensionArray:
    """An integer column of ``n`` times the same value (``_ints([value] * n)``, without a generator)."""
    return pd.arrays.IntegerArray(np.full(n, 0 if value is None else value, dtype=np.int64),
                                  np.full(n, value is None, dtype=bool))


def _objects(values: list[object]) -> np.ndarray:
    """A column of Python objects (lists), one per row: an array filled in place, as pandas would fill it from a
    Series, at a quarter of the cost."""
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return array


def _footnote_table(meta: DocumentMeta, raw: RawDocument, structure: Structure) -> pd.DataFrame:
    numbers, texts, pages, paras, subs = [], [], [], [], []
    for note in raw.footnotes:
        para, sub = structure.marker_rows.get(note.label, (None, ""))
        if note.label.startswith("*"):
            para, sub = None, ""
        numbers.append(note.label)
        texts.append(note.text)
        pages.append(note.page)
        paras.append(para)
        subs.append(sub if para is not None else None)
    return pd.DataFrame(
        {"symbol": _text([meta.symbol] * len(numbers)), "number": _text(numbers), "text": _text(texts),
         "page": _ints(pages), "para": _ints(paras), "sub": _text(subs)},
    )


def _set_aside_table(meta: DocumentMeta, raw: RawDocument, structure: Structure) -> pd.DataFrame:
    asides = [*raw.aside, *structure.aside]
    return pd.DataFrame(
        {"symbol": _text([meta.symbol] * len(asides)), "role": _text([a.role for a in asides]),
         "text": _text([a.text for a in asides]), "page": _ints([a.page for a in asides]),
         "line": _ints([a.lineno for a in asides])},
    )


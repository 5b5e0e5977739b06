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

from cobs.columns import DTYPES, FOOTNOTE_COLUMNS, KIND_DTYPE, PARAGRAPH_COLUMNS, SET_ASIDE_COLUMNS
from cobs.errors import (
    CobsError,
    DamagedDocumentError,
    EmptyDocumentError,
    LanguageError,
    NotACOError,
    NotAPDFError,
    ParseError,
    TruncatedDocumentError,
    UnknownCommitteeError,
)
from cobs.read import read_raw
from cobs.read._lines import RawDocument
from cobs.read.language import LANGUAGE_NAMES, detect_language
from cobs.read.metadata import committee_in_title, infer, printed_symbol
from cobs.reference.committees import committees_table
from cobs.reference.states import state_name
from cobs.reference.symbols import parse_symbol
from cobs.structure import Structure, kind_from_wording, read_structure, section_kind

__all__ = ["Document", "DocumentMeta", "read_document"]

Format = Literal["txt", "pdf", "docx", "html"]
_BOLD_SHARE = 0.5


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
        Reporting cycle(s) reviewed ("4", "2-3").
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

    def to_dict(self) -> dict[str, object]:
        """The metadata as a plain dictionary."""
        return dataclasses.asdict(self)


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
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    if path.is_dir():
        raise IsADirectoryError(f"{path}: is a folder; read_document reads one file (read_corpus reads folders)")
    data = path.read_bytes()
    if not data.strip():
        raise EmptyDocumentError(path, "the file is empty")
    if format is not None and format not in ("txt", "pdf", "docx", "html"):
        raise ValueError(f"format must be 'txt', 'pdf', 'docx', 'html' or None, got {format!r}")
    if (format == "pdf" or path.suffix.lower() == ".pdf") and not data.startswith(b"%PDF-"):
        raise NotAPDFError(path, "the file is named or declared as a PDF but is not one (no '%PDF-' header)")
    try:
        raw = read_raw(path, data, format=format)
    except CobsError:
        raise
    except Exception as exc:  # a format library failing on a damaged file: one clear error, no traceback
        raise DamagedDocumentError(path, f"the file cannot be read ({type(exc).__name__}: {exc})") from exc
    return _build(raw, hashlib.sha256(data).hexdigest())


def _check_language(raw: RawDocument) -> str:
    text = " ".join(line.text for line in raw.body[:400])
    language = detect_language(text)
    if language != "en":
        name = LANGUAGE_NAMES.get(language, "an unknown language")
        raise LanguageError(
            raw.path, f"the document is in {name}, not English; cobs reads the English version of a CO",
            language=language or "und",
        )
    return language


_HEAD_LINES = 60


def _check_is_co(raw: RawDocument) -> None:
    """Raise NotACOError unless the head of the document announces concluding observations."""
    head_lines = []
    for line in raw.body[:_HEAD_LINES]:
        if re.match(r"^1\.\s", line.text):
            break
        head_lines.append(line.text)
    head = " ".join(" ".join(head_lines).split())
    furniture = " ".join(a.text for a in raw.aside if a.role in ("masthead", "running"))
    doc_type = ""
    if re.search(r"Information received from", head, re.IGNORECASE):
        doc_type = "follow-up information from the State party"
    elif re.search(r"Concluding\s+observations", head, re.IGNORECASE):
        doc_type = ""
    elif re.search(r"Replies\s+of|replies\s+to\s+the\s+list", head, re.IGNORECASE):
        doc_type = "the State party's replies to a list of issues"
    elif re.search(r"List\s+of\s+issues", head, re.IGNORECASE):
        doc_type = "a list of issues"
    elif re.search(r"Report\s+of\s+the\s+Working\s+Group\s+on\s+the\s+Universal\s+Periodic\s+Review", head,
                   re.IGNORECASE):
        doc_type = "a report of the Working Group on the Universal Periodic Review"
    elif re.search(r"Universal\s+Periodic\s+Review", head + " " + furniture, re.IGNORECASE):
        doc_type = "a document of the Universal Periodic Review"
    elif re.search(r"report[s]?\s+submitted\s+by|(?:initial|periodic)\s+reports?\s+of\s+States", head, re.IGNORECASE):
        doc_type = "a State party report"
    else:
        doc_type = "not concluding observations"
    if doc_type:
        what = doc_type if doc_type.startswith("not ") else f"not concluding observations but {doc_type}"
        raise NotACOError(raw.path, f"the document is {what} (its title does not announce concluding observations)",
                          doc_type=doc_type)


def _build(raw: RawDocument, sha256: str) -> Document:
    language = _check_language(raw)
    _check_is_co(raw)
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
    title_lines = [a.text for a in structure.aside if a.role == "title"]
    furniture = [a.text for a in raw.aside if a.role in ("masthead", "running")]
    committee, committee_line = committee_in_title(title_lines)
    printed_text = printed_symbol(furniture)
    printed = parse_symbol(printed_text) if printed_text else None
    if committee is None:
        if committee_line is not None:
            known = ", ".join(committees_table()["code"])
            raise UnknownCommitteeError(
                raw.path, f"the document is from {committee_line!r}, not one of the treaty bodies cobs knows ({known})"
            )
        if printed is None:
            raise UnknownCommitteeError(raw.path, "the document does not name the committee that adopted it")
        committee = printed.committee
    first_paras = [" ".join(r.text for r in structure.rows if r.para == n) for n in (1, 2)]
    notes = " ".join(f.text for f in raw.footnotes)
    meta = infer(
        title=" ".join(title_lines), first_paras=first_paras, notes=notes, furniture=furniture, committee=committee
    )
    if meta["symbol"]:
        parsed = parse_symbol(str(meta["symbol"]))
        if not parsed.is_co:
            raise NotACOError(raw.path, f"the document's symbol {parsed.symbol} is {parsed.description}, not a CO",
                              doc_type=parsed.description)
    if not meta["state"] or not meta["cycle"] or not meta["symbol"]:
        missing = [k for k in ("state", "cycle") if not meta[k]]
        raise ParseError(raw.path,
                         f"cannot tell the {' and '.join(missing) or 'symbol'} of the report reviewed from the title")
    last = structure.last_text
    if not re.search(r"[.!?][)\]”\"’]*$", last):  # a CO ends with a full sentence; a cut one often with ";"
        raise TruncatedDocumentError(
            raw.path, f"the document stops in the middle of paragraph {structure.rows[-1].para} ({last[-40:]!r})"
        )
    doc_meta = DocumentMeta(
        symbol=str(meta["symbol"]),
        committee=committee,
        state=str(meta["state"]),
        state_name=state_name(str(meta["state"])),
        cycle=str(meta["cycle"]),
        year=meta["year"],  # type: ignore[arg-type]
        date=meta["date"],  # type: ignore[arg-type]
        session=meta["session"],  # type: ignore[arg-type]
        language=language,
        path=raw.path,
        format=raw.format,
        pages=raw.n_pages,
        sha256=sha256,
        symbol_source=meta["symbol_source"],  # type: ignore[arg-type]
    )
    return Document(
        meta=doc_meta,
        paragraphs=_paragraph_table(doc_meta, structure, raw.typography, raw),
        footnotes=_footnote_table(doc_meta, raw, structure),
        set_aside=_set_aside_table(doc_meta, raw, structure),
    )


def _para_before(structure: Structure, number: int) -> int:
    return max((r.para for r in structure.rows if r.para < number), default=0)


def _paragraph_kinds(structure: Structure, typography: bool) -> dict[int, str]:
    """Kind of each paragraph: its section first, then its wording, then (PDF) its bold."""
    own: dict[int, str] = {}
    section: dict[int, str] = {}
    chars: dict[int, int] = {}
    bold: dict[int, int] = {}
    for row in structure.rows:
        if not row.sub:
            own[row.para] = row.text
            section[row.para] = row.section
        chars[row.para] = chars.get(row.para, 0) + row.n_chars
        bold[row.para] = bold.get(row.para, 0) + (row.n_bold or 0)
    main = [p for p in own if section[p] and section_kind(section[p]) is None]
    bold_used = typography and sum(bold[p] for p in main) > 0.05 * max(1, sum(chars[p] for p in main))
    kinds = {}
    for para, text in own.items():
        if not section[para]:
            kinds[para] = "intro"
            continue
        kind = kind_from_wording(text, section[para])
        # Bold marks recommendations in UN PDFs: it catches requests the wording rules
        # miss ("Under the simplified reporting procedure, ..."). Where the wording
        # is explicit (a concern, a request left in regular type), the wording stands.
        if (bold_used and kind in ("other", "positive") and section_kind(section[para]) is None
                and bold[para] >= _BOLD_SHARE * max(1, chars[para])):
            kind = "recommendation"
        kinds[para] = kind
    return kinds


def _paragraph_table(
    meta: DocumentMeta, structure: Structure, typography: bool, raw: RawDocument
) -> pd.DataFrame:
    kinds = _paragraph_kinds(structure, typography)
    rows = structure.rows
    notes: dict[tuple[int, str], list[str]] = {}
    for note in raw.footnotes:
        where = structure.marker_rows.get(note.label)
        if where is not None and where[0] is not None and not note.label.startswith("*"):
            notes.setdefault(where, []).append(note.text)
    n = len(rows)
    table = pd.DataFrame(
        {
            "symbol": [meta.symbol] * n,
            "committee": [meta.committee] * n,
            "state": [meta.state] * n,
            "cycle": [meta.cycle] * n,
            "year": pd.array([meta.year] * n, dtype="Int64"),
            "language": [meta.language] * n,
            "para": np.array([r.para for r in rows], dtype=np.int64),
            "sub": [r.sub for r in rows],
            "section": [r.section or None for r in rows],
            "cluster": [r.cluster or None for r in rows],
            "heading": [r.heading or None for r in rows],
            "kind": pd.Categorical([kinds[r.para] for r in rows], dtype=KIND_DTYPE),
            "text": [r.text for r in rows],
            "page": pd.array([r.page for r in rows], dtype="Int64"),
            "line": pd.array([r.lineno for r in rows], dtype="Int64"),
            "bold": [
                (r.n_bold / r.n_chars if r.n_chars else np.nan) if r.n_bold is not None and typography else np.nan
                for r in rows
            ],
            "notes": [notes.get((r.para, r.sub), []) for r in rows],
        },
        columns=list(PARAGRAPH_COLUMNS),
    )
    return _typed(table)


def _typed(table: pd.DataFrame) -> pd.DataFrame:
    """The table's text columns as ``string`` (missing: pd.NA), as :data:`cobs.columns.DTYPES` documents."""
    text = [c for c in table.columns if isinstance(DTYPES.get(c), pd.StringDtype)]
    return table.astype(dict.fromkeys(text, DTYPES["text"]))


def _footnote_table(meta: DocumentMeta, raw: RawDocument, structure: Structure) -> pd.DataFrame:
    records = []
    for note in raw.footnotes:
        para, sub = structure.marker_rows.get(note.label, (None, ""))
        if note.label.startswith("*"):
            para, sub = None, ""
        records.append({"symbol": meta.symbol, "number": note.label, "text": note.text, "page": note.page,
                        "para": para, "sub": sub if para is not None else None})
    table = pd.DataFrame(records, columns=list(FOOTNOTE_COLUMNS))
    table["page"] = table["page"].astype("Int64")
    table["para"] = table["para"].astype("Int64")
    return _typed(table)


def _set_aside_table(meta: DocumentMeta, raw: RawDocument, structure: Structure) -> pd.DataFrame:
    records = [
        {"symbol": meta.symbol, "role": a.role, "text": a.text, "page": a.page, "line": a.lineno}
        for a in [*raw.aside, *structure.aside]
    ]
    table = pd.DataFrame(records, columns=list(SET_ASIDE_COLUMNS))
    table["page"] = table["page"].astype("Int64")
    table["line"] = table["line"].astype("Int64")
    return _typed(table)


"""What a document is: the one place that tells (symbol, committee, State, cycle, dates, language, type).

:func:`cobs.read_document` reads concluding observations in English and
refuses the rest; :func:`cobs.fetch` checks that a download is the document
asked for, in the language asked for; the registry catalogues COs in every
language. All three ask this module, which reads the file once with
:func:`cobs.read.read_raw` and answers from its lines, so that they cannot
disagree about a file:

* **symbol**: UN documents print their symbol in the masthead of the first
  page ("United Nations  CRPD/C/KAZ/CO/1") and as the running header of the
  other pages. A line that holds nothing but a symbol (once "United Nations"
  in any language and words of another script are set aside: an Arabic
  masthead comes out of the PDF as "CRPD الأمم المتحدة /C/KAZ/CO/1") is
  counted (:func:`symbol_lines`); the symbol printed most often is the
  document's. Symbols cited in the text or in footnotes ("1 CRPD/C/CRI/2-3.")
  stand in longer lines and are not counted. Where no symbol is printed (the
  seed, extracted to plain text), a CO's symbol is inferred from its title:
  "Committee on the Rights of the Child" + "fourth periodic report of
  Kazakhstan" -> CRC/C/KAZ/CO/4.
* **type**: the printed symbol's type when it is a treaty-body symbol ("Q": a
  list of issues, "/Add.1": an addendum), else the title's words in any of the
  six languages (``cobs/data/document_types.csv``).
* **language**: detected from the text (:func:`detect_language`);
  the masthead's languages: the version's own ("Arabic", "Français"), the
  original ("Original: English") and the versions issued when it limits them
  ("Spanish, English and Russian only").
* **dates**: the adoption date stated in paragraph 1 (else 2) in English,
  French, Spanish or Arabic; the session's dates from the "* Adopted by the
  Committee at its ... session (4-22 March 2024)" note. Month names must be
  read exactly: where PDF extraction garbles them (it often does in Arabic),
  the date is left unknown rather than guessed.
* **documents in the file**: paragraph numbering that restarts at 1 after a
  complete document is a second document glued to the first
  (:func:`document_starts`).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import os
import re
from collections import Counter
from pathlib import Path

from cobs.errors import EmptyDocumentError, LanguageError, NotACOError, NotAPDFError
from cobs.read._dates import (
    _ARABIC_DIGIT,
    _ARABIC_DIGITS,
    _PARA_START,
    _SESSION_DATE,
    _SESSION_NOTE,
    _adoption_date,
    _paragraph,
    session_dates,
)
from cobs.read._language import LANGUAGE_NAMES, detect_language, language_code
from cobs.read._lines import RawDocument
from cobs.read._patterns import SYMBOL
from cobs.read._raw import read_raw, sniff_format
from cobs.read._starts import document_starts
from cobs.reference import (
    COMMITTEE_LINE,
    ORDINAL_WORD,
    SESSION_WORD,
    TENS,
    Symbol,
    date_pattern,
    find_committee,
    find_state,
    format_symbol,
    ordinal_value,
    parse_symbol,
    read_rows,
    to_date,
    with_article,
)

__all__ = [
    "CO",
    "Identity",
    "cycle_from_title",
    "identify",
    "identify_raw",
    "language_code",
    "require_english_co",
    "symbol_lines",
]

CO = "concluding observations"
"""The ``doc_type`` of concluding observations."""


@dataclasses.dataclass(frozen=True)
class Identity:
    """What a document file says about itself.

    Attributes
    ----------
    path : str
        The file.
    format : {"pdf", "docx", "html", "txt"}
        Its format, from its first bytes.
    symbol : str or None
        The symbol printed most often as a masthead or running header line (on the
        first six pages); None when no line holds a symbol alone.
    symbols : dict
        Every symbol printed alone on a line, with the number of such lines.
    language : str
        ISO 639-1 code of the language of the text ("" when it is none of the six).
    version : str or None
        The language the masthead names for this version ("Arabic" -> "ar").
    original : str or None
        The language of the original ("Original: English" -> "en").
    issued : tuple of str
        The versions issued when the masthead limits them ("Spanish, English and
        Russian only" -> ("es", "en", "ru")); () when it does not say.
    adopted : datetime.date or None
        Date of adoption read from paragraph 1 (else 2), when it can be read exactly.
    session : tuple of datetime.date or None
        First and last day of the session at which the document was adopted.
    pages : int or None
        Number of pages (PDF).
    doc_type : str
        What the document is: :data:`CO` ("concluding observations"), or "a list
        of issues", "a State party report", "follow-up information from the State
        party", "an addendum 1 to the concluding observations", ...; "" when
        neither its symbol nor its title says.
    type_source : {"symbol", "title", ""}
        What told the type: the printed symbol, or the title's words.
    title : str
        The lines before the first heading or paragraph 1, joined.
    committee : str or None
        Code of the committee the title names (else the printed symbol's); see
        ``committee_line`` for a committee cobs does not know.
    committee_line : str or None
        The title line naming a committee, known or not ("Committee on the Rights of Cats").
    state, cycle, protocol : str or None
        The State (ISO 3166 alpha-3), the cycle(s) reviewed ("2-3") and the CRC
        optional protocol ("OPSC", "OPAC"): from the printed CO symbol, else the title.
    co_symbol : str or None
        The CO's symbol: the printed one if it is a treaty-body symbol, else the one
        the title gives (committee, State, cycle); ``symbol_source`` says which.
    symbol_source : {"printed", "inferred"} or None
    session_number : int or None
        The committee session named in the title or the "* Adopted by ..." note.
    year : int or None
        Year of adoption: from ``adopted``, else the session's last day, else the
        date of issue printed in the masthead.
    starts : tuple of (page, line)
        Where each document after the first begins, when the file holds several
        (:func:`document_starts`); () for one.
    """

    path: str
    format: str
    symbol: str | None
    symbols: dict[str, int]
    language: str
    version: str | None
    original: str | None
    issued: tuple[str, ...]
    adopted: datetime.date | None
    session: tuple[datetime.date, datetime.date] | None
    pages: int | None
    doc_type: str = ""
    type_source: str = ""
    title: str = ""
    committee: str | None = None
    committee_line: str | None = None
    state: str | None = None
    cycle: str | None = None
    protocol: str | None = None
    co_symbol: str | None = None
    symbol_source: str | None = None
    session_number: int | None = None
    year: int | None = None
    starts: tuple[tuple[int | None, int | None], ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language version the file shows to exist, sorted: its own, the original, those issued."""
        found = {self.language, self.version, self.original, *self.issued}
        return tuple(sorted(code for code in found if code))

    @property
    def is_co(self) -> bool:
        """Is the document concluding observations (in any language)?"""
        return self.doc_type == CO


# --- symbols ---------------------------------------------------------------------------------

_UN = re.compile(
    r"United\s+Nations|Nations\s+Unies|Naciones\s+Unidas|Организация\s+Объединенных\s+Наций|联合国|الأمم\s+المتحدة"
)
_OTHER_SCRIPT = re.compile(
    r"[\u0400-\u04ff\u0600-\u06ff\ufb50-\ufeff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+"
)
_SPACE_AROUND = re.compile(r"\s+(?=[/-])|(?<=[/-])\s+")
_SYMBOL_LINE = re.compile(SYMBOL)
_LONGEST_SYMBOL_LINE = 120
"""Characters: a masthead line ("United Nations  CRPD/C/KAZ/CO/1", in any language) is far shorter."""


def _clean_symbol(text: str) -> str:
    out = "".join(text.split()).upper()
    return out.replace("/ADD.", "/Add.").replace("/CORR.", "/Corr.").replace("/REV.", "/Rev.")


def symbol_lines(lines: list[str]) -> Counter[str]:
    """Count the lines that hold a document symbol and nothing else (masthead, running headers).

    Examples
    --------
    >>> symbol_lines(["United Nations CRPD/C/ESP/CO/1", "CRPD/C/ESP/CO/1", "1 CRPD/C/ESP/1.", "CRPD/C/SEN/CO /1"])
    Counter({'CRPD/C/ESP/CO/1': 2, 'CRPD/C/SEN/CO/1': 1})
    """
    found: Counter[str] = Counter()
    for line in lines:
        if "/" not in line or len(line) > _LONGEST_SYMBOL_LINE:  # a symbol has slashes; a line of text is long
            continue
        text = _OTHER_SCRIPT.sub(" ", _UN.sub(" ", line))
        text = _SPACE_AROUND.sub("", text).strip()
        if _SYMBOL_LINE.fullmatch(text) and not text.endswith("."):
            found[_clean_symbol(text)] += 1
    return found


def _treaty_symbol(text: str | None) -> Symbol | None:
    if text is None:
        return None
    try:
        return parse_symbol(text)
    except ValueError:  # another body's symbol (A/HRC/...), or a pre-2006 one cobs does not know
        return None


# --- languages -------------------------------------------------------------------------------

_LIST_SEPARATORS = re.compile(r"\s*(?:,|\band\b|\bet\b|\by\b|\bи\b|、|和)\s*")


@functools.cache
def _language_name_re() -> str:
    names = {row["name"].casefold() for row in read_rows("language_names.csv")}
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_ONLY = re.compile(r"(?:only|únicamente|seulement|uniquement|только)\b", re.IGNORECASE)


@functools.cache
def _original_re() -> re.Pattern[str]:
    return re.compile(rf"(?:Original|Язык\s+оригинала|原文)\s*[:：]\s*({_language_name_re()})\b", re.IGNORECASE)


@functools.cache
def _issued_re() -> re.Pattern[str]:
    names = _language_name_re()
    return re.compile(rf"\b((?:{names})(?:{_LIST_SEPARATORS.pattern}(?:{names}))*)\s+{_ONLY.pattern}", re.IGNORECASE)


def _masthead_languages(page_text: str) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(version, original, issued) from a first page's masthead; see :class:`Identity`."""
    flat = " ".join(page_text.split())
    original = _original_re().search(flat)
    # the list of languages is looked for only where its last word stands: trying the names at every character
    # of the page costs as much as the rest of identifying a document
    only = _issued_re().search(flat) if _ONLY.search(flat) else None
    issued: tuple[str, ...] = ()
    if only:
        issued = tuple(code for part in _LIST_SEPARATORS.split(only.group(1)) if (code := language_code(part)))
    version = None
    for line in page_text.splitlines():
        if len(line.strip()) < 20 and (code := language_code(line)):
            version = code
    return version, language_code(original.group(1)) if original else None, issued


# --- what the title says ----------------------------------------------------------------------

_TENS_ = rf"(?:(?:{TENS})[-\s])?"  # "twenty-" in "twenty-first"
_HUNDRED = r"(?:one\s+hundred\s+(?:and\s+)?)?"  # "one hundred and" in "one hundred and first"
_NUMBERED = r"\d{1,3}(?:st|nd|rd|th)"  # "21st"
_REPORTS = re.compile(
    rf"\b((?:{_TENS_}(?:{ORDINAL_WORD})(?:\s*,\s*|\s+and\s+|\s+to\s+|\s+))*{_TENS_}(?:{ORDINAL_WORD}))"
    rf"\s+(?:(?:combined\s+)?periodic\s+|consolidated\s+)?reports?\b",
    re.IGNORECASE,
)
_ORDINAL = re.compile(rf"\b{_HUNDRED}{_TENS_}(?:{ORDINAL_WORD})\b|\b{_NUMBERED}\b", re.IGNORECASE)
_SESSION = re.compile(rf"\b({_HUNDRED}{_TENS_}(?:{SESSION_WORD})|{_NUMBERED})\s+session\b", re.IGNORECASE)
_CONSIDERED = re.compile(r"considered\s+the\s+(.{0,120}?)reports?\b", re.IGNORECASE | re.DOTALL)
_HEADING = re.compile(r"^(?:[IVXL]{1,6}|[A-Z])\.\s*[A-Z“\"‘]")
"""A section heading ("I. Introduction", "A. Introduction"): where a title ends."""


def cycle_from_title(title: str) -> str | None:
    """The cycle(s) a title names: "combined second and third periodic reports" -> "2-3".

    Examples
    --------
    >>> cycle_from_title("Concluding observations on the fourth periodic report of Kazakhstan")
    '4'
    >>> cycle_from_title("on the combined initial and second and third periodic reports of Nicaragua")
    '1-3'
    >>> cycle_from_title("on the combined twenty-first to twenty-third periodic reports of Kazakhstan")
    '21-23'
    """
    match = _REPORTS.search(title)
    if not match:
        return None
    numbers = [n for w in _ORDINAL.finditer(match.group(1)) if (n := ordinal_value(w.group(0)))]
    if not numbers:
        return None
    low, high = min(numbers), max(numbers)
    return str(low) if low == high else f"{low}-{high}"


def committee_in_title(title_lines: list[str]) -> tuple[str | None, str | None]:
    """(committee code, the committee line) from the title; code None if the line names an unknown body."""
    for line in title_lines:
        stripped = line.strip()
        code = find_committee(stripped)
        if code:
            return code, stripped
        if COMMITTEE_LINE.match(stripped):
            return None, stripped
    return None, None


@functools.cache
def _document_types() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    return tuple(
        (row["doc_type"], row["scope"], re.compile(row["pattern"], re.IGNORECASE))
        for row in read_rows("document_types.csv")
    )


def _type_from_words(head: str, furniture: str) -> str:
    """The document type the head's words announce, in any of the six languages ("" if none)."""
    for doc_type, scope, pattern in _document_types():
        text = head if scope == "head" else f"{head} {furniture}"
        if pattern.search(text):
            return doc_type
    return ""


def _type_from_symbol(parsed: Symbol) -> str:
    return CO if parsed.is_co else with_article(parsed.description)


# --- identification ---------------------------------------------------------------------------

_OPENING_PAGES = 6
"""Pages whose lines are read for the symbol: the masthead, a cover page perhaps, and running headers."""
_LINES_A_PAGE = 60
"""Where a document has no pages (text, Word, HTML), this many lines count as a page."""
_OPENING_LINES = _OPENING_PAGES * _LINES_A_PAGE
"""Body lines read for the title, paragraphs 1 and 2 and the dates (the whole file is read only for
:func:`document_starts`)."""
_LANGUAGE_LINES = 400
"""Body lines read to detect the language."""


def _opening(raw: RawDocument, pages: int) -> list[str]:
    """The lines (body and set aside) of the first ``pages`` pages; of the first 60 lines a page where there are
    no pages. Running headers of Word files, which come without a position, are always among them."""
    numbered = [line.page for line in raw.body if line.page is not None]
    if numbered:  # a PDF, or a part of one that starts on a later page (read_documents)
        last = min(numbered) + pages - 1
        return ([line.text for line in raw.body if line.page is None or line.page <= last]
                + [a.text for a in raw.aside if a.page is None or a.page <= last])
    lines = raw.body[: pages * _LINES_A_PAGE]
    cutoff = lines[-1].lineno if lines and lines[-1].lineno is not None else None
    asides = [a.text for a in raw.aside
              if (a.lineno is not None and cutoff is not None and a.lineno <= cutoff)
              or (a.lineno is None and a.role in ("running", "masthead", "page_number"))]
    if cutoff is None:  # Word, HTML: footnotes come without a position; the first ones stand on the first pages
        asides += [a.text for a in raw.aside if a.lineno is None and a.role == "footnote"][: pages * _LINES_A_PAGE]
    return [line.text for line in lines] + asides


def identify(path: str | os.PathLike[str]) -> Identity:
    """Read what a PDF or Word file says about itself: symbol, type, language versions, dates.

    This is the check of a downloaded file (:func:`cobs.fetch`): only PDF and
    Word files are accepted. :func:`identify_raw` identifies any document read
    with :func:`cobs.read.read_raw` (text and HTML too).

    Parameters
    ----------
    path : str or path-like
        A PDF or Word (.docx) file of a UN document, in any of the six UN languages.

    Returns
    -------
    Identity

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    cobs.errors.DocumentError
        If the file is empty, neither a PDF nor a Word file (an HTML page, say),
        truncated or damaged; the message names the file.

    Examples
    --------
    >>> who = identify("Kazakhstan_2024_CRPD_C_KAZ_CO_1.pdf")  # doctest: +SKIP
    >>> who.symbol, who.doc_type, who.language, who.original, who.adopted  # doctest: +SKIP
    ('CRPD/C/KAZ/CO/1', 'concluding observations', 'ar', 'en', datetime.date(2024, 3, 19))
    """
    path = Path(path)
    data = path.read_bytes()
    if not data.strip():
        raise EmptyDocumentError(path, "the file is empty")
    fmt = sniff_format(data)
    if fmt == "html":
        raise NotAPDFError(path, "the file is an HTML page, neither a PDF nor a Word (.docx) file")
    if fmt == "doc":
        raise NotAPDFError(path, "the file is an old Word (.doc) file; cobs reads PDF and Word .docx files")
    if fmt not in ("pdf", "docx"):
        raise NotAPDFError(path, "the file is neither a PDF nor a Word (.docx) file")
    return identify_raw(read_raw(path, data, format=fmt))


def identify_raw(raw: RawDocument) -> Identity:
    """What a document read by :func:`cobs.read.read_raw` says about itself (see the module docstring)."""
    body = [line.text for line in raw.body[:_OPENING_LINES]]
    opening, first_page = _opening(raw, _OPENING_PAGES), "\n".join(_opening(raw, 1))
    counts = symbol_lines(opening)
    symbol = counts.most_common(1)[0][0] if counts else None
    version, original, issued = _masthead_languages(first_page)
    language = detect_language(" ".join(" ".join(body[:_LANGUAGE_LINES]).split()))
    furniture = [a.text for a in raw.aside if a.role in ("masthead", "running")]
    notes = [a.text for a in raw.aside if a.role == "footnote"]

    head_end = next((i for i, text in enumerate(body[:60]) if _PARA_START[1].match(text)), min(len(body), 60))
    title_end = next((i for i, text in enumerate(body[:head_end]) if _HEADING.match(text)), head_end)
    title_lines = body[:title_end]
    title = " ".join(" ".join(title_lines).split())
    head = " ".join(" ".join(body[:head_end]).split())

    printed = _treaty_symbol(symbol)
    worded = _type_from_words(head, " ".join(furniture))
    doc_type = worded
    if printed is not None:  # the symbol decides; the title's words, where they name another type, describe it
        doc_type = _type_from_symbol(printed) if printed.is_co or not worded or worded == CO else worded
    committee, committee_line = committee_in_title(title_lines)
    type_source = "symbol" if printed else "title" if doc_type else ""
    western = ([t.translate(_ARABIC_DIGITS) if _ARABIC_DIGIT.search(t) else t for t in body]
               if _ARABIC_DIGIT.search("\n".join(body)) else body)  # one search for the lines: most have none
    paragraphs = [_paragraph(western, n) for n in (1, 2)]
    adopted = _adoption_date(paragraphs, language)
    session = session_dates("\n".join(notes + body[:head_end]), language)

    body_of_title = title.split("Concluding observations", 1)[-1]
    state = find_state(body_of_title) or find_state(" ".join(paragraphs)[:400])
    cycle = cycle_from_title(body_of_title)
    if cycle is None and (considered := _CONSIDERED.search(" ".join(paragraphs))):
        cycle = cycle_from_title(considered.group(0))
    protocol = None
    if re.search(r"Optional Protocol.{0,80}sale of children", title, re.IGNORECASE | re.DOTALL):
        protocol = "OPSC"
    elif re.search(r"Optional Protocol.{0,80}armed conflict", title, re.IGNORECASE | re.DOTALL):
        protocol = "OPAC"
    if printed is not None:
        state, cycle, protocol = printed.state or state, printed.cycle or cycle, printed.protocol
        committee = committee or printed.committee
    co_symbol, source = (printed.symbol, "printed") if printed else (None, None)
    if co_symbol is None and committee and state and cycle and doc_type == CO:
        co_symbol, source = format_symbol(committee, state, cycle, protocol=protocol), "inferred"
    session_note = _SESSION.search(" ".join(notes) + " " + title)
    year = adopted.year if adopted else session[1].year if session else None
    if year is None and language in _SESSION_NOTE:  # the year of the session's last day, else of the issue
        ended = re.search(_SESSION_DATE + date_pattern(language).pattern, " ".join(notes) + " " + title,
                          re.IGNORECASE)
        dates = [ended] if ended else []
        dates += list(date_pattern(language).finditer(" ".join(furniture)))
        year = next((d.year for m in dates if (d := to_date(*m.groups()[-3:], language))), None)
    starts = document_starts(raw.body)
    return Identity(
        path=raw.path,
        format=raw.format,
        symbol=symbol,
        symbols=dict(counts.most_common()),
        language=language,
        version=version,
        original=original,
        issued=issued,
        adopted=adopted,
        session=session,
        pages=raw.n_pages,
        doc_type=doc_type,
        type_source=type_source,
        title=title,
        committee=committee,
        committee_line=committee_line,
        state=state,
        cycle=cycle,
        protocol=protocol,
        co_symbol=co_symbol,
        symbol_source=source,
        session_number=ordinal_value(session_note.group(1)) if session_note else None,
        year=year,
        starts=tuple((raw.body[i].page, raw.body[i].lineno) for i in starts),
    )


def require_english_co(who: Identity) -> None:
    """Refuse what :func:`cobs.read_document` cannot read, for the most basic reason first.

    A document that says it is something else (its symbol or title: a list of
    issues, a State report) is refused as not a CO, whatever its language, and
    so is a text in none of the six UN languages that does not announce COs
    (random letters); then a document that is not in English; then an English
    document whose title announces no COs.

    Raises
    ------
    cobs.errors.NotACOError
    cobs.errors.LanguageError
    """
    if who.doc_type and who.doc_type != CO:
        why = (f"its symbol is {who.symbol}" if who.type_source == "symbol"
               else "its title does not announce concluding observations")
        raise NotACOError(who.path, f"the document is not concluding observations but {who.doc_type} ({why})",
                          doc_type=who.doc_type)
    unknown_text = "and its text is in none of the six UN languages: random letters, or a binary file read as text?"
    if not who.language and who.doc_type != CO:
        raise NotACOError(who.path, f"the document is not concluding observations (its title does not announce "
                          f"concluding observations, {unknown_text})", doc_type="not concluding observations")
    if who.language != "en":
        name = LANGUAGE_NAMES.get(who.language, "")
        reason = (f"the document is in {name}, not English" if name
                  else f"the document announces concluding observations, {unknown_text}")
        raise LanguageError(who.path, f"{reason}; cobs reads the English version of a CO",
                            language=who.language or "und")
    if who.doc_type != CO:
        raise NotACOError(who.path, "the document is not concluding observations (its title does not announce "
                          "concluding observations)", doc_type="not concluding observations")

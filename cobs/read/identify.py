"""What a UN document file says about itself, in any of the six UN languages.

:func:`cobs.read_document` reads English concluding observations into tables and
rejects the rest. Downloading and cataloguing documents need less and more: to
know *which* document a file is (the symbol printed on it), in which language
version, which languages it exists in, and when it was adopted, whatever its
language and whether or not cobs can read its paragraphs. :func:`identify`
answers from the printed page:

* **symbol**: UN documents print their symbol in the masthead of the first page
  ("United Nations  CRPD/C/KAZ/CO/1") and as the running header of every other
  page. A line that holds nothing but a symbol (once words of another script and
  "United Nations" in any language are set aside: an Arabic masthead comes out
  of the PDF as "CRPD الأمم المتحدة /C/KAZ/CO/1") is counted; the symbol printed
  most often is the document's. Symbols cited in the text or in footnotes
  ("1 CRPD/C/CRI/2-3.") stand in longer lines and are not counted.
* **language**: detected from the text (:func:`cobs.read.language.detect_language`).
* **masthead languages**: the version's own language when the masthead names it
  ("Arabic", "Français"), the original ("Original: English", "Original :
  espagnol") and the list of versions issued when it is limited ("Spanish,
  English and Russian only").
* **adoption date**: the last date of the sentence of paragraph 1 that says the
  Committee adopted the observations (English, French, Spanish), or the date
  after "اعتمدت" (Arabic), and the session's dates from the "* Adopted by the
  Committee at its ... session (4-22 March 2024)" note. Month names must be
  read exactly: where PDF extraction garbles them (it often does in Arabic),
  the date is left unknown rather than guessed.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import os
import re
import zipfile
from collections import Counter
from pathlib import Path

from cobs.errors import (
    DamagedPDFError,
    EmptyDocumentError,
    NotAPDFError,
    TruncatedDocumentError,
    UnsupportedFormatError,
)
from cobs.read.docx import check_zip
from cobs.read.language import detect_language
from cobs.reference._tables import read_rows

__all__ = ["Identity", "identify", "language_code", "symbol_lines"]


@dataclasses.dataclass(frozen=True)
class Identity:
    """What a document file says about itself.

    Attributes
    ----------
    path : str
        The file.
    format : {"pdf", "docx"}
        Its format, from its first bytes.
    symbol : str or None
        The symbol printed most often as a masthead or running header line (on the
        first six pages); None when no line holds a symbol alone.
    symbols : dict
        Every symbol printed alone on a line, with the number of such lines.
    language : str
        ISO 639-1 code of the language of the text ("" when there is no text).
    version : str or None
        The language the masthead names for this version ("Arabic" -> "ar").
    original : str or None
        The language of the original ("Original: English" -> "en").
    issued : tuple of str
        The versions issued when the masthead limits them ("Spanish, English and
        Russian only" -> ("es", "en", "ru")); () when it does not say.
    adopted : datetime.date or None
        Date of adoption read from paragraph 1, when it can be read exactly.
    session : tuple of datetime.date or None
        First and last day of the session at which the document was adopted.
    pages : int or None
        Number of pages (PDF).
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

    @property
    def languages(self) -> tuple[str, ...]:
        """Every language version the file shows to exist, sorted: its own, the original, those issued."""
        found = {self.language, self.version, self.original, *self.issued}
        return tuple(sorted(code for code in found if code))


# --- symbols ---------------------------------------------------------------------------------

_UN = re.compile(
    r"United\s+Nations|Nations\s+Unies|Naciones\s+Unidas|Организация\s+Объединенных\s+Наций|联合国|الأمم\s+المتحدة"
)
_OTHER_SCRIPT = re.compile(r"[\u0400-\u04ff\u0600-\u06ff\ufb50-\ufeff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+")
_SPACE_AROUND = re.compile(r"\s+(?=[/-])|(?<=[/-])\s+")
_SYMBOL_TOKEN = re.compile(r"[A-Z][A-Za-z0-9.]*(?:/[A-Za-z0-9.\-]+){2,}")


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
        text = _OTHER_SCRIPT.sub(" ", _UN.sub(" ", line))
        text = _SPACE_AROUND.sub("", text).strip()
        if _SYMBOL_TOKEN.fullmatch(text) and not text.endswith("."):
            found[_clean_symbol(text)] += 1
    return found


# --- languages -------------------------------------------------------------------------------


@functools.cache
def _language_names() -> dict[str, str]:
    return {row["name"].casefold(): row["code"] for row in read_rows("language_names.csv")}


def language_code(name: str) -> str | None:
    """The ISO 639-1 code of a UN language named in English, French, Spanish, Russian, Chinese or Arabic.

    Examples
    --------
    >>> language_code("Français"), language_code("inglés"), language_code("Arabic"), language_code("Klingon")
    ('fr', 'en', 'ar', None)
    """
    return _language_names().get(name.strip().casefold())


_LIST_SEPARATORS = re.compile(r"\s*(?:,|\band\b|\bet\b|\by\b|\bи\b|、|和)\s*")


@functools.cache
def _language_name_re() -> str:
    return "|".join(re.escape(n) for n in sorted(_language_names(), key=len, reverse=True))


def _masthead_languages(page_text: str) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(version, original, issued) from a first page's masthead; see :class:`Identity`."""
    names = _language_name_re()
    flat = " ".join(page_text.split())
    original = re.search(rf"(?:Original|Язык\s+оригинала|原文)\s*[:：]\s*({names})\b", flat, re.IGNORECASE)
    only = re.search(
        rf"\b((?:{names})(?:{_LIST_SEPARATORS.pattern}(?:{names}))*)\s+"
        r"(?:only|únicamente|seulement|uniquement|только)\b",
        flat,
        re.IGNORECASE,
    )
    issued: tuple[str, ...] = ()
    if only:
        issued = tuple(code for part in _LIST_SEPARATORS.split(only.group(1)) if (code := language_code(part)))
    version = None
    for line in page_text.splitlines():
        if len(line.strip()) < 20 and (code := language_code(line)):
            version = code
    return version, language_code(original.group(1)) if original else None, issued


# --- dates -----------------------------------------------------------------------------------

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "ar": "يناير فبراير مارس أبريل مايو يونيه يوليه أغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
}
_MONTH_NUMBER = {
    lang: {name.casefold(): i for i, name in enumerate(names.split(), 1)} for lang, names in _MONTHS.items()
}
_MONTH_NUMBER["ar"].update({"يونيو": 6, "يوليو": 7})
_MONTH_NUMBER["es"]["setiembre"] = 9


def _month_re(lang: str) -> str:
    return "|".join(sorted(_MONTH_NUMBER[lang], key=len, reverse=True))


_DATE_RE = {
    "en": rf"(?<!\d)(\d{{1,2}})\s+({_month_re('en')}),?\s+(\d{{4}})",
    "fr": rf"(?<!\d)(\d{{1,2}})(?:er)?\s+({_month_re('fr')})\s+(\d{{4}})",
    "es": rf"(?<!\d)(\d{{1,2}})\s+de\s+({_month_re('es')})\s+de\s+(\d{{4}})",
    # "18 و19 آذار/مارس .2024": the last day, the month after the slash, the year (punctuation reversed)
    "ar": rf"(?<!\d)(?:\d{{1,2}}\s*و\s*)?(\d{{1,2}})(?!\d)\s+\S+\s*/\s*({_month_re('ar')})\s*[.,،]?\s*(\d{{4}})",
}
_ADOPT = {
    "en": r"\badopted\b",
    "fr": r"\badopt[ée]",
    "es": r"\baprob[óo]\b",
    "ar": r"اعتمدت",
}
_CONSIDER = {"en": r"\bconsidered\b", "fr": r"\bexamin[ée]", "es": r"\bexamin[óo]\b"}
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-ZÀ-ÖØ-Þ])")


def _to_date(day: str, month: str, year: str, lang: str) -> datetime.date | None:
    try:
        return datetime.date(int(year), _MONTH_NUMBER[lang][month.casefold()], int(day))
    except (KeyError, ValueError):
        return None


def _paragraph_one(text: str, lang: str) -> str:
    """The text of paragraph 1 of a page's text (the lines from '1.' to '2.')."""
    start = re.search(r"(?m)^\s*(?:1\.|-\s*[1١])\s", text)
    if not start:
        return ""
    end = re.search(r"(?m)^\s*(?:2\.|-\s*[2٢])\s", text[start.end():])
    body = text[start.start(): start.end() + end.start()] if end else text[start.start(): start.start() + 1500]
    return " ".join(body.split())


def adoption_date(page_text: str, lang: str) -> datetime.date | None:
    """The date of adoption stated in paragraph 1, or None when it cannot be read exactly.

    Examples
    --------
    >>> adoption_date("1. Le Comité a examiné le rapport les 29 et 30 août 2019. Il a adopté les "
    ...               "observations finales ci-après à sa 504e séance, le 17 septembre 2019.\\n2. Le", "fr")
    datetime.date(2019, 9, 17)
    >>> adoption_date("1. El Comité examinó el informe los días 11 y 12 de septiembre de 2019. En su 510ª "
    ...               "sesión, celebrada el 20 de septiembre de 2019, aprobó las observaciones.\\n2. El", "es")
    datetime.date(2019, 9, 20)
    >>> adoption_date("1. The Committee considered the report at meetings held on 1 and 2 April 2014, "
    ...               "and adopted the following concluding observations at its 139th meeting.", "en") is None
    True
    """
    if lang not in _DATE_RE:
        return None
    para = _paragraph_one(page_text.translate(_ARABIC_DIGITS), lang)
    date_re = re.compile(_DATE_RE[lang], re.IGNORECASE)
    if lang == "ar":
        verb = re.search(_ADOPT["ar"], para)
        match = date_re.search(para, verb.end(), verb.end() + 200) if verb else None
        return _to_date(*match.groups(), lang) if match else None  # type: ignore[misc]
    for sentence in _SENTENCE_END.split(para):
        verb = re.search(_ADOPT[lang], sentence, re.IGNORECASE)
        if verb is None:
            continue
        # "considered the report ... held on 1 and 2 April 2014, and adopted the following
        # concluding observations at its 139th meeting": that date is the consideration's.
        shared = re.search(_CONSIDER[lang], sentence[: verb.start()], re.IGNORECASE)
        dates = list(date_re.finditer(sentence, verb.end() if shared else 0))
        if dates:
            return _to_date(*dates[-1].groups(), lang)  # type: ignore[misc]
    return None


_SESSION_NOTE = {
    "en": r"\*\s*Adopted\b[^()]{0,120}\(([^()]{5,70})\)",
    "fr": r"\*\s*Adopté[es]*\b[^()]{0,120}\(([^()]{5,70})\)",
    "es": r"\*\s*Aprobad[oa]s?\b[^()]{0,120}\(([^()]{5,70})\)",
}


def session_dates(page_text: str, lang: str) -> tuple[datetime.date, datetime.date] | None:
    """First and last day of the session named in the "* Adopted by the Committee at its ... session" note.

    Examples
    --------
    >>> session_dates("* Adopted by the Committee at its thirtieth session (4–22 March 2024).", "en")
    (datetime.date(2024, 3, 4), datetime.date(2024, 3, 22))
    >>> session_dates("* Aprobadas por el Comité en su 22º período de sesiones (26 de agosto a 20 de "
    ...               "septiembre de 2019).", "es")
    (datetime.date(2019, 8, 26), datetime.date(2019, 9, 20))
    """
    if lang not in _SESSION_NOTE:
        return None
    note = re.search(_SESSION_NOTE[lang], " ".join(page_text.split()), re.IGNORECASE)
    if not note:
        return None
    months = _month_re(lang)
    of = r"\s+de" if lang == "es" else ""
    span = re.fullmatch(
        rf"(\d{{1,2}})(?:er)?(?:{of}\s+({months}))?(?:{of}\s+(\d{{4}}))?\s*(?:[–—-]|\ba\b|\bau\b)\s*"
        rf"(\d{{1,2}})(?:er)?{of}\s+({months}){of}\s+(\d{{4}})",
        note.group(1).strip(),
        re.IGNORECASE,
    )
    if not span:
        return None
    day1, month1, year1, day2, month2, year2 = span.groups()
    end = _to_date(day2, month2, year2, lang)
    start = _to_date(day1, month1 or month2, year1 or year2, lang)
    return (start, end) if start and end and start <= end else None


# --- file formats ----------------------------------------------------------------------------


_MAX_PAGES = 6
"""Pages read: the masthead, paragraph 1 (after a cover page, perhaps) and a few running headers."""


def _pdf_pages(path: Path, data: bytes) -> tuple[list[str], int]:
    import pypdfium2 as pdfium

    if b"%%EOF" not in data[-2048:]:
        raise TruncatedDocumentError(path, "the PDF is truncated: it ends before its end-of-file marker")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise DamagedPDFError(path, f"PDFium cannot open the PDF ({exc})") from None
    try:
        pages = []
        for index in range(min(len(pdf), _MAX_PAGES)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\x02", "-").replace("\ufffe", "-"))
            textpage.close()
            page.close()
        return pages, len(pdf)
    finally:
        pdf.close()


_W_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|<w:tab/>|</w:p>")


def _xml_lines(xml: str) -> list[str]:
    import html

    lines, current = [], []
    for match in _W_TEXT.finditer(xml):
        token = match.group(0)
        if token == "</w:p>":
            lines.append("".join(current))
            current = []
        elif token == "<w:tab/>":
            current.append(" ")
        else:
            current.append(html.unescape(match.group(1)))
    if current:
        lines.append("".join(current))
    return lines


def _docx_pages(path: Path) -> list[str]:
    """A Word file as 'pages': the body's paragraphs first, then its headers' (running headers)."""
    try:
        with zipfile.ZipFile(path) as archive:
            check_zip(archive, path)  # before inflating anything
            names = archive.namelist()
            if "word/document.xml" not in names:
                raise UnsupportedFormatError(path, "the file is a zip archive but not a Word document (no word/document.xml)")
            body = _xml_lines(archive.read("word/document.xml").decode("utf-8", "replace"))
            headers = [
                line
                for name in sorted(names)
                if re.fullmatch(r"word/(?:header|footer)\d*\.xml", name)
                for line in _xml_lines(archive.read(name).decode("utf-8", "replace"))
            ]
    except zipfile.BadZipFile as exc:
        raise TruncatedDocumentError(path, f"the Word file is damaged or truncated ({exc})") from None
    return ["\r\n".join(body), "\r\n".join(headers)]


def identify(path: str | os.PathLike[str]) -> Identity:
    """Read what a PDF or Word file says about itself: symbol, language versions, dates.

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
    >>> who.symbol, who.language, who.original, who.adopted  # doctest: +SKIP
    ('CRPD/C/KAZ/CO/1', 'ar', 'en', datetime.date(2024, 3, 19))
    """
    path = Path(path)
    data = path.read_bytes()
    if not data.strip():
        raise EmptyDocumentError(path, "the file is empty")
    head = data[:8].lstrip()
    if head.startswith(b"%PDF-"):
        fmt = "pdf"
        pages, n_pages = _pdf_pages(path, data)
    elif head.startswith(b"PK\x03\x04"):
        fmt = "docx"
        pages, n_pages = _docx_pages(path), None
    else:
        head = data[:2048].lower()
        if b"<html" in head or b"<!doctype" in head:
            raise NotAPDFError(path, "the file is an HTML page, neither a PDF nor a Word (.docx) file")
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            raise NotAPDFError(path, "the file is an old Word (.doc) file; cobs reads PDF and Word .docx files")
        raise NotAPDFError(path, "the file is neither a PDF nor a Word (.docx) file")
    del data
    lines = [line for page in pages for line in page.split("\r\n")]
    counts = symbol_lines(lines)
    text = "\n".join(pages[:3])
    language = detect_language(" ".join(text.split()))
    first = pages[0] if pages else ""
    version, original, issued = _masthead_languages(first)
    opening = "\r\n".join(pages[:2])  # paragraph 1 follows a cover page in some documents
    return Identity(
        path=str(path),
        format=fmt,
        symbol=counts.most_common(1)[0][0] if counts else None,
        symbols=dict(counts.most_common()),
        language=language,
        version=version,
        original=original,
        issued=issued,
        adopted=adoption_date(opening, language),
        session=session_dates(opening, language),
        pages=n_pages,
    )

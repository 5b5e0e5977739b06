"""The UN sources of :func:`cobs.fetch`: the Official Document System, then the OHCHR treaty-body database.

1. the UN Official Document System, :data:`ODS_URL` (``COBS_ODS_URL``):
   ``ODS_URL?s=SYMBOL&l=en&t=pdf`` answers with a redirect to the file;
2. the OHCHR treaty-body database, :data:`OHCHR_URL` (``COBS_OHCHR_URL``):
   ``OHCHR_URL?symbolno=SYMBOL&Lang=en`` answers with an HTML page listing, for
   each language, links to the PDF, Word and HTML versions; the link for the
   language and format asked is followed (:class:`_LinkParser`).

A download goes to a locked temporary file beside its place, is verified to be
the document asked for (:func:`_verify`) and moved into place with its record
(:func:`_install`), which :func:`_cached` reads back.
"""

from __future__ import annotations

import datetime
import hashlib
import html.parser
import json
import os
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Literal, get_args

from cobs.cache import hold_lock
from cobs.errors import (
    DocumentError,
    invalid_value,
)
from cobs.read import LANGUAGE_NAMES
from cobs.sources._http import _CHUNK, _SCHEMES, _check_scheme, _get, _Session, _SourceFailure

ODS_URL = "https://documents.un.org/api/symbol/access"
"""UN Official Document System: one document by symbol, language and type (overridden by ``COBS_ODS_URL``)."""
OHCHR_URL = "https://tbinternet.ohchr.org/_layouts/15/treatybodyexternal/Download.aspx"
"""OHCHR treaty-body database landing page of a document (overridden by ``COBS_OHCHR_URL``)."""
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
"""The six UN languages, as ISO 639-1 codes."""

Language = Literal["ar", "zh", "en", "fr", "ru", "es"]
Format = Literal["pdf", "docx"]
_FORMATS = get_args(Format)
_FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (.docx)"}


# --- cache -----------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def _record_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _cached(path: Path, symbol: str, lang: str, format: str) -> bool:
    """Is the document there, complete and as recorded? Reads the disk only."""
    record_path = _record_path(path)
    if not (path.is_file() and record_path.is_file()):
        return False
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    expected = {"symbol": symbol, "language": lang, "format": format}
    if any(record.get(k) != v for k, v in expected.items()):
        return False
    return record.get("bytes") == path.stat().st_size and record.get("sha256") == _sha256(path)


def _write_atomically(path: Path, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# --- the OHCHR landing page ------------------------------------------------------------------


class _LinkParser(html.parser.HTMLParser):
    """Links of a landing page, each with the language and format it is for.

    A link's language is the one its own attributes or words name ("English",
    ``hreflang="en"``), else the last language named before it in the same
    table row (the OHCHR page has one row per language); its format is the one
    its words, title, class, id or icon name ("PDF", "Word", "doc"), or its
    file extension. The ``enc`` token of the URL is never looked at: it is
    random text.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str | None, str | None, str]] = []
        self._row_language: str | None = None
        self._open: dict[str, object] | None = None

    @staticmethod
    def _language(text: str, *, whole: bool = True) -> str | None:
        """The language a text names: all of it ("English", "Français"), or (``whole=False``) one of its words."""
        from cobs.read import language_code

        if (code := language_code(text)) is not None or whole:
            return code
        for word in re.findall(r"[^\W\d_]{4,}", text):
            if (code := language_code(word)) is not None:
                return code
        return None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "tr":
            self._row_language = None
        declared = values.get("hreflang") or values.get("lang") or values.get("data-lang") or ""
        if tag == "a" and values.get("href"):
            self._open = {"href": values["href"],
                          "words": [values.get(k, "") for k in ("title", "id", "class", "aria-label")],
                          "language": declared[:2].lower() if declared[:2].lower() in LANGUAGES else None}
        elif self._open is not None and tag == "img":
            self._open["words"].extend(values.get(k, "") for k in ("alt", "title", "src"))  # type: ignore[union-attr]
        elif declared[:2].lower() in LANGUAGES and tag in ("tr", "td", "th", "div", "li", "span"):
            self._row_language = declared[:2].lower()

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open["words"].append(data)  # type: ignore[union-attr]
        elif (code := self._language(data.strip())) is not None and len(data.strip()) < 20:
            self._row_language = code  # a row label: "English", "Français", "中文"

    def handle_endtag(self, tag: str) -> None:
        if tag != "a" or self._open is None:
            return
        link, self._open = self._open, None
        href = str(link["href"])
        words = " ".join(str(w) for w in link["words"])  # type: ignore[union-attr]
        suffix = Path(urllib.parse.urlsplit(href).path).suffix.lower()
        hay = f"{words} {suffix}".lower()
        fmt = (
            "pdf" if re.search(r"pdf", hay)
            else "docx" if re.search(r"\bword\b|\bdocx?\b|msword|\.docx?\b|icdoc", hay)
            else "html" if re.search(r"html?\b", hay)
            else None
        )
        language = link["language"] or self._language(words, whole=False) or self._row_language
        self.links.append((language, fmt, href))  # type: ignore[arg-type]


def _landing_link(page: bytes, page_url: str, lang: str, format: str) -> str | None:
    parser = _LinkParser()
    parser.feed(page.decode("utf-8", "replace"))
    parser.close()
    for language, fmt, href in parser.links:
        if language == lang and fmt == format:
            return urllib.parse.urljoin(page_url, href)
    return None


# --- one source ------------------------------------------------------------------------------


def _source_urls() -> tuple[tuple[str, str], tuple[str, str]]:
    sources = []
    for name, variable, default in (("the UN Official Document System", "COBS_ODS_URL", ODS_URL),
                                    ("the OHCHR treaty-body database", "COBS_OHCHR_URL", OHCHR_URL)):
        url = os.environ.get(variable) or default
        if urllib.parse.urlsplit(url).scheme.lower() not in _SCHEMES or not urllib.parse.urlsplit(url).netloc:
            raise ValueError(invalid_value(variable, url, "an http:// or https:// URL", f"unset it to use {default}"))
        sources.append((name, url))
    return tuple(sources)  # type: ignore[return-value]


def _with_query(base: str, query: dict[str, str]) -> str:
    joiner = "&" if urllib.parse.urlsplit(base).query else "?"
    return base + joiner + urllib.parse.urlencode(query)


def _verify(path: Path, symbol: str, lang: str, format: str, url: str) -> None:
    """Raise _SourceFailure('wrong') unless the file is the document asked for (see the module doc)."""
    from cobs.read import identify

    try:
        who = identify(path)
    except DocumentError as exc:
        raise _SourceFailure("wrong", f"{url}: {exc.reason}", url) from None
    if who.format != format:
        raise _SourceFailure("wrong", f"{url}: served a {_FORMAT_NAMES[who.format]} file, not {_FORMAT_NAMES[format]}",
                             url)
    if who.symbol is None:
        raise _SourceFailure("wrong", f"{url}: the file prints no document symbol, so it cannot be told to be {symbol}",
                             url)
    if who.symbol != symbol:
        raise _SourceFailure("wrong", f"{url}: served {who.symbol}, another document than {symbol}", url)
    if who.language != lang:
        got = LANGUAGE_NAMES.get(who.language, who.language or "an unknown language")
        raise _SourceFailure("wrong", f"{url}: served the {got} version, not the {LANGUAGE_NAMES[lang]} one", url)


def _download(url: str, path: Path, symbol: str, lang: str, format: str, session: _Session, source: str) -> None:
    """Download ``url`` to a locked temporary file beside ``path``, verify it, and move it into place.

    The temporary file is removed on any failure (an interrupt included); a run
    killed outright leaves it, and the next download into the folder removes it.
    """
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    temp = Path(name)
    try:
        with os.fdopen(fd, "w+b") as handle:
            hold_lock(handle)
            _, final = _get(url, handle, session)
            handle.flush()
            os.fsync(handle.fileno())
        # closed (Windows moves no open file); just written, so no other run takes it for a leftover
        _verify(temp, symbol, lang, format, final)
        _install(temp, path, symbol=symbol, lang=lang, format=format, source=source, url=final)
    finally:
        temp.unlink(missing_ok=True)


def _from_ods(base: str, path: Path, symbol: str, lang: str, format: str, session: _Session, source: str) -> None:
    url = _with_query(base, {"s": symbol, "l": lang, "t": format})
    _download(url, path, symbol, lang, format, session, source)


def _from_ohchr(base: str, path: Path, symbol: str, lang: str, format: str, session: _Session, source: str) -> None:
    # The page's own language stays English: the rows are then named in English
    # (the parser also knows the names in the other UN languages).
    url = _with_query(base, {"symbolno": symbol, "Lang": "en"})
    page, final = _get(url, None, session)
    link = _landing_link(page, final, lang, format)
    if link is None:
        raise _SourceFailure(
            "missing", f"{url}: the page lists no {LANGUAGE_NAMES[lang]} {_FORMAT_NAMES[format]} version", url
        )
    _check_scheme(link, f"{url}: the page links its {LANGUAGE_NAMES[lang]} {_FORMAT_NAMES[format]} version to")
    _download(link, path, symbol, lang, format, session, source)


def _install(temp: Path, path: Path, *, symbol: str, lang: str, format: str, source: str, url: str) -> None:
    """Move a verified download into place, then write its record (both atomically)."""
    record = {
        "symbol": symbol,
        "language": lang,
        "format": format,
        "sha256": _sha256(temp),
        "bytes": temp.stat().st_size,
        "source": source,
        "url": url,
        "fetched": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
    }
    os.replace(temp, path)
    _write_atomically(_record_path(path), (json.dumps(record, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))


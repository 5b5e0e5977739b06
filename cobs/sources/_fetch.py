"""Downloading concluding observations by symbol, into a local cache.

:func:`fetch` asks two sources in turn, each a setting that an environment
variable overrides (a researcher's mirror, a test server):

1. the UN Official Document System, :data:`ODS_URL` (``COBS_ODS_URL``):
   ``ODS_URL?s=SYMBOL&l=en&t=pdf`` answers with a redirect to the file;
2. the OHCHR treaty-body database, :data:`OHCHR_URL` (``COBS_OHCHR_URL``):
   ``OHCHR_URL?symbolno=SYMBOL&Lang=en`` answers with an HTML page listing, for
   each language, links to the PDF, Word and HTML versions; the link for the
   language and format asked is followed.

A download goes to a temporary file in the cache folder and is moved into place
(atomically) only when it is complete (as many bytes as the server announced)
and verified to be the document asked for: a PDF or Word file (not an HTML
error page served with status 200), readable, printing the symbol asked for in
its masthead and running headers, and written in the language asked for
(:func:`cobs.read.identify.identify`). Verification does not require cobs to
be able to read the document's paragraphs: a non-English version, which
:func:`cobs.read_document` rejects, is verified by its printed symbol and its
language like any other. What fails verification is thrown away and the next
source is asked.

Server errors (5xx), time-outs, cut transfers and connection errors are retried
with exponential back-off; a 404 moves on to the next source at once.

The cache (:func:`data_home`: the argument, else ``COBS_DATA``, else
``~/cobs_data``) holds ``documents/<lang>/<symbol with '_' for '/'>.<format>``,
for instance ``documents/en/CRC_C_KAZ_CO_4.pdf``, each beside a small JSON
record (``CRC_C_KAZ_CO_4.pdf.json``: symbol, language, format, sha256, size,
source, URL, time). A document whose file and record are there and agree (same
sha256) is returned without any request.

Only concluding observations are fetched: a list of issues, a State report, a
follow-up letter (``FCO``) or an addendum (``/Add.1``) is refused with a
``ValueError``. cobs is about COs, its cache is a corpus of COs that
:func:`cobs.read_document` can read, and the registry lists COs only.
"""

from __future__ import annotations

import datetime
import hashlib
import html.parser
import http.client
import io
import json
import logging
import os
import re
import socket
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Literal, get_args

from cobs.errors import CobsError, DocumentError, DocumentNotFoundError, FetchError, VerificationError
from cobs.reference.symbols import Symbol, parse_symbol

__all__ = [
    "LANGUAGES",
    "ODS_URL",
    "OHCHR_URL",
    "data_home",
    "fetch",
    "fetch_chain",
]

ODS_URL = "https://documents.un.org/api/symbol/access"
"""UN Official Document System: one document by symbol, language and type (overridden by ``COBS_ODS_URL``)."""
OHCHR_URL = "https://tbinternet.ohchr.org/_layouts/15/treatybodyexternal/Download.aspx"
"""OHCHR treaty-body database landing page of a document (overridden by ``COBS_OHCHR_URL``)."""
LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
"""The six UN languages, as ISO 639-1 codes."""

Language = Literal["ar", "zh", "en", "fr", "ru", "es"]
Format = Literal["pdf", "docx"]
_FORMATS = get_args(Format)
_LANGUAGE_NAMES = {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"}
_FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (.docx)"}
_CHUNK = 1 << 16
_MAX_PAGE = 4 << 20  # a landing page larger than this is not one
_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}

logger = logging.getLogger(__name__)


from cobs.cache import data_home  # noqa: E402  (one definition for downloads and parses)

_data_home = data_home  # fetch() takes an argument of the same name


# --- arguments -------------------------------------------------------------------------------


def _co_symbol(symbol: str) -> Symbol:
    if not isinstance(symbol, str):
        raise TypeError(f"symbol must be a str such as 'CRC/C/KAZ/CO/4', got {type(symbol).__name__}: {symbol!r}")
    try:
        return parse_symbol(symbol, co_only=True)  # ValueError naming the text when it is not a CO's symbol
    except ValueError as exc:
        raise ValueError(f"{exc}: cobs fetches COs only") from None


def _check_options(lang: object, format: object, timeout: object, retries: object, backoff: object) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {', '.join(map(repr, LANGUAGES))}, got {lang!r}")
    if format not in _FORMATS:
        raise ValueError(f"format must be 'pdf' or 'docx', got {format!r}")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise ValueError(f"retries must be an int >= 0, got {retries!r}")
    if isinstance(backoff, bool) or not isinstance(backoff, (int, float)) or backoff < 0:
        raise ValueError(f"backoff must be a number of seconds >= 0, got {backoff!r}")


def _filename(symbol: str, format: str) -> str:
    """A file name for a symbol: '/' becomes '_' ("CRC/C/KAZ/CO/4" -> "CRC_C_KAZ_CO_4.pdf")."""
    name = symbol.replace("/", "_")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):  # parse_symbol lets nothing else through
        raise ValueError(f"cannot make a safe file name of the symbol {symbol!r}")
    return f"{name}.{format}"


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


# --- HTTP ------------------------------------------------------------------------------------


class _SourceFailure(Exception):
    """One source could not give the document; ``kind`` is 'missing', 'wrong' or 'network'."""

    def __init__(self, kind: Literal["missing", "wrong", "network"], message: str, url: str) -> None:
        self.kind = kind
        self.message = message
        self.url = url
        super().__init__(message)


class _Transient(Exception):
    """A failure worth retrying (5xx, time-out, connection error, cut transfer)."""


def _user_agent() -> str:
    from cobs import __version__

    return f"cobs/{__version__} (Python urllib; concluding observations research)"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "no answer within the time-out"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.gaierror):
        return "host not found (offline?)"
    return str(exc) or type(exc).__name__


def _get(url: str, dest: Path | None, *, timeout: float, retries: int, backoff: float) -> tuple[bytes, str]:
    """GET ``url``: into the file ``dest`` (rewritten at each attempt), or into memory if it is None.

    Returns (the body when kept in memory, else b"", the final URL after redirects).
    Retries 5xx answers, time-outs, connection errors and cut transfers with
    back-off ``backoff * 2**attempt``; raises :class:`_SourceFailure`.
    """
    last = ""
    for attempt in range(retries + 1):
        if attempt:
            delay = backoff * 2 ** (attempt - 1)
            logger.info("retrying %s in %.2f s (%s)", url, delay, last)
            time.sleep(delay)
        request = urllib.request.Request(url, headers={"User-Agent": _user_agent()})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                announced = response.headers.get("Content-Length", "").strip()
                expected = int(announced) if announced.isdigit() else None
                received = 0
                with open(dest, "wb") if dest is not None else io.BytesIO() as handle:
                    while block := response.read(_CHUNK):
                        handle.write(block)
                        received += len(block)
                        if dest is None and received > _MAX_PAGE:
                            raise _SourceFailure("wrong", f"{url}: the answer is too large for a landing page", url)
                    body = handle.getvalue() if isinstance(handle, io.BytesIO) else b""
                if expected is not None and received != expected:
                    raise _Transient(f"the transfer was cut after {received} of {expected} bytes")
                return body, response.geturl()
        except urllib.error.HTTPError as exc:
            if exc.code in (404, 410):
                raise _SourceFailure("missing", f"{url}: {_describe(exc)}", url) from None
            if exc.code not in _RETRY_STATUS:
                raise _SourceFailure("network", f"{url}: {_describe(exc)}", url) from None
            last = _describe(exc)
        except _Transient as exc:
            last = str(exc)
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            last = _describe(exc)
    tries = f"{retries + 1} attempts" if retries else "1 attempt"
    raise _SourceFailure("network", f"{url}: {last} ({tries})", url)


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
        from cobs.read.identify import language_code

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
            self._open = {"href": values["href"], "words": [values.get(k, "") for k in ("title", "id", "class", "aria-label")],
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
    return (
        ("the UN Official Document System", os.environ.get("COBS_ODS_URL") or ODS_URL),
        ("the OHCHR treaty-body database", os.environ.get("COBS_OHCHR_URL") or OHCHR_URL),
    )


def _with_query(base: str, query: dict[str, str]) -> str:
    joiner = "&" if urllib.parse.urlsplit(base).query else "?"
    return base + joiner + urllib.parse.urlencode(query)


def _verify(path: Path, symbol: str, lang: str, format: str, url: str) -> None:
    """Raise _SourceFailure('wrong') unless the file is the document asked for (see the module doc)."""
    from cobs.read.identify import identify

    try:
        who = identify(path)
    except DocumentError as exc:
        raise _SourceFailure("wrong", f"{url}: {exc.reason}", url) from None
    if who.format != format:
        raise _SourceFailure("wrong", f"{url}: served a {_FORMAT_NAMES[who.format]} file, not {_FORMAT_NAMES[format]}", url)
    if who.symbol is None:
        raise _SourceFailure("wrong", f"{url}: the file prints no document symbol, so it cannot be told to be {symbol}", url)
    if who.symbol != symbol:
        raise _SourceFailure("wrong", f"{url}: served {who.symbol}, another document than {symbol}", url)
    if who.language != lang:
        got = _LANGUAGE_NAMES.get(who.language, who.language or "an unknown language")
        raise _SourceFailure("wrong", f"{url}: served the {got} version, not the {_LANGUAGE_NAMES[lang]} one", url)


def _download(url: str, folder: Path, symbol: str, lang: str, format: str, http: dict[str, float]) -> tuple[Path, str]:
    """Download ``url`` to a temporary file of ``folder`` and verify it: (the temporary file, the final URL).

    The temporary file is removed on any failure; on success the caller moves it into place.
    """
    fd, name = tempfile.mkstemp(dir=folder, prefix=f".{_filename(symbol, format)}.", suffix=".part")
    os.close(fd)
    temp = Path(name)
    try:
        _, final = _get(url, temp, timeout=http["timeout"], retries=int(http["retries"]), backoff=http["backoff"])
        _verify(temp, symbol, lang, format, final)
        return temp, final
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _from_ods(base: str, folder: Path, symbol: str, lang: str, format: str, http: dict[str, float]) -> tuple[Path, str]:
    url = _with_query(base, {"s": symbol, "l": lang, "t": format})
    return _download(url, folder, symbol, lang, format, http)


def _from_ohchr(base: str, folder: Path, symbol: str, lang: str, format: str, http: dict[str, float]) -> tuple[Path, str]:
    # The page's own language stays English: the rows are then named in English
    # (the parser also knows the names in the other UN languages).
    url = _with_query(base, {"symbolno": symbol, "Lang": "en"})
    page, final = _get(url, None, timeout=http["timeout"], retries=int(http["retries"]), backoff=http["backoff"])
    link = _landing_link(page, final, lang, format)
    if link is None:
        raise _SourceFailure(
            "missing", f"{url}: the page lists no {_LANGUAGE_NAMES[lang]} {_FORMAT_NAMES[format]} version", url
        )
    return _download(link, folder, symbol, lang, format, http)


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
    with open(temp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temp, path)
    _write_atomically(_record_path(path), (json.dumps(record, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))


# --- public API ------------------------------------------------------------------------------


def fetch(
    symbol: str,
    *,
    lang: Language = "en",
    format: Format = "pdf",
    data_home: str | os.PathLike[str] | None = None,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 1.0,
    download_if_missing: bool = True,
) -> Path:
    """The local copy of a concluding observations document, downloaded if it is not cached.

    Parameters
    ----------
    symbol : str
        The CO's symbol: "CRC/C/KAZ/CO/4", "E/C.12/KAZ/CO/2", "CRC/C/15/Add.213".
    lang : {"en", "fr", "es", "ar", "zh", "ru"}, default "en"
        The language version.
    format : {"pdf", "docx"}, default "pdf"
        PDF, or Word.
    data_home : str or path-like, optional
        The cache folder (see :func:`data_home`); created if needed.
    timeout : float, default 30
        Seconds to wait for a server to answer or to send the next bytes.
    retries : int, default 3
        How many times a server error (5xx), time-out, connection error or cut
        transfer is retried before the next source is asked.
    backoff : float, default 1
        Seconds before the first retry; doubled at each one.
    download_if_missing : bool, default True
        If False, raise ``FileNotFoundError`` instead of downloading.

    Returns
    -------
    pathlib.Path
        ``<data_home>/documents/<lang>/<symbol, '/' -> '_'>.<format>``.

    Raises
    ------
    ValueError
        If ``symbol`` is not a CO symbol (not a symbol at all, or a list of issues,
        a State report, a follow-up letter, an addendum), or an option is invalid.
    FileNotFoundError
        If the document is not cached and ``download_if_missing`` is False.
    cobs.errors.DocumentNotFoundError
        If no source has the document (404, or no link for that language and format).
    cobs.errors.VerificationError
        If the sources served something else than the document asked for (an HTML
        page, a damaged file, another document or language); nothing was kept.
    cobs.errors.FetchError
        If the sources cannot be reached (offline?) or keep failing.

    Examples
    --------
    >>> path = fetch("CRC/C/KAZ/CO/4")  # doctest: +SKIP
    >>> path.name  # doctest: +SKIP
    'CRC_C_KAZ_CO_4.pdf'
    >>> fetch("CRC/C/KAZ/Q/5-6")
    Traceback (most recent call last):
    ...
    ValueError: 'CRC/C/KAZ/Q/5-6' is the symbol of a list of issues, not of concluding observations (such as 'CRC/C/KAZ/CO/5-6'): cobs fetches COs only
    """
    parsed = _co_symbol(symbol)
    _check_options(lang, format, timeout, retries, backoff)
    if not isinstance(download_if_missing, bool):
        raise TypeError(f"download_if_missing must be True or False, got {download_if_missing!r}")
    folder = _data_home(data_home) / "documents" / lang
    path = folder / _filename(parsed.symbol, format)
    if _cached(path, parsed.symbol, lang, format):
        return path
    if not download_if_missing:
        raise FileNotFoundError(
            f"{parsed.symbol} ({_LANGUAGE_NAMES[lang]}, {_FORMAT_NAMES[format]}) is not in the cache {folder}; "
            f"download it with cobs.fetch({parsed.symbol!r}) or `cobs fetch {parsed.symbol}`"
        )
    folder.mkdir(parents=True, exist_ok=True)
    http = {"timeout": float(timeout), "retries": retries, "backoff": float(backoff)}
    failures: list[_SourceFailure] = []
    for (name, base), get in zip(_source_urls(), (_from_ods, _from_ohchr)):
        try:
            temp, url = get(base, folder, parsed.symbol, lang, format, http)
        except _SourceFailure as failure:
            logger.info("%s: %s: %s", parsed.symbol, name, failure.message)
            failure.message = f"{name}: {failure.message}"
            failures.append(failure)
            continue
        try:
            _install(temp, path, symbol=parsed.symbol, lang=lang, format=format, source=name, url=url)
        finally:
            temp.unlink(missing_ok=True)
        return path
    raise _error(parsed.symbol, lang, format, failures)


def _error(symbol: str, lang: str, format: str, failures: list[_SourceFailure]) -> FetchError:
    kinds = {f.kind for f in failures}
    reasons = "; ".join(f.message for f in failures)
    url = failures[-1].url if failures else None
    version = f"{_LANGUAGE_NAMES[lang]} {_FORMAT_NAMES[format]}"
    if kinds == {"missing"}:
        return DocumentNotFoundError(
            symbol, f"no {version} found: {reasons}; check the symbol and the language (cobs.registry() lists known COs)",
            url=url,
        )
    if "network" not in kinds:
        return VerificationError(symbol, f"no source served the {version} asked for, nothing was kept: {reasons}", url=url)
    return FetchError(
        symbol, f"could not download the {version}: {reasons}; check the network connection, or set "
        "COBS_ODS_URL / COBS_OHCHR_URL to a mirror, and try again later", url=url,
    )


def fetch_chain(
    state: str,
    committee: str,
    *,
    protocol: Literal["OPSC", "OPAC"] | None = None,
    lang: Language = "en",
    format: Format = "pdf",
    data_home: str | os.PathLike[str] | None = None,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 1.0,
) -> list[Path]:
    """A State's concluding observations from one committee, oldest first, downloaded if not cached.

    The COs are those of :func:`cobs.registry` on the State's periodic reports
    under the committee's treaty, or under one of the CRC's optional protocols.

    Parameters
    ----------
    state : str
        A UN name ("Kazakhstan") or a code ("KAZ").
    committee : str
        A code ("CRC") or a name ("Committee on the Rights of the Child").
    protocol : {"OPSC", "OPAC"}, optional
        The CRC's COs under an optional protocol instead of under the Convention.
    lang, format, data_home, timeout, retries, backoff
        As for :func:`fetch`.

    Returns
    -------
    list of pathlib.Path
        One file per CO, in the order of the reporting cycles (which is the order
        of adoption); an empty list when the registry knows no such CO.

    Raises
    ------
    ValueError
        If the State, committee or protocol is unknown, or an option is invalid.
    cobs.errors.FetchError
        If some COs could not be downloaded (after trying them all: those that
        could are cached); the message lists each symbol with its reason.

    Examples
    --------
    >>> [p.name for p in fetch_chain("Kazakhstan", "CRC")]  # doctest: +SKIP
    ['CRC_C_15_Add.213.pdf', 'CRC_C_KAZ_CO_3.pdf', 'CRC_C_KAZ_CO_4.pdf']
    """
    from cobs.sources._registry import chain_symbols, registry

    if protocol not in (None, "OPSC", "OPAC"):
        raise ValueError(f"protocol must be None, 'OPSC' or 'OPAC', got {protocol!r}")
    _check_options(lang, format, timeout, retries, backoff)
    paths: list[Path] = []
    errors: list[CobsError] = []
    for symbol in chain_symbols(registry(state=state, committee=committee), protocol=protocol):
        try:
            paths.append(fetch(symbol, lang=lang, format=format, data_home=data_home, timeout=timeout,
                               retries=retries, backoff=backoff))
        except CobsError as exc:
            errors.append(exc)
    if errors:
        listed = "; ".join(str(e) for e in errors)
        raise FetchError(f"{state}/{committee}", f"{len(errors)} of {len(errors) + len(paths)} COs not fetched: {listed}")
    return paths

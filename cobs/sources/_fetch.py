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

import contextlib
import dataclasses
import datetime
import errno
import hashlib
import html.parser
import http.client
import io
import json
import logging
import math
import os
import re
import socket
import ssl
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Literal, get_args

from cobs._checks import check_choice, check_flag, check_int, check_number
from cobs.errors import (
    CobsError,
    DocumentError,
    DocumentNotFoundError,
    FetchError,
    VerificationError,
    invalid_value,
)
from cobs.read.language import LANGUAGE_NAMES
from cobs.reference.symbols import Symbol, parse_symbol

__all__ = [
    "LANGUAGES",
    "MAX_DOCUMENT_BYTES",
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

_FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (.docx)"}
MAX_DOCUMENT_BYTES = 50 << 20
"""The largest download kept: a CO's PDF or Word file takes a few hundred kB, the largest UN letters 3 MB."""

_CHUNK = 1 << 16
_MAX_PAGE = 4 << 20  # a landing page larger than this is not one
_MIN_RATE = 1024  # bytes per second, over `timeout` seconds: slower is a stalled transfer
_MAX_REDIRECTS = 10
_LONGEST_WAIT = 86400.0  # a larger `timeout` or `max_time` is no bound (and overflows the socket's clock)
_SCHEMES = ("http", "https")
_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}

logger = logging.getLogger(__name__)


from cobs.cache import data_home, hold_lock, remove_stale  # noqa: E402  (one definition for downloads and parses)

_data_home = data_home  # fetch() takes an argument of the same name


# --- arguments -------------------------------------------------------------------------------


def _co_symbol(symbol: str) -> Symbol:
    if not isinstance(symbol, str):
        raise TypeError(invalid_value("symbol", symbol, "a str such as 'CRC/C/KAZ/CO/4'"))
    try:
        return parse_symbol(symbol, co_only=True)  # ValueError naming the text when it is not a CO's symbol
    except ValueError as exc:
        raise ValueError(f"{exc}: cobs fetches COs only") from None


def _check_options(lang: object, format: object, timeout: object, retries: object, backoff: object,
                   max_time: object, *, any_format: bool = False) -> None:
    check_choice(lang, "lang", LANGUAGES)
    check_choice(format, "format", (None, *_FORMATS) if any_format else _FORMATS)
    for name, value, least, within in (("timeout", timeout, "> 0", lambda v: 0 < v <= _LONGEST_WAIT),
                                       ("max_time", max_time, "> 0", lambda v: 0 < v <= _LONGEST_WAIT),
                                       ("backoff", backoff, ">= 0", lambda v: 0 <= v <= _LONGEST_WAIT)):  # not NaN
        fix = ("a download is always bounded in time: give a number of seconds, such as 600 for a slow line"
               if isinstance(value, float) and value == math.inf else None)
        check_number(value, name, f"a number of seconds {least} and at most {_LONGEST_WAIT:g}", within, fix)
    check_int(retries, "retries", least=0)


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
    """One source could not give the document.

    ``kind`` is 'missing' (404, no link), 'wrong' (something else was served),
    'refused' (a link or redirect cobs does not follow, a redirect loop, an answer
    too large), 'unreachable' (host not found, connection refused: not retried)
    or 'network' (server errors, time-outs, cut or stalled transfers, after the
    retries).
    """

    def __init__(self, kind: Literal["missing", "wrong", "refused", "unreachable", "network"], message: str,
                 url: str) -> None:
        self.kind = kind
        self.message = message
        self.url = url
        super().__init__(message)


class _Transient(Exception):
    """A failure worth retrying (5xx, time-out, cut or stalled transfer)."""


@dataclasses.dataclass
class _Session:
    """The HTTP settings of one call, and the hosts found unreachable during it (not asked again)."""

    timeout: float
    retries: int
    backoff: float
    max_time: float
    unreachable: dict[str, str] = dataclasses.field(default_factory=dict)


def _user_agent() -> str:
    from cobs import __version__

    return f"cobs/{__version__} (Python urllib; concluding observations research)"


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc.lower()


def _check_scheme(url: str, what: str) -> None:
    """Raise _SourceFailure('refused') unless the URL is http(s): no file://, ftp://, data: ..."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in _SCHEMES:
        raise _SourceFailure("refused", f"{what} {url!r}, which cobs does not follow: it follows http and https "
                             "links only", url)


def _unreachable(exc: BaseException) -> str | None:
    """Why a host cannot be reached at all (no point retrying), or None for other failures."""
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, BaseException):
        exc = exc.reason
    if isinstance(exc, socket.gaierror):  # EAI_AGAIN: the resolver did not answer (in time)
        return "host name lookup without an answer (offline?)" if exc.errno == socket.EAI_AGAIN else \
            "host not found (offline?)"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, OSError) and exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return "network unreachable (offline?)"
    return None


def _describe(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code} {exc.reason}"
    if isinstance(exc, urllib.error.URLError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "no answer within the time-out"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"the server's certificate cannot be verified ({exc.verify_message})"
    return _unreachable(exc) or str(exc) or type(exc).__name__


class _Watch:
    """The sockets of one download, shut down when its time is up.

    A thread does it, so that a read waiting on a server that drips its answer
    (a byte at a time, each within the time-out) returns at once. Each socket
    is watched through a duplicate of its own, closed at :meth:`stop`, so that a
    late timer never touches a descriptor that has been reused.
    """

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._stopped = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._seconds = seconds
        self._deadline = time.monotonic() + seconds
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watch:
        self._deadline = time.monotonic() + self._seconds
        self._timer.start()
        return self

    def lookup(self, host: str, port: int, timeout: float | None) -> list[tuple]:
        """``socket.getaddrinfo`` of a host, given up after ``timeout`` seconds or when the time is up.

        A lookup cannot be interrupted (no socket to shut down yet, and a resolver
        that does not answer holds the call for minutes), so it runs in a thread
        of its own that is left behind, daemonic, when the wait is over: as a
        lookup that failed, when ``timeout`` ran out first (the host is then not
        asked again, as for "host not found"), else as the end of the download's time.
        """
        found: list[list[tuple]] = []
        failed: list[BaseException] = []

        def look() -> None:
            try:
                found.append(socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM))
            except BaseException as exc:  # handed to the waiting thread
                failed.append(exc)

        left = max(0.0, self._deadline - time.monotonic())
        wait = left if timeout is None else min(timeout, left)
        thread = threading.Thread(target=look, name=f"cobs-lookup-{host}", daemon=True)
        thread.start()
        thread.join(wait)
        if thread.is_alive():
            if wait >= left:
                self._expire()
                raise TimeoutError(f"looking up {host} outlasted max_time")
            raise socket.gaierror(socket.EAI_AGAIN, f"looking up {host} took more than {wait:g} s")
        if failed:
            raise failed[0]
        return found[0]

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            if self._stopped:
                return
            watched = sock.dup()
            self._sockets.append(watched)
            if self.expired:
                self._shutdown(watched)

    @staticmethod
    def _shutdown(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    def _expire(self) -> None:
        with self._lock:
            if self._stopped:
                return
            self.expired = True
            for sock in self._sockets:
                self._shutdown(sock)

    def stop(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._stopped = True
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()


def _watched(base: type[http.client.HTTPConnection], watch: _Watch) -> type[http.client.HTTPConnection]:
    """A connection class whose host lookup and sockets ``watch`` bounds in time (before TLS too)."""

    class Connection(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            create = self._create_connection

            def create_and_watch(address: tuple[str, int], timeout: object = None, *a: object) -> socket.socket:
                seconds = timeout if isinstance(timeout, (int, float)) else None
                last: OSError | None = None
                for *_, sockaddr in watch.lookup(address[0], address[1], seconds):
                    try:  # each address the lookup gave, as socket.create_connection tries them
                        sock = create((sockaddr[0], sockaddr[1]), timeout, *a)
                    except OSError as exc:
                        last = exc
                        continue
                    watch.add(sock)
                    return sock
                raise last or OSError(f"no address found for {address[0]}")

            self._create_connection = create_and_watch

    return Connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__()
        self._connection = _watched(http.client.HTTPConnection, watch)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, watch: _Watch) -> None:
        super().__init__(context=ssl.create_default_context())
        self._connection = _watched(http.client.HTTPSConnection, watch)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req, context=self._context)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follows http(s) redirects only, and says so when they loop or go on and on."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.chain = [url]

    def http_error_302(self, req, fp, code, msg, headers):  # noqa: ANN001 (urllib's signature)
        target = headers.get("location") or headers.get("uri")
        if target:
            new = urllib.parse.urljoin(req.full_url, target)
            try:
                _check_scheme(new, f"{self.chain[0]}: redirected to")
                if new in self.chain:
                    raise _SourceFailure("refused", f"{self.chain[0]}: the server redirects in a loop: "
                                         + " -> ".join([*self.chain, new]), self.chain[0])
                if len(self.chain) > _MAX_REDIRECTS:
                    raise _SourceFailure("refused", f"{self.chain[0]}: more than {_MAX_REDIRECTS} redirects "
                                         f"(the last to {new})", self.chain[0])
            except _SourceFailure:
                fp.close()
                raise
            self.chain.append(new)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener(watch: _Watch, redirects: _Redirects) -> urllib.request.OpenerDirector:
    """urllib's opener for http and https only: no file://, ftp:// or data: handler at all."""
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), _HTTPHandler(watch), _HTTPSHandler(watch),
                    urllib.request.HTTPDefaultErrorHandler(), redirects, urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def _read_body(response: http.client.HTTPResponse, handle: BinaryIO, url: str, limit: int, timeout: float) -> int:
    """Copy the body to ``handle``: at most ``limit`` bytes, at least 1 kB/s over ``timeout`` seconds."""
    announced = response.headers.get("Content-Length", "").strip()
    if announced.isdigit() and int(announced) > limit:
        raise _SourceFailure("refused", f"{url}: the answer announces {_size(int(announced))}, more than the "
                             f"{_size(limit)} that cobs accepts here", url)
    received = window_bytes = 0
    window_start = time.monotonic()
    while block := response.read1(_CHUNK):
        received += len(block)
        if received > limit:
            raise _SourceFailure("refused", f"{url}: the answer goes on past {_size(limit)}, more than cobs "
                                 "accepts here (an endless body?)", url)
        handle.write(block)
        window_bytes += len(block)
        elapsed = time.monotonic() - window_start
        if elapsed >= timeout:
            if window_bytes < _MIN_RATE * elapsed:
                raise _Transient(f"the transfer stalled ({window_bytes} bytes in {elapsed:.1f} s, less than 1 kB/s)")
            window_start, window_bytes = time.monotonic(), 0
    if announced.isdigit() and received != int(announced):
        raise _Transient(f"the transfer was cut after {received} of {announced} bytes")
    return received


def _get(url: str, dest: BinaryIO | None, session: _Session) -> tuple[bytes, str]:
    """GET ``url``: into the open file ``dest`` (rewritten at each attempt), or into memory if it is None.

    Returns (the body when kept in memory, else b"", the final URL after redirects).
    Retries 5xx answers, time-outs, cut and stalled transfers with back-off
    ``backoff * 2**attempt``; a host that cannot be reached at all (not found,
    refusing connections) is not retried, and not asked again in the session.
    Each attempt ends within ``max_time`` seconds, however slowly the bytes come.
    Raises :class:`_SourceFailure`.
    """
    _check_scheme(url, "a link to")
    limit = MAX_DOCUMENT_BYTES if dest is not None else _MAX_PAGE
    last = ""
    for attempt in range(session.retries + 1):
        if (reason := session.unreachable.get(_host(url))) is not None:
            raise _SourceFailure("unreachable", f"{url}: {reason} (not asked again)", url)
        if attempt:
            delay = session.backoff * 2 ** (attempt - 1)
            logger.info("retrying %s in %.2f s (%s)", url, delay, last)
            time.sleep(delay)
        request = urllib.request.Request(url, headers={"User-Agent": _user_agent()})
        redirects = _Redirects(url)
        watch = _Watch(session.max_time)
        handle = io.BytesIO() if dest is None else dest
        try:
            with watch, _opener(watch, redirects).open(request, timeout=session.timeout) as response:
                handle.seek(0)
                handle.truncate()
                _read_body(response, handle, url, limit, session.timeout)
                if watch.expired:  # the body may look complete: the sockets were shut
                    raise TimeoutError
                body = handle.getvalue() if isinstance(handle, io.BytesIO) else b""
                return body, response.geturl()
        except urllib.error.HTTPError as exc:
            if exc.code in (404, 410):
                raise _SourceFailure("missing", f"{url}: {_describe(exc)}", url) from None
            if exc.code not in _RETRY_STATUS:
                raise _SourceFailure("network", f"{url}: {_describe(exc)}", url) from None
            last = _describe(exc)
        except (_Transient, urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            if watch.expired:
                raise _SourceFailure("network", f"{url}: did not finish within max_time={session.max_time:g} s "
                                     "(a server too slow, or dripping its answer)", url) from None
            if (reason := _unreachable(exc)) is not None:
                session.unreachable[_host(redirects.chain[-1])] = reason
                raise _SourceFailure("unreachable", f"{redirects.chain[-1]}: {reason}", url) from None
            if isinstance(getattr(exc, "reason", exc), ssl.SSLCertVerificationError):  # not worth a retry
                raise _SourceFailure("refused", f"{redirects.chain[-1]}: {_describe(exc)}", url) from None
            last = str(exc) if isinstance(exc, _Transient) else _describe(exc)
    tries = f"{session.retries + 1} attempts" if session.retries else "1 attempt"
    raise _SourceFailure("network", f"{url}: {last} ({tries})", url)


def _size(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 1 << 20 else f"{n} bytes"


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
    from cobs.read.identify import identify

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


# --- public API ------------------------------------------------------------------------------


def _documents_folder(data_home: str | os.PathLike[str] | None, lang: str) -> Path:
    """The cache folder of one language, created; an unusable one is said so before any download."""
    folder = _data_home(data_home) / "documents" / lang
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    except OSError as exc:
        raise type(exc)(exc.errno, f"cannot keep downloads in {folder} ({exc.strerror or exc}): give data_home= "
                        "or set COBS_DATA to a folder you can write to") from None
    return folder


def _fetch_one(parsed: Symbol, lang: str, format: str, data_home: str | os.PathLike[str] | None,
               session: _Session, download_if_missing: bool = True) -> Path:
    folder = _data_home(data_home) / "documents" / lang
    path = folder / _filename(parsed.symbol, format)
    if _cached(path, parsed.symbol, lang, format):
        return path
    if not download_if_missing:
        raise FileNotFoundError(
            f"{parsed.symbol} ({LANGUAGE_NAMES[lang]}, {_FORMAT_NAMES[format]}) is not in the cache {folder}; "
            f"download it with cobs.fetch({parsed.symbol!r}) or `cobs fetch {parsed.symbol}`"
        )
    sources = _source_urls()
    _documents_folder(data_home, lang)
    remove_stale(folder, ".*.part", "an interrupted download")
    failures: list[_SourceFailure] = []
    for (name, base), get in zip(sources, (_from_ods, _from_ohchr), strict=True):
        try:
            get(base, path, parsed.symbol, lang, format, session, name)
        except _SourceFailure as failure:
            logger.info("%s: %s: %s", parsed.symbol, name, failure.message)
            failure.message = f"{name}: {failure.message}"
            failures.append(failure)
            continue
        return path
    raise _error(parsed.symbol, lang, format, failures)


def fetch(
    symbol: str,
    *,
    lang: Language = "en",
    format: Format = "pdf",
    data_home: str | os.PathLike[str] | None = None,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 1.0,
    max_time: float = 600.0,
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
        Seconds to wait for a server to answer or to send the next bytes; a
        transfer slower than 1 kB/s over that many seconds is stalled (and retried).
    retries : int, default 3
        How many times a server error (5xx), time-out, cut or stalled transfer is
        retried before the next source is asked. A host that cannot be reached at
        all (not found, refusing connections: offline) is not retried.
    backoff : float, default 1
        Seconds before the first retry; doubled at each one.
    max_time : float, default 600
        Seconds one download may take in all (answer, redirects and body),
        however steadily the bytes come. A download is also cut past
        :data:`MAX_DOCUMENT_BYTES`.
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
        a State report, a follow-up letter, an addendum), an option is invalid,
        or ``COBS_ODS_URL`` / ``COBS_OHCHR_URL`` is not an http(s) URL.
    FileNotFoundError
        If the document is not cached and ``download_if_missing`` is False.
    PermissionError, NotADirectoryError
        If the cache folder cannot be written to (said before any download).
    cobs.errors.DocumentNotFoundError
        If no source has the document (404, or no link for that language and format).
    cobs.errors.VerificationError
        If the sources served something else than the document asked for (an HTML
        page, a damaged file, another document or language); nothing was kept.
    cobs.errors.FetchError
        If the sources cannot be reached (offline?), keep failing, or answer in a
        way cobs does not follow (a link to a local file, a redirect loop, an
        endless answer); the message says which. An ``OSError``.

    Examples
    --------
    >>> path = fetch("CRC/C/KAZ/CO/4")  # doctest: +SKIP
    >>> path.name  # doctest: +SKIP
    'CRC_C_KAZ_CO_4.pdf'
    >>> fetch("CRC/C/KAZ/Q/5-6")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: 'CRC/C/KAZ/Q/5-6' is the symbol of a list of issues, not of ...: cobs fetches COs only
    """
    parsed = _co_symbol(symbol)
    _check_options(lang, format, timeout, retries, backoff, max_time)
    download_if_missing = check_flag(download_if_missing, "download_if_missing")
    session = _Session(float(timeout), retries, float(backoff), float(max_time))
    return _fetch_one(parsed, lang, format, data_home, session, download_if_missing)


def _error(symbol: str, lang: str, format: str, failures: list[_SourceFailure]) -> FetchError:
    kinds = {f.kind for f in failures}
    reasons = "; ".join(f.message for f in failures)
    url = failures[-1].url if failures else None
    version = f"{LANGUAGE_NAMES[lang]} {_FORMAT_NAMES[format]}"
    if kinds == {"missing"}:
        return DocumentNotFoundError(
            symbol,
            f"no {version} found: {reasons}; check the symbol and the language (cobs.registry() lists known COs)",
            url=url,
        )
    if kinds <= {"missing", "wrong"}:
        return VerificationError(symbol, f"no source served the {version} asked for, nothing was kept: {reasons}",
                                 url=url)
    if "unreachable" in kinds:
        advice = ("; check the network connection (cobs.fetch reads only the cache offline), or set COBS_ODS_URL / "
                  "COBS_OHCHR_URL to a mirror")
    elif "network" in kinds:
        advice = "; try again later, or with a longer timeout / max_time"
    else:  # refused only: what the sources did is the whole story
        advice = "; nothing was kept"
    return FetchError(symbol, f"could not download the {version}: {reasons}{advice}", url=url)


def _bundled_corpus() -> dict[tuple[str, str], list[tuple[Path, str | None]]]:
    """The documents that come with cobs: (symbol, lang) -> files, each with its sha256 when one is recorded.

    The ``corpus/`` of a source checkout (beside the package), from its manifest,
    checked against the sha256 it records; and the sample that the package itself
    installs (:func:`cobs.datasets.sample_path`, CRC/C/KAZ/CO/4), for an
    installed cobs, whose wheel holds no corpus/.
    """
    import csv

    from cobs.datasets import sample_path

    folder = Path(__file__).resolve().parents[2] / "corpus"
    found: dict[tuple[str, str], list[tuple[Path, str | None]]] = {}
    try:
        with open(folder / "manifest.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("symbol") and row.get("file") and row.get("sha256"):
                    found.setdefault((row["symbol"], row.get("language", "")), []).append(
                        (folder / row["file"], row["sha256"]))
    except (OSError, ValueError):
        found = {}
    found.setdefault(("CRC/C/KAZ/CO/4", "en"), []).append((sample_path(), None))
    return found


def _at_hand(symbol: str, lang: str, format: str | None, data_home: str | os.PathLike[str] | None,
             bundled: dict[tuple[str, str], list[tuple[Path, str | None]]]) -> Path | None:
    """A copy of the document the user already has: in the cache, or in the bundled corpus (its sha256 checked)."""
    for fmt in _FORMATS if format is None else (format,):
        path = _data_home(data_home) / "documents" / lang / _filename(symbol, fmt)
        if _cached(path, symbol, lang, fmt):
            return path
    from cobs.corpus import READABLE_SUFFIXES

    for path, digest in bundled.get((symbol, lang), []):
        usable = path.suffix.lower() in READABLE_SUFFIXES if format is None else path.suffix.lower() == f".{format}"
        if usable and path.is_file() and digest in (None, _sha256(path)):
            return path
    return None


def _fetch_each(
    symbols: Iterable[str], *, lang: str, format: str | None, data_home: str | os.PathLike[str] | None,
    timeout: float, retries: int, backoff: float, max_time: float, at_hand: bool = False,
) -> Iterator[tuple[str, Path | Exception]]:
    """Fetch several symbols in one session: (symbol, path or the error) for each, in order.

    Options are checked before anything is yielded. A host found unreachable is
    not asked again. With ``at_hand``, documents already at hand (cache, bundled
    corpus; any format if ``format`` is None) are used as they are.
    """
    _check_options(lang, format, timeout, retries, backoff, max_time, any_format=at_hand)
    session = _Session(float(timeout), retries, float(backoff), float(max_time))
    bundled = _bundled_corpus() if at_hand else {}
    for symbol in symbols:
        try:
            parsed = _co_symbol(symbol)
            local = _at_hand(parsed.symbol, lang, format, data_home, bundled) if at_hand else None
            if local is not None:
                yield symbol, local
                continue
            try:
                yield symbol, _fetch_one(parsed, lang, format or "pdf", data_home, session)
            except DocumentNotFoundError:
                if format is not None:
                    raise
                try:  # any format will do: the Word version where no PDF is found
                    yield symbol, _fetch_one(parsed, lang, "docx", data_home, session)
                except DocumentNotFoundError:
                    pass
                else:
                    continue
                raise
        except (CobsError, ValueError, OSError) as exc:
            yield symbol, exc


def fetch_chain(
    state: str,
    committee: str,
    *,
    protocol: Literal["OPSC", "OPAC"] | None = None,
    lang: Language = "en",
    format: Format | None = None,
    data_home: str | os.PathLike[str] | None = None,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 1.0,
    max_time: float = 600.0,
) -> list[Path]:
    """A State's concluding observations from one committee, oldest first, downloaded if not at hand.

    The COs are those of :func:`cobs.registry` on the State's periodic reports
    under the committee's treaty, or under one of the CRC's optional protocols.
    Documents the user already has are used and not downloaded again: those in
    the cache, and those of the bundled ``corpus/`` of a source checkout (listed
    in its ``manifest.csv``, checked against their sha256). Only the others are
    fetched, in one session: offline, the first failure to reach a host ends the
    attempts on it.

    Parameters
    ----------
    state : str
        A UN name ("Kazakhstan") or a code ("KAZ").
    committee : str
        A code ("CRC") or a name ("Committee on the Rights of the Child").
    protocol : {"OPSC", "OPAC"}, optional
        The CRC's COs under an optional protocol instead of under the Convention.
    format : {"pdf", "docx"}, optional
        Only this format. By default any version at hand that cobs reads (the
        bundled seed is plain text), and for the others the PDF, else the Word
        file, downloaded.
    lang, data_home, timeout, retries, backoff, max_time
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
        could are cached); the message lists each symbol with its reason. What
        could be had is not lost: the error's ``paths`` are the files of the COs
        at hand or fetched, oldest first, and its ``missing`` maps each symbol
        not fetched to its error. A chain with a gap is an error rather than a
        warning because :func:`cobs.compare.chain` would compare the COs on
        either side of the gap as if they were consecutive (what the missing CO
        repeated, added or dropped lost among the changes): take ``paths``
        knowingly.

    Examples
    --------
    >>> [p.name for p in fetch_chain("Kazakhstan", "CRC")]  # doctest: +SKIP
    ['CRC_C_15_Add.213.pdf', 'CRC_C_KAZ_CO_3.pdf', 'CRC_C_KAZ_CO_4.txt']

    Offline, the COs at hand (here the bundled CRC/C/KAZ/CO/4) are in the error:

    >>> from cobs.errors import FetchError
    >>> try:  # doctest: +SKIP
    ...     paths = fetch_chain("KAZ", "CRC")
    ... except FetchError as error:
    ...     paths = error.paths
    ...     print(sorted(error.missing))
    ['CRC/C/15/Add.213', 'CRC/C/KAZ/CO/3']
    >>> [p.name for p in paths]  # doctest: +SKIP
    ['CRC_C_KAZ_CO_4.txt']
    """
    from cobs.sources._registry import chain_symbols, registry

    check_choice(protocol, "protocol", (None, "OPSC", "OPAC"))
    _check_options(lang, format, timeout, retries, backoff, max_time, any_format=True)
    symbols = chain_symbols(registry(state=state, committee=committee), protocol=protocol)
    paths: list[Path] = []
    missing: dict[str, Exception] = {}
    had: list[str] = []
    for symbol, result in _fetch_each(symbols, lang=lang, format=format, data_home=data_home, timeout=timeout,
                                      retries=retries, backoff=backoff, max_time=max_time, at_hand=True):
        if isinstance(result, Exception):
            missing[symbol] = result
        else:
            paths.append(result)
            had.append(symbol)
    if missing:
        listed = "; ".join(str(e) for e in missing.values())
        at_hand = (f"; the {len(paths)} at hand ({', '.join(had)}) are the error's paths" if paths
                   else "; none is at hand")
        raise FetchError(f"{state}/{committee}",
                         f"{len(missing)} of {len(missing) + len(paths)} COs not fetched: {listed}{at_hand}",
                         paths=paths, missing=missing)
    return paths

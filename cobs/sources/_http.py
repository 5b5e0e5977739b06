"""The HTTP layer of :func:`cobs.fetch`: one GET with every bound cobs keeps.

:func:`_get` fetches a URL into a file or into memory: at most
:data:`MAX_DOCUMENT_BYTES` (a landing page: 4 MB), at most ``max_time`` seconds
however the server sends it (:class:`_Watch` shuts the sockets), at least 1 kB/s
over ``timeout`` seconds, http and https only, at most 10 redirects and no loop.
Server errors (5xx), time-outs, cut and stalled transfers are retried with
exponential back-off (``delay * 2**attempt``); a host that cannot be reached at
all is not retried, nor asked again in the same :class:`_Session`. A failure is a
:class:`_SourceFailure` saying what kind it is. Nothing here knows about the UN
(:mod:`cobs.sources._un`) or the cache (:mod:`cobs.sources._fetch`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import http.client
import io
import logging
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import BinaryIO, Literal

MAX_DOCUMENT_BYTES = 50 << 20
"""The largest download kept: a CO's PDF or Word file takes a few hundred kB, the largest UN letters 3 MB."""

_CHUNK = 1 << 16
_MAX_PAGE = 4 << 20  # a landing page larger than this is not one
_MIN_RATE = 1024  # bytes per second, over `timeout` seconds: slower is a stalled transfer
_MAX_REDIRECTS = 10
_LONGEST_WAIT = 86400.0  # a larger `timeout` or `max_time` is no bound (and overflows the socket's clock)
_SCHEMES = ("http", "https")
_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}

logger = logging.getLogger("cobs.sources._fetch")  # one logger for a fetch, whichever module says it


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
    n_retries: int
    delay: float
    max_time: float
    unreachable: dict[str, str] = dataclasses.field(default_factory=dict)


def _user_agent() -> str:
    from cobs._version import __version__

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
    ``delay * 2**attempt``; a host that cannot be reached at all (not found,
    refusing connections) is not retried, and not asked again in the session.
    Each attempt ends within ``max_time`` seconds, however slowly the bytes come.
    Raises :class:`_SourceFailure`.
    """
    _check_scheme(url, "a link to")
    limit = MAX_DOCUMENT_BYTES if dest is not None else _MAX_PAGE
    last = ""
    for attempt in range(session.n_retries + 1):
        if (reason := session.unreachable.get(_host(url))) is not None:
            raise _SourceFailure("unreachable", f"{url}: {reason} (not asked again)", url)
        if attempt:
            wait = session.delay * 2 ** (attempt - 1)
            logger.info("retrying %s in %.2f s (%s)", url, wait, last)
            time.sleep(wait)
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
    tries = f"{session.n_retries + 1} attempts" if session.n_retries else "1 attempt"
    raise _SourceFailure("network", f"{url}: {last} ({tries})", url)


def _size(n: int) -> str:
    return f"{n / 2**20:.0f} MB" if n >= 1 << 20 else f"{n} bytes"


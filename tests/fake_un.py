"""A local HTTP server that imitates the two sources of cobs.fetch, and UN-like documents, for the tests.

``FakeUN`` listens on 127.0.0.1 (a free port) and answers like

* the UN Official Document System: ``/api/symbol/access?s=SYMBOL&l=en&t=pdf``
  redirects (302) to ``/ods/files/<token>.pdf``, which serves the file;
* the OHCHR treaty-body database: ``/_layouts/15/treatybodyexternal/Download.aspx
  ?symbolno=SYMBOL&Lang=en`` answers with a landing page (one table row per
  language, PDF and Word links to ``/SelfServices/FilesHandler.ashx?enc=<token>``
  like docstore.ohchr.org), whose links serve the files.

Each source misbehaves on demand (``server.ods = "..."``, ``server.ohchr = "..."``):

``ok``       answers as above
``missing``  404 at the first request
``error``    500 at every request
``flaky``    503 at the first ``server.failures`` requests, then ``ok``
``stall``    accepts the request and never answers (until the server closes)
``html``     the file's URL answers 200 with an HTML error page
``cut``      the file's URL announces the whole file and sends half of it
``swap``     the file's URL serves another document (``server.swap_with``)
``nolink``   (OHCHR) the landing page lists no version at all
``endless``  the file's URL sends bytes without end (no Content-Length), as fast as they are read
``drip``     the file's URL announces the file and sends it a byte every ``server.drip`` seconds
``huge``     the file's URL announces 10 GB
``slowhead`` the file's URL sends its headers a byte every ``server.drip`` seconds, without end
``loop``     (document system) redirects to /loop/a, which redirects to /loop/b, which redirects to /loop/a

``server.location`` (document system) and ``server.link`` (OHCHR page), when set,
replace the URL of every file by this one (``file:///etc/passwd``, say).

Every request's path is kept in ``server.requests``.
"""

from __future__ import annotations

import hashlib
import socket
import threading
import urllib.parse
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ODS_PATH = "/api/symbol/access"
OHCHR_PATH = "/_layouts/15/treatybodyexternal/Download.aspx"
_NAMES = {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"}
ERROR_PAGE = (b"<!DOCTYPE html><html><head><title>Error</title></head><body><h1>Sorry, something went wrong"
              b"</h1><p>The document could not be found.</p></body></html>")


def _token(key: tuple[str, str, str]) -> str:
    return hashlib.sha256("|".join(key).encode()).hexdigest()[:24]


class FakeUN:
    def __init__(self) -> None:
        self.documents: dict[tuple[str, str, str], bytes] = {}
        self.ods = "ok"
        self.ohchr = "ok"
        self.failures = 2
        self.swap_with: bytes = b""
        self.drip = 0.05
        self.location: str | None = None
        self.link: str | None = None
        self.requests: list[str] = []
        self._count: Counter[str] = Counter()
        self._tokens: dict[str, tuple[str, str, str]] = {}
        self._release = threading.Event()
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.httpd.handle_error = lambda request, address: None  # a client that gave up is not news
        host, port = self.httpd.server_address[:2]
        self.base = f"http://{host}:{port}"
        self.ods_url = self.base + ODS_PATH
        self.ohchr_url = self.base + OHCHR_PATH
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self._thread.start()

    def add(self, symbol: str, data: bytes, *, lang: str = "en", format: str = "pdf") -> None:
        key = (symbol, lang, format)
        self.documents[key] = data
        self._tokens[_token(key)] = key

    def close(self) -> None:
        self._release.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    # --- the handler ------------------------------------------------------------------------

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                with server._lock:
                    server.requests.append(self.path)
                url = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(url.query))
                try:
                    if url.path == ODS_PATH:
                        self._ods(query)
                    elif url.path == OHCHR_PATH:
                        self._ohchr(query)
                    elif url.path.startswith("/ods/files/"):
                        self._file("ods", url.path.rsplit("/", 1)[-1].split(".")[0])
                    elif url.path == "/SelfServices/FilesHandler.ashx":
                        self._file("ohchr", query.get("enc", ""))
                    elif url.path in ("/loop/a", "/loop/b"):
                        other = "/loop/b" if url.path == "/loop/a" else "/loop/a"
                        self._send(302, b"", "text/plain", {"Location": other})
                    else:
                        self._send(404, b"not found", "text/plain")
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def _entry(self, source: str) -> bool:
                """Misbehave at a source's first request as asked; True when it may go on."""
                mode = getattr(server, source)
                if mode == "missing":
                    self._send(404, b"<html><body>404 NOT FOUND</body></html>", "text/html")
                    return False
                if mode == "error":
                    self._send(500, b"<html><body>Internal Server Error</body></html>", "text/html")
                    return False
                if mode == "flaky":
                    with server._lock:
                        server._count[source] += 1
                        failing = server._count[source] <= server.failures
                    if failing:
                        self._send(503, b"<html><body>Service Unavailable</body></html>", "text/html")
                        return False
                if mode == "stall":
                    server._release.wait(30)
                    self.close_connection = True
                    return False
                return True

            def _ods(self, query: dict[str, str]) -> None:
                if not self._entry("ods"):
                    return
                key = (query.get("s", ""), query.get("l", ""), query.get("t", ""))
                if key not in server.documents:
                    self._send(404, b"<html><body>No document</body></html>", "text/html")
                    return
                if server.ods == "loop":
                    self._send(302, b"", "text/plain", {"Location": "/loop/a"})
                    return
                location = server.location or f"/ods/files/{_token(key)}.{key[2]}"
                self._send(302, b"", "text/plain", {"Location": location})

            def _ohchr(self, query: dict[str, str]) -> None:
                if not self._entry("ohchr"):
                    return
                symbol = query.get("symbolno", "")
                rows = []
                for lang, name in _NAMES.items():
                    cells = []
                    for fmt, icon in (("pdf", "icpdf.png"), ("docx", "icdocx.png")):
                        key = (symbol, lang, fmt)
                        if key in server.documents and server.ohchr != "nolink":
                            href = server.link or f"/SelfServices/FilesHandler.ashx?enc={_token(key)}%2B%3D&amp;x=1"
                            cells.append(
                                f'<td><a id="ctl00_PlaceHolderMain_{name}_{fmt}" target="_blank" '
                                f'href="{href}">'
                                f'<img src="/_layouts/15/images/{icon}" alt=""/></a></td>'
                            )
                        else:
                            cells.append("<td></td>")
                    rows.append(f"<tr><td class=\"lang\">{name}</td>{''.join(cells)}<td></td></tr>")
                page = (
                    "<!DOCTYPE html><html lang=\"en\"><head><title>Download document</title></head><body>"
                    f"<h2>{symbol}</h2><p>Choose the language and the format (English, French, ...).</p>"
                    "<table class=\"documents\"><tr><th>Language</th><th>PDF</th><th>Word</th><th>HTML</th></tr>"
                    + "".join(rows) + "</table></body></html>"
                )
                self._send(200, page.encode("utf-8"), "text/html; charset=utf-8")

            def _file(self, source: str, token: str) -> None:
                key = server._tokens.get(token.replace("+=", ""))
                if key is None:
                    self._send(404, b"no such file", "text/plain")
                    return
                data = server.documents[key]
                mode = getattr(server, source)
                if mode == "html":
                    self._send(200, ERROR_PAGE, "text/html")
                elif mode == "swap":
                    self._send(200, server.swap_with, "application/pdf")
                elif mode == "endless":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/pdf")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    self.close_connection = True
                    block = data + b"\0" * (1 << 16)
                    while not server._release.is_set():
                        self.wfile.write(block)
                elif mode == "drip":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/pdf")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.close_connection = True
                    for i in range(len(data)):
                        self.wfile.write(data[i:i + 1])
                        self.wfile.flush()
                        if server._release.wait(server.drip):
                            return
                elif mode == "huge":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/pdf")
                    self.send_header("Content-Length", str(10 << 30))
                    self.end_headers()
                    self.close_connection = True
                    self.wfile.write(data)
                elif mode == "slowhead":
                    self.close_connection = True
                    self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
                    while not server._release.wait(server.drip):
                        self.wfile.write(b"a")
                        self.wfile.flush()
                elif mode == "cut":
                    self.send_response(200)
                    self.send_header("Content-Type", "application/pdf")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data[: len(data) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                else:
                    content_type = "application/pdf" if key[2] == "pdf" else (
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                    self._send(200, data, content_type)

        return Handler


def free_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connections to it are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# --- fake documents ----------------------------------------------------------------------------

_TEXT = {
    "en": [
        "1. The Committee considered the initial report of Spain at its 10th and 11th meetings,",
        "held on 1 and 2 April 2024. It adopted the present concluding observations at its",
        "20th meeting, held on 12 April 2024.",
        "2. The Committee welcomes the initial report of the State party and the dialogue",
        "with the delegation of the State party, which was held in a constructive manner.",
        "3. The Committee recommends that the State party adopt a law on the rights of",
        "persons with disabilities and that it ensure the participation of their organizations.",
    ],
    "fr": [
        "1. Le Comité a examiné le rapport initial de l’Espagne à ses 10e et 11e séances,",
        "les 1er et 2 avril 2024. Il a adopté les présentes observations finales à sa",
        "20e séance, le 12 avril 2024.",
        "2. Le Comité accueille avec satisfaction le rapport initial de l’État partie et",
        "le dialogue constructif qu’il a eu avec la délégation de l’État partie.",
        "3. Le Comité recommande à l’État partie d’adopter une loi sur les droits des",
        "personnes handicapées et de garantir la participation des organisations.",
    ],
}
_MASTHEAD = {
    "en": ("United Nations", "Distr.: General", "Original: English"),
    "fr": ("Nations Unies", "Distr. générale", "Original : anglais"),
}
_TITLE = {
    "en": ("Committee on the Rights of Persons with Disabilities",
           "Concluding observations on the initial report of Spain*",
           "* Adopted by the Committee at its thirty-first session (25 March–12 April 2024)."),
    "fr": ("Comité des droits des personnes handicapées",
           "Observations finales concernant le rapport initial de l’Espagne*",
           "* Adoptées par le Comité à sa trente et unième session (25 mars-12 avril 2024)."),
}


def make_co_pdf(path, symbol: str = "CRPD/C/ESP/CO/1", lang: str = "en"):
    """A small two-page PDF shaped like a UN CO: masthead with its symbol, paragraphs, running header."""
    from conftest import make_pdf

    un, distr, original = _MASTHEAD[lang]
    committee, title, note = _TITLE[lang]
    first = [(un, 40, 11, False), (symbol, 40, 14, False, 380), (distr, 62, 9, False, 380),
             ("19 April 2024", 74, 9, False, 380), (original, 86, 9, False, 380),
             (committee, 130, 13, True), (title, 150, 15, True)]
    first += [(line, 190 + 16 * i, 10, False) for i, line in enumerate(_TEXT[lang])]
    first += [(note, 780, 8, False), ("GE.24-00001 (E)", 810, 8, False)]
    second = [(symbol, 40, 9, False, 430)] + [(line, 80 + 16 * i, 10, False) for i, line in enumerate(_TEXT[lang][3:])]
    second += [("2", 810, 9, False, 290)]
    return make_pdf(path, [first, second])


def make_co_docx(path, symbol: str = "CRPD/C/ESP/CO/1", lang: str = "en"):
    """A minimal Word (.docx) file shaped like a UN CO: masthead table, paragraphs, symbol in the header."""
    import zipfile
    from xml.sax.saxutils import escape

    def paragraphs(lines):
        return "".join(f"<w:p><w:r><w:t xml:space=\"preserve\">{escape(line)}</w:t></w:r></w:p>" for line in lines)

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    un, distr, original = _MASTHEAD[lang]
    committee, title, note = _TITLE[lang]
    body = paragraphs([un, symbol, distr, "19 April 2024", original, committee, title, *_TEXT[lang], note])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("word/document.xml",
                         f'<?xml version="1.0"?><w:document {ns}><w:body>{body}</w:body></w:document>')
        archive.writestr("word/header1.xml", f'<?xml version="1.0"?><w:hdr {ns}>{paragraphs([symbol])}</w:hdr>')
    return path

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
(:func:`cobs.read.identify`). Verification does not require cobs to
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

import errno
import math
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from cobs._checks import check_choice, check_flag, check_int, check_number
from cobs.cache import data_home, remove_stale  # one definition for downloads and parses
from cobs.errors import (
    CobsError,
    DocumentNotFoundError,
    FetchError,
    VerificationError,
    invalid_value,
)
from cobs.read import LANGUAGE_NAMES
from cobs.reference import Symbol, parse_symbol
from cobs.sources._http import _LONGEST_WAIT, MAX_DOCUMENT_BYTES, _Session, _SourceFailure, logger
from cobs.sources._un import (
    _FORMAT_NAMES,
    _FORMATS,
    LANGUAGES,
    ODS_URL,
    OHCHR_URL,
    Format,
    Language,
    _cached,
    _from_ods,
    _from_ohchr,
    _sha256,
    _source_urls,
)

__all__ = [
    "LANGUAGES",
    "MAX_DOCUMENT_BYTES",
    "ODS_URL",
    "OHCHR_URL",
    "data_home",
    "fetch",
    "fetch_chain",
]

_data_home = data_home  # fetch() takes an argument of the same name


# --- arguments -------------------------------------------------------------------------------


def _co_symbol(symbol: str) -> Symbol:
    if not isinstance(symbol, str):
        raise TypeError(invalid_value("symbol", symbol, "a str such as 'CRC/C/KAZ/CO/4'"))
    try:
        return parse_symbol(symbol, co_only=True)  # ValueError naming the text when it is not a CO's symbol
    except ValueError as exc:
        raise ValueError(f"{exc}: cobs fetches COs only") from None


def _check_options(lang: object, format: object, timeout: object, n_retries: object, delay: object,
                   max_time: object, *, any_format: bool = False) -> None:
    check_choice(lang, "lang", LANGUAGES)
    check_choice(format, "format", (None, *_FORMATS) if any_format else _FORMATS)
    for name, value, least, within in (("timeout", timeout, "> 0", lambda v: 0 < v <= _LONGEST_WAIT),
                                       ("max_time", max_time, "> 0", lambda v: 0 < v <= _LONGEST_WAIT),
                                       ("delay", delay, ">= 0", lambda v: 0 <= v <= _LONGEST_WAIT)):  # not NaN
        fix = ("a download is always bounded in time: give a number of seconds, such as 600 for a slow line"
               if isinstance(value, float) and value == math.inf else None)
        check_number(value, name, f"a number of seconds {least} and at most {_LONGEST_WAIT:g}", within, fix)
    check_int(n_retries, "n_retries", least=0)


def _filename(symbol: str, format: str) -> str:
    """A file name for a symbol: '/' becomes '_' ("CRC/C/KAZ/CO/4" -> "CRC_C_KAZ_CO_4.pdf")."""
    name = symbol.replace("/", "_")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):  # parse_symbol lets nothing else through
        raise ValueError(f"cannot make a safe file name of the symbol {symbol!r}")
    return f"{name}.{format}"


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
    n_retries: int = 3,
    delay: float = 1.0,
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
    n_retries : int, default 3
        How many times a server error (5xx), time-out, cut or stalled transfer is
        retried before the next source is asked (scikit-learn's fetchers' name). A host that cannot be reached at
        all (not found, refusing connections: offline) is not retried.
    delay : float, default 1
        Seconds before the first retry; doubled at each one (scikit-learn's
        fetchers wait ``delay`` each time; a failing UN server is better left
        longer).
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
    _check_options(lang, format, timeout, n_retries, delay, max_time)
    download_if_missing = check_flag(download_if_missing, "download_if_missing")
    session = _Session(float(timeout), n_retries, float(delay), float(max_time))
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


def fetch_each(
    symbols: Iterable[str], *, lang: str, format: str | None, data_home: str | os.PathLike[str] | None,
    timeout: float, n_retries: int, delay: float, max_time: float, at_hand: bool = False,
) -> Iterator[tuple[str, Path | Exception]]:
    """Fetch several symbols in one session: (symbol, path or the error) for each, in order.

    Options are checked before anything is yielded. A host found unreachable is
    not asked again. With ``at_hand``, documents already at hand (cache, bundled
    corpus; any format if ``format`` is None) are used as they are.
    """
    _check_options(lang, format, timeout, n_retries, delay, max_time, any_format=at_hand)
    session = _Session(float(timeout), n_retries, float(delay), float(max_time))
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
    n_retries: int = 3,
    delay: float = 1.0,
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
    lang, data_home, timeout, n_retries, delay, max_time
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
    _check_options(lang, format, timeout, n_retries, delay, max_time, any_format=True)
    symbols = chain_symbols(registry(state=state, committee=committee), protocol=protocol)
    paths: list[Path] = []
    missing: dict[str, Exception] = {}
    had: list[str] = []
    for symbol, result in fetch_each(symbols, lang=lang, format=format, data_home=data_home, timeout=timeout,
                                     n_retries=n_retries, delay=delay, max_time=max_time, at_hand=True):
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


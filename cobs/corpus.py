"""Many documents in one table: :func:`read_corpus`.

Documents are parsed in parallel through joblib (loky worker processes by
default), so ``joblib.parallel_config(backend="dask")`` spreads a corpus over a
Dask cluster unchanged. Each parse is cached as soon as it arrives: an
interrupted run (Ctrl-C) keeps what it had read, and loky's workers end with
the run (or with its process, even one killed outright).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import sys
import threading
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

import pandas as pd

from cobs._checks import check_choice, check_n_jobs, check_table
from cobs._workers import parallel_options, watch_parent
from cobs.cache import ParseCache, file_digest
from cobs.columns import DTYPES, PARAGRAPH_COLUMNS
from cobs.document import Document, DocumentMeta, read_document
from cobs.errors import DocumentError
from cobs.tables import conform

__all__ = ["read_corpus", "corpus_summary", "document_order", "CorpusReport", "CorpusWarning", "READABLE_SUFFIXES"]

READABLE_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm")
"""File name endings :func:`read_corpus` picks up in a folder."""

_LISTED = 5  # files named in the warning; read_corpus(..., report=True) lists them all
_PROGRESS_FROM = 20  # show a progress bar when at least this many files must be parsed
_LOG_INTERVAL = 10.0  # seconds between progress lines where no terminal shows a bar (a log file, CI)


class CorpusWarning(UserWarning):
    """Some files of a corpus could not be read; the table leaves them out."""


@dataclasses.dataclass(frozen=True)
class CorpusReport:
    """What :func:`read_corpus` did with each file.

    Attributes
    ----------
    files : pandas.DataFrame
        The files in the table: ``file``, ``symbol``, ``sha256``.
    errors : pandas.DataFrame
        The files left out: ``file``, ``error`` (the exception's name, or
        "duplicate"), ``reason``, and where in the file the problem is, when
        known: ``page`` (PDF) and ``line`` (plain text), 1-based (``<NA>``
        otherwise), as the exception's message says them.
    """

    files: pd.DataFrame
    errors: pd.DataFrame


def documents_in(folder: str | os.PathLike[str]) -> list[Path]:
    """The files of a folder that read_corpus reads (``READABLE_SUFFIXES``), sorted by name."""
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES)


def _paths(source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[Path]:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir():
            return documents_in(path)
        if not path.exists():
            pattern = any(c in str(source) for c in "*?[")
            raise FileNotFoundError(f"{path}: no such file or folder" + (
                f"; a pattern is not expanded: give the folder, or a list such as sorted(glob.glob({str(source)!r}))"
                if pattern else ""))
        return [path]
    paths = [Path(p) for p in source]
    if not paths:
        raise ValueError("read_corpus got an empty list of paths")
    return paths


def _read_one(path: Path) -> Document | DocumentError:
    try:
        return read_document(path)
    except DocumentError as exc:
        return exc


def _read_keyed(digest: str, path: Path, parent: int) -> tuple[str, Document | DocumentError]:
    watch_parent(parent)  # a worker that another backend started without end_with_parent (multiprocessing's)
    return digest, _read_one(path)


@contextlib.contextmanager
def _interrupts_are_the_callers() -> Iterator[None]:
    """Ignore SIGINT while worker processes are started, so that they inherit the disposition.

    A terminal's Ctrl-C reaches the whole process group: a worker still starting up
    (importing cobs) printed a KeyboardInterrupt traceback of its own. The run's
    process handles the interrupt and ends its workers; they need not see it.
    Only the main thread may change signal handlers: elsewhere nothing is done.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _parse(todo: dict[str, Path], n_jobs: int | None) -> Iterator[tuple[str, Document | DocumentError]]:
    """(digest, result) of each file, as each parse finishes: in worker processes through joblib when it is worth it."""
    from joblib import Parallel, delayed, effective_n_jobs

    if len(todo) > 1 and effective_n_jobs(n_jobs) > 1:
        # The generator ends the workers' tasks when it is closed (an error, Ctrl-C in this process).
        # loky's workers end with this process at any moment of their start-up (cobs._workers).
        parallel = Parallel(n_jobs=n_jobs, return_as="generator_unordered", **parallel_options())
        with _interrupts_are_the_callers():  # the workers it starts now ignore Ctrl-C from their first instruction
            results = parallel(delayed(_read_keyed)(digest, path, os.getpid()) for digest, path in todo.items())
        try:
            yield from results
        finally:
            results.close()
    else:
        for digest, path in todo.items():
            yield digest, _read_one(path)


def _progress(total: int, enabled: bool | None):
    """A tqdm bar: a widget in notebooks, a bar on a terminal, a line every 10 s elsewhere (a log, CI)."""
    from tqdm.auto import tqdm

    show = total >= _PROGRESS_FROM if enabled is None else enabled
    stream = sys.stderr
    terminal = hasattr(stream, "isatty") and stream.isatty()
    options = {"total": total, "desc": "reading", "unit": "doc", "disable": not show, "file": stream,
               "leave": not terminal}  # in a log or a saved notebook, the last state stays
    from tqdm.autonotebook import tqdm as chosen  # what tqdm.auto builds on: std's bar, or the notebook widget

    if chosen.__module__ != "tqdm.notebook":
        return tqdm(**options, mininterval=0.1 if terminal else _LOG_INTERVAL)
    return _notebook_bar(tqdm, options)


def _notebook_bar(widget_bar: type, options: dict[str, object]):
    """tqdm's notebook widget, whose output is redrawn when it closes.

    A notebook saved after running keeps, beside the widget, a text rendering of
    it (what GitHub and nbconvert show); tqdm writes that text when the bar
    appears ("0/129") and never again. Displayed under a display id, the output
    is updated at the end, so the saved text is the finished bar.
    """
    from IPython.display import display

    class Bar(widget_bar):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:
            super().__init__(**options, display=False)
            self._output = None if self.disable else display(self.container, display_id=True)

        def close(self) -> None:
            super().close()
            if getattr(self, "_output", None) is not None:
                self._output.update(self.container)
                self._output = None

    return Bar()


def read_corpus(
    source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    n_jobs: int | None = None,
    errors: Literal["warn", "raise"] = "warn",
    cache: bool = True,
    data_home: str | os.PathLike[str] | None = None,
    progress: bool | None = None,
    report: bool = False,
) -> pd.DataFrame | tuple[pd.DataFrame, CorpusReport]:
    """Read many COs into one paragraph table.

    Parameters
    ----------
    source : path or iterable of paths
        A folder (its ``.txt``, ``.pdf``, ``.docx``, ``.html`` files), a file, or a list of files.
    n_jobs : int, optional
        Parallel jobs for the files not in the cache, through joblib: 1 reads in
        this process, -1 uses every core; None means 1 unless a
        ``joblib.parallel_config`` context says otherwise (as in scikit-learn).
        The backend is joblib's: loky worker processes by default,
        ``parallel_config(backend="dask")`` for a Dask cluster.
    errors : {"warn", "raise"}
        "warn" (default) leaves unreadable files out of the table and reports them
        together at the end: one :class:`CorpusWarning` naming them (or, with
        ``report=True``, the report's ``errors`` table); "raise" raises the first
        file's error.
    cache : bool
        Reuse parses of files already read (keyed by file content, checked when
        read back) and store new ones, each as soon as it is parsed. Best
        effort: a cache folder that cannot be used gives a
        :class:`cobs.cache.CacheWarning` and the reading goes on.
    data_home : path, optional
        Cache folder; see :func:`cobs.cache.data_home`.
    progress : bool, optional
        Show progress (tqdm: a widget in notebooks, a bar on a terminal, a line
        every 10 seconds where standard error is a file). Default: when 20 or
        more files must be parsed.
    report : bool
        Also return a :class:`CorpusReport` (files read, files left out and why)
        instead of warning.

    Returns
    -------
    pandas.DataFrame
        Every document's paragraph table, stacked by committee, State and cycle
        (:func:`document_order`: a State's chain of COs oldest first, whatever the
        files are called), with the columns of :data:`cobs.PARAGRAPH_COLUMNS` (and
        the report, with ``report=True``, whose ``files`` are in the order of ``source``).
        A file whose content or symbol repeats an earlier file's
        is left out (error "duplicate"), so that no document counts twice.

    Raises
    ------
    cobs.errors.DocumentError
        With ``errors="raise"``, the first file that cannot be read.
    KeyboardInterrupt
        On Ctrl-C, once the workers are stopped; what was parsed is cached.
    """
    return_report, warn = report, not report
    check_choice(errors, "errors", ("warn", "raise"))
    n_jobs = check_n_jobs(n_jobs)
    paths = _paths(source)
    failed: list[dict[str, object]] = []
    digests: dict[Path, str] = {}
    for path in paths:
        try:  # read_document looks at the name too: a ".pdf" that is no PDF is refused
            digests[path] = file_digest(path) + (".pdf" if path.suffix.lower() == ".pdf" else "")
        except OSError as exc:  # missing or unreadable: reported with the others
            if errors == "raise":
                raise
            failed.append({"file": str(path), "error": type(exc).__name__, "reason": exc.strerror or str(exc)})
    results: dict[str, Document | DocumentError] = {}
    todo: dict[str, Path] = {}  # content digest -> first file with that content, still to parse
    store = ParseCache(data_home, enabled=cache)
    for path, digest in digests.items():
        if digest in results or digest in todo:
            continue
        cached = store.load(digest)
        if cached is None:
            todo[digest] = path
        else:
            results[digest] = cached  # type: ignore[assignment]
    with _progress(len(todo), progress) as bar:
        for digest, result in _parse(todo, n_jobs):
            results[digest] = result
            store.store(digest, result)  # now: an interrupted run keeps what it has read
            bar.update()
    tables, files = [], []
    by_content: dict[str, str] = {}
    by_symbol: dict[str, str] = {}
    for path, digest in digests.items():
        result = results[digest]
        if isinstance(result, DocumentError):
            error = result.at(path)
            if errors == "raise":
                raise error
            failed.append({"file": str(path), "error": type(error).__name__, "reason": error.reason,
                           "page": error.page, "line": error.line})
            continue
        if digest in by_content:
            failed.append({"file": str(path), "error": "duplicate", "reason": f"same content as {by_content[digest]}"})
            continue
        symbol = result.meta.symbol
        if symbol in by_symbol:  # two versions of one document would double its rows
            failed.append({"file": str(path), "error": "duplicate",
                           "reason": f"same symbol {symbol} as {by_symbol[symbol]}; keep one version of each CO"})
            continue
        by_content[digest] = by_symbol[symbol] = str(path)
        doc = result if result.meta.path == str(path) else _moved(result, path)
        tables.append((document_order(doc.meta), doc.paragraphs))
        files.append({"file": str(path), "symbol": symbol, "sha256": digest[:64]})
    tables.sort(key=lambda item: item[0])  # by committee, State and cycle, not by file name (CO/2-3 before CO/1)
    table = pd.concat([t for _, t in tables], ignore_index=True) if tables else _empty_table()
    report = CorpusReport(
        files=pd.DataFrame(files, columns=["file", "symbol", "sha256"]),
        errors=pd.DataFrame(failed, columns=["file", "error", "reason", "page", "line"]).astype(
            {"page": "Int64", "line": "Int64"}),
    )
    if failed and warn:
        listing = "; ".join(f"{Path(str(f['file'])).name}{_where(f.get('page'), f.get('line'))}: {f['reason']}"
                            for f in failed[:_LISTED])
        more = f"; and {len(failed) - _LISTED} more" if len(failed) > _LISTED else ""
        warnings.warn(
            f"{len(failed)} of {len(paths)} files left out (read_corpus(..., report=True) lists them all): "
            f"{listing}{more}",
            CorpusWarning,
            stacklevel=2,
        )
    if warn and (not paths or not tables):
        warnings.warn(f"no document could be read from {source!r}", CorpusWarning, stacklevel=2)
    return (table, report) if return_report else table


def _where(page: object, line: object) -> str:
    """", page 21" or ", line 130" (or both, or nothing): the place of a problem, as DocumentError's message says it."""
    known = (("page", page), ("line", line))
    return "".join(f", {name} {int(n)}" for name, n in known if n is not None and not pd.isna(n))


def document_order(meta: DocumentMeta) -> tuple[object, ...]:
    """How read_corpus orders documents: committee, State, optional protocol, cycle (as numbers), year, symbol.

    Examples
    --------
    >>> import cobs
    >>> metas = [cobs.read_document(f"corpus/CRPD_C_AZE_CO_{c}.pdf").meta for c in ("2-3", "1")]
    >>> [m.symbol for m in sorted(metas, key=document_order)]
    ['CRPD/C/AZE/CO/1', 'CRPD/C/AZE/CO/2-3']
    """
    protocol = "/OPSC/" in meta.symbol, "/OPAC/" in meta.symbol
    return (meta.committee, meta.state, protocol, meta.cycle_first, meta.cycle_last, meta.year or 0, meta.symbol)


def _empty_table() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=DTYPES[name]) for name in PARAGRAPH_COLUMNS})


def _moved(doc: Document, path: Path) -> Document:
    """A cached document read from a file that is now at ``path``."""
    return dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, path=str(path)))


def corpus_summary(table: pd.DataFrame) -> pd.DataFrame:
    """One row per document of a paragraph table: symbol, committee, State, cycle, year, paragraphs, recommendations.

    The documents are in the order of the table (:func:`read_corpus`'s: by
    committee, State and cycle). ``cycle`` is the cycle as the symbol writes it
    ("2-3"); ``paragraphs`` counts numbered paragraphs; ``recommendations``
    counts the paragraphs of kind ``recommendation``; ``rows`` counts table rows
    (paragraphs and their lettered items).
    """
    check_table(table, ["symbol", "committee", "state", "cycle", "year", "para", "sub", "kind"],
                function="corpus_summary", what="a paragraph table (Document.paragraphs, cobs.read_corpus)")
    table = conform(table)
    own = table[table["sub"] == ""]
    grouped = own.groupby("symbol", sort=False)
    summary = grouped[["committee", "state", "cycle", "year"]].first()
    summary["paragraphs"] = grouped.size()
    summary["recommendations"] = grouped["kind"].apply(lambda k: int((k == "recommendation").sum()))
    summary["rows"] = table.groupby("symbol", sort=False).size()
    return summary.reset_index()


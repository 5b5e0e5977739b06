"""Many documents in one table: :func:`read_corpus`."""

from __future__ import annotations

import dataclasses
import os
import warnings
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Literal

import pandas as pd

from cobs.cache import file_digest, load_parsed, store_parsed
from cobs.columns import DTYPES, PARAGRAPH_COLUMNS
from cobs.document import Document, read_document
from cobs.errors import DocumentError
from cobs.tables import conform

__all__ = ["read_corpus", "corpus_summary", "CorpusReport", "CorpusWarning", "READABLE_SUFFIXES"]

READABLE_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm")
"""File name endings :func:`read_corpus` picks up in a folder."""

_LISTED = 5  # files named in the warning; read_corpus(..., report=True) lists them all
_PROGRESS_FROM = 20  # show a progress bar when at least this many files must be parsed


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
        "duplicate"), ``reason``.
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
            raise FileNotFoundError(f"{path}: no such file or folder")
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


def _progress(total: int, enabled: bool | None):
    from tqdm.auto import tqdm

    # by default: only for long runs, and only where someone watches (tqdm: None = a terminal or a notebook)
    disable = (True if total < _PROGRESS_FROM else None) if enabled is None else not enabled
    return tqdm(total=total, desc="reading", unit="doc", disable=disable, leave=False)


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
        Worker processes for the files not in the cache: None or 1 reads in this
        process, -1 uses every core.
    errors : {"warn", "raise"}
        "warn" (default) leaves unreadable files out of the table and reports them
        together at the end: one :class:`CorpusWarning` naming them (or, with
        ``report=True``, the report's ``errors`` table); "raise" raises the first
        file's error.
    cache : bool
        Reuse parses of files already read (keyed by file content) and store new ones.
    data_home : path, optional
        Cache folder; see :func:`cobs.cache.data_home`.
    progress : bool, optional
        Show a progress bar (tqdm; a widget in notebooks). Default: when 20 or
        more files must be parsed.
    report : bool
        Also return a :class:`CorpusReport` (files read, files left out and why)
        instead of warning.

    Returns
    -------
    pandas.DataFrame
        Every document's paragraph table, stacked in the order of ``source``,
        with the columns of :data:`cobs.PARAGRAPH_COLUMNS` (and the report, with
        ``report=True``). A file whose content or symbol repeats an earlier file's
        is left out (error "duplicate"), so that no document counts twice.

    Raises
    ------
    cobs.errors.DocumentError
        With ``errors="raise"``, the first file that cannot be read.
    """
    return_report, warn = report, not report
    if errors not in ("warn", "raise"):
        raise ValueError(f"errors must be 'warn' or 'raise', got {errors!r}")
    if n_jobs is not None and (not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1):
        raise ValueError(f"n_jobs must be None, -1 or a positive int, got {n_jobs!r}")
    paths = _paths(source)
    failed: list[dict[str, str]] = []
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
    for path, digest in digests.items():
        if digest in results or digest in todo:
            continue
        cached = load_parsed(digest, data_home) if cache else None
        if cached is None:
            todo[digest] = path
        else:
            results[digest] = cached
    workers = (os.cpu_count() or 1) if n_jobs == -1 else (n_jobs or 1)
    with _progress(len(todo), progress) as bar:
        if workers > 1 and len(todo) > 1:
            with ProcessPoolExecutor(max_workers=min(workers, len(todo))) as pool:
                for digest, result in zip(todo, pool.map(_read_one, todo.values(), chunksize=4), strict=False):
                    results[digest] = result
                    bar.update()
        else:
            for digest, path in todo.items():
                results[digest] = _read_one(path)
                bar.update()
    if cache:
        for digest in todo:
            store_parsed(digest, results[digest], data_home)
    tables, files = [], []
    by_content: dict[str, str] = {}
    by_symbol: dict[str, str] = {}
    for path, digest in digests.items():
        result = results[digest]
        if isinstance(result, DocumentError):
            error = result.at(path)
            if errors == "raise":
                raise error
            failed.append({"file": str(path), "error": type(error).__name__, "reason": error.reason})
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
        tables.append(doc.paragraphs)
        files.append({"file": str(path), "symbol": symbol, "sha256": digest[:64]})
    table = pd.concat(tables, ignore_index=True) if tables else _empty_table()
    report = CorpusReport(
        files=pd.DataFrame(files, columns=["file", "symbol", "sha256"]),
        errors=pd.DataFrame(failed, columns=["file", "error", "reason"]),
    )
    if failed and warn:
        listing = "; ".join(f"{Path(f['file']).name}: {f['reason']}" for f in failed[:_LISTED])
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


def _empty_table() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=DTYPES[name]) for name in PARAGRAPH_COLUMNS})


def _moved(doc: Document, path: Path) -> Document:
    """A cached document read from a file that is now at ``path``."""
    return dataclasses.replace(doc, meta=dataclasses.replace(doc.meta, path=str(path)))


def corpus_summary(table: pd.DataFrame) -> pd.DataFrame:
    """One row per document of a paragraph table: symbol, committee, State, year, paragraphs, recommendations.

    ``paragraphs`` counts numbered paragraphs; ``recommendations`` counts the
    paragraphs of kind ``recommendation``; ``rows`` counts table rows
    (paragraphs and their lettered items).
    """
    missing = {"symbol", "committee", "state", "year", "para", "sub", "kind"} - set(table.columns)
    if missing:
        raise ValueError(f"corpus_summary needs a paragraph table; columns missing: {sorted(missing)}")
    table = conform(table)
    own = table[table["sub"] == ""]
    grouped = own.groupby("symbol", sort=False)
    summary = grouped[["committee", "state", "year"]].first()
    summary["paragraphs"] = grouped.size()
    summary["recommendations"] = grouped["kind"].apply(lambda k: int((k == "recommendation").sum()))
    summary["rows"] = table.groupby("symbol", sort=False).size()
    return summary.reset_index()


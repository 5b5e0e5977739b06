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
from cobs.columns import PARAGRAPH_COLUMNS
from cobs.document import Document, read_document
from cobs.errors import DocumentError

__all__ = ["read_corpus", "corpus_summary", "CorpusWarning", "READABLE_SUFFIXES"]

READABLE_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm")
"""File name endings :func:`read_corpus` picks up in a folder."""

_LISTED = 5  # files named in the warning; all are in table.attrs["errors"]
_PROGRESS_FROM = 20  # show a progress bar when at least this many files must be parsed


class CorpusWarning(UserWarning):
    """Some files of a corpus could not be read; the table leaves them out."""


def _paths(source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[Path]:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.is_dir():
            return sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES)
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

    disable = (total < _PROGRESS_FROM) if enabled is None else not enabled
    return tqdm(total=total, desc="reading", unit="doc", disable=disable, leave=False)


def read_corpus(
    source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    n_jobs: int | None = None,
    errors: Literal["warn", "raise"] = "warn",
    cache: bool = True,
    data_home: str | os.PathLike[str] | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """Read many COs into one paragraph table.

    Parameters
    ----------
    source : path or iterable of paths
        A folder (its ``.txt``, ``.pdf``, ``.docx``, ``.html`` files), a file, or a list of files.
    n_jobs : int, optional
        Worker processes for the files not in the cache: None or 1 reads in this
        process, -1 uses every core.
    errors : {"warn", "raise"}
        "warn" (default) leaves unreadable files out of the table, lists them in
        ``table.attrs["errors"]`` (columns ``file``, ``error``, ``reason``) and
        issues one :class:`CorpusWarning` naming them all at the end; "raise"
        raises the first file's error.
    cache : bool
        Reuse parses of files already read (keyed by file content) and store new ones.
    data_home : path, optional
        Cache folder; see :func:`cobs.cache.data_home`.
    progress : bool, optional
        Show a progress bar (tqdm; a widget in notebooks). Default: when 20 or
        more files must be parsed.

    Returns
    -------
    pandas.DataFrame
        Every document's paragraph table, stacked in the order of ``source``,
        with the columns of :data:`cobs.PARAGRAPH_COLUMNS`. ``attrs["files"]``
        lists each file read with its symbol and sha256. A file whose content
        repeats an earlier file is read once (reported with error "duplicate").

    Raises
    ------
    cobs.errors.DocumentError
        With ``errors="raise"``, the first file that cannot be read.
    """
    if errors not in ("warn", "raise"):
        raise ValueError(f"errors must be 'warn' or 'raise', got {errors!r}")
    if n_jobs is not None and (not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1):
        raise ValueError(f"n_jobs must be None, -1 or a positive int, got {n_jobs!r}")
    paths = _paths(source)
    digests = [file_digest(p) for p in paths]
    results: dict[str, Document | DocumentError] = {}
    todo: dict[str, Path] = {}  # content digest -> first file with that content, still to parse
    for path, digest in zip(paths, digests):
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
                for digest, result in zip(todo, pool.map(_read_one, todo.values(), chunksize=4)):
                    results[digest] = result
                    bar.update()
        else:
            for digest, path in todo.items():
                results[digest] = _read_one(path)
                bar.update()
    if cache:
        for digest in todo:
            store_parsed(digest, results[digest], data_home)
    tables, failed, files, seen = [], [], [], {}
    for path, digest in zip(paths, digests):
        result = results[digest]
        if isinstance(result, DocumentError):
            error = result.at(path)
            if errors == "raise":
                raise error
            failed.append({"file": str(path), "error": type(error).__name__, "reason": error.reason})
            continue
        if digest in seen:
            failed.append({"file": str(path), "error": "duplicate", "reason": f"same content as {seen[digest]}"})
            continue
        seen[digest] = str(path)
        doc = result if result.meta.path == str(path) else _moved(result, path)
        tables.append(doc.paragraphs)
        files.append({"file": str(path), "symbol": doc.meta.symbol, "sha256": digest})
    table = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=list(PARAGRAPH_COLUMNS))
    table.attrs["errors"] = pd.DataFrame(failed, columns=["file", "error", "reason"])
    table.attrs["files"] = pd.DataFrame(files, columns=["file", "symbol", "sha256"])
    if failed:
        listing = "; ".join(f"{Path(f['file']).name}: {f['reason']}" for f in failed[:_LISTED])
        more = f"; and {len(failed) - _LISTED} more" if len(failed) > _LISTED else ""
        warnings.warn(
            f"{len(failed)} of {len(paths)} files left out (all listed in table.attrs['errors']): {listing}{more}",
            CorpusWarning,
            stacklevel=2,
        )
    return table


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
    own = table[table["sub"] == ""]
    grouped = own.groupby("symbol", sort=False)
    summary = grouped[["committee", "state", "year"]].first()
    summary["paragraphs"] = grouped.size()
    summary["recommendations"] = grouped["kind"].apply(lambda k: int((k == "recommendation").sum()))
    summary["rows"] = table.groupby("symbol", sort=False).size()
    return summary.reset_index()


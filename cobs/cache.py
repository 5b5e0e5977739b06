"""Where cobs keeps what it downloads and what it has already parsed.

The folder is ``data_home`` if given, else the environment variable
``COBS_DATA``, else ``~/cobs_data``. Parsed documents are cached under
``parsed/<parse_version()>/<sha256 of the file>.pkl``: the key is the file's
content (and whether its name ends in ".pdf", which read_document checks), so a
renamed or moved file is not parsed again, and a changed file is. The folder name
is a fingerprint of the reader's code, its data files and PDFium's version: any
change to them leaves older entries unused (``clear_cache`` removes them).

Each entry records the digest it was stored under and the document's symbol;
what an entry returns is checked against both (and against the content digest
the document itself carries) before it is used: an entry that is damaged,
swapped with another or holds anything else is parsed again, never trusted.

The entries are pickles, and unpickling runs code: cobs loads them only from
its own folder (``<data_home>/parsed/``), which it creates and writes, and
not from a folder other users may write to (POSIX: world-writable, or owned
by someone else). Do not point ``data_home`` at a folder you do not trust.

Caching is best effort: a ``data_home`` that cannot be used (read-only,
``COBS_DATA`` naming a file) gives one :class:`CacheWarning`, and the reading
goes on without the cache.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import logging
import os
import pickle
import shutil
import tempfile
import time
import warnings
from pathlib import Path
from typing import BinaryIO

from cobs import _shadowed  # noqa: F401  (a folder named cobs taken for the package: ImportError saying so)

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["data_home", "clear_cache", "parse_version", "PARSE_VERSION", "CacheWarning"]

logger = logging.getLogger(__name__)


class CacheWarning(UserWarning):
    """The parse cache cannot be used (a folder that cannot be written, say); cobs goes on without it."""

STALE_AFTER = 60.0
"""Seconds without a write after which an unlocked temporary file is an interrupted run's leftover."""

PARSE_VERSION = "6"
"""Bumped by hand for changes the fingerprint below cannot see."""


@functools.cache
def parse_version() -> str:
    """A fingerprint of everything a parse depends on.

    The reader's code (``cobs/read``, ``cobs/structure``, ``cobs/reference``, the
    document and column modules), its data files (``cobs/data``: the operative
    verbs decide ``kind``), the versions of PDFium and pandas, and
    :data:`PARSE_VERSION`. A change to any of them leaves older cached parses
    unused, so the cache never serves what the current code would not produce.
    """
    import pandas
    import pypdfium2

    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(PARSE_VERSION.encode())
    files = [root / "document.py", root / "columns.py", root / "errors.py"]
    for folder in ("read", "structure", "reference", "data"):
        files.extend(sorted((root / folder).rglob("*")))
    for path in files:
        if path.is_file() and path.suffix in (".py", ".csv", ".toml"):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    info = getattr(pypdfium2, "PYPDFIUM_INFO", "")
    digest.update(f"{info}|{getattr(pypdfium2, 'PDFIUM_INFO', '')}|{pandas.__version__}".encode())
    return digest.hexdigest()[:16]


def data_home(data_home: str | os.PathLike[str] | None = None) -> Path:
    """The folder where cobs keeps downloaded documents and parsed ones.

    Parameters
    ----------
    data_home : str or path-like, optional
        The folder to use. By default the environment variable ``COBS_DATA``,
        else ``~/cobs_data``. ``~`` is expanded. The folder is not created here.

    Returns
    -------
    pathlib.Path

    Examples
    --------
    >>> data_home("/tmp/cobs")
    PosixPath('/tmp/cobs')
    >>> data_home("~/corpora/cobs") == Path.home() / "corpora" / "cobs"
    True
    """
    if data_home is None:
        data_home = os.environ.get("COBS_DATA") or "~/cobs_data"
    return Path(data_home).expanduser()


def clear_cache(*, data_home: str | os.PathLike[str] | None = None) -> None:
    """Remove every cached parse (downloads are kept)."""
    shutil.rmtree(_home(data_home) / "parsed", ignore_errors=True)


_home = data_home  # the functions below take an argument of the same name


def file_digest(path: Path) -> str:
    """sha256 of a file's content."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def hold_lock(handle: BinaryIO) -> None:
    """Hold an exclusive lock on a temporary file while it is written (POSIX), so that no other run removes it.

    The lock dies with the process: a file whose writer was killed is free. Best
    effort: where the file system has no locks (some network ones), the file's
    age alone protects it (:func:`remove_stale`).
    """
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def remove_stale(folder: Path, pattern: str, left_by: str) -> None:
    """Remove the temporary files matching ``pattern`` that interrupted runs left in ``folder`` (a kill -9).

    A file is a leftover when no process holds its lock (:func:`hold_lock`; POSIX)
    and it has not been written to for :data:`STALE_AFTER` seconds; where there
    are no such locks (Windows, where an open file cannot be removed anyway), the
    age alone decides. ``left_by`` says what left it, for the log.
    """
    now = time.time()
    for path in folder.glob(pattern):
        try:
            if now - path.stat().st_mtime < STALE_AFTER:
                continue
            if fcntl is None:
                path.unlink()
            else:
                with open(path, "rb") as handle:
                    try:
                        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    except OSError:
                        continue  # being written
                    path.unlink()
            logger.info("removed %s, left by %s", path, left_by)
        except OSError:
            continue


def _parsed_dir(home: str | os.PathLike[str] | None) -> Path:
    return _home(home) / "parsed" / parse_version()


@dataclasses.dataclass(frozen=True)
class _Entry:
    """What the cache stores: the result with the key and symbol it was stored for."""

    digest: str
    symbol: str | None
    result: object


class ParseCache:
    """The parsed documents of one ``data_home``, used best effort (see the module documentation).

    Parameters
    ----------
    home : path, optional
        The ``data_home``.
    enabled : bool
        False: every lookup misses and nothing is stored.
    """

    def __init__(self, home: str | os.PathLike[str] | None = None, *, enabled: bool = True) -> None:
        self.folder = _parsed_dir(home)
        self.enabled = enabled
        self._checked = False
        self._swept = False

    def _give_up(self, exc: OSError | str, doing: str) -> None:
        reason = exc if isinstance(exc, str) else (exc.strerror or str(exc))
        warnings.warn(
            f"cobs cannot {doing} its parse cache {self.folder} ({reason}): going on without it; give "
            "data_home= or set COBS_DATA to a folder of yours that you can write to",
            CacheWarning,
            stacklevel=4,
        )
        self.enabled = False

    def _trusted(self) -> bool:
        """Is the folder cobs's own (not writable by others)? Checked once, when it exists."""
        if self._checked or not self.enabled:
            return self.enabled
        self._checked = True
        try:
            info = self.folder.stat()
        except FileNotFoundError:
            self._checked = False  # not there yet: nothing to load
            return False
        except OSError as exc:
            self._give_up(exc, "read")
            return False
        if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o002):
            self._give_up("the folder is writable by other users, and cached parses are pickles", "trust")
            return False
        return True

    def load(self, digest: str) -> object | None:
        """The cached result (a Document or a DocumentError) for this content, or None to parse it."""
        if not self._trusted():
            return None
        entry_path = self.folder / f"{digest}.pkl"
        try:
            with open(entry_path, "rb") as handle:
                entry = pickle.load(handle)
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._give_up(exc, "read")
            return None
        except Exception:  # damaged or written by another version: parse again
            entry = None
        result = _checked(entry, digest)
        if result is None:
            logger.info("%s: cached entry unusable or for another document; parsing again", entry_path)
            self._remove(entry_path)
        return result

    def store(self, digest: str, result: object) -> None:
        """Cache a parse result, atomically (a reader never sees half a file)."""
        if not self.enabled:
            return
        from cobs.document import Document

        symbol = result.meta.symbol if isinstance(result, Document) else None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not self._swept:  # once per cache: what an interrupted run was writing when it was killed
                self._swept = True
                remove_stale(self.folder, ".*.tmp", "an interrupted parse")
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
        except OSError as exc:
            self._give_up(exc, "write to")
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                hold_lock(handle)
                pickle.dump(_Entry(digest, symbol, result), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.folder / f"{digest}.pkl")
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            self._give_up(exc, "write to")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _remove(self, path: Path) -> None:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _checked(entry: object, digest: str) -> object | None:
    """The result an entry holds, if it is what the cache promises for ``digest``; else None."""
    from cobs.document import Document
    from cobs.errors import DocumentError

    if not isinstance(entry, _Entry) or entry.digest != digest:
        return None
    result = entry.result
    if isinstance(result, DocumentError):
        return result if entry.symbol is None else None
    if not isinstance(result, Document):
        return None
    if result.meta.sha256 != digest[:64] or result.meta.symbol != entry.symbol:
        return None
    return result

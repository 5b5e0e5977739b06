"""Where cobs keeps what it downloads and what it has already parsed.

The folder is ``data_home`` if given, else the environment variable
``COBS_DATA``, else ``~/cobs_data``. Parsed documents are cached under
``parsed/<parse_version()>/<sha256 of the file>.pkl``: the key is the file's
content (and whether its name ends in ".pdf", which read_document checks), so a
renamed or moved file is not parsed again, and a changed file is. The folder name
is a fingerprint of the reader's code, its data files and PDFium's version: any
change to them leaves older entries unused (``clear_cache`` removes them).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import shutil
import tempfile
from pathlib import Path

__all__ = ["data_home", "clear_cache", "parse_version", "PARSE_VERSION"]

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


def _parsed_dir(home: str | os.PathLike[str] | None) -> Path:
    return _home(home) / "parsed" / parse_version()


def load_parsed(digest: str, home: str | os.PathLike[str] | None) -> object | None:
    """The cached result (a Document or a DocumentError) for this content, or None."""
    entry = _parsed_dir(home) / f"{digest}.pkl"
    try:
        with open(entry, "rb") as fh:
            return pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:  # an unreadable or outdated entry: parse again
        entry.unlink(missing_ok=True)
        return None


def store_parsed(digest: str, result: object, home: str | os.PathLike[str] | None) -> None:
    """Cache a parse result, atomically (a reader never sees half a file)."""
    folder = _parsed_dir(home)
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{digest}.pkl")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

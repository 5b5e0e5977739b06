"""A report folder replaced whole: written beside the old one, swapped in only when complete.

A report is written into a temporary folder beside the report folder (same filesystem), and takes the folder's
place by renaming when every file is written: until then, and after an error or Ctrl-C, the earlier report stays
as it was (the temporary folder is removed). Each report lists the files it wrote in :data:`MANIFEST`; the next
report replaces those, and only those: any other file in the folder (notes of the reader's, a figure they edited
under another name) is carried over into the new report, at the same place. A file of the reader's that has the
name of a file of the new report is not overwritten: the report is refused, and the earlier one left as it was.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

__all__ = ["MANIFEST", "MARK", "check_output", "replace", "staging"]

MARK = "<!-- written by cobs report -->"
"""The line that marks ``index.html`` as a cobs report's page."""

MANIFEST = "cobs-report-files.txt"
"""The list of the files a report wrote (one path a line, relative to the report folder), kept in the folder."""

_HEADER = ("# cobs report: the files of this report. A later `cobs report -o` into this folder replaces them, and "
           "keeps every other file.\n")


def _marked(folder: Path) -> bool:
    index = folder / "index.html"
    return index.is_file() and MARK in index.read_text(encoding="utf-8", errors="replace")[:2000]


def _listed(folder: Path) -> set[str] | None:
    """The files the report in ``folder`` wrote, from its manifest; None if there is no manifest."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return None
    lines = manifest.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")} | {MANIFEST}


def check_output(folder: Path) -> None:
    """Refuse a file, a folder holding something else than a cobs report, or a report whose files are not listed.

    Raises
    ------
    FileExistsError
        Saying what is in the way and what to do.
    """
    if folder.exists() and not folder.is_dir():
        raise FileExistsError(f"{folder}: exists and is not a folder; choose another -o")
    if not folder.is_dir() or not any(folder.iterdir()):
        return
    if not _marked(folder):
        raise FileExistsError(f"{folder}: a folder that holds files other than a cobs report; choose another "
                              "-o (an earlier report's folder is replaced)")
    if _listed(folder) is None:
        raise FileExistsError(f"{folder}: holds a cobs report without its list of files ({MANIFEST}: written by "
                              "an earlier version of cobs, or removed), so cobs cannot tell its files from yours: "
                              "move what you want to keep, remove the folder, or choose another -o")


def _entries(folder: Path) -> tuple[list[str], list[str]]:
    """The files (and links) and the folders under ``folder``, relative, sorted; links are not followed."""
    files, folders = [], []
    for root, dirs, names in os.walk(folder):
        here = Path(root)
        for name in list(dirs):
            if (here / name).is_symlink():  # a link to a folder: carried over as a link
                dirs.remove(name)
                names.append(name)
            else:
                folders.append((here / name).relative_to(folder).as_posix())
        files.extend((here / name).relative_to(folder).as_posix() for name in names)
    return sorted(files), sorted(folders)


@contextlib.contextmanager
def staging(folder: Path) -> Iterator[Path]:
    """A new empty folder beside ``folder`` (same filesystem, a hidden name), removed if the block fails."""
    folder = folder.absolute()  # "-o ." has no name of its own
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.cobs-report-", dir=parent))
    try:
        yield temp
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C (and SIGTERM) wait until the block is done: the renames of a swap are not cut between them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = [s for s in (signal.SIGINT, signal.SIGTERM) if signal.getsignal(s) is not None]
    previous = {s: signal.signal(s, lambda number, _frame: caught.append(number)) for s in held}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if caught:
            signal.raise_signal(caught[0])


def _carry(source: Path, target: Path) -> None:
    """Put ``source`` at ``target`` without touching it: a hard link, else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def replace(temp: Path, folder: Path, written: Iterable[Path]) -> list[str]:
    """Make the complete report in ``temp`` the report ``folder``; returns the files of the reader's carried over.

    ``written``: the files the report wrote under ``temp``. The manifest is written, the files of the earlier
    report's folder that its manifest does not list are carried over (linked or copied: the earlier folder is not
    touched), then the folders swap by renaming, and the earlier report is removed. On an error before the swap
    the earlier folder is as it was (the caller's :func:`staging` removes ``temp``).

    Raises
    ------
    FileExistsError
        If the folder changed meanwhile into something :func:`check_output` refuses, or a file of the reader's
        has the name of a file of the new report.
    """
    names = sorted(Path(p).relative_to(temp).as_posix() for p in written)
    folder = folder.absolute()
    (temp / MANIFEST).write_text(_HEADER + "".join(f"{name}\n" for name in names), encoding="utf-8")
    kept: list[str] = []
    check_output(folder)  # again: the folder may have changed while the report was built
    if folder.is_dir():
        ours = _listed(folder) or set()
        files, folders = _entries(folder)
        kept = [name for name in files if name not in ours]
        clashes = [name for name in kept if (temp / name).exists() or (temp / name).is_symlink()]
        if clashes:
            raise FileExistsError(f"{folder}: {', '.join(clashes)}: not written by the earlier report, and the new "
                                  "report writes a file of that name; move it elsewhere and run again (the earlier "
                                  "report is left as it was)")
        for name in folders:
            (temp / name).mkdir(parents=True, exist_ok=True)
        for name in kept:
            _carry(folder / name, temp / name)
    mask = os.umask(0)
    os.umask(mask)
    temp.chmod(0o777 & ~mask)  # mkdtemp's folder is private (0700); a report folder is as any folder made
    old: Path | None = None
    with _signals_held():
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.cobs-old-", dir=folder.parent))
            os.rename(folder, old / "report")
        os.rename(temp, folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    return kept

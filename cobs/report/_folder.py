"""A report folder replaced whole: written beside the old one, swapped in only when complete.

A report is written into a temporary folder beside the report folder (same filesystem), and takes the folder's
place by renaming when every file is written: until then, and after an error or Ctrl-C, the earlier report stays
as it was (the temporary folder is removed). Each report lists the files it wrote in :data:`MANIFEST`; the next
report replaces those, and only those: any other file in the folder (notes of the reader's, a figure they edited
under another name) is carried over into the new report, at the same place. A file of the reader's that has the
name of a file of the new report is not overwritten: the report is refused, and the earlier one left as it was.

A run killed outright (``kill -9``, the machine stopped) cannot remove its hidden folder. Each hidden folder says which
process writes it (:data:`WRITER`: its pid, the moment it started, the machine's boot and host), and the next report
into the same place removes those whose writer is gone, saying so on standard error: never a folder of a run still
alive (nor one whose writer cannot be told: another machine's, on a shared disk), never a folder without that record.
Where a run was killed between the two renames of the swap (the earlier report moved aside, the new one not yet in
place), the earlier report is put back where it was before its folder is removed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

__all__ = ["MANIFEST", "MARK", "WRITER", "check_output", "replace", "staging"]

MARK = "<!-- written by cobs report -->"
"""The line that marks ``index.html`` as a cobs report's page."""

MANIFEST = "cobs-report-files.txt"
"""The list of the files a report wrote (one path a line, relative to the report folder), kept in the folder."""

WRITER = "cobs-report-writer.json"
"""In a hidden folder of a report being written: the process that writes it (see :func:`writer_gone`)."""

_REPORT = "report"  # in a hidden folder: the new report
_EARLIER = "earlier"  # in a hidden folder, for a moment of the swap: the earlier report

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


def _prefix(folder: Path) -> str:
    """The start of the names of the hidden folders of reports into ``folder`` (absolute)."""
    return f".{folder.name}.cobs-report-"


def _read_text(path: str) -> str | None:
    try:
        with open(path, encoding="ascii", errors="replace") as file:
            return file.read()
    except OSError:
        return None


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat from the state on (Linux), None where there is no such file to read."""
    text = _read_text(f"/proc/{pid}/stat")
    if text is None or ")" not in text:
        return None
    return text.rsplit(")", 1)[1].split()


def _started(pid: int) -> int | None:
    """When process ``pid`` started, in clock ticks since the boot (Linux); None where that cannot be read."""
    fields = _stat_fields(pid)
    return int(fields[19]) if fields is not None and len(fields) > 19 and fields[19].isdigit() else None


def _pid_namespace() -> int | None:
    """The pid namespace of this process (Linux): pids of another (a container's) are not this one's."""
    try:
        return os.stat("/proc/self/ns/pid").st_ino
    except OSError:
        return None


def _this_writer() -> dict[str, object]:
    """The record of this process as the writer of a hidden folder."""
    boot = _read_text("/proc/sys/kernel/random/boot_id")
    return {"pid": os.getpid(), "started": _started(os.getpid()), "boot": boot.strip() if boot else None,
            "pid_namespace": _pid_namespace(), "host": socket.gethostname()}


def writer_gone(record: object) -> bool:
    """Whether the process a hidden folder's :data:`WRITER` names is gone for sure (False where it cannot be told).

    Gone: the machine was started again since (same host, another boot), or, on this machine and boot, in this
    pid namespace, no process has its pid, or the one that has it started at another moment (a pid used again) or
    is a zombie. Not gone, as far as can be told: a process of another machine (a report folder on a shared
    disk) or of another pid namespace, a process of another user whose start cannot be read, a record not
    understood; any writer on Windows.
    """
    if not isinstance(record, dict) or not isinstance(record.get("pid"), int) or record["pid"] <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) there sends Ctrl-C to the process; and no /proc to read a start from
        return False
    here = _this_writer()
    if record.get("host") != here["host"]:
        return False
    if record.get("boot") is not None and here["boot"] is not None and record["boot"] != here["boot"]:
        return True  # this machine was started again since
    if record.get("pid_namespace") != here["pid_namespace"]:
        return False
    pid = record["pid"]
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # another user's process: alive, perhaps the writer
        pass
    except OSError:
        return False
    fields = _stat_fields(pid)
    if fields is None:
        return False
    if fields[0] in ("Z", "X"):  # killed, not yet waited for by its parent
        return True
    started = _started(pid)
    return record.get("started") is not None and started is not None and started != record["started"]


def _remove(hidden: Path) -> None:
    """Remove a hidden folder, its record last: a run killed meanwhile leaves a folder the next one still removes."""
    for entry in sorted(hidden.iterdir()) if hidden.is_dir() else []:
        if entry.name == WRITER:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                entry.unlink()
    with contextlib.suppress(OSError):
        (hidden / WRITER).unlink()
    with contextlib.suppress(OSError):
        hidden.rmdir()


def _remove_stale(folder: Path) -> list[str]:
    """Remove the hidden folders beside ``folder`` (absolute) whose writer is gone; what was removed, said in words.

    Only folders named as :func:`staging` names them and holding a :data:`WRITER` record; where a run was killed
    between the renames of its swap, the earlier report is first put back in its place.
    """
    said = []
    try:
        entries = sorted(folder.parent.iterdir())
    except OSError:
        return said
    for hidden in entries:
        if not hidden.name.startswith(_prefix(folder)) or hidden.is_symlink() or not hidden.is_dir():
            continue
        try:
            record = json.loads((hidden / WRITER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # not a folder this cobs can tell is its own, or still being made
        if not writer_gone(record):
            continue
        earlier = hidden / _EARLIER
        restored = False
        if earlier.is_dir() and not folder.exists() and not folder.is_symlink():
            try:
                os.rename(earlier, folder)  # the run was killed between the renames: the earlier report back
                restored = True
            except OSError:
                continue  # another report put it back meanwhile, or the disk refuses: left for later
        _remove(hidden)
        said.append(f"{hidden.name} (process {record['pid']})"
                    + (f", after putting the earlier report back in {folder.name}" if restored else ""))
    return said


@contextlib.contextmanager
def staging(folder: Path) -> Iterator[Path]:
    """A new empty folder for a report into ``folder``, removed if the block fails.

    The folder is ``report`` in a hidden folder beside ``folder`` (same filesystem), whose :data:`WRITER` names
    this process. Hidden folders of earlier runs into ``folder`` whose writer is gone are removed first, in one line
    on standard error.
    """
    folder = folder.absolute()  # "-o ." has no name of its own
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    removed = _remove_stale(folder)
    if removed:
        what = ("the unfinished folder of a report killed outright" if len(removed) == 1
                else f"{len(removed)} unfinished folders of reports killed outright")
        print(f"cobs report: removed {what}: {'; '.join(removed)}", file=sys.stderr, flush=True)
    hidden = Path(tempfile.mkdtemp(prefix=_prefix(folder), dir=parent))
    try:
        (hidden / WRITER).write_text(json.dumps(_this_writer()) + "\n", encoding="utf-8")
        temp = hidden / _REPORT
        temp.mkdir()
        yield temp
    except BaseException:
        _remove(hidden)
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

    ``temp``: the folder :func:`staging` gave; ``written``: the files the report wrote under it. The manifest is
    written, the files of the earlier report's folder that its manifest does not list are carried over (linked or
    copied: the earlier folder is not touched), then the folders swap by renaming (the earlier one into the hidden
    folder), and the hidden folder is removed. On an error before the swap the earlier folder is as it was (the
    caller's :func:`staging` removes ``temp``).

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
    hidden = temp.parent  # staging's hidden folder: the earlier report goes there for the swap, and with it
    with _signals_held():
        if folder.exists() or folder.is_symlink():
            os.rename(folder, hidden / _EARLIER)
        os.rename(temp, folder)
        _remove(hidden)
    return kept

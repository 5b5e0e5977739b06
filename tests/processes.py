"""The processes of a run the tests start in a session of its own (Linux's /proc), to see what outlives it."""

from __future__ import annotations

from pathlib import Path


def session_processes(sid: int) -> dict[int, str]:
    """The live processes of session ``sid`` (a run started with ``start_new_session=True``, its workers, their
    resource trackers): pid -> the end of its command line."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except (OSError, IndexError):
                continue
            if int(fields[3]) == sid and fields[0] != "Z":
                found[int(entry.name)] = command[-90:]
    return found

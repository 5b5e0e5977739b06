"""A report folder replaced whole (issue 20): the earlier report intact until the new one is complete, after an
error or Ctrl-C too, and the reader's own files never deleted."""

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from processes import session_processes

from cobs.report._folder import MANIFEST, MARK, WRITER, check_output, replace, staging, writer_gone

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "CRC_C_KAZ_CO_4.txt"
OTHER = ROOT / "corpus" / "CRPD_C_AZE_CO_1.pdf"


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def fake_report(temp: Path, names: dict[str, str]) -> list[Path]:
    """Write a report's files into ``temp`` (index.html marked, as the report writes it)."""
    paths = []
    for name, text in {"index.html": f"<!DOCTYPE html>\n{MARK}\n<title>r</title>\n", **names}.items():
        path = temp / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def write(folder: Path, names: dict[str, str]) -> list[str]:
    with staging(folder) as temp:
        return replace(temp, folder, fake_report(temp, names))


def test_a_report_replaces_the_files_it_wrote_and_keeps_the_readers(tmp_path):
    out = tmp_path / "report"
    assert write(out, {"figures/a.png": "a", "figures/b.png": "b", "tables/t.csv": "t"}) == []
    assert (out / MANIFEST).read_text(encoding="utf-8").splitlines()[1:] == [
        "figures/a.png", "figures/b.png", "index.html", "tables/t.csv"]
    (out / "figures" / "mine.svg").write_text("my edit", encoding="utf-8")
    (out / "notes").mkdir()
    (out / "notes" / "reading.md").write_text("notes", encoding="utf-8")
    (out / "empty").mkdir()
    kept = write(out, {"figures/a.png": "a2", "tables/t.csv": "t2"})
    assert kept == ["figures/mine.svg", "notes/reading.md"]
    assert digests(out).keys() == {"index.html", MANIFEST, "figures/a.png", "tables/t.csv", "figures/mine.svg",
                                   "notes/reading.md"}  # b.png, of the earlier report only, is gone
    assert (out / "figures" / "a.png").read_text() == "a2" and (out / "figures" / "mine.svg").read_text() == "my edit"
    assert (out / "empty").is_dir()
    assert "figures/mine.svg" not in (out / MANIFEST).read_text(encoding="utf-8")  # still the reader's, next time too
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # nothing left beside
    assert oct(out.stat().st_mode & 0o777) == oct(0o777 & ~_umask())  # not mkdtemp's private 0700


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_file_of_the_readers_with_the_name_of_a_new_report_file_is_not_overwritten(tmp_path):
    out = tmp_path / "report"
    write(out, {"figures/a.png": "a"})
    (out / "figures" / "b.png").write_text("mine", encoding="utf-8")
    before = digests(out)
    with pytest.raises(FileExistsError, match=r"figures/b\.png: not written by the earlier report"):
        write(out, {"figures/a.png": "a2", "figures/b.png": "b"})
    assert digests(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_a_folder_that_is_not_a_report_with_its_list_of_files_is_refused(tmp_path):
    check_output(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    check_output(tmp_path / "empty")
    (tmp_path / "file").write_text("x")
    with pytest.raises(FileExistsError, match="is not a folder"):
        check_output(tmp_path / "file")
    other = tmp_path / "other"
    other.mkdir()
    (other / "draft.txt").write_text("mine")
    with pytest.raises(FileExistsError, match="holds files other than a cobs report"):
        check_output(other)
    legacy = tmp_path / "legacy"  # an earlier cobs's report: no list of its files, so whose is figures/x.png?
    fake_report(legacy, {"figures/x.png": "x"})
    with pytest.raises(FileExistsError, match=f"without its list of files \\({MANIFEST}"):
        check_output(legacy)


def test_an_error_while_staging_removes_the_new_folder_only(tmp_path):
    out = tmp_path / "report"
    write(out, {"figures/a.png": "a"})
    before = digests(out)
    with pytest.raises(RuntimeError, match="cut"), staging(out) as temp:
        fake_report(temp, {"figures/a.png": "half"})
        raise RuntimeError("cut")
    assert digests(out) == before and sorted(p.name for p in tmp_path.iterdir()) == ["report"]


# the report itself --------------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_an_error_mid_way_leaves_the_earlier_report_as_it_was(tmp_path, monkeypatch):
    """The earlier report was deleted before the new one was written: an error (or Ctrl-C) halfway left a stub page
    and part of the figures, and a file of the reader's in figures/ was deleted."""
    import cobs.report._write as write_module
    from cobs.report import write_report

    out = tmp_path / "report"
    write_report([SEED], out, n_jobs=1, progress=False)
    (out / "figures" / "my-version.svg").write_text("<svg/>", encoding="utf-8")
    before = digests(out)
    assert "figures/my-version.svg" in before and len(before) > 10

    def broken(*args, **kwargs):  # the figures and the tables are written; the page is not
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(write_module, "page", broken)
    with pytest.raises(RuntimeError, match="the disk is full"):
        write_report([SEED, OTHER], out, n_jobs=1, progress=False)
    assert digests(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # no half-written folder beside it


def _report_held_after_its_first_figure(out: Path, cwd: Path) -> subprocess.Popen:
    """`cobs report SEED OTHER -o out` in a child that stops after its first figure (drawn, its files written) and
    prints "drawn", until it is interrupted or killed."""
    script = textwrap.dedent(f"""
        import sys, time
        import cobs.report._write as w
        from cobs.cli import main
        real = w._draw
        def draw(*args):
            result = real(*args)
            print("drawn", flush=True)
            time.sleep(300)
            return result
        w._draw = draw
        sys.exit(main(["report", {str(SEED)!r}, {str(OTHER)!r}, "-o", {str(out)!r}, "-j", "1"]))
    """)
    return subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, cwd=cwd)


@pytest.mark.slow
def test_ctrl_c_mid_way_leaves_the_earlier_report_as_it_was(tmp_path):
    """A real SIGINT to `cobs report` while it draws the figures: exit 130, the earlier report byte for byte."""
    from cobs.report import write_report

    out = tmp_path / "report"
    write_report([SEED], out, n_jobs=1, progress=False)
    (out / "notes.md").write_text("mine", encoding="utf-8")
    before = digests(out)
    # the child stops after its first figure (a figure drawn, its files written) until it is interrupted
    child = _report_held_after_its_first_figure(out, tmp_path)
    try:
        assert child.stdout.readline() == "drawn\n", child.stderr.read()
        staged = [p for p in tmp_path.iterdir() if p.name != "report"]
        assert len(staged) == 1 and any(staged[0].joinpath("report", "figures").iterdir())  # the new report, being
        # written
        child.send_signal(signal.SIGINT)
        assert child.wait(timeout=60) == 130
    finally:
        child.kill()
        child.wait()
    assert digests(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


@pytest.mark.slow
def test_a_report_over_an_earlier_one_is_the_report_into_an_empty_folder(tmp_path):
    """Nothing of the earlier report (two documents) stays in the new one (one document) but the reader's file, and
    the new files are byte for byte those of a run into an empty folder."""
    from cobs.report import write_report

    out, fresh = tmp_path / "report", tmp_path / "fresh"
    write_report([SEED, OTHER], out, n_jobs=1, progress=False)
    (out / "figures" / "notes.txt").write_text("mine", encoding="utf-8")
    assert any("AZE" in name for name in digests(out))
    written = write_report([SEED], out, n_jobs=1, progress=False)
    write_report([SEED], fresh, n_jobs=1, progress=False)
    again = digests(out)
    assert again.pop("figures/notes.txt") == hashlib.sha256(b"mine").hexdigest()
    assert again == digests(fresh)
    assert written.folder == out and written.page == out / "index.html"
    assert all(p.is_relative_to(out) and p.is_file() for p in [*written.figures, *written.tables])


def test_the_folder_may_be_given_as_dot(tmp_path, monkeypatch):
    """``cobs report -o .`` from the report's folder: the folder has no name of its own to put the new one beside."""
    out = tmp_path / "report"
    write(out, {"figures/a.png": "a"})
    monkeypatch.chdir(out)
    write(Path("."), {"figures/a.png": "a2"})
    assert (out / "figures" / "a.png").read_text() == "a2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]



@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
@pytest.mark.slow
def test_no_figure_worker_outlives_a_report_killed_outright(tmp_path):
    """kill -9 of `cobs report -j 2` while its figure workers draw: the workers (a spawn pool) stayed alive, with
    their resource tracker, after the run was gone."""
    import time

    child = subprocess.Popen([sys.executable, "-m", "cobs", "report", str(SEED), str(OTHER), "-o",
                              str(tmp_path / "report"), "-j", "2"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 300
        while (sum("spawn_main" in command for command in session_processes(child.pid).values()) < 2
               and child.poll() is None and time.monotonic() < deadline):
            time.sleep(0.02)  # the figure workers start once four figures are made (reading's loky workers before)
        assert child.poll() is None, "the report ended before it started its figure workers"
        time.sleep(0.5)
        started = session_processes(child.pid)
    finally:
        child.kill()
    child.wait(timeout=60)
    deadline = time.monotonic() + 15
    while (left := session_processes(child.pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    if left:
        os.killpg(child.pid, signal.SIGKILL)
    assert not left, f"left alive 15 s after the run was killed: {left} (of {started})"


# the hidden folders of runs killed outright ---------------------------------------------------------------------------

LINUX = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="tells a process's start from /proc (Linux)")


def hidden_beside(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name != "report")


def run_stopping(tmp_path: Path, out: Path, where: str) -> subprocess.Popen:
    """A process that writes a report into ``out`` as cobs report does (staging, then replace) and stops ``where``
    ("staged": its hidden folder made and a figure written; "swapping": between the two renames of the swap) until
    it is killed; returns once it has stopped there."""
    script = textwrap.dedent(f"""
        import os, sys, time
        from pathlib import Path
        from cobs.report._folder import MARK, replace, staging
        out = Path({str(out)!r})
        with staging(out) as temp:
            (temp / "figures").mkdir()
            (temp / "figures" / "new.png").write_text("new")
            (temp / "index.html").write_text(f"<!DOCTYPE html>\\n{{MARK}}\\n")
            if {where!r} == "staged":
                print("stopped", flush=True)
                time.sleep(300)
            real, renames = os.rename, []
            def rename(source, target):  # the first rename (the earlier report aside) done, not the second
                if renames:
                    print("stopped", flush=True)
                    time.sleep(300)
                renames.append(source)
                real(source, target)
            os.rename = rename
            replace(temp, out, [temp / "figures" / "new.png", temp / "index.html"])
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=tmp_path)
    assert child.stdout.readline() == "stopped\n", child.stderr.read()
    return child


def killed(child: subprocess.Popen) -> None:
    child.kill()  # SIGKILL: no handler, no finally
    child.wait(timeout=60)


@LINUX
def test_the_next_report_removes_the_hidden_folder_of_a_run_killed_outright(tmp_path, capsys):
    """kill -9 of a report while it writes: its hidden folder stayed beside the report for ever."""
    out = tmp_path / "report"
    write(out, {"figures/a.png": "a"})
    child = run_stopping(tmp_path, out, "staged")
    (stale,) = hidden_beside(tmp_path)
    assert stale.startswith(".report.cobs-report-")
    assert json.loads((tmp_path / stale / WRITER).read_text())["pid"] == child.pid
    killed(child)
    assert hidden_beside(tmp_path) == [stale]  # nothing could remove it then
    capsys.readouterr()
    write(out, {"figures/a.png": "a2"})
    assert hidden_beside(tmp_path) == []
    assert (out / "figures" / "a.png").read_text() == "a2" and not (out / WRITER).exists()
    err = capsys.readouterr().err
    assert err == f"cobs report: removed the unfinished folder of a report killed outright: {stale} (process " \
                  f"{child.pid})\n"
    write(out, {"figures/a.png": "a3"})
    assert capsys.readouterr().err == ""  # said once


@LINUX
def test_the_hidden_folder_of_a_live_run_or_of_a_writer_unknown_is_left_alone(tmp_path, capsys):
    out = tmp_path / "report"
    live = run_stopping(tmp_path, out, "staged")
    try:
        (running,) = hidden_beside(tmp_path)
        mine = tmp_path / ".report.cobs-report-mine"  # the reader's, or an earlier cobs's: no record of its writer
        mine.mkdir()
        (mine / "notes.txt").write_text("mine")
        elsewhere = tmp_path / ".report.cobs-report-nfs12345"  # another machine's run, on a shared disk
        elsewhere.mkdir()
        (elsewhere / WRITER).write_text(json.dumps({"pid": 999_999_999, "started": 1, "boot": "x",
                                                    "pid_namespace": 1, "host": "another-machine"}))
        write(out, {"figures/a.png": "a"})
        assert hidden_beside(tmp_path) == sorted([running, mine.name, elsewhere.name])
        assert capsys.readouterr().err == ""
        assert (mine / "notes.txt").read_text() == "mine"
        assert live.poll() is None and not writer_gone(json.loads((tmp_path / running / WRITER).read_text()))
    finally:
        killed(live)
    write(out, {"figures/a.png": "a2"})  # now gone: removed, the others still not
    assert hidden_beside(tmp_path) == sorted([mine.name, elsewhere.name])


@LINUX
def test_a_writer_is_gone_when_its_pid_is_free_or_used_again_or_the_machine_was_restarted(tmp_path):
    with staging(tmp_path / "report") as temp:
        record = json.loads((temp.parent / WRITER).read_text())
    assert record["pid"] == os.getpid() and not writer_gone(record)
    assert writer_gone({**record, "started": record["started"] + 1})  # this pid, another process
    assert writer_gone({**record, "boot": "another boot"})  # the machine was started again
    assert not writer_gone({**record, "pid_namespace": record["pid_namespace"] + 1})  # a container's pids
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    assert writer_gone({**record, "pid": child.pid})  # no such process
    assert not writer_gone({"pid": "1"}) and not writer_gone([1]) and not writer_gone({**record, "pid": -1})


@LINUX
def test_a_run_killed_between_the_renames_of_its_swap_gets_the_earlier_report_back(tmp_path, capsys):
    """The one moment a report folder is missing (the earlier report moved aside, the new one not yet in place): the
    hidden folder holds the earlier report, with the reader's files; it is put back, never removed."""
    out = tmp_path / "report"
    write(out, {"figures/a.png": "a"})
    (out / "notes.md").write_text("mine", encoding="utf-8")
    before = digests(out)
    child = run_stopping(tmp_path, out, "swapping")
    killed(child)
    assert not out.exists() and len(hidden_beside(tmp_path)) == 1
    capsys.readouterr()
    with staging(out) as temp:  # the next report: the earlier one back first
        assert digests(out) == before
        replace(temp, out, fake_report(temp, {"figures/a.png": "a2"}))
    assert "after putting the earlier report back in report" in capsys.readouterr().err
    assert (out / "notes.md").read_text() == "mine" and (out / "figures" / "a.png").read_text() == "a2"
    assert hidden_beside(tmp_path) == []


@LINUX
@pytest.mark.slow
def test_a_report_killed_outright_leaves_a_folder_the_next_report_removes(tmp_path, capsys):
    """kill -9 of `cobs report` while it draws the figures: its hidden folder (the new report, half written) was
    left beside the report for ever; the next report into the same place removes it and says so."""
    from cobs.report import write_report

    out = tmp_path / "report"
    write_report([SEED], out, n_jobs=1, progress=False)
    before = digests(out)
    child = _report_held_after_its_first_figure(out, tmp_path)
    try:
        assert child.stdout.readline() == "drawn\n", child.stderr.read()
    finally:
        killed(child)
    (stale,) = hidden_beside(tmp_path)
    assert any((tmp_path / stale / "report" / "figures").iterdir()) and digests(out) == before
    capsys.readouterr()
    write_report([SEED], out, n_jobs=1, progress=False)
    assert hidden_beside(tmp_path) == [] and digests(out) == before  # the same report again, nothing beside
    err = capsys.readouterr().err
    assert err == f"cobs report: removed the unfinished folder of a report killed outright: {stale} (process " \
                  f"{child.pid})\n"


@pytest.mark.slow
def test_ctrl_c_while_the_workers_start_prints_no_traceback_of_theirs(tmp_path):
    """The workers start with the run (they import while the documents are read): a Ctrl-C then printed two
    KeyboardInterrupt tracebacks from inside their imports before "cobs: interrupted". They start with it ignored.
    The Ctrl-C comes a second after the report says it reads: the workers are importing (two seconds and more)."""
    import time

    child = subprocess.Popen([sys.executable, "-m", "cobs", "report", str(SEED), "-o", str(tmp_path / "report"),
                              "-j", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    try:
        first = child.stderr.readline()
        assert "reading" in first, first
        time.sleep(1.0)  # the workers well into their imports (not yet in Python's start, where SIGINT ends quietly)
        os.killpg(child.pid, signal.SIGINT)  # as a terminal's Ctrl-C: to the whole process group
        _, err = child.communicate(timeout=60)
    finally:
        child.kill()
        child.wait()
    assert child.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "interrupted" in err
    for _ in range(50):  # the workers end with the run (a few seconds at most)
        if not session_processes(child.pid):
            break
        time.sleep(0.1)
    assert session_processes(child.pid) == {}

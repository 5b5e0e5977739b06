"""A report folder replaced whole (issue 20): the earlier report intact until the new one is complete, after an
error or Ctrl-C too, and the reader's own files never deleted."""

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from processes import session_processes

from cobs.report._folder import MANIFEST, MARK, check_output, replace, staging

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


@pytest.mark.slow
def test_ctrl_c_mid_way_leaves_the_earlier_report_as_it_was(tmp_path):
    """A real SIGINT to `cobs report` while it draws the figures: exit 130, the earlier report byte for byte."""
    from cobs.report import write_report

    out = tmp_path / "report"
    write_report([SEED], out, n_jobs=1, progress=False)
    (out / "notes.md").write_text("mine", encoding="utf-8")
    before = digests(out)
    # the child stops after its first figure (a figure drawn, its files written) until it is interrupted
    script = textwrap.dedent(f"""
        import sys, time
        import cobs.report._write as w
        from cobs.cli import main
        real = w._draw
        def draw(*args):
            result = real(*args)
            print("drawn", flush=True)
            time.sleep(120)
            return result
        w._draw = draw
        sys.exit(main(["report", {str(SEED)!r}, {str(OTHER)!r}, "-o", {str(out)!r}, "-j", "1"]))
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, cwd=tmp_path)
    try:
        assert child.stdout.readline() == "drawn\n", child.stderr.read()
        staged = [p for p in tmp_path.iterdir() if p.name != "report"]
        assert len(staged) == 1 and any(staged[0].joinpath("figures").iterdir())  # the new report, being written
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

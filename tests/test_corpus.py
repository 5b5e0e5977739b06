"""read_corpus: many documents in one table, cached, in parallel, with errors reported together."""

import os
import pickle
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import SEED
from processes import session_processes

import cobs
import cobs.corpus
from cobs.corpus import CorpusWarning, corpus_summary, read_corpus
from cobs.errors import EmptyDocumentError


@pytest.fixture
def folder(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a_kaz.txt").write_bytes(SEED.read_bytes())
    (docs / "b_copy.txt").write_bytes(SEED.read_bytes())  # the same content again
    (docs / "c_empty.txt").write_text("")
    (docs / "notes.md").write_text("not picked up: not a document format")
    return docs


def test_folder_to_one_table_with_errors_reported_together(folder, tmp_path):
    with pytest.warns(CorpusWarning, match=r"2 of 3 files left out .*b_copy\.txt: same content as .*a_kaz\.txt; "
                      r"c_empty\.txt: the file is empty"):
        table = read_corpus(folder, data_home=tmp_path / "cache")
    assert list(table.columns) == list(cobs.PARAGRAPH_COLUMNS)
    assert len(table) == 121 and set(table["symbol"]) == {"CRC/C/KAZ/CO/4"}
    again, report = read_corpus(folder, data_home=tmp_path / "cache", report=True)
    pd.testing.assert_frame_equal(again, table)
    assert report.errors[["error", "reason"]].values.tolist() == [
        ["duplicate", f"same content as {folder / 'a_kaz.txt'}"],
        ["EmptyDocumentError", "the file is empty"],
    ]
    assert report.files["file"].tolist() == [str(folder / "a_kaz.txt")]


def test_two_versions_of_one_document_are_not_stacked(tmp_path):
    shorter = tmp_path / "b.txt"
    shorter.write_text(SEED.read_text(encoding="utf-8").replace("It also regrets that", "It regrets that"),
                       encoding="utf-8")
    table, report = read_corpus([SEED, shorter], data_home=tmp_path / "cache", report=True)
    assert len(table) == 121 and not table.duplicated(["symbol", "para", "sub"]).any()
    assert report.errors["reason"].tolist() == [f"same symbol CRC/C/KAZ/CO/4 as {SEED}; keep one version of each CO"]


def test_missing_files_are_reported_with_the_others(tmp_path):
    with pytest.warns(CorpusWarning, match="nope.txt: No such file or directory"):
        table = read_corpus([SEED, tmp_path / "nope.txt"], data_home=tmp_path / "cache")
    assert len(table) == 121
    with pytest.raises(FileNotFoundError):
        read_corpus([SEED, tmp_path / "nope.txt"], data_home=tmp_path / "cache", errors="raise")


def test_empty_folder(tmp_path):
    with pytest.warns(CorpusWarning, match="no document could be read"):
        table = read_corpus(tmp_path)
    assert list(table.columns) == list(cobs.PARAGRAPH_COLUMNS) and len(table) == 0


def test_errors_raise(folder, tmp_path):
    with pytest.raises(EmptyDocumentError, match="c_empty.txt: the file is empty"):
        read_corpus([folder / "a_kaz.txt", folder / "c_empty.txt"], errors="raise", data_home=tmp_path)


def test_bad_arguments(folder, tmp_path):
    with pytest.raises(ValueError, match="errors must be 'warn' or 'raise', got 'ignore'"):
        read_corpus(folder, errors="ignore")
    with pytest.raises(ValueError, match="n_jobs must be None, -1 or a positive int, got 0"):
        read_corpus(folder, n_jobs=0)
    with pytest.raises(FileNotFoundError, match="nowhere: no such file or folder"):
        read_corpus(tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError, match=r"a pattern is not expanded: give the folder, or a list such as "
                                                r"sorted\(glob\.glob\("):
        read_corpus(str(folder / "*.txt"))
    with pytest.raises(ValueError, match="empty list"):
        read_corpus([])


def test_second_run_is_served_from_the_cache(tmp_path, monkeypatch):
    home = tmp_path / "cache"
    first = read_corpus([SEED], data_home=home)

    def no_parsing(path):
        raise AssertionError(f"{path} parsed again")

    monkeypatch.setattr(cobs.corpus, "read_document", no_parsing)
    moved = tmp_path / "elsewhere.txt"
    moved.write_bytes(SEED.read_bytes())
    again = read_corpus([moved], data_home=home)  # same content, other name: still cached
    pd.testing.assert_frame_equal(first, again)
    assert read_corpus([moved], data_home=home, report=True)[1].files["file"].tolist() == [str(moved)]
    moved.write_text(SEED.read_text(encoding="utf-8").replace("Kazakhstan", "Georgia"), encoding="utf-8")
    with pytest.raises(AssertionError, match="parsed again"):  # changed content: parsed again
        read_corpus([moved], data_home=home)


def test_cached_errors_name_the_current_file(tmp_path):
    home = tmp_path / "cache"
    (tmp_path / "one.txt").write_text("")
    (tmp_path / "two.txt").write_text("")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        read_corpus([tmp_path / "one.txt"], data_home=home)
    with pytest.raises(EmptyDocumentError, match="two.txt: the file is empty"):
        read_corpus([tmp_path / "two.txt"], data_home=home, errors="raise")


def test_summary_needs_a_paragraph_table():
    with pytest.raises(ValueError, match=r"^corpus_summary: table lacks the column\(s\) \['committee', "):
        corpus_summary(pd.DataFrame({"symbol": ["x"]}))


@pytest.mark.real_data
def test_crpd_corpus_in_parallel_equals_one_by_one_then_comes_from_the_cache(crpd_corpus, tmp_path, monkeypatch):
    paths = [item["path"] for item in crpd_corpus.values()]
    table, report = read_corpus(paths, n_jobs=2, data_home=tmp_path, progress=False, report=True)
    read = [item["doc"] for name, item in crpd_corpus.items()
            if item["doc"] is not None and "China (Hong Kong)" not in name]  # a byte-identical copy of China's CO
    expected = pd.concat([doc.paragraphs for doc in sorted(read, key=lambda d: cobs.corpus.document_order(d.meta))],
                         ignore_index=True)
    pd.testing.assert_frame_equal(table, expected)
    refused = set(report.errors["file"])
    assert refused == {str(item["path"]) for name, item in crpd_corpus.items()
                       if item["doc"] is None or name.startswith("China_2022")}
    monkeypatch.setattr(cobs.corpus, "read_document", lambda path: pytest.fail(f"{path} parsed again"))
    with pytest.warns(CorpusWarning):
        again = read_corpus(paths, n_jobs=2, data_home=tmp_path)
    pd.testing.assert_frame_equal(again, table)


def test_the_cache_knows_that_a_name_ending_in_pdf_matters(tmp_path):
    misnamed, plain = tmp_path / "a_misnamed.pdf", tmp_path / "b.txt"
    misnamed.write_bytes(SEED.read_bytes())
    plain.write_bytes(SEED.read_bytes())
    for _ in range(2):  # the second time from the cache
        table, report = read_corpus([misnamed, plain], data_home=tmp_path / "cache", report=True)
        assert len(table) == 121 and report.files["file"].tolist() == [str(plain)]
        assert report.errors["error"].tolist() == ["NotAPDFError"]
        assert len(report.files["sha256"].iloc[0]) == 64


# --- the cache, best effort and checked (issue 11) ------------------------------------------------


def test_an_unusable_cache_folder_warns_once_and_reading_goes_on(tmp_path, monkeypatch):
    from cobs.cache import CacheWarning

    not_a_folder = tmp_path / "cobs_data"
    not_a_folder.write_text("")  # COBS_DATA naming a file: NotADirectoryError after all the parsing, before
    monkeypatch.setenv("COBS_DATA", str(not_a_folder))
    other = tmp_path / "other.txt"
    other.write_text(SEED.read_text(encoding="utf-8").replace("Kazakhstan*", "Georgia*", 1), encoding="utf-8")
    with pytest.warns(CacheWarning, match=r"cobs cannot read its parse cache .*cobs_data/parsed/.* "
                      r"\(Not a directory\): going on without it; give data_home= or set COBS_DATA") as caught:
        table = read_corpus([SEED, other])
    assert len([w for w in caught if w.category is CacheWarning]) == 1
    assert len(table) == 242 and set(table["symbol"]) == {"CRC/C/KAZ/CO/4", "CRC/C/GEO/CO/4"}


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes to a read-only folder")
def test_a_read_only_cache_folder_warns_and_reading_goes_on(tmp_path):
    from cobs.cache import CacheWarning

    home = tmp_path / "cache"
    home.mkdir()
    home.chmod(0o555)
    try:
        with pytest.warns(CacheWarning, match="cannot write to its parse cache"):
            assert len(read_corpus([SEED], data_home=home)) == 121
    finally:
        home.chmod(0o755)


def _entries(home):
    return {p.stem: p for p in (home / "parsed").rglob("*.pkl")}


def test_swapped_cache_entries_are_parsed_again(tmp_path):
    home = tmp_path / "cache"
    other = tmp_path / "other.txt"
    other.write_text(SEED.read_text(encoding="utf-8").replace("Kazakhstan*", "Georgia*", 1), encoding="utf-8")
    first = read_corpus([SEED, other], data_home=home)
    entries = _entries(home)
    one, two = (entries[cobs.cache.file_digest(p)] for p in (SEED, other))
    a, b = one.read_bytes(), two.read_bytes()
    one.write_bytes(b)  # each file's entry now holds the other document
    two.write_bytes(a)
    again, report = read_corpus([SEED, other], data_home=home, report=True)  # was: one left out as a "duplicate"
    pd.testing.assert_frame_equal(again, first)
    assert report.errors.empty
    assert one.read_bytes() == a and two.read_bytes() == b  # parsed again and stored right


@pytest.mark.parametrize("content", [pickle.dumps({"symbol": "CRC/C/KAZ/CO/4"}), b"not a pickle", b""])
def test_a_cache_entry_that_is_something_else_is_parsed_again(tmp_path, content):
    home = tmp_path / "cache"
    first = read_corpus([SEED], data_home=home)
    (entry,) = _entries(home).values()
    good = entry.read_bytes()
    entry.write_bytes(content)  # a dict gave AttributeError: 'dict' object has no attribute 'meta'
    pd.testing.assert_frame_equal(read_corpus([SEED], data_home=home), first)
    assert entry.read_bytes() == good  # parsed again and stored right, not skipped each time


# --- parallel reading, interrupts, progress -------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_copies(tmp_path_factory):
    """The bundled PDFs three times, each copy with other bytes (so parsed, not served from the cache)."""
    folder = tmp_path_factory.mktemp("copies")
    for copy in range(3):
        for pdf in sorted(SEED.parent.glob("*.pdf")):
            (folder / f"{pdf.stem}_{copy}.pdf").write_bytes(pdf.read_bytes() + f"\n%% copy {copy}\n".encode())
    return folder


def _children(pid):
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.add(int(entry.name))
            except (OSError, ValueError, IndexError):
                pass
    return found


def _start_then(sig, folder, home):
    """Run `cobs parse FOLDER -j 2`, send ``sig`` to its process group once a parse is cached.

    Returns the child and the processes it had started (its workers).
    """
    env = {**os.environ, "COBS_DATA": str(home)}
    child = subprocess.Popen([sys.executable, "-m", "cobs", "parse", str(folder), "-j", "2", "-o", str(home / "t.csv")],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not list(home.rglob("*.pkl")) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = _children(child.pid)  # a parse is cached, and the workers are still parsing the others
    assert child.poll() is None and workers, "the run ended, or its workers did, before it could be interrupted"
    # a worker still starting up printed a traceback of its own: they are started ignoring Ctrl-C, the run's to handle
    assert all(_ignores_sigint(pid) for pid in workers), "workers would see the terminal's Ctrl-C"
    os.killpg(child.pid, sig)  # as a terminal's Ctrl-C does: to the whole group
    return child, workers


def _ignores_sigint(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    ignored = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:")), 16)
    return bool(ignored & (1 << (signal.SIGINT - 1)))


def _gone(pids, within=20.0):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        alive = [pid for pid in pids if Path(f"/proc/{pid}").exists()
                 and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[:1]]
        if not alive:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
@pytest.mark.slow
def test_ctrl_c_keeps_what_was_parsed_and_ends_the_workers(pdf_copies, tmp_path):
    home = tmp_path / "cache"
    child, workers = _start_then(signal.SIGINT, pdf_copies, home)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 130
    assert [line for line in err.splitlines() if not line.startswith("reading:") and line.strip()] == [
        "cobs: interrupted"]  # was a 31-line KeyboardInterrupt traceback, and nothing cached
    assert workers and _gone(workers), "worker processes left behind"
    assert 1 <= len(list(home.rglob("*.pkl"))) < 27
    assert not (home / "t.csv").exists()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
@pytest.mark.slow
def test_workers_end_with_a_parent_killed_outright(pdf_copies, tmp_path):
    home = tmp_path / "cache"
    child, workers = _start_then(signal.SIGKILL, pdf_copies, home)
    child.wait(timeout=60)
    assert workers and _gone(workers), "loky workers outlived their parent (they stayed for minutes before)"



KILLED_AT = {"0.2 s": 0.2, "0.5 s": 0.5, "1 s": 1.0, "2 s": 2.0,  # after the launch: most before any worker
             "first worker": 0.0, "first worker + 0.3 s": 0.3, "first worker + 1 s": 1.0}  # workers importing


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
@pytest.mark.slow
@pytest.mark.parametrize("moment", KILLED_AT)
def test_no_process_outlives_a_run_killed_during_start_up(moment, pdf_copies, tmp_path):
    """kill -9 of `cobs corpus -j 2` while its workers start: a worker still importing never started the watch of
    its parent (it began with the first task), and it and both resource trackers stayed under init for 31 minutes."""
    env = {**os.environ, "COBS_DATA": str(tmp_path / "cache")}
    child = subprocess.Popen([sys.executable, "-m", "cobs", "corpus", str(pdf_copies), "-j", "2", "--no-cache"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        if moment.startswith("first worker"):
            deadline = time.monotonic() + 120
            while len(session_processes(child.pid)) < 2 and child.poll() is None and time.monotonic() < deadline:
                time.sleep(0.01)
            assert child.poll() is None, "the run ended before it started a worker process"
        time.sleep(KILLED_AT[moment])
        started = session_processes(child.pid)
    finally:
        child.kill()  # SIGKILL: nothing of the run's process runs after it
    child.wait(timeout=60)
    deadline = time.monotonic() + 15
    while (left := session_processes(child.pid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    if left:  # not left behind by the test: they are in the run's process group
        os.killpg(child.pid, signal.SIGKILL)
    assert not left, f"left alive 15 s after the run was killed: {left} (of {started})"


def test_workers_are_watched_under_loky_only():
    import joblib

    from cobs._workers import end_with_parent, parallel_options

    assert parallel_options() == {"initializer": end_with_parent, "initargs": (os.getpid(),)}  # joblib's default
    for config in ({"backend": "threading"}, {"prefer": "threads"}, {"backend": "multiprocessing"}):
        with joblib.parallel_config(**config):  # a fork server's workers are not this process's children
            assert parallel_options() == {}
    end_with_parent(os.getpid())  # in the run's own process: nothing
    with joblib.parallel_config(backend="threading"):  # the options go to every backend's configure
        assert joblib.Parallel(n_jobs=2, **parallel_options())(joblib.delayed(abs)(-i) for i in range(3)) == [0, 1, 2]
    assert joblib.Parallel(n_jobs=1, **parallel_options())(joblib.delayed(abs)(-i) for i in range(3)) == [0, 1, 2]


def test_progress_where_no_terminal_shows_it(tmp_path, capsys):
    folder = tmp_path / "many"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(20):  # 20 files to parse: progress shown by default
        (folder / f"co_{i:02}.txt").write_text(text + f"\n{i}\n", encoding="utf-8")
    with pytest.warns(CorpusWarning):  # the copies are duplicates of one another
        read_corpus(folder, data_home=tmp_path / "cache")
    err = capsys.readouterr().err  # standard error is not a terminal here: there was no feedback at all
    assert "reading: 100%" in err and "20/20" in err


def test_read_corpus_on_a_dask_cluster_gives_the_same_rows(tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is a test extra")
    import joblib

    paths = [SEED, *sorted(SEED.parent.glob("CRPD_C_A*.pdf"))]
    expected = read_corpus(paths, cache=False)
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None)
    with cluster, distributed.Client(cluster) as client, joblib.parallel_config(backend="dask"), \
            distributed.get_task_stream(client) as stream:
        table = read_corpus(paths, n_jobs=-1, cache=False)
    assert len(stream.data) >= 2  # the documents were parsed by the cluster's workers
    pd.testing.assert_frame_equal(table, expected)


@pytest.mark.slow
def test_progress_in_an_executed_notebook_ends_at_its_last_state(tmp_path):
    """A notebook run by nbclient (no terminal): the saved output ends on the finished count, not on 0/20."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    folder = tmp_path / "many"
    folder.mkdir()
    text = SEED.read_text(encoding="utf-8")
    for i in range(20):
        (folder / f"co_{i:02}.txt").write_text(text.replace("Kazakhstan*", f"State {i}*", 1), encoding="utf-8")
    code = (f"import warnings, cobs\nwarnings.simplefilter('ignore')\n"
            f"table = cobs.read_corpus({str(folder)!r}, data_home={str(tmp_path / 'cache')!r})\nlen(table)")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3").execute()
    outputs = notebook.cells[0].outputs
    # what a reader of the saved notebook sees: a stream's lines as redrawn at each \r, a widget's text rendering
    shown = [line.split("\r")[-1] for o in outputs if o.output_type == "stream" for line in o.text.split("\n")]
    shown += [o.data["text/plain"] for o in outputs if o.output_type == "display_data" and "text/plain" in o.data]
    bars = [line for line in shown if "reading:" in line]
    # before: nothing at all without ipywidgets, and with them a widget whose saved text stayed at 0/20
    assert bars and all("20/20" in line for line in bars), bars


def test_a_corpus_is_in_committee_state_cycle_order_not_file_name_order(tmp_path):
    """Issue 11: CO/2-3 came before CO/1 (file-name order) and cycle was text."""
    import shutil

    from cobs import corpus_summary

    corpus = SEED.parent
    shutil.copy(corpus / "CRPD_C_NZL_CO_2-3.pdf", tmp_path / "a_nzl_second.pdf")
    shutil.copy(corpus / "CRPD_C_AZE_CO_2-3.pdf", tmp_path / "b_aze_second.pdf")
    shutil.copy(corpus / "CRPD_C_NZL_CO_1.pdf", tmp_path / "c_nzl_first.pdf")
    shutil.copy(corpus / "CRPD_C_AZE_CO_1.pdf", tmp_path / "d_aze_first.pdf")
    table, report = read_corpus(tmp_path, data_home=tmp_path / "cache", report=True)
    order = ["CRPD/C/AZE/CO/1", "CRPD/C/AZE/CO/2-3", "CRPD/C/NZL/CO/1", "CRPD/C/NZL/CO/2-3"]
    assert table["symbol"].drop_duplicates().tolist() == order
    assert report.files["symbol"].tolist() == ["CRPD/C/NZL/CO/2-3", "CRPD/C/AZE/CO/2-3", "CRPD/C/NZL/CO/1",
                                               "CRPD/C/AZE/CO/1"]  # the files, in the order they were given
    summary = corpus_summary(table)
    assert summary[["symbol", "cycle"]].values.tolist() == [[s, s.rsplit("/", 1)[1]] for s in order]
    assert table.groupby("symbol")["cycle_first"].first().to_dict() == dict(zip(order, [1, 2, 1, 2], strict=True))
    assert table["cycle_first"].dtype == "Int64"

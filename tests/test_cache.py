"""cobs.cache on its own: where the cache lives, what its key depends on, what it gives back."""

import os
import pickle
from pathlib import Path

import pandas as pd
import pytest
from conftest import SEED

import cobs
from cobs import cache
from cobs.cache import CacheWarning, ParseCache, clear_cache, data_home, file_digest, parse_version


def test_data_home_argument_then_environment_then_home(monkeypatch, tmp_path):
    monkeypatch.setenv("COBS_DATA", str(tmp_path / "env"))
    assert data_home(tmp_path / "arg") == tmp_path / "arg"
    assert data_home() == tmp_path / "env"
    monkeypatch.delenv("COBS_DATA")
    assert data_home() == data_home("~/cobs_data") == Path.home() / "cobs_data"
    monkeypatch.setenv("COBS_DATA", "")  # set but empty: as if unset
    assert data_home() == Path.home() / "cobs_data"
    assert not (tmp_path / "arg").exists()  # naming a folder does not create it


def test_parse_version_is_a_fingerprint_of_the_reader(monkeypatch):
    first = parse_version()
    assert len(first) == 16 and int(first, 16) >= 0
    assert parse_version() == first  # computed once
    monkeypatch.setattr(cache, "PARSE_VERSION", cache.PARSE_VERSION + "-changed")
    parse_version.cache_clear()
    try:
        assert parse_version() != first
    finally:
        monkeypatch.undo()
        parse_version.cache_clear()
    assert parse_version() == first


def test_a_document_comes_back_equal_and_under_its_own_key_only(tmp_path, seed_doc):
    digest = file_digest(SEED)
    store = ParseCache(tmp_path)
    assert store.load(digest) is None  # nothing there yet
    store.store(digest, seed_doc)
    again = ParseCache(tmp_path).load(digest)
    assert again.meta == seed_doc.meta
    pd.testing.assert_frame_equal(again.paragraphs, seed_doc.paragraphs)  # dtypes too: string, Int64, categories
    assert ParseCache(tmp_path).load("0" * 64) is None
    assert [p.suffix for p in store.folder.iterdir()] == [".pkl"]  # written atomically: no temporary file left


def test_an_error_is_cached_with_the_file_it_was_about(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(cobs.errors.DocumentError) as info:
        cobs.read_document(empty)
    store = ParseCache(tmp_path / "home")
    store.store("e" * 64, info.value)
    back = ParseCache(tmp_path / "home").load("e" * 64)
    assert type(back) is type(info.value) and back.reason == info.value.reason and back.path == str(empty)


def test_a_disabled_cache_neither_reads_nor_writes(tmp_path, seed_doc):
    store = ParseCache(tmp_path, enabled=False)
    store.store(file_digest(SEED), seed_doc)
    assert not (tmp_path / "parsed").exists() and store.load(file_digest(SEED)) is None


def test_a_damaged_entry_is_dropped_and_parsed_again(tmp_path, seed_doc):
    digest = file_digest(SEED)
    store = ParseCache(tmp_path)
    store.store(digest, seed_doc)
    entry = store.folder / f"{digest}.pkl"
    entry.write_bytes(entry.read_bytes()[:100])  # cut short
    assert ParseCache(tmp_path).load(digest) is None and not entry.exists()
    entry.write_bytes(pickle.dumps({"not": "an entry"}))
    assert ParseCache(tmp_path).load(digest) is None and not entry.exists()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_pickles_are_not_loaded_from_a_folder_others_can_write(tmp_path, seed_doc):
    digest = file_digest(SEED)
    ParseCache(tmp_path).store(digest, seed_doc)
    folder = tmp_path / "parsed" / parse_version()
    folder.chmod(0o777)
    with pytest.warns(CacheWarning, match="writable by other users"):
        assert ParseCache(tmp_path).load(digest) is None


def test_clear_cache_keeps_the_downloads(tmp_path, seed_doc):
    ParseCache(tmp_path).store(file_digest(SEED), seed_doc)
    downloads = tmp_path / "documents" / "en"
    downloads.mkdir(parents=True)
    (downloads / "CRC_C_KAZ_CO_4.pdf").write_bytes(b"%PDF-")
    clear_cache(data_home=tmp_path)
    assert not (tmp_path / "parsed").exists() and (downloads / "CRC_C_KAZ_CO_4.pdf").exists()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="the writer's lock is POSIX's flock")
def test_temporary_files_of_killed_runs_are_removed_and_those_being_written_are_kept(tmp_path):
    import fcntl
    import time

    folder = tmp_path / "parsed" / parse_version()
    folder.mkdir(parents=True)
    hour_ago = time.time() - 3600
    stale = folder / ".k1ll3d.tmp"  # a worker killed with kill -9 while it wrote its entry
    stale.write_bytes(b"\x80half a pickle")
    os.utime(stale, (hour_ago, hour_ago))
    held = folder / ".wr1t1ng.tmp"  # another run writing a large entry: locked, however old its last write
    held.write_bytes(b"\x80")
    os.utime(held, (hour_ago, hour_ago))
    fresh = folder / ".n3w.tmp"  # written a moment ago: not yet a leftover
    fresh.write_bytes(b"\x80")
    with open(held, "rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        table = cobs.read_corpus([SEED], data_home=tmp_path)
        assert not stale.exists() and held.exists() and fresh.exists()
    assert table["symbol"].unique().tolist() == ["CRC/C/KAZ/CO/4"]
    assert len(list(folder.glob("*.pkl"))) == 1


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="the writer's lock is POSIX's flock")
def test_an_entry_being_written_is_locked_so_that_no_other_run_removes_it(tmp_path, seed_doc, monkeypatch):
    import fcntl

    store = ParseCache(tmp_path)
    seen = []
    dump = pickle.dump

    def dump_and_look(obj, handle, protocol=None):
        [temporary] = store.folder.glob(".*.tmp")
        with open(temporary, "rb") as other, pytest.raises(BlockingIOError):  # another run's view of the file
            fcntl.flock(other.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        seen.append(temporary.name)
        dump(obj, handle, protocol=protocol)

    monkeypatch.setattr(cache.pickle, "dump", dump_and_look)
    store.store(file_digest(SEED), seed_doc)
    assert len(seen) == 1
    assert [p.suffix for p in store.folder.iterdir()] == [".pkl"]


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="the writer's lock is POSIX's flock")
def test_a_file_system_without_locks_still_caches(tmp_path, seed_doc, monkeypatch, recwarn):
    import errno

    def no_locks(fd, operation):
        raise OSError(errno.ENOLCK, "No locks available")  # as some network file systems answer

    monkeypatch.setattr(cache.fcntl, "flock", no_locks)
    store = ParseCache(tmp_path)
    store.store(file_digest(SEED), seed_doc)
    assert ParseCache(tmp_path).load(file_digest(SEED)).meta == seed_doc.meta
    assert not [w for w in recwarn if issubclass(w.category, CacheWarning)]

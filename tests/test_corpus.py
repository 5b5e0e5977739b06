"""read_corpus: many documents in one table, cached, in parallel, with errors reported together."""

import warnings

import pandas as pd
import pytest

import cobs
import cobs.corpus
from cobs.corpus import CorpusWarning, corpus_summary, read_corpus
from cobs.errors import EmptyDocumentError
from conftest import SEED


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
    with pytest.warns(CorpusWarning, match=r"2 of 3 files left out .*b_copy\.txt: same content as .*a_kaz\.txt; c_empty\.txt: the file is empty"):
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
    with pytest.raises(ValueError, match="columns missing"):
        corpus_summary(pd.DataFrame({"symbol": ["x"]}))


def test_crpd_corpus_in_parallel_equals_one_by_one_then_comes_from_the_cache(crpd_corpus, tmp_path, monkeypatch):
    paths = [item["path"] for item in crpd_corpus.values()]
    table, report = read_corpus(paths, n_jobs=2, data_home=tmp_path, progress=False, report=True)
    expected = pd.concat(
        [item["doc"].paragraphs for name, item in crpd_corpus.items()
         if item["doc"] is not None and "China (Hong Kong)" not in name],  # a byte-identical copy of China's CO
        ignore_index=True,
    )
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

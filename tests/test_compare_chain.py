"""cobs.compare.chain: a State's COs aligned pair by pair, each request followed from cycle to cycle."""

from __future__ import annotations

import warnings

import joblib
import pandas as pd
import pytest
from conftest import ROOT, shared_path

import cobs
from cobs.compare import chain, threads

CORPUS = ROOT / "corpus"


@pytest.fixture(scope="module")
def aze():
    return (cobs.read_document(CORPUS / "CRPD_C_AZE_CO_1.pdf").paragraphs,
            cobs.read_document(CORPUS / "CRPD_C_AZE_CO_2-3.pdf").paragraphs)


@pytest.fixture(scope="module")
def third(aze):
    """A constructed fourth-to-sixth CO: CO/2-3 without its paragraphs 22-26 (so they are dropped)."""
    later = aze[1]
    out = later[~later["para"].between(22, 26)].copy()
    out["symbol"] = "CRPD/C/AZE/CO/4-6"
    out["cycle"] = "4-6"
    out["year"] = pd.array([2031] * len(out), dtype="Int64")
    return out


def test_three_cycles_threads_and_times(aze, third):
    steps = chain([third, aze[1], aze[0]])  # any order: the chain is sorted by year, then cycle
    assert list(steps["step"].unique()) == [1, 2]
    assert set(steps.loc[steps["step"] == 1, "later_symbol"].dropna()) == {"CRPD/C/AZE/CO/2-3"}
    assert set(steps.loc[steps["step"] == 2, "later_symbol"].dropna()) == {"CRPD/C/AZE/CO/4-6"}
    # equal recognition before the law: CO/1 para. 27, cited by CO/2-3 para. 28, repeated verbatim in CO/4-6
    row = steps[(steps["step"] == 2) & (steps["later_para"] == 28) & (steps["earlier_para"] == 28)].iloc[0]
    assert row["thread"] == "CRPD/C/AZE/CO/1, para. 27" and row["times"] == 3 and row["first_year"] == 2014
    assert row["first_symbol"] == "CRPD/C/AZE/CO/1"
    # armed conflict: new in CO/2-3 (para. 26), left out of the constructed CO/4-6
    new = steps[(steps["step"] == 1) & (steps["later_para"] == 26)].iloc[0]
    assert new["status"] == "new" and new["times"] == 1 and new["thread"] == "CRPD/C/AZE/CO/2-3, para. 26"
    dropped = steps[(steps["step"] == 2) & (steps["status"] == "dropped") & (steps["earlier_para"] == 26)].iloc[0]
    assert dropped["thread"] == "CRPD/C/AZE/CO/2-3, para. 26" and dropped["times"] == 1
    # privacy (para. 50): new in CO/2-3, made a second time in CO/4-6
    again = steps[(steps["step"] == 2) & (steps["later_para"] == 50) & (steps["earlier_para"] == 50)].iloc[0]
    assert again["times"] == 2 and again["thread"] == "CRPD/C/AZE/CO/2-3, para. 50"
    assert list(steps.columns) == list(cobs.columns.CHAIN_COLUMNS)


def test_a_corpus_table_gives_one_chain_per_state(aze):
    nzl = [cobs.read_document(CORPUS / name).paragraphs for name in ("CRPD_C_NZL_CO_1.pdf", "CRPD_C_NZL_CO_2-3.pdf")]
    table = pd.concat([aze[0], nzl[1], aze[1], nzl[0]], ignore_index=True)
    steps = chain(table)
    assert set(steps["state"]) == {"AZE", "NZL"} and set(steps["step"]) == {1}
    alone = cobs.compare.align(aze[0], aze[1])
    mine = steps[steps["state"] == "AZE"].drop(columns=["committee", "state", "step", "thread", "first_symbol",
                                                        "first_year", "times", "earlier_year",
                                                        "later_year"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(mine, alone)


def test_options_are_align_s(aze):
    # chain's keyword options are align's: the same pair gives the same links with the same options
    options = {"unit": "item", "threshold": 0.4, "citations": False}
    steps = chain(list(aze), **options)
    alone = cobs.compare.align(aze[0], aze[1], **options)
    mine = steps.drop(columns=["committee", "state", "step", "thread", "first_symbol", "first_year", "times",
                               "earlier_year", "later_year"])
    pd.testing.assert_frame_equal(mine.reset_index(drop=True), alone)
    assert "citation" not in set(steps["evidence"].dropna()) and set(steps["later_sub"].dropna()) > {""}


def test_parallel_gives_the_same_table(aze, third):
    sequential = chain([aze[0], aze[1], third])
    with joblib.parallel_config(backend="threading"):
        threaded = chain([aze[0], aze[1], third], n_jobs=2)
    pd.testing.assert_frame_equal(sequential, threaded)


def test_one_document_gives_no_row(aze):
    steps = chain([aze[0]])
    assert len(steps) == 0 and list(steps.columns) == list(cobs.columns.CHAIN_COLUMNS)


def test_bad_input(aze):
    with pytest.raises(TypeError, match="documents must be a table of several documents or a list"):
        chain("corpus/CRPD_C_AZE_CO_1.pdf")
    with pytest.raises(TypeError, match=r"documents\[1\] must be a cobs.Document, a path or a table"):
        chain([aze[0], 3])
    with pytest.raises(ValueError, match="n_jobs must be None, -1 or a positive int, got 0"):
        chain(list(aze), n_jobs=0)
    with pytest.raises(ValueError, match="unit must be 'paragraph' or 'item', got"):
        chain(list(aze), unit="page")


def test_threads_across_three_cycles(aze, third):
    steps = chain([aze[0], aze[1], third])
    table = threads(steps)
    assert list(table.columns) == ["committee", "state", *cobs.columns.THREAD_COLUMNS]
    by = table.set_index("thread")
    # equal recognition before the law: CO/1 para. 27 -> CO/2-3 para. 28 (cited) -> CO/4-6 para. 28 (verbatim)
    row = by.loc["CRPD/C/AZE/CO/1, para. 27"]
    assert (row["first_symbol"], row["first_year"], row["last_symbol"], row["last_year"], row["times"]) == (
        "CRPD/C/AZE/CO/1", 2014, "CRPD/C/AZE/CO/4-6", 2031, 3)
    assert pd.isna(row["dropped"]) and row["repeated"] == 2 and row["modified"] == 0
    assert row["refs"] == ["CRPD/C/AZE/CO/1, para. 27", "CRPD/C/AZE/CO/2-3, para. 28", "CRPD/C/AZE/CO/4-6, para. 28"]
    # armed conflict: new in CO/2-3 (para. 26), left out of CO/4-6
    row = by.loc["CRPD/C/AZE/CO/2-3, para. 26"]
    assert (row["first_symbol"], row["last_symbol"], row["times"], row["dropped"]) == (
        "CRPD/C/AZE/CO/2-3", "CRPD/C/AZE/CO/2-3", 1, "CRPD/C/AZE/CO/4-6")
    # privacy (para. 50): new in CO/2-3, made again in CO/4-6
    row = by.loc["CRPD/C/AZE/CO/2-3, para. 50"]
    assert (row["times"], row["last_symbol"], row["repeated"]) == (2, "CRPD/C/AZE/CO/4-6", 1)
    assert pd.isna(row["dropped"])
    # a CO/1 request that CO/2-3 no longer made is dropped in CO/2-3 and never comes back
    gone = steps[(steps["step"] == 1) & (steps["status"] == "dropped")]["earlier_ref"]
    assert len(gone) and set(by.loc[list(gone), "dropped"]) == {"CRPD/C/AZE/CO/2-3"}
    assert set(by.loc[list(gone), "times"]) == {1}
    # every row of the chain belongs to one thread, and a thread is as long as the documents that made it
    assert set(steps["thread"]) == set(table["thread"])
    assert table["times"].between(1, 3).all() and (table["repeated"] + table["modified"] >= table["times"] - 1).all()


def test_threads_of_two_cycles_count_every_request(aze):
    nzl = [cobs.read_document(CORPUS / name).paragraphs for name in ("CRPD_C_NZL_CO_1.pdf", "CRPD_C_NZL_CO_2-3.pdf")]
    steps = chain(pd.concat([*aze, *nzl], ignore_index=True))
    table = threads(steps)
    for state, mine in steps.groupby("state"):
        found = table[table["state"] == state]
        earlier = mine["earlier_ref"].dropna().nunique()  # each earlier recommendation starts a thread
        new = (mine["status"] == "new").sum()  # and each new later one
        assert len(found) == earlier + new
        assert (found["dropped"].notna()).sum() == (mine["status"] == "dropped").sum()
        assert found["times"].isin([1, 2]).all()
        linked = mine.loc[mine["status"].isin(["repeated", "modified"]), "earlier_ref"].unique()
        assert set(found.loc[found["times"] == 2, "thread"]) == set(linked)


def test_threads_bad_input():
    with pytest.raises(ValueError, match="steps lacks the column"):
        threads(pd.DataFrame({"thread": ["x"]}))
    with pytest.raises(TypeError, match="steps must be a pandas DataFrame"):
        threads("steps.csv")


@pytest.mark.real_data
def test_threads_of_every_crpd_state_with_two_cycles():
    """The 20 English CRPD cycle pairs of ../shared: every earlier recommendation and every new later one starts a
    thread; a thread is made twice exactly when a later recommendation takes it up, and dropped otherwise."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = cobs.read_corpus(shared_path("crpd-dashboard-pdfs", "concluding_observations"))
    steps = chain(table)
    found = threads(steps)
    assert steps[["state", "step"]].drop_duplicates().shape[0] == 20 and set(steps["step"]) == {1}
    for state, mine in steps.groupby("state"):
        own = found[found["state"] == state]
        assert len(own) == mine["earlier_ref"].dropna().nunique() + (mine["status"] == "new").sum()
        assert set(own.loc[own["times"] == 2, "thread"]) == set(
            mine.loc[mine["status"].isin(["repeated", "modified"]), "earlier_ref"])
        assert own["dropped"].notna().sum() == (mine["status"] == "dropped").sum()
        assert (own.loc[own["times"] == 2, "last_year"] > own.loc[own["times"] == 2, "first_year"]).all()

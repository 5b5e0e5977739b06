"""Results do not depend on the order of a table's rows: every function that takes a table sorts it into document
order first (cobs.tables.document_order), so a table the user sorted, filtered or shuffled gives the same results."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import cobs
from cobs.tables import document_order, ref_key
from tests.conftest import ROOT

ORDERS = {
    "by year": lambda t: t.sort_values("year", kind="stable"),
    "by para and sub": lambda t: t.sort_values(["para", "sub"], kind="stable"),
    "reversed": lambda t: t.iloc[::-1],
    "shuffled": lambda t: t.sample(frac=1, random_state=7),
}


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cobs.read_corpus(ROOT / "corpus", progress=False)


@pytest.fixture(scope="module")
def measured(corpus) -> pd.DataFrame:
    return cobs.measure(corpus)


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))


def test_the_bundled_corpus_is_read_in_document_order(corpus):
    assert document_order(corpus) is corpus


@pytest.mark.parametrize("order", ORDERS)
def test_measure_and_actions_give_the_same_table_for_any_row_order(corpus, measured, order):
    # Before: items took their chapeau, and recommendations their concern paragraph, from the row before them:
    # sorted by year 787 actions instead of 776 (CRC/C/KAZ/CO/4, para. 19 (b) lost its verb), shuffled 908.
    table = ORDERS[order](corpus)
    _same(cobs.measure(table), measured)
    _same(cobs.actions(table), cobs.actions(corpus))
    item = cobs.measure(table).set_index("ref").loc["CRC/C/KAZ/CO/4, para. 19 (b)"]
    assert item["verb"] == "recommend"


@pytest.mark.parametrize("order", ["shuffled", "reversed"])
def test_measuring_an_action_table_again_and_citations_ignore_row_order(corpus, measured, order):
    # (an action table is measured again without the concern paragraphs: compare it with itself measured again)
    _same(cobs.measure(ORDERS[order](measured)), cobs.measure(measured))
    _same(cobs.citations(ORDERS[order](corpus)), cobs.citations(corpus))
    _same(cobs.citations(ORDERS[order](measured)), cobs.citations(measured))


def test_align_and_chain_ignore_row_order(corpus):
    import cobs.compare

    aze1 = corpus[corpus["symbol"] == "CRPD/C/AZE/CO/1"]
    aze2 = corpus[corpus["symbol"] == "CRPD/C/AZE/CO/2-3"]
    links = cobs.compare.align(aze1, aze2)
    _same(cobs.compare.align(aze1.sample(frac=1, random_state=1), aze2.sample(frac=1, random_state=2)), links)
    acts2 = cobs.measure(aze2)
    _same(cobs.compare.align(aze1, acts2.sample(frac=1, random_state=3)), cobs.compare.align(aze1, acts2))
    _same(cobs.compare.chain(corpus.sample(frac=1, random_state=4)), cobs.compare.chain(corpus))


@pytest.mark.parametrize("order", ["shuffled", "reversed"])
def test_profile_and_tally_ignore_row_order(measured, order):
    import cobs.compare

    shuffled = ORDERS[order](measured)
    _same(cobs.compare.profile(shuffled), cobs.compare.profile(measured))
    # refs are listed in document order, not in the table's
    counted = cobs.tally(shuffled, "strength", by="symbol")
    _same(counted, cobs.tally(measured, "strength", by="symbol"))
    for refs in counted["refs"]:
        assert refs == sorted(refs, key=ref_key)


def test_document_order_sorts_items_after_their_paragraph_and_keeps_ties_stable():
    t = pd.DataFrame({"symbol": ["B", "A", "A", "A", "A", "A"], "para": [1, 10, 9, 10, 10, 10],
                      "sub": ["", "aa", "", "z", "", "b"], "clause": [1, 1, 1, 1, 2, 1]})
    out = document_order(t)
    assert list(zip(out["symbol"], out["para"], out["sub"], out["clause"], strict=True)) == [
        ("A", 9, "", 1), ("A", 10, "", 2), ("A", 10, "b", 1), ("A", 10, "z", 1), ("A", 10, "aa", 1),
        ("B", 1, "", 1)]
    # "", then a...z, aa: the index travels with its row
    assert list(out.index) == [2, 4, 5, 3, 1, 0]
    assert document_order(out) is out
    assert document_order(pd.DataFrame({"x": [2, 1]})).equals(pd.DataFrame({"x": [2, 1]}))


def test_document_order_sorts_a_missing_paragraph_last_and_numbered_items_by_number():
    t = pd.DataFrame({"symbol": ["u", "u", "u", "u"], "para": [np.nan, 128, 128, 128], "sub": ["", "10", "9", "1"]})
    out = document_order(t)
    assert out["sub"].tolist() == ["1", "9", "10", ""]


def test_ref_key_orders_paragraphs_by_number_and_requests_by_ordinal():
    refs = ["X, para. 10 (a)", "X, para. 9, third request", "X, para. 9 (b)", "X, para. 9",
            "X, para. 9, second request", "W, para. 100"]
    assert sorted(refs, key=ref_key) == ["W, para. 100", "X, para. 9", "X, para. 9, second request",
                                         "X, para. 9, third request", "X, para. 9 (b)", "X, para. 10 (a)"]


def test_upr_recommendations_count_a_repeated_recommendation_once_and_say_so(tmp_path):
    import cobs.compare

    source = ROOT / "corpus" / "upr" / "upr_info_kazakhstan.csv"
    text = source.read_text(encoding="utf-8-sig")
    twice = tmp_path / "twice.csv"
    twice.write_text(text + "".join(text.splitlines(keepends=True)[1:]), encoding="utf-8")
    once = cobs.compare.upr_recommendations(source)
    with pytest.warns(UserWarning, match=r"327 of 654 recommendations are repeated"):
        read = cobs.compare.upr_recommendations(twice)
    _same(read, once)
    # a recommendation made by two States is two recommendations, not a repeat
    assert once.duplicated(["symbol", "text"]).any()


def test_upr_info_rows_are_numbered_in_the_file_order_whatever_the_table_order():
    import cobs.compare

    table = cobs.read_upr_info(ROOT / "corpus" / "upr" / "upr_info_kazakhstan.csv")
    _same(cobs.compare.upr_recommendations(table.sample(frac=1, random_state=0)),
          cobs.compare.upr_recommendations(table))


def test_a_sample_for_coding_does_not_depend_on_row_order(measured):
    sample = cobs.sample_for_coding(measured, 20, stratify="strength", random_state=0, columns=["ref", "text"])
    again = cobs.sample_for_coding(measured.sample(frac=1, random_state=1), 20, stratify="strength", random_state=0,
                                   columns=["ref", "text"])
    _same(sample, again)  # the same rows (index labels) of the table, in the same order

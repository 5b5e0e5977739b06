"""The measured action table (cobs.measure) as a whole."""

import pandas as pd
import pytest

import cobs


def test_persistence_comes_from_the_concern_before(measured):
    # para 48: "The Committee is still concerned ... remains concerned"; para 49 recommends
    assert set(measured.loc[measured.para == 49, "persistence"].iloc[0]) == {"is still concerned", "remains concerned"}


def test_measure_rejects_other_tables():
    with pytest.raises(ValueError, match=r"^actions: table lacks the column\(s\) \['symbol', 'committee', "):
        cobs.measure(pd.DataFrame({"text": ["x"]}))


def test_a_document_stands_for_its_paragraphs_and_a_path_is_refused_with_what_to_do(measured):
    doc = cobs.datasets.load_sample()
    pd.testing.assert_frame_equal(cobs.measure(doc), measured)
    pd.testing.assert_frame_equal(cobs.actions(doc), cobs.actions(doc.paragraphs))
    pd.testing.assert_frame_equal(cobs.citations(doc), cobs.citations(doc.paragraphs))
    for function in (cobs.measure, cobs.actions, cobs.citations):
        with pytest.raises(TypeError, match=r"\(table\) must be a table of paragraphs or actions, or a cobs.Document, "
                           r"got 'corpus/CRC_C_KAZ_CO_4.txt'; read it first: cobs\."):
            function("corpus/CRC_C_KAZ_CO_4.txt")
    with pytest.raises(TypeError, match=r"measure\(table\) must be .*, got list: \[1, 2\]; pass a paragraph table"):
        cobs.measure([1, 2])


def test_measuring_twice_gives_the_same_table(measured):
    again = cobs.measure(measured.assign(coder_1=""))
    pd.testing.assert_frame_equal(again.drop(columns=["coder_1", "persistence"]),
                                  measured.drop(columns=["persistence"]))  # persistence: no concern paragraphs

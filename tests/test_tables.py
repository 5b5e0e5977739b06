"""Tables through files: what `cobs parse`/`cobs measure` write comes back as it was (cobs.read_table), and the
functions accept a table read with plain pandas."""

import json

import pandas as pd
import pytest
from conftest import ROOT, SEED

import cobs
from cobs.cli import main
from cobs.columns import DTYPES

AZE = ROOT / "corpus" / "CRPD_C_AZE_CO_2-3.pdf"  # pages, bold, footnotes citing CO/1: every column filled


@pytest.fixture(scope="module")
def aze():
    return cobs.read_document(AZE).paragraphs


def _write(tmp_path, command, fmt, source=AZE):
    out = tmp_path / f"{command}.{fmt}"
    assert main([command, str(source), "--format", fmt, "-o", str(out), "--no-cache"]) == 0
    return out


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_read_table_restores_the_paragraph_table(tmp_path, aze, fmt):
    back = cobs.read_table(_write(tmp_path, "parse", fmt))
    assert back.dtypes.to_dict() == aze.dtypes.to_dict()
    pd.testing.assert_frame_equal(back.drop(columns="notes"), aze.drop(columns="notes"), check_exact=False)
    if fmt == "csv":  # lists joined with "; ": a footnote that itself holds "; " comes back cut there, same text
        assert back["notes"].map("; ".join).tolist() == aze["notes"].map("; ".join).tolist()
    else:
        assert back["notes"].tolist() == aze["notes"].tolist()
    assert (back["sub"] == "").sum() == (aze["sub"] == "").sum() > 0  # "" stays a value, not a missing one
    assert back["heading"].isna().sum() == aze["heading"].isna().sum() > 0


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_read_table_restores_the_action_table(tmp_path, aze, fmt):
    measured = cobs.measure(aze)
    back = cobs.read_table(_write(tmp_path, "measure", fmt))
    assert back.dtypes.to_dict() == measured.dtypes.to_dict()
    lists = [c for c in measured.columns if c in cobs.columns.LIST_COLUMNS and c != "notes"]
    pd.testing.assert_frame_equal(back.drop(columns="notes"), measured.drop(columns="notes"), check_exact=False)
    assert back[lists].map(len).sum().sum() > 100  # citations, intensifiers ... came back as lists


def test_functions_accept_a_table_read_with_plain_pandas(tmp_path, aze):
    """Issue 11: a CSV written by `cobs parse`, read with pd.read_csv, broke measure, citations, corpus_summary."""
    plain = pd.read_csv(_write(tmp_path, "parse", "csv"))
    assert plain["sub"].isna().any() and plain["notes"].map(type).eq(str).any()  # what such a table looks like
    expected = cobs.measure(aze)
    got = cobs.measure(plain)
    pd.testing.assert_frame_equal(got.drop(columns="notes"), expected.drop(columns="notes"), check_exact=False)
    pd.testing.assert_frame_equal(cobs.citations(plain), cobs.citations(aze))
    pd.testing.assert_frame_equal(cobs.corpus_summary(plain), cobs.corpus_summary(aze))
    json_plain = pd.DataFrame(json.loads(_write(tmp_path, "parse", "json").read_text(encoding="utf-8")))
    pd.testing.assert_frame_equal(cobs.citations(json_plain), cobs.citations(aze))


def test_conform_turns_empty_strings_into_missing_values_but_keeps_sub():
    table = pd.DataFrame({"symbol": ["X"] * 3, "para": [1, 1, 2], "sub": ["", "a", None],
                          "heading": ["", "Education", None], "year": ["2015", "", "2016"],
                          "articles": ["19; 24(3)", "", None], "time_bound": ["True", "False", "False"]})
    got = cobs.tables.conform(table)
    assert got["sub"].tolist() == ["", "a", ""]  # the row of a paragraph's own text
    assert got["heading"].isna().tolist() == [True, False, True]
    assert got["year"].dtype == "Int64" and got["year"].isna().tolist() == [False, True, False]
    assert got["articles"].tolist() == [["19", "24(3)"], [], []]
    assert got["time_bound"].dtype == bool and got["time_bound"].tolist() == [True, False, False]
    assert table["heading"].iloc[0] == "" and table["year"].iloc[1] == ""  # the input is left as it was
    for column in ("symbol", "sub", "heading"):
        assert got[column].dtype == DTYPES[column]


def test_conform_names_a_column_it_cannot_read():
    with pytest.raises(ValueError, match="column 'para'"):
        cobs.tables.conform(pd.DataFrame({"para": ["1", "two"]}))
    with pytest.raises(ValueError, match="column 'kind'"):
        cobs.tables.conform(pd.DataFrame({"kind": ["recommendation", "praise"]}))


def test_read_table_refuses_what_it_cannot_tell(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        cobs.read_table(tmp_path / "absent.csv")
    odd = tmp_path / "table.txt"
    odd.write_text("symbol\nX\n", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot tell the format"):
        cobs.read_table(odd)
    assert cobs.read_table(odd, format="csv")["symbol"].tolist() == ["X"]


def test_seed_round_trip_through_csv(tmp_path, seed_doc):
    out = _write(tmp_path, "parse", "csv", SEED)
    pd.testing.assert_frame_equal(cobs.read_table(out), seed_doc.paragraphs)

"""cobs.tally: counts by category with the references of the rows counted (the table behind a figure)."""

import re

import pandas as pd
import pytest

import cobs
from cobs.measures import STRENGTH_DTYPE


def actions():
    return pd.DataFrame({
        "symbol": ["CRC/C/KAZ/CO/4"] * 4 + ["CRPD/C/AZE/CO/1"] * 2,
        "state": ["KAZ"] * 4 + ["AZE"] * 2,
        "year": pd.array([2015] * 4 + [2014] * 2, dtype="Int64"),
        "ref": ["CRC/C/KAZ/CO/4, para. 29 (a)", "CRC/C/KAZ/CO/4, para. 29 (b)", "CRC/C/KAZ/CO/4, para. 31",
                "CRC/C/KAZ/CO/4, para. 61 (a)", "CRPD/C/AZE/CO/1, para. 9", "CRPD/C/AZE/CO/1, para. 11"],
        "strength": pd.Series(["urges", "urges", "recommends", None, "recommends", "calls upon"], dtype=STRENGTH_DTYPE),
        "theme": ["corporal punishment", "corporal punishment", "", "juvenile justice", pd.NA, "accessibility"],
        "action_category": pd.array([5, 4, 4, None, 5, 5], dtype="Int64"),
    })


def test_counts_shares_and_the_refs_of_each_count():
    got = cobs.tally(actions(), "theme", by="state")
    assert list(got.columns) == ["state", "dimension", "category", "count", "n", "share", "refs"]
    kaz = got[got["state"] == "KAZ"].set_index("category", drop=False)
    assert kaz.loc["corporal punishment", "count"] == 2 and kaz.loc["corporal punishment", "n"] == 4
    assert kaz.loc["corporal punishment", "share"] == 0.5
    assert kaz.loc["corporal punishment", "refs"] == ["CRC/C/KAZ/CO/4, para. 29 (a)", "CRC/C/KAZ/CO/4, para. 29 (b)"]
    # every category in every group: Azerbaijan is not asked about corporal punishment, a zero with no refs
    aze = got[got["state"] == "AZE"].set_index("category", drop=False)
    assert aze.loc["corporal punishment", "count"] == 0 and aze.loc["corporal punishment", "refs"] == []
    # "" and NA are both "no theme": counted under a missing category, so that n stays the group's size
    none = got[got["category"].isna()].set_index("state")
    assert none.loc["KAZ", "count"] == 1 and none.loc["KAZ", "refs"] == ["CRC/C/KAZ/CO/4, para. 31"]
    assert none.loc["AZE", "count"] == 1
    assert (got["refs"].map(len) == got["count"]).all()
    assert got.groupby("state")["count"].sum().to_dict() == {"AZE": 2, "KAZ": 4}


def test_an_ordered_categorical_keeps_its_order_and_every_level():
    got = cobs.tally(actions(), "strength")
    assert got["category"].tolist()[:-1] == list(cobs.measures.STRENGTHS)  # weakest first, absent levels too
    assert pd.isna(got["category"].iloc[-1]) and got["count"].iloc[-1] == 1  # the action without a verb, last
    assert dict(zip(got["category"][:-1], got["count"][:-1], strict=True)) == {
        "draws attention": 0, "requests": 0, "invites": 0, "encourages": 0, "calls upon": 1, "recommends": 2,
        "urges": 2}
    assert (got["n"] == 6).all() and got["share"].sum() == pytest.approx(1.0)


def test_numbers_become_strings_and_groups_keep_their_dtype():
    got = cobs.tally(actions(), "action_category", by="year")
    assert got["category"].dropna().tolist() == ["4", "5"] * 2
    assert str(got["year"].dtype) == "Int64" and got["year"].tolist() == [2014] * 3 + [2015] * 3
    row = got[(got["year"] == 2015) & (got["category"] == "4")].iloc[0]
    assert row["count"] == 2 and row["refs"] == ["CRC/C/KAZ/CO/4, para. 29 (b)", "CRC/C/KAZ/CO/4, para. 31"]


def test_several_dimensions_in_long_form_and_several_refs_joined():
    aligned = pd.DataFrame({
        "theme": ["education", "education", "health"], "status": ["repeated", "new", "dropped"],
        "change": ["softened", None, None],
        "earlier_ref": ["CRC/C/KAZ/CO/3, para. 58", None, "CRC/C/KAZ/CO/3, para. 50"],
        "later_ref": ["CRC/C/KAZ/CO/4, para. 53 (a)", "CRC/C/KAZ/CO/4, para. 53 (b)", None],
    })
    got = cobs.tally(aligned, ["status", "change"], by="theme", ref=["earlier_ref", "later_ref"])
    assert set(got["dimension"]) == {"status", "change"}
    repeated = got[(got["dimension"] == "status") & (got["category"] == "repeated") & (got["theme"] == "education")]
    assert repeated["refs"].iloc[0] == ["CRC/C/KAZ/CO/3, para. 58 → CRC/C/KAZ/CO/4, para. 53 (a)"]
    dropped = got[(got["category"] == "dropped") & (got["theme"] == "health")]
    assert dropped["refs"].iloc[0] == ["CRC/C/KAZ/CO/3, para. 50"]
    assert cobs.tally(aligned, "status", ref=None).columns.tolist()[-1] == "share"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"of": "verb"}, "lacks the column(s) ['verb'] of the column(s) given as of"),
    ({"of": "theme", "by": "cycle"}, "lacks the column(s) ['cycle'] of the column(s) given as by"),
    ({"of": "theme", "ref": "later_ref"}, "lacks the column(s) ['later_ref'] of the column(s) given as ref"),
    ({"of": "theme", "by": "theme"}, "both counted (of) and grouped by"),
    ({"of": []}, "at least one column"),
])
def test_bad_arguments_are_named(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        cobs.tally(actions(), **kwargs)


def test_list_columns_are_refused_with_the_way_to_count_their_items():
    table = actions().assign(hedges=[["consider"], [], [], [], [], []])
    with pytest.raises(ValueError, match=r"explode\('hedges'\)"):
        cobs.tally(table, "hedges")
    assert cobs.tally(table.explode("hedges"), "hedges")["count"].tolist() == [1, 5]


def test_columns_are_documented():
    assert set(cobs.TALLY_COLUMNS) - {"<by>"} == {"dimension", "category", "count", "n", "share", "refs"}


def test_on_the_seed_each_action_is_counted_once(seed_doc):
    acts = cobs.measure(seed_doc.paragraphs)
    got = cobs.tally(acts, "strength", by="cluster_id")
    assert got["count"].sum() == len(acts) == 79
    assert sorted(ref for refs in got["refs"] for ref in refs) == sorted(acts["ref"])
    # para. 61 (juvenile justice, cluster 9): "the Committee urges the State party to bring its juvenile justice
    # system fully into line ...", then "In particular, the Committee urges the State party to:" items (a)-(f)
    urged = got[(got["cluster_id"] == "CRC-9") & (got["category"] == "urges")].iloc[0]
    assert [r for r in urged["refs"] if "para. 61" in r] == ["CRC/C/KAZ/CO/4, para. 61"] + [
        f"CRC/C/KAZ/CO/4, para. 61 ({x})" for x in "abcdef"]


def test_an_empty_table_of_string_columns_gives_an_empty_tally():
    """An action table with no rows, as read back from Parquet (string columns), counts nothing: no pandas error
    ("Cannot perform reduction 'any' with string dtype", issue 20)."""
    empty = actions().astype({"symbol": "string", "theme": "string", "ref": "string"}).iloc[:0]
    got = cobs.tally(empty, "theme", by="symbol")
    assert got.empty and list(got.columns) == ["symbol", "dimension", "category", "count", "n", "share", "refs"]
    assert cobs.tally(empty, ["theme", "strength"]).query("dimension == 'theme'").empty


def test_each_cells_refs_are_in_document_order_and_ties_in_table_order():
    """The refs of a cell are sorted by ref_key through one rank of all rows (computed once: sorting each cell by
    ref_key was a fifth of a hundred COs' report): the same lists as sorting each cell, whatever the row order.
    "X a01" and "X a1" are not cobs references and have one key: they keep their order in the table."""
    import numpy as np

    from cobs.tables import ref_key

    refs = ["CRC/C/KAZ/CO/4, para. 10 (a)", "CRC/C/KAZ/CO/4, para. 9", "CRC/C/KAZ/CO/4, para. 9, second request",
            "CRPD/C/AZE/CO/1, para. 2", "X a01", "X a1", "CRC/C/KAZ/CO/4, para. 10", "X a1", None]
    table = pd.DataFrame({"ref": refs, "theme": ["a", "b", "a", "a", "b", "b", "a", "a", "b"],
                          "state": ["KAZ", "KAZ", "KAZ", "AZE", "KAZ", "KAZ", "KAZ", "AZE", "KAZ"]})
    rng = np.random.default_rng(0)
    for _ in range(20):
        shuffled = table.iloc[rng.permutation(len(table))].reset_index(drop=True)
        out = cobs.tally(shuffled, "theme", by="state")
        for row in out.itertuples():
            rows = shuffled[(shuffled["theme"] == row.category) & (shuffled["state"] == row.state)]
            expected = sorted(("" if pd.isna(r) else r for r in rows["ref"]), key=ref_key)
            assert row.refs == expected
        ties = out[(out["state"] == "KAZ") & (out["category"] == "b")]["refs"].iloc[0]  # X a01 and X a1: one key
        kaz_b = shuffled[(shuffled["state"] == "KAZ") & (shuffled["theme"] == "b")]
        assert [r for r in ties if r.startswith("X")] == [r for r in kaz_b["ref"] if r in ("X a01", "X a1")]

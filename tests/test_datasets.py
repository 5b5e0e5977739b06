"""cobs.datasets: reading UPR Info exports (literal fixtures, then the real files in ../shared)."""

from __future__ import annotations

import collections
from pathlib import Path

import pandas as pd
import pytest
from conftest import shared_path

from cobs.columns import UPR_INFO_COLUMNS
from cobs.datasets import upr_info_labels
from cobs.read import read_upr_info

HEADER_2018 = "SuR;Rgrp;Org;Recommendation;RS;Rgrp;Org;Response;Action;Issue;Session"
HEADER_2015 = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"

# Two records of the 2018 layout: BOM, CRLF, a quoted field with a bare LF inside
# (as "Trinidad and Tobago\n" in the real export), a quoted "" escape, an HTML entity,
# an empty issue field (session 27) and an empty organisation field.
EXPORT_2018 = (
    "\ufeff" + HEADER_2018 + "\r\n"
    'Algeria;Africa;AU, OIC, AL;"[Ratify] the CRPD; and ""its"" protocol";"Trinidad and Tobago\n";GRULAC;'
    "OAS, ACS, Commonwealth;Noted;5;;27\r\n"
    'Kazakhstan;Asia;OIC, CIS;Continue its efforts to protect children;"&#40;Unknown&#41;";"&#40;Unknown&#41;";;'
    'Supported;2;"Rights of the Child,Women\'s rights";20\r\n'
)

# Two records of the older layout, Mac OS Roman with bare CR line ends:
# 0x8f = "è", 0x8e = "é" in Mac OS Roman (undefined / "Ž" in Windows-1252).
EXPORT_2015 = (
    HEADER_2015.encode() + b"\r"
    b'Chad,Africa,"AU, OIC",Bring Mr. Hiss\x8fne Habr\x8e to justice,Czech Republic,EEG,EU,Accepted,5,'
    b'"NHRI,Right to water,National plan of action",5\r'
    b"Albania,EEG,OIC,Implement the Roma strategy,Albania,EEG,OIC,Voluntary Pledge,4,Minorities,19\r"
)


@pytest.fixture
def export_2018(tmp_path: Path) -> Path:
    path = tmp_path / "25-27.csv"
    path.write_bytes(EXPORT_2018.encode("utf-8"))
    return path


@pytest.fixture
def export_2015(tmp_path: Path) -> Path:
    path = tmp_path / "1-5.csv"
    path.write_bytes(EXPORT_2015)
    return path


def test_2018_export_columns_and_values(export_2018):
    table = read_upr_info(export_2018)
    assert list(table.columns) == list(UPR_INFO_COLUMNS)
    assert len(table) == 2
    first, second = table.iloc[0], table.iloc[1]
    assert first["state_under_review"] == "Algeria"
    assert first["sur_orgs"] == ["AU", "OIC", "AL"]
    assert first["recommendation"] == '[Ratify] the CRPD; and "its" protocol'
    assert first["recommending_state"] == "Trinidad and Tobago"  # the trailing newline is gone
    assert first["rs_group"] == "GRULAC"
    assert first["rs_orgs"] == ["OAS", "ACS", "Commonwealth"]
    assert first["response"] == "Noted"
    assert first["issues"] == []
    assert (first["action"], first["session"]) == (5, 27)
    assert second["recommending_state"] == "(Unknown)"
    assert second["rs_orgs"] == []
    assert second["issues"] == ["Rights of the Child", "Women's rights"]
    assert table["action"].dtype == "Int64" and table["session"].dtype == "Int64"
    assert table["source_file"].tolist() == ["25-27.csv", "25-27.csv"]
    assert table["source_row"].tolist() == [1, 2]


def test_2015_export_is_decoded_and_renamed(export_2015):
    table = read_upr_info(export_2015, pledges=True)
    assert list(table.columns) == list(UPR_INFO_COLUMNS)
    chad, pledge = table.iloc[0], table.iloc[1]
    assert chad["recommendation"] == "Bring Mr. Hissène Habré to justice"
    assert chad["recommending_state"] == "Czechia"
    assert chad["response"] == "Supported"
    assert chad["issues"] == ["National Human Rights Institution", "Right to water and sanitation",
                              "National plan of action"]
    assert pledge["response"] == "Voluntary pledge"
    assert pledge["session"] == 19


def test_folder_reads_every_csv_in_name_order(tmp_path, export_2018, export_2015):
    (tmp_path / "notes.txt").write_text("not read")
    table = read_upr_info(tmp_path, pledges=True)
    assert table["source_file"].tolist() == ["1-5.csv", "1-5.csv", "25-27.csv", "25-27.csv"]
    assert table.index.tolist() == [0, 1, 2, 3]


def test_voluntary_pledges_are_not_recommendations(tmp_path, export_2018, export_2015):
    table = read_upr_info(tmp_path)  # the pledge was read as a recommendation to Albania
    assert table["source_file"].tolist() == ["1-5.csv", "25-27.csv", "25-27.csv"]
    assert "Voluntary pledge" not in set(table["response"]) and table.index.tolist() == [0, 1, 2]
    with pytest.raises(TypeError, match="pledges must be True or False, got 'yes'"):
        read_upr_info(tmp_path, pledges="yes")


def test_explicit_encoding(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes((HEADER_2015 + "\nPeru,GRULAC,OAS,Protect the Asháninka,Spain,WEOG,EU,Accepted,4,Minorities,2\n")
                     .encode("latin-1"))
    assert read_upr_info(path)["recommendation"][0] == "Protect the Asháninka"  # cp1252 fallback
    assert read_upr_info(path, encoding="latin-1")["recommendation"][0] == "Protect the Asháninka"


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="nope.csv"):
        read_upr_info(tmp_path / "nope.csv")


def test_folder_without_csv(tmp_path):
    with pytest.raises(FileNotFoundError, match="no .csv file"):
        read_upr_info(tmp_path)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"a;b;c\r\n1;2;3\r\n", "not a UPR Info export"),
        (b"", "not a UPR Info export"),
        (b"%PDF-1.7\x00\x00\x01", "binary data"),
        ((HEADER_2018 + "\nA;Asia;;Do x;B;WEOG;;Noted;7;;27\n").encode(), "action category '7'"),
        ((HEADER_2018 + "\nA;Asia;;Do x;B;WEOG;;Noted;4;;twenty\n").encode(), "session 'twenty'"),
        ((HEADER_2018 + "\nA;Asia;;Do x;B;WEOG;;Noted;4\n").encode(), "record 1: 9 fields"),
    ],
)
def test_bad_input_names_the_file(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message) as info:
        read_upr_info(path)
    assert "bad.csv" in str(info.value)


def test_undecodable_with_explicit_encoding(tmp_path):
    path = tmp_path / "utf16.csv"
    path.write_bytes(EXPORT_2015)
    with pytest.raises(ValueError, match=r"utf16.csv: cannot be decoded with encoding='utf-8'"):
        read_upr_info(path, encoding="utf-8")


def test_undecodable_windows_text(tmp_path):
    path = tmp_path / "bad.csv"
    # 0x81 is undefined in Windows-1252, and LF line ends rule out Mac OS Roman.
    path.write_bytes(HEADER_2015.encode() + b"\nA,Asia,,Do \x81,B,WEOG,,Noted,4,,2\n")
    with pytest.raises(ValueError, match=r"bad.csv: cannot be decoded as UTF-8 or cp1252 \(byte 0x81"):
        read_upr_info(path)


def test_labels():
    actions = upr_info_labels("action")
    assert actions["action"].tolist() == [1, 2, 3, 4, 5]
    assert actions["name"].tolist() == ["minimal action", "continuing action", "considering action",
                                        "general action", "specific action"]
    assert "ratify" in actions.set_index("action").loc[5, "example_verbs"]
    issues = upr_info_labels("issue")
    assert len(issues) == 57 and issues["issue"].is_unique
    with pytest.raises(ValueError, match="kind must be"):
        upr_info_labels("theme")  # type: ignore[arg-type]


# --- the real exports in ../shared ---------------------------------------------------------

# Issue labels and counts of the 2015 export (sessions 1-20, without the pledges), as listed
# in ../shared/data/uprs-terman/SOURCE.md (names mapped to the 2018 ones).
SOURCE_2015_COUNTS = {"International instruments": 8401, "Women's rights": 7492,
                      "National Human Rights Institution": 1502, "Right to water and sanitation": 172,
                      "National plan of action": 628, "Freedom of movement": 105}


@pytest.fixture(scope="module")
def upr_2018() -> pd.DataFrame:
    return read_upr_info(shared_path("upr-info-export-2018"))


@pytest.fixture(scope="module")
def upr_2015() -> pd.DataFrame:
    return read_upr_info(shared_path("uprs-terman", "upr-info-csv"), pledges=True)


@pytest.mark.real_data
def test_real_2018_export_rows_agree_with_pandas(upr_2018):
    # An independent reading of each file (pandas' C parser) gives the same record counts.
    folder = shared_path("upr-info-export-2018")
    for file in sorted(folder.glob("*.csv")):
        other = pd.read_csv(file, sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert (upr_2018["source_file"] == file.name).sum() == len(other), file.name
    assert len(upr_2018) > 50_000


@pytest.mark.real_data
def test_real_2018_export_labels(upr_2018):
    labels = collections.Counter(i for issues in upr_2018["issues"] for i in issues)
    expected = set(upr_info_labels("issue").query("exports.str.contains('2018')")["issue"])
    assert set(labels) == expected
    assert upr_2018["action"].isin([1, 2, 3, 4, 5]).all()
    assert set(upr_2018["response"]) == {"Supported", "Noted"}
    # Session 27 had not been coded for issues at export time (SOURCE.md); 1-26 all have.
    unlabelled = upr_2018["issues"].str.len() == 0
    assert (upr_2018.loc[unlabelled, "session"] == 27).all()
    assert unlabelled.sum() == (upr_2018["session"] == 27).sum()
    # The one record whose Session field is empty.
    assert upr_2018["session"].isna().sum() == 1
    assert not upr_2018["recommending_state"].str.contains(r"\n|&#").any()
    assert set(upr_2018["session"].dropna()) == set(range(1, 22)) | {25, 26, 27}


@pytest.mark.real_data
def test_real_2015_export_matches_its_documented_counts(upr_2015):
    recs = upr_2015[upr_2015["response"] != "Voluntary pledge"]
    assert len(recs) == 41_066 and (upr_2015["response"] == "Voluntary pledge").sum() == 947
    by_default = read_upr_info(shared_path("uprs-terman", "upr-info-csv"))  # voluntary.csv read, its pledges left out
    assert len(by_default) == 41_066 and "voluntary.csv" not in set(by_default["source_file"])
    assert recs["action"].value_counts().sort_index().tolist() == [603, 6981, 3449, 16261, 13772]
    assert recs["response"].value_counts().to_dict() == {"Supported": 30472, "Noted": 10594}
    counts = collections.Counter(i for issues in recs["issues"] for i in issues)
    assert {k: counts[k] for k in SOURCE_2015_COUNTS} == SOURCE_2015_COUNTS
    assert "NHRI" not in counts and "Right to water" not in counts
    assert upr_2015["recommendation"].str.contains("Hissène Habré").any()
    assert not upr_2015["recommendation"].str.contains("HabrŽ").any()
    recommending = set(upr_2015["recommending_state"])
    assert "Czechia" in recommending and "Czech Republic" not in recommending


@pytest.mark.real_data
def test_real_exports_agree_where_they_overlap(upr_2018, upr_2015):
    # The same recommendation (same text, States and session) carries the same action in both.
    keys = ["state_under_review", "recommending_state", "session", "recommendation"]
    both = upr_2015.drop_duplicates(keys).merge(upr_2018.drop_duplicates(keys), on=keys, suffixes=("_15", "_18"))
    assert len(both) > 30_000
    assert (both["action_15"] == both["action_18"]).mean() > 0.99

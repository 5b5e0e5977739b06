"""cobs.read.read_thematic_list: OHCHR's thematic lists (literal fixtures, then the real lists in ../shared)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import shared_path

from cobs.columns import THEMATIC_LIST_COLUMNS
from cobs.errors import DocumentError, ParseError
from cobs.read import read_thematic_list
from cobs.reference import GROUPS, group_name

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _cell(*paragraphs: str) -> str:
    return "<w:tc>" + "".join(f"<w:p><w:r><w:t xml:space='preserve'>{p}</w:t></w:r></w:p>" for p in paragraphs) + \
        "</w:tc>"


def make_docx(path: Path, rows: list[list[list[str]]], header: str | None = None) -> Path:
    """A Word file holding one table; each row a list of cells, each cell a list of paragraphs."""
    body = "".join("<w:tr>" + "".join(_cell(*cell) for cell in row) + "</w:tr>" for row in rows)
    document = f"<w:document xmlns:w='{W_NS}'><w:body><w:tbl>{body}</w:tbl><w:p/></w:body></w:document>"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", document)
        if header:
            archive.writestr("word/header1.xml", f"<w:hdr xmlns:w='{W_NS}'><w:p><w:r><w:t>{header}</w:t></w:r></w:p>"
                             "</w:hdr>")
    return path


HEAD = [["Recommendation"], ["Position"], ["Full list of themes"], ["Assessment/comments on level of implementation"]]
ROWS_2019 = [
    HEAD,
    [["Theme: Equality &amp;amp; non-discrimination"]],
    [["121.6 Continue taking effective measures to protect the rights of vulnerable groups (China);",
      "Source of Position: A/HRC/43/15 - Para 121"], ["Supported"],
     ["- Equality &amp; non-discrimination", "SDGs: ", "- 10 - REDUCED INEQUALITIES", "- 16 - PEACE, JUSTICE AND "
      "STRONG INSTITUTIONS", "Affected persons: ", "- girls", "- older persons", "- Migrants &amp; domestic workers",
      "- non-citizens"], [""]],
    [["122.1 Ratify the Optional Protocol (Senegal);", "Source of Position: A/HRC/43/15/Add.1 - Para.3"], ["Noted"],
     ["- Acceptance of international norms"], [""]],
]


def test_word_file_one_row_per_recommendation(tmp_path):
    path = make_docx(tmp_path / "list.docx", ROWS_2019, header="UPR of Slovenia (3rd Cycle - 34th Session)")
    recs = read_thematic_list(path)
    assert list(recs.columns) == list(THEMATIC_LIST_COLUMNS)
    first = recs.iloc[0]
    # the heading's text is "&amp;" as the text extractions have it: read as "&"
    assert (first["state"], first["session"], first["heading"]) == ("SVN", 34, "Equality & non-discrimination")
    assert first["number"] == "121.6" and first["recommendation"].endswith("(China);")
    assert (first["position_source"], first["response"]) == ("A/HRC/43/15 - Para 121", "Supported")
    assert first["themes"] == ["Equality & non-discrimination"]
    assert first["affected_persons"] == ["girls", "older persons", "Migrants & domestic workers", "non-citizens"]
    # older spellings in the 2025 vocabulary, each once
    assert first["groups"] == ["Women & girls", "Older persons", "Migrants"]
    assert first["sdgs"] == [10, 16]
    second = recs.iloc[1]
    assert (second["number"], second["response"], second["groups"], second["sdgs"]) == ("122.1", "Noted", [], [])


def test_text_extraction_reads_alike(tmp_path):
    text = "\n".join(["Recommendation", "Position", "Theme: A12 Acceptance of international norms",
                      "115.3 Ratify the Optional Protocol on a communications procedure (Portugal, Slovakia);",
                      "Source of position: A/HRC/28/15/Add.1 - Para. 3", "Supported",
                      "A12 Acceptance of international norms", "Affected persons:", "- children", "", "",
                      "115.4 Ratify the Optional Protocol to the Covenant (Spain);",
                      "Source of position: A/HRC/28/15/Add.1 - Para. 3", "Noted",
                      "A12 Acceptance of international norms", "Affected persons:", "- general"])
    path = tmp_path / "list.txt"
    path.write_text(text, encoding="utf-8")
    recs = read_thematic_list(path)
    assert recs["number"].tolist() == ["115.3", "115.4"]
    assert recs["state"].isna().all() and recs["session"].isna().all()  # no page header in a text
    assert recs["themes"].tolist() == [["A12 Acceptance of international norms"]] * 2
    assert recs["affected_persons"].tolist() == [["children"], ["general"]]
    assert recs["groups"].tolist() == [["Children"], []]
    assert recs["response"].tolist() == ["Supported", "Noted"]


def test_2025_layout_goals_in_their_own_column(tmp_path):
    rows = [HEAD, [["140.11 Accede to the 1961 Convention (North Macedonia);",
                    "Source of Position: A/HRC/59/15/Add.1 - Para.4"], ["Supported"],
                   ["- Refugees &amp; asylum seekers", "Groups of Persons: ", "- Refugees &amp; asylum seekers",
                    "- Public officials", "- Stateless persons"], ["- 10 - REDUCED INEQUALITIES"]]]
    recs = read_thematic_list(make_docx(tmp_path / "l.docx", rows))
    assert recs.loc[0, "groups"] == ["Refugees & asylum seekers", "Public officials", "Stateless persons"]
    assert recs.loc[0, "sdgs"] == [10]
    assert recs.loc[0, "themes"] == ["Refugees & asylum seekers"]


@pytest.mark.parametrize(("rows", "message"), [
    ([HEAD, [["115.1 Ratify (Chile);"], ["Supported"], ["- x"]]], "no 'Source of position:'"),
    ([HEAD, [["115.1 Ratify (Chile);", "Source of position: A/HRC/28/15"], [""], ["- x"]]], "has no position"),
    ([HEAD, [["115.1 Ratify (Chile);", "Source of position: A"], ["Noted"], ["Affected persons:", "- aliens"]]],
     "'aliens'"),
    ([HEAD, [["115.1 Ratify (Chile);", "Source of position: A"], ["Noted"], ["SDGs:", "- 18 - MORE GOALS"]]],
     "SDG 18 does not exist"),
    ([HEAD, [["115.1 Ratify (Chile);", "Source of position: A"], ["Noted"], ["SDGs:", "- 4 - ZERO HUNGER"]]],
     "its name is 'QUALITY EDUCATION'"),
    ([HEAD, [["115.1 Ratify (Chile);", "Source of position: A"], ["Noted"], ["SDGs:", "- peace"]]],
     "is not a goal"),
])
def test_a_row_that_cannot_be_read_is_refused_with_its_place(tmp_path, rows, message):
    with pytest.raises(ParseError, match=re.escape(message)) as caught:
        read_thematic_list(make_docx(tmp_path / "bad.docx", rows))
    assert "table row 2" in str(caught.value) and "bad.docx" in str(caught.value)


def test_files_that_are_not_thematic_lists(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        read_thematic_list(tmp_path / "absent.docx")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    with pytest.raises(DocumentError, match="empty"):
        read_thematic_list(empty)
    prose = tmp_path / "prose.txt"
    prose.write_text("Concluding observations\n1. The Committee considered ...\n")
    with pytest.raises(DocumentError, match="not an OHCHR thematic list"):
        read_thematic_list(prose)
    pdf = tmp_path / "list.pdf"
    pdf.write_bytes(b"%PDF-1.7\n...")
    with pytest.raises(DocumentError, match="not from a pdf file"):
        read_thematic_list(pdf)
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(make_docx(tmp_path / "ok.docx", ROWS_2019).read_bytes()[:200])
    with pytest.raises(DocumentError, match="damaged"):
        read_thematic_list(damaged)


def test_group_names_of_every_year():
    assert group_name("Migrants &amp; domestic workers") == "Migrants"
    assert group_name("lesbian, gay, bisexual, transgender and intersex persons (LGBTI)") == GROUPS[11]
    assert group_name("Children in vulnerable situations (abused, living on the street, institutionalized, "
                      "indigenous, migrant children etc.)") == "Children in vulnerable situations"
    with pytest.raises(ValueError, match="groups.csv"):
        group_name("aliens")


# the real lists: (folder, Word file, text extraction, session, recommendations, Supported)
LISTS = {
    2014: ("2ndcycleunoriginal/UPR20__Slovenia_ThematicListRecommendations_E.docx",
           "cycle2/extracted/UPR20__Slovenia_ThematicListRecommendations_E.txt", 20),
    2019: ("3rdcycleunoriginal/UPR34_Slovenia_Thematic_list_of_Recommendations.docx",
           "cycle3/extracted/UPR34_Slovenia_Thematic_list_of_Recommendations.txt", 34),
    2025: ("4thcycleunoriginal/upr48-slovenia-thematic-list-of-recommendatio.docx",
           "cycle4/extracted/upr48-slovenia-thematic-list-of-recommendatio.txt", 48),
}


def _real(year: int, which: int) -> Path:
    return shared_path("slovenia-upr-tracker", "docs", LISTS[year][which])


@pytest.mark.real_data
@pytest.mark.parametrize("year", sorted(LISTS))
def test_real_lists_every_recommendation_read_alike_from_word_and_text(year):
    word, text = read_thematic_list(_real(year, 0)), read_thematic_list(_real(year, 1))
    assert (word["state"].unique().tolist(), word["session"].unique().tolist()) == (["SVN"], [LISTS[year][2]])
    # counted independently in the extraction: lines that open with a recommendation number, and goal lines
    lines = _real(year, 1).read_text(encoding="utf-8").splitlines()
    numbers = [line.split()[0] for line in lines if re.match(r"\d{3}\.\d+ ", line)]
    assert word["number"].tolist() == numbers
    assert len(word) == {2014: 163, 2019: 215, 2025: 254}[year]  # SOURCE.md's counts
    assert word["response"].value_counts().to_dict() == {
        2014: {"Supported": 142, "Noted": 21}, 2019: {"Supported": 182, "Noted": 33},
        2025: {"Supported": 217, "Noted": 37}}[year]
    assert sum(line.strip() in ("Supported", "Noted") for line in lines) == len(word)
    for column in THEMATIC_LIST_COLUMNS:
        if column not in ("state", "session"):
            assert word[column].tolist() == text[column].tolist(), column
    assert set().union(*word["groups"]) <= set(GROUPS)


@pytest.mark.real_data
def test_real_lists_labels_as_printed():
    recs = {year: read_thematic_list(_real(year, 0)).set_index("number") for year in LISTS}
    # 2014, 115.2 (Belgium, ICERD art. 8): themes with their codes, minorities
    r = recs[2014].loc["115.2"]
    assert r["themes"] == ["A12 Acceptance of international norms", "B32 Racial discrimination",
                           "G1 Members of minorities"]
    assert r["groups"] == ["Minorities/ racial, ethnic, linguistic, religious or descent-based groups"]
    assert r["sdgs"] == []
    # 2019, 121.3 (ILO Forced Labour Protocol): goal 8 and no affected persons
    r = recs[2019].loc["121.3"]
    assert (r["sdgs"], r["groups"]) == ([8], [])
    assert r["themes"][-1] == "Prohibition of slavery, trafficking"
    # 2019, 122.127 prints goal 10 twice: once here
    assert recs[2019].loc["122.127", "sdgs"].count(10) == 1
    # 2025, 140.7 (OP-ICESCR): OHCHR's goals 1-8 and its blanket "Public officials"
    r = recs[2025].loc["140.7"]
    assert (r["sdgs"], r["groups"]) == (list(range(1, 9)), ["Public officials"])
    assert r["position_source"] == "A/HRC/59/15/Add.1 - Para.3"
    # the 2019 goal counts over all recommendations, from the goal lines of the text (two printed twice)
    goal_lines = [line for line in _real(2019, 1).read_text(encoding="utf-8").splitlines()
                  if re.match(r"- \d{1,2} - [A-Z]", line)]
    assert sum(map(len, recs[2019]["sdgs"])) == len(goal_lines) - 2
    # "Public officials" on all but one of the 2025 recommendations: OHCHR's blanket label for the State
    assert recs[2025]["groups"].map(lambda g: "Public officials" in g).sum() == 253

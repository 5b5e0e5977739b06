"""The seed document, CRC/C/KAZ/CO/4 (plain text): expected values read from the document."""

import datetime

import pandas as pd
import pytest
from conftest import SEED

ITEMS = {  # paragraph -> its lettered sub-paragraphs, as printed
    3: "abcd", 4: "abcde", 5: "abc", 19: "abcd", 25: "abcde", 35: "abcd",
    37: "abc", 42: "abcd", 54: "abcd", 55: "abcd", 60: "abcdef", 61: "abcdef",
}

CLUSTER_A = "General measures of implementation (arts. 4, 42 and 44 (6))"
CLUSTER_B = "General principles (arts. 2, 3, 6 and 12)"
CLUSTER_C = "Violence against children (arts. 19, 24 (3), 28 (2), 34, 37 (a) and 39)"
CLUSTER_D = "Family environment and alternative care (arts. 5, 9-11, 18 (1 and 2), 20-21, 25 and 27 (4))"
CLUSTER_E = "Disability, basic health and welfare (arts. 6, 18 (3), 23, 24, 26, 27 (1-3) and 33)"
CLUSTER_F = "Education, leisure and cultural activities (arts. 28-31)"
CLUSTER_G = "Special protection measures (arts. 22, 30, 32-33, 35-36, 37 (b)-(d) and 38-40)"
OPSC = ("Follow-up to the Committee’s previous concluding observations and recommendations on the Optional "
        "Protocol on the sale of children, child prostitution and child pornography")
OPAC = ("Follow-up to the Committee’s previous concluding observations and recommendations on the Optional "
        "Protocol on the involvement of children in armed conflict")

# paragraph -> (cluster, heading) for section III, read from the document
SECTION_III = {
    7: (CLUSTER_A, None),
    **dict.fromkeys([8, 9], (CLUSTER_A, "Legislation")),
    **dict.fromkeys([10, 11], (CLUSTER_A, "Comprehensive policy and strategy")),
    **dict.fromkeys([12, 13], (CLUSTER_A, "Allocation of resources")),
    **dict.fromkeys([14, 15], (CLUSTER_A, "Data collection")),
    **dict.fromkeys([16, 17], (CLUSTER_A, "Independent monitoring")),
    **dict.fromkeys([18, 19], (CLUSTER_A, "Children’s rights and the business sector")),
    **dict.fromkeys([20, 21], (CLUSTER_B, "Non-discrimination")),
    **dict.fromkeys([22, 23], (CLUSTER_B, "Best interests of the child")),
    **dict.fromkeys([24, 25], (CLUSTER_B, "Respect for the views of the child")),
    **dict.fromkeys([26, 27], (CLUSTER_C, "Torture and other cruel or degrading treatment or punishment")),
    **dict.fromkeys([28, 29], (CLUSTER_C, "Corporal punishment")),
    **dict.fromkeys([30, 31], (CLUSTER_C, "Abuse and neglect")),
    **dict.fromkeys([32, 33], (CLUSTER_C, "Sexual exploitation and abuse")),
    **dict.fromkeys([34, 35], (CLUSTER_C, "Harmful practices")),
    **dict.fromkeys([36, 37], (CLUSTER_D, "Children deprived of a family environment")),
    **dict.fromkeys([38, 39], (CLUSTER_D, "Adoption")),
    **dict.fromkeys([40, 41], (CLUSTER_E, "Children with disabilities")),
    **dict.fromkeys([42, 43], (CLUSTER_E, "Health and health services")),
    **dict.fromkeys([44, 45], (CLUSTER_E, "Mental health")),
    **dict.fromkeys([46, 47], (CLUSTER_E, "Adolescent health")),
    **dict.fromkeys([48, 49], (CLUSTER_E, "Environmental health")),
    **dict.fromkeys([50, 51], (CLUSTER_E, "Standard of living")),
    **dict.fromkeys([52, 53], (CLUSTER_F, "Education, including vocational training and guidance")),
    **dict.fromkeys([54, 55], (CLUSTER_G, "Asylum-seeking and refugee children")),
    **dict.fromkeys([56, 57], (CLUSTER_G, "Economic exploitation, including child labour")),
    **dict.fromkeys([58, 59], (CLUSTER_G, "Sale, trafficking and abduction")),
    **dict.fromkeys([60, 61], (CLUSTER_G, "Administration of juvenile justice")),
    **dict.fromkeys([62, 63], (CLUSTER_G, OPSC)),
    64: (CLUSTER_G, OPAC),
    65: ("Ratification of the Optional Protocol on a communications procedure", None),
    66: ("Ratification of international human rights instruments", None),
}


def expected_kind(para: int) -> str:
    if para <= 2:
        return "intro"
    if para <= 6:
        return "positive"
    if para == 7 or para >= 65:
        return "recommendation"
    if para == 64:
        return "concern"
    return "concern" if para % 2 == 0 else "recommendation"


def test_metadata(seed_doc):
    m = seed_doc.meta
    expected = ("CRC/C/KAZ/CO/4", "CRC", "KAZ", "Kazakhstan", "4")
    assert (m.symbol, m.committee, m.state, m.state_name, m.cycle) == expected
    assert m.symbol_source == "inferred"  # the text does not print its symbol
    assert (m.year, m.date, m.session, m.language) == (2015, datetime.date(2015, 10, 2), 70, "en")
    assert (m.format, m.pages) == ("txt", None)


def test_paragraphs_are_numbered_1_to_69_in_order(seed_doc):
    own = seed_doc.paragraphs.query("sub == ''")
    assert own["para"].tolist() == list(range(1, 70))
    assert seed_doc.paragraphs["para"].is_monotonic_increasing


def test_lettered_items(seed_doc):
    table = seed_doc.paragraphs
    found = table[table["sub"] != ""].groupby("para")["sub"].agg("".join).to_dict()
    assert found == ITEMS
    assert table.loc[(table.para == 60) & (table["sub"] == "f"), "text"].item().startswith("(f) Relocation of children")


def test_columns_and_dtypes(seed_doc):
    import cobs

    table = seed_doc.paragraphs
    assert list(table.columns) == list(cobs.PARAGRAPH_COLUMNS)
    assert (table[["symbol", "committee", "state", "cycle", "language"]].drop_duplicates().values.tolist()
            == [["CRC/C/KAZ/CO/4", "CRC", "KAZ", "4", "en"]])
    assert table["page"].isna().all() and table["bold"].isna().all()  # plain text: no pages, no typography
    assert table["line"].notna().all()
    assert isinstance(table["kind"].dtype, pd.CategoricalDtype)


def test_sections(seed_doc):
    by_para = seed_doc.paragraphs.query("sub == ''").set_index("para")["section"]
    assert set(by_para[1:2]) == {"Introduction"}
    assert set(by_para[3:6]) == {"Follow-up measures taken and progress achieved by the State party"}
    assert set(by_para[7:66]) == {"Main areas of concern and recommendations"}
    assert set(by_para[67:69]) == {"Implementation and reporting"}


def test_cluster_and_heading_of_every_paragraph_of_section_iii(seed_doc):
    rows = seed_doc.paragraphs
    for para, (cluster, heading) in SECTION_III.items():
        got = rows.loc[rows.para == para, ["cluster", "heading"]].drop_duplicates()
        assert len(got) == 1, para
        assert got["cluster"].iloc[0] == cluster, para
        assert got["heading"].iloc[0] == heading if heading else pd.isna(got["heading"].iloc[0]), para


def test_missing_values_are_na_not_empty_strings(seed_doc):
    """A paragraph without a subheading or section has NA there; sub is "" for a paragraph's own text (a value)."""
    rows = seed_doc.paragraphs
    for column in ("section", "cluster", "heading"):
        assert isinstance(rows[column].dtype, pd.StringDtype), column
        assert not (rows[column] == "").any(), column
    assert rows.loc[rows.para <= 2, "section"].eq("Introduction").all()  # paragraphs 1-2 stand under "I. Introduction"
    assert rows.loc[rows.para == 7, "heading"].isna().all()  # para 7 opens cluster A before its first subheading
    assert rows.loc[rows.para <= 6, "cluster"].isna().all()  # sections I and II have no clusters
    assert rows["sub"].notna().all() and (rows["sub"] == "").sum() == 69


def test_section_iv_clusters(seed_doc):
    own = seed_doc.paragraphs.query("sub == ''").set_index("para")
    assert own.loc[67, "cluster"] == "Follow-up and dissemination"
    assert own.loc[68, "cluster"] == own.loc[69, "cluster"] == "Next report"


def test_kind_of_every_paragraph(seed_doc):
    rows = seed_doc.paragraphs
    got = dict(zip(rows["para"], rows["kind"], strict=False))
    assert got == {p: expected_kind(p) for p in range(1, 70)}
    # items inherit their paragraph's kind
    assert set(rows.loc[rows.para == 61, "kind"]) == {"recommendation"}
    assert set(rows.loc[rows.para == 60, "kind"]) == {"concern"}


def test_text_survives_extraction_artefacts(seed_doc):
    text = seed_doc.paragraphs.set_index(["para", "sub"])["text"]
    # a page break mid-sentence: the paragraph continues
    assert "the Committee is concerned that implementation of the State party’s legislation" in text[(8, "")]
    # line-end hyphens are real
    assert "torture and ill-treatment of children" in text[(26, "")]
    assert "cotton-harvesting" in text[(56, "")]
    # the adoption footnote that fell between paragraphs 3 and 4 is not in either
    assert "Adopted by" not in text[(3, "d")] and not text[(4, "")].startswith("4. * Adopted")
    assert text[(3, "d")].endswith("Especially Women and Children, in 2008.")
    # the chapeau keeps both its sentences
    assert text[(35, "")] == (
        "35. The Committee urges the State party to ensure that the minimum age of marriage, set at 18 years "
        "of age for both girls and boys, is enforced throughout the country. The Committee also recommends "
        "that the State party:"
    )


def test_footnote_and_set_aside(seed_doc):
    notes = seed_doc.footnotes
    assert notes["number"].tolist() == ["*"]
    assert notes["text"].item() == "Adopted by the Committee at its seventieth session (14 September -2 October 2015)."
    roles = seed_doc.set_aside.groupby("role")["text"].agg(list)
    assert roles["title"] == [
        "Committee on the Rights of the Child",
        "Concluding observations on the fourth periodic report of",
        "Kazakhstan*",
    ]
    assert roles["section"][:2] == [
        "I. Introduction", "II. Follow-up measures taken and progress achieved by the State"
    ]


def test_every_character_is_accounted_for(seed_doc):
    from collections import Counter

    source = SEED.read_text(encoding="utf-8")
    kept = "".join(seed_doc.paragraphs["text"]) + "".join(seed_doc.set_aside["text"])
    assert Counter(c for c in source if not c.isspace()) == Counter(c for c in kept if not c.isspace())


@pytest.mark.parametrize("para, sub, start", [(1, "", "1. The Committee considered"), (19, "d", "(d) Be guided by"),
                                              (69, "", "69. The Committee also invites")])
def test_rows_start_with_their_number(seed_doc, para, sub, start):
    rows = seed_doc.paragraphs
    assert rows.loc[(rows.para == para) & (rows["sub"] == sub), "text"].item().startswith(start)

"""What the seed's recommendations cite (cobs.citations and the functions of measures._citations)."""

import pytest

import cobs
from cobs.measures._citations import articles, general_comments, instruments, persistence, previous

GENERAL_COMMENTS = {
    15: {"CRC general comment No. 5 (2003)"}, 17: {"CRC general comment No. 2 (2002)"},
    19: {"CRC general comment No. 16 (2013)"}, 23: {"CRC general comment No. 14 (2013)"},
    25: {"CRC general comment No. 12 (2009)"}, 27: {"CRC general comment No. 13 (2011)"},
    29: {"CRC general comment No. 8 (2006)"}, 31: {"CRC general comment No. 13 (2011)"},  # the year from para 27
    35: {"CEDAW general recommendation No. 31 (2014)", "CRC general comment No. 18 (2014)"},
    41: {"CRC general comment No. 9 (2006)"}, 43: {"CRC general comment No. 15 (2013)"},
    47: {"CRC general comment No. 4 (2003)"}, 53: {"CRC general comment No. 1 (2001)"},
    55: {"CRC general comment No. 6 (2005)"}, 61: {"CRC general comment No. 10 (2007)"},
}
def test_general_comments_cited(measured):
    cited = measured.groupby("para")["general_comments"].agg(lambda x: set().union(*map(set, x)))
    assert cited[cited.map(len) > 0].to_dict() == GENERAL_COMMENTS


def test_earlier_cos_cited(seed_doc):
    found = cobs.citations(seed_doc.paragraphs).query("type == 'previous'")
    assert found[["para", "citation"]].values.tolist() == [
        [7, "CRC/C/KAZ/CO/3, paras. 15, 17, 21, 23, 29, 31, 42, 48"],
        [62, "CRC/C/OPSC/KAZ/CO/1"],
        [64, "CRC/C/OPAC/KAZ/CO/1, paras. 7, 15"],
    ]


def test_articles_cited_in_the_text(seed_doc):
    found = cobs.citations(seed_doc.paragraphs).query("type == 'article'")
    # para 22: "in accordance with article 3 of the Convention"; para 62: "articles 2 and 3 of the
    # Optional Protocol" are the protocol's, not the Convention's
    assert found[["para", "citation"]].values.tolist() == [[22, "3"]]


def test_instruments(measured):
    cited = measured.loc[measured.para == 65, "instruments"].item()
    assert cited == ["Optional Protocol on a communications procedure (CRC)"]
    assert "Paris Principles" in measured.loc[measured.para == 17, "instruments"].item()
    assert "World Health Organization" not in set(measured["instruments"].explode().dropna())


@pytest.mark.parametrize("text, expected", [
    ("arts. 5, 9-11, 18 (1 and 2), 20-21", ["5", "9", "10", "11", "18(1)", "18(2)", "20", "21"]),
    ("article 2 of the Optional Protocol and article 33 of the Charter", []),
    ("arts. 37 (b)-(d)", ["37(b)", "37(c)", "37(d)"]),
    ("arts. 6, 18 (3), 27 (1-3) and 33", ["6", "18(3)", "27(1)", "27(2)", "27(3)", "33"]),
])
def test_articles(text, expected):
    assert articles(text) == expected


def test_citation_functions():
    assert general_comments("general comments Nos. 3 and 4 (2016)", "CRPD") == [  # the year is No. 4's
        "CRPD general comment No. 3", "CRPD general comment No. 4 (2016)"]
    assert general_comments("general recommendation No. 35 of the Committee on the Elimination of Discrimination "
                            "against Women", "CRC") == ["CEDAW general recommendation No. 35"]
    assert previous("its previous concluding observations (CRPD/C/ESP/CO/1, para. 38)", "CRPD/C/ESP/CO/2-3") == [
        "CRPD/C/ESP/CO/1, para. 38"]
    assert previous("as in CRPD/C/ESP/CO/2-3, para. 4", "CRPD/C/ESP/CO/2-3") == []  # its own symbol
    assert instruments("who is responsible") == []
    assert persistence("The Committee is concerned that discrimination persists") == []


def test_articles_of_domestic_law_are_not_the_treaty_s(seed_doc):
    assert articles("the Civil Code (art. 39) and the Constitution, article 25") == []
    assert articles("in line with its guidelines on article 14 (2015)") == ["14"]

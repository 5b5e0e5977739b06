"""Measures of the seed's recommendations, checked against values read from the document."""

import pandas as pd
import pytest
from conftest import SEED

import cobs
from cobs.measures._actions import locate_action
from cobs.measures._citations import articles, general_comments, instruments, persistence, previous
from cobs.measures._themes import cluster_id, theme
from cobs.measures._wording import action_category, hedges, intensifiers, specificity_parts, time_bound

# The Committee's operative verbs of each recommendation paragraph, in order (own sentences, then items).
VERBS = {
    7: ["recommend"], 9: ["recommend"] * 2, 11: ["recommend"] * 2, 13: ["recommend"],
    15: ["urge", "recommend", "recommend"], 17: ["recommend"], 19: ["recommend"] * 5, 21: ["recommend"] * 2,
    23: ["recommend", "encourage"], 25: ["recommend"] * 5, 27: ["urge", "recommend"], 29: ["urge", "recommend"],
    31: ["recommend"] * 2, 33: ["recommend"] * 2, 35: ["urge"] + ["recommend"] * 4, 37: ["recommend"] * 3,
    39: ["urge", "urge"], 41: ["urge", "recommend", "recommend"], 43: ["recommend"] * 3, 45: ["recommend"],
    47: ["recommend"] * 2, 49: ["urge", "call upon"], 51: ["recommend"], 53: ["recommend"] * 2,
    55: ["recommend"] * 4, 57: ["recommend", "urge", "recommend"], 59: ["urge", "recommend"], 61: ["urge"] * 7,
    63: ["recommend"], 65: ["recommend"], 66: ["recommend"], 67: ["recommend"] * 2, 68: ["invite"], 69: ["invite"],
}
STRENGTH = {"urge": "urges", "recommend": "recommends", "encourage": "encourages", "call upon": "calls upon",
            "invite": "invites"}
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
CLUSTERS = {**dict.fromkeys(range(7, 20), "CRC-1"), **dict.fromkeys(range(20, 26), "CRC-3"),
            **dict.fromkeys(range(26, 36), "CRC-5"), **dict.fromkeys(range(36, 40), "CRC-6"),
            **dict.fromkeys(range(40, 52), "CRC-7"), **dict.fromkeys(range(52, 54), "CRC-8"),
            **dict.fromkeys(range(54, 65), "CRC-9"), 65: "CRC-OPIC", 66: "CRC-RAT", 67: "IMPL", 68: "IMPL", 69: "IMPL"}


@pytest.fixture(scope="module")
def measured(seed_doc):
    return cobs.measure(seed_doc.paragraphs)


def test_actions_cover_every_recommendation_paragraph(seed_doc, measured):
    recommendations = set(seed_doc.paragraphs.query("kind == 'recommendation'")["para"])
    assert set(measured["para"]) == recommendations == set(VERBS)
    assert not measured.duplicated(["symbol", "para", "sub", "clause"]).any()
    assert list(measured.columns) == list(cobs.ACTION_COLUMNS) + list(cobs.MEASURE_COLUMNS)


def test_operative_verb_and_strength_of_every_recommendation(measured):
    got = measured.groupby("para", sort=True)["verb"].agg(list).to_dict()
    assert got == VERBS
    expected = [STRENGTH[v] for para in sorted(VERBS) for v in VERBS[para]]
    assert measured.sort_values(["para", "sub", "clause"])["strength"].astype(str).tolist() == expected
    assert measured["strength"].cat.ordered
    assert measured["strength"].max() == "urges" and measured["strength"].min() == "invites"


def test_items_know_their_chapeau(measured):
    item = measured.set_index("ref").loc["CRC/C/KAZ/CO/4, para. 61 (a)"]
    assert item["chapeau"] == "In particular, the Committee urges the State party to:"
    assert item["text"] == "Adopt a comprehensive law that will regulate all aspects of the juvenile justice system;"
    assert item["action_verb"] == "adopt" and item["action_category"] == 5
    own = measured[(measured.para == 35) & (measured["sub"] == "")]
    assert own["text"].tolist() == [
        "The Committee urges the State party to ensure that the minimum age of marriage, "
        "set at 18 years of age for both girls and boys, is enforced throughout the country."
    ]


@pytest.mark.parametrize("ref, clause, verb, category", [
    ("CRC/C/KAZ/CO/4, para. 65", 1, "ratify", 5),  # "in order to further strengthen ..., ratify"
    ("CRC/C/KAZ/CO/4, para. 37 (a)", 1, "continue", 2),  # "Continue to support ..."
    ("CRC/C/KAZ/CO/4, para. 57", 3, "seek", 1),  # "seek technical assistance from ... the ILO"
    ("CRC/C/KAZ/CO/4, para. 7", 1, "take", 4),  # "take all measures necessary to address ..."
    ("CRC/C/KAZ/CO/4, para. 9", 2, "expedite", 4),  # as UPR Info coders code "Expedite ..." (129 of 130)
])
def test_action_verbs_and_categories(measured, ref, clause, verb, category):
    row = measured[(measured["ref"] == ref) & (measured["clause"] == clause)].iloc[0]
    assert (row["action_verb"], row["action_category"]) == (verb, category)


@pytest.mark.parametrize("text, verb, action", [
    ("Comply with the principle of non-refoulement", "comply", "Comply with the principle of non-refoulement"),
    ("Reply favourably to the requests of experts", "reply", "Reply favourably to the requests of experts"),
    ("Effectively apply the law on violence", "apply", "apply the law on violence"),  # an adverb is skipped
    ("Without further delay, ratify the Protocol", "ratify", "ratify the Protocol"),
    ("[Ratify] Particularly the Covenant", "ratify", "Ratify] Particularly the Covenant"),  # UPR Info's summaries
    ("Widen health care to vulnerable groups", "widen", "Widen health care to vulnerable groups"),  # not in the lexicon
    ("that supported decision-making structures be introduced", "", ""),  # a passive: no verb of the State
    # from the CRPD COs in ../shared: CHN/CO/1 para. 54, ARG/CO/1 para. 16, AZE/CO/1 para. 53, OMN/CO/1 para. 30 (a),
    # IDN/CO/1 para. 7 (a)
    ("Hong Kong, China, to revise the eligibility standard", "revise", "revise the eligibility standard"),
    ("that the State party should, as a priority, incorporate a disability perspective", "incorporate",
     "incorporate a disability perspective"),
    ("that the State party, within 12 months and in accordance with article 35, paragraph 2, of the Convention, "
     "provide information", "provide", "provide information"),
    ("Guided by the Committee's guidelines (see A/72/55, annex), repeal all legislation", "repeal",
     "repeal all legislation"),
    ("Recommends that the State party repeal or amend sections", "repeal", "repeal or amend sections"),
    # issue 7: fixed-width slicing took "that  it adopt" (two spaces) as ('t', 't adopt a law')
    ("that  it adopt a law", "adopt", "adopt a law"),
    ("that it\nadopt a law", "adopt", "adopt a law"),
    ("that   programmes be designed and the State party adopt a law", "", ""),
    ("that\tHong Kong, China, strengthen its laws", "strengthen", "strengthen its laws"),
])
def test_locate_action(text, verb, action):
    assert locate_action(text) == (verb, action)


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


def test_cluster_of_every_row(seed_doc, measured):
    table = seed_doc.paragraphs
    found = {p: cluster_id(c, "CRC", s)
             for p, c, s in zip(table["para"], table["cluster"], table["section"], strict=True)}
    assert found == {**dict.fromkeys(range(1, 7), ""), **CLUSTERS}  # sections I and II have no cluster
    assert dict(zip(measured["para"], measured["cluster_id"], strict=False)) == {p: CLUSTERS[p] for p in VERBS}


def test_themes_and_articles(measured):
    by_ref = measured.drop_duplicates("ref").set_index("ref")
    assert by_ref.loc["CRC/C/KAZ/CO/4, para. 29", "theme"] == "corporal punishment"
    assert by_ref.loc["CRC/C/KAZ/CO/4, para. 45", "theme"] == "mental health"
    assert by_ref.loc["CRC/C/KAZ/CO/4, para. 55 (a)", "theme"] == "asylum-seeking refugee and migrant children"
    assert by_ref.loc["CRC/C/KAZ/CO/4, para. 29", "cluster_articles"] == ["19", "24(3)", "28(2)", "34", "37(a)", "39"]
    assert by_ref.loc["CRC/C/KAZ/CO/4, para. 29", "articles"] == []  # the text cites no article



def test_articles_cited_in_the_text(seed_doc):
    found = cobs.citations(seed_doc.paragraphs).query("type == 'article'")
    # para 22: "in accordance with article 3 of the Convention"; para 62: "articles 2 and 3 of the
    # Optional Protocol" are the protocol's, not the Convention's
    assert found[["para", "citation"]].values.tolist() == [[22, "3"]]


def test_wording_measures(measured):
    para29 = measured[(measured.para == 29) & (measured.clause == 1)].iloc[0]
    assert para29["intensifiers"] == ["immediate", "explicitly", "in all its forms"]
    assert measured.set_index("ref").loc["CRC/C/KAZ/CO/4, para. 68", "time_bound"]  # "by 10 September 2021"
    assert measured[(measured.para == 37) & (measured["sub"] == "a")]["hedges"].item() == ["wherever possible"]
    assert measured[(measured.para == 48)].empty  # a concern: no action


def test_persistence_comes_from_the_concern_before(measured):
    # para 48: "The Committee is still concerned ... remains concerned"; para 49 recommends
    assert set(measured.loc[measured.para == 49, "persistence"].iloc[0]) == {"is still concerned", "remains concerned"}


def test_instruments(measured):
    cited = measured.loc[measured.para == 65, "instruments"].item()
    assert cited == ["Optional Protocol on a communications procedure (CRC)"]
    assert "Paris Principles" in measured.loc[measured.para == 17, "instruments"].item()
    assert "World Health Organization" not in set(measured["instruments"].explode().dropna())


def test_measure_rejects_other_tables():
    with pytest.raises(ValueError, match="columns missing"):
        cobs.measure(pd.DataFrame({"text": ["x"]}))


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


def test_wording_functions():
    assert intensifiers("as a matter of priority, without delay") == ["as a matter of priority", "without delay"]
    assert hedges("to the extent possible and within available resources") == ["to the extent possible",
                                                                              "within available resources"]
    assert action_category("criminalize") == 5 and action_category("envisaging") == 3 and action_category("xyz") is None
    assert specificity_parts("ensure that children are protected") == {"named": False, "number": False,
                                                                      "deadline": False, "group": False}
    assert time_bound("within 12 months") and not time_bound("in 12 regions")
    assert time_bound("with a clear timeline") and not time_bound("expand the time frame for claims")
    assert hedges("acts that may constitute torture") == []


def test_theme_and_cluster_functions():
    assert theme("Women with disabilities (art. 6)", committee="CRPD") == "women and girls"
    assert theme("Work and employment (art. 27)", committee="CRPD") == "work and employment"
    assert cluster_id("General principles and obligations (arts. 1–4)", "CRPD") == "CRPD-A"
    assert cluster_id("Something new (arts. 28 and 29)", "CRC") == "CRC-8"  # by its articles
    assert cluster_id("Something new", "CCPR") == ""


def test_theme_model_is_used_where_no_heading_gives_a_theme(seed_doc, tmp_path):
    """The wiring of measure(theme_model=...): a document stripped of its headings gets its themes from a
    ThemeClassifier; trained on the same texts, the model must give most themes back (its accuracy on
    unseen documents is measured by benchmarks/bench_theme.py, not here)."""
    headed = cobs.measure(seed_doc.paragraphs)
    assert set(headed["theme_source"].dropna()) == {"heading", "cluster"}
    assert headed.loc[headed["para"] == 7, "theme_source"].isna().all()  # para. 7 stands under no subheading
    bare = seed_doc.paragraphs.assign(heading="", cluster="")  # "" as a CSV round trip gives: read as missing
    assert cobs.measure(bare)["theme"].isna().all()
    training = headed[headed["theme_source"] == "heading"]
    texts = (training["chapeau"].fillna("") + " " + training["text"]).tolist()
    model = cobs.ThemeClassifier(random_state=0).fit(texts, training["theme"].tolist())
    predicted = cobs.measure(bare, theme_model=model)
    assert set(predicted["theme_source"]) == {"model"}
    known = headed["theme_source"].eq("heading").fillna(False).to_numpy(dtype=bool)
    agree = predicted["theme"].to_numpy()[known] == headed["theme"].to_numpy()[known]
    assert agree.mean() > 0.8  # the model has seen these texts: it must give most of their themes back
    with pytest.raises(ValueError, match="theme_model must be"):
        cobs.measure(bare, theme_model="guess")


def test_measuring_twice_gives_the_same_table(measured):
    again = cobs.measure(measured.assign(coder_1=""))
    pd.testing.assert_frame_equal(again.drop(columns=["coder_1", "persistence"]),
                                  measured.drop(columns=["persistence"]))  # persistence: no concern paragraphs


def test_specificity_parts_ignore_the_treaty_and_numbering():
    assert specificity_parts("implement the Convention in line with general comment No. 13 and article 19")[
        "named"] is False
    assert specificity_parts("implement the Convention in line with general comment No. 13 and article 19")[
        "number"] is False
    assert specificity_parts("adopt the Law on the Rights of the Child")["named"] is True
    assert specificity_parts("train 500 teachers")["number"] is True


def test_intensifiers_are_read_from_the_request(tmp_path):
    """'strongly' belongs to the operative verb (strength): the same request gets the same intensifiers
    whether it is a sentence of the paragraph or an item under a chapeau."""
    text = (SEED.read_text(encoding="utf-8").split("66. The Committee")[0]
            + "66. The Committee strongly recommends that the State party immediately ratify the Protocol.\n"
            + "67. The Committee strongly recommends that the State party:\n(a) Immediately ratify the Protocol.\n")
    path = tmp_path / "strongly.txt"
    path.write_text(text, encoding="utf-8")
    acts = cobs.measure(cobs.read_document(path).paragraphs).set_index("ref")
    own, item = acts.loc["CRC/C/KAZ/CO/4, para. 66"], acts.loc["CRC/C/KAZ/CO/4, para. 67 (a)"]
    assert own["intensifiers"] == item["intensifiers"] == ["immediately"]
    assert own["strength"] == item["strength"] == "urges"


@pytest.mark.parametrize("text, expected", [
    ("submit its next report no later than August 2014", True),
    ("by April 2016", True),
    ("adopt a strategy with specific targets, time frames and budgets", True),
    ("within a timeframe", True),
    ("expand the time frame for claims of compensation", False),
    ("in 12 regions", False),
])
def test_deadlines(text, expected):
    assert time_bound(text) is expected


def test_articles_of_domestic_law_are_not_the_treaty_s(seed_doc):
    assert articles("the Civil Code (art. 39) and the Constitution, article 25") == []
    assert articles("in line with its guidelines on article 14 (2015)") == ["14"]

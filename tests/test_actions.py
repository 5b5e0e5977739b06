"""Requested actions of the seed (cobs.actions, locate_action), checked against the document."""

import pytest

import cobs
from cobs.measures._actions import locate_action

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
    ("CRC/C/KAZ/CO/4, para. 57, third request", 3, "seek", 1),  # "seek technical assistance from ... the ILO"
    ("CRC/C/KAZ/CO/4, para. 7", 1, "take", 4),  # "take all measures necessary to address ..."
    ("CRC/C/KAZ/CO/4, para. 9, second request", 2, "expedite", 4),  # as UPR Info coders code "Expedite ..."
])
def test_action_verbs_and_categories(measured, ref, clause, verb, category):
    row = measured.set_index("ref").loc[ref]
    assert (row["clause"], row["action_verb"], row["action_category"]) == (clause, verb, category)


def test_each_action_has_its_own_ref(measured):
    """Issue 11: three actions read "CRC/C/KAZ/CO/4, para. 15"; a ref now names one action."""
    assert measured["ref"].is_unique
    assert measured.loc[measured.para == 15, "ref"].tolist() == [
        "CRC/C/KAZ/CO/4, para. 15", "CRC/C/KAZ/CO/4, para. 15, second request",
        "CRC/C/KAZ/CO/4, para. 15, third request"]
    assert measured.loc[measured.para == 15, "verb"].tolist() == ["urge", "recommend", "recommend"]
    items = measured[measured["sub"] != ""]
    assert (items["ref"] == [f"CRC/C/KAZ/CO/4, para. {p} ({s})" for p, s in zip(items.para, items["sub"],
                                                                                 strict=True)]).all()


def test_actions_carry_the_cycle_as_numbers(measured):
    assert (measured["cycle"] == "4").all()
    assert measured["cycle_first"].dtype == "Int64" and (measured["cycle_first"] == 4).all()
    assert (measured["cycle_last"] == 4).all()


def test_a_combined_cycle_and_a_missing_one(seed_doc):
    """CO/2-3 reviews cycles 2 and 3; a blank cycle (a CSV's empty cell) is missing, not an error."""
    import pandas as pd

    both = cobs.actions(seed_doc.paragraphs.assign(cycle="2-3"))
    assert (both["cycle_first"] == 2).all() and (both["cycle_last"] == 3).all()
    blank = cobs.actions(seed_doc.paragraphs.assign(cycle=pd.NA))
    assert blank["cycle_first"].isna().all() and blank["cycle_last"].isna().all() and len(blank) == len(both)


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


@pytest.mark.real_data
@pytest.mark.parametrize(
    ("name", "para", "expected"),
    [  # read in the PDFs: "7. The Committee: (a) Recommends ... (b) Recommends ... (c) Recommends ... (d) Encourages"
        ("Indonesia_2022_CRPD_C_IDN_CO_1.pdf", 7,
         {"a": "recommends", "b": "recommends", "c": "recommends", "d": "encourages"}),
        # "25. The Committee commends the State party for opposing ... and encourages it to raise its concerns"
        ("Poland_2018_CRPD_C_POL_CO_1.pdf", 25, {"": "encourages"}),
    ],
)
def test_the_committees_verb_in_its_items_or_after_a_commendation(name, para, expected):
    from conftest import shared_path

    acts = cobs.measure(cobs.read_document(shared_path("crpd-dashboard-pdfs", "concluding_observations", name)))
    got = acts[acts["para"] == para]
    assert dict(zip(got["sub"], got["strength"].astype(str), strict=True)) == expected

"""Groups of persons and SDGs: the lexicons, the word-level tags, the measure's columns (issue 19)."""

from __future__ import annotations

import csv
import re
import warnings
from importlib import resources

import pandas as pd
import pytest
from conftest import shared_path

import cobs
from cobs.measures.strings import groups, sdg_targets, sdgs
from cobs.reference import (
    GOALS,
    GROUPS,
    base_group,
    cited_goals,
    goal_name,
    group_name,
    issue_labels,
    named_groups,
    worded_goals,
)
from cobs.reference._lexicon import Lexicon, required_words
from cobs.reference._tags import _lexicon

DATA = resources.files("cobs").joinpath("data")


def _rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(DATA.joinpath(name).read_text(encoding="utf-8").splitlines()))


# -- the data files ------------------------------------------------------------------------------------------------

def test_vocabulary_is_ohchrs_2025_spelling():
    assert len(GROUPS) == len(set(GROUPS)) == 27
    for group in ("Children", "Women & girls", "Persons with disabilities", "Refugees & asylum seekers",
                  "Minorities/ racial, ethnic, linguistic, religious or descent-based groups",
                  "Roma, Gypsies, Sinti & Travellers", "Persons deprived of their liberty & detainees",
                  "Law enforcement / police & prison officials", "Public officials", "Vulnerable persons/groups"):
        assert group in GROUPS
    assert list(GOALS) == list(range(1, 18)) and goal_name(10) == "REDUCED INEQUALITIES"
    assert (base_group("CRC"), base_group("CRPD"), base_group("CAT")) == ("Children", "Persons with disabilities",
                                                                         None)


@pytest.mark.parametrize("name", ["groups.csv", "group_terms.csv", "sdgs.csv", "sdg_terms.csv", "theme_labels.csv",
                                  "upr_info_issue_labels.csv"])
def test_every_entry_has_a_note_and_no_stray_character(name):
    for row in _rows(name):
        assert row["note"].strip(), row
        for value in row.values():
            assert not re.search(r"[\x00-\x08\x0b-\x1f]", value), (name, value)  # a "\b" typed in a Python string


def test_lexicon_rows_name_known_labels():
    assert {r["group"] for r in _rows("group_terms.csv")} - {"(read past)"} <= set(GROUPS)
    for row in _rows("group_terms.csv") + _rows("sdg_terms.csv"):
        re.compile(row["pattern"], re.IGNORECASE)
    for row in _rows("sdg_terms.csv"):
        assert int(row["goal"]) in GOALS
        assert not row["target"] or re.fullmatch(rf"{row['goal']}\.(?:\d{{1,2}}|[a-c])", row["target"]), row
    themes = {r["theme"] for r in _rows("themes.csv")}
    labelled = _rows("theme_labels.csv")
    assert {r["theme"] for r in labelled} == themes  # every theme says which groups and goals it implies
    for row in labelled + _rows("upr_info_issue_labels.csv"):
        assert set(filter(None, row["groups"].split("|"))) <= set(GROUPS), row
        assert {int(g) for g in filter(None, row["sdgs"].split("|"))} <= set(GOALS), row
    issues = {r["issue"] for r in _rows("upr_info_issues.csv")}
    assert {r["issue"] for r in _rows("upr_info_issue_labels.csv")} == issues


def test_issue_labels_of_upr_info():
    assert issue_labels(["Rights of the Child", "Right to education"]) == (
        ["Children", "Educational staff & students"], [4, 16])
    assert issue_labels([]) == ([], [])
    with pytest.raises(ValueError, match="upr_info_issue_labels.csv"):
        issue_labels(["Rights of the Chlid"])


# -- the lexicon's shortcut ------------------------------------------------------------------------------------------

def test_required_words_of_an_alternative():
    assert required_words(r"\bchildren\s+in\s+(?:alternative|foster)\s+care\b") == (
        [("children", True), ("in", True), ("care", True)], [])
    assert required_words(r"\blabou?r\s+market\b")[0] == [("labo", True), ("market", True)]  # "u" may be missing
    assert required_words(r"(?-i:\bAIDS\b)")[0] == [("aids", True)]
    assert required_words(r"\b(?:unaccompanied|asylum-seeking)\s+children\b") == (
        [("children", True)], ["unaccompanied", "seeking"])
    assert required_words(r"\bchild(?:ren)?\b|x")[0] == [("child", True)]  # an optional group adds nothing


def test_every_alternative_of_the_lexicons_is_looked_up_by_a_word():
    lexicon = _lexicon()
    assert lexicon.unkeyed == []  # none searched in every text


def test_lexicon_finds_what_searching_every_pattern_finds(seed_doc):
    lexicon = _lexicon()
    texts = list(dict.fromkeys(cobs.measure(seed_doc.paragraphs)[["text", "chapeau", "heading"]].fillna("")
                               .to_numpy().ravel()))
    texts += ["Support street children, care leavers and Māori and Maori children.", "Teach Te Reo M.ori.",
              "Combat HIV and AIDS; aids.",
              "Ensure non-governmental organisations take part", "labor market and labour market"]
    for text in texts:
        assert lexicon.rows_matched(text) == lexicon.rows_matched_everywhere(text), text
    small = Lexicon([("x", r"\bfoo\s+bar\b"), ("y", r"\b(?:alpha|beta)\s+gamma\b")])
    assert [small.labels[r] for r in small.rows_matched("Beta gamma and foo  bar")] == ["x", "y"]
    assert small.rows_matched("foo and gamma") == []


@pytest.mark.real_data
def test_lexicon_shortcut_changes_nothing_on_the_crpd_corpus_and_the_lists():
    from cobs.read import read_thematic_list

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", cobs.corpus.CorpusWarning)
        table = cobs.read_corpus(shared_path("crpd-dashboard-pdfs", "concluding_observations"), progress=False)
    acts = cobs.measure(table)
    texts = set(acts[["text", "chapeau", "heading"]].fillna("").to_numpy().ravel())
    docs = shared_path("slovenia-upr-tracker", "docs")
    for path in sorted(docs.glob("*unoriginal/*hematic*.docx")):
        texts.update(read_thematic_list(path)["recommendation"])
    lexicon = _lexicon()
    differ = [t for t in texts if lexicon.rows_matched(t) != lexicon.rows_matched_everywhere(t)]
    assert len(texts) > 9000 and differ == []


# -- word-level tags ---------------------------------------------------------------------------------------------------

def test_groups_named_and_read_past():
    assert groups("Provide rehabilitation services for women and girls with disabilities", committee="CRPD") == [
        "Women & girls", "Persons with disabilities"]
    # "girls and boys" are all children; a list of disaggregation categories names no group
    assert groups("realize the rights of girls and boys with disabilities") == ["Children", "Persons with disabilities"]
    assert groups("the mortality of boys and girls") == ["Children"]
    assert groups("collect data disaggregated by age, sex, gender identity, ethnicity, migration status and urban "
                  "or rural location", committee="CRC") == ["Children"]
    # ... but what the action asks after the list is read
    assert "Civil society" in groups("data disaggregated by race, age and migrant status, and closely consult "
                                     "their representative organizations")
    assert groups("in both urban and rural areas") == []
    assert groups("women in rural areas") == ["Women & girls", "Persons living in rural areas"]
    # a quoted SDG target names its own groups
    assert groups("Recalling targets 11.2 (to provide access to transport for all, in particular for women and "
                  "children, older persons and persons with disabilities) and 11.7, the Committee recommends",
                  committee="CRC") == ["Children"]
    assert groups("Transmit the present concluding observations to the Government, the judiciary, the police and "
                  "the media.") == []
    assert groups("Train the police and judges") == ["Judges, lawyers and prosecutors",
                                                     "Law enforcement / police & prison officials"]
    assert groups("Ensure that civil servants are trained") == ["Public officials"]
    assert groups("Take measures to ensure that the State fulfils its obligations") == []  # no blanket label


def test_children_in_vulnerable_situations():
    for text in ("children in street situations", "unaccompanied and separated children", "Roma children",
                 "child victims of trafficking", "children deprived of a family environment",
                 "children in conflict with the law", "child labour", "vulnerable children"):
        assert "Children in vulnerable situations" in groups(text), text
    assert "Children in vulnerable situations" not in groups("inclusive education for children with disabilities")
    assert "Vulnerable persons/groups" not in groups("girls and children in vulnerable situations")
    assert "Vulnerable persons/groups" in groups("the most vulnerable groups")


def test_goals_and_targets_from_words_citations_and_themes():
    assert sdg_targets("register all children at birth and end child marriage") == ["5.3", "16.9"]
    assert sdg_targets("eliminate child labour and forced labour") == ["8.7"]
    assert sdg_targets("Be guided by article 13 in the implementation of target 16.3 of the Sustainable "
                       "Development Goals.") == ["16.3"]
    # a chapeau's cited targets give the goals, not the targets
    assert sdgs("Ensure that all persons with disabilities can vote", context="Recalling targets 5.1 and 5.5") == [5]
    assert sdg_targets("Ensure that all persons with disabilities can vote") == []
    assert sdgs("Ensure access to inclusive education", theme="education") == [4]
    assert sdg_targets("Adopt a plan", theme="access to justice") == ["16.3"]
    assert sdgs("Strengthen technical cooperation with UNICEF") == [17]
    assert cited_goals("in line with Sustainable Development Goals 3 and 5, and SDG 10") == ({3, 5, 10}, [])
    assert cited_goals("the international target of 0.7 per cent of gross national income") == (set(), [])
    assert worded_goals("data disaggregated by sex and migration status")[1] == ("17.18",)  # not 10.7 or 5
    assert sorted(named_groups("Protect Roma children")) == [
        "Children", "Children in vulnerable situations",
        "Minorities/ racial, ethnic, linguistic, religious or descent-based groups",
        "Roma, Gypsies, Sinti & Travellers"]
    # Māori as New Zealand's UPR report of 2014 prints it (the macron lost); "M-ori" or "Mxori" is no word of it
    assert named_groups("Promote Te Reo M.ori") == {"Indigenous peoples"} == named_groups("Consult Māori")
    assert named_groups("Promote Te Reo Mxori") == set()


def test_bad_arguments():
    with pytest.raises(TypeError, match="text"):
        groups(3)
    with pytest.raises(TypeError, match="context"):
        sdgs("x", context=["a"])
    with pytest.raises(ValueError, match="group of persons"):
        group_name("martians")
    with pytest.raises(ValueError, match="between 1 and 17"):
        goal_name(18)


# -- the measure -------------------------------------------------------------------------------------------------------

def test_measure_tags_every_action_of_the_seed(measured):
    assert measured["groups"].map(lambda g: g[:1] == ["Children"]).all()  # the CRC's base group, first
    assert measured["sdgs"].map(lambda g: g == sorted(set(g)) and set(g) <= set(GOALS)).all()
    acts = measured.set_index("ref")
    # para. 55 (a), under "Asylum-seeking and refugee children", cites the 1951 Convention on the Status of Refugees
    row = acts.loc["CRC/C/KAZ/CO/4, para. 55 (a)"]
    assert row["groups"] == ["Children", "Children in vulnerable situations", "Refugees & asylum seekers"]
    assert row["sdg_targets"] == ["10.7"] and 10 in row["sdgs"]
    # para. 61 (f), juvenile justice: "In cases where detention is unavoidable ..."
    row = acts.loc["CRC/C/KAZ/CO/4, para. 61 (f)"]
    assert set(row["groups"]) == {"Children", "Children in vulnerable situations", "Youth & juveniles",
                                  "Persons deprived of their liberty & detainees"}
    assert (row["sdgs"], row["sdg_targets"]) == ([16], ["16.3"])
    # para. 57, third request: technical assistance from the ILO's programme on child labour
    row = acts.loc["CRC/C/KAZ/CO/4, para. 57, third request"]
    assert (row["sdgs"], row["sdg_targets"]) == ([8, 17], ["8.7"])
    # para. 21: "adopt a definition of 'discrimination'"
    row = acts.loc["CRC/C/KAZ/CO/4, para. 21, second request"]
    assert (row["sdgs"], row["sdg_targets"]) == ([10, 16], ["10.3", "16.b"])
    # para. 45: suicide prevention among adolescents, school counsellors
    row = acts.loc["CRC/C/KAZ/CO/4, para. 45"]
    assert row["groups"] == ["Children", "Youth & juveniles", "Educational staff & students"]
    assert row["sdg_targets"] == ["3.4"]


def test_measure_tags_every_action_of_a_crpd_co():
    acts = cobs.measure(cobs.read_document("corpus/CRPD_C_AZE_CO_2-3.pdf"))
    assert acts["groups"].map(lambda g: "Persons with disabilities" in g).all()
    assert acts["groups"].map(lambda g: "Children" in g).sum() > 5  # children with disabilities (art. 7) and more
    women = acts[acts["theme"].eq("women and girls").fillna(False)]
    assert len(women) and women["groups"].map(lambda g: "Women & girls" in g).all()
    assert women["sdgs"].map(lambda g: 5 in g).all()


def test_measure_again_gives_the_same_tags(measured):
    again = cobs.measure(measured)
    for column in ("groups", "sdgs", "sdg_targets"):
        assert again[column].tolist() == measured[column].tolist()


def test_tags_back_from_csv(tmp_path, measured):
    path = tmp_path / "acts.csv"
    measured.assign(**{c: measured[c].map(lambda v: "; ".join(map(str, v))) for c in ("groups", "sdgs",
                                                                                        "sdg_targets")}
                    ).to_csv(path, index=False)
    back = cobs.read_table(path)
    assert back["sdgs"].tolist() == measured["sdgs"].tolist()  # int again
    assert back["groups"].tolist() == measured["groups"].tolist()
    frame = pd.DataFrame({"sdgs": ["[16, 10]", "4", None]})
    assert cobs.tables.conform(frame)["sdgs"].tolist() == [[16, 10], [4], []]


# -- the classifiers --------------------------------------------------------------------------------------------

TRAIN = [("Combat violence against women and girls", ["Women & girls"], [5, 16]),
         ("Protect migrant workers from exploitation", ["Migrants"], [8, 10]),
         ("Ensure that all children attend school", ["Children"], [4]),
         ("Adopt a national plan on gender equality", ["Women & girls"], [5]),
         ("Integrate migrants and refugees", ["Migrants", "Refugees & asylum seekers"], [10]),
         ("End corporal punishment of children", ["Children"], [16])] * 3


def test_classifiers_weigh_the_lexicon():
    from cobs.classify import GoalClassifier, GroupClassifier, LexiconFeatures

    texts = [t for t, _, _ in TRAIN]
    model = GroupClassifier(min_df=1, threshold=0.5, random_state=0).fit(texts, [g for _, g, _ in TRAIN])
    assert model.features_.get_feature_names_out()[-len(GROUPS):].tolist() == [f"lexicon__{g}" for g in GROUPS]
    explained = model.explain("Protect asylum-seeking women", label="Women & girls")
    assert "lexicon" in explained["features"].tolist()  # the lexicon's find weighs for the label
    # a text whose words the model never saw: only the lexicon speaks
    assert model.predict_labels(["Support mothers"]) == [["Women & girls"]]
    plain = GroupClassifier(lexicon=False, min_df=1, threshold=0.5, random_state=0).fit(texts,
                                                                                      [g for _, g, _ in TRAIN])
    assert plain.predict_labels(["Support mothers"]) == [[]]
    goals = GoalClassifier(min_df=1, threshold=0.5, random_state=0).fit(texts, [s for _, _, s in TRAIN])
    assert goals.classes_.tolist() == [4, 5, 8, 10, 16]
    assert LexiconFeatures(kind="goals").fit(["x"]).transform(["birth registration"]).toarray()[0, 15] == 1


def test_classifiers_refuse_labels_outside_the_vocabulary():
    from cobs.classify import GoalClassifier, GroupClassifier, LexiconFeatures

    texts = [t for t, _, _ in TRAIN]
    with pytest.raises(ValueError, match=r"y\[0\].*'women'.*group_name"):
        GroupClassifier(min_df=1).fit(texts, [["women"]] + [g for _, g, _ in TRAIN][1:])
    with pytest.raises(ValueError, match=r"y\[1\].*18"):
        GoalClassifier(min_df=1).fit(texts, [[5], [18]] + [s for _, _, s in TRAIN][2:])
    with pytest.raises(ValueError, match="kind"):
        LexiconFeatures(kind="themes").fit(texts)
    with pytest.raises(TypeError, match="lexicon"):
        GroupClassifier(lexicon="yes", min_df=1).fit(texts, [g for _, g, _ in TRAIN])


# -- align ---------------------------------------------------------------------------------------------------------

def test_align_rows_carry_both_sides_groups():
    import cobs.compare

    earlier, later = "corpus/CRPD_C_AZE_CO_1.pdf", "corpus/CRPD_C_AZE_CO_2-3.pdf"
    links = cobs.compare.align(earlier, later)
    acts = pd.concat([cobs.measure(cobs.read_document(p)) for p in (earlier, later)], ignore_index=True)
    of_paragraph = acts.groupby(["symbol", "para"])["groups"].agg(lambda rows: {g for r in rows for g in r})
    for row in links.itertuples():
        if row.status != "new":
            assert set(row.earlier_groups) == of_paragraph[(row.earlier_symbol, row.earlier_para)], row.earlier_ref
        else:
            assert row.earlier_groups == []
        if row.status != "dropped":
            assert set(row.later_groups) == of_paragraph[(row.later_symbol, row.later_para)], row.later_ref
        else:
            assert row.later_groups == []
    # CO/1 para. 13 asks for a ban on disability-based discrimination; CO/2-3 para. 12 repeats it and adds (c):
    # intersectional discrimination against minorities, older persons, rural, internally displaced, refugee and
    # asylum-seeking, LGBTIQ persons with disabilities
    row = links[(links["earlier_para"] == 13) & (links["later_para"] == 12)].iloc[0]
    assert row["earlier_groups"] == ["Persons with disabilities"]
    assert set(row["later_groups"]) - set(row["earlier_groups"]) == {
        "Refugees & asylum seekers", "Internally displaced persons", "Older persons", "Persons living in rural areas",
        "Minorities/ racial, ethnic, linguistic, religious or descent-based groups",
        "Lesbian, gay, bisexual and transgender and intersex persons (LGBTI)"}
    # CO/1 para. 19: "the mortality of boys and girls with disabilities" names children, not women and girls
    row = links[(links["earlier_para"] == 19) & (links["later_para"] == 16)].iloc[0]
    assert row["earlier_groups"] == row["later_groups"] == ["Children", "Persons with disabilities"]
    assert {"earlier_groups", "later_groups"} <= set(cobs.ALIGN_COLUMNS) <= set(links.columns)


def test_tally_counts_groups_and_goals_once_exploded(measured):
    with pytest.raises(ValueError, match=r"explode\('groups'\)"):
        cobs.tally(measured, "groups", by="symbol")
    counted = cobs.tally(measured.explode("sdgs"), "sdgs", by="symbol").set_index("category")
    sixteen = measured["sdgs"].map(lambda g: 16 in g)
    assert counted.loc["16", "count"] == sixteen.sum()
    assert sorted(counted.loc["16", "refs"]) == sorted(measured.loc[sixteen, "ref"])
    # an action without a goal is one row with a missing goal
    assert counted["count"][counted.index.isna()].sum() == (measured["sdgs"].map(len) == 0).sum()

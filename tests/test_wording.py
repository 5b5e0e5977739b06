"""How the seed's recommendations are worded: intensifiers, hedges, action category, specificity, deadlines."""

import pandas as pd
import pytest
from conftest import SEED

import cobs
from cobs.measures._wording import (
    action_category,
    action_category_of,
    hedges,
    intensifiers,
    specificity_parts,
    time_bound,
)


def test_wording_measures(measured):
    para29 = measured[(measured.para == 29) & (measured.clause == 1)].iloc[0]
    assert para29["intensifiers"] == ["immediate", "explicitly", "in all its forms"]
    assert measured.set_index("ref").loc["CRC/C/KAZ/CO/4, para. 68", "time_bound"]  # "by 10 September 2021"
    assert measured[(measured.para == 37) & (measured["sub"] == "a")]["hedges"].item() == ["wherever possible"]
    assert measured[(measured.para == 48)].empty  # a concern: no action


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


# --- the action category: the verb and UPR Info's principles (Database_Action_Category.pdf) ------------------------
@pytest.mark.parametrize("request_, expected", [
    # the verb alone
    ("Ratify the Optional Protocol", 5),
    ("Consider ratifying the Optional Protocol", 3),  # the first verb decides: considering
    ("Seek technical assistance from UNICEF", 1),
    ("analyse the data of the monograph", 3),  # rank 3 in UPR Info's definitions (the lexicon said 4)
    ("collect data on children with disabilities", 5),  # UPR Info's coders: 10 of 10 coded 5 (the lexicon said 4)
    # two opening verbs: the second counts after a continuing or considering verb
    ("Continue and strengthen its efforts to combat trafficking", 4),  # the verb alone: 2
    ("Review and amend the Criminal Code", 5),  # the verb alone: 3
    ("Continue, and further intensify, its programmes", 4),
    ("Establish and strengthen the Ombudsperson's office", 5),  # an act first: the first counts
    ("Continue to strengthen its efforts", 2),  # "continue to": continuing, as UPR Info's coders code it
    # a general action made specific by its means
    ("Improve women's rights by amending the family code", 5),
    ("Ensure the participation of children, including by establishing student councils", 5),
    ("Strengthen its legal framework, in particular through the adoption of a law on violence", 5),
    ("Strengthen its efforts by raising awareness", 4),  # a general means: still 4
    ("Strengthen its legislation in order to remove the requirement", 4),  # a purpose, not a means
    # openings whose category is not their verb's
    ("Adopt all necessary and effective measures to end child labour", 4),  # the verb alone: 5
    ("Implement measures to ensure the representation of women", 4),
    ("Adopt legislative and policy measures to support families", 5),
    ("put into effect the legislation on women with disabilities", 5),  # the verb alone: 4
    # take measures to V stays general (UPR Info's practice)
    ("take all measures necessary to prosecute and punish the perpetrators", 4),
    # no verb of the State: a passive or a noun names the act
    ("that measures be taken to prevent violence", 4),
    ("that the Criminal Code be amended and harmonized with the Convention", 5),
    ("the introduction of a comprehensive national plan of action", 5),
    ("that supported decision-making structures exist", None),  # nothing asked of the State that cobs can read
    ("transmogrify the system", None),  # a verb the lexicon does not know
])
def test_action_category_of(request_, expected):
    assert action_category_of(request_) == expected


def test_action_category_purpose_reads_take_measures_to_as_the_verb():
    assert action_category_of("take measures to abolish the age limit") == 4
    assert action_category_of("take measures to abolish the age limit", purpose=True) == 5
    assert action_category_of("take the steps necessary to revise national legislation", purpose=True) == 3
    assert action_category_of("take all appropriate measures to ensure access", purpose=True) == 4
    assert action_category_of("Adopt measures to criminalize marital rape", purpose=True) == 5


def test_action_category_of_an_item_completing_its_chapeau():
    chapeau = ("The Committee recommends that the State party adopt all necessary legislative and policy measures "
               "and allocate adequate resources in order to ensure that:")
    item = "Professionals in mainstream health services receive training on the rights enshrined in the Convention;"
    assert action_category_of(item) is None
    assert action_category_of(item, chapeau=chapeau) == 5  # the chapeau's act: legislative measures
    assert action_category_of(item, chapeau="The Committee recommends that the State party ensure that:") == 4
    # an item with a verb of its own keeps it
    assert action_category_of("Repeal the provisions on guardianship;", chapeau=chapeau) == 5
    # a chapeau that the item does not complete as a clause gives nothing
    assert action_category_of(item, chapeau="The Committee recommends that the State party:") is None


def test_measure_applies_the_principles(measured):
    acts = measured.set_index("ref")
    # "Take measures to abolish the age limit ... including by establishing systems ...": general, specific means
    assert acts.loc["CRC/C/KAZ/CO/4, para. 25 (a)", "action_verb"] == "take"
    assert acts.loc["CRC/C/KAZ/CO/4, para. 25 (a)", "action_category"] == 5
    # "... that the data and indicators be shared among the ministries ...": a passive; the act is sharing
    assert pd.isna(acts.loc["CRC/C/KAZ/CO/4, para. 15, second request", "action_verb"])
    assert acts.loc["CRC/C/KAZ/CO/4, para. 15, second request", "action_category"] == 1

"""How the seed's recommendations are worded: intensifiers, hedges, action category, specificity, deadlines."""

import pytest
from conftest import SEED

import cobs
from cobs.measures._wording import action_category, hedges, intensifiers, specificity_parts, time_bound


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

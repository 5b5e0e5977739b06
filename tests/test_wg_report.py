"""cobs.read.read_wg_report on the layouts of the UPR Working Group reports of ../shared (uprs-terman).

Each fixture is written from the shape of a real text (named in its test), not copied from it; the real_data test
reads all 262 texts.
"""

from __future__ import annotations

import re

import pytest
from conftest import shared_path

from cobs.read import read_wg_report
from cobs.read._wg_report import decode

_MASTHEAD = ("Report of the Working Group on the Universal Periodic Review* Costa Rica\n"
             "1. The Working Group on the Universal Periodic Review held its seventh session from 8 to 19 February "
             "2010.\n")


def _read(tmp_path, body, name="report.txt"):
    path = tmp_path / name
    path.write_text(_MASTHEAD + body, encoding="utf-8")
    return read_wg_report(path)


def _rows(report):
    return list(zip(report["number"], report["recommendation"], report["recommending_state"], report["response"],
                    strict=True))


@pytest.mark.parametrize("closing", [
    "107. All the conclusions and/or recommendations contained in the present report reflect the position of the "
    "submitting State(s).",  # "All the" (Albania 2014)
    "80. Conclusions and/or recommendations contained in the present report reflect the position of the submitting "
    "State(s).",  # no "All" (Nauru 2011)
    "94. The conclusions and/or recommendations contained in the present report reflect the positions ...",
    "Annex [English only] [end conclusions and/or recommendations] Composition of the delegation",  # Netherlands 2012
])
def test_the_section_is_the_heading_not_the_closing_paragraph(tmp_path, closing):
    """The last "Conclusions and/or recommendations" of a text was taken for the heading: 10 of the 13 texts refused
    were refused because their closing paragraph did not begin with "All conclusions"."""
    body = ("II. Conclusions and/or recommendations** 104. The recommendations formulated during the interactive "
            "dialogue and listed below have been examined by Costa Rica and enjoy the support of Costa Rica: "
            "104.1 Sign and ratify OP-ICESCR (Spain); 104.2 Ratify OP-ICESCR (Portugal) (Israel); "
            "** The conclusions and recommendations will not be edited. 104.3 Ratify ILO Convention No. 189 "
            "(Israel). " + closing)
    assert _rows(_read(tmp_path, body)) == [
        ("104.1", "Sign and ratify OP-ICESCR", "Spain", "Supported"),
        ("104.2", "Ratify OP-ICESCR", "Portugal, Israel", "Supported"),
        ("104.3", "Ratify ILO Convention No. 189", "Israel", "Supported"),
    ]


def test_a_first_cycle_list_whose_items_end_without_a_semicolon(tmp_path):
    """Mexico 2009: a chapeau without punctuation and items "(Morocco) 2. Consider"; Tunisia 2008: a chapeau ending
    with a full stop and "women. (Cuba) 2."; Jordan 2009: "(Afghanistan) 14."; a recommendation made by several
    States in one bracket ends at it. The parser read none of these lists (Mexico, Tunisia, Jordan refused; the
    United Kingdom's 2008 list of 28 items read as one)."""
    body = ("II. CONCLUSIONS AND/OR RECOMMENDATIONS 93. The recommendations listed below have been examined by "
            "Costa Rica and enjoy the support of Costa Rica 1. Continue to promote the ratification of ICRMW (Morocco) "
            "2. Harmonize federal and state laws with international instruments (Bolivia, Guatemala, Spain); "
            "Harmonize federal and state laws to ensure equal protection (Turkey) 3. Encourages Costa Rica to work "
            "closely with international human rights bodies. (Qatar, United Kingdom) 4. Further implement the "
            "national strategy for persons with disabilities (Afghanistan) 5. Submit periodic reports (Algeria); "
            "continue to cooperate with OHCHR (Saudi Arabia). 94. The following recommendations will be examined by "
            "Costa Rica. 1. Grant jurisdiction to its civil courts over acts of the military (Republic of Korea). "
            "95. All conclusions and/or recommendations contained in the present report reflect the position of the "
            "submitting State(s).")
    assert _rows(_read(tmp_path, body)) == [
        ("1", "Continue to promote the ratification of ICRMW", "Morocco", "Supported"),
        ("2", "Harmonize federal and state laws with international instruments", "Bolivia, Guatemala, Spain",
         "Supported"),
        ("2", "Harmonize federal and state laws to ensure equal protection", "Turkey", "Supported"),
        ("3", "Encourages Costa Rica to work closely with international human rights bodies.",
         "Qatar, United Kingdom", "Supported"),
        ("4", "Further implement the national strategy for persons with disabilities", "Afghanistan", "Supported"),
        ("5", "Submit periodic reports", "Algeria", "Supported"),
        ("5", "Continue to cooperate with OHCHR", "Saudi Arabia", "Supported"),
        ("1", "Grant jurisdiction to its civil courts over acts of the military", "Republic of Korea",
         "To be examined"),
    ]


def test_a_heading_without_or_and_a_section_without_closing_paragraph(tmp_path):
    """Belize 2009 heads its section "II. CONCLUSIONS AND RECOMMENDATIONS" (only its table of contents says
    "and/or", and the parser read the whole text from there); Tunisia 2008 has no closing paragraph: its last
    item ended in the annex."""
    body = ("CONTENTS II. CONCLUSIONS AND/OR RECOMMENDATIONS.............................. 67 -69 13 "
            "31. The delegation thanked the participants. 32. It said that: 1. Its Constitution protects rights. "
            "II. CONCLUSIONS AND RECOMMENDATIONS 67. The recommendations listed below enjoy the support of "
            "Costa Rica: 1. Look into the ratification of the Convention against Corruption (Netherlands); "
            "2. Ratify ICESCR (Turkey) III. VOLUNTARY COMMITMENTS OF THE STATE UNDER REVIEW 84. Reference is made "
            "to the commitments. Annex Composition of the delegation")
    assert _rows(_read(tmp_path, body)) == [
        ("1", "Look into the ratification of the Convention against Corruption", "Netherlands", "Supported"),
        ("2", "Ratify ICESCR", "Turkey", "Supported"),
    ]


def test_footnotes_and_comments_inside_a_list_are_no_part_of_a_recommendation(tmp_path):
    """Moldova 2011, Lesotho 2010, Sweden 2010: a footnote giving the recommendation "as read in the interactive
    dialogue" lands after an item (Lesotho's 97.9 took Chad, named in such a note, as its State); "(Brazil)1" and
    "victims5 (Austria)": footnote markers; Estonia 2011: "(Bosnia and Herzegovina); 80. The recommendations
    below ..." took the next paragraph's chapeau into the last item; Dominican Republic 2010: "(Canada): The
    Dominican Republic does not accept ..." (a comment after the State)."""
    body = ("II. Conclusions and/or recommendations 73. The recommendations listed below enjoy the support of "
            "Costa Rica: 73.1. Prevent crimes against children, especially sexual harassment3 (Poland); 3 The "
            "recommendation as read in the interactive dialogue: Undertake efforts to prevent child labour (Chad). "
            "73.2. Pursue initiatives in the area of housing (Brazil)1 73.3. Ensure adequate compensation for "
            "victims5 (Austria); 73.4. Raise the age of criminal responsibility (Bosnia and Herzegovina); 74. The "
            "recommendations below did not enjoy the support of Costa Rica: 74.1. Abolish the death penalty (France). "
            "75. All conclusions and/or recommendations contained in the present report reflect the position of the "
            "submitting State(s).")
    assert _rows(_read(tmp_path, body)) == [
        ("73.1", "Prevent crimes against children, especially sexual harassment", "Poland", "Supported"),
        ("73.2", "Pursue initiatives in the area of housing", "Brazil", "Supported"),
        ("73.3", "Ensure adequate compensation for victims", "Austria", "Supported"),
        ("73.4", "Raise the age of criminal responsibility", "Bosnia and Herzegovina", "Supported"),
        ("74.1", "Abolish the death penalty", "France", "Noted"),
    ]
    body = ("II. Conclusions and/or recommendations 89. The recommendations below did not enjoy the support of Costa "
            "Rica, and Costa Rica offers the following comments: 1. Ensure that appropriate legal frameworks are in "
            "place (Canada): Costa Rica does not accept this recommendation, since nationality is established in its "
            "Constitution; 2. Apply consistent citizenship policies (Canada). 90. All conclusions and/or "
            "recommendations contained in the present report reflect the position of the submitting State(s).")
    assert _rows(_read(tmp_path, body)) == [
        ("1", "Ensure that appropriate legal frameworks are in place", "Canada", "Noted"),
        ("2", "Apply consistent citizenship policies", "Canada", "Noted"),
    ]


def test_misprinted_numbers_of_a_dotted_list(tmp_path):
    """Algeria 2012 prints "128.12" between 129.11 and 129.13 (Australia 2011 "85.75", Japan 2012 "146.18"): the
    paragraph it stands in; Slovakia 2014 prints "(Spain);110.44.Take" (no space): 110.44 was joined to 110.43."""
    body = ("II. Conclusions and/or recommendations 129. The following recommendations will be examined by Costa "
            "Rica: 129.11 Implement the recommendations of the Special Rapporteur (France); 128.12 Review its "
            "legislation and practices (Netherlands); 129.13 Strengthen laws to protect the family (Egypt);"
            "129.14.Take actions to combat discrimination (Thailand). 130. All conclusions and/or recommendations "
            "contained in the present report reflect the position of the submitting State(s).")
    got = _read(tmp_path, body)
    assert got["number"].tolist() == ["129.11", "129.12", "129.13", "129.14"]
    assert set(got["para"]) == {129}
    assert got["recommending_state"].tolist() == ["France", "Netherlands", "Egypt", "Thailand"]


def test_the_explanations_of_the_state_are_no_recommendations(tmp_path):
    """Burundi 2009 and Monaco 2009 number the State's explanations ("NOTE 1. With regard to recommendations ...");
    a numbered list that names no recommending State is not read."""
    body = ("II. Conclusions and/or recommendations 81. The recommendations listed below enjoy the support of Costa "
            "Rica: 1. Revoke the Ministerial Order restricting political assembly (Canada). 82. The recommendations "
            "in paragraphs 26 (e) and 29 above did not enjoy the support of Costa Rica: NOTE 1. With regard to "
            "recommendations concerning special procedures included under paragraphs 26 (e) (Czech Republic) and "
            "29 (Latvia), Costa Rica indicated that it will establish a national institution. 2. The recommendation "
            "under paragraph 64 (d) (Chile) was not supported because it is already implemented. 83. All conclusions "
            "and/or recommendations contained in the present report reflect the position of the submitting State(s).")
    assert _rows(_read(tmp_path, body)) == [
        ("1", "Revoke the Ministerial Order restricting political assembly", "Canada", "Supported")]


def test_a_section_without_a_numbered_list_is_refused_with_the_file_named(tmp_path):
    body = ("II. Conclusions and/or recommendations 67. The recommendations made during the interactive dialogue "
            "will be examined by Costa Rica. 68. All conclusions and/or recommendations contained in the present "
            "report reflect the position of the submitting State(s).")
    with pytest.raises(ValueError, match=r"empty\.txt: no numbered recommendation found after 'Conclusions"):
        _read(tmp_path, body, "empty.txt")


@pytest.mark.real_data
def test_every_working_group_report_of_the_shared_folder_is_read():
    """All 262 texts of uprs-terman: each read; each paragraph lists its items 1..n without a gap (n the highest
    number read, equal to the highest number the text prints for a dotted list), none empty; the recommending State
    found for all but 7 of 31,701 recommendations; responses in the expected set ("" where the paragraph gives no
    answer: "In the course of the discussion, the following recommendations were made to Azerbaijan:", 2008-2009).

    The exceptions, each checked against its text: Cambodia 2014 prints no 118.109 (118.108 is followed by 118.110);
    the 7 without a State are listed with the reason."""
    folder = shared_path("uprs-terman", "upr-wg-report-txts")
    paths = sorted(folder.glob("*.txt"))
    assert len(paths) == 262
    gaps, no_state, total = [], set(), 0
    for path in paths:
        report = read_wg_report(path)  # raises for a text it cannot read
        total += len(report)
        assert report["recommendation"].str.strip().ne("").all(), path.name
        assert set(report["response"]) <= {"Supported", "Noted", "To be examined", ""}, path.name
        flat = re.sub(r"\s+", " ", decode(path.read_bytes()))
        for para, rows in report.groupby("para"):
            numbers = {int(number.rsplit(".", 1)[-1]) for number in rows["number"]}
            if numbers != set(range(1, max(numbers) + 1)):
                gaps.append((path.stem, para, sorted(set(range(1, max(numbers) + 1)) - numbers)))
            if "." in rows["number"].iloc[0]:
                printed = {int(n) for n in re.findall(rf"(?<![\w.]){para}\.(\d{{1,3}})(?:\.?\s|\.[A-Z])", flat)}
                assert max(numbers) == max(printed), (path.stem, para)
        no_state |= {(path.stem, number) for number in report.loc[report["recommending_state"] == "", "number"]}
    assert gaps == [("cambodia2014", 118, [109])]
    assert total == 31701
    assert no_state == {
        ("austria2011", "92.2"),  # "Sign (Uganda) and ratify (Costa Rica, Netherlands, Sweden, Uganda) OP-CAT"
        ("belgium2011", "100.9"),  # a bracket of 20 States, longer than a bracket naming States is taken to be
        ("slovakia2009", "2"),  # "(Argentina, Croatia, Azerbaijan, Czech Republic))": a bracket too many
        # a footnote's text without the "N The recommendation as read ..." that begins it lands after the item
        ("maldives2011", "100.102"), ("srilanka2012", "127.27"), ("uganda2011", "113.17"), ("vanuatu2014", "99.15"),
    }

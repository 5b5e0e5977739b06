"""The paragraph grammar on small literal documents (plain text)."""

import textwrap

import pandas as pd
import pytest
from conftest import SEED

import cobs
from cobs.errors import ParseError, TruncatedDocumentError

HEAD = """\
Committee on the Rights of the Child
Concluding observations on the combined fifth and sixth periodic reports of Georgia*
I. Introduction
1. The Committee considered the combined fifth and sixth periodic reports of Georgia
(CRC/C/GEO/5-6) at its 2400th and 2401st meetings, held on 1 and 2 May 2019, and adopted the
present concluding observations at its 2410th meeting, held on 8 May 2019.
* Adopted by the Committee at its eighty-first session (13-31 May 2019).
II. Positive aspects
2. The Committee welcomes the adoption of the Code on the Rights of the Child in 2019.
III. Main areas of concern and recommendations
"""


def read(tmp_path, body: str, name: str = "co.txt"):
    path = tmp_path / name
    path.write_text(HEAD + textwrap.dedent(body), encoding="utf-8")
    return cobs.read_document(path)


def rows(doc):
    return [(r.para, r.sub) for r in doc.paragraphs.itertuples()]


def test_metadata_from_title_and_first_paragraph(tmp_path):
    doc = read(tmp_path, """\
        3. The Committee recommends that the State party ratify the Optional Protocol.
        """)
    m = doc.meta
    assert (m.symbol, m.state, m.cycle, m.year, m.session) == ("CRC/C/GEO/CO/5-6", "GEO", "5-6", 2019, 81)
    assert str(m.date) == "2019-05-08"


def test_wrapped_cluster_heading_and_citation_on_a_new_line(tmp_path):
    doc = read(tmp_path, """\
        A. Violence against children (arts. 19, 24 (3), 28 (2), 34, 37
        (a) and 39)
        Corporal punishment
        3. The Committee is concerned that corporal punishment is lawful in the home.
        4. The Committee urges the State party to:
        (a) Prohibit corporal punishment in all settings;
        (b) Promote positive forms of discipline.
        """)
    table = doc.paragraphs
    assert rows(doc) == [(1, ""), (2, ""), (3, ""), (4, ""), (4, "a"), (4, "b")]
    assert set(table.loc[table.para >= 3, "cluster"]) == {
        "Violence against children (arts. 19, 24 (3), 28 (2), 34, 37 (a) and 39)"}
    assert set(table.loc[table.para >= 3, "heading"]) == {"Corporal punishment"}
    assert table.set_index("para").loc[3, "kind"] == "concern"


def test_numbers_and_letters_are_taken_only_in_sequence(tmp_path):
    doc = read(tmp_path, """\
        3. The Committee notes the decision of the Supreme Court adopted on 10 July
        2008. It recommends that the State party apply it, recalling article 37
        (a) of the Convention, and that it take measures under
        4. The Committee recommends that the State party:
        (a) Adopt a law;
        (c) this line is not item c because item b has not come;
        (b) Fund the law.
        """)
    assert rows(doc) == [(1, ""), (2, ""), (3, ""), (4, ""), (4, "a"), (4, "b")]
    text = doc.paragraphs.set_index(["para", "sub"])["text"]
    assert "10 July 2008. It recommends" in text[(3, "")]
    assert "article 37 (a) of the Convention" in text[(3, "")]
    assert text[(4, "a")].endswith("(c) this line is not item c because item b has not come;")


def test_text_after_the_last_item_belongs_to_the_paragraph(tmp_path):
    doc = read(tmp_path, """\
        3. The Committee welcomes the adoption of:
        (a) The Child Code, in 2019;
        (b) The Juvenile Justice Code, in 2015;
        The Committee also welcomes the amendments to the Family Code.
        """)
    text = doc.paragraphs.set_index(["para", "sub"])["text"]
    assert text[(3, "b")] == "(b) The Juvenile Justice Code, in 2015;"
    assert text[(3, "")].endswith("The Committee also welcomes the amendments to the Family Code.")


def test_roman_subitems_stay_in_their_item_and_letter_i_follows_h(tmp_path):
    items = "\n".join(f"({c}) Item {c};" for c in "abcdefgh")
    doc = read(tmp_path, f"""\
3. The Committee recommends that the State party:
{items}
(i) Item i, which is a letter here;
(j) Ensure, inter alia:
(i) a roman sub-item;
(ii) another one.
""")
    subs = [s for p, s in rows(doc) if p == 3]
    assert subs == ["", *"abcdefghij"]
    text = doc.paragraphs.set_index(["para", "sub"])["text"]
    assert text[(3, "j")] == "(j) Ensure, inter alia: (i) a roman sub-item; (ii) another one."


def test_headings_wrapped_over_lines_and_page_breaks_mid_sentence(tmp_path):
    doc = read(tmp_path, """\
        D. Family environment and alternative care (arts. 5, 9-11, 18 (1 and 2), 20-
        21, 25 and 27 (4))
        Follow-up to the Committee’s previous concluding observations and
        recommendations on the Optional Protocol on the sale of children
        3. The Committee is concerned that
        CRC/C/GEO/CO/5-6
        GE.19-09876
        2
        the number of children in institutions remains high and that ill-
        treatment occurs.
        4. The Committee recommends that the State party end institutionalization.
        """)
    table = doc.paragraphs.set_index("para")
    assert table.loc[3, "cluster"] == ("Family environment and alternative care (arts. 5, 9-11, 18 (1 and 2), 20-21, "
                                       "25 and 27 (4))")
    assert table.loc[3, "heading"] == ("Follow-up to the Committee’s previous concluding observations and "
                                       "recommendations on the Optional Protocol on the sale of children")
    assert table.loc[3, "text"] == ("3. The Committee is concerned that the number of children in institutions remains "
                                    "high and that ill-treatment occurs.")
    roles = doc.set_aside.set_index("text")["role"]
    assert roles["CRC/C/GEO/CO/5-6"] == "running" and roles["2"] == "page_number"


def test_numbered_footnotes_in_plain_text(tmp_path):
    doc = read(tmp_path, """\
        3. The Committee recalls its previous recommendations1 and is concerned about:
        (a) Child labour;2
        1 CRC/C/GEO/CO/4, para. 12.
        2
        See ILO Convention No. 182.
        (b) Child marriage.
        """)
    notes = doc.footnotes.set_index("number")
    assert notes.loc["1", "text"] == "CRC/C/GEO/CO/4, para. 12." and notes.loc["1", "para"] == 3
    assert notes.loc["2", "text"] == "See ILO Convention No. 182." and notes.loc["2", "sub"] == "a"
    text = doc.paragraphs.set_index(["para", "sub"])["text"]
    assert "recommendations and is concerned" in text[(3, "")]
    assert text[(3, "a")] == "(a) Child labour;" and text[(3, "b")] == "(b) Child marriage."


def test_old_style_lettered_sections_and_numbered_clusters(tmp_path):
    path = tmp_path / "old.txt"
    path.write_text(textwrap.dedent("""\
        Committee on the Rights of the Child
        Concluding observations: Georgia
        A. Introduction
        1. The Committee considered the initial report of Georgia (CRC/C/41/Add.4) at its meetings held on
        2 and 3 June 2000, and adopted the following concluding observations at its 650th meeting, held on
        9 June 2000.
        B. Principal subjects of concern and recommendations
        1. General measures of implementation (arts. 4, 42 and 44, para. 6, of the Convention)
        Legislation
        2. The Committee is concerned that legislation is not in full conformity with the Convention.
        3. The Committee recommends that the State party review its legislation.
        """), encoding="utf-8")
    doc = cobs.read_document(path)
    table = doc.paragraphs.set_index("para")
    assert table.loc[2, "section"] == "Principal subjects of concern and recommendations"
    assert table.loc[2, "cluster"] == ("General measures of implementation (arts. 4, 42 and 44, para. 6, of the "
                                       "Convention)")
    assert table.loc[3, "heading"] == "Legislation"
    assert doc.meta.symbol == "CRC/C/GEO/CO/1" and doc.meta.date.isoformat() == "2000-06-09"


def test_a_gap_in_the_numbering_is_an_error_not_a_merged_paragraph(tmp_path):
    with pytest.raises(ParseError,
                       match=r"co\.txt: paragraph numbering breaks at line \d+: a paragraph 5 follows paragraph 3"):
        read(tmp_path, """\
            3. The Committee is concerned about child labour.
            5. The Committee recommends that the State party end child labour.
            """)


def test_a_document_that_stops_mid_sentence_is_truncated(tmp_path):
    with pytest.raises(TruncatedDocumentError, match=r"co\.txt: the document stops in the middle of paragraph 3"):
        read(tmp_path, """\
            3. The Committee recommends that the State party adopt a comprehensive
            """)


def test_uganda_style_heading_glued_to_paragraph_one(tmp_path):
    path = tmp_path / "glued.txt"
    path.write_text(textwrap.dedent("""\
        Committee on the Rights of Persons with Disabilities
        Concluding observations on the initial report of Uganda*
        1. IntroductionThe Committee considered the initial report of Uganda (CRPD/C/UGA/1) at its 248th
        meeting. It adopted the present concluding observations at its 262nd meeting, held on 18 April 2016.
        II. Positive aspects
        2. The Committee welcomes the measures taken by the State party.
        """), encoding="utf-8")
    doc = cobs.read_document(path)
    first = doc.paragraphs.iloc[0]
    assert first.text.startswith("1. The Committee considered") and first.section == "Introduction"
    assert doc.paragraphs.iloc[1].section == "Positive aspects"


def test_plain_text_footnote_rules_do_not_eat_body_lines(tmp_path):
    doc = read(tmp_path, """\
        3. The Committee is concerned that, despite the Law on Education,1 an estimated
        1 million children remain out of school.
        4. The Committee recommends that the State party implement the Law, as it did under
        CRC/C/GEO/CO/4/Add.1, adopted on
        2 February 2017, and report on it.
        1 Law No. 12 of 2019.
        """)
    text = doc.paragraphs.set_index(["para", "sub"])["text"]
    assert text[(3, "")].endswith("an estimated 1 million children remain out of school.")
    assert text[(4, "")].endswith("CRC/C/GEO/CO/4/Add.1, adopted on 2 February 2017, and report on it.")
    assert doc.footnotes.set_index("number").loc["1", "text"] == "Law No. 12 of 2019."
    assert doc.footnotes.set_index("number").loc["1", "para"] == 3


# --- a CO without the heading of its main section (issue 11) ---------------------------------------

SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()
MAIN_HEADING = "III. Main areas of concern and recommendations"


def _without(tmp_path, name, *, drop=(), replace=()):
    lines = [line for line in SEED_LINES if line.strip() not in drop]
    text = "\n".join(lines)
    for old, new in replace:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return cobs.read_document(path)


def test_a_lettered_cluster_with_articles_starts_the_concerns_section(tmp_path, seed_doc):
    """Before: without its section III heading the seed had 57 recommendations and 43 concerns read as positive
    aspects, and measure found 4 actions instead of 79."""
    doc = _without(tmp_path, "no_iii.txt", drop={MAIN_HEADING})
    pd.testing.assert_series_equal(doc.paragraphs["kind"], seed_doc.paragraphs["kind"])
    assert len(cobs.measure(doc.paragraphs)) == 79
    own = doc.paragraphs.query("sub == ''").set_index("para")
    assert own.loc[6, "section"] == "Follow-up measures taken and progress achieved by the State party"
    assert own.loc[7:66, "section"].isna().all()  # the document prints no title for them: none is invented
    assert own.loc[7, "cluster"].startswith("General measures of implementation (arts. 4, 42")
    assert own.loc[67, "section"] == "Implementation and reporting"


def test_the_positive_section_does_not_override_what_a_paragraph_plainly_says(tmp_path, seed_doc):
    """The first cluster without its articles as well: its paragraphs stand under "Positive aspects", and their
    own wording (the Committee recommends; is concerned) decides."""
    doc = _without(tmp_path, "no_iii_no_arts.txt", drop={MAIN_HEADING}, replace=[(
        "A. General measures of implementation (arts. 4, 42 and 44 (6))", "A. General measures of implementation")])
    own = doc.paragraphs.query("sub == ''").set_index("para")
    assert (own.loc[7:19, "section"] == "Follow-up measures taken and progress achieved by the State party").all()
    pd.testing.assert_series_equal(doc.paragraphs["kind"], seed_doc.paragraphs["kind"])


@pytest.mark.parametrize("text, kind", [
    ("The Committee is concerned that the new law has not been implemented.", "concern"),
    ("The Committee recommends that the State party adopt a comprehensive law.", "recommendation"),
    # appreciation with a request: a positive aspect (CRPD/C/AZE/CO/1, para. 6; CRPD/C/LUX/CO/1, para. 4)
    ("The Committee further commends the State party for establishing a working group and encourages it to "
     "maintain the working group.", "positive"),
    ("The Committee welcomes the adoption of the Code on the Rights of the Child.", "positive"),
])
def test_kind_in_a_positive_section(text, kind):
    from cobs.structure import kind_from_wording

    assert kind_from_wording(text, "Positive aspects") == kind

"""cobs.compare.align on the shape of CRC COs: reporting clusters, older layouts, citations of earlier COs.

No earlier CRC CO of Kazakhstan is at hand (../shared holds CRPD COs), so the earlier cycles are written
here, as the Committee laid them out (../shared/DOMAIN.md): CRC/C/KAZ/CO/3 (2007) with numbered clusters
under "C. Principal subjects of concern and recommendations" and subheadings; CRC/C/15/Add.213 (2003) in
the older layout with numbered clusters and no subheadings. Their wording is written for these tests, on
the topics the seed (CRC/C/KAZ/CO/4, the real CO) cites or takes up; the seed's own citations of CO/3
paragraphs (para. 7: "coordination (para. 15), independent monitoring (para. 17), ...") fix where those
topics stand in the constructed CO/3.
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import ROOT

import cobs
from cobs.compare import align

SEED = ROOT / "corpus" / "CRC_C_KAZ_CO_4.txt"

# (cluster heading or None, subheading or None, concern or None, recommendation)
_CO3 = [
    ("1. General measures of implementation (arts. 4, 42 and 44, para. 6, of the Convention)",
     "The Committee's previous recommendations",
     "The Committee notes that some of the concerns and recommendations made upon the consideration of the State "
     "party's initial report (CRC/C/15/Add.213) have been addressed, but regrets that others have not.",
     "The Committee urges the State party to address those recommendations of its concluding observations on the "
     "initial report that have not yet been implemented, in particular those on coordination (CRC/C/15/Add.213, "
     "para. 12) and data collection (CRC/C/15/Add.213, para. 16)."),
    (None, "Legislation",
     "The Committee notes the adoption of the Law on the Rights of the Child but is concerned that it is not "
     "enforced consistently.",
     "The Committee recommends that the State party ensure that its legislation is fully in conformity with the "
     "Convention and that the Law on the Rights of the Child is effectively enforced."),
    (None, "National plan of action",
     "The Committee is concerned that the State party has no comprehensive plan of action for children.",
     "The Committee recommends that the State party adopt a national plan of action for children covering all "
     "areas of the Convention, with clear targets and a timetable."),
    (None, "Allocation of resources",
     "The Committee is concerned that the budget allocated to children's health, education and social protection "
     "remains low.",
     "The Committee recommends that the State party increase budget allocations for the implementation of "
     "children's rights and make it possible to track them in the national and local budgets."),
    (None, "Cooperation with civil society", None,
     "The Committee recommends that the State party involve non-governmental organizations systematically in "
     "all stages of the implementation of the Convention."),
    (None, "Training", None,
     "The Committee recommends that the State party train judges, police, teachers and social workers on the "
     "rights of the child."),
    (None, "Coordination",
     "The Committee is concerned that the Commission on the Rights of the Child lacks the authority and the "
     "resources to coordinate the implementation of the Convention among ministries and regions.",
     "The Committee recommends that the State party strengthen the Commission on the Rights of the Child and give "
     "it the mandate and the human and financial resources to coordinate all activities for the implementation of "
     "the Convention at the national and local levels."),
    (None, "Independent monitoring",
     "The Committee notes the appointment of a Human Rights Commissioner but regrets that there is no independent "
     "institution with a specific mandate for children's rights.",
     "The Committee recommends that the State party establish an independent ombudsman for children, in "
     "accordance with the Paris Principles, able to receive and investigate complaints from children."),
    (None, "International cooperation",
     "The Committee notes the cooperation of the State party with UNICEF.",
     "The Committee recommends that the State party continue its cooperation with UNICEF and WHO."),
    (None, "Data collection",
     "The Committee is concerned that data on children are scattered and are not disaggregated.",
     "The Committee recommends that the State party set up a comprehensive system of data collection on all "
     "persons under 18, disaggregated by sex, age, region, urban and rural areas and social and ethnic origin, "
     "and use the data for policies on children with disabilities and children in vulnerable situations."),
    (None, "Dissemination of the Convention",
     "The Committee is concerned that children and professionals know little of the Convention.",
     "The Committee recommends that the State party make the Convention widely known to children, parents and "
     "professionals, including through school curricula and the media, in Kazakh and Russian."),
    ("2. Definition of the child (art. 1 of the Convention)", None,
     "The Committee is concerned that girls may marry at 16 with the permission of the authorities.",
     "The Committee recommends that the State party raise the minimum age of marriage for girls to 18."),
    ("3. General principles (arts. 2, 3, 6 and 12 of the Convention)", "Non-discrimination",
     "The Committee is concerned at discrimination against children with disabilities and migrant children.",
     "The Committee recommends that the State party combat discrimination against children with disabilities, "
     "children of migrant workers and children living in rural areas."),
    (None, "Best interests of the child",
     "The Committee is concerned that the best interests of the child are not a primary consideration in "
     "decisions concerning children.",
     "The Committee recommends that the State party ensure that the principle of the best interests of the child "
     "is a primary consideration in all legislation, court and administrative decisions, policies and programmes "
     "that affect children."),
    (None, "Respect for the views of the child",
     "The Committee regrets that the views of children are seldom heard in schools, courts and institutions.",
     "The Committee recommends that the State party promote respect for the views of children in the family, "
     "schools, courts and administrative proceedings, and train professionals to hear children."),
    ("4. Civil rights and freedoms (arts. 7, 8, 13-17 and 37 (a) of the Convention)", "Birth registration",
     "The Committee is concerned that children of undocumented migrants are not registered at birth.",
     "The Committee recommends that the State party register all children at birth, whatever the status of their "
     "parents."),
    (None, "Torture and other cruel, inhuman or degrading treatment or punishment",
     "The Committee is concerned at reports of ill-treatment of children by the police.",
     "The Committee recommends that the State party investigate all reports of ill-treatment of children by law "
     "enforcement officials and prosecute those responsible."),
    (None, "Corporal punishment",
     "The Committee is concerned that corporal punishment is not prohibited in the home.",
     "The Committee recommends that the State party prohibit corporal punishment in all settings, including the "
     "home, and promote positive forms of discipline."),
    ("5. Family environment and alternative care (arts. 5, 9-11, 18, 20, 21, 25 and 27, para. 4, of the "
     "Convention)", "Family environment",
     "The Committee is concerned that families receive little support in their child-rearing responsibilities.",
     "The Committee recommends that the State party strengthen family support services and parenting education."),
    (None, "Adoption", None,
     "The Committee recommends that the State party ratify the Hague Convention on Protection of Children and "
     "Cooperation in respect of Intercountry Adoption."),
    (None, "Children deprived of a family environment",
     "The Committee is concerned at the large number of children living in residential institutions and at the "
     "lack of family-based alternatives.",
     "The Committee recommends that the State party develop foster care and other family-based alternative care, "
     "reduce the number of children placed in institutions and review every placement periodically."),
    (None, "Abuse and neglect",
     "The Committee is concerned at domestic violence against children and the lack of services for victims.",
     "The Committee recommends that the State party set up services for child victims of abuse and neglect and a "
     "free telephone helpline for children."),
    ("6. Basic health and welfare (arts. 6, 18, para. 3, 23, 24, 26 and 27, paras. 1-3, of the Convention)",
     "Health and health services",
     "The Committee is concerned at high infant and maternal mortality rates.",
     "The Committee recommends that the State party reduce infant and maternal mortality by improving primary "
     "health care, in rural areas in particular."),
    (None, "Children with disabilities",
     "The Committee is concerned that many children with disabilities live in institutions and do not attend "
     "school.",
     "The Committee recommends that the State party include children with disabilities in mainstream schools, end "
     "their placement in institutions, and consider ratifying the Convention on the Rights of Persons with "
     "Disabilities."),
    (None, "HIV/AIDS", None,
     "The Committee recommends that the State party prevent the mother-to-child transmission of HIV."),
    (None, "Adolescent health",
     "The Committee is concerned at the high rate of adolescent suicide.",
     "The Committee recommends that the State party provide mental health and counselling services for "
     "adolescents."),
    (None, "Standard of living", None,
     "The Committee recommends that the State party increase social benefits for families with children living "
     "in poverty."),
    ("7. Education, leisure and cultural activities (arts. 28, 29 and 31 of the Convention)", None,
     "The Committee is concerned at the low quality of education in rural schools.",
     "The Committee recommends that the State party improve the quality of education in rural areas and increase "
     "access to preschool education."),
    ("8. Special protection measures (arts. 22, 30, 32-36, 37 (b)-(d), 38-40 of the Convention)",
     "Refugee children", None,
     "The Committee recommends that the State party adopt a law on refugees in line with international standards."),
    (None, "Economic exploitation, including child labour",
     "The Committee is concerned that children work in cotton and tobacco fields.",
     "The Committee recommends that the State party end the involvement of children in agricultural work and "
     "enforce the prohibition of hazardous work for children."),
    (None, "Sale, trafficking and abduction",
     "The Committee is concerned at the trafficking of children for sexual and labour exploitation.",
     "The Committee recommends that the State party prosecute traffickers and assist and rehabilitate child "
     "victims of trafficking."),
    (None, "Administration of juvenile justice",
     "The Committee is concerned at the lack of a juvenile justice system and the length of pretrial detention of "
     "children.",
     "The Committee recommends that the State party establish juvenile courts, use detention only as a measure of "
     "last resort and develop alternatives such as diversion and probation."),
]
_CLOSING = [
    " D. Follow-up and dissemination",
    "The Committee recommends that the State party take all appropriate measures to ensure full implementation of "
    "the present recommendations.",
    "The Committee recommends that the second and third periodic reports and the present concluding observations "
    "be made widely available to the public.",
    " E. Next report",
    "The Committee invites the State party to submit its fourth periodic report by 10 September 2011.",
]
# where the seed's paragraph 7 says CO/3 dealt with each topic
_CITED_BY_SEED = {15: "Coordination", 17: "Independent monitoring", 21: "Data collection",
                  23: "Dissemination of the Convention", 29: "Best interests of the child",
                  31: "Respect for the views of the child", 42: "Children deprived of a family environment",
                  48: "Children with disabilities"}


def _co3_text() -> tuple[str, dict[str, int]]:
    """The constructed CRC/C/KAZ/CO/3, and the number of each subheading's recommendation."""
    lines = ["Committee on the Rights of the Child", "", "CRC/C/KAZ/CO/3", "",
             "  Concluding observations: Kazakhstan", "",
             "1. The Committee considered the second and third periodic reports of Kazakhstan (CRC/C/KAZ/3) at its "
             "1234th and 1235th meetings, held on 30 May 2007, and adopted, at its 1255th meeting, held on 15 June "
             "2007, the following concluding observations.", "", " A. Introduction", "",
             "2. The Committee welcomes the submission of the combined second and third periodic reports.", "",
             " B. Follow-up measures undertaken and progress achieved by the State party", "",
             "3. The Committee welcomes the adoption of the Law on the Rights of the Child in 2002.", "",
             " C. Principal subjects of concern and recommendations", ""]
    number, where = 4, {}
    for cluster, heading, concern, recommendation in _CO3:
        if cluster:
            lines += [f" {cluster}", ""]
        if heading:
            lines += [f"  {heading}", ""]
        for text in (concern, recommendation):
            if text:
                lines += [f"{number}. {text}", ""]
                number += 1
        where[heading or cluster] = number - 1
    for text in _CLOSING:
        lines += [text if text.startswith(" ") else f"{number}. {text}", ""]
        number += not text.startswith(" ")
    return "\n".join(lines), where


_ADD213 = """Committee on the Rights of the Child

CRC/C/15/Add.213

CONSIDERATION OF REPORTS SUBMITTED BY STATES PARTIES UNDER ARTICLE 44 OF THE CONVENTION

  Concluding observations: Kazakhstan

1. The Committee considered the initial report of Kazakhstan (CRC/C/41/Add.13) at its 889th and 890th meetings, held
on 23 May 2003, and adopted, at its 918th meeting, held on 13 June 2003, the following concluding observations.

 A. Introduction

2. The Committee welcomes the submission of the initial report of the State party.

 B. Positive aspects

3. The Committee welcomes the ratification of the Optional Protocol on the involvement of children in armed
conflict.

 C. Factors and difficulties impeding the implementation of the Convention

4. The Committee notes the economic difficulties of the transition period.

 D. Principal subjects of concern and recommendations

 1. General measures of implementation

5. The Committee notes that the State party intends to review its legislation.

6. The Committee recommends that the State party bring its legislation into full conformity with the Convention.

7. The Committee is concerned that no national plan of action for children has been adopted.

8. The Committee recommends that the State party adopt a national plan of action for children.

9. The Committee is concerned at the low level of budget allocations for children.

10. The Committee recommends that the State party increase budget allocations for children's health and education.

11. The Committee is concerned that the body responsible for coordinating the implementation of the Convention
lacks authority.

12. The Committee recommends that the State party designate a single body with the authority to coordinate the
implementation of the Convention among ministries and regions.

13. The Committee notes that there is no independent mechanism to monitor children's rights.

14. The Committee recommends that the State party establish an independent national human rights institution with
a mandate to receive complaints from children.

15. The Committee is concerned that data on children are not collected systematically.

16. The Committee recommends that the State party develop a system of data collection disaggregated by age, sex and
region on all areas covered by the Convention.

 2. General principles

17. The Committee is concerned that the best interests of the child are rarely taken into account.

18. The Committee recommends that the State party ensure that the best interests of the child are a primary
consideration in all decisions concerning children.

 3. Family environment and alternative care

19. The Committee is concerned at the number of children placed in institutions.

20. The Committee recommends that the State party develop foster care and other family-based alternatives to
institutional care.

 4. Special protection measures

21. The Committee recommends that the State party establish a juvenile justice system with specialized courts.

22. The Committee recommends that the State party disseminate its initial report and the present concluding
observations widely.
"""


@pytest.fixture(scope="module")
def co3(tmp_path_factory):
    text, where = _co3_text()
    path = tmp_path_factory.mktemp("crc") / "CRC_C_KAZ_CO_3.txt"
    path.write_text(text, encoding="utf-8")
    return cobs.read_document(path), where


@pytest.fixture(scope="module")
def add213(tmp_path_factory):
    path = tmp_path_factory.mktemp("crc") / "CRC_C_15_Add_213.txt"
    path.write_text(_ADD213, encoding="utf-8")
    return cobs.read_document(path)


def test_the_constructed_cos_read_as_crc_cos(co3, add213):
    document, where = co3
    assert document.meta.symbol == "CRC/C/KAZ/CO/3" and str(document.meta.date) == "2007-06-15"
    assert {where[heading]: heading for heading in _CITED_BY_SEED.values()} == _CITED_BY_SEED
    acts = cobs.measure(document.paragraphs)
    clusters = acts.drop_duplicates("para").set_index("para")["cluster_id"]
    assert clusters[15] == "CRC-1" and clusters[29] == "CRC-3" and clusters[42] == "CRC-6" and clusters[48] == "CRC-7"
    assert add213.meta.symbol == "CRC/C/15/Add.213" and add213.meta.state == "KAZ"
    old = cobs.measure(add213.paragraphs)
    assert old["heading"].isna().all()  # no subheadings: no theme from a heading
    assert set(old["cluster_id"].dropna()) >= {"CRC-1", "CRC-3", "CRC-6"}


def test_the_seed_cites_eight_paragraphs_of_co3_and_each_is_a_hard_link(co3, seed_doc):
    """CRC/C/KAZ/CO/4, para. 7 asks the State party to address its previous recommendations of 2007
    (CRC/C/KAZ/CO/3) on coordination (para. 15), independent monitoring (para. 17), ... children with
    disabilities (para. 48): eight links, by citation, whatever the wording."""
    links = align(co3[0], seed_doc)
    cited = links[links["evidence"].eq("citation").fillna(False)]
    assert set(cited["later_para"]) == {7} and set(cited["earlier_para"]) == set(_CITED_BY_SEED)
    assert not cited["bonus_only"].any()
    # beyond the citations, para. 7 also takes up CO/3's own request to address the earlier recommendations
    others = links[links["later_para"].eq(7).fillna(False) & links["evidence"].ne("citation").fillna(False)]
    assert set(others["earlier_para"]) == {5}


def test_crc_requests_taken_up_in_new_words_are_linked(co3, seed_doc):
    """The seed takes up CO/3's topics under the same subheadings in other words (the clusters are lettered
    A-I in the seed, numbered in CO/3: the title and articles say which is which, not the letter)."""
    document, where = co3
    links = align(document, seed_doc)
    linked = links[links["status"].isin(["repeated", "modified"])]
    found = set(zip(linked["later_para"].astype(int), linked["earlier_para"].astype(int), strict=True))
    expected = {  # seed paragraph: the subheading of CO/3 it takes up
        15: "Data collection", 17: "Independent monitoring", 23: "Best interests of the child",
        25: "Respect for the views of the child", 29: "Corporal punishment", 37: "Children deprived of a family "
        "environment", 41: "Children with disabilities", 57: "Economic exploitation, including child labour",
        59: "Sale, trafficking and abduction", 61: "Administration of juvenile justice"}
    missed = {later: heading for later, heading in expected.items() if (later, where[heading]) not in found}
    # child labour: both ask to end children's work in the cotton harvest, in words that share little ("cotton",
    # "children"; cosine 0.10): the theme's bonus (0.20) lowers the bar, it does not make a link alone
    assert missed == {57: "Economic exploitation, including child labour"}
    evidence = {(a, b): e for a, b, e in zip(linked["later_para"], linked["earlier_para"], linked["evidence"],
                                             strict=True)}
    assert all(evidence[(later, where[h])] == "text+article" for later, h in expected.items() if later not in missed)


def test_a_legacy_symbol_cited_with_its_paragraphs_is_a_hard_link(add213, co3):
    """CO/3 (para. 5) asks again for what the initial CO asked "(CRC/C/15/Add.213, para. 12)" and
    "(CRC/C/15/Add.213, para. 16)": an older symbol, without the State in it."""
    links = align(add213, co3[0])
    cited = links[links["evidence"].eq("citation").fillna(False)]
    assert set(zip(cited["later_para"], cited["earlier_para"], strict=True)) == {(5, 12), (5, 16)}
    # without subheadings in the 2003 CO there is no theme, so the wording alone links the rest
    linked = links[links["status"].isin(["repeated", "modified"]) & links["evidence"].ne("citation").fillna(True)]
    assert set(linked["evidence"]) <= {"text", "text+article"}
    pairs = set(zip(linked["later_para"].astype(int), linked["earlier_para"].astype(int), strict=True))
    where = co3[1]
    assert (where["Coordination"], 12) in pairs and (where["Best interests of the child"], 18) in pairs
    assert (where["Children deprived of a family environment"], 20) in pairs


def test_three_crc_cycles_make_threads(add213, co3, seed_doc):
    steps = cobs.compare.chain([seed_doc, add213, co3[0]])
    assert list(pd.unique(steps["later_symbol"].dropna())) == ["CRC/C/KAZ/CO/3", "CRC/C/KAZ/CO/4"]
    table = cobs.compare.threads(steps).set_index("thread")
    # coordination: asked in 2003 (para. 12), cited in 2007 (para. 5) and taken up again; cited by the seed
    row = table.loc["CRC/C/15/Add.213, para. 12"]
    assert row["first_year"] == 2003 and row["times"] == 3 and row["last_symbol"] == "CRC/C/KAZ/CO/4"

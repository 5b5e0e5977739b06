import pytest

import cobs
from cobs.reference._states import find_state


def test_every_un_member_state_is_known():
    table = cobs.states_table()
    assert (table["status"] == "member").sum() == 193
    assert table["code"].is_unique
    assert {"VAT", "PSE", "EU", "COK"} <= set(table["code"])


@pytest.mark.parametrize(
    "name, code",
    [
        ("Kazakhstan", "KAZ"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("the Islamic Republic of Iran", "IRN"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Bolivarian Republic of Venezuela", "VEN"),
        ("the European Union", "EU"),
        ("Democratic People’s Republic of Korea", "PRK"),
        ("the former Yugoslav Republic of Macedonia", "MKD"),
        ("Czech Republic", "CZE"),
        ("kaz", "KAZ"),
    ],
)
def test_state_code_accepts_un_names_and_codes(name, code):
    assert cobs.state_code(name) == code


def test_unknown_state_names_the_value_and_suggests():
    with pytest.raises(ValueError, match=r"'Kazakstan'.*Kazakhstan"):
        cobs.state_code("Kazakstan")


def test_find_state_prefers_the_longest_name():
    assert find_state("report of Guinea-Bissau") == "GNB"
    assert find_state("report of Equatorial Guinea") == "GNQ"
    assert find_state("report of the Dominican Republic") == "DOM"
    assert find_state("report of Dominica") == "DMA"
    assert find_state("report of the Niger*") == "NER"
    assert find_state("of Nigeria") == "NGA"
    assert find_state("no State named here") is None


def test_committees():
    assert cobs.committee_code("Committee on the Rights of the Child") == "CRC"
    assert cobs.committee_code("Committee on Economic, Social and Cultural Rights") == "CESCR"
    assert cobs.committee_name("CCPR") == "Human Rights Committee"
    with pytest.raises(ValueError, match=r"committee must be a treaty body cobs knows \(CRC, .*\), got 'Committee on"):
        cobs.committee_code("Committee on Cheese")


@pytest.mark.parametrize(
    "symbol, expected",
    [
        ("CRC/C/KAZ/CO/4", ("CRC", "KAZ", "CO", "4", None, None)),
        ("CRC/C/KAZ/CO/5-6", ("CRC", "KAZ", "CO", "5-6", None, None)),
        ("CRPD/C/AZE/CO/2-3/Add.1", ("CRPD", "AZE", "CO", "2-3", 1, None)),
        ("E/C.12/KAZ/CO/2", ("CESCR", "KAZ", "CO", "2", None, None)),
        ("CRC/C/OPSC/KAZ/CO/1", ("CRC", "KAZ", "CO", "1", None, "OPSC")),
        ("CRPD/C/EU/CO/1", ("CRPD", "EU", "CO", "1", None, None)),
        ("CRC/C/KAZ/Q/5-6", ("CRC", "KAZ", "Q", "5-6", None, None)),
        ("CRPD/C/KAZ/1", ("CRPD", "KAZ", "", "1", None, None)),
        ("CRC/C/15/Add.213", ("CRC", "KAZ", "CO", "1", None, None)),
        (" crc/c/kaz/co/4 ", ("CRC", "KAZ", "CO", "4", None, None)),
    ],
)
def test_parse_symbol(symbol, expected):
    s = cobs.parse_symbol(symbol)
    assert (s.committee, s.state, s.doc_type, s.cycle, s.addendum, s.protocol) == expected


def test_symbol_properties():
    assert cobs.parse_symbol("CRC/C/KAZ/CO/5-6").cycles == (5, 6)
    assert cobs.parse_symbol("CRC/C/KAZ/CO/4").is_co
    assert not cobs.parse_symbol("CRPD/C/AZE/CO/2-3/Add.1").is_co
    assert not cobs.parse_symbol("CRPD/C/AZE/FCO/2-3").is_co


@pytest.mark.parametrize("bad", ["", "hello", "CRC/C/KAZ", "A/HRC/28/10", "XYZ/C/KAZ/CO/1"])
def test_parse_symbol_rejects_what_is_not_a_symbol(bad):
    with pytest.raises(ValueError, match="not a treaty-body document symbol"):
        cobs.parse_symbol(bad)


def test_format_symbol_round_trips():
    for committee, state, cycle in [("CRC", "KAZ", "4"), ("CESCR", "KAZ", "2"), ("CRPD", "AZE", "2-3")]:
        s = cobs.parse_symbol(cobs.format_symbol(committee, state, cycle))
        assert (s.committee, s.state, s.cycle) == (committee, state, cycle)


@pytest.mark.parametrize("symbol, what", [
    ("CRC/C/KAZ/Q/5-6", "a list of issues"),
    ("CRPD/C/KAZ/1", "a State party report"),
    ("CRPD/C/AZE/FCO/2-3", "a follow-up to concluding observations"),
    ("CRPD/C/CZE/CO/1/Add.1", "an addendum 1 to the concluding observations"),
])
def test_co_only_refuses_other_documents(symbol, what):
    with pytest.raises(ValueError, match=f"'{symbol}' is the symbol of {what}, not of concluding observations"):
        cobs.parse_symbol(symbol, co_only=True)
    assert cobs.parse_symbol("CRC/C/15/Add.213", co_only=True).is_co  # a legacy CO symbol is a CO


# --- the data files ------------------------------------------------------------------------------

LIST_FIELDS = {  # the CSV fields that hold lists
    "clusters.csv": ["articles"], "themes.csv": ["crpd_article"], "states.csv": ["aliases"],
    "committees.csv": ["aliases"], "instruments.csv": ["keywords"], "registry.csv": ["languages"],
    "upr_info_actions.csv": ["example_verbs"], "upr_info_issues.csv": ["exports"],
}
LEXICONS = [  # word lists that decide results: each entry says where it comes from or why
    "action_forms.csv", "action_rules.csv", "action_verbs.csv",
    "document_types.csv", "formula_phrases.csv", "head_nouns.csv", "hedges.csv",
    "intensifiers.csv", "kind_phrases.csv", "language_names.csv", "months.csv", "operative_verbs.csv",
    "skipped_words.csv", "target_groups.csv", "themes.csv", "deadlines.csv", "repetition_markers.csv",
    "heading_continues.csv", "paragraph_tail_openings.csv", "committee_verb_fillers.csv", "upr_responses.csv",
]


def _data_files():
    from importlib import resources

    return {p.name: p for p in resources.files("cobs").joinpath("data").iterdir() if p.name.endswith(".csv")}


def test_one_list_separator_in_every_data_file():
    """Issue 7: lists were written "4,42,44" in one file, "1;2" in another, "a|b" in the rest."""
    import csv

    files = _data_files()
    for name, fields in LIST_FIELDS.items():
        rows = list(csv.DictReader(files[name].read_text(encoding="utf-8").splitlines()))
        for field in fields:
            values = [row[field] for row in rows if row[field]]
            assert values and not any("," in v or ";" in v for v in values), (name, field)
    from cobs.reference._lexicons import clusters

    assert next(c for c in clusters() if c["cluster_id"] == "CRC-1")["articles"] == {4, 42, 44}


def test_every_lexicon_says_where_its_entries_come_from():
    import csv

    files = _data_files()
    for name in LEXICONS:
        rows = list(csv.DictReader(files[name].read_text(encoding="utf-8").splitlines()))
        columns = [c for c in ("note", "source") if c in rows[0]]
        assert columns, name
        assert all(any(row[c].strip() for c in columns) for row in rows), name


def test_lexicons_in_data_decide_as_the_patterns_they_replaced():
    from cobs.measures._actions import locate_action
    from cobs.measures._wording import specificity_parts
    from cobs.structure import kind_from_wording

    assert kind_from_wording("The Committee remains deeply concerned about child labour.") == "concern"
    assert kind_from_wording("The Committee notes with appreciation the adoption of the Code.") == "positive"
    assert specificity_parts("adopt the Juvenile Justice Code")["named"] is True  # head_nouns.csv: Code
    assert specificity_parts("protect unaccompanied asylum-seeking children")["group"] is True  # target_groups.csv
    assert locate_action("to urgently adopt a law") == ("adopt", "adopt a law")  # skipped_words.csv: to, urgently
    assert locate_action("progressively apply the law") == ("apply", "apply the law")  # -ly, but a verb
    # issue 16: the word lists that were regular expressions in the code
    from cobs.measures._wording import time_bound
    from cobs.measures.strings import persistence
    from cobs.read._wg_report import _response
    from cobs.reference import operative_at_item_start, repetition_markers
    from cobs.structure._kind import operative_verb
    from cobs.structure._paragraphs import _FUNCTION_WORD_END, _TAIL

    assert time_bound("adopt the law by 1 June 2026") and time_bound("within a clear time frame")  # deadlines.csv
    assert not time_bound("adopt the law as soon as possible")
    assert persistence("The Committee remains deeply concerned and reiterates its call") == [
        "remains deeply concerned", "reiterates"]  # repetition_markers.csv
    assert repetition_markers("reiterates").search("as reiterated in") and not repetition_markers(
        "persistence").search("as reiterated in")  # one list, each pattern with its uses
    assert operative_at_item_start().match("Calls upon the State party to") and not operative_at_item_start().match(
        "Request technical assistance")  # operative_verbs.csv: item_start, in the third person
    assert _FUNCTION_WORD_END.search("Equal recognition before the") and not _FUNCTION_WORD_END.search("Education")
    assert _TAIL.match("It also recommends that") and not _TAIL.match("it also")  # as printed
    assert operative_verb("The Committee also strongly recommends that the "
                          "State party adopt a law.")[:2] == ("recommend", "urges")  # committee_verb_fillers.csv
    assert [_response(c) for c in ("did not enjoy the support of", "enjoy the support of", "will be examined by",
                                   "The recommendations below")] == ["Noted", "Supported", "To be examined", ""]


def test_the_operative_verb_pattern_without_the_flag_matches_as_with_it():
    """any_operative_verb is written without re.IGNORECASE (a third faster) and must match what the verbs' patterns
    match with the flag: each ASCII letter's class is what the flag matches it with, over every code point."""
    import re

    from cobs.reference._lexicons import _CASES, _cased

    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    for letter, cases in _CASES.items():
        assert sorted(re.findall(letter, everything, re.IGNORECASE)) == sorted(cases), letter
    flagged = re.compile("|".join(f"(?:{p.pattern})" for p, _, _ in cobs.reference.operative_verbs()), re.IGNORECASE)
    fast = cobs.reference.any_operative_verb()
    assert not fast.flags & re.IGNORECASE
    texts = ["The Committee STRONGLY RECOMMENDS that the State party", "It also Invites the State party to",
             "İnvites, ınvites, ſhould, aſks, remınds", "The State party should; the Committee draws the State "
             "party's attention to", "is strongly urged; reiterates its previous recommendations; calls upon",
             "recommendations, requested, inviting, shoulder", "The Committee is concerned about"]
    for text in texts:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in flagged.finditer(text)], text
    assert _cased(r"[a-z]+") is None and _cased(r"(?i:x)") is None and _cased(r"\x41") is None
    assert _cased("é") is None and _cased(r"ab\s+c?") == r"[aA][bB]\s+[cC]?"

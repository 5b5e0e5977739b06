"""Every CRPD PDF in ../shared: English COs parse faithfully, the others are refused for the right reason.

The expectations come from the documents, read independently of cobs's reader (see
the ``crpd_corpus`` fixture): language, CO or not, the printed symbol from the masthead
line "United Nations CRPD/C/...", and the paragraph count from the chain of lines
numbered "1.", "2.", ... in PDFium's plain text.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd
import pytest

import cobs
from cobs.errors import LanguageError, NotACOError
from cobs.structure import section_kind

_MASTHEAD_SYMBOL = re.compile(r"United Nations\s+(CRPD/C/[A-Z]{2,3}/CO/[\d-]+)\b")


pytestmark = pytest.mark.real_data  # every test of this module reads ../shared


@pytest.fixture(scope="module")
def corpus(crpd_corpus):
    return crpd_corpus


def english_cos(corpus):
    return {name: item for name, item in corpus.items() if item["language"] == "en" and item["is_co"]}


def test_the_corpus_is_what_data_md_describes(corpus):
    assert len(corpus) == 130
    assert 100 < len(english_cos(corpus)) < 130


def test_every_english_co_parses(corpus):
    failures = {name: str(item["error"]) for name, item in english_cos(corpus).items() if item["doc"] is None}
    assert failures == {}


def test_non_english_cos_raise_the_language_error(corpus):
    others = {name: item for name, item in corpus.items() if item["language"] != "en" and item["is_co"]}
    assert len(others) >= 8
    for name, item in others.items():
        assert isinstance(item["error"], LanguageError), name
        assert item["error"].language == item["language"], name
        assert name in str(item["error"])


def test_follow_up_documents_are_not_cos_in_any_language(corpus):
    """That a document is not a CO is the more basic reason, and comes before its language (issue 11)."""
    follow_ups = {name: item for name, item in corpus.items() if not item["is_co"]}
    assert len(follow_ups) >= 7 and {item["language"] for item in follow_ups.values()} >= {"en", "es"}
    for name, item in follow_ups.items():
        assert isinstance(item["error"], NotACOError), name
        assert "follow-up information from the State party" in str(item["error"]), name


def test_paragraphs_are_numbered_without_gap_and_none_is_missed(corpus):
    for name, item in english_cos(corpus).items():
        table = item["doc"].paragraphs
        own = table[table["sub"] == ""]["para"].tolist()
        assert own == list(range(1, len(own) + 1)), name
        assert not table.duplicated(["para", "sub"]).any(), name
        chain = 0
        for match in re.finditer(r"(?m)^(\d{1,3})\.\s", item["text"].replace("\r\n", "\n")):
            if int(match.group(1)) == chain + 1:
                chain += 1
        assert len(own) == chain, name


def test_the_symbol_is_the_printed_one(corpus):
    for name, item in english_cos(corpus).items():
        printed = _MASTHEAD_SYMBOL.search(item["text"])
        assert printed, name
        meta = item["doc"].meta
        assert meta.symbol == printed.group(1), name
        assert meta.symbol_source == "printed"
        symbol = cobs.parse_symbol(meta.symbol)
        assert (meta.committee, meta.state, meta.cycle) == ("CRPD", symbol.state, symbol.cycle), name
        assert meta.date is None or meta.year == meta.date.year, name
        assert meta.year is not None and 2010 < meta.year < 2027, name
        assert meta.session is not None, name
    dated = [item["doc"].meta.date is not None for item in english_cos(corpus).values()]
    assert sum(dated) >= len(dated) - 2  # CRPD/C/AZE/CO/1 does not state the day of its adoption


def test_kind_agrees_with_the_bold(corpus):
    """Main-section paragraphs: recommendation <=> mostly bold, per document and overall."""
    agree = total = 0
    for name, item in english_cos(corpus).items():
        table = item["doc"].paragraphs
        chars = table["text"].str.count(r"\S")
        bold = (table["bold"] * chars).groupby(table["para"]).sum() / chars.groupby(table["para"]).sum()
        own = table[table["sub"] == ""].set_index("para")
        main = own[own["section"].map(lambda s: pd.notna(s) and section_kind(s) is None)]
        same = (main["kind"] == "recommendation") == (bold[main.index] >= 0.5)
        assert same.mean() >= 0.8, name
        agree += int(same.sum())
        total += len(same)
    assert total > 5000
    assert agree / total >= 0.96


def test_every_character_is_accounted_for(corpus):
    for name, item in english_cos(corpus).items():
        doc = item["doc"]
        kept = "".join(doc.paragraphs["text"]) + "".join(doc.set_aside["text"])
        source = Counter(c for c in item["text"] if not c.isspace())
        assert source == Counter(c for c in kept if not c.isspace()), name


def test_footnotes_are_numbered_and_attached(corpus):
    for name, item in english_cos(corpus).items():
        notes = item["doc"].footnotes
        numbered = notes[notes["number"].str.fullmatch(r"\d+")]
        assert numbered["number"].astype(int).tolist() == list(range(1, len(numbered) + 1)), name
        assert numbered["para"].notna().all(), name


def test_plain_text_extraction_reads_to_the_same_structure(corpus, tmp_path):
    """The text reader, on PDFium's plain text of each PDF, finds the same paragraphs and items."""
    for name, item in english_cos(corpus).items():
        path = tmp_path / (name[:-4] + ".txt")
        path.write_text(item["text"].replace("\r\n", "\n"), encoding="utf-8")
        doc = cobs.read_document(path)
        expected = item["doc"].paragraphs
        assert doc.meta.symbol == item["doc"].meta.symbol, name
        assert doc.paragraphs[["para", "sub"]].values.tolist() == expected[["para", "sub"]].values.tolist(), name


def test_nothing_but_page_furniture_is_set_aside_as_such(corpus):
    """Character counts cannot see a body line set aside as a header; its shape can: running headers,
    footers and page numbers are symbols, job numbers and numbers, with no lower-case word."""
    for name, item in english_cos(corpus).items():
        aside = item["doc"].set_aside
        furniture = aside[aside["role"].isin(["running", "page_number"])]["text"]
        worded = furniture.str.contains(r"[a-z]{2}")
        assert not worded.any(), (name, furniture[worded].tolist())
        headings = aside[aside["role"].isin(["section", "cluster", "heading"])]["text"]
        assert not headings.str.contains(r"\b(?:The Committee|the State party)\b").any(), name


def test_earlier_cos_cited_in_footnotes_reach_the_citations(corpus):
    """CRPD/C/AZE/CO/2-3 'reiterates its previous recommendations' in paras 12, 20, 28 and 32; footnotes 9,
    11, 15 and 18 name the paragraphs of CRPD/C/AZE/CO/1 (read in the PDF)."""
    doc = corpus["Azerbaijan_2024_CRPD_C_AZE_CO_2-3.pdf"]["doc"]
    found = cobs.citations(doc.paragraphs)
    found = found[(found["type"] == "previous") & found["citation"].str.startswith("CRPD/C/AZE/CO/1")]
    assert found[["para", "citation"]].values.tolist() == [
        [12, "CRPD/C/AZE/CO/1, para. 13"], [20, "CRPD/C/AZE/CO/1, para. 23"],
        [28, "CRPD/C/AZE/CO/1, para. 27"], [32, "CRPD/C/AZE/CO/1, para. 29"]]
    measured = cobs.measure(doc.paragraphs)
    assert set(measured.loc[measured["para"] == 12, "previous"].map(tuple)) == {("CRPD/C/AZE/CO/1, para. 13",)}

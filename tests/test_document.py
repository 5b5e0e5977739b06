"""cobs.document: read_document and read_documents, on the bundled corpus and small literal files."""

import dataclasses
from collections import Counter

import pandas as pd
import pytest
from conftest import ROOT, SEED, pdf_pages

import cobs
from cobs.errors import MultipleDocumentsError, NotAPDFError, ParseError

AZE_1 = ROOT / "corpus" / "CRPD_C_AZE_CO_1.pdf"
AZE_23 = ROOT / "corpus" / "CRPD_C_AZE_CO_2-3.pdf"
SEED_TEXT = SEED.read_text(encoding="utf-8")
SEED_LINES = len(SEED_TEXT.splitlines())


def nonblank(text: str) -> Counter:
    return Counter(c for c in text if not c.isspace())


def kept(doc) -> Counter:
    return nonblank("".join(doc.paragraphs["text"]) + "".join(doc.set_aside["text"]))


# --- several documents in one file (issue 11) ------------------------------------------------------


@pytest.fixture(scope="module")
def seed_twice(tmp_path_factory):
    path = tmp_path_factory.mktemp("glued") / "twice.txt"
    path.write_text(SEED_TEXT + "\n" + SEED_TEXT, encoding="utf-8")
    return path


def test_the_seed_twice_is_refused_not_glued(seed_twice):
    """Before: paragraphs 1-68 of the second copy ended up in paragraph 69 of the first (19,511 characters)."""
    with pytest.raises(MultipleDocumentsError, match=r"twice\.txt, line (\d+): a second document starts here") as info:
        cobs.read_document(seed_twice)
    second = SEED_LINES + 2  # the first line of the second copy: "Committee on the Rights of the Child"
    assert info.value.line == second and info.value.starts == [(None, second)]
    assert SEED_TEXT.splitlines()[0].strip() == "Committee on the Rights of the Child"
    assert "2 documents" in info.value.reason and "cobs.read_documents" in info.value.reason


def test_read_documents_reads_each_copy_as_the_seed(seed_twice, seed_doc):
    first, second = cobs.read_documents(seed_twice)
    pd.testing.assert_frame_equal(first.paragraphs, seed_doc.paragraphs)
    shifted = seed_doc.paragraphs.assign(line=seed_doc.paragraphs["line"] + SEED_LINES + 1)  # lines of the file
    pd.testing.assert_frame_equal(second.paragraphs, shifted)
    assert len(cobs.measure(second.paragraphs)) == len(cobs.measure(seed_doc.paragraphs)) == 79
    assert kept(first) + kept(second) == nonblank(SEED_TEXT * 2)  # every character, in one of the two


def test_a_file_of_one_document_is_one_document(seed_doc):
    (only,) = cobs.read_documents(SEED)
    pd.testing.assert_frame_equal(only.paragraphs, seed_doc.paragraphs)
    assert only.meta == seed_doc.meta



def test_two_merged_pdfs_are_refused_at_the_page_where_the_second_starts(merged):
    """Before: the 2014 document, set in another type size, was read as footnotes of the 2024 one."""
    with pytest.raises(MultipleDocumentsError, match=r"aze\.pdf, page (\d+): a second document") as info:
        cobs.read_document(merged)
    assert info.value.page == len(pdf_pages(AZE_1)) + 1


def test_read_documents_cuts_merged_pdfs_into_the_documents_they_were(merged):
    documents = cobs.read_documents(merged)
    assert [d.meta.symbol for d in documents] == ["CRPD/C/AZE/CO/1", "CRPD/C/AZE/CO/2-3"]
    offset = 0
    for doc, path in zip(documents, (AZE_1, AZE_23), strict=True):
        alone = cobs.read_document(path)
        assert dataclasses.replace(doc.meta, path="", sha256="", pages=None) == dataclasses.replace(
            alone.meta, path="", sha256="", pages=None)
        pd.testing.assert_frame_equal(doc.paragraphs, alone.paragraphs.assign(page=alone.paragraphs["page"] + offset))
        pd.testing.assert_frame_equal(doc.footnotes.drop(columns="page"), alone.footnotes.drop(columns="page"))
        assert kept(doc) == kept(alone)
        offset += alone.meta.pages


def test_glued_html_cannot_be_cut_and_says_so(tmp_path):
    lines = [line.strip() for line in SEED_TEXT.splitlines() if line.strip()]
    page = "<html><body>" + "".join(f"<p>{line}</p>" for line in lines * 2) + "</body></html>"
    path = tmp_path / "twice.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(MultipleDocumentsError, match="2 documents"):
        cobs.read_document(path)
    with pytest.raises(MultipleDocumentsError, match="save each document as a file of its own"):
        cobs.read_documents(path)


def test_numbered_lists_inside_a_document_are_not_a_second_document(tmp_path):
    """Numbering that restarts at 1 counts only after three paragraphs, and only if 2 and 3 follow in order."""
    text = SEED_TEXT.replace(
        "69. The Committee also invites",
        "1. A list quoted at the end.\n2. Its second item.\n69. The Committee also invites",
    )
    path = tmp_path / "list.txt"
    path.write_text(text, encoding="utf-8")
    assert cobs.read_document(path).paragraphs["para"].max() == 69


def test_a_paragraph_far_longer_than_any_co_paragraph_is_a_parse_error(tmp_path):
    """A second document that does not number its paragraphs from 1 would be glued into the last paragraph."""
    import re

    other = re.sub(r"(?m)^\d{1,2}\. ", "", SEED_TEXT.split("III. Main areas", 1)[1])  # no paragraph numbers
    path = tmp_path / "tail.txt"
    path.write_text(SEED_TEXT + "\nAnnex\n" + other, encoding="utf-8")
    with pytest.raises(ParseError, match=r"tail\.txt, line \d+: paragraph 69 runs to [\d,]+ characters"):
        cobs.read_document(path)


# --- metadata and arguments --------------------------------------------------------------------


def test_meta_repr_and_dict(seed_doc):
    meta = seed_doc.meta
    assert (meta.symbol, meta.symbol_source, meta.session, meta.date.isoformat()) == (
        "CRC/C/KAZ/CO/4", "inferred", 70, "2015-10-02")
    assert meta.to_dict()["state_name"] == "Kazakhstan"
    assert (meta.to_dict()["cycle_first"], meta.to_dict()["cycle_last"]) == (4, 4)
    assert repr(seed_doc) == "<Document CRC/C/KAZ/CO/4 (CRC, Kazakhstan, 2015): 69 paragraphs, 121 rows>"


def test_read_document_and_identify_agree_on_every_bundled_pdf():
    """One identification layer: what fetch checks (identify) is what read_document reads, and both are what
    corpus/manifest.csv records of each file (written from the UN's listing, not by cobs)."""
    import pandas as pd

    from cobs.read._identify import identify

    manifest = pd.read_csv(ROOT / "corpus" / "manifest.csv", dtype=str).set_index("file")
    for path in sorted((ROOT / "corpus").glob("*.pdf")):
        who, doc = identify(path), cobs.read_document(path)
        assert (who.co_symbol, who.adopted, who.year, who.language) == (
            doc.meta.symbol, doc.meta.date, doc.meta.year, doc.meta.language), path.name
        assert who.symbol == doc.meta.symbol and who.is_co, path.name
        row = manifest.loc[path.name]
        assert (doc.meta.symbol, doc.meta.state, doc.meta.cycle, str(doc.meta.year), doc.meta.language) == (
            row["symbol"], row["state"], row["cycle"], row["year"], row["language"]), path.name


def test_arguments_are_checked(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        cobs.read_document(tmp_path / "absent.txt")
    with pytest.raises(IsADirectoryError, match="read_corpus reads folders"):
        cobs.read_document(tmp_path)
    with pytest.raises(ValueError, match="format must be"):
        cobs.read_document(SEED, format="rtf")  # type: ignore[arg-type]
    with pytest.raises(NotAPDFError, match="declared as a PDF"):
        cobs.read_document(SEED, format="pdf")
    assert cobs.read_document(SEED, format="txt").meta.format == "txt"

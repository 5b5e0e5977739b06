"""PDF reading on a synthetic UN-style PDF (made with matplotlib) and on broken PDFs."""

from collections import Counter

import pandas as pd
import pytest
from conftest import make_pdf

import cobs
from cobs.errors import DamagedPDFError, EmptyDocumentError, EncryptedPDFError, NotAPDFError, TruncatedDocumentError

PAGE_1 = [
    ("United Nations", 50, 14, False),
    ("CRC/C/GEO/CO/5-6", 50, 14, False, 300),
    ("Distr.: General", 75, 10, False, 400),
    ("8 June 2019", 90, 10, False, 400),
    ("Original: English", 105, 10, False, 400),
    ("Committee on the Rights of the Child", 150, 12, True),
    ("Concluding observations on the combined fifth and sixth periodic reports of Georgia*", 175, 11, True),
    ("I. Introduction", 210, 14, True),
    ("1. The Committee considered the combined fifth and sixth periodic reports of Georgia", 240, 10, False),
    ("(CRC/C/GEO/5-6) at its 2400th meeting, held on 1 May 2019, and adopted the present", 254, 10, False),
    ("concluding observations at its 2410th meeting, held on 8 May 2019.", 268, 10, False),
    ("II. Positive aspects", 300, 14, True),
    ("2. The Committee welcomes the Code on the Rights of the Child.", 330, 10, False),
    ("1", 328, 6, False, 420),
    ("III. Main areas of concern and recommendations", 370, 14, True),
    ("A. General principles (arts. 2, 3, 6 and 12)", 400, 12, True),
    ("Non-discrimination", 425, 10, True),
    ("3. The Committee is concerned about discrimination against children with", 450, 10, False),
    ("disabilities.", 464, 10, False),
    ("4. The Committee recommends that the State party:", 490, 10, True),
    ("(a) Adopt a comprehensive anti-discrimination law;", 504, 10, True),
    ("1 CRC/C/GEO/CO/4, para. 7.", 760, 8, False),
    ("* Adopted by the Committee at its eighty-first session (13-31 May 2019).", 775, 8, False),
    ("GE.19-09876(E)", 810, 9, False),
]
PAGE_2 = [
    ("CRC/C/GEO/CO/5-6", 40, 9, True),
    ("(b) Raise awareness of the rights of children with disabilities.", 80, 10, True),
    ("IV. Implementation and reporting", 120, 14, True),
    ("5. The Committee recommends that the State party disseminate the present", 150, 10, True),
    ("concluding observations widely.", 164, 10, True),
    ("2 GE.19-09876", 810, 9, False),
]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    path = make_pdf(tmp_path_factory.mktemp("pdf") / "CRC_C_GEO_CO_5-6.pdf", [PAGE_1, PAGE_2])
    return path, cobs.read_document(path)


def test_metadata_uses_the_printed_symbol(synthetic):
    _, doc = synthetic
    m = doc.meta
    expected = ("CRC/C/GEO/CO/5-6", "printed", "CRC", "GEO", "5-6")
    assert (m.symbol, m.symbol_source, m.committee, m.state, m.cycle) == expected
    assert (m.pages, m.format, m.session, m.date.isoformat()) == (2, "pdf", 81, "2019-05-08")


def test_rows_pages_and_kinds(synthetic):
    _, doc = synthetic
    table = doc.paragraphs
    assert list(zip(table.para, table["sub"], strict=True)) == [
        (1, ""), (2, ""), (3, ""), (4, ""), (4, "a"), (4, "b"), (5, "")]
    assert table["page"].tolist() == [1, 1, 1, 1, 1, 2, 2]
    assert table["kind"].tolist() == ["intro", "positive", "concern", "recommendation", "recommendation",
                                      "recommendation", "recommendation"]
    bold = dict(zip(zip(table.para, table["sub"], strict=False), table["bold"], strict=False))
    assert bold[(3, "")] == 0 and bold[(4, "a")] == 1 and bold[(4, "b")] == 1 and bold[(5, "")] == 1


def test_headers_footers_masthead_and_footnotes_are_set_aside(synthetic):
    _, doc = synthetic
    text = doc.paragraphs.set_index(["para", "sub"])["text"]
    assert text[(2, "")] == "2. The Committee welcomes the Code on the Rights of the Child."  # marker removed
    assert text[(4, "b")] == "(b) Raise awareness of the rights of children with disabilities."
    assert text[(5, "")] == ("5. The Committee recommends that the State party disseminate the present "
                             "concluding observations widely.")
    roles = doc.set_aside.groupby("role")["text"].agg(list)
    assert roles["masthead"] == [
        "United Nations CRC/C/GEO/CO/5-6", "Distr.: General", "8 June 2019", "Original: English"]
    assert sorted(roles["running"]) == ["2 GE.19-09876", "CRC/C/GEO/CO/5-6", "GE.19-09876(E)"]
    assert roles["footnote_marker"] == ["1"]
    assert roles["cluster"] == ["A. General principles (arts. 2, 3, 6 and 12)"]
    assert roles["heading"] == ["Non-discrimination"]
    notes = doc.footnotes.set_index("number")
    assert notes.loc["1", "text"] == "CRC/C/GEO/CO/4, para. 7." and notes.loc["1", "para"] == 2
    assert notes.loc["*", "text"].startswith("Adopted by the Committee at its eighty-first session")


def test_every_character_is_accounted_for(synthetic):
    from conftest import pdf_pages

    path, doc = synthetic
    source = "".join(pdf_pages(path))
    kept = "".join(doc.paragraphs["text"]) + "".join(doc.set_aside["text"])
    assert Counter(c for c in source if not c.isspace()) == Counter(c for c in kept if not c.isspace())


def test_truncated_pdf(synthetic, tmp_path):
    path, _ = synthetic
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(TruncatedDocumentError, match=r"cut\.pdf: the PDF is truncated"):
        cobs.read_document(cut)


def test_encrypted_pdf(synthetic, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    path, _ = synthetic
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(path))
    writer.encrypt("secret", algorithm="RC4-128")  # RC4 needs no extra crypto library
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as fh:
        writer.write(fh)
    with pytest.raises(EncryptedPDFError, match=r"locked\.pdf: the PDF is encrypted"):
        cobs.read_document(locked)


def test_damaged_pdf(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage garbage\n%%EOF\n")
    with pytest.raises(DamagedPDFError, match=r"damaged\.pdf: PDFium cannot open the PDF"):
        cobs.read_document(path)


def test_text_named_pdf(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_text("Committee on the Rights of the Child\n", encoding="utf-8")
    with pytest.raises(NotAPDFError, match=r"report\.pdf: the file is named or declared as a PDF but is not one"):
        cobs.read_document(path)


def test_pdf_without_text(tmp_path):
    path = make_pdf(tmp_path / "scan.pdf", [[]])
    with pytest.raises(EmptyDocumentError, match=r"scan\.pdf: the PDF holds no text"):
        cobs.read_document(path)


def test_pdf_cut_at_a_page_boundary(synthetic, tmp_path):
    """A valid PDF holding only the first pages: the last paragraph stops mid-list."""
    pypdf = pytest.importorskip("pypdf")
    path, _ = synthetic
    writer = pypdf.PdfWriter()
    writer.add_page(pypdf.PdfReader(path).pages[0])
    first = tmp_path / "first_page.pdf"
    with open(first, "wb") as fh:
        writer.write(fh)
    with pytest.raises(TruncatedDocumentError,
                       match=r"first_page\.pdf: the document stops in the middle of paragraph 4"):
        cobs.read_document(first)


@pytest.mark.real_data
def test_a_damaged_page_is_a_cobs_error(tmp_path):
    """Bytes cut from the middle of a real PDF: the document opens but a page does not load."""
    from conftest import shared_path

    source = shared_path("crpd-dashboard-pdfs", "concluding_observations", "Andorra_2023_CRPD_C_AND_CO_1.pdf")
    data = source.read_bytes()
    damaged = tmp_path / "damaged_page.pdf"
    damaged.write_bytes(data[:35360] + data[35360 + 3422 :])
    with pytest.raises(DamagedPDFError, match=r"damaged_page\.pdf, page \d+: PDFium cannot read this page"):
        cobs.read_document(damaged)


def test_threads_reading_pdfs_at_once_take_turns_instead_of_crashing():
    """PDFium may not be called from two threads at once (a Dask cluster of threads did, and the interpreter
    died in FPDF_LoadPage): each document is read whole under one lock, with the same result."""
    from concurrent.futures import ThreadPoolExecutor

    from conftest import ROOT

    paths = sorted((ROOT / "corpus").glob("*.pdf"))[:4] * 2
    alone = {path: cobs.read_document(path).paragraphs for path in paths}
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(cobs.read_document, paths))
    for path, doc in zip(paths, together, strict=True):
        pd.testing.assert_frame_equal(doc.paragraphs, alone[path])


@pytest.mark.real_data
def test_the_text_of_pdfiums_own_handles_is_pypdfium2s():
    """read_pdf loads pages and text pages with PDFium's calls, not pypdfium2's objects (for speed), and takes their
    text as PdfTextPage.get_text_range does (_text_range): the same text for every page of real COs."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
    from conftest import shared_path

    from cobs.read._pdf import _text_range

    folder = shared_path("crpd-dashboard-pdfs", "concluding_observations")
    n_pages = 0
    for path in sorted(folder.glob("*.pdf"))[::13]:  # ten of them
        pdf = pdfium.PdfDocument(path.read_bytes())
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                textpage = page.get_textpage()
                try:
                    handle = pdfium_c.FPDFText_LoadPage(page.raw)
                    try:
                        count = pdfium_c.FPDFText_CountChars(handle)
                        assert count == textpage.count_chars()
                        assert _text_range(handle, count) == textpage.get_text_range()
                    finally:
                        pdfium_c.FPDFText_ClosePage(handle)
                finally:
                    textpage.close()
                    page.close()
                n_pages += 1
        finally:
            pdf.close()
    assert n_pages > 100


def test_the_character_queries_without_ctypes_checks_answer_as_pypdfium2s_do(tmp_path):
    """_page_lines calls PDFium's character queries without ctypes' argument checks (_unchecked, for speed): on every
    character of a page they give what pypdfium2's declared functions give (size, weight, box)."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from cobs.read._pdf import _text_range, _unchecked

    pdf = pdfium.PdfDocument(make_pdf(tmp_path / "CRC_C_GEO_CO_5-6.pdf", [PAGE_1]).read_bytes())
    page = pdf[0]
    textpage = page.get_textpage()
    try:
        handle, count = textpage.raw, textpage.count_chars()
        assert count > 500
        assert _text_range(handle, count) == textpage.get_text_range(0, count)
        assert _text_range(handle, 20) == textpage.get_text_range(0, 20)
        size, weight = _unchecked("FPDFText_GetFontSize", ctypes.c_double), _unchecked("FPDFText_GetFontWeight",
                                                                                       ctypes.c_int)
        box = _unchecked("FPDFText_GetCharBox", ctypes.c_int)
        checked, unchecked = [ctypes.c_double() for _ in range(4)], [ctypes.c_double() for _ in range(4)]
        sizes = set()
        for i in range(count):
            assert size(handle, i) == pdfium_c.FPDFText_GetFontSize(handle, i)
            assert weight(handle, i) == pdfium_c.FPDFText_GetFontWeight(handle, i)
            assert box(handle, i, *map(ctypes.byref, unchecked)) == pdfium_c.FPDFText_GetCharBox(
                handle, i, *map(ctypes.byref, checked))
            assert [v.value for v in unchecked] == [v.value for v in checked]
            sizes.add(round(size(handle, i)))
        assert sizes >= {6, 10, 14}  # the page's sizes, the footnote marker's too: not one value everywhere
    finally:
        textpage.close()
        page.close()
        pdf.close()

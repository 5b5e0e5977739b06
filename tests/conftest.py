"""Shared fixtures: the seed, the real documents in ../shared (when present), synthetic PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "CRC_C_KAZ_CO_4.txt"
SHARED = ROOT.parent / "shared" / "data"
CRPD_PDFS = SHARED / "crpd-dashboard-pdfs" / "concluding_observations"
AZE_1 = ROOT / "corpus" / "CRPD_C_AZE_CO_1.pdf"
AZE_23 = ROOT / "corpus" / "CRPD_C_AZE_CO_2-3.pdf"


_RUNNING: list[pytest.Item] = []  # the test being set up or run


def pytest_runtest_setup(item: pytest.Item) -> None:
    _RUNNING[:] = [item]


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test with the reason.

    Only a test marked ``real_data`` may ask (``pytest -m "not real_data"`` is the fast tier,
    which must not read ../shared): an unmarked test that does is an error, not a slow pass.
    """
    if _RUNNING and _RUNNING[0].get_closest_marker("real_data") is None:
        raise RuntimeError(f"{_RUNNING[0].nodeid} reads ../shared/data: mark it @pytest.mark.real_data")
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real documents not available: {path} is absent (they live in ../shared/data beside the "
                    "repository)")
    return path


@pytest.fixture(scope="session", autouse=True)
def _cache_in_a_temporary_folder(tmp_path_factory):
    """Tests never write to the user's ~/cobs_data."""
    import os

    old = os.environ.get("COBS_DATA")
    os.environ["COBS_DATA"] = str(tmp_path_factory.mktemp("cobs_data"))
    yield
    if old is None:
        del os.environ["COBS_DATA"]
    else:
        os.environ["COBS_DATA"] = old


@pytest.fixture(scope="session")
def crpd_corpus():
    """Every CRPD PDF of ../shared with what is known about it independently of cobs, and cobs's reading.

    The language comes from the letter of the UN job number on the first page
    ("GE.24-06344 (E)"; the few documents of 2011-2014 without a letter are English),
    CO or not from the UN symbol in the file name (FCO = follow-up, Add. = addendum).
    """
    import re

    import cobs
    from cobs.errors import CobsError

    folder = shared_path("crpd-dashboard-pdfs", "concluding_observations")
    job = re.compile(r"GE\.\s?\d{2}\s?-\s?\d{4,6}\s*\(([A-Z])\)")
    out = {}
    for path in sorted(folder.glob("*.pdf")):
        text = pdf_text(path)
        letter = job.search(text[:3000])
        try:
            doc, error = cobs.read_document(path), None
        except CobsError as exc:
            doc, error = None, exc
        out[path.name] = {
            "path": path,
            "text": text,
            "language": JOB_LANGUAGE[letter.group(1)] if letter else "en",
            "is_co": "_FCO_" not in path.name and "_Add." not in path.name,
            "doc": doc,
            "error": error,
        }
    return out


JOB_LANGUAGE = {"E": "en", "F": "fr", "S": "es", "A": "ar", "C": "zh", "R": "ru"}


def pdf_pages(path) -> list[str]:
    """PDFium's plain text of each page of a PDF.

    Every PDFium object is closed here, in this thread: PDFium is not thread-safe, and an object left to the
    garbage collector may be finalised in another thread (tqdm's monitor, a joblib feeder) while this one
    reads a PDF, which crashes the interpreter.
    """
    import pypdfium2 as pdfium

    from cobs.read._pdf import PDFIUM_LOCK

    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(path)
        try:
            pages = []
            for i in range(len(pdf)):
                page = pdf[i]
                textpage = page.get_textpage()
                pages.append(textpage.get_text_range())
                textpage.close()
                page.close()
            return pages
        finally:
            pdf.close()


def pdf_text(path) -> str:
    """PDFium's plain text of a PDF, pages joined, line-end hyphens as '-'."""
    return "\r\n".join(pdf_pages(path)).replace("\x02", "-").replace("\ufffe", "-")


@pytest.fixture(scope="session")
def seed_doc():
    import cobs

    return cobs.read_document(SEED)


def make_pdf(path: Path, pages: list[list[tuple]]) -> Path:
    """Write a PDF whose pages hold the given lines.

    Each line is ``(text, top, size, bold)`` or ``(text, top, size, bold, left)``, with
    ``top`` in points from the top of an A4 page and ``left`` in points (default 72).
    Fonts are DejaVu Sans / DejaVu Sans Bold embedded by matplotlib, so bold is
    visible to PDFium through the font name.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.backends.backend_pdf import PdfPages

    width, height = 595.0, 842.0
    with plt.rc_context({"pdf.fonttype": 42}), PdfPages(path, metadata={"CreationDate": None}) as pdf:
        for lines in pages:
            fig = plt.figure(figsize=(width / 72, height / 72))
            for line in lines:
                text, top, size, bold, *rest = line
                left = rest[0] if rest else 72.0
                fig.text(left / width, 1 - top / height, text, fontsize=size, fontweight="bold" if bold else "normal",
                         va="top")
            pdf.savefig(fig)
            plt.close(fig)
    return path


@pytest.fixture(scope="session")
def measured(seed_doc):
    """The seed's measured action table (cobs.measure)."""
    import cobs

    return cobs.measure(seed_doc.paragraphs)


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    """Azerbaijan's two CRPD COs (bundled) merged into one PDF, as a user might have it."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for path in (AZE_1, AZE_23):
        writer.append(str(path))
    out = tmp_path_factory.mktemp("merged") / "aze.pdf"
    writer.write(out)
    return out

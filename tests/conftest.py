"""Shared fixtures: the seed, the real documents in ../shared (when present), synthetic PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "CRC_C_KAZ_CO_4.txt"
SHARED = ROOT.parent / "shared" / "data"
CRPD_PDFS = SHARED / "crpd-dashboard-pdfs" / "concluding_observations"


def shared_path(*parts: str) -> Path:
    """A path under ../shared/data, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real documents not available: {path} is absent (they live in ../shared/data beside the repository)")
    return path


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

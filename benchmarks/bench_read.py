"""How fast cobs reads documents: documents per second for PDF and for plain text, and the cost of reading a PDF.

Usage: python benchmarks/bench_read.py [FOLDER_OF_PDFS] [--ratio-only]

Reads every PDF of the shared CRPD corpus (../shared/data/crpd-dashboard-pdfs/
concluding_observations by default) with cobs.read_document, then the plain text
PDFium extracts from the same PDFs, and prints documents per second, the number of
documents read and refused, and how often the wording-based kind agrees with the
bold of the PDFs (main-section paragraphs: recommendation or not).

It also prints what reading a PDF costs against PDFium's plain text extraction of
the same file (``PdfDocument`` + ``get_textpage().get_text_range()`` of every page):
the ratio of the two times, read_document / plain and read_pdf (cobs.read._pdf, the
lines with their font, bold and position) / plain. Each file is timed five times,
the two methods in turn, and the fastest of each counts: the machine's load moves
single timings by 20 % and more. The ratios are given in wall-clock time and in the
process's CPU time (``time.process_time``: PDFium runs in the process, on one
thread), which other programs running on a busy machine do not inflate.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

import cobs
from cobs.errors import CobsError
from cobs.structure import kind_from_wording, section_kind

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared/data/crpd-dashboard-pdfs/concluding_observations"


def read_all(paths):
    docs, refused = [], 0
    start = time.perf_counter()
    for path in paths:
        try:
            docs.append(cobs.read_document(path))
        except CobsError:
            refused += 1
    return docs, refused, time.perf_counter() - start


def agreement(docs):
    wording = kind = total = 0
    for doc in docs:
        table = doc.paragraphs
        chars = table["text"].str.count(r"\S")
        bold = (table["bold"] * chars).groupby(table["para"]).sum() / chars.groupby(table["para"]).sum()
        own = table[table["sub"] == ""].set_index("para")
        main = own[own["section"].map(lambda s: pd.notna(s) and section_kind(s) is None)]
        is_bold = bold[main.index] >= 0.5
        words = main.apply(lambda r: kind_from_wording(r["text"], r["section"]) == "recommendation", axis=1)
        wording += int((words == is_bold).sum())
        kind += int(((main["kind"] == "recommendation") == is_bold).sum())
        total += len(main)
    return wording, kind, total


def ratios(pdfs, repeats: int = 5, clock=time.perf_counter) -> dict[str, float]:
    """Seconds for the fastest of ``repeats`` runs of each method, summed over the files, by ``clock``."""
    import pypdfium2 as pdfium

    from cobs.read._pdf import read_pdf

    def plain(path, data):
        pdf = pdfium.PdfDocument(data)
        for i in range(len(pdf)):  # everything closed in turn, as read_pdf closes it
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        pdf.close()

    def document(path, data):
        with contextlib.suppress(CobsError):
            cobs.read_document(path)

    methods = {"plain": plain, "read_pdf": read_pdf, "read_document": document}
    best = {name: {} for name in methods}
    for path in pdfs:
        data = path.read_bytes()
        for _ in range(repeats):
            for name, method in methods.items():
                start = clock()
                method(path, data)
                elapsed = clock() - start
                best[name][path] = min(best[name].get(path, elapsed), elapsed)
    return {name: sum(times.values()) for name, times in best.items()}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    folder = Path(args[0]) if args else DEFAULT
    if not folder.is_dir():
        sys.exit(f"bench_read: {folder} is absent; give a folder of CO PDFs")
    pdfs = sorted(folder.glob("*.pdf"))
    for clock, name in ((time.perf_counter, "wall-clock"), (time.process_time, "CPU")):
        seconds = ratios(pdfs, clock=clock)
        print(f"PDF reading against PDFium's plain text, {len(pdfs)} PDFs ({name} time, fastest of 5 runs each): "
              f"plain {seconds['plain']:.2f} s, read_pdf {seconds['read_pdf']:.2f} s "
              f"({seconds['read_pdf'] / seconds['plain']:.2f}x), read_document {seconds['read_document']:.2f} s "
              f"({seconds['read_document'] / seconds['plain']:.2f}x)")
    if "--ratio-only" in sys.argv:
        return
    docs, refused, seconds = read_all(pdfs)
    print(f"PDF : {len(pdfs)} files in {seconds:.2f} s = {len(pdfs) / seconds:.1f} documents/s "
          f"({len(docs)} read, {refused} refused: not English or not a CO)")
    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory() as tmp:
        texts = []
        for path in pdfs:
            pdf = pdfium.PdfDocument(path)
            text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
            pdf.close()
            target = Path(tmp) / (path.stem + ".txt")
            target.write_text(text.replace("\r\n", "\n"), encoding="utf-8")
            texts.append(target)
        tdocs, trefused, tseconds = read_all(texts)
    print(f"text: {len(texts)} files in {tseconds:.2f} s = {len(texts) / tseconds:.1f} documents/s "
          f"({len(tdocs)} read, {trefused} refused)")
    wording, kind, total = agreement(docs)
    print(f"kind vs bold, {total} main-section paragraphs of {len(docs)} PDFs: "
          f"wording alone agrees {wording / total:.1%}, kind (wording + bold) agrees {kind / total:.1%}")


if __name__ == "__main__":
    main()

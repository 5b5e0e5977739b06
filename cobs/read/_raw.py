"""A file's bytes -> its :class:`RawDocument`, with the reader for its format."""

from __future__ import annotations

from pathlib import Path

from cobs.errors import UnsupportedFormatError
from cobs.read._docx import read_docx
from cobs.read._html import read_html
from cobs.read._lines import RawDocument
from cobs.read._pdf import read_pdf
from cobs.read._plain import read_text

__all__ = ["read_raw", "sniff_format"]


def sniff_format(data: bytes) -> str:
    """The format of a file from its first bytes: 'pdf', 'docx', 'doc', 'html' or 'txt'."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    lowered = data[:4096].lower()
    if lowered.lstrip().startswith((b"<!doctype html", b"<html")) or b"<html" in lowered:
        return "html"  # also a page saved by a browser, with a comment before <html>
    return "txt"


def read_raw(
    path: Path, data: bytes, *, format: str | None = None, span: tuple[int, int | None] | None = None
) -> RawDocument:
    """Read a file's bytes with the reader for its format.

    ``span`` reads part of a text file or PDF: lines (text) or pages (PDF) from
    ``span[0]`` up to ``span[1]`` (1-based, the end excluded; None: to the end),
    numbered as in the whole file. It cuts a file that holds several documents.
    """
    kind = format or sniff_format(data)
    if span is not None and kind not in ("pdf", "txt"):
        raise ValueError(f"span reads part of a text or PDF file, not of a {kind} file")
    if kind == "pdf":
        return read_pdf(path, data, pages=span)
    if kind == "txt":
        return read_text(path, data, lines=span)
    if kind == "docx":
        return read_docx(path, data)
    if kind == "html":
        return read_html(path, data)
    if kind == "doc":
        raise UnsupportedFormatError(
            path, "the file is an old binary Word document (.doc); save it as .docx or PDF, or fetch the PDF"
        )
    raise UnsupportedFormatError(path, f"cobs cannot read {kind} files; give a PDF, Word (.docx), HTML or text file")

"""Patterns for lines that are page furniture rather than document text."""

from __future__ import annotations

import re

from cobs.read._language import LANGUAGE_NAMES
from cobs.reference import committees_table

SYMBOL = r"(?:[A-Z]{1,6}(?:\.\d+)?(?:\s?/\s?[A-Z0-9][A-Za-z0-9.\-]{0,12}){2,7})"
"""A UN document symbol: at least three parts between slashes, no words ("HIV/AIDS" is not one)."""
_SYMBOL = SYMBOL
_JOB = r"GE\.\s?\d{2}\s?-\s?\d{4,6}\s*(?:\([A-Z]\))?(?:\s+\d{6}){0,2}"
_PAGE = r"\d{1,3}"
_BARCODE = r"\*\d{7,8}\*"

HEADER = re.compile(
    rf"^(?:{_SYMBOL}|{_JOB}|{_PAGE}|{_BARCODE}|{_SYMBOL}\s+{_PAGE}|{_PAGE}\s+{_SYMBOL}|"
    rf"{_PAGE}\s+{_JOB}|{_JOB}\s+{_PAGE}|Advance unedited version)$"
)
"""A running header: symbol, page number, job number (top margin)."""

FOOTER = re.compile(rf"^(?:{_JOB}|{_PAGE}|{_BARCODE}|{_PAGE}\s+{_JOB}|{_JOB}\s+{_PAGE}|Please recycle)$")
"""A running footer: job number ("GE.24-06344 (E)"), page number, barcode (bottom margin).

A page number followed by a symbol is *not* a footer: "4 CRPD/C/AZE/1." is a footnote.
"""

UNMISTAKABLE = re.compile(rf"^(?:{_JOB}|{_BARCODE}|{_PAGE}\s+{_JOB}|{_JOB}\s+{_PAGE})$")
"""Job numbers and barcodes: furniture wherever they stand."""

TEXT_FURNITURE = re.compile(rf"^(?:{_SYMBOL}|{_JOB}|{_PAGE}|{_BARCODE}|{_JOB}\s+{_PAGE}|{_PAGE}\s+{_JOB})$")
"""Furniture recognisable in plain text, where there is no position to go by."""

MASTHEAD = re.compile(
    r"^(?:United Nations(?:\s+\S+)?|Distr\.:?\s*\w+|Original:\s*\w+(?:\s+\w+)*|"
    rf"(?:{'|'.join(LANGUAGE_NAMES.values())})(?:,\s*\w+)*(?:\s+and\s+\w+)?\s+only|"
    r"\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|Convention on the Rights|of the Child|of Persons with Disabilities|"
    r"International Covenant on.*|International Convention.*|Convention against Torture.*|"
    r"Convention on the Elimination of.*|Advance unedited version|Economic and Social Council|"
    rf"{'|'.join(committees_table()['code'])}|E/C\.12.*)$"  # a committee's code as its logo prints it
)
"""A line of the masthead block at the top of a UN document's first page."""

_PRIVATE_USE = re.compile("[\uf020-\uf07e]")
_PRIVATE_USE_ASCII = {code: code - 0xF000 for code in range(0xF020, 0xF07F)}


def furniture_text(text: str) -> str:
    """A line as compared with the patterns above.

    Barcodes set in a symbol font come out of PDFs as private-use characters
    (U+F02A for "*"); they are read as the ASCII characters they stand for.
    """
    text = text.strip()
    return text.translate(_PRIVATE_USE_ASCII) if _PRIVATE_USE.search(text) else text

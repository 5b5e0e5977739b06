"""The columns of cobs's tables, documented once.

Column names are part of the API: every table cobs returns uses these names
with these meanings, and later steps (measures, comparisons, figures) add
columns rather than rename them.
"""

from __future__ import annotations

PARAGRAPH_COLUMNS: dict[str, str] = {
    "symbol": "UN symbol of the document, e.g. 'CRC/C/KAZ/CO/4'.",
    "committee": "Committee code: CRC, CRPD, CEDAW, CCPR, CESCR, CERD, CAT, CMW or CED.",
    "state": "State code: ISO 3166-1 alpha-3 ('KAZ'); 'EU' for the European Union.",
    "cycle": "Reporting cycle(s) reviewed, as in the symbol: '4', '2-3'.",
    "year": "Year the observations were adopted.",
    "language": "ISO 639-1 code of the document's language (always 'en' for now).",
    "para": "Paragraph number (int).",
    "sub": "'' for the paragraph's own text, 'a', 'b', ... for its lettered sub-paragraphs.",
    "section": "Title of the section (roman-numbered heading) without its numeral.",
    "cluster": "Title of the lettered cluster, with its list of articles, without its letter.",
    "heading": "Unnumbered subheading the paragraph stands under ('Corporal punishment'); '' if none.",
    "kind": "intro, positive, concern, recommendation or other; a sub-paragraph has its paragraph's kind.",
    "text": "The row's text: paragraph number and chapeau (and any text after the items) for sub '', "
    "the item text with its letter for a sub-paragraph. Footnote markers are removed.",
    "page": "1-based page where the row starts (missing for plain text).",
    "line": "1-based line of the file where the row starts (plain text only).",
    "bold": "Share of the row's characters set in bold (missing where typography is unknown).",
}
"""Columns of :attr:`cobs.Document.paragraphs`, in order."""

FOOTNOTE_COLUMNS: dict[str, str] = {
    "symbol": "UN symbol of the document.",
    "label": "The footnote's label: '1', '2', ... or '*'.",
    "text": "Text of the footnote, without its label.",
    "page": "Page where the footnote is printed (missing for plain text).",
    "para": "Paragraph whose text carries the footnote's marker (missing for the title).",
    "sub": "Sub-paragraph carrying the marker ('' for the paragraph's own text).",
}
"""Columns of :attr:`cobs.Document.footnotes`."""

SET_ASIDE_COLUMNS: dict[str, str] = {
    "symbol": "UN symbol of the document.",
    "role": "What the text is: title, masthead, running (header or footer), page_number, section, cluster, "
    "heading, footnote, footnote_marker.",
    "text": "The text set aside, as printed (one line per row).",
    "page": "Page where it is printed (missing for plain text).",
    "line": "Line of the file (plain text only).",
}
"""Columns of :attr:`cobs.Document.set_aside`: everything of the file that is not in a paragraph row."""

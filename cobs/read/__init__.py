"""Readers: a file's bytes -> what cobs works with.

Every file format cobs reads has its reader here:

``read_raw``        a CO's text, PDF, Word or HTML file -> body lines, set-aside lines and footnotes
                    (:func:`sniff_format` tells the format); :mod:`cobs.structure` reads its paragraphs
``identify``        what a file is: symbol, committee, State, cycle, dates, language, type, how many documents
``read_wg_report``  the recommendations a UPR Working Group report lists (:data:`cobs.columns.WG_REPORT_COLUMNS`)
``read_addendum``  the State's answers in a Working Group report's addendum
``read_upr_info``   UPR Info's database exports (:data:`cobs.columns.UPR_INFO_COLUMNS`)
``read_thematic_list``  OHCHR's thematic lists of UPR recommendations, with the groups of persons and SDGs
                    OHCHR tagged them with

The public API is :data:`__all__`. The other names below are cobs's own internal
API for the packages above this floor (the lines a reader gives, the steps of
identifying a document, the UN languages): importable from here, never from the
private modules behind it, and free to change between versions.
"""

from cobs.read._addendum import read_addendum
from cobs.read._dates import adoption_date, session_dates
from cobs.read._identify import Identity, identify, identify_raw, require_english_co, symbol_lines
from cobs.read._language import LANGUAGE_NAMES, detect_language, language_code
from cobs.read._lines import Aside, Footnote, Line, RawDocument, count_visible
from cobs.read._raw import read_raw, sniff_format
from cobs.read._starts import document_starts
from cobs.read._thematic import read_thematic_list
from cobs.read._upr_info import read_upr_info
from cobs.read._wg_report import read_wg_report

__all__ = ["Identity", "identify", "read_addendum", "read_raw", "read_thematic_list", "read_upr_info", "read_wg_report",
           "sniff_format"]

"""Readers: a file's bytes -> what cobs works with.

Every file format cobs reads has its reader here:

``read_raw``        a CO's text, PDF, Word or HTML file -> body lines, set-aside lines and footnotes
                    (:func:`sniff_format` tells the format); :mod:`cobs.structure` reads its paragraphs
``identify``        what a file is: symbol, committee, State, cycle, dates, language, type, how many documents
``read_wg_report``  the recommendations a UPR Working Group report lists (:data:`cobs.columns.WG_REPORT_COLUMNS`)
``read_upr_info``   UPR Info's database exports (:data:`cobs.columns.UPR_INFO_COLUMNS`)
"""

from cobs.read._upr_info import read_upr_info
from cobs.read._wg_report import read_wg_report
from cobs.read.raw import read_raw, sniff_format

__all__ = ["read_raw", "read_upr_info", "read_wg_report", "sniff_format"]

"""Format readers: a file's bytes -> body lines, set-aside lines and footnotes.

Each reader returns a :class:`cobs.read._lines.RawDocument`; the paragraph
structure is read from it by :mod:`cobs.structure`, whatever the format.
:func:`read_raw` picks the reader for a file's format (:func:`sniff_format`).
:func:`read_thematic_list` reads another format: OHCHR's thematic lists of UPR
recommendations, with the groups of persons and SDGs OHCHR tagged them with.
"""

from cobs.read.raw import read_raw, sniff_format
from cobs.read.thematic import read_thematic_list

__all__ = ["read_raw", "read_thematic_list", "sniff_format"]

"""Format readers: a file's bytes -> body lines, set-aside lines and footnotes.

Each reader returns a :class:`cobs.read._lines.RawDocument`; the paragraph
structure is read from it by :mod:`cobs.structure`, whatever the format.
:func:`read_raw` picks the reader for a file's format (:func:`sniff_format`).
"""

from cobs.read.raw import read_raw, sniff_format

__all__ = ["read_raw", "sniff_format"]

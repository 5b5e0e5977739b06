"""The main job: ``cobs report``, one HTML page comparing a corpus of COs, with its figures and tables.

Nothing in cobs imports this package but the command line (it draws on every
floor below it). :func:`write_report` reads and measures the documents once
(:class:`ReportData`), builds the page's sections (:data:`SECTIONS`: a function
each, returning figures, tables and text), draws every figure in the paper style
with ``cobs.plot`` and writes:

``index.html``                   the page: figures embedded (PNG data URIs), no script, readable offline
``figures/<name>.pdf|svg|png``   each figure, byte-identical run after run (``cobs.plot.savefig``)
``figures/<name>-data.csv|parquet``  the table behind it, with the references of the actions counted
``tables/*.csv|parquet``         the corpus tables: paragraphs, actions, citations, and those the page shows
``cobs-report-files.txt``        the files the report wrote: a later report replaces these and keeps any other

The folder is written beside the earlier report and replaces it only when complete (``cobs.report._folder``).
"""

from cobs.report._data import ReportData, bundled_corpus, load
from cobs.report._parts import Figure, Section, Table, Text
from cobs.report._sections import SECTIONS
from cobs.report._write import FIGURE_FORMATS, ReportFiles, write_report

__all__ = [
    "FIGURE_FORMATS",
    "SECTIONS",
    "Figure",
    "ReportData",
    "ReportFiles",
    "Section",
    "Table",
    "Text",
    "bundled_corpus",
    "load",
    "write_report",
]

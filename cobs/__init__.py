"""cobs: comparative text analysis of UN treaty-body concluding observations.

The data flow follows the package layout:

``cobs.read``       files (text, PDF) -> lines, with headers, footers and footnotes set aside
``cobs.structure``  lines -> paragraphs and sub-paragraphs, headings, kinds
``cobs.reference``  States, committees and UN symbols
``cobs.document``   :func:`read_document` ties them together into a :class:`Document`
``cobs.classify``   transparent text classifiers (action category, issues, themes) to validate against human labels
``cobs.validation`` coding samples, inter-coder agreement and confusion tables, for papers
``cobs.datasets``   labelled data from elsewhere (UPR Info's recommendations) for training and validation
"""

from importlib.metadata import PackageNotFoundError, version

from cobs.classify import ActionCategoryClassifier, IssueClassifier, ThemeClassifier
from cobs.columns import FOOTNOTE_COLUMNS, PARAGRAPH_COLUMNS, SET_ASIDE_COLUMNS
from cobs.datasets import UPR_INFO_COLUMNS, load_upr_info, upr_info_labels
from cobs.document import Document, DocumentMeta, read_document
from cobs.errors import CobsError
from cobs.reference import (
    Symbol,
    committee_code,
    committee_name,
    committees_table,
    format_symbol,
    parse_symbol,
    state_code,
    state_name,
    states_table,
)
from cobs.validation import agreement, confusion_table, sample_for_coding

try:
    __version__ = version("cobs")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
    __version__ = "0.0.0"

__all__ = [
    "FOOTNOTE_COLUMNS",
    "PARAGRAPH_COLUMNS",
    "SET_ASIDE_COLUMNS",
    "UPR_INFO_COLUMNS",
    "ActionCategoryClassifier",
    "CobsError",
    "Document",
    "DocumentMeta",
    "IssueClassifier",
    "Symbol",
    "ThemeClassifier",
    "agreement",
    "committee_code",
    "committee_name",
    "committees_table",
    "confusion_table",
    "format_symbol",
    "load_upr_info",
    "parse_symbol",
    "read_document",
    "sample_for_coding",
    "state_code",
    "state_name",
    "states_table",
    "upr_info_labels",
]

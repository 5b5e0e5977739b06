"""cobs: comparative text analysis of UN treaty-body concluding observations.

The data flow follows the package layout:

``cobs.read``       files (text, PDF, Word, HTML) -> lines, with headers, footers and footnotes set aside
``cobs.structure``  lines -> paragraphs and sub-paragraphs, headings, kinds
``cobs.reference``  States, committees, UN symbols, lexicons
``cobs.document``   :func:`read_document` ties them together into a :class:`Document`
``cobs.sources``    :func:`registry`, :func:`fetch`, :func:`fetch_chain`: the COs known to cobs, downloaded by symbol
``cobs.corpus``     :func:`read_corpus`: many documents in one table, cached and in parallel
``cobs.measures``   :func:`actions`, :func:`measure`, :func:`citations`: what each recommendation asks
``cobs.tables``     :func:`read_table`: a table written to CSV, JSON or Parquet, read back with its dtypes
``cobs.provenance`` what made a file cobs wrote (version, parameters), in its metadata or a sidecar, read back
``cobs.classify``   transparent text classifiers (action category, issues, themes) to validate against human labels
``cobs.validation`` coding samples, inter-coder agreement and confusion tables, for papers
``cobs.datasets``   the sample CO (:func:`cobs.datasets.load_sample`); UPR Info's label sets
``cobs.compare``    align cycles, chains, profiles, keyness, boilerplate, similarity; the UPR as a second mechanism
``cobs.plot``       paper figures of these tables (``import cobs.plot``; loaded on first use)
``cobs.topics``     topic models of recommendations: TopicModel, select_k, prevalence, against (loaded on first use)
"""

from cobs._version import __version__ as __version__
from cobs.cache import data_home
from cobs.columns import (
    ACTION_COLUMNS,
    ALIGN_COLUMNS,
    BOILERPLATE_COLUMNS,
    CHAIN_COLUMNS,
    CITATION_COLUMNS,
    CONTRAST_COLUMNS,
    DOMINANT_TOPIC_COLUMNS,
    FOOTNOTE_COLUMNS,
    KEYNESS_COLUMNS,
    MEASURE_COLUMNS,
    PARAGRAPH_COLUMNS,
    PREVALENCE_COLUMNS,
    PROFILE_COLUMNS,
    SELECT_K_COLUMNS,
    SET_ASIDE_COLUMNS,
    SIMILAR_COLUMNS,
    TALLY_COLUMNS,
    THREAD_COLUMNS,
    TOPIC_COLUMNS,
    TOPIC_CROSSTAB_COLUMNS,
    TOPIC_QUALITY_COLUMNS,
    UPR_COLUMNS,
    UPR_INFO_COLUMNS,
    WG_REPORT_COLUMNS,
)
from cobs.corpus import corpus_summary, read_corpus
from cobs.datasets import upr_info_labels
from cobs.document import Document, DocumentMeta, read_document, read_documents
from cobs.errors import CobsError
from cobs.measures import actions, citations, measure, tally
from cobs.read import read_upr_info, read_wg_report
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
from cobs.sources import REGISTRY_COLUMNS, fetch, fetch_chain, registry
from cobs.tables import read_table

# The classifiers and the validation toolkit import scikit-learn (2 s): they are loaded on
# first use, so that reading documents and the command line start in a second.
_ON_FIRST_USE = {
    "ActionCategoryClassifier": "cobs.classify",
    "GoalClassifier": "cobs.classify",
    "GroupClassifier": "cobs.classify",
    "IssueClassifier": "cobs.classify",
    "ThemeClassifier": "cobs.classify",
    "agreement": "cobs.validation",
    "confusion_table": "cobs.validation",
    "reliability": "cobs.validation",
    "sample_for_coding": "cobs.validation",
    "compare": "cobs.compare",  # subpackages reached as attributes after `import cobs` (cobs.plot.mix)
    "plot": "cobs.plot",
    "topics": "cobs.topics",
}


def __getattr__(name: str) -> object:
    if name in _ON_FIRST_USE:
        import importlib

        module = importlib.import_module(_ON_FIRST_USE[name])
        value = module if module.__name__ == f"cobs.{name}" else getattr(module, name)  # a subpackage: itself
        globals()[name] = value
        return value
    raise AttributeError(f"module 'cobs' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__) | set(_ON_FIRST_USE))



# The subpackages compare, topics and plot are reached as cobs.compare, ...; they stay out of __all__ so that
# `from cobs import *` does not import them.
__all__ = [
    "ACTION_COLUMNS",
    "ALIGN_COLUMNS",
    "BOILERPLATE_COLUMNS",
    "CHAIN_COLUMNS",
    "CITATION_COLUMNS",
    "CONTRAST_COLUMNS",
    "DOMINANT_TOPIC_COLUMNS",
    "FOOTNOTE_COLUMNS",
    "KEYNESS_COLUMNS",
    "MEASURE_COLUMNS",
    "PARAGRAPH_COLUMNS",
    "PREVALENCE_COLUMNS",
    "PROFILE_COLUMNS",
    "REGISTRY_COLUMNS",
    "SELECT_K_COLUMNS",
    "SET_ASIDE_COLUMNS",
    "SIMILAR_COLUMNS",
    "TALLY_COLUMNS",
    "THREAD_COLUMNS",
    "TOPIC_COLUMNS",
    "TOPIC_CROSSTAB_COLUMNS",
    "TOPIC_QUALITY_COLUMNS",
    "UPR_COLUMNS",
    "UPR_INFO_COLUMNS",
    "WG_REPORT_COLUMNS",
    "ActionCategoryClassifier",
    "CobsError",
    "Document",
    "DocumentMeta",
    "GoalClassifier",
    "GroupClassifier",
    "IssueClassifier",
    "Symbol",
    "ThemeClassifier",
    "actions",
    "agreement",
    "citations",
    "committee_code",
    "committee_name",
    "committees_table",
    "confusion_table",
    "corpus_summary",
    "data_home",
    "fetch",
    "fetch_chain",
    "format_symbol",
    "measure",
    "parse_symbol",
    "read_corpus",
    "read_document",
    "read_documents",
    "read_table",
    "read_upr_info",
    "read_wg_report",
    "registry",
    "reliability",
    "sample_for_coding",
    "state_code",
    "state_name",
    "states_table",
    "tally",
    "upr_info_labels",
]

"""The sample document shipped with cobs: CRC/C/KAZ/CO/4, for examples and first steps."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from cobs.document import Document, read_document

__all__ = ["SAMPLE_SYMBOL", "load_sample", "sample_path"]

SAMPLE_SYMBOL = "CRC/C/KAZ/CO/4"
"""The symbol of the sample: the Committee on the Rights of the Child's concluding observations on the
fourth periodic report of Kazakhstan, adopted on 2 October 2015."""


def sample_path() -> Path:
    """The path of the sample document's file (plain text, as extracted from the UN PDF; bold is lost).

    The same file as ``corpus/CRC_C_KAZ_CO_4.txt`` of the repository (``corpus/manifest.csv``
    gives its source), installed with the package so that examples run anywhere.

    Examples
    --------
    >>> sample_path().name
    'CRC_C_KAZ_CO_4.txt'
    """
    return Path(str(resources.files("cobs").joinpath("data", "sample", "CRC_C_KAZ_CO_4.txt")))


def load_sample() -> Document:
    """Read the sample document, CRC/C/KAZ/CO/4, as :func:`cobs.read_document` reads any CO.

    Like scikit-learn's ``load_iris``: data at hand for examples, tests and a first
    try, with no download. Each call reads the file again and returns a new
    :class:`cobs.Document`, so changing its tables changes no other caller's.
    For the file itself (to try :func:`cobs.read_document` or the command line
    on it), see :func:`sample_path`.

    Returns
    -------
    Document
        69 paragraphs in 121 rows: 2 of introduction, 4 positive aspects, then
        concerns and recommendations in 9 clusters, and 3 paragraphs on
        implementation and reporting.

    Examples
    --------
    >>> from cobs.datasets import load_sample
    >>> doc = load_sample()
    >>> doc.meta.symbol, doc.meta.state_name, str(doc.meta.date)
    ('CRC/C/KAZ/CO/4', 'Kazakhstan', '2015-10-02')
    >>> len(doc.paragraphs), doc.paragraphs["para"].nunique()
    (121, 69)
    """
    return read_document(sample_path())

"""What the comparison functions accept, checked once: documents, paths and tables.

Every public function of :mod:`cobs.compare` that takes "a document" accepts a
:class:`cobs.Document`, a path to a file :func:`cobs.read_document` reads, or a
table of that one document: a paragraph table (``Document.paragraphs``, a slice
of :func:`cobs.read_corpus`) or an action table (:func:`cobs.actions`,
:func:`cobs.measure`, :func:`cobs.compare.upr_recommendations`). The errors name
the argument, show the value and say what to pass instead.
"""

from __future__ import annotations

import datetime
import os

import pandas as pd

from cobs._checks import check_table
from cobs.errors import invalid_value
from cobs.tables import document_order

__all__ = ["document_tables", "measured"]

_MEASURED = ("articles", "theme", "cluster_id", "previous", "persistence", "action_category", "specificity",
             "time_bound")


def document_tables(value: object, name: str, cache: dict[object, object] | None = None
                    ) -> tuple[pd.DataFrame, pd.DataFrame | None, datetime.date | None]:
    """The measured action table of one document, its paragraph table and its date when they are known.

    Parameters
    ----------
    value : Document, str, os.PathLike or DataFrame
        What the user passed.
    name : str
        The argument's name, for error messages ("earlier").
    cache : dict, optional
        Where a paragraph table's actions are kept, at ``("actions", symbol)`` (as :func:`cobs.compare.change`
        keeps them): taken from there when they are in it, else measured and put there.
    """
    from cobs.document import Document, read_document

    date = None
    if isinstance(value, Document):
        paragraphs: pd.DataFrame | None = value.paragraphs
        date = value.meta.date
    elif isinstance(value, (str, os.PathLike)):
        if not os.path.exists(value):
            raise FileNotFoundError(f"{name}: no such file {os.fspath(value)!r}; give the path of a CO (.txt, .pdf, "
                                    f".docx, .html), a cobs.Document or a table")
        document = read_document(value)
        paragraphs, date = document.paragraphs, document.meta.date
    elif isinstance(value, pd.DataFrame):
        paragraphs = None if "clause" in value.columns else value
    else:
        raise TypeError(invalid_value(name, value, "a cobs.Document, a path or a paragraph/action table (DataFrame) "
                                      "of one document"))
    table: pd.DataFrame = paragraphs if paragraphs is not None else value  # type: ignore[assignment]
    check_table(table, "paragraphs" if paragraphs is not None else "actions", name=name)
    _check_one_document(name, table)
    if cache is None or paragraphs is None or not isinstance(value, pd.DataFrame):
        return measured(table), paragraphs, date
    key = ("actions", str(table["symbol"].iloc[0]))
    if key not in cache:
        cache[key] = measured(table)
    return cache[key], paragraphs, date  # type: ignore[return-value]


def _check_one_document(name: str, table: pd.DataFrame) -> None:
    symbols = list(dict.fromkeys(table["symbol"].tolist()))
    if not symbols:
        raise ValueError(f"{name} has no rows: pass the table of one document")
    if len(symbols) > 1:
        shown = ", ".join(map(str, symbols[:4])) + (", ..." if len(symbols) > 4 else "")
        raise ValueError(
            f"{name} holds {len(symbols)} documents ({shown}); align compares one document with another: pass "
            f"{name}[{name}['symbol'] == {symbols[0]!r}], or use cobs.compare.chain for several cycles"
        )


def measured(table: pd.DataFrame) -> pd.DataFrame:
    """The measured action table of a paragraph or action table (measured once: a measured table is kept)."""
    from cobs.measures import measure

    if "clause" in table.columns and all(c in table.columns for c in _MEASURED):
        return document_order(table)
    return measure(table)

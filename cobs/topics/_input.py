"""What a topic model reads: texts, or a cobs table with its paragraphs, references and templates."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from cobs._checks import check_texts
from cobs.errors import invalid_value

TEMPLATE_THEME = "implementation and reporting"
"""The theme of the implementation-and-reporting paragraphs (follow-up, dissemination, next report)."""

_SEPARATOR = " . "  # between texts joined into one: the analyzer's n-grams do not cross it


@dataclass(frozen=True)
class Corpus:
    """The rows a topic model reads, with what a cobs table says about them.

    ``texts`` are the rows as the model reads them (a row of an action table with
    its chapeau); ``own`` the rows' own texts (the column asked for); ``paragraph``
    numbers the paragraphs (rows of one paragraph share a number; None for plain
    texts); ``template`` flags implementation-and-reporting rows; ``labels`` names
    each row in examples (its ``ref`` where the table has one, else its text).
    """

    own: list[str]
    chapeaus: list[str]
    labels: list[str]
    template: np.ndarray
    paragraph: np.ndarray | None
    document: np.ndarray | None
    committees: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.own)

    @property
    def texts(self) -> list[str]:
        """Each row as the model reads it: its chapeau (if any), then its own text."""
        return [f"{c}{_SEPARATOR}{t}" if c else t for c, t in zip(self.chapeaus, self.own, strict=True)]

    def paragraphs(self) -> tuple[list[str], np.ndarray]:
        """The text of each paragraph (its distinct chapeaus and its rows' texts, in order) and its template flag.

        Without paragraphs (plain texts), each row is its own paragraph.
        """
        if self.paragraph is None:
            return list(self.texts), self.template.copy()
        n = int(self.paragraph.max()) + 1 if len(self.paragraph) else 0
        parts: list[list[str]] = [[] for _ in range(n)]
        flags = np.zeros(n, dtype=bool)
        for chapeau, text, p, flag in zip(self.chapeaus, self.own, self.paragraph, self.template, strict=True):
            if chapeau and chapeau not in parts[p]:  # a chapeau once, however many items it introduces
                parts[p].append(chapeau)
            if text:
                parts[p].append(text)
            flags[p] |= bool(flag)
        return [_SEPARATOR.join(p) for p in parts], flags


def _blank(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value))


def read_input(X: object, *, column: str, name: str = "X") -> Corpus:
    """``X`` (texts, or a table and the name of its text column) as a :class:`Corpus`, or an error naming the fix."""
    if isinstance(X, pd.DataFrame):
        return _read_table(X, column=column, name=name)
    texts = check_texts(X, name, expected="a sequence of texts or a cobs table", vectorises="the topic model",
                        instead="a list of str, or a table and column=")
    return Corpus(own=texts, chapeaus=[""] * len(texts), labels=texts, template=np.zeros(len(texts), dtype=bool),
                  paragraph=None, document=None, committees=())


def _read_table(table: pd.DataFrame, *, column: str, name: str) -> Corpus:
    if not isinstance(column, str) or column not in table.columns:
        shown = ", ".join(map(repr, list(table.columns)[:12])) + (", ..." if table.shape[1] > 12 else "")
        raise ValueError(invalid_value("column", column, f"a column of {name} ({shown})",
                                       "pass the name of the text column, e.g. column='text'"))
    own = ["" if _blank(v) else v for v in table[column].tolist()]
    for i, text in enumerate(own):
        if not isinstance(text, str):
            raise TypeError(invalid_value(f"{name}[{column!r}][{i}]", text, "a str",
                                          "column= names the column of texts"))
    chapeaus = [""] * len(own)
    if "chapeau" in table.columns and column != "chapeau":
        chapeaus = ["" if _blank(v) else str(v) for v in table["chapeau"].tolist()]
    paragraph = document = None
    if {"symbol", "para"} <= set(table.columns):
        keys = pd.MultiIndex.from_arrays([table["symbol"].astype(object), table["para"].astype(object)])
        paragraph = pd.factorize(keys)[0].astype(np.int64)
        document = pd.factorize(table["symbol"].astype(object))[0].astype(np.int64)
    elif "symbol" in table.columns:
        document = pd.factorize(table["symbol"].astype(object))[0].astype(np.int64)
    if "ref" in table.columns:
        labels = [t if _blank(r) or not r else str(r) for r, t in zip(table["ref"].tolist(), own, strict=True)]
    else:
        labels = own
    committees: tuple[str, ...] = ()
    if "committee" in table.columns:
        committees = tuple(sorted({str(c) for c in table["committee"].tolist() if not _blank(c) and c}))
    return Corpus(own=own, chapeaus=chapeaus, labels=labels, template=template_rows(table), paragraph=paragraph,
                  document=document, committees=committees)


def template_rows(table: pd.DataFrame) -> np.ndarray:
    """Rows of the implementation-and-reporting cluster: follow-up, dissemination, next report.

    An action table says so in ``cluster_id`` (``IMPL``) and ``theme``; a paragraph
    table is classified from its ``cluster``, ``section`` and ``heading`` as
    :func:`cobs.measure` does. A table with none of these columns has no template rows.

    Returns
    -------
    numpy.ndarray
        One bool per row of ``table``: True for a template row, which
        :class:`TopicModel` leaves out unless ``templates="keep"``.

    Examples
    --------
    >>> import cobs, cobs.topics
    >>> acts = cobs.measure(cobs.datasets.load_sample().paragraphs)
    >>> flags = cobs.topics.template_rows(acts)
    >>> sorted(set(acts.loc[flags, "cluster_id"]))
    ['IMPL']
    """
    def values(name: str) -> list[str]:
        return ["" if _blank(v) else str(v) for v in table[name].tolist()]

    flags = np.zeros(len(table), dtype=bool)
    if "cluster_id" in table.columns or "theme" in table.columns:
        if "cluster_id" in table.columns:
            flags |= np.array([v == "IMPL" for v in values("cluster_id")], dtype=bool)
        if "theme" in table.columns:
            flags |= np.array([v == TEMPLATE_THEME for v in values("theme")], dtype=bool)
        return flags
    if "cluster" in table.columns and "committee" in table.columns:
        from cobs.measures.strings import cluster_id, theme

        clusters, committees = values("cluster"), values("committee")
        sections = values("section") if "section" in table.columns else [""] * len(table)
        headings = values("heading") if "heading" in table.columns else [""] * len(table)
        for i, (cl, co, se, he) in enumerate(zip(clusters, committees, sections, headings, strict=True)):
            flags[i] = cluster_id(cl, co, se) == "IMPL" or theme(he, cl, co) == TEMPLATE_THEME
    return flags

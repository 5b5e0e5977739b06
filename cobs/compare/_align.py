"""Which recommendations of a later document repeat, modify or drop those of an earlier one.

The evidence, strongest first:

1. an explicit citation: the later text or its footnotes cite the earlier CO and
   paragraph ("reiterates ... (CRPD/C/AZE/CO/1, para. 13)", "paragraph 48 of its
   previous concluding observations") -- a hard link, whatever the wording;
2. the wording: TF-IDF cosine of the two texts once the committees' formula
   phrases are left out (:mod:`cobs.text`), on stemmed words, each recommendation
   read with the concern paragraph just before it (which often names what a
   short recommendation is about);
3. the filing: the same theme (the subheading's article or topic) adds a bonus
   to the wording's score. It lowers the bar; it never forbids a link, since
   requests move between articles across cycles (CRPD media accessibility: art. 9,
   then art. 21).

A later recommendation is linked to the earlier one that scores best for it, and
an earlier one to the later one that scores best for it, when the score reaches
``threshold``; beyond its best match a recommendation is also linked to every
other scoring ``threshold_many`` or more (a later paragraph may gather several
earlier ones). A link is ``repeated`` when the wording's cosine reaches
``threshold_repeated`` (or the text cites the paragraph and reiterates it), else
``modified``. Later recommendations left without a link are ``new``, earlier
ones ``dropped``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from cobs.compare._input import check_option, document_tables
from cobs.compare._units import units
from cobs.measures import STRENGTH_DTYPE

__all__ = ["AlignOptions", "align", "link_units"]

Level = Literal["paragraph", "item"]

_REITERATES = re.compile(r"\breiterat|\bonce\s+again\b", re.IGNORECASE)


@dataclass(frozen=True)
class AlignOptions:
    """The options of :func:`align` once checked (one place for defaults and checks)."""

    level: Level = "paragraph"
    threshold: float = 0.325
    theme_bonus: float = 0.20
    threshold_many: float = 0.50
    threshold_repeated: float = 0.30
    context: bool = True
    citations: bool = True

    def __post_init__(self) -> None:
        check_option("level", self.level, ("paragraph", "item"))
        for name in ("threshold", "theme_bonus", "threshold_many", "threshold_repeated"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"{name} must be a number, got {type(value).__name__} ({value!r})")
            if not value >= 0:  # also refuses NaN
                raise ValueError(f"{name} must be a number >= 0, got {value!r}")
        for name in ("context", "citations"):
            if not isinstance(getattr(self, name), bool):
                raise TypeError(f"{name} must be True or False, got {getattr(self, name)!r}")


def align(
    earlier: object,
    later: object,
    *,
    level: Level = "paragraph",
    threshold: float = 0.325,
    theme_bonus: float = 0.20,
    threshold_many: float = 0.50,
    threshold_repeated: float = 0.30,
    context: bool = True,
    citations: bool = True,
) -> pd.DataFrame:
    """Link the recommendations of a later document to those of an earlier one.

    Parameters
    ----------
    earlier, later : Document, path or DataFrame
        Two documents, each a :class:`cobs.Document`, a path :func:`cobs.read_document`
        reads, or the paragraph table (``Document.paragraphs``, one document of
        :func:`cobs.read_corpus`) or action table (:func:`cobs.measure`) of one
        document. Usually two cycles of one State's reports to one committee.
    level : {"paragraph", "item"}, default "paragraph"
        Compare whole recommendation paragraphs (with their lettered items), or
        each item and each paragraph's own request on its own. The defaults were
        measured at paragraph level.
    threshold : float, default 0.325
        Least score of a link: the TF-IDF cosine of the two texts plus
        ``theme_bonus`` when they share a theme. Chosen, with the next two, by a grid
        search on two hand-read cycle pairs (Mexico, Sweden): link F1 0.90 there
        (see ``benchmarks/bench_align.py`` for the figures on held-out pairs).
    theme_bonus : float, default 0.20
        Added to the score of two recommendations filed under the same theme
        (``theme`` of :func:`cobs.measure`: the subheading's article or topic). 0
        compares wording alone.
    threshold_many : float, default 0.40
        A recommendation is linked to its best-scoring counterpart (either way) when
        that reaches ``threshold``, and also to every other counterpart scoring
        ``threshold_many`` or more. ``math.inf``: best matches only.
    threshold_repeated : float, default 0.45
        Cosine of the wording from which a link is ``repeated`` rather than
        ``modified``; a cited paragraph that the text "reiterates" is ``repeated``
        whatever its wording.
    context : bool, default True
        Read each recommendation together with the concern paragraph just before it
        under the same subheading (needs a paragraph table, Document or path: an
        action table has no concerns). Raised link F1 on the tuning pairs from 0.88
        to 0.90 and "new" F1 from 0.84 to 0.89.
    citations : bool, default True
        Honour explicit citations of the earlier CO and paragraph as hard links
        (``evidence == "citation"``), whatever the wording.

    Returns
    -------
    pandas.DataFrame
        One row per link and per unmatched recommendation; columns
        :data:`cobs.columns.ALIGN_COLUMNS`. Links come in the later document's
        order (then the earlier's), ``new`` rows in place, ``dropped`` rows last.

    Raises
    ------
    TypeError
        If ``earlier`` or ``later`` is neither a Document, a path nor a DataFrame,
        or an option has the wrong type.
    ValueError
        If a table lacks the columns of a paragraph or action table, holds several
        documents, or an option is out of range.

    See Also
    --------
    chain : three or more cycles.

    Examples
    --------
    >>> import cobs.compare
    >>> links = cobs.compare.align("corpus/CRPD_C_AZE_CO_1.pdf", "corpus/CRPD_C_AZE_CO_2-3.pdf")
    >>> sorted(links["status"].unique())
    ['dropped', 'modified', 'new', 'repeated']
    >>> row = links.query("later_para == 12 and earlier_para == 13").iloc[0]
    >>> row["evidence"], row["status"]
    ('citation', 'repeated')
    """
    options = AlignOptions(level=level, threshold=threshold, theme_bonus=theme_bonus, threshold_many=threshold_many,
                           threshold_repeated=threshold_repeated, context=context, citations=citations)
    early_actions, early_paragraphs = document_tables(earlier, "earlier")
    late_actions, late_paragraphs = document_tables(later, "later")
    early = units(early_actions, early_paragraphs, level=options.level, context=options.context)
    late = units(late_actions, late_paragraphs, level=options.level, context=options.context)
    return link_units(early, late, options)


def _committees(*tables: pd.DataFrame) -> list[str]:
    return sorted({str(c) for t in tables for c in t["committee"].dropna().unique()})


def _scores(early: pd.DataFrame, late: pd.DataFrame) -> np.ndarray:
    """TF-IDF cosine of every later unit (rows) with every earlier unit (columns)."""
    from cobs.text import vectorizer

    early_texts = (early["text"] + " " + early["context"]).tolist()
    late_texts = (late["text"] + " " + late["context"]).tolist()
    if not early_texts or not late_texts:
        return np.zeros((len(late_texts), len(early_texts)))
    tfidf = vectorizer(ngram_range=(1, 1), formula=("frame", "generic", "treaty"),
                       committees=_committees(early, late), stem=True)
    try:
        tfidf.fit(early_texts + late_texts)
    except ValueError:  # no word left at all (texts made only of formula phrases)
        return np.zeros((len(late_texts), len(early_texts)))
    return (tfidf.transform(late_texts) @ tfidf.transform(early_texts).T).toarray()


def _hard_links(early: pd.DataFrame, late: pd.DataFrame) -> np.ndarray:
    """Later units (rows) citing earlier units (columns) by paragraph."""
    out = np.zeros((len(late), len(early)), dtype=bool)
    if not len(early):
        return out
    symbol = str(early["symbol"].iloc[0])
    paras = early["para"].to_numpy()
    for i, cited in enumerate(late["cited"]):
        for cited_symbol, para in cited:
            if cited_symbol not in ("", symbol):
                continue
            hits = np.flatnonzero(paras == para)
            if not len(hits):  # a concern paragraph cited: its recommendation follows under the same heading
                hits = np.flatnonzero((paras > para) & (paras <= para + 2))[:1]
            out[i, hits] = True
    return out


def link_units(early: pd.DataFrame, late: pd.DataFrame, options: AlignOptions) -> pd.DataFrame:
    """The link table of two unit tables (:func:`cobs.compare._units.units`)."""
    cosine = _scores(early, late)
    same_theme = np.array([[bool(a) and a == b for b in early["theme"]] for a in late["theme"]], dtype=bool)
    same_theme = same_theme.reshape(len(late), len(early))
    score = cosine + options.theme_bonus * same_theme
    hard = _hard_links(early, late) if options.citations else np.zeros_like(same_theme)
    linked = np.zeros_like(same_theme)
    if score.size:
        best_for_late = score >= score.max(axis=1, keepdims=True)
        best_for_early = score >= score.max(axis=0, keepdims=True)
        linked = (score >= options.threshold) & (best_for_late | best_for_early)
        linked |= score >= max(options.threshold_many, options.threshold)
        linked |= hard
    shared_article = np.array([[bool(set(a) & set(b)) for b in early["articles"]] for a in late["articles"]],
                              dtype=bool).reshape(len(late), len(early))
    reiterates = np.array([bool(_REITERATES.search(t)) for t in late["text"]], dtype=bool)
    rows: list[dict[str, object]] = []
    for i in range(len(late)):
        targets = np.flatnonzero(linked[i])
        if not len(targets):
            rows.append(_row(None, late.iloc[i], "new"))
            continue
        for j in sorted(targets, key=lambda j: (-score[i, j], early["para"].iat[j], early["sub"].iat[j])):
            if hard[i, j]:
                evidence = "citation"
                status = "repeated" if reiterates[i] or cosine[i, j] >= options.threshold_repeated else "modified"
            else:
                evidence = "text+article" if same_theme[i, j] or shared_article[i, j] else "text"
                status = "repeated" if cosine[i, j] >= options.threshold_repeated else "modified"
            rows.append(_row(early.iloc[j], late.iloc[i], status, cosine[i, j], score[i, j], evidence))
    for j in np.flatnonzero(~linked.any(axis=0)) if linked.size else range(len(early)):
        rows.append(_row(early.iloc[j], None, "dropped"))
    return _table(rows)


def _row(
    early: pd.Series | None, late: pd.Series | None, status: str, similarity: float | None = None,
    score: float | None = None, evidence: str | None = None,
) -> dict[str, object]:
    row: dict[str, object] = {"status": status, "similarity": similarity, "score": score, "evidence": evidence}
    for prefix, unit in (("earlier", early), ("later", late)):
        for column in ("symbol", "para", "sub", "ref", "verb", "strength", "text"):
            row[f"{prefix}_{column}"] = unit[column] if unit is not None else None
    theme_from = late if late is not None else early
    row["theme"] = theme_from["theme"] if theme_from is not None and theme_from["theme"] else None
    row["change"] = _change(early, late) if status in ("repeated", "modified") else None
    row["grade"] = {"repeated": "same", "modified": "overlapping"}.get(status)
    return row


def _change(early: pd.Series | None, late: pd.Series | None) -> str | None:
    if early is None or late is None or pd.isna(early["strength"]) or pd.isna(late["strength"]):
        return None
    order = list(STRENGTH_DTYPE.categories)
    before, after = order.index(early["strength"]), order.index(late["strength"])
    return "escalated" if after > before else "softened" if after < before else "same"


def _table(rows: list[dict[str, object]]) -> pd.DataFrame:
    from cobs.columns import ALIGN_COLUMNS

    out = pd.DataFrame.from_records(rows, columns=list(ALIGN_COLUMNS))
    for column in ("earlier_para", "later_para"):
        out[column] = out[column].astype("Int64")
    for column in ("earlier_strength", "later_strength"):
        out[column] = pd.Categorical(out[column], dtype=STRENGTH_DTYPE)
    for column in ("similarity", "score"):
        out[column] = out[column].astype("Float64")
    for column in ALIGN_COLUMNS:
        if column not in ("earlier_para", "later_para", "earlier_strength", "later_strength", "similarity", "score"):
            out[column] = out[column].astype("string")
    return out

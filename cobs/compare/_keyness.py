"""Keyness: the words and phrases distinctive of a document or group against a reference.

As quanteda's ``textstat_keyness``: for each term a 2x2 table (the term, all other
terms; target, reference), Dunning's log-likelihood G2 and Pearson's chi-square with
their p-values (1 degree of freedom), the raw counts and rates beside them, and an
effect size: Hardie's Log Ratio, log2 of the ratio of the relative frequencies (a
count of 0 taken as 0.5, so that a term absent from one side has a finite ratio).

What a referee asks of it, and what it does:

* **Many tests.** Thousands of terms are tested at once: Benjamini-Hochberg q-values
  (``q_value``) and Bonferroni-adjusted p-values (``p_bonferroni``) stand beside
  ``p_value`` (:func:`cobs.stats.adjust_p`); read q < 0.05, not p < 0.05.
* **Small tables.** quanteda's corrections, with its defaults: Williams' correction
  of G2 (Williams 1976: G2 divided by 1 + (N/r1 + N/r2 - 1)(N/c1 + N/c2 - 1) / 6N) and
  Yates' continuity correction of chi2 (``correction=``).
* **One paragraph is not evidence.** Tokens are counted as independent draws, which
  they are not: one paragraph that repeats a word makes it "significant". Each term
  gets its dispersion (the paragraphs and documents using it on each side), and a term
  used in fewer than ``min_paragraphs`` paragraphs of the side it is distinctive of is
  left out before testing.
* **The years.** A word frequent in one CO may be frequent in every CO of its years:
  where both sides have years, the reference is by default the rows adopted within
  ``window`` years of the target's (listed in ``table.attrs["reference_symbols"]``).
* **Names.** A State's CO names its State: State names, demonyms and adjectives of
  nationality (:func:`cobs.reference.state_words`) are left out by default, and
  hyphenated words are kept whole ("disability-based", not "based discrimination").
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from cobs._checks import check_choice, check_flag, check_int, check_table
from cobs._ranking import ranking
from cobs.errors import invalid_value

__all__ = ["keyness"]


def _rows(table: pd.DataFrame, column: str) -> pd.DataFrame:
    """The rows whose texts are counted: a paragraph table's recommendations, those that hold a text."""
    if "kind" in table.columns and "clause" not in table.columns and column == "text":
        table = table[table["kind"] == "recommendation"]
    return table[np.array([isinstance(t, str) for t in table[column].tolist()], dtype=bool)]


def _cites(table: pd.DataFrame) -> list[str]:
    """Each row's reference: its ``ref``, or for a paragraph table "symbol, para. N (sub)" as cobs.measure cites."""
    if "ref" in table.columns:
        return table["ref"].astype(object).tolist()
    subs = table["sub"].fillna("").astype(str).tolist() if "sub" in table.columns else [""] * len(table)
    return [f"{symbol}, para. {para}" + (f" ({sub})" if sub else "")
            for symbol, para, sub in zip(table["symbol"].tolist(), table["para"].tolist(), subs, strict=True)]


_ANALYZERS: dict[object, object] = {}
"""One Analyzer of each set of options keyness used (its own equal: _counted's cache then finds it at once)."""
_TERM_IDS: dict[str, int] = {}
"""Every term :func:`_counted` met, numbered in the order met (the same number whatever the call)."""
_TERMS: list[str] = []
"""The terms of :data:`_TERM_IDS`, by number."""


@functools.lru_cache(maxsize=32_768)
def _counted(analyzer: object, text: str) -> tuple[np.ndarray, np.ndarray]:
    """The terms of ``text`` (numbers of :data:`_TERM_IDS`, ascending) and how often each occurs, once per text and
    options: the report's keyness of each of a hundred COs counts the same paragraphs of reference again and
    again."""
    numbers = []
    for term in analyzer(text):  # type: ignore[operator]
        number = _TERM_IDS.get(term)
        if number is None:
            number = _TERM_IDS[term] = len(_TERMS)
            _TERMS.append(term)
        numbers.append(number)
    ids, counts = np.unique(np.array(numbers, dtype=np.int64), return_counts=True)
    return ids, counts.astype(np.int64)


def _counts(analyzer: object, texts: list[str]) -> tuple[object, np.ndarray]:
    """The term counts of ``texts`` (a texts x terms sparse matrix, int64) and the terms, sorted: what scikit-learn's
    CountVectorizer(analyzer=analyzer).fit_transform and get_feature_names_out give, from each text's counts kept
    by :func:`_counted` (the counts are integers: their sums are the same in any order)."""
    import scipy.sparse as sp

    counted = [_counted(analyzer, text) for text in texts]
    ids = np.concatenate([i for i, _ in counted]) if counted else np.zeros(0, dtype=np.int64)
    counts = np.concatenate([c for _, c in counted]) if counted else np.zeros(0, dtype=np.int64)
    vocabulary, column = np.unique(ids, return_inverse=True)
    terms = [_TERMS[i] for i in vocabulary.tolist()]
    order = sorted(range(len(terms)), key=terms.__getitem__)  # as scikit-learn sorts its vocabulary (str order)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    indptr = np.concatenate([[0], np.cumsum([len(i) for i, _ in counted], dtype=np.int64)])
    matrix = sp.csr_matrix((counts, rank[column.ravel()], indptr), shape=(len(texts), len(terms)), dtype=np.int64)
    return matrix, np.array([terms[k] for k in order], dtype=object)


CORRECTIONS = ("default", "williams", "yates", "none")
"""The corrections :func:`keyness` knows, as quanteda's ``textstat_keyness``."""


def _selected(value: object, name: str, column: str) -> tuple[list[str], pd.DataFrame | None]:
    """The texts counted and, for a table, the rows they come from."""
    if isinstance(value, pd.DataFrame):
        check_table(value, [column], name=name, what="a table with texts")
        if value.empty:
            raise ValueError(f"{name} has no rows: the selection that made it matched nothing (a State, symbol or "
                             f"year not in the table?)")
        rows = _rows(value, column)
        return rows[column].tolist(), rows
    if isinstance(value, pd.Series):
        return [t for t in value.tolist() if isinstance(t, str)], None
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise TypeError(invalid_value(name, value, "a table (paragraphs, actions), a Series or a list of texts"))
    texts = list(value)
    for k, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(invalid_value(f"{name}[{k}]", text, "a str"))
    return texts, None


def _units(rows: pd.DataFrame | None, n: int) -> tuple[np.ndarray, np.ndarray | None]:
    """Each text's paragraph (symbol and number, else the text itself) and document (symbol, else None)."""
    if rows is None or "symbol" not in rows.columns:
        return np.arange(n), None
    symbols = rows["symbol"].astype(str).to_numpy()
    if "para" in rows.columns:
        numbers: dict[tuple[str, str], int] = {}  # each (symbol, paragraph) numbered in the order met
        paragraphs = np.array([numbers.setdefault((symbol, str(para)), len(numbers))
                               for symbol, para in zip(symbols.tolist(), rows["para"].tolist(), strict=True)],
                              dtype=np.int64)
    else:
        paragraphs = np.arange(n)
    return paragraphs, pd.factorize(symbols)[0]


def _users(present: object, groups: np.ndarray | None) -> np.ndarray | None:
    """How many groups (paragraphs, documents) use each term: present is a (texts x terms) 0/1 sparse matrix."""
    if groups is None:
        return None
    import scipy.sparse as sp

    membership = sp.csr_matrix((np.ones(len(groups)), (groups, np.arange(len(groups)))),
                               shape=(int(groups.max()) + 1 if len(groups) else 0, len(groups)))
    return np.asarray(((membership @ present) > 0).sum(axis=0)).ravel()


def _same_period(target_rows: pd.DataFrame | None, reference: object, window: int | None) -> object:
    """The reference rows adopted within ``window`` years of the target's, where both sides have years."""
    if window is None or target_rows is None or not isinstance(reference, pd.DataFrame):
        return reference
    if "year" not in target_rows.columns or "year" not in reference.columns:
        return reference
    years = pd.to_numeric(target_rows["year"], errors="coerce").dropna()
    if years.empty:
        return reference
    first, last = int(years.min()) - window, int(years.max()) + window
    theirs = pd.to_numeric(reference["year"], errors="coerce")
    kept = reference[theirs.between(first, last).fillna(False).to_numpy(dtype=bool)]
    if kept.empty:
        raise ValueError(f"reference has no row adopted in {first}-{last}, within window={window} years of the "
                         f"target's: give more documents of those years, or window=None to compare with all")
    return kept


def keyness(
    target: pd.DataFrame | pd.Series | Sequence[str],
    reference: pd.DataFrame | pd.Series | Sequence[str],
    *,
    column: str = "text",
    ngram_range: tuple[int, int] = (1, 2),
    formula: Collection[str] = ("frame", "generic"),
    min_count: int = 3,
    min_paragraphs: int = 2,
    window: int | None = 2,
    correction: Literal["default", "williams", "yates", "none"] = "default",
    names: bool = False,
    refs: bool = False,
) -> pd.DataFrame:
    """The words and phrases that set ``target`` apart from ``reference``, with error control.

    Parameters
    ----------
    target, reference : DataFrame, Series or list of str
        The texts compared: tables (a paragraph table's recommendation paragraphs, or
        an action table's rows, in ``column``), Series or lists of texts. Select the
        documents or groups yourself: ``table[table["state"] == "KAZ"]`` against
        ``table[table["state"] != "KAZ"]``.
    column : str, default "text"
        The column of texts in a table.
    ngram_range : tuple (min_n, max_n), default (1, 2)
        Words (1) and two-word phrases (2), as :class:`cobs.text.Analyzer` cuts them:
        without English stop words and the committees' formula phrases, never across
        a sentence or a phrase left out, hyphenated words whole.
    formula : collection of {"frame", "generic", "treaty"}, default ("frame", "generic")
        Formula phrases left out (:func:`cobs.text.formula_phrases`); ``()`` keeps all.
    min_count : int, default 3
        Leave out terms seen fewer times in both texts together.
    min_paragraphs : int, default 2
        Leave out, before testing, a term used in fewer paragraphs of the side it is
        more frequent in (a paragraph: a table's ``symbol`` and ``para``, or one text
        of a list). 1 keeps every term.
    window : int or None, default 2
        Where both sides are tables with ``year``: compare with the reference rows
        adopted within ``window`` years of the target's years (the committee's
        drafting of the same period); None compares with all. The reference documents
        used are listed in ``table.attrs["reference_symbols"]``.
    correction : {"default", "williams", "yates", "none"}, default "default"
        As quanteda's ``textstat_keyness``: "default" applies Williams' correction to
        G2 and Yates' to chi2; "williams" or "yates" applies that correction to both;
        "none" to neither. G2 with Williams' correction is the better test for the
        small counts of most terms (Williams 1976; Rayson and Garside 2000 use G2);
        the p-value is G2's.
    names : bool, default False
        Keep State names, demonyms and adjectives of nationality ("denmark",
        "salvadoran"), which a State's CO uses by construction; left out by default
        (:func:`cobs.reference.state_words`).
    refs : bool, default False
        Also list, for each term, the ``ref`` of the rows that use it: ``target_refs``
        and ``reference_refs`` ("CRPD/C/AZE/CO/2-3, para. 26"), so that a keyness
        figure can be traced to the recommendations behind it (a paragraph table's
        rows are cited as :func:`cobs.measure` cites them). Needs tables on both sides.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`cobs.columns.KEYNESS_COLUMNS`: ``term``, the counts, rates
        (per 10,000 terms of the same length), paragraphs and documents using it on
        each side (documents NA for lists of texts), ``g2``, ``chi2``, ``p_value`` (of
        G2), ``q_value`` (Benjamini-Hochberg over the terms tested), ``p_bonferroni``,
        ``log_ratio`` and ``direction`` ("target" where the term is relatively more
        frequent in the target, else "reference"). Sorted by ``g2``, most distinctive
        first (of either side), then by term: values of G2 within 1e-9 of the largest of
        each other count as equal, so that two terms of mirrored counts come in the order
        of their terms on every machine. ``attrs``: ``reference_symbols`` (the
        reference's documents, where known) and ``tested`` (the number of terms tested).

    Examples
    --------
    >>> import cobs, cobs.compare
    >>> table = cobs.read_corpus("corpus")
    >>> crc = table[table["committee"] == "CRC"]
    >>> crpd = table[table["committee"] == "CRPD"]
    >>> key = cobs.compare.keyness(crc, crpd)
    >>> key.query("direction == 'target' and q_value < 0.05")["term"].head(3).tolist()
    ['children', 'child', 'children rights']
    >>> key.attrs["reference_symbols"]  # adopted in 2013-2017, within 2 years of CRC/C/KAZ/CO/4 (2015)
    ['CRPD/C/ARM/CO/1', 'CRPD/C/AZE/CO/1', 'CRPD/C/MDA/CO/1', 'CRPD/C/NZL/CO/1', 'CRPD/C/TKM/CO/1']
    """
    from cobs.stats import adjust_p
    from cobs.text import Analyzer

    min_count = check_int(min_count, "min_count")
    min_paragraphs = check_int(min_paragraphs, "min_paragraphs")
    window = check_int(window, "window", least=0, allow_none=True, expected="a number of years >= 0")
    check_choice(correction, "correction", CORRECTIONS)
    names = check_flag(names, "names")
    if not isinstance(column, str):
        raise TypeError(invalid_value("column", column, "a column name (str)"))
    refs = check_flag(refs, "refs")
    if refs:
        for name, value in (("target", target), ("reference", reference)):
            if not (isinstance(value, pd.DataFrame) and ("ref" in value.columns
                                                         or {"symbol", "para"} <= set(value.columns))):
                raise ValueError(invalid_value(name, type(value).__name__, "a paragraph or action table (with "
                                               "'ref', or 'symbol' and 'para') when refs=True"))
    first, first_rows = _selected(target, "target", column)
    reference = _same_period(first_rows, reference, window)
    second, second_rows = _selected(reference, "reference", column)
    if not first or not second:
        raise ValueError(f"{'target' if not first else 'reference'} has no text to count; select rows that hold "
                         f"recommendations (kind == 'recommendation') or pass a list of texts")
    from cobs.reference import state_words

    analyzer = Analyzer(ngram_range=ngram_range, formula=formula, hyphens=True,
                        leave_out=() if names else state_words())
    matrix, terms = _counts(_ANALYZERS.setdefault(analyzer, analyzer), first + second)
    if not len(terms):  # nothing left once stop words and formula phrases are out
        raise ValueError("no term left to count once stop words and formula phrases are left out")
    matrix = matrix.tocsc()
    a = np.asarray(matrix[: len(first)].sum(axis=0)).ravel().astype(float)
    b = np.asarray(matrix[len(first):].sum(axis=0)).ravel().astype(float)
    length = np.array([t.count(" ") + 1 for t in terms])
    total_a = np.zeros_like(a)
    total_b = np.zeros_like(b)
    for n in np.unique(length):
        total_a[length == n] = a[length == n].sum()
        total_b[length == n] = b[length == n].sum()
    present = (matrix > 0).astype(np.int64).tocsr()
    paragraphs_a, documents_a = _units(first_rows, len(first))
    paragraphs_b, documents_b = _units(second_rows, len(second))
    used = {"target_paragraphs": _users(present[: len(first)], paragraphs_a),
            "reference_paragraphs": _users(present[len(first):], paragraphs_b),
            "target_documents": _users(present[: len(first)], documents_a),
            "reference_documents": _users(present[len(first):], documents_b)}
    rate_a = a / np.maximum(total_a, 1) * 10_000
    rate_b = b / np.maximum(total_b, 1) * 10_000
    target_side = rate_a >= rate_b
    own_paragraphs = np.where(target_side, used["target_paragraphs"], used["reference_paragraphs"])
    keep = ((a + b) >= min_count) & (own_paragraphs >= min_paragraphs)
    g2, chi2 = _statistics(a[keep], b[keep], total_a[keep], total_b[keep], correction)
    from scipy.stats import chi2 as chi2_distribution

    p = chi2_distribution.sf(g2, 1)
    out = pd.DataFrame({
        "term": pd.array(terms[keep], dtype="string"),
        "target_count": a[keep].astype("int64"), "reference_count": b[keep].astype("int64"),
        "target_rate": rate_a[keep], "reference_rate": rate_b[keep],
        **{name: (pd.array(values[keep], dtype="Int64") if values is not None
                  else pd.array([pd.NA] * int(keep.sum()), dtype="Int64")) for name, values in used.items()},
        "g2": g2, "chi2": chi2, "p_value": p, "q_value": adjust_p(p, method="bh"),
        "p_bonferroni": adjust_p(p, method="bonferroni"),
        "log_ratio": np.log2((np.where(a[keep] > 0, a[keep], 0.5) / np.maximum(total_a[keep], 1))
                             / (np.where(b[keep] > 0, b[keep], 0.5) / np.maximum(total_b[keep], 1))),
        "direction": pd.array(np.where(target_side[keep], "target", "reference"), dtype="string"),
    })
    if refs:
        kept = np.flatnonzero(keep)
        for side, rows, table in (("target", matrix[: len(first)], first_rows),
                                  ("reference", matrix[len(first):], second_rows)):
            cited = np.array(_cites(table), dtype=object)
            columns = rows[:, kept].tocsc()
            columns.sort_indices()  # each term's rows in table order
            listed, bounds = cited[columns.indices].tolist(), columns.indptr.tolist()
            out[f"{side}_refs"] = [listed[start:end] for start, end in zip(bounds[:-1], bounds[1:], strict=True)]
    # most distinctive first; G2 equal to 1e-9 of the largest (two terms of mirrored counts: equal in exact
    # arithmetic, a bit apart by the order of the sums) by term, whatever the machine
    out = out.iloc[ranking(g2, terms[keep].tolist())].reset_index(drop=True)
    out.attrs["reference_symbols"] = (sorted(second_rows["symbol"].astype(str).unique())
                                      if second_rows is not None and "symbol" in second_rows.columns else [])
    out.attrs["tested"] = int(keep.sum())
    return out


def _statistics(a: np.ndarray, b: np.ndarray, total_a: np.ndarray, total_b: np.ndarray,
                correction: str = "none") -> tuple[np.ndarray, ...]:
    """G2 and chi-square of the 2x2 tables [[a, b], [total_a - a, total_b - b]], with quanteda's corrections."""
    observed = np.stack([a, b, total_a - a, total_b - b])
    total = total_a + total_b
    rows = np.stack([a + b, a + b, total - a - b, total - a - b])
    columns = np.stack([total_a, total_b, total_a, total_b])
    expected = rows * columns / np.maximum(total, 1)
    yates = np.where(np.abs(observed - expected) > 0.5, 0.5, np.abs(observed - expected))
    g_observed = observed
    if correction == "yates":  # each cell moved half a unit towards its expectation (as scipy's chi2_contingency)
        g_observed = observed - np.sign(observed - expected) * yates
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(g_observed > 0, g_observed * np.log(g_observed / expected), 0.0)
        g2 = np.maximum(2 * terms.sum(axis=0), 0.0)
        deviation = np.abs(observed - expected) - (yates if correction in ("default", "yates") else 0.0)
        chi2 = np.where(expected > 0, deviation ** 2 / expected, 0.0).sum(axis=0)
        # Williams (1976): q = 1 + (N/r1 + N/r2 - 1)(N/c1 + N/c2 - 1) / (6N) for a 2x2 table
        n = np.maximum(total, 1)
        q = 1 + ((n / np.maximum(a + b, 1e-300) + n / np.maximum(total - a - b, 1e-300) - 1)
                 * (n / np.maximum(total_a, 1e-300) + n / np.maximum(total_b, 1e-300) - 1)) / (6 * n)
    if correction in ("default", "williams"):
        g2 = g2 / q
    if correction == "williams":
        chi2 = chi2 / q
    return g2, chi2

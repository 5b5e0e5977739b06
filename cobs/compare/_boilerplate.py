"""The committees' templates: sentences that COs to many States share, and the share of template text per document.

A sentence is cut into overlapping sequences of five words (lower case, digits
as "#", stop words kept: a template is a matter of exact wording). A sequence is
*shared* when COs to other States contain it too; a sentence is a **template**
when most of its sequences are shared with at least ``min_states`` other States.
Counting States rather than documents keeps a State's own repetitions from one
cycle to the next out of the count; counting sequences rather than whole sentences
lets a template through with the State's name, a date or a treaty article changed.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from cobs._checks import check_int, check_number, check_table

__all__ = ["boilerplate", "boilerplate_share"]

_WORD = re.compile(r"\w+")
_NUMBERING = re.compile(r"^\s*(?:\d{1,3}\.|\([a-z]{1,2}\))\s*")
_N = 5


def _shingles(sentence: str) -> list[tuple[str, ...]]:
    words = ["#" if w.isdigit() else w for w in _WORD.findall(sentence.lower())]
    if len(words) <= _N:
        return [tuple(words)] if words else []
    return [tuple(words[k:k + _N]) for k in range(len(words) - _N + 1)]


def boilerplate(
    table: pd.DataFrame,
    *,
    min_states: int = 3,
    min_shared: float = 0.6,
) -> pd.DataFrame:
    """Every sentence of a table, with how much of it COs to other States share, and whether it is a template.

    Parameters
    ----------
    table : pandas.DataFrame
        A paragraph table (:func:`cobs.read_corpus`) or action table of many documents,
        from many States: templates are only seen across States. Every row is read
        (select ``kind == "recommendation"`` first to look at recommendations only).
    min_states : int, default 3
        A sequence of five words is shared when COs to at least this many *other*
        States contain it.
    min_shared : float, default 0.6
        A sentence is a template when at least this share of its sequences are
        shared. On the recommendations of the 112 English CRPD COs of ../shared the
        defaults mark 96 % of the implementation cluster's sentences (dissemination,
        follow-up, next report) as templates, and 27 % of the other sentences: of 25 of
        those read by hand, 24 are formulae COs repeat across States ("Recalling its
        general comment No. 4 (2016), the Committee recommends that the State party:",
        "Ratify the Council of Europe Convention on Preventing and Combating Violence
        against Women ..."), one is borderline. ``min_shared`` 0.8 marks 87 % and 20 %.

    Returns
    -------
    pandas.DataFrame
        One row per sentence, in the table's order (columns
        :data:`cobs.columns.BOILERPLATE_COLUMNS`): ``symbol``, ``state``, ``para``,
        ``sub``, ``sentence`` (its number in the row, from 1), ``text``, ``words``,
        ``shared`` (the share of its five-word sequences found in COs to other
        States), ``states`` (median number of other States sharing its sequences) and
        ``template``.

    See Also
    --------
    boilerplate_share : the share of template text per document or group.

    Examples
    --------
    >>> import cobs, cobs.compare
    >>> table = cobs.read_corpus("corpus")
    >>> sentences = cobs.compare.boilerplate(table)
    >>> print(sentences.query("template")["text"].value_counts().head(2).to_string())
    text
    The Committee recommends that the State party:     54
    The Committee is concerned about the following:    29
    """
    from cobs.structure import sentences

    check_table(table, ["symbol", "state", "para", "sub", "text"], what="a paragraph or action table")
    min_states = check_int(min_states, "min_states")
    min_shared = check_number(min_shared, "min_shared", "a number in (0, 1]", lambda v: 0 < v <= 1)
    rows: list[tuple[object, ...]] = []
    for symbol, state, para, sub, text in zip(table["symbol"].tolist(), table["state"].tolist(),
                                              table["para"].tolist(), table["sub"].tolist(), table["text"].tolist(),
                                              strict=True):
        if not isinstance(text, str):
            continue
        for k, sentence in enumerate(sentences(_NUMBERING.sub("", text)), start=1):
            rows.append((symbol, state, para, sub, k, sentence))
    states_of: dict[tuple[str, ...], set[object]] = {}
    cut = [_shingles(row[5]) for row in rows]
    for row, shingles in zip(rows, cut, strict=True):
        for shingle in set(shingles):
            states_of.setdefault(shingle, set()).add(row[1])
    shared, states, words = [], [], []
    for row, shingles in zip(rows, cut, strict=True):
        others = sorted(len(found) - (row[1] in found) for found in map(states_of.__getitem__, shingles))
        n = len(others)
        # np.mean and np.median of each sentence's short list, in plain Python (the same numbers, exactly: a count
        # over n; the middle value, or the two middle values' mean, truncated)
        shared.append(sum(o >= min_states for o in others) / n if n else 0.0)
        states.append((others[n // 2] if n % 2 else int((others[n // 2 - 1] + others[n // 2]) / 2)) if n else 0)
        words.append(len(_WORD.findall(row[5])))
    out = pd.DataFrame({
        "symbol": pd.array([r[0] for r in rows], dtype="string"),
        "state": pd.array([r[1] for r in rows], dtype="string"),
        "para": pd.array([r[2] for r in rows], dtype="int64"),
        "sub": pd.array([r[3] for r in rows], dtype="string"),
        "sentence": pd.array([r[4] for r in rows], dtype="int64"),
        "text": pd.array([r[5] for r in rows], dtype="string"),
        "words": pd.array(words, dtype="int64"),
        "shared": np.array(shared, dtype="float64"),
        "states": pd.array(states, dtype="int64"),
    })
    out["template"] = out["shared"] >= min_shared
    return out


def boilerplate_share(
    table: pd.DataFrame,
    *,
    by: str | list[str] = "symbol",
    min_states: int = 3,
    min_shared: float = 0.6,
) -> pd.DataFrame:
    """The share of template text per document (or group): words in template sentences over all words.

    Parameters
    ----------
    table : pandas.DataFrame
        What :func:`boilerplate` returned, or a paragraph/action table (passed to it).
    by : str or list of str, default "symbol"
        Grouping columns of the sentence table (``symbol``, ``state``).
    min_states, min_shared
        For a paragraph or action table: what counts as a template (as for
        :func:`boilerplate`; a sentence table has its ``template`` column already).

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``sentences``, ``template_sentences``, ``words``,
        ``template_words`` and ``share`` (template words / words), one row per group.

    Examples
    --------
    >>> import cobs, cobs.compare
    >>> shares = cobs.compare.boilerplate_share(cobs.read_corpus("corpus"))
    >>> bool(shares["share"].between(0, 1).all())
    True
    """
    check_table(table)
    sentences = table if "template" in table.columns and "words" in table.columns else boilerplate(
        table, min_states=min_states, min_shared=min_shared)
    by_columns = [by] if isinstance(by, str) else list(by)
    check_table(sentences, by_columns, what="a sentence table (cobs.compare.boilerplate)")
    work = sentences.assign(template_words=sentences["words"].where(sentences["template"], 0),
                            template_sentences=sentences["template"].astype("int64"))
    out = work.groupby(by_columns, sort=False, dropna=False).agg(
        sentences=("words", "size"), template_sentences=("template_sentences", "sum"), words=("words", "sum"),
        template_words=("template_words", "sum")).reset_index()
    out["share"] = out["template_words"] / out["words"].where(out["words"] > 0)
    return out

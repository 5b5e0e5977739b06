"""How far a link table agrees with a hand reading: precision, recall and F1 of links and of "new"."""

from __future__ import annotations

import dataclasses

import pandas as pd

from cobs._checks import check_table
from cobs.stats import Result

__all__ = ["AlignmentScores", "alignment_scores"]


@dataclasses.dataclass(frozen=True)
class AlignmentScores(Result):
    """How far :func:`align`'s links agree with a hand reading (see :func:`alignment_scores`).

    A result object of :mod:`cobs.stats`: ``to_frame()`` gives one row with these columns.

    Attributes
    ----------
    links_gold, links_found : int
        Links in the hand reading, and found.
    link_precision, link_recall, link_f1 : float
        Of the links found, as (later paragraph, earlier paragraph) pairs.
    new_gold, new_found : int
        Later paragraphs said to be new by the hand reading, and found new.
    new_precision, new_recall, new_f1 : float
        Of the paragraphs found new.
    status_agreement : float
        Share of the links found in both whose status (repeated or modified) agrees;
        NaN when no link is in both.
    status_kappa : float
        Cohen's kappa of that status on the links found in both (1 where both use one
        status only and agree; NaN when no link is in both).
    """

    links_gold: int
    links_found: int
    link_precision: float
    link_recall: float
    link_f1: float
    new_gold: int
    new_found: int
    new_precision: float
    new_recall: float
    new_f1: float
    status_agreement: float
    status_kappa: float


_LINKED = ("repeated", "modified")


def _key(symbol: object, para: object) -> tuple[str, int] | None:
    if pd.isna(para) or str(para).strip() == "":
        return None
    return ("" if pd.isna(symbol) else str(symbol), int(float(str(para))))


def _sets(table: pd.DataFrame) -> tuple[dict[tuple, str], set[tuple]]:
    has_symbols = "earlier_symbol" in table.columns and "later_symbol" in table.columns
    links: dict[tuple, str] = {}
    new: set[tuple] = set()
    for row in table.to_dict("records"):
        later = _key(row["later_symbol"] if has_symbols else "", row["later_para"])
        earlier = _key(row["earlier_symbol"] if has_symbols else "", row["earlier_para"])
        if row["status"] in _LINKED and later and earlier:
            links[(later, earlier)] = str(row["status"])
        elif row["status"] == "new" and later:
            new.add(later)
    return links, new


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * tp / (2 * tp + fp + fn) if tp else 0.0)


def alignment_scores(links: pd.DataFrame, gold: pd.DataFrame) -> AlignmentScores:
    """Agreement of :func:`align`'s links with a hand reading, at paragraph level.

    Parameters
    ----------
    links : pandas.DataFrame
        What :func:`align` returned (one or several pairs concatenated).
    gold : pandas.DataFrame
        The hand reading: ``later_para``, ``earlier_para`` and ``status`` (repeated,
        modified, new, dropped), one row per link and per new paragraph, and
        ``earlier_symbol``, ``later_symbol`` when it covers several pairs (as
        ``tests/data/align_gold.csv`` does). Links are compared as (later paragraph,
        earlier paragraph) pairs; items are not.

    Returns
    -------
    AlignmentScores
        ``links_gold``, ``links_found``, ``link_precision``, ``link_recall``,
        ``link_f1``; ``new_gold``, ``new_found``, ``new_precision``, ``new_recall``,
        ``new_f1`` (later paragraphs said to be new); ``status_agreement``: the share
        of the links found in both whose status (repeated or modified) agrees, and
        ``status_kappa``: Cohen's kappa of the two statuses on those links.

    Examples
    --------
    >>> import pandas as pd
    >>> gold = pd.DataFrame({"later_para": [8, 10, 12], "earlier_para": [9, None, 13],
    ...                      "status": ["repeated", "new", "repeated"]})
    >>> found = pd.DataFrame({"later_para": [8, 10, 12], "earlier_para": [9, 11, None],
    ...                       "status": ["repeated", "modified", "new"]})
    >>> scores = alignment_scores(found, gold)
    >>> scores.link_precision, scores.link_recall, scores.new_f1
    (0.5, 0.5, 0.0)
    """
    for name, table in (("links", links), ("gold", gold)):
        check_table(table, ("later_para", "earlier_para", "status"), name=name,
                    what="a link table (cobs.compare.align)")
    if ("earlier_symbol" in gold.columns) != ("earlier_symbol" in links.columns):
        links = links.drop(columns=["earlier_symbol", "later_symbol"], errors="ignore")
        gold = gold.drop(columns=["earlier_symbol", "later_symbol"], errors="ignore")
    found_links, found_new = _sets(links)
    gold_links, gold_new = _sets(gold)
    both = found_links.keys() & gold_links.keys()
    p, r, f = _f1(len(both), len(found_links.keys() - gold_links.keys()), len(gold_links.keys() - found_links.keys()))
    np_, nr, nf = _f1(len(found_new & gold_new), len(found_new - gold_new), len(gold_new - found_new))
    agree = sum(found_links[k] == gold_links[k] for k in both)
    return AlignmentScores(
        links_gold=len(gold_links), links_found=len(found_links), link_precision=p, link_recall=r, link_f1=f,
        new_gold=len(gold_new), new_found=len(found_new), new_precision=np_, new_recall=nr, new_f1=nf,
        status_agreement=agree / len(both) if both else float("nan"),
        status_kappa=_kappa([found_links[k] for k in sorted(both)], [gold_links[k] for k in sorted(both)]))


def _kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa of two lists of labels (NaN for none; 1 where both use one label only and agree)."""
    if not a:
        return float("nan")
    labels = sorted(set(a) | set(b))
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
    expected = sum((a.count(label) / len(a)) * (b.count(label) / len(b)) for label in labels)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)

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
earlier ones). Each link's **text reuse** is measured by local alignment
(:mod:`cobs.compare._reuse`: the share of the later text's words in spans aligned
with the earlier one, ``reuse``, and the same share of the earlier text,
``reuse_earlier``). A link is ``repeated`` when the wording's cosine reaches
``threshold_repeated`` or ``reuse_earlier`` reaches ``threshold_reuse`` (or the
text cites the paragraph and reiterates it), else ``modified``. Scores are
compared to 1e-9, so that two counterparts equally alike in exact arithmetic are
both best, whatever the last bits of their cosines on this machine. Later
recommendations left without a link are ``new``, earlier ones ``dropped``.

Across mechanisms (a CO and the UPR recommendations of one session, from
:func:`upr_recommendations`) the wording differs more and there are no
subheadings on the UPR side, so the evidence changes: the field's synonyms
(``cobs/data/synonyms.csv``) are read as one token each; a shared **issue** (the
CO's theme mapped to UPR Info's issues by ``cobs/data/theme_issues.csv``, against
the UPR recommendation's issues read from its words by
``cobs/data/upr_issue_lexicon.csv``, whatever its source, so that UPR Info's export
and a Working Group report's text give the same links), weighted by the issue's
rarity among the CO's requests, stands for the shared theme; a shared named
instrument adds ``instrument_bonus``; a recommendation for the committee's own people (persons with disabilities,
children) adds ``base_bonus``, one for other groups of persons only (indigenous peoples, women) loses
``group_penalty``, since a CO's requests concern its treaty's people; and a link must also score ``best_share`` of
the UPR recommendation's best score, since a UPR recommendation is usually one
request and a CO action may be met by many. Each link says whether the UPR
session came before or after the CO's adoption (``upr_timing``). That rule is kept
(``decision="rule"``); by default, with the UPR, a logistic regression decides instead
(:mod:`cobs.compare._linkmodel`): it reads the rule's score, the score's share of the UPR
recommendation's best, and five corrections (the second UPR codebook's population rule, a CO
item following up another treaty body's recommendations, a recommendation listing many
groups, a national human rights institution against the Convention's monitoring mechanism, a
ratification against an item asking none), on the candidate pairs only (those scoring at least
a share of the recommendation's best), with weights and a threshold fitted on the hand-read
UPR golds.
"""

from __future__ import annotations

import functools
import os
import re
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from cobs._checks import check_choice, check_flag, check_number
from cobs._ranking import settled
from cobs.compare._evidence import Evidence
from cobs.compare._input import document_tables
from cobs.compare._units import records, units
from cobs.errors import invalid_value
from cobs.measures import STRENGTH_DTYPE
from cobs.reference import repetition_markers

if TYPE_CHECKING:
    from cobs.compare._linkmodel import LinkModel
    from cobs.document import Document

__all__ = ["AlignOptions", "AlignWarning", "Evidence", "align", "decide", "find_evidence", "link_units", "rule_score"]

Unit = Literal["paragraph", "item"]
Decision = Literal["model", "rule"]



class AlignWarning(UserWarning):
    """Two COs given to :func:`align` that do not make a pair of cycles: the later one adopted first
    (``new`` and ``dropped`` then read backwards), another State or committee, or one document twice."""


_REITERATES = repetition_markers("reiterates")  # cobs/data/repetition_markers.csv


# The defaults, measured: between two COs (tests/data/align_gold.csv, tuning pairs) and between a CO and the UPR
# (tests/data/upr_gold.csv); see align()'s docstring and benchmarks/bench_align.py.
DEFAULTS = {
    "co": {"unit": "paragraph", "threshold": 0.325, "theme_bonus": 0.20, "threshold_many": 0.50,
           "instrument_bonus": 0.0, "best_share": 0.0, "synonyms": False, "threshold_reuse": 0.15,
           "group_penalty": 0.0, "base_bonus": 0.0, "decision": "rule"},
    "upr": {"unit": "item", "threshold": 0.35, "theme_bonus": 0.20, "threshold_many": float("inf"),
            "instrument_bonus": 0.40, "best_share": 0.9, "synonyms": True, "threshold_reuse": float("inf"),
            "group_penalty": 0.30, "base_bonus": 0.10, "decision": "model"},
}


@dataclass(frozen=True)
class AlignOptions:
    """The options of :func:`align` once checked (one place for defaults and checks); None: the measured default."""

    unit: Unit | None = None
    threshold: float | None = None
    theme_bonus: float | None = None
    threshold_many: float | None = None
    threshold_repeated: float = 0.30
    threshold_reuse: float | None = None
    context: bool = True
    citations: bool = True
    instrument_bonus: float | None = None
    best_share: float | None = None
    synonyms: bool | None = None
    group_penalty: float | None = None
    base_bonus: float | None = None
    decision: Decision | None = None

    def __post_init__(self) -> None:
        if self.unit is not None:
            check_choice(self.unit, "unit", ("paragraph", "item"))
        if self.decision is not None:
            check_choice(self.decision, "decision", ("model", "rule"))
        for name in ("threshold", "theme_bonus", "threshold_many", "threshold_repeated", "threshold_reuse",
                     "instrument_bonus", "best_share", "group_penalty", "base_bonus"):
            value = getattr(self, name)
            if value is not None and name == "best_share":
                check_number(value, name, "a number between 0 and 1", lambda v: 0 <= v <= 1, type_error=True)
            elif value is not None:
                check_number(value, name, "a number >= 0", lambda v: v >= 0, type_error=True)  # also refuses NaN
        for name in ("context", "citations", "synonyms"):
            if not (name == "synonyms" and self.synonyms is None):
                check_flag(getattr(self, name), name)

    def resolved(self, mechanism: str) -> AlignOptions:
        """These options with every None replaced by the measured default of the mechanism ("co" or "upr")."""
        chosen = {k: v if v is not None else DEFAULTS[mechanism][k] for k, v in self.__dict__.items()
                  if k in DEFAULTS[mechanism]}
        return AlignOptions(**{**self.__dict__, **chosen})


def align(
    earlier: Document | str | os.PathLike[str] | pd.DataFrame,
    later: Document | str | os.PathLike[str] | pd.DataFrame,
    *,
    unit: Unit | None = None,
    threshold: float | None = None,
    theme_bonus: float | None = None,
    threshold_many: float | None = None,
    threshold_repeated: float = 0.30,
    threshold_reuse: float | None = None,
    context: bool = True,
    citations: bool = True,
    instrument_bonus: float | None = None,
    best_share: float | None = None,
    synonyms: bool | None = None,
    group_penalty: float | None = None,
    base_bonus: float | None = None,
    decision: Decision | None = None,
    cache: dict[object, object] | None = None,
) -> pd.DataFrame:
    """Link the recommendations of a later document to those of an earlier one (or of a CO to the UPR's).

    Parameters
    ----------
    earlier, later : Document, path or DataFrame
        Two documents, each a :class:`cobs.Document`, a path :func:`cobs.read_document`
        reads, or the paragraph table (``Document.paragraphs``, one document of
        :func:`cobs.read_corpus`) or action table (:func:`cobs.measure`) of one
        document. Usually two cycles of one State's reports to one committee; or a
        CO and one UPR session's recommendations (:func:`upr_recommendations`), in
        either order.

    Every option left at None takes the default measured for the pair: between two
    COs (given first below), or between a CO and the UPR.

    unit : {"paragraph", "item"}, default "paragraph"; "item" with the UPR
        Compare whole recommendation paragraphs (with their lettered items), or
        each item and each paragraph's own request on its own. The defaults were
        measured at paragraph level between COs, at item level with the UPR.
    threshold : float, default 0.325; 0.35 with the UPR
        Least score of a link: the TF-IDF cosine of the two texts plus
        ``theme_bonus`` when they share a theme. Chosen with ``theme_bonus`` and
        ``threshold_many`` by a grid search on four hand-read CRPD cycle pairs, each
        read by two coders (Mexico, Sweden, New Zealand, Azerbaijan;
        ``tests/data/align_gold.csv``, ``align_readings.csv``); measured on three
        held-out pairs read by two coders (Denmark, Austria, Republic of Korea):
        see the README and ``python benchmarks/bench_align.py``. Any threshold -
        bonus between 0.10 and 0.15 did about as well. With the UPR: chosen with
        the bonuses and ``best_share`` on three hand readings, CRC/C/KAZ/CO/4 against
        Kazakhstan's UPR recommendations of 2010 and 2014 (``tests/data/upr_gold.csv``)
        and CRPD/C/NZL/CO/1 and CRPD/C/CRI/CO/1 against their State's 2014 UPR
        (``upr_heldout.csv``, two coders): link F1 0.47, 0.68 and 0.29 there, the
        same from UPR Info's export and from the Working Group reports' text; 0.34
        from the export and 0.33 from the text when each State is left out of the
        choice in turn. Measured on two more held-out pairs: see the README.
    theme_bonus : float, default 0.20 (also with the UPR)
        Added to the score of two recommendations filed under the same theme
        (``theme`` of :func:`cobs.measure`: the subheading's article or topic). 0
        compares wording alone (link F1 0.79, "new" F1 0.75 on Mexico and Sweden at
        the best threshold, 0.225). With the UPR: the bonus of a shared UPR Info
        issue, times the issue's rarity among the CO's requests (log of the inverse
        document frequency, over its largest value).
    threshold_many : float, default 0.50; not used with the UPR
        A recommendation is linked to its best-scoring counterpart (either way) when
        that reaches ``threshold``, and also to every other counterpart scoring
        ``threshold_many`` or more. ``math.inf``: best matches only (as good on the
        tuning pairs; 0.40 lowered precision). With the UPR every pair reaching
        ``threshold`` and ``best_share`` is a link.
    threshold_repeated : float, default 0.30
        Cosine of the wording from which a link is ``repeated`` rather than
        ``modified``; a cited paragraph that the text "reiterates" is ``repeated``
        whatever its wording. With the UPR it gives ``grade`` "same" (status
        ``repeated``) rather than "overlapping" (``modified``): 76 % of the links
        found in ``tests/data/upr_gold.csv`` agree with the hand reading's grade.
    threshold_reuse : float, default 0.15; not used with the UPR (inf)
        Share of the earlier recommendation's words found in spans aligned with the
        later one (``reuse_earlier``) from which a link is ``repeated`` whatever its
        cosine. On the links found in the tuning pairs, the statuses then agree with
        the coders' on 78 % (Cohen's kappa 0.44), against 72 % (0.40) for the cosine
        alone; the later text's share (``reuse``) did less well (73 %, 0.42), since a
        later paragraph that repeats an earlier request often adds others.
    context : bool, default True
        Read each recommendation together with the concern paragraph just before it
        under the same subheading (needs a paragraph table, Document or path: an
        action table has no concerns). Raised link F1 on the tuning pairs from 0.88
        to 0.90 and "new" F1 from 0.81 to 0.89 at the default thresholds.
    citations : bool, default True
        Honour explicit citations of the earlier CO and paragraph as hard links
        (``evidence == "citation"``), whatever the wording.
    instrument_bonus : float, default 0; 0.40 with the UPR
        Added when both name the same instrument (``instruments`` of
        :func:`cobs.measure`: "Ratify ICRMW").
    best_share : float, default 0 (not used); 0.9 with the UPR
        A link must also score this share of the best score of the UPR
        recommendation (between COs: of the later recommendation).
    synonyms : bool, default False; True with the UPR
        Read the field's synonyms (:func:`cobs.text.synonyms`) as one token each.
    group_penalty : float, default 0 (not used); 0.30 with the UPR
        Taken off the score when the UPR recommendation is for groups of persons
        (``groups`` of :func:`cobs.measure`: indigenous peoples, women, migrants) of
        which the CO's unit names none (children and youth, people on the move,
        minorities and indigenous peoples each count as one; professions and bodies
        are not whom a recommendation is for).
    base_bonus : float, default 0 (not used); 0.10 with the UPR
        Added when the UPR recommendation is for the CO committee's base group
        (:func:`cobs.reference.base_group`: persons with disabilities for the
        CRPD, children for the CRC): on the development States 7 of New Zealand's 155
        recommendations and 9 of Costa Rica's 193 name persons with disabilities, and
        they make 7 of the 20 and 11 of the 13 links the coders found.
    decision : {"model", "rule"}, default "rule"; "model" with the UPR
        How a pair becomes a link. "rule": its score (the cosine plus the bonuses
        above, less the penalty) reaches ``threshold`` (and, with the UPR,
        ``best_share`` of the recommendation's best). "model" (with the UPR only;
        between COs the rule decides): a logistic regression fitted on the 16
        hand-read UPR golds (``cobs/data/upr_link_model.json``, written by
        ``python benchmarks/train_link_model.py``) on seven named features: the
        rule's score with its default options, the score over the recommendation's
        best score, the population rule of the second UPR codebook (the CO item asks
        for a group of persons with disabilities, the recommendation names the group
        without disability), whether the CO item follows up another treaty body's
        recommendations, whether the recommendation lists three or more groups, a
        recommendation on the national human rights institution against an item on
        the Convention's monitoring mechanism, and a recommendation to ratify against
        an item that asks no ratification; only pairs scoring at least 0.3 of the
        recommendation's best are candidates, and a candidate is a link when its
        probability reaches the threshold chosen leaving one State out; ``score`` is
        then that probability (0 for a pair that is no candidate), and the other options
        (but ``unit``, ``synonyms``, ``context`` and ``threshold_repeated``) do not
        apply. Each State left out of the fit in turn, mean link F1 0.43 from UPR
        Info's export and 0.47 from the report's text over the 16 (pooled 0.37 and
        0.39), against 0.34 and 0.36 for the second round's model and 0.29 and 0.31
        for the rule's defaults; but on five new States read after it was frozen
        (``tests/data/upr_heldout5.csv``) 0.15 pooled from either source (the rule
        0.19), while readers agree at about 0.9: read its links as candidates. See the
        README and ``python benchmarks/bench_align.py``.
    cache : dict, optional
        A dict the caller keeps across calls on one corpus, as for :func:`change` (and
        the same dict): each CO given as a paragraph table is measured once, its actions
        kept at ``("actions", symbol)``; actions put there beforehand (the rows of that
        symbol of :func:`cobs.measure` of the same paragraph table) are not measured
        again. The result is the same with or without it.

    Returns
    -------
    pandas.DataFrame
        One row per link and per unmatched recommendation; columns
        :data:`cobs.columns.ALIGN_COLUMNS`. Links come in the later document's
        order (then the earlier's), ``new`` rows in place, ``dropped`` rows last.
        With the UPR, ``repeated``/``modified`` are the same/an overlapping request
        (``grade``), ``new`` a later recommendation the other mechanism did not make,
        ``dropped`` an earlier one.

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

    Which of the CRC's requests had the UPR made in 2014? (Ratifying the Migrant
    Workers Convention: CRC/C/KAZ/CO/4, para. 66.)

    >>> co = cobs.read_document("corpus/CRC_C_KAZ_CO_4.txt")
    >>> upr = cobs.compare.upr_recommendations("corpus/upr/upr_info_kazakhstan.csv", sessions=20)
    >>> links = cobs.compare.align(upr, co)
    >>> print(links.query("later_para == 66 and status != 'dropped'")[["earlier_ref", "grade"]].to_string(index=False))
                           earlier_ref       grade
           UPR/20/KAZ, no. 147 (Egypt) overlapping
    UPR/20/KAZ, no. 148 (Sierra Leone)        same

    The hand reading links four (and grades all four "same": "consider ratifying"
    asks what "ratify" asks; the wording's cosine does not see it). The rule finds
    the other two, which the link model scores just below its threshold:

    >>> rule = cobs.compare.align(upr, co, decision="rule")
    >>> print(rule.query("later_para == 66 and status != 'dropped'")[["earlier_ref", "grade"]].to_string(index=False))
                           earlier_ref       grade
           UPR/20/KAZ, no. 147 (Egypt) overlapping
    UPR/20/KAZ, no. 148 (Sierra Leone)        same
      UPR/20/KAZ, no. 149 (Kyrgyzstan) overlapping
       UPR/20/KAZ, no. 150 (Indonesia) overlapping
    """
    options = AlignOptions(unit=unit, threshold=threshold, theme_bonus=theme_bonus, threshold_many=threshold_many,
                           threshold_repeated=threshold_repeated, threshold_reuse=threshold_reuse, context=context,
                           citations=citations,
                           instrument_bonus=instrument_bonus, best_share=best_share, synonyms=synonyms,
                           group_penalty=group_penalty, base_bonus=base_bonus, decision=decision)
    if cache is not None and not isinstance(cache, dict):
        raise TypeError(invalid_value("cache", cache, "a dict kept across calls on one corpus, or None"))
    early_actions, early_paragraphs, early_date = document_tables(earlier, "earlier", cache)
    late_actions, late_paragraphs, late_date = document_tables(later, "later", cache)
    options = options.resolved(mechanism(early_actions, late_actions))
    if mechanism(early_actions, late_actions) == "co":
        _check_pair(early_actions, late_actions)
    early = units(early_actions, early_paragraphs, unit=options.unit, context=options.context)
    late = units(late_actions, late_paragraphs, unit=options.unit, context=options.context)
    early["date"], late["date"] = early_date, late_date  # a CO's date says whether the UPR came before it
    return link_units(early, late, options)


def _check_pair(early: pd.DataFrame, late: pd.DataFrame) -> None:
    """Warn (AlignWarning) when two COs are not an earlier and a later cycle of one State to one committee."""

    def first(table: pd.DataFrame, column: str) -> object:
        value = table[column].iloc[0] if column in table.columns and len(table) else None
        return None if value is None or pd.isna(value) else value

    e_symbol, l_symbol = first(early, "symbol"), first(late, "symbol")
    if e_symbol is not None and e_symbol == l_symbol:
        if early["text"].tolist() == late["text"].tolist():  # (two versions of one symbol may differ: not warned)
            warnings.warn(f"earlier and later are the same document ({e_symbol}): every request is 'repeated'",
                          AlignWarning, stacklevel=3)
        return
    for column, what in (("committee", "committees"), ("state", "States")):
        e, l_ = first(early, column), first(late, column)
        if e is not None and l_ is not None and e != l_:
            warnings.warn(f"earlier ({e_symbol}) and later ({l_symbol}) are COs of two {what} ({e}, {l_}): "
                          f"align reads them as two cycles of one State's reports to one committee; across States "
                          f"and committees, see cobs.compare.profile, keyness and similarity",
                          AlignWarning, stacklevel=3)
            return
    e_when = (first(early, "year"), first(early, "cycle_first"))
    l_when = (first(late, "year"), first(late, "cycle_first"))
    later_first = next(((a > b) for a, b in zip(e_when, l_when, strict=True)
                        if a is not None and b is not None and a != b), False)
    if later_first:
        warnings.warn(f"earlier ({e_symbol}, {e_when[0]}) was adopted after later ({l_symbol}, {l_when[0]}): "
                      f"'new' and 'dropped' read backwards; pass the earlier CO first", AlignWarning, stacklevel=3)


def mechanism(*tables: pd.DataFrame) -> str:
    """"upr" when one of the tables holds UPR recommendations, else "co"."""
    return "upr" if any((t["committee"] == "UPR").any() for t in tables) else "co"


def _committees(*tables: pd.DataFrame) -> list[str]:
    return sorted({str(c) for t in tables for c in t["committee"].dropna().unique()})


def _scores(early: pd.DataFrame, late: pd.DataFrame, *, upr: bool = False, synonyms: bool = False) -> np.ndarray:
    """TF-IDF cosine of every later unit (rows) with every earlier unit (columns).

    Between COs the committees' treaty phrases are left out ("persons with
    disabilities"); with the UPR they are kept, since they say which UPR
    recommendations concern the treaty's people at all. (Left out with the UPR too,
    link F1 on the development States was lower: 0.356 against 0.365 in the mean
    over KAZ, NZL and CRI at the best options of each.)
    """
    early_texts = (early["text"] + " " + early["context"]).tolist()
    late_texts = (late["text"] + " " + late["context"]).tolist()
    if not early_texts or not late_texts:
        return np.zeros((len(late_texts), len(early_texts)))
    tfidf = _analyzer(early, late, upr=upr, synonyms=synonyms, vectorize=True)
    try:
        matrix = tfidf.fit_transform(early_texts + late_texts)
    except ValueError:  # no word left at all (texts made only of formula phrases)
        return np.zeros((len(late_texts), len(early_texts)))
    return (matrix[len(early_texts):] @ matrix[: len(early_texts)].T).toarray()


def _analyzer(early: pd.DataFrame, late: pd.DataFrame, *, upr: bool, synonyms: bool, vectorize: bool = False) -> object:
    """The analyzer of :func:`_scores` (or its vectoriser): content words, stemmed, without the formula phrases."""
    from cobs.text import Analyzer, vectorizer

    make = functools.partial(vectorizer if vectorize else Analyzer, ngram_range=(1, 1), stem=True, synonyms=synonyms)
    if upr:
        return make(formula=("frame", "generic"))
    return make(formula=("frame", "generic", "treaty"), committees=_committees(early, late))


def _reuse(early: pd.DataFrame, late: pd.DataFrame, pairs: np.ndarray, *, upr: bool,
           synonyms: bool) -> tuple[np.ndarray, np.ndarray]:
    """Text reuse of each linked pair (later row, earlier column): shares of the later and of the earlier words."""
    from cobs.compare._reuse import reuse

    if not len(pairs):
        return np.zeros(0), np.zeros(0)
    analyzer = _analyzer(early, late, upr=upr, synonyms=synonyms)
    ids: dict[str, int] = {}

    def words(texts: list[str], wanted: set[int]) -> dict[int, list[int]]:
        return {k: [ids.setdefault(w, len(ids)) for w in analyzer(texts[k])] for k in sorted(wanted)}

    late_words = words(late["text"].tolist(), {int(i) for i in pairs[:, 0]})
    early_words = words(early["text"].tolist(), {int(j) for j in pairs[:, 1]})
    return reuse([late_words[int(i)] for i in pairs[:, 0]], [early_words[int(j)] for j in pairs[:, 1]])


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


def _issue_weights(early: pd.DataFrame, late: pd.DataFrame, upr_is_late: bool) -> np.ndarray:
    """Rarity weight (0-1) of the rarest UPR Info issue two units share: log(N / df) over its largest value.

    The rarity is counted among the CO's units (their themes' issues): an issue that many of the CO's
    requests carry ("Rights of the Child" in a CRC CO) says little about which of them a UPR
    recommendation takes up. (Counted among the UPR recommendations instead, link F1 on
    tests/data/upr_gold.csv was 0.50 against 0.545, and 0.36 against 0.51 in cross-validation.)
    """
    co_units = early if upr_is_late else late
    counts: dict[str, int] = {}
    for issues in co_units["issues"]:
        for issue in set(issues):
            counts[issue] = counts.get(issue, 0) + 1
    n = max(len(co_units), 1)
    idf = {issue: np.log(n / count) for issue, count in counts.items()}
    top = max(idf.values(), default=0.0) or 1.0
    out = np.zeros((len(late), len(early)))
    for i, mine in enumerate(late["issues"]):
        for j, theirs in enumerate(early["issues"]):
            shared = set(mine) & set(theirs)
            if shared:
                out[i, j] = max(idf.get(x, 0.0) for x in shared) / top
    return out


def find_evidence(early: pd.DataFrame, late: pd.DataFrame, options: AlignOptions) -> Evidence:
    """The evidence of two unit tables (:func:`cobs.compare._units.units`); options resolved."""
    upr_is_late = bool((late["committee"] == "UPR").any())
    upr = upr_is_late or bool((early["committee"] == "UPR").any())
    shape = (len(late), len(early))
    if upr:
        related = _issue_weights(early, late, upr_is_late)
    else:
        early_themes = early["theme"].tolist()  # (lists: a Series read again for every later unit is slow)
        related = np.array([[bool(a) and a == b for b in early_themes] for a in late["theme"].tolist()],
                           dtype=float).reshape(shape)
    instrument = _share_any(early["instruments"], late["instruments"], shape)
    hard = _hard_links(early, late) if options.citations and not upr else np.zeros(shape, dtype=bool)
    cosine = _scores(early, late, upr=upr, synonyms=bool(options.synonyms))
    apart = _groups_apart(early, late, upr_is_late) if upr else np.zeros(shape, dtype=bool)
    base = _base_group(early, late, upr_is_late) if upr else np.zeros(shape, dtype=bool)
    population, many, other = _population(early, late, upr_is_late) if upr else (None, None, None)
    nhri, ratify = _institution_apart(early, late, upr_is_late) if upr else (None, None)
    return Evidence(cosine, related, instrument, hard, upr, upr_is_late, apart, base, population, many, other,
                    nhri, ratify)


def _share_any(early: pd.Series, late: pd.Series, shape: tuple[int, int]) -> np.ndarray:
    """Pairs of units (later rows, earlier columns) whose collections (instruments, articles) share an item."""
    early_sets = [set(b) for b in early.tolist()]
    return np.array([[bool(mine & theirs) for theirs in early_sets] for mine in map(set, late.tolist())],
                    dtype=bool).reshape(shape)


def _base_group(early: pd.DataFrame, late: pd.DataFrame, upr_is_late: bool) -> np.ndarray:
    """Pairs whose UPR recommendation is for the base group of the CO's committee (persons with disabilities for
    the CRPD, children for the CRC: :func:`cobs.reference.base_group`)."""
    from cobs.reference import base_group

    upr, co = (late, early) if upr_is_late else (early, late)
    wanted = {g for c in co["committee"].dropna().unique() if (g := base_group(str(c)))}
    for_base = np.array([bool(wanted & set(g if isinstance(g, (list, tuple, np.ndarray)) else ()))
                         for g in upr["groups"]], dtype=bool)
    rows = np.repeat(for_base[:, None], len(co), axis=1)  # (UPR, CO)
    return rows if upr_is_late else rows.T


# For _groups_apart: the groups of persons a recommendation is for, as families (children and youth; people on the
# move; minorities and indigenous peoples); the professions and bodies of cobs.reference.GROUPS (judges,
# police, media, civil society, public officials) and "Vulnerable persons/groups" say whom it is not for.
_GROUP_FAMILY = {"Children in vulnerable situations": "Children", "Youth & juveniles": "Children",
                 "Refugees & asylum seekers": "Migrants", "Internally displaced persons": "Migrants",
                 "Stateless persons": "Migrants", "Indigenous peoples": "Minorities", "Roma": "Minorities",
                 "Minorities": "Minorities"}  # (by the start of the name: "Roma, Gypsies, Sinti & Travellers")
_NOT_WHOM = ("Judges", "Law enforcement", "Medical staff", "Educational staff", "Media", "Civil society",
             "Public officials", "Vulnerable persons")


def _whom(groups: object) -> set[str]:
    """The families of the rights-holders among a unit's groups of persons."""
    out = set()
    for group in groups if isinstance(groups, (list, tuple, np.ndarray)) else ():
        group = str(group)
        if not group.startswith(_NOT_WHOM):
            out.add(next((f for g, f in _GROUP_FAMILY.items() if group.startswith(g)), group))
    return out


# A CO unit that asks the State to follow up another body's recommendations ("To follow up on the recommendations
# made by the Committee on the Elimination of Discrimination against Women ... on violence against women") asks
# something not specific to its committee's people: the exception to the population rule of the second codebook.
_OTHER_BODY = re.compile(r"recommendations\s+(?:made\s+)?(?:of|by)\s+the\s+(?:Committee\s+(?:on|against)\b|Human "
                         r"Rights Committee|Subcommittee|Special Rapporteur|Working Group)", re.IGNORECASE)


def _population(early: pd.DataFrame, late: pd.DataFrame,
                upr_is_late: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Three pair matrices (later rows, earlier columns) with the UPR: the population rule, many groups, another body.

    1. The CO unit asks for a group within its committee's people (women with disabilities) and the UPR
       recommendation names that group (women) but not the committee's people: no link under the second UPR
       codebook's population rule -- unless the CO unit follows up another body's recommendations (3.);
    2. the recommendation lists three or more families of groups of persons (:func:`_whom`);
    3. the CO unit asks the State to follow up another treaty body's (or mechanism's) recommendations.
    """
    from cobs.reference import base_group

    upr, co = (late, early) if upr_is_late else (early, late)
    wanted = {g for c in co["committee"].dropna().unique() if (g := base_group(str(c)))}
    base_family = {next((f for g, f in _GROUP_FAMILY.items() if b.startswith(g)), b) for b in wanted}
    upr_whom, co_whom = [_whom(g) for g in upr["groups"]], [_whom(g) for g in co["groups"]]
    other = np.array([bool(_OTHER_BODY.search(str(t))) for t in co["text"]], dtype=bool)
    out = np.zeros((len(upr), len(co)), dtype=bool)
    for j, theirs in enumerate(co_whom):
        within = theirs - base_family
        if not within or other[j]:
            continue
        for i, mine in enumerate(upr_whom):
            out[i, j] = bool(mine & within) and not mine & base_family
    many = np.repeat(np.array([len(w) >= 3 for w in upr_whom], dtype=bool)[:, None], len(co), axis=1)
    other_pairs = np.repeat(other[None, :], len(upr), axis=0)
    return (out, many, other_pairs) if upr_is_late else (out.T, many.T, other_pairs.T)


# For _institution_apart: a UPR recommendation about the national human rights institution (or an ombudsperson),
# a CO unit asking for the treaty's independent monitoring mechanism without naming such an institution, and a
# request to ratify or accede to an instrument.
_NHRI = re.compile(r"Paris\s+Principles|national\s+human\s+rights\s+(?:institution|commission)|ombuds", re.IGNORECASE)
_MECHANISM = re.compile(r"monitoring\s+mechanism|independent\s+(?:national\s+)?mechanism|article\s+33\b",
                        re.IGNORECASE)
_NAMES_INSTITUTION = re.compile(r"ombuds|national\s+human\s+rights\s+(?:institution|commission)|\bcentre\b|"
                                r"\bcommission\b", re.IGNORECASE)
_RATIFY = re.compile(r"\b(?:ratif|acced|accession)", re.IGNORECASE)


def _institution_apart(early: pd.DataFrame, late: pd.DataFrame, upr_is_late: bool) -> tuple[np.ndarray, np.ndarray]:
    """Two pair matrices (later rows, earlier columns) with the UPR, from the UPR codebook's "related but different
    institution or instrument":

    1. ``nhri_apart``: the UPR recommendation is about the national human rights institution (the Paris
       Principles, an ombudsperson) and the CO unit asks for the treaty's independent monitoring mechanism
       (article 33 (2) of the CRPD) without naming an institution ("an NHRI under the Paris Principles is not a
       disability-specific monitoring mechanism unless the item asks for the NHRI");
    2. ``ratify_apart``: the recommendation asks to ratify or accede to an instrument and the CO unit asks no
       ratification ("ratifying OP-CAT is not ratifying the OP-CRPD").
    """
    upr, co = (late, early) if upr_is_late else (early, late)
    upr_texts, co_texts = upr["text"].astype(str).tolist(), co["text"].astype(str).tolist()
    nhri = np.array([bool(_NHRI.search(t)) for t in upr_texts], dtype=bool)
    mechanism = np.array([bool(_MECHANISM.search(t)) and not _NAMES_INSTITUTION.search(t) for t in co_texts],
                         dtype=bool)
    ratify_upr = np.array([bool(_RATIFY.search(t)) for t in upr_texts], dtype=bool)
    ratify_co = np.array([bool(_RATIFY.search(t)) for t in co_texts], dtype=bool)
    nhri_apart = nhri[:, None] & mechanism[None, :]  # (UPR, CO)
    ratify_apart = ratify_upr[:, None] & ~ratify_co[None, :]
    return (nhri_apart, ratify_apart) if upr_is_late else (nhri_apart.T, ratify_apart.T)


def _groups_apart(early: pd.DataFrame, late: pd.DataFrame, upr_is_late: bool) -> np.ndarray:
    """Pairs whose UPR recommendation is for groups of persons of which the CO's unit names none (families of
    :data:`_GROUP_FAMILY`): "access to education for indigenous communities" against an item on inclusive
    education for persons with disabilities."""
    late_whom, early_whom = [_whom(g) for g in late["groups"]], [_whom(g) for g in early["groups"]]
    out = np.zeros((len(late), len(early)), dtype=bool)
    for i, mine in enumerate(late_whom):
        for j, theirs in enumerate(early_whom):
            upr_groups, co_groups = (mine, theirs) if upr_is_late else (theirs, mine)
            out[i, j] = bool(upr_groups) and not upr_groups & co_groups
    return out


def decide(found: Evidence, options: AlignOptions, *, model: LinkModel | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Each pair's score, and which pairs are links: by the rule (the cosine plus the bonuses against the thresholds)
    or, with the UPR when ``options.decision`` is "model" or a ``model`` is given, by the link model
    (:mod:`cobs.compare._linkmodel`; the score is then its probability of a link)."""
    if found.upr and (model is not None or options.decision == "model"):
        from cobs.compare._linkmodel import link_model

        model = link_model() if model is None else model
        probability = model.probability(found, rule_score(found))
        linked = settled(probability, scale=1.0) >= model.threshold
        return probability, linked
    score = found.cosine + options.theme_bonus * found.related + options.instrument_bonus * found.instrument
    if found.apart is not None and options.group_penalty:
        score = score - options.group_penalty * found.apart
    if found.base is not None and options.base_bonus:
        score = score + options.base_bonus * found.base
    linked = np.zeros(score.shape, dtype=bool)
    # scores compared settled to 1e-9: two counterparts equally alike in exact arithmetic, whose cosines come out a
    # bit apart by the order of the sums, are both best (and in the order of their paragraphs), on every machine
    even = settled(score, scale=1.0)
    if score.size:
        best_for_late = even >= even.max(axis=1, keepdims=True)
        best_for_early = even >= even.max(axis=0, keepdims=True)
        if found.upr:
            linked = even >= options.threshold
        else:
            linked = (even >= options.threshold) & (best_for_late | best_for_early)
            linked |= even >= max(options.threshold_many, options.threshold)
        if options.best_share:
            axis = 0 if (found.upr and not found.upr_is_late) else 1  # per UPR recommendation (per later one)
            linked &= even >= settled(options.best_share * score.max(axis=axis, keepdims=True), scale=1.0)
        linked |= found.hard
    return score, linked


def rule_score(found: Evidence) -> np.ndarray:
    """The rule's score of every pair of an evidence with the UPR, with the UPR's default options: the first feature
    of the link model (:func:`cobs.compare._linkmodel.link_features`)."""
    return decide(found, AlignOptions(decision="rule").resolved("upr"))[0]


def link_units(early: pd.DataFrame, late: pd.DataFrame, options: AlignOptions,
               found: Evidence | None = None) -> pd.DataFrame:
    """The link table of two unit tables (:func:`cobs.compare._units.units`); options resolved."""
    found = find_evidence(early, late, options) if found is None else found
    cosine, related, shared_instrument, hard, upr = (found.cosine, found.related, found.instrument, found.hard,
                                                      found.upr)
    score, linked = decide(found, options)
    even = settled(score, scale=1.0)  # links in the order of their settled scores (as decide compares them)
    shared_article = _share_any(early["articles"], late["articles"], (len(late), len(early)))
    reiterates = np.array([bool(_REITERATES.search(t)) for t in late["text"]], dtype=bool)
    pairs = np.argwhere(linked) if linked.size else np.zeros((0, 2), dtype=int)
    reused = dict(zip(map(tuple, pairs.tolist()), zip(*_reuse(early, late, pairs, upr=upr,
                                                                synonyms=bool(options.synonyms)), strict=True),
                      strict=True))
    early_rows, late_rows = records(early), records(late)
    rows: list[dict[str, object]] = []
    for i in range(len(late)):
        targets = np.flatnonzero(linked[i])
        if not len(targets):
            rows.append(_row(None, late_rows[i], "new"))
            continue
        for j in sorted(targets, key=lambda j: (-even[i, j], early_rows[j]["para"], early_rows[j]["sub"])):
            late_reuse, early_reuse = reused[(i, j)]
            repeated = cosine[i, j] >= options.threshold_repeated or early_reuse >= options.threshold_reuse
            if hard[i, j]:
                evidence = "citation"
                repeated = repeated or bool(reiterates[i])
            elif upr:
                evidence = "text+issue" if related[i, j] else "text+instrument" if shared_instrument[i, j] else "text"
            else:
                evidence = "text+article" if related[i, j] or shared_article[i, j] else "text"
            row = _row(early_rows[j], late_rows[i], "repeated" if repeated else "modified", cosine[i, j], score[i, j],
                       evidence)
            row.update(reuse=late_reuse, reuse_earlier=early_reuse,
                       bonus_only=not hard[i, j] and cosine[i, j] < options.threshold)
            if upr:
                row["upr_timing"] = _timing(early_rows[j], late_rows[i])
            rows.append(row)
    for j in np.flatnonzero(~linked.any(axis=0)) if linked.size else range(len(early)):
        rows.append(_row(early_rows[j], None, "dropped"))
    return _table(rows)


def _row(
    early: dict[str, object] | None, late: dict[str, object] | None, status: str, similarity: float | None = None,
    score: float | None = None, evidence: str | None = None,
) -> dict[str, object]:
    row: dict[str, object] = {"status": status, "similarity": similarity, "score": score, "evidence": evidence,
                              "reuse": None, "reuse_earlier": None, "bonus_only": None, "upr_timing": None}
    for prefix, unit in (("earlier", early), ("later", late)):
        for column in ("symbol", "para", "sub", "ref", "verb", "strength", "text"):
            row[f"{prefix}_{column}"] = unit[column] if unit is not None else None
    theme_from = late if late is not None else early
    row["theme"] = theme_from["theme"] if theme_from is not None and theme_from["theme"] else None
    row["earlier_groups"] = list(early["groups"]) if early is not None else []  # which groups were dropped or added
    row["later_groups"] = list(late["groups"]) if late is not None else []
    row["change"] = _change(early, late) if status in ("repeated", "modified") else None
    row["grade"] = {"repeated": "same", "modified": "overlapping"}.get(status)
    return row


def _timing(early: dict[str, object], late: dict[str, object]) -> str | None:
    """Whether the UPR recommendation of a link came before or after the CO (session against the CO's date)."""
    from cobs.compare._upr import timing

    upr, co = (early, late) if early["committee"] == "UPR" else (late, early)
    return timing(upr["session"], co["year"], co["date"])


def _change(early: dict[str, object] | None, late: dict[str, object] | None) -> str | None:
    if early is None or late is None or pd.isna(early["strength"]) or pd.isna(late["strength"]):
        return None
    order = list(STRENGTH_DTYPE.categories)
    before, after = order.index(early["strength"]), order.index(late["strength"])
    return "escalated" if after > before else "softened" if after < before else "same"


def _table(rows: list[dict[str, object]]) -> pd.DataFrame:
    from cobs.columns import ALIGN_COLUMNS

    dtypes = {"earlier_para": "Int64", "later_para": "Int64", "similarity": "Float64", "score": "Float64",
              "reuse": "Float64", "reuse_earlier": "Float64", "bonus_only": "boolean"}
    data: dict[str, object] = {}
    for column in ALIGN_COLUMNS:
        values = [row[column] for row in rows]
        if column in ("earlier_strength", "later_strength"):
            data[column] = pd.Categorical(values, dtype=STRENGTH_DTYPE)
        elif column in ("earlier_groups", "later_groups"):
            data[column] = pd.Series(values, dtype=object).tolist()
        else:
            values = [None if v is None or (isinstance(v, float) and np.isnan(v)) else v for v in values]
            data[column] = pd.array(values, dtype=dtypes.get(column, "string"))
    return pd.DataFrame(data, columns=list(ALIGN_COLUMNS))

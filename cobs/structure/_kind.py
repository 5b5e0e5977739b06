"""What a paragraph does: introduce, welcome, express concern or recommend. Every decision of ``kind`` is here.

``kind`` takes one of :data:`KINDS` (:func:`paragraph_kinds` decides it for a
document's paragraphs):

1. The paragraphs before the first section or cluster heading are ``intro``.
2. The section a paragraph stands in decides next: everything under
   "Introduction" is ``intro``; under "Factors and difficulties" ``other``;
   under "Positive aspects" or "Follow-up measures taken and progress achieved"
   ``positive`` -- unless the paragraph plainly says otherwise: one in which the
   Committee is concerned, or asks something without a word of appreciation, is
   a concern or a recommendation wherever it stands (a document that omits or
   misprints the heading of its main section would otherwise have its
   recommendations read as positive aspects; in the 123 COs read in ../shared no
   paragraph of a positive section is affected).
3. Elsewhere the wording decides (:func:`kind_from_wording`): a paragraph in
   which the Committee recommends, urges, calls upon, encourages, invites,
   requests, reminds or draws attention is a ``recommendation`` (also "The
   State party should ..."), even when it opens with a welcome or a concern,
   since it asks something of the State; one in which the Committee is
   concerned, regrets, deplores or is alarmed is a ``concern``; a welcome or
   appreciation alone is ``positive``; anything else is ``other``.
4. In UN PDFs the recommendations are set in bold: a paragraph of the main
   sections that is mostly bold is a recommendation when its wording shows
   neither a request nor a concern (see the README for how often wording and
   bold agree).

The phrases of concern and appreciation are those of ``cobs/data/kind_phrases.csv``;
the operative verbs those of ``cobs/data/operative_verbs.csv``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from cobs.columns import KINDS
from cobs.reference import alternatives, any_operative_verb, kind_phrases, operative_verbs, section_kinds, word_list

if TYPE_CHECKING:
    from cobs.structure._rows import Row

__all__ = ["ADDRESSEE", "KINDS", "STATE_PARTY", "kind_from_wording", "operative_verb", "paragraph_kinds",
           "section_kind", "sentences"]

_SUBJECT = re.compile(r"\b(?:the\s+Committee|it)\b\s*", re.IGNORECASE)
ADDRESSEE = r"(?:the\s+State\s+party|the\s+European\s+Union|the\s+Government)"
"""How a CO names the State it addresses (the EU reports as a party too), a regular expression."""
STATE_PARTY = re.compile(rf"\b{ADDRESSEE}\b\s*", re.IGNORECASE)
_BETWEEN = re.compile(  # what may stand between "the Committee" and its verb (cobs/data/committee_verb_fillers.csv)
    rf"\s*(?:(?:{alternatives(word_list('committee_verb_fillers.csv'))}|\w+ly)\b(?:\s*,)?\s+)*"  # adverbs
    r"(?:,[^;]*,\s*)?",  # a participial phrase: "The Committee, recalling its general comment No. 5, recommends"
    re.IGNORECASE,
)
_FARTHEST_VERB = 800
"""Characters at most between "the Committee" and its verb: a participial phrase ("The Committee, recalling its
general comment No. 5 (2003) on ..., recommends") runs to a few hundred; a verb further on belongs to another clause."""
_COORDINATED = re.compile(  # "The Committee draws attention to ... and recommends that the State party ..."
    r"[^;:]*\band\s+(?:also\s+|further\s+)?(?:would\s+like\s+to\s+|wishes\s+to\s+)?", re.IGNORECASE
)
_REQUEST_START = re.compile(  # "... recommends that the State party", "... and encourages it to"
    rf"\s*(?:(?:that\s+)?{ADDRESSEE}\b|it\s+to\b)", re.IGNORECASE
)


_BOUNDARY = re.compile(r"[.!?][”’\"')\]]*\s+(?=[A-Z“‘\"(])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:No|Nos|para|paras|art|arts|Art|Arts|e\.g|i\.e|Mr|Ms|Mrs|Dr|etc|Add|Rev|Corr|vol|cf|St|chap|sect|"
    r"p|pp|Inc|Ltd|Co|U\.N|v)|\b[A-Z])\.$"
)


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph.

    A sentence ends at ".", "!" or "?" (and any closing quote or bracket) before a
    capital letter, except after the abbreviations of UN documents ("No. 13",
    "paras. 7", "arts. 19", "e.g.") and initials.

    Examples
    --------
    >>> sentences("In the light of its general comment No. 5 (2003), the Committee urges it to act. "
    ...           "It also recommends (see paras. 4 and 5) that data be shared.")
    ['In the light of its general comment No. 5 (2003), the Committee urges it to act.', \
'It also recommends (see paras. 4 and 5) that data be shared.']
    """
    out, start = [], 0
    for boundary in _BOUNDARY.finditer(text):
        if _ABBREVIATION.search(text, max(start, boundary.start() - 12), boundary.start() + 1):
            continue
        out.append(text[start : boundary.end()].strip())
        start = boundary.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def operative_verb(sentence: str) -> tuple[str, str, int] | None:
    """(verb, strength, end offset) of the Committee's operative verb in a sentence, or None.

    The verbs are those of ``cobs/data/operative_verbs.csv``. A verb counts when
    the Committee is its subject: "The Committee recommends", "It also invites",
    "The Committee, recalling its general comment No. 5, recommends", "The
    Committee draws attention to ... and recommends", or when the State party is
    addressed directly: "The State party should", "the State party is encouraged
    to". Of several, the one that introduces the request ("... that the State
    party", "... the State party to") is taken.

    Examples
    --------
    >>> operative_verb("The Committee strongly recommends that the State party adopt a law.")[:2]
    ('recommend', 'urges')
    >>> operative_verb("It also invites the State party to submit its report.")[:2]
    ('invite', 'invites')
    >>> operative_verb("The Committee draws the State party’s attention to its general comment No. 16 and "
    ...                "recommends that the State party establish regulations.")[:2]
    ('recommend', 'recommends')
    >>> operative_verb("The Committee commends the State party for its plan, and encourages it to fund it.")[:2]
    ('encourage', 'encourages')
    >>> operative_verb("The Committee is concerned about child labour.") is None
    True
    """
    if any_operative_verb().search(sentence) is None:
        return None
    candidates: list[tuple[int, int, str, str]] = []
    for subject in _SUBJECT.finditer(sentence):
        for found in any_operative_verb().finditer(sentence, subject.end()):
            between = sentence[subject.end() : found.start()]
            if len(between) > _FARTHEST_VERB:
                break
            direct = _BETWEEN.fullmatch(between) is not None
            if not direct and not _COORDINATED.fullmatch(between):
                continue
            for pattern, verb, strength in operative_verbs():  # which verbs stand here
                match = pattern.match(sentence, found.start())
                if not match or verb == "should":
                    continue
                # a coordinated verb counts when it asks something ("... and requests that the State party"),
                # not when it is a noun ("applications and requests for family reunification")
                if direct or strength == "draws attention" or _REQUEST_START.match(sentence, match.end()):
                    candidates.append((match.start(), match.end(), verb, strength))
    if not candidates:
        for state in STATE_PARTY.finditer(sentence):
            for pattern, verb, strength in operative_verbs():
                match = pattern.match(sentence, state.end())
                if match and (verb == "should" or match.group(0).lower().startswith("is ")):
                    return verb, strength, match.end()
        return None
    candidates.sort(key=lambda c: (c[0], -c[1]))
    for _, end, verb, strength in candidates:
        if _REQUEST_START.match(sentence, end):
            return verb, strength, end
    _, end, verb, strength = candidates[0]
    return verb, strength, end


def _recommends(text: str) -> bool:
    """Does a sentence of ``text`` have the Committee ask something of the State party?"""
    # operative_verb returns at once for a sentence without any operative verb
    return any_operative_verb().search(text) is not None and any(operative_verb(s) for s in sentences(text))


@functools.lru_cache(maxsize=1024)
def section_kind(section: str) -> str | None:
    """The kind every paragraph of this section has, or None if wording decides.

    Examples
    --------
    >>> section_kind("Follow-up measures taken and progress achieved by the State party")
    'positive'
    >>> section_kind("Main areas of concern and recommendations") is None
    True
    """
    for pattern, kind in section_kinds():
        if pattern.search(section):
            return kind
    return None


def kind_from_wording(text: str, section: str | None = "") -> str:
    """The kind of a paragraph, from its section and its own wording.

    Parameters
    ----------
    text : str
        The paragraph's own text (its chapeau, without the lettered items).
    section : str or None
        The title of the section it stands in ("", None or NA when none).

    Returns
    -------
    str
        One of :data:`KINDS`.

    Examples
    --------
    >>> kind_from_wording("The Committee is seriously concerned about the reports ...")
    'concern'
    >>> kind_from_wording("In the light of its general comment No. 8 (2006), the Committee urges the State party ...")
    'recommendation'
    >>> kind_from_wording("The Committee welcomes the adoption of ...", "Positive aspects")
    'positive'
    >>> kind_from_wording("The Committee recommends that the State party adopt a law ...", "Positive aspects")
    'recommendation'
    """
    fixed = section_kind(section) if isinstance(section, str) and section else None  # NA: a table's missing section
    if fixed == "positive":  # unless the paragraph plainly says otherwise (see the module docstring)
        if kind_phrases("concern").search(text):
            return "concern"
        if not kind_phrases("positive").search(text) and _recommends(text):
            return "recommendation"
        return fixed
    if fixed is not None:
        return fixed
    if _recommends(text):
        return "recommendation"
    if kind_phrases("concern").search(text):
        return "concern"
    if kind_phrases("positive").search(text):
        return "positive"
    return "other"


_BOLD_SHARE = 0.5
"""A paragraph is "mostly bold" when this share of its characters (own text and items) is."""
_BOLD_USED = 0.05
"""A document marks recommendations in bold when this share of its main sections' characters is bold: plain text
has no bold, and some PDFs (2011-2014 COs) set nothing in bold at all."""


def paragraph_kinds(rows: Sequence[Row], typography: bool) -> dict[int, str]:
    """The kind of each paragraph of a document, by number (see the module docstring).

    Parameters
    ----------
    rows : sequence of Row
        The document's rows (own texts and items), as :func:`cobs.structure.read_structure` reads them.
    typography : bool
        Whether the format carries bold (PDF, Word, HTML).
    """
    own: dict[int, Row] = {}
    chars: dict[int, int] = {}
    bold: dict[int, int] = {}
    for row in rows:
        if not row.sub:
            own[row.para] = row
        chars[row.para] = chars.get(row.para, 0) + row.n_chars
        bold[row.para] = bold.get(row.para, 0) + (row.n_bold or 0)
    main = [p for p, row in own.items() if row.opened and section_kind(row.section) is None]
    bold_used = typography and sum(bold[p] for p in main) > _BOLD_USED * max(1, sum(chars[p] for p in main))
    kinds = {}
    for para, row in own.items():
        if not row.opened:
            kinds[para] = "intro"
            continue
        kind = kind_from_wording(row.text, row.section)
        # Bold marks recommendations in UN PDFs: it catches requests the wording rules
        # miss ("Under the simplified reporting procedure, ..."). Where the wording
        # is explicit (a concern, a request left in regular type), the wording stands.
        if (bold_used and kind in ("other", "positive") and section_kind(row.section) is None
                and bold[para] >= _BOLD_SHARE * max(1, chars[para])):
            kind = "recommendation"
        kinds[para] = kind
    return kinds

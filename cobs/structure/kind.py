"""What a paragraph does: introduce, welcome, express concern or recommend.

``kind`` takes one of :data:`KINDS`. The section a paragraph stands in decides
first (everything under "Introduction" is ``intro``; under "Positive aspects" or
"Follow-up measures taken and progress achieved", ``positive``). Elsewhere the
wording decides: a paragraph in which the Committee recommends, urges, calls
upon, encourages, invites, requests, reminds or draws attention is a
``recommendation`` (also "The State party should ..."), even when it opens
with a welcome or a concern, since it asks something of the State; one in which
the Committee is concerned, regrets, deplores or is alarmed is a ``concern``; a
welcome or appreciation alone is ``positive``; anything else is ``other``.

In UN PDFs the recommendations are set in bold; where a PDF is read,
:func:`cobs.read_document` makes a paragraph that is mostly bold a
recommendation when its wording shows neither a request nor a concern (see the
README for how often wording and bold agree).
"""

from __future__ import annotations

import functools
import re

from cobs.columns import KINDS
from cobs.reference.lexicons import any_operative_verb, operative_verbs

_SUBJECT = re.compile(r"\b(?:the\s+Committee|it)\b\s*", re.IGNORECASE)
ADDRESSEE = r"(?:the\s+State\s+party|the\s+European\s+Union|the\s+Government)"
"""How a CO names the State it addresses (the EU reports as a party too), a regular expression."""
STATE_PARTY = re.compile(rf"\b{ADDRESSEE}\b\s*", re.IGNORECASE)
_BETWEEN = re.compile(  # what may stand between "the Committee" and its verb
    r"\s*(?:(?:also|further|therefore|again|once\s+again|moreover|furthermore|thus|strongly|however|"
    r"nevertheless|would\s+like\s+to|wishes\s+to|\w+ly)\b(?:\s*,)?\s+)*"  # adverbs ("specifically")
    r"(?:,[^;]*,\s*)?",  # a participial phrase: "The Committee, recalling its general comment No. 5, recommends"
    re.IGNORECASE,
)
_COORDINATED = re.compile(  # "The Committee draws attention to ... and recommends that the State party ..."
    r"[^;:]*\band\s+(?:also\s+|further\s+)?(?:would\s+like\s+to\s+|wishes\s+to\s+)?", re.IGNORECASE
)
_REQUEST_START = re.compile(
    rf"\s*(?:that\s+)?{ADDRESSEE}\b", re.IGNORECASE
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
    >>> operative_verb("The Committee is concerned about child labour.") is None
    True
    """
    if any_operative_verb().search(sentence) is None:
        return None
    candidates: list[tuple[int, int, str, str]] = []
    for subject in _SUBJECT.finditer(sentence):
        for found in any_operative_verb().finditer(sentence, subject.end()):
            between = sentence[subject.end() : found.start()]
            if len(between) > 800:
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
    return any(operative_verb(s) is not None for s in sentences(text))


_CONCERN = re.compile(
    r"\b(?:is|are|remains?|was|were|continues\s+to\s+be)\s*,?\s+(?:\w+\s*,?\s+){0,3}?(?:concerned|alarmed|worried|disturbed|troubled)\b"
    r"|\b(?:regrets?|deplores?|notes?\s+with\s+(?:\w+\s+)?(?:concern|regret))\b|\bwith\s+(?:\w+\s+)?concern\b"
    r"|\bexpress(?:es)?\s+(?:its\s+)?(?:\w+\s+)?concern\b|\bconcerns?\s+(?:about|at|that|regarding)\b"
    r"|\bof\s+(?:\w+\s+)?concern\s+to\s+the\s+Committee\b|\b(?:finds?|is)\s+(?:it\s+)?(?:troubling|worrying|regrettable)\b",
    re.IGNORECASE,
)
_POSITIVE = re.compile(
    r"\b(?:welcomes?|commends?|appreciates?|congratulates?|notes?\s+with\s+(?:\w+\s+)?(?:appreciation|satisfaction|interest)"
    r"|acknowledges?|takes\s+note|notes?\s+(?:as\s+positive|the\s+(?:adoption|establishment|efforts)))\b",
    re.IGNORECASE,
)
_SECTION_KINDS = (
    (re.compile(r"introduction", re.IGNORECASE), "intro"),
    (re.compile(r"positive\s+aspects|progress\s+achieved|follow-up\s+measures\s+(?:undertaken|taken)", re.IGNORECASE), "positive"),
    (re.compile(r"factors\s+and\s+difficulties", re.IGNORECASE), "other"),
)


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
    for pattern, kind in _SECTION_KINDS:
        if pattern.search(section):
            return kind
    return None


def kind_from_wording(text: str, section: str = "") -> str:
    """The kind of a paragraph, from its section and its own wording.

    Parameters
    ----------
    text : str
        The paragraph's own text (its chapeau, without the lettered items).
    section : str
        The title of the section it stands in ("" when before the first one).

    Returns
    -------
    str
        One of :data:`KINDS`.

    Examples
    --------
    >>> kind_from_wording("The Committee is seriously concerned about the reports ...")
    'concern'
    >>> kind_from_wording("In the light of its general comment No. 8 (2006), the Committee urges the State party to ...")
    'recommendation'
    >>> kind_from_wording("The Committee welcomes the adoption of ...", "Positive aspects")
    'positive'
    """
    fixed = section_kind(section) if section else None
    if fixed is not None:
        return fixed
    if _recommends(text):
        return "recommendation"
    if _CONCERN.search(text):
        return "concern"
    if _POSITIVE.search(text):
        return "positive"
    return "other"

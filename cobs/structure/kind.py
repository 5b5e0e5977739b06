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
:func:`cobs.read_document` uses the bold instead of the wording (see the
README for how often the two agree).
"""

from __future__ import annotations

import re

KINDS = ("intro", "positive", "concern", "recommendation", "other")
"""The values of the ``kind`` column, in the order of a typical document."""

_REQUEST = re.compile(
    r"\b(?:recommends|urges|calls\s+(?:up)?on|calls\s+for|encourages|invites|requests|reminds|exhorts|"
    r"suggests|advises|asks|draws\s+(?:the\s+)?(?:\S+\s+){0,4}?attention|directs\s+(?:\S+\s+){0,4}?attention|"
    r"(?:would\s+like|wishes)\s+to\s+(?:draw|recommend|encourage|remind|invite|request|urge)|"
    r"reiterates\s+(?:its|the)\s+(?:\S+\s+){0,2}?(?:recommendations?|call|request)|"
    r"refers\s+to\s+its\s+(?:\S+\s+)?recommendations?)\b",
    re.IGNORECASE,
)
_COMMITTEE = re.compile(r"\b(?:the\s+Committee|it)\b", re.IGNORECASE)
_STATE_SHOULD = re.compile(
    r"\bthe\s+State\s+party\s+(?:should|is\s+(?:\w+\s+)?(?:encouraged|urged|invited|requested|called\s+upon))\b",
    re.IGNORECASE,
)
_SENTENCES = re.compile(r"(?<=[.;])\s+(?=[A-Z(“\"])")


def _recommends(text: str) -> bool:
    """Does a sentence of ``text`` have the Committee ask something of the State party?"""
    if _STATE_SHOULD.search(text):
        return True
    return any(_COMMITTEE.search(s) and _REQUEST.search(s) for s in _SENTENCES.split(text))


_CONCERN = re.compile(
    r"\b(?:is|are|remains?|was|were|continues\s+to\s+be)\s*,?\s+(?:\w+\s*,?\s+){0,3}?(?:concerned|alarmed|worried|disturbed|troubled)\b"
    r"|\b(?:regrets?|deplores?|notes?\s+with\s+(?:\w+\s+)?(?:concern|regret))\b|\bwith\s+(?:\w+\s+)?concern\b"
    r"|\bexpress(?:es)?\s+(?:its\s+)?(?:\w+\s+)?concern\b|\bconcerns?\s+(?:about|at|that|regarding)\b",
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

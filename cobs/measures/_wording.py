"""How a recommendation is worded: intensifiers, hedges, action category, specificity, deadline.

Every measure is a plain function of a text (or of a verb), transparent and
checkable by hand; the lexicons are the CSV files in ``cobs/data``.

* ``strength`` orders the Committee's operative verbs, weakest to strongest:
  draws attention < requests < invites < encourages < calls upon < recommends <
  urges. This is the order of UN drafting practice (see ../shared/DOMAIN.md):
  "urges" and "strongly recommends" mark the Committee's most insistent demands;
  "recommends" is the default; "calls upon" and "encourages" leave more room;
  "invites" and "requests" are mostly procedural (report, disseminate); "draws
  attention"/"reminds" point to a standard without asking a specific act.
* ``action_category`` is UPR Info's 1-5 scale (Edward McMahon), read from the verb
  of what the State is asked to do: 1 minimal (seek or share help), 2 continuing
  ("continue", "maintain"), 3 considering ("consider", "envisage"), 4 general
  ("take measures", "ensure", "strengthen"), 5 specific ("adopt", "ratify",
  "amend", "criminalize"). "Consider ratifying" is 3: the first verb decides.
  ``cobs/data/action_verbs.csv`` gives each verb the category UPR Info's coders gave
  most often to recommendations opening with it (sessions 1-21, verbs seen 20 times
  or more; ``scripts/build_action_verbs.py``), else the one UPR Info's definitions
  give. On sessions 25-27 it covers 97.1 % of the recommendations and agrees with
  the coders on 87.4 % of those (``benchmarks/bench_lexicon.py``). Missing when the verb
  is not in the file ("widen", "reinstate"): no guess from a later verb, which agrees
  with the coders only 63 % of the time; ``ActionCategoryClassifier`` covers every text.
* ``specificity`` counts four features, 0-4: a named law, body or instrument (not
  the bare "the Convention" or "the Committee"); a number or a date (not the number
  of an article, general comment, paragraph or target); a deadline; a target group
  (women, girls, refugees, persons with psychosocial disabilities...; not "persons
  with disabilities" alone, which every CRPD recommendation names).
  ``time_bound`` is the deadline: a date ("by April 2016"), a period ("within 12
  months"), the next report, or time frames and timelines ("with specific targets,
  time frames and budgets"). Reporting requests (``cluster_id`` "IMPL") set most
  deadlines: leave them out to compare substantive recommendations.
"""

from __future__ import annotations

import re

from cobs.columns import STRENGTH_DTYPE, STRENGTHS
from cobs.reference import action_verbs, deadlines, head_nouns, month_pattern, phrases, target_groups

__all__ = [
    "STRENGTHS", "STRENGTH_DTYPE", "intensifiers", "hedges", "action_category", "specificity_parts", "time_bound"
]


_HEAD_NOUN = head_nouns()  # cobs/data/head_nouns.csv
_NAMED = re.compile(  # a name, not the bare "Convention" or "Committee": a capitalised word before, or "of/on X" after
    rf"\b(?:[A-Z][\w’'-]+\s+){{1,6}}{_HEAD_NOUN}\b|\b{_HEAD_NOUN}\s+(?:on|of|for|against)\s+(?:the\s+)?[A-Z][\w’'-]+"
)
_NOT_NAMED = re.compile(r"^(?:The|This|That|Its|Their|Optional)\s+(?:Convention|Committee|Protocols?)$")
_MONTH = month_pattern("en")  # capitalised: "May" is a month, "may" is not
_NUMBER = re.compile(rf"\b\d+(?:[.,]\d+)?\b|\b{_MONTH}\b")
_NUMBERING = re.compile(  # numbers that name an article, a general comment or a paragraph, not a quantity
    r"(?:\b(?:arts?\.|articles?|Nos?\.|paras?\.|paragraphs?|targets?|Goals?|resolutions?)\s*(?:\d+[.,]?\s*(?:and|,)?\s*)*"
    r"|\(\s*)$",
    re.IGNORECASE,
)
_DEADLINE = deadlines()  # cobs/data/deadlines.csv


def _found(text: str, lexicon: str) -> list[str]:
    """The phrases of a lexicon (``cobs/data/<lexicon>``) found in a text, in order, lower case, spaces normalised."""
    return [" ".join(m.group(0).lower().split()) for m in phrases(lexicon).finditer(text)]


def intensifiers(text: str) -> list[str]:
    """Intensifying phrases of ``cobs/data/intensifiers.csv`` found in a text, in order.

    Examples
    --------
    >>> intensifiers("take all measures necessary to expeditiously establish the post")
    ['all measures necessary', 'expeditiously']
    """
    return _found(text, "intensifiers.csv")


def hedges(text: str) -> list[str]:
    """Hedging phrases of ``cobs/data/hedges.csv`` found in a text, in order.

    Examples
    --------
    >>> hedges("consider ratifying, as appropriate, the Optional Protocol")
    ['consider', 'as appropriate']
    """
    return _found(text, "hedges.csv")


def action_category(verb: str) -> int | None:
    """UPR Info action category (1-5) of the verb of a requested action; None if unknown.

    Examples
    --------
    >>> action_category("ratify"), action_category("consider"), action_category("continue")
    (5, 3, 2)
    """
    verb = verb.lower()
    table = action_verbs()
    if verb in table:
        return table[verb]
    for suffix, replacement in (("ing", ""), ("ing", "e"), ("s", ""), ("es", "")):
        if verb.endswith(suffix) and verb[: -len(suffix)] + replacement in table:
            return table[verb[: -len(suffix)] + replacement]
    return None


def specificity_parts(text: str) -> dict[str, bool]:
    """The four features counted by ``specificity``.

    Examples
    --------
    >>> specificity_parts("adopt the draft Juvenile Justice Code by 2025, in particular for girls")
    {'named': True, 'number': True, 'deadline': True, 'group': True}
    """
    return {
        "named": any(not _NOT_NAMED.match(m.group(0)) for m in _NAMED.finditer(text)),
        "number": any(not _NUMBERING.search(text, max(0, m.start() - 40), m.start()) for m in _NUMBER.finditer(text)),
        "deadline": _DEADLINE.search(text) is not None,
        "group": target_groups().search(text) is not None,
    }


def time_bound(text: str) -> bool:
    """Does the text set a deadline ("by 2025", "within 12 months", "before its next report")?

    Examples
    --------
    >>> time_bound("submit its combined fifth and sixth reports by 10 September 2021")
    True
    >>> time_bound("take all measures necessary")
    False
    """
    return _DEADLINE.search(text) is not None

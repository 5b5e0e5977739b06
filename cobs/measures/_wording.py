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
  most often to recommendations opening with it (sessions 1-21, verbs seen 20 times,
  or 5 times with a 60 % majority; ``scripts/build_action_verbs.py``), else the one
  UPR Info's definitions give. :func:`action_category_of` then applies UPR Info's
  principles (``cobs/data/action_rules.csv``): "continue and strengthen" is 4, a
  general action with specific means ("by amending the code") 5, "adopt measures"
  4. On sessions 25-27 it covers 98.4 % of the recommendations and agrees with UPR
  Info's coders on 89.6 % of those (the verb alone: 87.4 %;
  ``benchmarks/bench_lexicon.py``); on CO text, see ``benchmarks/bench_validate_co.py``.
  Missing when no verb is found or the verb is not in the file ("widen"): no guess
  from a later verb; ``ActionCategoryClassifier`` covers every text.
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

from cobs._checks import check_flag
from cobs.columns import STRENGTH_DTYPE, STRENGTHS
from cobs.errors import invalid_value
from cobs.measures._actions import locate_action
from cobs.reference import (
    action_forms,
    action_rules,
    action_verbs,
    deadlines,
    head_nouns,
    month_pattern,
    phrases,
    target_groups,
)
from cobs.structure import operative_verb

__all__ = [
    "STRENGTHS", "STRENGTH_DTYPE", "intensifiers", "hedges", "action_category", "action_category_of",
    "specificity_parts", "time_bound",
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


_WORD = re.compile(r"[A-Za-z]+(?![\w-])")
_PASSIVE = re.compile(r"\b(?:be|is|are)\s+(?:(?:also|further|[a-z]+ly)\s+)*([a-z]+)\b")
_NOUN = re.compile(r"^\s*(?:that\s+)?(?:the|an?)\s+([a-z]+)\s+of\b", re.IGNORECASE)
_ITEMS_COMPLETE = re.compile(r"\bthat\s*:\s*$")  # "... in order to ensure that:" (a) professionals receive ...


def action_category_of(request: str, *, chapeau: str | None = None, purpose: bool = False) -> int | None:
    """UPR Info action category (1-5) of a requested action, by its verb and UPR Info's principles; None if unknown.

    The category of the verb of what the State is asked to do (:func:`action_category`),
    corrected by UPR Info's principles (Database_Action_Category.pdf; each pattern, with
    the count of UPR Info's coding it rests on, is in ``cobs/data/action_rules.csv``):

    * a general action made specific by its means is 5: "improve ... by amending the
      code", "ensure ..., including by adopting a law" (a category-4 action whose means,
      "by" or "through" and a verb in -ing or a noun such as "the adoption of", is a
      category-5 verb; UPR Info's coders, sessions 1-21: 428 of 669 such recommendations);
    * of two opening verbs the second counts when the first only continues or
      considers: "continue and strengthen" is 4, "review and amend" 5 (UPR Info's
      coders, sessions 1-21: the second verb's category on 184 of 210 such openings;
      when the first verb is itself an act, "establish and strengthen", the first:
      100 of 198 against 93 for the second);
    * "adopt (all necessary) measures" is taking measures (4), "adopt legislative
      measures" a legal act (5), "put into effect" is to implement (5);
    * "take measures to" + a verb stays 4, as UPR Info's definitions list "take
      measures or steps towards" and its coders code 93 % of them so (745 of 805 with
      a specific verb such as "abolish"); ``purpose=True``
      gives the verb's category instead ("take measures to abolish" 5), the reading
      of the coders of ``tests/data/co_actions_coded.csv``.

    Where no verb of the State is found, the act a passive request asks for ("that
    measures be taken", cobs/data/action_forms.csv for irregular participles) or names
    ("the adoption of a law") counts, and an item that completes a chapeau ending in
    "that:" ("take measures to ensure that: (a) professionals receive training") has
    the chapeau's category unless it opens with a verb of its own.

    Parameters
    ----------
    request : str
        What is asked: the text after the Committee's operative verb, or an item
        (the ``request`` column of :func:`cobs.actions`); a UPR recommendation.
    chapeau : str, optional
        The sentence introducing an item (the ``chapeau`` column).
    purpose : bool, default False
        Read "take measures to V" as V.

    Returns
    -------
    int or None
        1-5, or None where no verb is found or the verb is not in ``cobs/data/action_verbs.csv``.

    Examples
    --------
    >>> action_category_of("Continue and strengthen its efforts to combat trafficking")
    4
    >>> action_category_of("that the State party improve the rights of women by amending the family code")
    5
    >>> action_category_of("Adopt all necessary measures to end child labour")
    4
    >>> action_category_of("take measures to abolish the age limit"), action_category_of(
    ...     "take measures to abolish the age limit", purpose=True)
    (4, 5)
    >>> action_category_of("that the data be collected and used for policies")
    5
    """
    if not isinstance(request, str):
        raise TypeError(invalid_value("request", request, "a string (an action's request, or a recommendation)"))
    if chapeau is not None and not isinstance(chapeau, str):
        raise TypeError(invalid_value("chapeau", chapeau, "a string or None"))
    purpose = check_flag(purpose, "purpose")
    verb, action = locate_action(request)
    if verb in action_verbs():
        return _category(verb, action, purpose)
    if chapeau and _ITEMS_COMPLETE.search(chapeau.rstrip()):
        found = operative_verb(chapeau)
        return action_category_of(chapeau[found[2]:] if found else chapeau, purpose=purpose)
    if verb:  # a verb the lexicon does not know
        return None
    noun = _NOUN.match(request)
    if noun and action_forms().get(noun.group(1).lower(), ("", ""))[1] == "noun":
        return _category(action_forms()[noun.group(1).lower()][0], request[noun.start(1):], purpose)
    passive = _PASSIVE.search(request)
    if passive and (verb := _verb_of(passive.group(1))) in action_verbs():
        return _category(verb, request[passive.start(1):], purpose)
    return None


def _verb_of(word: str) -> str:
    """The base form of a verb in any form ("strengthening", "strengthened", "taken", "applies"), "" if unknown."""
    word = word.lower()
    known = action_verbs()
    if word in known:
        return word
    if word in action_forms() and action_forms()[word][1] == "participle":
        return action_forms()[word][0]
    stems = []
    for suffix, endings in (("ing", ("", "e")), ("ied", ("y",)), ("ed", ("", "e")), ("ies", ("y",)), ("es", ("",)),
                            ("s", ("",))):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            stems += [stem + e for e in endings]
            if suffix in ("ing", "ed") and len(stem) > 2 and stem[-1] == stem[-2]:
                stems.append(stem[:-1])  # "submitted" -> "submit"
    return next((s for s in stems if s in known), "")


def _opening(text: str) -> tuple[int | None, int]:
    """(category, end) of an action's opening: a phrase of action_rules.csv, else its first word as a verb."""
    for pattern, category in action_rules()["phrases"]:
        if found := pattern.match(text):
            return category, found.end()
    word = _WORD.match(text)
    if not word:
        return None, 0
    return action_verbs().get(_verb_of(word.group(0))), word.end()


def _category(verb: str, action: str, purpose: bool) -> int | None:
    rules = action_rules()
    text = action.lstrip()
    category, end = _opening(text)
    if category is None:
        category = action_verbs().get(verb)
    if category is None:
        return None
    joined = rules["two_verbs"].match(text, end)
    if joined and category in (2, 3):  # "continue and strengthen", "review and amend": the second verb
        second = _opening(text[joined.end():])[0]
        category = second if second is not None else category
    if purpose and (aim := rules["purpose"].match(text)):
        goal = _opening(text[aim.end():])[0]
        category = goal if goal is not None else category
    if category == 4:  # a general action made specific by its means
        for means in rules["means"].finditer(text):
            rest = text[means.end():]
            noun = _NOUN.match(rest)
            if noun and action_forms().get(noun.group(1).lower(), ("", ""))[1] == "noun":
                means_category = action_verbs().get(action_forms()[noun.group(1).lower()][0])
            elif (word := _WORD.match(rest)) and word.group(0).lower().endswith("ing"):
                means_category = _opening(rest)[0]  # "by raising awareness" is general, "by raising the age" not
            else:
                continue
            if means_category == 5:
                return 5
    return category


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

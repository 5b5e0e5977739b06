"""OHCHR's tags read from words: the groups of persons a text names, the goals and targets it cites or names.

The word-level half of ``cobs.measure``'s ``groups``, ``sdgs`` and ``sdg_targets``
(which add the committee's base group and the theme's tags), and the lexicon
features of :class:`cobs.classify.GroupClassifier` and ``GoalClassifier``:

* :func:`named_groups`: the groups a text names (``cobs/data/group_terms.csv``,
  after reading past the spans that name no group the text is about: lists of
  disaggregation categories, the dissemination template's list of readers, the
  quoted text of an SDG target);
* :func:`worded_goals`: the goals and targets its wording names
  (``cobs/data/sdg_terms.csv``: "birth registration" -> 16.9);
* :func:`cited_goals`: the goals and targets it cites ("target 16.3", "Goal 5",
  "SDG 4").
"""

from __future__ import annotations

import functools
import re

from cobs.reference._labels import GOALS, GROUPS
from cobs.reference._lexicon import Lexicon
from cobs.reference._tables import read_rows

__all__ = ["cited_goals", "named_groups", "target_key", "worded_goals"]

_READ_PAST = "(read past)"


@functools.cache
def _lexicon() -> Lexicon:
    """Both lexicons in one, searched in one pass of a text: the rows of group_terms.csv, labelled
    ("past", None) for a span read past and ("group", group), and those of sdg_terms.csv, labelled
    ("goal", (goal, target or None))."""
    rows: list[tuple[tuple[str, object], str]] = []
    for row in read_rows("group_terms.csv"):
        if row["group"] == _READ_PAST:
            rows.append((("past", None), row["pattern"]))
        elif row["group"] in GROUPS:
            rows.append((("group", row["group"]), row["pattern"]))
        else:  # a data file error, caught by the tests
            raise ValueError(f"cobs/data/group_terms.csv: {row['group']!r} is not a group of groups.csv")
    for row in read_rows("sdg_terms.csv"):
        rows.append((("goal", (int(row["goal"]), row["target"] or None)), row["pattern"]))
    return Lexicon(rows)


@functools.lru_cache(maxsize=65536)
def _found(text: str) -> tuple[frozenset[str], frozenset[int], tuple[str, ...]]:
    """The groups a text names and the goals and targets its wording names (cached: a chapeau and a
    heading come with each of their items)."""
    lexicon = _lexicon()
    rows = lexicon.rows_matched(text)
    if any(lexicon.labels[row][0] == "past" for row in rows):  # spans read past: the labels of what is left
        for row in rows:
            if lexicon.labels[row][0] == "past":
                text = lexicon.patterns[row].sub(" ", text)
        rows = lexicon.rows_matched(text)
    labels = [lexicon.labels[row] for row in rows]
    worded = [label for kind, label in labels if kind == "goal"]
    named = frozenset(label for kind, label in labels if kind == "group")
    return named, frozenset(goal for goal, _ in worded), tuple(dict.fromkeys(t for _, t in worded if t))


def named_groups(text: str) -> frozenset[str]:
    """The groups of persons a text names, in OHCHR's 2025 vocabulary.

    Examples
    --------
    >>> sorted(named_groups("Protect children in street situations and women with disabilities"))
    ['Children', 'Children in vulnerable situations', 'Persons with disabilities', 'Women & girls']
    >>> sorted(named_groups("Collect data disaggregated by sex, age, ethnicity and migration status"))
    []
    """
    return _found(text)[0]


def worded_goals(text: str) -> tuple[frozenset[int], tuple[str, ...]]:
    """The goals and the targets a text's wording names (``cobs/data/sdg_terms.csv``).

    Examples
    --------
    >>> goals, targets = worded_goals("Ensure that all children are registered at birth and end child marriage")
    >>> sorted(goals), targets
    ([5, 16], ('5.3', '16.9'))
    """
    _, goals, targets = _found(text)
    return goals, targets


_TARGET = r"\d{1,2}\.(?:\d{1,2}|[a-c])\b"
_CITED_TARGETS = re.compile(rf"\btargets?\s+({_TARGET}(?:\s*(?:,|and|or|as\s+well\s+as)\s*{_TARGET})*)")
_CITED_GOALS = re.compile(r"\b(?:Sustainable\s+Development\s+Goals?|SDGs?|Goals?)\s+(\d{1,2}(?:\s*(?:,|and|or)\s*"
                          r"\d{1,2}\b)*)(?!\.\d)")
_NUMBER = re.compile(rf"{_TARGET}|\d{{1,2}}")


def cited_goals(text: str) -> tuple[set[int], list[str]]:
    """The goals and targets a text cites ("target 16.3", "Goals 3 and 5", "SDG 4"); only those that exist.

    Examples
    --------
    >>> cited_goals("recalling targets 5.1, 5.2 and 5.5 of the Sustainable Development Goals")
    ({5}, ['5.1', '5.2', '5.5'])
    >>> cited_goals("to reach the international target of 0.7 per cent")
    (set(), [])
    """
    goals: set[int] = set()
    targets: list[str] = []
    if "oal" not in text and "arget" not in text and "SDG" not in text:  # most texts: no search at all
        return goals, targets
    for match in _CITED_TARGETS.finditer(text):
        for target in _NUMBER.findall(match.group(1)):
            goal = int(target.split(".")[0])
            if goal in GOALS:
                targets.append(target)
                goals.add(goal)
    for match in _CITED_GOALS.finditer(text):
        goals.update(int(n) for n in _NUMBER.findall(match.group(1)) if "." not in n and int(n) in GOALS)
    return goals, targets


def target_key(target: str) -> tuple[int, int, str]:
    """Sort key of a target: "5.2" < "16.2" < "16.10" < "16.a"."""
    goal, part = target.split(".")
    return (int(goal), int(part) if part.isdigit() else 100, part)



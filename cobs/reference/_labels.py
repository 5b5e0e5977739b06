"""OHCHR's vocabularies of groups of persons and Sustainable Development Goals.

OHCHR's Universal Human Rights Index tags each recommendation with the groups
of persons it concerns and the SDGs it relates to. :data:`GROUPS` is its 2025
vocabulary of groups, spelt as its 2025 thematic lists print them
(``cobs/data/groups.csv``, with a note per group on how a CO names it);
:func:`group_name` maps the spellings of its 2014 and 2019 lists onto it.
:data:`GOALS` are the 17 goals (``cobs/data/sdgs.csv``).
"""

from __future__ import annotations

import functools

from cobs.errors import invalid_value
from cobs.reference._tables import read_rows, split_list

__all__ = ["GOALS", "GROUPS", "base_group", "goal_name", "group_name", "issue_labels"]

GROUPS: tuple[str, ...] = tuple(row["group"] for row in read_rows("groups.csv"))
"""The groups of persons, in OHCHR's 2025 spelling, in the order of ``cobs/data/groups.csv``."""

GOALS: tuple[int, ...] = tuple(int(row["goal"]) for row in read_rows("sdgs.csv"))
"""The Sustainable Development Goals, 1-17."""

NO_GROUP = frozenset({"general"})
"""Spellings of OHCHR's lists that name no group (the 2014 list's "Affected persons: - general")."""


@functools.cache
def _spellings() -> dict[str, str]:
    index = {}
    for row in read_rows("groups.csv"):
        for spelling in [row["group"], *split_list(row["spellings"])]:
            index[_fold(spelling)] = row["group"]
    return index


def _fold(label: str) -> str:
    return " ".join(label.replace("&amp;", "&").split()).casefold()


def group_name(label: str) -> str | None:
    """The 2025 name of a group as an OHCHR thematic list of any year prints it.

    Parameters
    ----------
    label : str
        A group as printed ("women", "Migrants & domestic workers", "Children in
        vulnerable situations (abused, living on the street, ...)"), any case.

    Returns
    -------
    str or None
        Its name in :data:`GROUPS`; None for a label that names no group
        ("general", in the 2014 list).

    Raises
    ------
    ValueError
        If the label is none of OHCHR's spellings known to cobs.

    Examples
    --------
    >>> group_name("women")
    'Women & girls'
    >>> group_name("non-citizens")
    'Migrants'
    >>> group_name("general") is None
    True
    """
    if not isinstance(label, str):
        raise TypeError(invalid_value("label", label, "a str"))
    folded = _fold(label)
    if folded in NO_GROUP:
        return None
    if folded in _spellings():
        return _spellings()[folded]
    raise ValueError(invalid_value("label", label, "a group of persons as OHCHR spells it",
                                   "see cobs/data/groups.csv (add a spelling there)"))


@functools.cache
def _base_groups() -> dict[str, str]:
    return {row["base_committee"]: row["group"] for row in read_rows("groups.csv") if row["base_committee"]}


def base_group(committee: str) -> str | None:
    """The group every recommendation of a committee concerns (OHCHR tags it on each), or None.

    Examples
    --------
    >>> base_group("CRC"), base_group("CRPD"), base_group("CCPR")
    ('Children', 'Persons with disabilities', None)
    """
    return _base_groups().get(committee)


@functools.cache
def _goal_names() -> dict[int, str]:
    return {int(row["goal"]): row["name"] for row in read_rows("sdgs.csv")}


def goal_name(goal: int) -> str:
    """The name of a goal as OHCHR prints it.

    Examples
    --------
    >>> goal_name(16)
    'PEACE, JUSTICE AND STRONG INSTITUTIONS'
    """
    if isinstance(goal, bool) or not isinstance(goal, (int,)) and not hasattr(goal, "__index__"):
        raise TypeError(invalid_value("goal", goal, "an int between 1 and 17"))
    if int(goal) not in _goal_names():
        raise ValueError(invalid_value("goal", goal, "an int between 1 and 17"))
    return _goal_names()[int(goal)]


@functools.cache
def _issue_labels() -> dict[str, tuple[tuple[str, ...], tuple[int, ...]]]:
    return {row["issue"]: (tuple(split_list(row["groups"])), tuple(int(g) for g in split_list(row["sdgs"])))
            for row in read_rows("upr_info_issue_labels.csv")}


def issue_labels(issues: list[str] | tuple[str, ...]) -> tuple[list[str], list[int]]:
    """The groups of persons and the goals that UPR Info's issues of a recommendation stand for.

    UPR Info labels its recommendations with issues (``cobs.read_upr_info``'s
    ``issues``), not with groups or SDGs; ``cobs/data/upr_info_issue_labels.csv``
    says, with a note per issue, which groups and goals each one stands for
    ("Rights of the Child" -> Children and goal 16, "Right to education" ->
    Educational staff & students and goal 4), so that UPR Info's recommendations
    can train a :class:`cobs.classify.GroupClassifier` or ``GoalClassifier``.

    Parameters
    ----------
    issues : list of str
        UPR Info issues, as ``cobs.read_upr_info`` gives them.

    Returns
    -------
    (groups, goals)
        The groups in the order of :data:`GROUPS`, the goals sorted.

    Raises
    ------
    ValueError
        If an issue is not one of UPR Info's.

    Examples
    --------
    >>> issue_labels(["Women's rights", "Trafficking"])
    (['Children in vulnerable situations', 'Women & girls'], [5, 8, 16])
    """
    if isinstance(issues, str) or not isinstance(issues, (list, tuple)):
        raise TypeError(invalid_value("issues", issues, "a list of UPR Info issues"))
    table = _issue_labels()
    unknown = [issue for issue in issues if issue not in table]
    if unknown:
        raise ValueError(invalid_value("issues", unknown[0], "one of UPR Info's issues",
                                       "see cobs/data/upr_info_issue_labels.csv"))
    found_groups = {g for issue in issues for g in table[issue][0]}
    found_goals = {g for issue in issues for g in table[issue][1]}
    return [g for g in GROUPS if g in found_groups], sorted(found_goals)

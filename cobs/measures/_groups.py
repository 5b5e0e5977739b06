"""Who and which goals: the groups of persons an action concerns and the SDGs it relates to.

OHCHR's Universal Human Rights Index tags each recommendation with groups of
persons and Sustainable Development Goals; the Danish Institute for Human
Rights links recommendations to SDG *targets*. cobs gives an action the same
tags by rules a reader can check, each from a data file with a note per entry:

* **groups** (:func:`groups`): the committee's base group (every CRC action
  concerns children, every CRPD action persons with disabilities: OHCHR tags
  each of them so; ``cobs/data/groups.csv``), the groups the action's text, its
  chapeau or its subheading names (``cobs/data/group_terms.csv``: "children in
  street situations", "asylum-seeking children", "women and girls with
  disabilities"; lists of disaggregation categories and the dissemination
  template's list of readers are read past), and those its theme implies
  (``cobs/data/theme_labels.csv``: juvenile justice concerns children in
  vulnerable situations and juveniles). "Public officials", which OHCHR's 2025
  lists put on almost every recommendation as a label for the State, is tagged
  only where officials are named.
* **goals** (:func:`sdgs`) and **targets** (:func:`sdg_targets`): the goals and
  targets the action cites ("target 16.3 of the Sustainable Development Goals";
  a chapeau's "Recalling targets 5.1, 5.2 and 5.5" gives the goals), its wording
  (``cobs/data/sdg_terms.csv``: "birth registration" -> 16.9, "child marriage" ->
  5.3, "disaggregated data" -> 17.18), and its theme (``theme_labels.csv``:
  education -> 4, access to justice -> 16.3).

Where words are not enough, :class:`cobs.classify.GroupClassifier` and
:class:`cobs.classify.GoalClassifier` learn the tags from OHCHR's labelled
recommendations (:func:`cobs.read.read_thematic_list`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from cobs.errors import invalid_value
from cobs.reference import GROUPS, base_group, cited_goals, named_groups, target_key, worded_goals
from cobs.reference._tables import read_rows, split_list

__all__ = ["groups", "sdg_targets", "sdgs"]

@functools.cache
def _theme_labels() -> dict[tuple[str, str], tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]]:
    """(theme, committee or "") -> (groups, goals, targets) of cobs/data/theme_labels.csv."""
    return {(row["theme"], row["committee"]): (tuple(split_list(row["groups"])),
                                               tuple(int(g) for g in split_list(row["sdgs"])),
                                               tuple(split_list(row["sdg_targets"])))
            for row in read_rows("theme_labels.csv")}


def _of_theme(theme: str | None, committee: str | None) -> tuple[tuple[str, ...], tuple[int, ...], tuple[str, ...]]:
    if not theme:
        return (), (), ()
    table = _theme_labels()
    return table.get((theme, committee or ""), table.get((theme, ""), ((), (), ())))


def _check_text(text: object, name: str) -> str:
    if text is None:
        return ""
    if not isinstance(text, str):
        raise TypeError(invalid_value(name, text, "a str"))
    return text


def groups(text: str, *, committee: str | None = None, theme: str | None = None) -> list[str]:
    """The groups of persons an action concerns, in OHCHR's 2025 vocabulary.

    Parameters
    ----------
    text : str
        What the action says, with what it stands under: its chapeau and subheading
        (``cobs.measure`` gives "heading chapeau text").
    committee : str, optional
        The committee ("CRC", "CRPD"): its base group is tagged on every action.
    theme : str, optional
        The action's theme (``cobs.measure``'s ``theme``): some imply groups
        (``cobs/data/theme_labels.csv``: juvenile justice, alternative care).

    Returns
    -------
    list of str
        The groups, in the order of :data:`cobs.reference.GROUPS`.

    Examples
    --------
    >>> groups("Provide rehabilitation services for women and girls with disabilities exposed to "
    ...        "gender-based violence;", committee="CRPD")
    ['Women & girls', 'Persons with disabilities']
    >>> groups("Develop a system for collecting data, disaggregated by age, sex, ethnicity and migration status;",
    ...        committee="CRPD")
    ['Persons with disabilities']
    >>> groups("bring its juvenile justice system fully into line with the Convention", committee="CRC",
    ...        theme="juvenile justice")
    ['Children', 'Children in vulnerable situations', 'Youth & juveniles']
    """
    return _groups(_check_text(text, "text"), committee, theme)


def _groups(text: str, committee: str | None, theme: str | None) -> list[str]:
    found = set(_of_theme(theme, committee)[0])
    base = base_group(committee) if committee else None
    if base:
        found.add(base)
    found.update(named_groups(text))
    return [g for g in GROUPS if g in found]


def sdgs(text: str, *, theme: str | None = None, committee: str | None = None, context: str = "") -> list[int]:
    """The Sustainable Development Goals an action relates to.

    Parameters
    ----------
    text : str
        The action's own text.
    theme : str, optional
        Its theme (``cobs/data/theme_labels.csv`` gives each theme's goals).
    committee : str, optional
        Its committee (a few themes differ between the CRC and the CRPD).
    context : str, default=""
        Text the action stands under (its chapeau): the goals and targets it cites
        count ("Recalling targets 5.1, 5.2 and 5.5 ..."), not its other words.

    Returns
    -------
    list of int
        Goals 1-17, sorted: those of the targets in :func:`sdg_targets`, those the
        text or context cites, those its wording names (``cobs/data/sdg_terms.csv``)
        and its theme's.

    Examples
    --------
    >>> sdgs("Take measures to ensure that all children are registered at birth", theme="birth registration "
    ...      "and nationality")
    [16]
    >>> sdgs("Ensure the representation of women and girls with disabilities on all platforms",
    ...      context="recalling targets 5.1, 5.2 and 5.5 of the Sustainable Development Goals")
    [5]
    """
    return _labels(_check_text(text, "text"), _check_text(context, "context"), theme, committee)[0]


def sdg_targets(text: str, *, theme: str | None = None, committee: str | None = None) -> list[str]:
    """The SDG targets an action plainly relates to ("16.9" for birth registration).

    Parameters
    ----------
    text : str
        The action's own text: targets it cites ("target 16.3") and those its
        wording names (``cobs/data/sdg_terms.csv``).
    theme, committee : str, optional
        A theme that is a target ("access to justice" -> 16.3; ``theme_labels.csv``).

    Returns
    -------
    list of str
        Targets in their order ("5.2", "16.2", "16.a").

    Examples
    --------
    >>> sdg_targets("Take measures to end child marriage and to register all children at birth")
    ['5.3', '16.9']
    >>> sdg_targets("Be guided by article 13 of the Convention in the implementation of target 16.3 of the "
    ...             "Sustainable Development Goals.")
    ['16.3']
    """
    return _labels(_check_text(text, "text"), "", theme, committee)[1]


def _labels(text: str, context: str, theme: str | None, committee: str | None) -> tuple[list[int], list[str]]:
    """Goals and targets of an action (its text, the context it stands under, its theme)."""
    _, theme_goals, theme_targets = _of_theme(theme, committee)
    by_words, worded_targets = worded_goals(text)
    by_citation, cited_targets = cited_goals(text)
    in_context, _ = cited_goals(context) if context else (set(), [])
    targets = sorted({*worded_targets, *cited_targets, *theme_targets}, key=target_key)
    goals = {*theme_goals, *by_words, *by_citation, *in_context, *(int(t.split(".")[0]) for t in targets)}
    return sorted(goals), targets


def label_columns(
    texts: Sequence[str], chapeaus: Sequence[str], headings: Sequence[str], committees: Iterable[str | None],
    themes: Iterable[str | None],
) -> tuple[list[list[str]], list[list[int]], list[list[str]]]:
    """The ``groups``, ``sdgs`` and ``sdg_targets`` columns of an action table (``cobs.measure``)."""
    out_groups, out_goals, out_targets = [], [], []
    for text, chapeau, heading, committee, theme in zip(texts, chapeaus, headings, committees, themes, strict=True):
        committee = committee or None
        theme = theme or None
        found = set(named_groups(text)) | set(_of_theme(theme, committee)[0])
        if chapeau:
            found.update(named_groups(chapeau))
        if heading:
            found.update(named_groups(heading))
        base = base_group(committee) if committee else None
        if base:
            found.add(base)
        out_groups.append([g for g in GROUPS if g in found])
        goals, targets = _labels(text, chapeau, theme, committee)
        out_goals.append(goals)
        out_targets.append(targets)
    return out_groups, out_goals, out_targets

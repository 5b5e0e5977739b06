"""Measures of recommendations: wording, citations and themes.

:func:`actions` cuts recommendation paragraphs into requested actions;
:func:`measure` adds one column per measure (documented in
:data:`cobs.columns.MEASURE_COLUMNS`); :func:`citations` lists every citation of
a table in long form, one row per citation; :func:`tally` counts a table's rows
by category, with the references of the rows counted (the table behind a figure).

The modules behind them (private, as in scikit-learn): ``_actions`` (actions and
their operative verbs), ``_wording`` (strength, intensifiers, hedges,
specificity), ``_citations`` (articles, general comments, earlier COs,
instruments), ``_themes`` (clusters and themes), ``_groups`` (groups of
persons and SDGs), ``_measure`` (the table).
"""

from cobs.measures._actions import actions
from cobs.measures._citations import article_key, articles, general_comments, instruments, persistence, previous
from cobs.measures._groups import groups, sdg_targets, sdgs
from cobs.measures._measure import citations, measure
from cobs.measures._tally import tally
from cobs.measures._themes import cluster_id, theme
from cobs.measures._wording import STRENGTH_DTYPE, STRENGTHS, action_category, action_category_of, hedges, intensifiers

__all__ = [
    "STRENGTHS",
    "STRENGTH_DTYPE",
    "action_category",
    "action_category_of",
    "actions",
    "article_key",
    "articles",
    "citations",
    "cluster_id",
    "general_comments",
    "groups",
    "hedges",
    "instruments",
    "intensifiers",
    "measure",
    "persistence",
    "previous",
    "sdg_targets",
    "sdgs",
    "tally",
    "theme",
]

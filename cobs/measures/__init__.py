"""Measures of recommendations: wording, citations and themes, as tables.

:func:`actions` cuts recommendation paragraphs into requested actions;
:func:`measure` adds one column per measure (documented in
:data:`cobs.columns.MEASURE_COLUMNS`); :func:`citations` lists every citation of
a table in long form, one row per citation; :func:`tally` counts a table's rows
by category, with the references of the rows counted (the table behind a figure).
The same measures of one string of your own are in :mod:`cobs.measures.strings`.

The modules behind them are private, as in scikit-learn: ``_actions`` (actions and
their operative verbs), ``_wording`` (strength, intensifiers, hedges,
specificity), ``_citations`` (articles, general comments, earlier COs,
instruments), ``_themes`` (clusters and themes), ``_groups`` (groups of
persons and SDGs), ``_measure`` (the table).
``concern_before`` (each recommendation's concern paragraph, as measure reads it)
is cobs's own internal API for cobs.compare.
"""

from cobs.measures._actions import actions
from cobs.measures._measure import citations, concern_before, measure
from cobs.measures._tally import tally
from cobs.measures._wording import STRENGTH_DTYPE, STRENGTHS

__all__ = ["STRENGTHS", "STRENGTH_DTYPE", "actions", "citations", "measure", "tally"]

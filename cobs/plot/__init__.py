"""Paper figures of cobs tables: ``import cobs.plot``.

Every figure function takes a cobs table (not a matplotlib state), accepts
``ax=None`` (a new figure, as wide as the current style's, as tall as the bars
need), returns the matplotlib Axes, and changes no global setting. With
``return_data=True`` it returns ``Plotted(ax, data)``: ``data`` is the table
behind the figure, one row per number drawn, with the ``refs`` of the
recommendations counted ("CRC/C/KAZ/CO/4, para. 29 (a)") so that every number of
a paper can be traced back. A figure computes nothing the tables lack: the
counts come from :func:`cobs.tally`.

Every figure function answers a table with nothing to draw the same way: a table
without rows, one whose rows are blank (every value the figure reads missing), or
one its options leave empty (no citation of the kinds asked, no term with
q < alpha) gives an empty Axes whose centre says "nothing to draw: <why>" (with
``return_data=True``, an empty table of the figure's columns), so that a loop
over States or a report never stops at one of them. A table lacking a column
the figure needs, or holding values it cannot draw, is a ValueError naming the
argument ("cobs.plot.mix: actions lacks the column(s) ['strength']"), whether it
has rows or not.

Figures of measured recommendations (:func:`cobs.measure`, :func:`cobs.citations`)

``theme_profile``   one CO's requested actions by theme (optionally split by strength); ``by=``: a panel per CO
``mix``             strength of wording or action category, by cluster, State, cycle ...
``theme_heatmap``   documents or States x themes: share and number of actions
``citations``       the general comments and earlier COs a CO builds on
``groups``          the groups of persons a CO names, against its committee's other COs of the same years
``goals``           the Sustainable Development Goals of the recommendations, by cycle (or any grouping)

Figures of comparisons, topics and validation

``change``          ``cobs.compare.change``: a State's change per measure, net of the committee's drift, with intervals
``change_forest``   ``cobs.compare.change`` of many States: a row per pair of cycles, a panel per measure
``cycle_changes``   ``cobs.compare.align``: repeated / modified / new / dropped per theme, escalations, softenings
                    (``by=``: a panel per pair of cycles)
``keyness``         ``cobs.compare.keyness``: the terms that set two sets of documents apart
``similarity``      ``cobs.compare.similarity``: how alike each pair of documents' recommendations is
``prevalence``      ``cobs.topics.prevalence``: topic prevalence by group and year, with intervals
``select_k``        ``cobs.topics.select_k``: coherence, exclusivity and stability by number of topics
``confusion``       ``cobs.confusion_table``: reference labels against predicted ones

Style and files

``style("paper", columns=1)``   a context manager: serif text, journal column widths, colour-blind-safe colours
``savefig(fig, path)``          PDF, SVG and PNG files, byte-identical run after run, with the cobs version and
                                the calls that drew them in their metadata

Examples
--------
>>> import cobs, cobs.plot                                          # doctest: +SKIP
>>> acts = cobs.measure(cobs.read_document("corpus/CRC_C_KAZ_CO_4.txt").paragraphs)  # doctest: +SKIP
>>> with cobs.plot.style("paper"):                                 # doctest: +SKIP
...     ax, data = cobs.plot.mix(acts, by="cluster_id", return_data=True)
...     cobs.plot.savefig(ax, "figures/strength_by_cluster")
"""

from cobs.plot import _change, _compare, _groups, _measures, _topics, _validation
from cobs.plot._base import OKABE_ITO, Plotted, recorded
from cobs.plot._change import CHANGE_MEASURES, FOREST_MEASURES
from cobs.plot._compare import STATUSES
from cobs.plot._measures import MIX_DIMENSIONS
from cobs.plot._style import FIGURE_WIDTHS, FORMATS, STYLE_FILES, savefig, style

# Each figure function notes its call on the figure it draws, so that savefig writes into the files which function
# drew them, with which options (read back with cobs.provenance.read_provenance), and answers a table with nothing to
# draw with the one empty Axes of every figure (_base.NothingToDraw, draw_nothing).
change = recorded(_change.change)
change_forest = recorded(_change.change_forest)
cycle_changes = recorded(_compare.cycle_changes)
keyness = recorded(_compare.keyness)
similarity = recorded(_compare.similarity)
citations = recorded(_measures.citations)
mix = recorded(_measures.mix)
theme_heatmap = recorded(_measures.theme_heatmap)
theme_profile = recorded(_measures.theme_profile)
prevalence = recorded(_topics.prevalence)
select_k = recorded(_topics.select_k)
confusion = recorded(_validation.confusion)
groups = recorded(_groups.groups)
goals = recorded(_groups.goals)

__all__ = [
    "CHANGE_MEASURES",
    "FIGURE_WIDTHS",
    "FOREST_MEASURES",
    "FORMATS",
    "MIX_DIMENSIONS",
    "OKABE_ITO",
    "STATUSES",
    "STYLE_FILES",
    "Plotted",
    "change",
    "change_forest",
    "citations",
    "confusion",
    "cycle_changes",
    "goals",
    "groups",
    "keyness",
    "mix",
    "prevalence",
    "savefig",
    "select_k",
    "similarity",
    "style",
    "theme_heatmap",
    "theme_profile",
]

"""The measures of one string: what :func:`cobs.measure` reads in each action's text, for a text of your own.

:func:`cobs.measure` is the table-level API (one column per measure, documented in
:data:`cobs.columns.MEASURE_COLUMNS`); these functions give one measure of one text,
by the same rules and lexicons (cobs/data), to test a rule or measure texts that are
not in a cobs table:

``action_verb``, ``locate_action``      the verb of what the State is asked to do, and the request from it on
``action_category``, ``action_category_of``   UPR Info's action category (1-5) of such a verb, or of a request
``intensifiers``, ``hedges``            phrases of cobs/data/intensifiers.csv and hedges.csv
``articles``, ``article_key``           treaty articles cited, and their sort key
``general_comments``, ``previous``, ``instruments``, ``persistence``   what a text cites, and markers of repetition
``cluster_id``, ``theme``               the canonical cluster of a cluster title, the theme of a heading
``groups``, ``sdgs``, ``sdg_targets``   the groups of persons (OHCHR's vocabulary) and the SDGs and targets of a text

Examples
--------
>>> from cobs.measures.strings import hedges, locate_action
>>> locate_action("The Committee recommends that the State party consider ratifying the Optional Protocol.")
('consider', 'consider ratifying the Optional Protocol.')
>>> hedges("consider, as appropriate, ratifying the Optional Protocol")
['consider', 'as appropriate']
"""

from cobs.measures._actions import action_verb, locate_action
from cobs.measures._citations import article_key, articles, general_comments, instruments, persistence, previous
from cobs.measures._groups import groups, sdg_targets, sdgs
from cobs.measures._themes import cluster_id, theme
from cobs.measures._wording import action_category, action_category_of, hedges, intensifiers

__all__ = ["action_category", "action_category_of", "action_verb", "article_key", "articles", "cluster_id",
           "general_comments", "groups", "hedges", "instruments", "intensifiers", "locate_action", "persistence",
           "previous", "sdg_targets", "sdgs", "theme"]

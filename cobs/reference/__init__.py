"""Reference tables: States, committees, UN document symbols, dates and the lexicons of cobs/data.

The public API is :data:`__all__`. The other names below are cobs's own internal
API for the packages above this floor (the readers, the structure, the measures):
importable from here, never from the private modules behind it, and free to
change between versions.
"""

from cobs.reference._committees import (
    COMMITTEE_LINE,
    committee_code,
    committee_name,
    committees_table,
    find_committee,
    symbol_prefix,
    treaty_articles,
)
from cobs.reference._dates import (
    ORDINAL_WORD,
    SESSION_WORD,
    TENS,
    date_pattern,
    month_number,
    month_pattern,
    ordinal_value,
    ordinal_word,
    to_date,
)
from cobs.reference._labels import GOALS, GROUPS, base_group, goal_name, group_name, issue_labels
from cobs.reference._lexicons import (
    STRENGTH_GROUPS,
    action_forms,
    action_rules,
    action_verbs,
    alternatives,
    any_operative_verb,
    clusters,
    deadlines,
    head_nouns,
    instruments,
    kind_phrases,
    operative_at_item_start,
    operative_verbs,
    phrases,
    repetition_markers,
    section_kinds,
    skipped_words,
    strength_groups,
    target_groups,
    themes,
    word_list,
)
from cobs.reference._regions import AS_OF, INCOME_GROUPS, REGIONS, income_group, region, regions_table
from cobs.reference._states import find_state, state_code, state_name, state_words, states_table
from cobs.reference._symbols import (
    CO_SYMBOL_IN_TEXT,
    SYMBOL_IN_TEXT,
    Symbol,
    cycle_range,
    format_symbol,
    pair_label,
    parse_symbol,
    with_article,
)
from cobs.reference._tables import code_index, names_longest_first, normalise_name, read_rows, split_list
from cobs.reference._tags import cited_goals, named_groups, target_key, worded_goals

__all__ = [
    "AS_OF",
    "GOALS",
    "GROUPS",
    "INCOME_GROUPS",
    "REGIONS",
    "Symbol",
    "committee_code",
    "committee_name",
    "committees_table",
    "format_symbol",
    "goal_name",
    "group_name",
    "income_group",
    "parse_symbol",
    "region",
    "regions_table",
    "state_code",
    "state_name",
    "states_table",
]

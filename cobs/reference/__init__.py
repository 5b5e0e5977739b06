"""Reference tables: States, committees and UN document symbols."""

from cobs.reference.committees import committee_code, committee_name, committees_table
from cobs.reference.states import state_code, state_name, states_table
from cobs.reference.symbols import Symbol, format_symbol, parse_symbol

__all__ = [
    "Symbol",
    "committee_code",
    "committee_name",
    "committees_table",
    "format_symbol",
    "parse_symbol",
    "state_code",
    "state_name",
    "states_table",
]

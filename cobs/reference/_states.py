"""States parties: codes used in UN symbols <-> the names the UN uses.

The code is the ISO 3166-1 alpha-3 code, as in treaty-body symbols
(``CRC/C/KAZ/CO/4``), except the European Union, which the UN writes ``EU``.
The table (``cobs/data/states.csv``) lists every UN member State, the two
observer States, the non-member States parties to the treaties (Cook Islands,
Niue) and the European Union, each with the names found in UN documents.
"""

from __future__ import annotations

import difflib
import functools
import re

import pandas as pd

from cobs.errors import invalid_value
from cobs.reference._tables import code_index, names_longest_first, normalise_name, read_rows, split_list

__all__ = ["state_code", "state_name", "state_words", "states_table"]


def states_table() -> pd.DataFrame:
    """The table of States: ``code``, ``name``, ``status`` and ``aliases`` (a list).

    Examples
    --------
    >>> t = states_table()
    >>> t.set_index("code").loc["KAZ", "name"]
    'Kazakhstan'
    >>> int((t["status"] == "member").sum())
    193
    """
    rows = read_rows("states.csv")
    return pd.DataFrame(
        {
            "code": [r["code"] for r in rows],
            "name": [r["name"] for r in rows],
            "status": [r["status"] for r in rows],
            "aliases": [split_list(r["aliases"]) for r in rows],
        }
    )


@functools.cache
def _names() -> dict[str, str]:
    return {row["code"]: row["name"] for row in read_rows("states.csv")}


def state_code(name: str) -> str:
    """The code of a State given its name (any UN form) or its code.

    Parameters
    ----------
    name : str
        "Kazakhstan", "the Islamic Republic of Iran", "Türkiye", "Turkey", "KAZ", ...

    Returns
    -------
    str
        ISO 3166-1 alpha-3 code ("EU" for the European Union).

    Raises
    ------
    ValueError
        If the name is not known; the message suggests close names.

    Examples
    --------
    >>> state_code("Iran (Islamic Republic of)")
    'IRN'
    >>> state_code("the Bolivarian Republic of Venezuela")
    'VEN'
    >>> state_code("European Union")
    'EU'
    """
    if not isinstance(name, str):
        raise TypeError(invalid_value("state", name, "a str"))
    key = normalise_name(name)
    table = code_index("states.csv")
    if key in table:
        return table[key]
    close = difflib.get_close_matches(key, list(table), n=3, cutoff=0.75)
    hint = f"did you mean {', '.join(repr(_names()[table[c]]) for c in close)}?" if close else None
    raise ValueError(invalid_value("state", name, "a UN name or an ISO 3166 alpha-3 code of a State", hint))


def state_name(code: str) -> str:
    """The UN name of the State with this code ("KAZ" -> "Kazakhstan").

    Examples
    --------
    >>> state_name("TUR")
    'Türkiye'
    """
    names = _names()
    if code in names:
        return names[code]
    return names[state_code(code)]


@functools.cache
def _alias_pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(n).replace("'", "['’]").replace(r"\ ", r"\s+")
                            for n in names_longest_first("states.csv"))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def find_state(text: str) -> str | None:
    """The code of the first State named in ``text`` (longest name wins), or None."""
    match = _alias_pattern().search(text)
    if match is None:
        return None
    return code_index("states.csv")[normalise_name(" ".join(match.group(0).split()))]


def _plural(word: str) -> str | None:
    """The plural of a demonym ("Afghan" -> "Afghans"); None for those that do not change (Swiss, Chinese)."""
    return None if word.endswith(("s", "sh", "ch", "ese", "x", "z")) else word + "s"


@functools.cache
def state_words() -> tuple[str, ...]:
    """Every name, adjective and demonym of a State (``cobs/data/states.csv``, ``demonyms.csv``), longest first.

    The names the UN uses and their aliases (a parenthesised qualifier taken off:
    "Bolivia"), the adjectives of nationality and demonyms with their plurals
    ("Kazakhstani", "Kazakhstanis"), and the parts and territories a State's COs name
    ("Greenland", "Zanzibar"). :func:`cobs.compare.keyness` leaves them out: a State's
    CO names its State, so its name is distinctive of it by construction.

    Examples
    --------
    >>> words = state_words()
    >>> all(w in words for w in ("Denmark", "Danish", "Salvadoran", "Kazakhstanis", "Greenland", "New Zealand"))
    True
    """
    found: set[str] = set()
    for row in read_rows("states.csv"):
        for name in [row["name"], *split_list(row["aliases"])]:
            found.add(name)
            found.add(re.sub(r"\s*\(.*?\)", "", name).strip())
    for row in read_rows("demonyms.csv"):
        for word in split_list(row["adjectives"]):
            found.add(word)
            plural = _plural(word)
            if plural:
                found.add(plural)
        found.update(split_list(row["other_names"]))
    return tuple(sorted((w for w in found if w), key=lambda w: (-len(w), w)))

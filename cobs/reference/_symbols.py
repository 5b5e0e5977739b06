"""UN document symbols of treaty-body documents.

A symbol such as ``CRC/C/KAZ/CO/5-6`` names the committee (``CRC/C``), the
State (``KAZ``), the type of document (``CO``: concluding observations; ``Q``:
list of issues; ``QPR``: list of issues prior to reporting; ``FCO``: follow-up;
none: the State's own report) and the reporting cycle(s) (``5-6``: the combined
fifth and sixth reports), optionally an addendum (``/Add.1``). The CRC's
optional protocols add ``OPSC`` or ``OPAC`` after the committee. Symbols from
before the current scheme (``CRC/C/15/Add.213``) carry no State or cycle and
are looked up in ``cobs/data/legacy_symbols.csv``.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from cobs.errors import invalid_value
from cobs.reference._committees import committee_code, symbol_prefix
from cobs.reference._tables import read_rows

__all__ = ["Symbol", "cycle_range", "parse_symbol", "format_symbol", "with_article"]


def cycle_range(cycle: str) -> tuple[int, int]:
    """The first and last reporting cycle of a cycle as symbols write it: "4" -> (4, 4), "2-3" -> (2, 3).

    Examples
    --------
    >>> cycle_range("2-3"), cycle_range("4"), sorted(["2-3", "1", "10"], key=cycle_range)
    ((2, 3), (4, 4), ['1', '2-3', '10'])
    """
    first, _, last = str(cycle).partition("-")
    try:
        return int(first), int(last or first)
    except ValueError:
        raise ValueError(invalid_value("cycle", cycle, "a number or a range of numbers such as '4' or '2-3'")) from None

_PREFIXES = {row["symbol_prefix"]: row["code"] for row in read_rows("committees.csv")}
"""Symbol prefix -> committee code ("E/C.12" -> "CESCR"), from ``cobs/data/committees.csv``."""
_DOC_TYPES = {
    "CO": "concluding observations",
    "Q": "list of issues",
    "QPR": "list of issues prior to reporting",
    "LOIPR": "list of issues prior to reporting",
    "RQ": "replies to the list of issues",
    "FCO": "follow-up to concluding observations",
    "": "State party report",
}
_PREFIX_RE = "|".join(re.escape(p) for p in sorted(_PREFIXES, key=len, reverse=True))
_BODY_RE = (
    rf"(?P<prefix>{_PREFIX_RE})/(?:(?P<protocol>OPSC|OPAC)/)?(?P<state>[A-Z]{{2,3}})/"
    r"(?:(?P<type>CO|QPR|LOIPR|RQ|FCO|Q)/)?(?P<cycle>\d{1,2}(?:-\d{1,2})?)"
    r"(?:/Add\.(?P<add>\d+))?(?:/Corr\.\d+)?"
)
_SYMBOL = re.compile(rf"^{_BODY_RE}$")
SYMBOL_IN_TEXT = re.compile(rf"(?<![\w/.]){_BODY_RE}(?![\w/])")
"""Finds treaty-body symbols in running text ("... (CRC/C/KAZ/CO/3) ...")."""
CO_SYMBOL_IN_TEXT = re.compile(
    rf"(?<![\w/.])(?:{_PREFIX_RE})/(?:(?:OPSC|OPAC)/)?[A-Z]{{2,3}}/CO/\d{{1,2}}(?:-\d{{1,2}})?(?:/Add\.\d+)?(?![\w/])"
)
"""Finds concluding-observations symbols in running text."""


@dataclasses.dataclass(frozen=True)
class Symbol:
    """A parsed treaty-body document symbol.

    Attributes
    ----------
    symbol : str
        The symbol as the UN writes it.
    committee : str
        Committee code ("CRC", "CESCR", ...).
    state : str or None
        State code (ISO 3166 alpha-3; "EU").
    doc_type : str
        "CO", "Q", "QPR", "RQ", "FCO", or "" for a State party report.
    cycle : str or None
        Reporting cycle(s) as written: "4", "5-6".
    addendum : int or None
        Addendum number (``/Add.1`` -> 1).
    protocol : str or None
        "OPSC" or "OPAC" for documents under the CRC's optional protocols.
    """

    symbol: str
    committee: str
    state: str | None
    doc_type: str
    cycle: str | None
    addendum: int | None = None
    protocol: str | None = None

    @property
    def is_co(self) -> bool:
        """True for concluding observations proper (not an addendum)."""
        return self.doc_type == "CO" and self.addendum is None

    @property
    def cycles(self) -> tuple[int, ...]:
        """The reporting cycles covered: "5-6" -> (5, 6); () when unknown."""
        if not self.cycle:
            return ()
        first, last = cycle_range(self.cycle)
        return tuple(range(first, last + 1))

    @property
    def description(self) -> str:
        """What kind of document this is, in words."""
        what = _DOC_TYPES.get(self.doc_type, self.doc_type)
        return f"addendum {self.addendum} to the {what}" if self.addendum else what


@functools.cache
def _legacy() -> dict[str, Symbol]:
    return {
        r["symbol"]: Symbol(r["symbol"], r["committee"], r["state"], "CO", r["cycle"] or None)
        for r in read_rows("legacy_symbols.csv")
    }


def _clean(symbol: str) -> str:
    text = "".join(symbol.split()).upper()
    return text.replace("/ADD.", "/Add.").replace("/CORR.", "/Corr.")


def parse_symbol(symbol: str, *, co_only: bool = False) -> Symbol:
    """Parse a treaty-body document symbol.

    Parameters
    ----------
    symbol : str
        For instance "CRC/C/KAZ/CO/5-6", "E/C.12/KAZ/CO/2", "CRC/C/OPSC/KAZ/CO/1",
        or a pre-2006 symbol known to cobs ("CRC/C/15/Add.213").
    co_only : bool
        Refuse the symbol of any other document (a State report, a list of issues,
        a follow-up letter, an addendum) with a ValueError saying what it is.

    Returns
    -------
    Symbol

    Raises
    ------
    ValueError
        If the text is not a treaty-body document symbol (or, with ``co_only``, not
        the symbol of concluding observations).

    Examples
    --------
    >>> s = parse_symbol("CRC/C/KAZ/CO/5-6")
    >>> s.committee, s.state, s.doc_type, s.cycle, s.cycles
    ('CRC', 'KAZ', 'CO', '5-6', (5, 6))
    >>> parse_symbol("CRC/C/15/Add.213").state
    'KAZ'
    >>> parse_symbol("CRC/C/KAZ/Q/5-6", co_only=True)
    Traceback (most recent call last):
    ...
    ValueError: 'CRC/C/KAZ/Q/5-6' is the symbol of a list of issues, not of concluding observations \
(such as 'CRC/C/KAZ/CO/5-6')
    """
    if not isinstance(symbol, str):
        raise TypeError(invalid_value("symbol", symbol, "a str"))
    text = _clean(symbol)
    if text in _legacy():
        return _legacy()[text]
    match = _SYMBOL.match(text)
    if match is None:
        raise ValueError(
            f"{symbol!r} is not a treaty-body document symbol such as 'CRC/C/KAZ/CO/4' "
            "(committee/C/State/CO/cycle)"
        )
    add = match.group("add")
    parsed = Symbol(
        symbol=text,
        committee=_PREFIXES[match.group("prefix")],
        state=match.group("state"),
        doc_type=match.group("type") or "",
        cycle=match.group("cycle"),
        addendum=int(add) if add else None,
        protocol=match.group("protocol"),
    )
    if co_only and not parsed.is_co:
        example = format_symbol(parsed.committee, parsed.state or "KAZ", parsed.cycle or "1", protocol=parsed.protocol)
        raise ValueError(f"{symbol!r} is the symbol of {with_article(parsed.description)}, "
                         "not of concluding observations "
                         f"(such as {example!r})")
    return parsed


def with_article(description: str) -> str:
    """A document type with its article: "list of issues" -> "a list of issues" (see :attr:`Symbol.description`).

    Examples
    --------
    >>> with_article("list of issues"), with_article("addendum 1 to the concluding observations")
    ('a list of issues', 'an addendum 1 to the concluding observations')
    >>> with_article("replies to the list of issues")
    "the State party's replies to the list of issues"
    """
    if description.startswith("replies"):
        return f"the State party's {description}"
    if description.startswith("follow-up"):
        return f"a {description}"
    return f"an {description}" if description[0] in "aeiou" else f"a {description}"


def format_symbol(committee: str, state: str, cycle: str | int, *, protocol: str | None = None) -> str:
    """The symbol of a committee's concluding observations on a State's report(s).

    Examples
    --------
    >>> format_symbol("CRC", "KAZ", 4)
    'CRC/C/KAZ/CO/4'
    >>> format_symbol("CESCR", "KAZ", "2")
    'E/C.12/KAZ/CO/2'
    >>> format_symbol("CRC", "KAZ", 1, protocol="OPSC")
    'CRC/C/OPSC/KAZ/CO/1'
    """
    prefix = symbol_prefix(committee_code(committee))
    parts = [prefix, protocol, state, "CO", str(cycle)]
    return "/".join(p for p in parts if p)


def pair_label(earlier: object, later: object) -> str:
    """Two consecutive COs as "CRPD/C/AZE/CO/1 → 2-3": the later symbol's tail where it shares the earlier's stem
    (the whole symbols otherwise; a missing one, None or NaN, as "?").

    >>> pair_label("CRPD/C/AZE/CO/1", "CRPD/C/AZE/CO/2-3")
    'CRPD/C/AZE/CO/1 → 2-3'
    """
    import pandas as pd

    earlier, later = ("?" if v is None or pd.isna(v) else str(v) for v in (earlier, later))
    stem = earlier.rsplit("/", 1)[0] + "/" if "/" in earlier else None
    return f"{earlier} → {later.removeprefix(stem)}" if stem and later.startswith(stem) else f"{earlier} → {later}"

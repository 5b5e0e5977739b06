"""What a CO says about itself: committee, State, cycle, symbol, dates, session.

The printed symbol (masthead or running header) is used when there is one.
Otherwise the symbol is inferred from the title: "Committee on the Rights of the
Child" + "fourth periodic report of Kazakhstan" -> CRC/C/KAZ/CO/4. The date of
adoption comes from paragraph 1 ("adopted the present concluding observations at
its 2052nd meeting, held on 2 October 2015"), the session from the "Adopted by
the Committee at its seventieth session" note or title.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter

from cobs.reference.committees import COMMITTEE_LINE, find_committee
from cobs.reference.states import find_state
from cobs.reference.symbols import SYMBOL_IN_TEXT, format_symbol, parse_symbol

_MONTHS = {
    m: i
    for i, m in enumerate(
        "January February March April May June July August September October November December".split(), 1
    )
}
_DATE = r"(\d{1,2})\s+(January|February|March|April|May|June|July|August|September|October|November|December),?\s+(\d{4})"
_SAME_SENTENCE = r"(?:(?!\.\s+(?:[A-Z]|\d{1,3}\.\s)).){0,160}?"  # no sentence or paragraph boundary
_ADOPTED = re.compile(
    r"adopted\s+(?:the\s+)?(?:present|following|foregoing|these|its)?\s*concluding\s+observations?\b"
    + _SAME_SENTENCE + _DATE,
    re.IGNORECASE | re.DOTALL,
)
_ADOPTED_AT = re.compile(  # "At its 166th meeting, held on 1 October 2014, the Committee adopted ..."
    r"\bat\s+its\s+\S+\s+meeting,?\s+(?:held\s+)?on\s+" + _DATE + r",?\s+(?:the\s+Committee|it)\s+adopted\b",
    re.IGNORECASE,
)
_SESSION_DATES = re.compile(r"session\s*,?\s*\(?[^)]{0,40}?" + _DATE, re.IGNORECASE)
_ANY_DATE = re.compile(_DATE)

_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "initial": 1,
}
_TENS_ORDINAL = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
    "eightieth": 80, "ninetieth": 90, "hundredth": 100,
}
_CARDINALS = {  # documents sometimes print "eighteen session"
    w: i for i, w in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split(), 1)
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINAL_WORD = "|".join(sorted([*_UNITS, *_TENS_ORDINAL], key=len, reverse=True))
_SESSION_WORD = "|".join(sorted([*_UNITS, *_TENS_ORDINAL, *_CARDINALS], key=len, reverse=True))
_ORDINAL = re.compile(
    rf"\b(?:one\s+hundred\s+(?:and\s+)?)?(?:(?:{'|'.join(_TENS)})[-\s])?(?:{_ORDINAL_WORD})\b|\b\d{{1,3}}(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)
_SESSION = re.compile(
    rf"\b((?:one\s+hundred\s+(?:and\s+)?)?(?:(?:{'|'.join(_TENS)})[-\s])?(?:{_SESSION_WORD})|\d{{1,3}}(?:st|nd|rd|th))\s+session\b",
    re.IGNORECASE,
)
_ONE_ORDINAL = rf"(?:(?:{'|'.join(_TENS)})[-\s])?(?:{_ORDINAL_WORD})"
_REPORTS = re.compile(
    rf"\b((?:{_ONE_ORDINAL}(?:\s*,\s*|\s+and\s+|\s+to\s+|\s+))*{_ONE_ORDINAL})\s+"
    r"(?:(?:combined\s+)?periodic\s+|consolidated\s+)?reports?\b",
    re.IGNORECASE,
)


def ordinal_value(words: str) -> int | None:
    """The number an English ordinal names: "seventieth" -> 70, "one hundred and third" -> 103.

    Examples
    --------
    >>> ordinal_value("thirty-second"), ordinal_value("seventieth"), ordinal_value("23rd")
    (32, 70, 23)
    """
    text = words.lower().replace("-", " ")
    digits = re.match(r"(\d+)(?:st|nd|rd|th)$", text.strip())
    if digits:
        return int(digits.group(1))
    total = 0
    found = False
    for token in text.split():
        if token in ("one", "and"):
            continue
        if token == "hundred":
            total += 100
        elif token in _TENS:
            total += _TENS[token]
        elif token in _TENS_ORDINAL:
            total += _TENS_ORDINAL[token]
            found = True
        elif token in _UNITS:
            total += _UNITS[token]
            found = True
        elif token in _CARDINALS and found is False:
            total += _CARDINALS[token]
            found = True
    return total if found else None


def _date(match: re.Match[str]) -> datetime.date | None:
    day, month, year = match.group(match.re.groups - 2), match.group(match.re.groups - 1), match.group(match.re.groups)
    try:
        return datetime.date(int(year), _MONTHS[month.capitalize()], int(day))
    except ValueError:
        return None


def cycle_from_title(title: str) -> str | None:
    """The cycle(s) a title names: "combined second and third periodic reports" -> "2-3".

    Examples
    --------
    >>> cycle_from_title("Concluding observations on the fourth periodic report of Kazakhstan")
    '4'
    >>> cycle_from_title("on the combined initial and second and third periodic reports of Nicaragua")
    '1-3'
    >>> cycle_from_title("on the combined twenty-first to twenty-third periodic reports of Kazakhstan")
    '21-23'
    """
    match = _REPORTS.search(title)
    if not match:
        return None
    numbers = [ordinal_value(w.group(0)) for w in _ORDINAL.finditer(match.group(1))]
    numbers = [n for n in numbers if n]
    if not numbers:
        return None
    low, high = min(numbers), max(numbers)
    return str(low) if low == high else f"{low}-{high}"


def printed_symbol(texts: list[str]) -> str | None:
    """The CO symbol printed most often in the masthead and running headers."""
    found: Counter[str] = Counter()
    for text in texts:
        compact = re.sub(r"\s+(?=[/-])|(?<=[/-])\s+", "", text)
        for match in SYMBOL_IN_TEXT.finditer(compact):
            found[match.group(0)] += 1
    if not found:
        return None
    return found.most_common(1)[0][0]


def committee_in_title(title_lines: list[str]) -> tuple[str | None, str | None]:
    """(committee code, the committee line) from the title; code None if the line names an unknown body."""
    for line in title_lines:
        stripped = line.strip()
        code = find_committee(stripped)
        if code:
            return code, stripped
        if COMMITTEE_LINE.match(stripped):
            return None, stripped
    return None, None


def infer(
    *,
    title: str,
    first_paras: list[str],
    notes: str,
    furniture: list[str],
    committee: str,
) -> dict[str, object]:
    """Symbol, State, cycle, dates and session of a CO from its parts (see module docstring)."""
    printed = printed_symbol(furniture)
    parsed = parse_symbol(printed) if printed else None
    body_of_title = title.split("Concluding observations", 1)[-1] if "Concluding observations" in title else title
    state = find_state(body_of_title) or find_state(" ".join(first_paras)[:400])
    cycle = cycle_from_title(body_of_title)
    if cycle is None:
        considered = re.search(r"considered\s+the\s+(.{0,120}?)reports?\b", " ".join(first_paras), re.IGNORECASE | re.DOTALL)
        cycle = cycle_from_title(considered.group(0)) if considered else None
    protocol = None
    if re.search(r"Optional Protocol.{0,80}sale of children", title, re.IGNORECASE | re.DOTALL):
        protocol = "OPSC"
    elif re.search(r"Optional Protocol.{0,80}armed conflict", title, re.IGNORECASE | re.DOTALL):
        protocol = "OPAC"
    if parsed is not None:
        state = parsed.state or state
        cycle = parsed.cycle or cycle
        protocol = parsed.protocol
    symbol = printed
    source = "printed" if printed else "inferred"
    if symbol is None and state and cycle:
        symbol = format_symbol(committee, state, cycle, protocol=protocol)
    adopted = None
    for paragraph in first_paras:  # the adoption sentence of paragraph 1, else of paragraph 2
        adopted = _ADOPTED_AT.search(paragraph) or _ADOPTED.search(paragraph)
        if adopted:
            break
    date = _date(adopted) if adopted else None  # only a date the document gives for the adoption
    session_match = _SESSION.search(notes + " " + title)
    session = ordinal_value(session_match.group(1)) if session_match else None
    year = date.year if date else None
    if year is None:  # the year of the session's last day, else of the document's issue
        session_dates = _SESSION_DATES.search(notes + " " + title)
        ended = _date(session_dates) if session_dates else None
        issued = [_date(m) for m in _ANY_DATE.finditer(" ".join(furniture))]
        year = ended.year if ended else next((d.year for d in issued if d), None)
    return {
        "symbol": symbol,
        "symbol_source": source,
        "state": state,
        "cycle": cycle,
        "protocol": protocol,
        "date": date,
        "year": year,
        "session": session,
    }


__all__ = ["infer", "ordinal_value", "cycle_from_title", "printed_symbol", "committee_in_title"]

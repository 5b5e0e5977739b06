"""Dates and ordinal numbers as UN documents write them: one table of months, one of ordinals.

* Months: ``cobs/data/months.csv`` gives every month's name in the languages
  whose dates cobs reads (English, French, Spanish, Arabic), with variant
  spellings ("setiembre"); :func:`month_pattern` and :func:`date_pattern`
  build the regular expressions every module uses, so that no module keeps a
  month list of its own.
* Ordinals: :data:`ORDINALS` names the English number words of reports,
  sessions and meetings ("fourth periodic report", "seventieth session",
  "eighteen session" as some documents print it); :func:`ordinal_value` reads
  them and :func:`ordinal_word` writes them ("second request").
"""

from __future__ import annotations

import datetime
import functools
import re

from cobs.errors import invalid_value
from cobs.reference._tables import read_rows

__all__ = ["ORDINALS", "date_pattern", "month_number", "month_pattern", "ordinal_value", "ordinal_word", "to_date"]


@functools.cache
def _months(language: str) -> dict[str, int]:
    rows = read_rows("months.csv")
    months = {row["name"].casefold(): int(row["month"]) for row in rows if row["language"] == language}
    if not months:
        known = tuple(dict.fromkeys(row["language"] for row in rows))
        raise ValueError(invalid_value("language", language, known, "cobs/data/months.csv names the months"))
    return months


def month_number(name: str, language: str = "en") -> int | None:
    """The number of a month named in ``language`` (1-12), or None.

    Examples
    --------
    >>> month_number("October"), month_number("août", "fr"), month_number("setiembre", "es")
    (10, 8, 9)
    """
    return _months(language).get(name.strip().casefold())


@functools.cache
def month_pattern(language: str = "en") -> str:
    """A regular expression (no group) matching any month name of ``language`` as printed, longest first.

    The names are spelled as ``cobs/data/months.csv`` gives them ("October", "août"): compile with
    ``re.IGNORECASE`` to match any case, without it to tell "May" from "may".

    Examples
    --------
    >>> re.findall(month_pattern(), "by May 2025 the State may report, in October or in june")
    ['May', 'October']
    """
    _months(language)  # the language is known
    names = sorted({row["name"] for row in read_rows("months.csv") if row["language"] == language}, key=len,
                   reverse=True)
    return "(?:" + "|".join(re.escape(n) for n in names) + ")"


_DATE_FORMS = {
    "en": r"(?<!\d)(\d{{1,2}})\s+({months}),?\s+(\d{{4}})",
    "fr": r"(?<!\d)(\d{{1,2}})(?:er)?\s+({months})\s+(\d{{4}})",
    "es": r"(?<!\d)(\d{{1,2}})\s+de\s+({months})\s+de\s+(\d{{4}})",
    # "18 و19 آذار/مارس .2024": the last day, the month after the slash, the year (punctuation reversed)
    "ar": r"(?<!\d)(?:\d{{1,2}}\s*و\s*)?(\d{{1,2}})(?!\d)\s+\S+\s*/\s*({months})\s*[.,،]?\s*(\d{{4}})",
}


@functools.cache
def date_pattern(language: str = "en") -> re.Pattern[str]:
    """A date as written in ``language``, with three groups: day, month name, year ("2 October 2015").

    Matching is case-insensitive (PDF text capitalises month names unevenly in French and Spanish).

    Examples
    --------
    >>> date_pattern("es").search("el 20 de septiembre de 2019").groups()
    ('20', 'septiembre', '2019')
    """
    if language not in _DATE_FORMS:
        raise ValueError(invalid_value("language", language, tuple(_DATE_FORMS), "cobs reads dates in these"))
    return re.compile(_DATE_FORMS[language].format(months=month_pattern(language)), re.IGNORECASE)


def to_date(day: str, month: str, year: str, language: str = "en") -> datetime.date | None:
    """The date of a day, a month name and a year, or None when it is no calendar date (31 June).

    Examples
    --------
    >>> to_date("2", "October", "2015"), to_date("31", "June", "2015")
    (datetime.date(2015, 10, 2), None)
    """
    number = month_number(month, language)
    if number is None:
        return None
    try:
        return datetime.date(int(year), number, int(day))
    except ValueError:
        return None


_UNITS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
          "fifteenth sixteenth seventeenth eighteenth nineteenth")
_TENS_ORDINALS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth hundredth"
_CARDINALS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
              "seventeen eighteen nineteen")
_TENS_CARDINALS = "twenty thirty forty fifty sixty seventy eighty ninety"
ORDINALS: dict[str, tuple[int, str]] = {
    **{word: (value, "unit") for value, word in enumerate(_UNITS.split(), 1)},
    "initial": (1, "unit"),
    **{word: (value, "tens") for value, word in zip(range(20, 101, 10), _TENS_ORDINALS.split(), strict=True)},
    # cardinals: "twenty-" in "twenty-first", and the "eighteen session" some documents print
    **{word: (value, "cardinal") for value, word in enumerate(_CARDINALS.split(), 1)},
    **{word: (value, "cardinal tens") for value, word in zip(range(20, 100, 10), _TENS_CARDINALS.split(), strict=True)},
}
"""The English number words of reports and sessions: word -> (value, kind). Kinds: ``unit`` and ``tens``
ordinals ("fourth", "seventieth"), ``cardinal`` and ``cardinal tens`` ("eighteen", "twenty" in "twenty-first")."""


def _words(*kinds: str) -> list[str]:
    return sorted((w for w, (_, k) in ORDINALS.items() if k in kinds), key=len, reverse=True)


TENS = "|".join(_words("cardinal tens"))
"""Regular expression alternatives: the tens that begin a compound ordinal ("twenty" of "twenty-first")."""
ORDINAL_WORD = "|".join(_words("unit", "tens"))
"""Regular expression alternatives: one ordinal word ("fourth", "seventieth")."""
SESSION_WORD = "|".join(_words("unit", "tens", "cardinal"))
"""Regular expression alternatives: the number word of a session, ordinal or (as some documents print) cardinal."""


def ordinal_value(words: str) -> int | None:
    """The number an English ordinal names: "seventieth" -> 70, "one hundred and third" -> 103.

    Examples
    --------
    >>> ordinal_value("thirty-second"), ordinal_value("seventieth"), ordinal_value("23rd")
    (32, 70, 23)
    >>> ordinal_value("eighteen"), ordinal_value("one hundred and third"), ordinal_value("report")
    (18, 103, None)
    """
    text = words.lower().replace("-", " ")
    digits = re.match(r"(\d+)(?:st|nd|rd|th)$", text.strip())
    if digits:
        return int(digits.group(1))
    total = 0
    found = False
    for token in text.split():
        if token in ("one", "and"):
            continue  # "one hundred and third": "one" and "and" carry nothing
        if token == "hundred":
            total += 100
            continue
        value, kind = ORDINALS.get(token, (None, ""))
        if value is None:
            continue
        if kind == "cardinal tens":
            total += value
        elif kind in ("unit", "tens") or kind == "cardinal" and not found:
            total += value
            found = True
    return total if found else None


def ordinal_word(number: int) -> str:
    """The English ordinal of a number from 1 to 99: 2 -> "second", 21 -> "twenty-first".

    Examples
    --------
    >>> ordinal_word(2), ordinal_word(20), ordinal_word(21)
    ('second', 'twentieth', 'twenty-first')
    """
    if not 1 <= number <= 99:
        raise ValueError(invalid_value("number", number, "an int from 1 to 99"))
    by_value = {value: word for word, (value, kind) in ORDINALS.items()
                if kind in ("unit", "tens") and word != "initial"}
    if number in by_value:
        return by_value[number]
    tens = {value: word for word, (value, kind) in ORDINALS.items() if kind == "cardinal tens"}
    return f"{tens[number - number % 10]}-{by_value[number % 10]}"

"""When a CO was adopted and the session that considered it, as its text says, in the UN languages.

Part of :func:`cobs.read.identify`: :func:`adoption_date` reads the paragraph that
says when the concluding observations were adopted ("adopted ... at its 2053rd
meeting, held on 2 October 2015"), :func:`session_dates` the footnote or heading
that gives the session's dates.
"""

from __future__ import annotations

import datetime
import re

from cobs.reference import (
    date_pattern,
    month_pattern,
    to_date,
)

__all__ = ["adoption_date", "session_dates"]

# --- dates -----------------------------------------------------------------------------------

_ADOPT = {"en": r"\badopted\b", "fr": r"\badopt[ée]", "es": r"\baprob[óo]\b", "ar": r"اعتمدت"}
_CONSIDER = {"en": r"\bconsidered\b", "fr": r"\bexamin[ée]", "es": r"\bexamin[óo]\b"}
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_ARABIC_DIGIT = re.compile("[٠-٩]")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-ZÀ-ÖØ-Þ])")
_PARA_START = {n: re.compile(rf"^\s*(?:{n}\.|-\s*[{n}{chr(0x660 + n)}])(?:\s|(?=[A-Z“\"‘(]))") for n in (1, 2, 3)}
"""Paragraph n starts a line: "1. The Committee", or "-1 نظرت" as Arabic PDFs extract it."""


def _paragraph(lines: list[str], number: int) -> str:
    """The text of paragraph ``number`` (1 or 2) of a document's lines: from its number to the next one."""
    start = next((i for i, line in enumerate(lines) if _PARA_START[number].match(line)), None)
    if start is None:
        return ""
    end = next((i for i in range(start + 1, len(lines)) if _PARA_START[number + 1].match(lines[i])), None)
    if end is None:
        return " ".join(" ".join(lines[start:]).split())[:1500]
    return " ".join(" ".join(lines[start:end]).split())


def adoption_date(text: str, lang: str) -> datetime.date | None:
    """The date of adoption stated in paragraph 1 (else 2) of a document's text, or None.

    The date is the last one of the sentence in which the Committee adopted the
    observations; when that sentence first says the report was considered ("considered
    the report at meetings held on 1 and 2 April 2014, and adopted ... at its 139th
    meeting"), only a date after the verb counts. None when no date can be read exactly.

    Examples
    --------
    >>> adoption_date("1. Le Comité a examiné le rapport les 29 et 30 août 2019. Il a adopté les "
    ...               "observations finales ci-après à sa 504e séance, le 17 septembre 2019.\\n2. Le", "fr")
    datetime.date(2019, 9, 17)
    >>> adoption_date("1. El Comité examinó el informe los días 11 y 12 de septiembre de 2019. En su 510ª "
    ...               "sesión, celebrada el 20 de septiembre de 2019, aprobó las observaciones.\\n2. El", "es")
    datetime.date(2019, 9, 20)
    >>> adoption_date("1. The Committee considered the report at meetings held on 1 and 2 April 2014, "
    ...               "and adopted the following concluding observations at its 139th meeting.", "en") is None
    True
    """
    lines = text.translate(_ARABIC_DIGITS).splitlines()
    return _adoption_date([_paragraph(lines, 1), _paragraph(lines, 2)], lang)


def _adoption_date(paragraphs: list[str], lang: str) -> datetime.date | None:
    if lang not in _ADOPT:
        return None
    dates = date_pattern(lang)
    for para in paragraphs:
        if lang == "ar":
            verb = re.search(_ADOPT["ar"], para)
            match = dates.search(para, verb.end(), verb.end() + 200) if verb else None
            if match:
                return to_date(*match.groups(), lang)  # type: ignore[misc]
            continue
        for sentence in _SENTENCE_END.split(para):
            verb = re.search(_ADOPT[lang], sentence, re.IGNORECASE)
            if verb is None:
                continue
            # "considered the report ... held on 1 and 2 April 2014, and adopted the following
            # concluding observations at its 139th meeting": that date is the consideration's.
            shared = re.search(_CONSIDER[lang], sentence[: verb.start()], re.IGNORECASE)
            found = list(dates.finditer(sentence, verb.end() if shared else 0))
            if found:
                return to_date(*found[-1].groups(), lang)  # type: ignore[misc]
    return None


_SESSION_NOTE = {
    "en": r"\*\s*Adopted\b[^()]{0,120}\(([^()]{5,70})\)",
    "fr": r"\*\s*Adopté[es]*\b[^()]{0,120}\(([^()]{5,70})\)",
    "es": r"\*\s*Aprobad[oa]s?\b[^()]{0,120}\(([^()]{5,70})\)",
}
_SESSION_DATE = r"session\s*,?\s*\(?[^)]{0,40}?"
"""What precedes the (last) date of a session named in a note or title: "session (4–22 March 2024)"."""


def session_dates(page_text: str, lang: str) -> tuple[datetime.date, datetime.date] | None:
    """First and last day of the session named in the "* Adopted by the Committee at its ... session" note.

    Examples
    --------
    >>> session_dates("* Adopted by the Committee at its thirtieth session (4–22 March 2024).", "en")
    (datetime.date(2024, 3, 4), datetime.date(2024, 3, 22))
    >>> session_dates("* Aprobadas por el Comité en su 22º período de sesiones (26 de agosto a 20 de "
    ...               "septiembre de 2019).", "es")
    (datetime.date(2019, 8, 26), datetime.date(2019, 9, 20))
    """
    if lang not in _SESSION_NOTE:
        return None
    note = re.search(_SESSION_NOTE[lang], " ".join(page_text.split()), re.IGNORECASE)
    if not note:
        return None
    months = month_pattern(lang)
    of = r"\s+de" if lang == "es" else ""
    span = re.fullmatch(
        rf"(\d{{1,2}})(?:er)?(?:{of}\s+({months}))?(?:{of}\s+(\d{{4}}))?\s*(?:[–—-]|\ba\b|\bau\b)\s*"
        rf"(\d{{1,2}})(?:er)?{of}\s+({months}){of}\s+(\d{{4}})",
        note.group(1).strip(),
        re.IGNORECASE,
    )
    if not span:
        return None
    day1, month1, year1, day2, month2, year2 = span.groups()
    end = to_date(day2, month2, year2, lang)
    start = to_date(day1, month1 or month2, year1 or year2, lang)
    return (start, end) if start and end and start <= end else None


"""Reading a UPR Working Group report: the recommendations it lists, one row each.

The report's section "Conclusions and/or recommendations" lists them as "95. ...
enjoy the support of Kazakhstan: 1. To ... (Brazil); 2. ..." (first cycle) or
"124.1 Adopt ... (Mexico);" (from the second cycle). :func:`read_wg_report` reads
the text of such a report (as ``pdftotext`` gives it);
:func:`cobs.compare.upr_recommendations` turns its table into an action table.
Columns: :data:`cobs.columns.WG_REPORT_COLUMNS`.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import pandas as pd

from cobs.reference import read_rows

__all__ = ["decode", "read_wg_report"]

# Where on its first page a report says what it is. Measured on the 262 Working Group reports of ../shared
# (uprs-terman/upr-wg-report-txts), as one line of text with runs of white space folded:
_MASTHEAD = 3000  # its own symbol heads the first page (within 50 characters, in the 148 that print it); later on,
#                   an A/HRC symbol is another document cited (the first one past this is 27,100 characters in)
_SESSION_NOTE = 5000  # the session's document symbol "A/HRC/WG.6/20/...": at most 3,669 characters in
_INTRODUCTION = 8000  # "held its twentieth session" in the introduction: at most 2,924 characters in
_TITLE_AREA = 6000  # "Report of the Working Group on the Universal Periodic Review": at most 294 characters in
_STATE_AFTER_TITLE = 400  # the State under review is named at most 200 characters after the title's end


def decode(data: bytes) -> str:
    """Text of a report file: UTF-8, else Mac OS Roman or Windows-1252 (whichever its quotes suggest)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mac = sum(data.count(bytes([b])) for b in (0xD2, 0xD3, 0xD4, 0xD5, 0xD0, 0xD1))
    windows = sum(data.count(bytes([b])) for b in (0x91, 0x92, 0x93, 0x94, 0x96, 0x97))
    return data.decode("mac_roman" if mac > windows else "cp1252", errors="replace")


# "II. CONCLUSIONS AND RECOMMENDATIONS" (Belize 2009): without "/or", only as a numbered heading
_SECTION = re.compile(r"Conclusions\s+and(?:/or)?\s+recommendations", re.IGNORECASE)
# The report's last paragraph, not its heading: "All (the) conclusions and/or recommendations contained in (set out
# in) the present report reflect ..."; "80. Conclusions and/or recommendations contained ..." (Nauru 2011); and
# "[end conclusions and/or recommendations]" (Netherlands 2012); nor the page footnote "** Conclusions and/or
# recommendations have not been edited." landing inside the list (Brunei Darussalam 2014); nor the table of contents
_CLOSING = re.compile(r"\s*(?:contained|set\s+out|in\s+the\s+present|reflect|\]|ha(?:ve|s)\s+not|will\s+not|\.{3})",
                      re.IGNORECASE)
# the end of the section: its closing paragraph, else the next chapter (Tunisia 2008: "III. VOLUNTARY COMMITMENTS") or
# the annex (Netherlands 2012: "(Pakistan). Annex [English only] [end conclusions and/or recommendations]")
_SECTION_END = re.compile(r"(?:\d{2,3}\.\s+)?(?:All\s+(?:the\s+)?|The\s+)?conclusions\s+and/or\s+recommendations"
                          r"(?=\s*(?:contained|set\s+out|in\s+the\s+present|reflect))|\[end\s+conclusions"
                          r"|\bIII\.\s+Voluntary\s+(?:commitments|pledges)|\bAnnex\s+\[English\s+only\]",
                          re.IGNORECASE)
_SYMBOL = re.compile(r"\bA/HRC/\d{1,2}/\d{1,3}(?:/Add\.\d)?\b")
_SESSION_SYMBOL = re.compile(r"A/HRC/WG\.6/(\d{1,2})/")
_ORDINAL_SESSION = re.compile(r"held\s+its\s+(\w+(?:-\w+)?)\s+session", re.IGNORECASE)
_ORDINALS = {w: k for k, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
     "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
     "twentieth"], start=1)}
# "UniversalPeriodic": Australia's text of 2011
# "UNIVERSAL PERIODIC REVIEW Peru *" (2008, without the title); "Report of the Working on the ..." (Saudi Arabia 2009)
_TITLE = re.compile(r"(?:Report\s+of\s+the\s+Working\s+(?:Group\s+)?on\s+the\s+)?Universal\s*Periodic\s+Review",
                    re.IGNORECASE)
_FOOTNOTE_BEFORE = re.compile(r"\s*(?:\d{1,2}\s+(?=\d{1,3}\.\s))?")  # "(Slovenia);2 39. To ...": a footnote marker
_PARAGRAPH = re.compile(r"(?<![\w.])(\d{2,3})\.\s+(?=[A-Z])")
_DOTTED_ITEM = re.compile(r"(?<![\w.])(\d{2,3})\.(\d{1,3})(?:\.?\s+(?=\S)|\.(?=[A-Z]))")  # "(Spain);110.44.Take"
_ITEM = re.compile(r"(?<![\w.])(\d{1,3})\.\s+")
# "... (Slovenia); ratify ... (Republic of Korea)"; "Consider ratifying ICRMW (Uruguay); Consider acceding ... (Chad)"
_SPLIT_RECOMMENDATIONS = re.compile(r"(?<=\))\s*;\s*(?=[A-Za-z(])")  # split where the bracket names a State
_TRAILING_GROUP = re.compile(r"\s*\(([^()]{2,80}(?:\([^()]*\))?[^()]{0,40})\)\s*$")
# a page footnote of second-cycle reports, landing inside an item: "** The conclusions and recommendations have not
# been edited." ("will not be edited": Albania 2014; "** Conclusions and/or ...": Brunei Darussalam 2014)
_UNEDITED = re.compile(r"\*{1,3}\s*(?:The\s+)?conclusions\s+and(?:/or)?\s+recommendations\s+(?:have|will)\s+not\s+"
                       r"be(?:en)?\s+edited\.?", re.IGNORECASE)
# a footnote giving the recommendation as read out, landing after an item: "(Poland); 3 The recommendation as read in
# the interactive dialogue: ..." (Moldova 2011; "11 Recommendation originally read: ...", Lesotho 2010)
# ("1 The original wording: ...", Greece 2011; "11 The recommendation was not understood ...", Uganda 2011)
_READ_OUT_NOTE = re.compile(r"(?<=[);.])\s*\d{1,2}\s+(?:The\s+)?(?:original\s+wording|recommendations?\s+(?:was\s+)?"
                            r"(?:as|originally|read|not)\b).*$", re.IGNORECASE)
# a footnote marker after the recommending State: "(Brazil)1", "(Chile);2", "(Norway).6"
_MARKER_AFTER_STATE = re.compile(r"(?<=\))\s*[;.]?\s*\d{1,2}$")


@functools.cache
def _responses() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(response, pattern) in the order tried (cobs/data/upr_responses.csv): Noted, Supported, To be examined."""
    rows = read_rows("upr_responses.csv")
    order = list(dict.fromkeys(row["response"] for row in rows))
    return tuple((response, re.compile("|".join(row["pattern"] for row in rows if row["response"] == response),
                                       re.IGNORECASE)) for response in order)


@functools.cache
def _chapeau_words() -> str:
    """The words that mark the paragraph introducing a list of recommendations ('enjoy the support of')."""
    return "|".join(row["pattern"] for row in read_rows("upr_responses.csv") if row["in_chapeau"] == "yes")


def _response(chapeau: str) -> str:
    """What the State answered, in the words of the paragraph introducing the recommendations ("" if none)."""
    return next((response for response, pattern in _responses() if pattern.search(chapeau)), "")


def read_wg_report(path: str | os.PathLike[str]) -> pd.DataFrame:
    """The recommendations listed in a UPR Working Group report (plain text), one row each.

    Parameters
    ----------
    path : str or path
        A text file of the report (as ``pdftotext`` gives it: UTF-8, Mac OS Roman or
        Windows-1252; one long line or many).

    Returns
    -------
    pandas.DataFrame
        ``symbol`` (A/HRC/...; missing where the text does not print it: 115 of the
        262 texts of ``uprs-terman`` lost the masthead that holds it),
        ``state_under_review``, ``session``, ``para`` (the paragraph of the report listing it),
        ``number`` (its number there: "12" for
        "12. To ..." or "124.12"), ``recommendation`` (the text, "To" left out),
        ``recommending_state`` and ``response`` ("Supported", "Noted", "To be
        examined": the paragraph's own words; "To be examined" recommendations are
        answered in an addendum).

    Raises
    ------
    ValueError
        If the text has no "Conclusions and/or recommendations" section (its heading,
        not the closing "All conclusions and/or recommendations contained in ..."), or
        the section lists no numbered recommendation naming a State; the message names
        the file.

    Examples
    --------
    >>> from cobs.read import read_wg_report
    >>> report = read_wg_report("corpus/upr/A_HRC_28_10_kazakhstan2014.txt")
    >>> print(report[["symbol", "session", "para", "number", "recommending_state"]].head(2).to_string(index=False))
         symbol  session  para number recommending_state
    A/HRC/28/10       20   124  124.1             Mexico
    A/HRC/28/10       20   124  124.2     Czech Republic
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file {os.fspath(path)!r}; give the text of a UPR Working Group report")
    text = decode(path.read_bytes()).replace("\r", "\n").replace("\ufffd", "'")
    flat = re.sub(r"\s+", " ", text)
    symbol = _SYMBOL.search(flat[:_MASTHEAD])
    session_match = _SESSION_SYMBOL.search(flat[:_SESSION_NOTE])
    session = int(session_match.group(1)) if session_match else None
    if session is None:
        ordinal = _ORDINAL_SESSION.search(flat[:_INTRODUCTION])
        session = _ORDINALS.get(ordinal.group(1).lower()) if ordinal else None
    state = _state_in_title(flat)
    starts = [m.end() for m in _SECTION.finditer(flat) if not _CLOSING.match(flat, m.end())
              and not flat[max(0, m.start() - 5):m.start()].lower().startswith("[end")
              and ("/" in m.group(0) or re.search(r"\b[IV]+\.\s*$", flat[max(0, m.start() - 6):m.start()]))]
    if not starts:
        raise ValueError(f"{path}: no 'Conclusions and/or recommendations' section; is it a UPR Working Group report?")
    section = flat[starts[-1]:]
    end = _SECTION_END.search(section)
    section = section[: end.start()] if end else section
    section = _UNEDITED.sub(" ", section)
    rows = _dotted(section) or _numbered(section)
    if not rows:
        raise ValueError(f"{path}: no numbered recommendation found after 'Conclusions and/or recommendations'")
    out = pd.DataFrame(rows, columns=["para", "number", "recommendation", "recommending_state", "response"])
    out.insert(0, "session", pd.array([session] * len(out), dtype="Int64"))
    out.insert(0, "state_under_review", pd.array([state] * len(out), dtype="string"))
    # not the file's name where the text lost its masthead: a name the user chose is no UN symbol
    out.insert(0, "symbol", pd.array([symbol.group(0) if symbol else pd.NA] * len(out), dtype="string"))
    for column in ("number", "recommendation", "recommending_state", "response"):
        out[column] = out[column].astype("string")
    out["para"] = out["para"].astype("int64")
    return out


def _state_in_title(flat: str) -> str | None:
    """The State under review: the first State named after the report's title (its UN name)."""
    from cobs.reference import find_state, state_name

    for title in _TITLE.finditer(flat[:_TITLE_AREA]):  # the agenda item "Universal Periodic Review", then the title
        after = flat[title.end():title.end() + _STATE_AFTER_TITLE]
        code = find_state(after) or find_state(after.title())  # "BURKINA FASO" (2009)
        if code:
            return state_name(code)
    return None


def _recommendations(item: str) -> list[tuple[str, str]]:
    """(text, recommending States) of each recommendation of an item (one, or several joined by ';').

    A recommendation made by several States names each in brackets ("Ratify CRPD (Hungary) (Spain)"):
    their names are joined by ", ". A bracket that names no State ("(OP-ICESCR)") stays in the text, and so
    does a piece that names none: "Ratify ICRMW (Ecuador); (El Salvador); ..." gives El Salvador to the
    recommendation before it.
    """
    out: list[tuple[str, list[str]]] = []
    item = _READ_OUT_NOTE.sub("", item.strip())
    for piece in _pieces(_MARKER_AFTER_STATE.sub("", item.rstrip(";.,: ")).rstrip(";.,: ")):
        states: list[str] = []
        text = _MARKER_AFTER_STATE.sub("", piece.strip().rstrip(";.,: ")).rstrip(";.,: ")
        while (found := _TRAILING_GROUP.search(text)) and (_is_state(found.group(1)) or not states):
            states.insert(0, found.group(1).strip())
            text = text[: found.start()].rstrip()
            if not _is_state(states[0]):  # one bracket closes a recommendation whatever it says (an observer)
                break
        text = re.sub(r"^To\s+(?=[a-z])", "", text).strip()
        if states:
            text = re.sub(r"(?<=[a-z])\d{1,2}$", "", text)  # a footnote marker before the State: "victims5 (Austria)"
        if not text and out:  # "(El Salvador);": one more State for the recommendation before
            out[-1][1].extend(states)
            continue
        out.append((text[:1].upper() + text[1:], states))
    return [(text, ", ".join(states)) for text, states in out]


def _pieces(item: str) -> list[str]:
    """An item cut at each "(State);" that ends a recommendation (a lower-case word after "(...);" too, as before)."""
    pieces, start = [], 0
    for cut in _SPLIT_RECOMMENDATIONS.finditer(item):
        bracket = _TRAILING_GROUP.search(item[start:cut.start()])
        if item[cut.end()].islower() or (bracket and _are_states(bracket.group(1))):
            pieces.append(item[start:cut.start()])
            start = cut.end()
    return [*pieces, item[start:]]


def _are_states(names: str) -> bool:
    """Whether a bracket names one State or several: "(Bolivia, Guatemala, Spain, Uruguay)" (Mexico 2009)."""
    return _is_state(names) or all(_is_state(name) for name in re.split(r"\s*[,;]\s*|\s+and\s+", names.strip()))


@functools.cache
def _is_state(name: str) -> bool:
    """Whether a bracket's content names a State (its UN name, short name or code)."""
    from cobs.reference import state_code

    try:
        state_code(name.strip())
    except (KeyError, ValueError):
        return False
    return True


def _dotted(section: str) -> list[tuple[object, ...]]:
    """Second-cycle layout: '124. chapeau 124.1 text (State); 124.2 ...'."""
    items = _in_sequence(list(_DOTTED_ITEM.finditer(section)))
    if len(items) < 2:
        return []
    rows: list[tuple[object, ...]] = []
    paras = _paragraphs_of(items)
    for k, item in enumerate(items):
        stop = items[k + 1].start() if k + 1 < len(items) else len(section)
        body = section[item.end():stop]
        next_paragraph = _PARAGRAPH.search(body)
        if next_paragraph and re.search(r"[.;)]\s*\d{0,2}$", body[: next_paragraph.start()].rstrip()):  # "(Spain); 99."
            body = body[: next_paragraph.start()]
        para = paras[k]
        chapeau = re.search(rf"(?<![\w.]){para}\.\s+([^.]*?(?:{_chapeau_words()})[^.]*\.)", section)
        response = _response(chapeau.group(1)) if chapeau else ""
        body = re.sub(r"\s*\d{2,3}\.\s*$", "", body)  # the next paragraph's number, when the section ends there
        for text, state in _recommendations(body):
            rows.append((para, f"{para}.{item.group(2)}", text, state, response))
    return rows


def _paragraphs_of(items: list[re.Match[str]]) -> list[int]:
    """The paragraph of each item: the one it prints, but for a typo between two items of one paragraph numbered
    around it ("129.11 ... 128.12 ... 129.13", Algeria 2012; "86.74 ... 85.75 ... 86.76", Australia 2011)."""
    paras = [int(item.group(1)) for item in items]
    numbers = [int(item.group(2)) for item in items]
    for k in range(1, len(items) - 1):
        if (paras[k - 1] == paras[k + 1] != paras[k] and numbers[k - 1] + 1 == numbers[k] == numbers[k + 1] - 1):
            paras[k] = paras[k - 1]
    return paras


def _in_sequence(items: list[re.Match[str]]) -> list[re.Match[str]]:
    """The dotted numbers of the list: those of its paragraphs not seen before (124.2 after 124.1, 125.1 after
    124.47, in the order the text gives them), not a number inside a recommendation ("Law 14.352", "article 44.1",
    "the 19.7 per cent gap")."""
    kept: list[re.Match[str]] = []
    seen: set[tuple[str, str]] = set()
    for item in items:
        para, number, key = int(item.group(1)), int(item.group(2)), (item.group(1), item.group(2))
        if kept:
            first, last = int(kept[0].group(1)), max(int(k.group(1)) for k in kept)
            last_para, last_number = int(kept[-1].group(1)), int(kept[-1].group(2))
            follows = (para == last_para and last_number < number <= last_number + 10) or (
                last_para < para <= last_para + 3 and number <= 3) or (
                abs(para - last_para) <= 2 and number == last_number + 1)  # "86.74 ... 85.75 ... 86.76": a typo
            if key in seen or not (follows or first <= para <= last + 1):
                continue
        kept.append(item)
        seen.add(key)
    return kept


def _numbered(section: str) -> list[tuple[object, ...]]:
    """First-cycle layout: '95. chapeau: 1. To ... (State); 2. To ... (State). 96. ...'.

    An item ends where the next number follows a ')', ';' or '.' (a footnote marker between them: "(Slovenia);2
    39."): "(Morocco) 2. Consider" (Mexico 2009) and "women. (Cuba) 2. Encourages" (Tunisia 2008) as well as
    "(Brazil); 2. ...". The chapeau ends at item 1, after a colon, a full stop or none ("support of Mexico 1.").
    """
    rows: list[tuple[object, ...]] = []
    position = 0
    while paragraph := _PARAGRAPH.search(section, position):
        para = int(paragraph.group(1))
        following = _next_number(section, paragraph.end(), para + 1, capital=True)
        limit = following.start() if following else len(section)
        first = re.compile(r"(?<![\w.,])1\.\s+(?=[A-Z\"“‘'])").search(section, paragraph.end(), limit)
        if not first:
            position = paragraph.end()
            continue
        response = _response(section[paragraph.end():first.start()])
        start, expected, listed = first.end(), 1, []
        while True:
            after = _next_number(section, start, expected + 1) or _next_number(section, start, expected + 1,
                                                                                 loose=True)
            end_of_paragraph = _next_number(section, start, para + 1, capital=True)
            if after and (not end_of_paragraph or after.start() <= end_of_paragraph.start()):
                stop = after.start()
            else:
                stop = end_of_paragraph.start() if end_of_paragraph else len(section)
            item = re.sub(r"(?<=[);.])\s*\d{1,3}\.?\s*$", "", section[start:stop])  # a footnote marker, a number
            for text, state in _recommendations(_without_comment(item)):
                listed.append((para, str(expected), text, state, response))
            if stop != (after.start() if after else -1):
                position = stop
                break
            start, expected = after.end(), expected + 1
        # a list naming no recommending State is the State's explanations ("NOTE 1. With regard to recommendations
        # concerning ...", Burundi 2009), not recommendations
        if any(row[3] for row in listed):
            rows.extend(listed)
    return rows


def _without_comment(item: str) -> str:
    """An item without the State's comment after its recommending State: "... (Canada): The Dominican Republic does
    not accept ..." (Dominican Republic 2010), "... (United Kingdom). COMMENTS: ..." (Bolivia 2010)."""
    if _TRAILING_GROUP.search(item.strip().rstrip(";. ")):
        return item
    for bracket in re.finditer(r"\(([^()]{2,80})\)\s*[:.]\s+(?=\S)", item):
        if _is_state(bracket.group(1)):
            return item[:bracket.start(1) - 1] + f"({bracket.group(1)})"
    return item


def _next_number(section: str, start: int, number: int, *, capital: bool = False,
                 loose: bool = False) -> re.Match[str] | None:
    """The next "<number>. " after a ')', ';' or '.' (``loose``: after any word), past a footnote marker."""
    before = r"(?<![\w.,])" if loose else r"(?<=[);.])\s*(?:\d{1,2}\s+)?"
    after = "[A-Z(]" if capital else r"\S"  # "(Argentina); 73. (Comment on 72.1) San Marino ..."
    return re.compile(rf"{before}(?<!\d){number}\.\s+(?={after})").search(section, start)

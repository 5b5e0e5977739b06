"""The Universal Periodic Review as a second mechanism: UPR recommendations as an action table.

:func:`upr_recommendations` turns the recommendations a State received in the UPR
into a table with the columns of :func:`cobs.measure` (so that :func:`align` and
:func:`profile` take it like a CO's action table), plus who recommended it and what
the State answered. Two sources:

* UPR Info's database export (:func:`cobs.load_upr_info`: a table or a CSV file),
  with UPR Info's human-coded issues and action category;
* the text of a UPR Working Group report (A/HRC/14/10, ...), whose section
  "Conclusions and/or recommendations" lists them as "95. ... enjoy the support of
  Kazakhstan: 1. To ... (Brazil); 2. ..." (first cycle) or "124.1 Adopt ...
  (Mexico);" (from the second cycle).
"""

from __future__ import annotations

import functools
import os
import re
import warnings
from pathlib import Path

import pandas as pd

from cobs._checks import check_table
from cobs.errors import invalid_value

__all__ = ["read_wg_report", "upr_recommendations"]

_UPR_INFO_NEEDED = ("state_under_review", "recommendation", "recommending_state", "response", "action", "issues",
                    "session")


@functools.cache
def _sessions() -> dict[int, tuple[int, str]]:
    from cobs.reference._tables import read_rows

    return {int(r["session"]): (int(r["year"]), str(r["cycle"])) for r in read_rows("upr_sessions.csv")}


def _session_year_cycle(session: int | None) -> tuple[int | None, str | None]:
    if session is None:
        return None, None
    return _sessions().get(int(session), (None, None))


def _decode(data: bytes) -> str:
    """Text of a report file: UTF-8, else Mac OS Roman or Windows-1252 (whichever its quotes suggest)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mac = sum(data.count(bytes([b])) for b in (0xD2, 0xD3, 0xD4, 0xD5, 0xD0, 0xD1))
    windows = sum(data.count(bytes([b])) for b in (0x91, 0x92, 0x93, 0x94, 0x96, 0x97))
    return data.decode("mac_roman" if mac > windows else "cp1252", errors="replace")


_SECTION = re.compile(r"Conclusions\s+and/or\s+recommendations", re.IGNORECASE)
_SYMBOL = re.compile(r"\bA/HRC/\d{1,2}/\d{1,3}(?:/Add\.\d)?\b")
_SESSION_SYMBOL = re.compile(r"A/HRC/WG\.6/(\d{1,2})/")
_ORDINAL_SESSION = re.compile(r"held\s+its\s+(\w+(?:-\w+)?)\s+session", re.IGNORECASE)
_ORDINALS = {w: k for k, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
     "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
     "twentieth"], start=1)}
_TITLE = re.compile(r"Report\s+of\s+the\s+Working\s+Group\s+on\s+the\s+Universal\s+Periodic\s+Review", re.IGNORECASE)
_FOOTNOTE_BEFORE = re.compile(r"\s*(?:\d{1,2}\s+(?=\d{1,3}\.\s))?")  # "(Slovenia);2 39. To ...": a footnote marker
_PARAGRAPH = re.compile(r"(?<![\w.])(\d{2,3})\.\s+(?=[A-Z])")
_DOTTED_ITEM = re.compile(r"(?<![\w.])(\d{2,3})\.(\d{1,3})\.?\s+(?=\S)")
_ITEM = re.compile(r"(?<![\w.])(\d{1,3})\.\s+")
_FROM = re.compile(r"\(([^()]{2,80}(?:\([^()]*\))?[^()]{0,40})\)\s*[;.]?\s*$")
_SPLIT_RECOMMENDATIONS = re.compile(r"(?<=\))\s*;\s*(?=[a-z])")  # "... (Slovenia); ratify ... (Republic of Korea)"


def _response(chapeau: str) -> str:
    text = chapeau.lower()
    if re.search(r"did\s+not\s+enjoy|not\s+supported|noted\b|notes\b|reject", text):
        return "Noted"
    if "support" in text or "accept" in text:
        return "Supported"
    if re.search(r"examin|consider|respon(?:d|se)s?\s+in\s+due\s+course", text):
        return "To be examined"
    return ""


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
        ``symbol`` (A/HRC/...), ``state_under_review``, ``session``, ``para`` (the
        paragraph of the report listing it), ``number`` (its number there: "12" for
        "12. To ..." or "124.12"), ``recommendation`` (the text, "To" left out),
        ``recommending_state`` and ``response`` ("Supported", "Noted", "To be
        examined": the paragraph's own words; "To be examined" recommendations are
        answered in an addendum).

    Raises
    ------
    ValueError
        If the text has no "Conclusions and/or recommendations" section listing
        recommendations.

    Examples
    --------
    >>> from cobs.compare import read_wg_report
    >>> report = read_wg_report("corpus/upr/A_HRC_28_10_kazakhstan2014.txt")
    >>> print(report[["symbol", "session", "para", "number", "recommending_state"]].head(2).to_string(index=False))
         symbol  session  para number recommending_state
    A/HRC/28/10       20   124  124.1             Mexico
    A/HRC/28/10       20   124  124.2     Czech Republic
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file {os.fspath(path)!r}; give the text of a UPR Working Group report")
    text = _decode(path.read_bytes()).replace("\r", "\n").replace("\ufffd", "'")
    flat = re.sub(r"\s+", " ", text)
    symbol = _SYMBOL.search(flat[:3000])
    session_match = _SESSION_SYMBOL.search(flat[:5000])
    session = int(session_match.group(1)) if session_match else None
    if session is None:
        ordinal = _ORDINAL_SESSION.search(flat[:8000])
        session = _ORDINALS.get(ordinal.group(1).lower()) if ordinal else None
    state = _state_in_title(flat)
    starts = [m.end() for m in _SECTION.finditer(flat) if not flat[max(0, m.start() - 4):m.start()].startswith("All")]
    if not starts:
        raise ValueError(f"{path}: no 'Conclusions and/or recommendations' section; is it a UPR Working Group report?")
    section = flat[starts[-1]:]
    end = re.search(r"All\s+conclusions\s+and/or\s+recommendations", section)
    section = section[: end.start()] if end else section
    rows = _dotted(section) or _numbered(section)
    if not rows:
        raise ValueError(f"{path}: no numbered recommendation found after 'Conclusions and/or recommendations'")
    out = pd.DataFrame(rows, columns=["para", "number", "recommendation", "recommending_state", "response"])
    out.insert(0, "session", pd.array([session] * len(out), dtype="Int64"))
    out.insert(0, "state_under_review", pd.array([state] * len(out), dtype="string"))
    out.insert(0, "symbol", pd.array([symbol.group(0) if symbol else path.stem] * len(out), dtype="string"))
    for column in ("number", "recommendation", "recommending_state", "response"):
        out[column] = out[column].astype("string")
    out["para"] = out["para"].astype("int64")
    return out


def _state_in_title(flat: str) -> str | None:
    """The State under review: the first State named after the report's title (its UN name)."""
    from cobs.reference.states import find_state, state_name

    title = _TITLE.search(flat[:6000])
    code = find_state(flat[title.end():title.end() + 400]) if title else None
    return state_name(code) if code else None


def _recommendations(item: str) -> list[tuple[str, str]]:
    """(text, recommending State) of each recommendation of an item (one, or several joined by ';')."""
    out = []
    for piece in _SPLIT_RECOMMENDATIONS.split(item.strip().rstrip(";. ")):
        found = _FROM.search(piece)
        text = piece[: found.start()].strip() if found else piece.strip()
        text = re.sub(r"^To\s+(?=[a-z])", "", text).strip()
        text = text[:1].upper() + text[1:]
        out.append((text, found.group(1).strip() if found else ""))
    return out


def _dotted(section: str) -> list[tuple[object, ...]]:
    """Second-cycle layout: '124. chapeau 124.1 text (State); 124.2 ...'."""
    items = list(_DOTTED_ITEM.finditer(section))
    if len(items) < 2:
        return []
    rows: list[tuple[object, ...]] = []
    for k, item in enumerate(items):
        stop = items[k + 1].start() if k + 1 < len(items) else len(section)
        body = section[item.end():stop]
        next_paragraph = _PARAGRAPH.search(body)
        if next_paragraph and body[: next_paragraph.start()].rstrip().endswith("."):
            body = body[: next_paragraph.start()]
        para = int(item.group(1))
        chapeau = re.search(rf"(?<![\w.]){para}\.\s+([^.]*?(?:support|examin|noted|consider)[^.]*\.)", section)
        response = _response(chapeau.group(1)) if chapeau else ""
        body = re.sub(r"\s*\d{2,3}\.\s*$", "", body)  # the next paragraph's number, when the section ends there
        for text, state in _recommendations(body):
            rows.append((para, f"{para}.{item.group(2)}", text, state, response))
    return rows


def _numbered(section: str) -> list[tuple[object, ...]]:
    """First-cycle layout: '95. chapeau: 1. To ... (State); 2. To ... (State). 96. ...'."""
    rows: list[tuple[object, ...]] = []
    position = 0
    while True:
        paragraph = _PARAGRAPH.search(section, position)
        if not paragraph:
            return rows
        para = int(paragraph.group(1))
        colon = section.find(":", paragraph.end())
        following = _PARAGRAPH.search(section, paragraph.end())
        if colon < 0 or (following and following.start() < colon and int(following.group(1)) == para + 1):
            position = paragraph.end()
            continue
        response = _response(section[paragraph.end():colon])
        position, expected = colon + 1, 1
        while True:
            item = re.compile(rf"(?<![\w.]){expected}\.\s+").match(section, _skip_space(section, position))
            if not item:
                break
            ends = [m for m in re.finditer(r"\)\s*([;.])", section[item.end():])]
            end = next((m for m in ends if _closes_item(section, item.end() + m.end(), expected, para)), None)
            stop = item.end() + end.end() if end else len(section)
            for text, state in _recommendations(section[item.end():stop]):
                rows.append((para, str(expected), text, state, response))
            position, expected = stop, expected + 1
            if end is None or end.group(1) == ".":
                break


def _skip_space(text: str, position: int) -> int:
    """Past the spaces (and a footnote marker before a number) at ``position``."""
    return _FOOTNOTE_BEFORE.match(text, position).end()


def _closes_item(section: str, end: int, number: int, para: int) -> bool:
    """Whether the ')' + ';'/'.' ending at ``end`` closes item ``number``: the next item or paragraph follows."""
    rest = section[_skip_space(section, end):]
    return bool(re.match(rf"(?:{number + 1}|{para + 1})\.\s", rest)) or not rest


def upr_recommendations(
    source: object,
    *,
    state: str | None = None,
    sessions: int | list[int] | None = None,
) -> pd.DataFrame:
    """The UPR recommendations a State received, as a measured action table (one row per recommendation).

    Parameters
    ----------
    source : DataFrame, str or path
        UPR Info's export read by :func:`cobs.load_upr_info` (a table, or the path of a
        CSV export), or the path of a UPR Working Group report's text (``.txt``; see
        :func:`read_wg_report`).
    state : str, optional
        The State under review, by name or ISO code ("Kazakhstan", "KAZ"); needed for
        an export of many States.
    sessions : int or list of int, optional
        Keep these UPR Working Group sessions (Kazakhstan: 7 = 2010, 20 = 2014).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`cobs.measure` (the action columns and the measures) with
        ``committee`` "UPR", ``symbol`` the report's symbol (A/HRC/14/10) or, for UPR
        Info rows, "UPR/<session>/<State code>", ``para`` and ``sub`` the numbering of
        the report (``sub`` "12" for "12. To ...") or, for UPR Info rows, their order,
        ``ref`` naming the recommending State ("A/HRC/28/10, para. 124.1 (Mexico)"),
        ``verb`` and ``strength`` missing (a UPR recommendation has no operative verb
        of a committee); and the columns of :data:`cobs.columns.UPR_COLUMNS`:
        ``source`` (the recommending State), ``response``, ``issues`` (UPR Info's
        labels; empty for a report's rows), ``upr_action`` (UPR Info's action category,
        coded by hand) and ``session``.

    Examples
    --------
    >>> import cobs, cobs.compare
    >>> upr = cobs.compare.upr_recommendations("corpus/upr/upr_info_kazakhstan.csv", sessions=20)
    >>> len(upr), upr["ref"].iloc[0]
    (198, 'UPR/20/KAZ, no. 1 (Mexico)')
    >>> report = cobs.compare.upr_recommendations("corpus/upr/A_HRC_28_10_kazakhstan2014.txt")
    >>> print(report[["ref", "action_verb", "action_category"]].head(2).to_string(index=False))
                                        ref action_verb  action_category
          A/HRC/28/10, para. 124.1 (Mexico)       adopt                5
    A/HRC/28/10, para. 124.2 (Czech Republic)       speed                4
    """
    from cobs.datasets import load_upr_info

    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.exists():
            raise FileNotFoundError(f"source: no such file {os.fspath(path)!r}; give UPR Info's CSV export or the "
                                    f"text of a UPR Working Group report")
        if path.suffix.lower() == ".csv":
            return _from_upr_info(load_upr_info(path), state, sessions)
        return _from_report(read_wg_report(path), state, sessions)
    if isinstance(source, pd.DataFrame):
        if "number" in source.columns and "para" in source.columns:
            return _from_report(source, state, sessions)
        check_table(source, _UPR_INFO_NEEDED, name="source", what="UPR Info's table (cobs.load_upr_info)")
        return _from_upr_info(source, state, sessions)
    raise TypeError(invalid_value("source", source, "a table from cobs.load_upr_info or the path of UPR Info's CSV "
                                  "export or of a Working Group report's text"))


def _state_code(name: object) -> str:
    from cobs.reference import state_code

    if not isinstance(name, str) or not name:
        return ""
    try:
        return state_code(name)
    except (KeyError, ValueError):
        return name


def _select(table: pd.DataFrame, state: str | None, sessions: int | list[int] | None) -> pd.DataFrame:
    if state is not None:
        wanted = _state_code(state)
        codes = table["state_under_review"].map(_state_code)
        table = table[codes == wanted]
        if not len(table):
            raise ValueError(invalid_value("state", state, "a State under review in the source"))
    if sessions is not None:
        chosen = [sessions] if isinstance(sessions, int) else list(sessions)
        table = table[table["session"].isin(chosen)]
        if not len(table):
            raise ValueError(invalid_value("sessions", sessions, "sessions present in the source"))
    return table


def _once(table: pd.DataFrame, keys: list[str], what: str) -> pd.DataFrame:
    """The table without rows repeated on ``keys`` (a file concatenated twice), with a warning that says so."""
    repeated = table.astype({k: object for k in keys}).duplicated(subset=keys)
    if repeated.any():
        first = table.loc[repeated].iloc[0]
        warnings.warn(
            f"source: {int(repeated.sum())} of {len(table)} {what} are repeated (the same {', '.join(keys)}), e.g. "
            f"{str(first[keys[-1]])[:60]!r}: each is counted once. A file concatenated twice?",
            UserWarning, stacklevel=4,
        )
        table = table.loc[~repeated]
    return table


def _from_upr_info(table: pd.DataFrame, state: str | None, sessions: int | list[int] | None) -> pd.DataFrame:
    table = _select(table, state, sessions)
    if "source_row" in table.columns:  # by session, numbered in the file's order, whatever the table's row order
        table = table.sort_values(["session", "source_row"], kind="stable")
    table = _once(table, ["state_under_review", "session", "recommending_state", "recommendation"],
                  "recommendations").reset_index(drop=True)
    records = []
    counter: dict[tuple[str, object], int] = {}
    for row in table.to_dict("records"):
        code = _state_code(row["state_under_review"])
        session = None if pd.isna(row["session"]) else int(row["session"])
        symbol = f"UPR/{session if session is not None else '?'}/{code}"
        counter[(symbol, None)] = counter.get((symbol, None), 0) + 1
        number = counter[(symbol, None)]
        records.append(_record(symbol, code, session, number, "", f"{symbol}, no. {number}",
                               str(row["recommendation"]), str(row["recommending_state"]), str(row["response"]),
                               list(row["issues"]) if isinstance(row["issues"], list) else [], row["action"]))
    return _measured(records)


def _from_report(report: pd.DataFrame, state: str | None, sessions: int | list[int] | None) -> pd.DataFrame:
    report = _select(report, state, sessions) if (state is not None or sessions is not None) else report
    report = _once(report, ["symbol", "number", "recommendation"], "recommendations")
    records = []
    for row in report.to_dict("records"):
        code = _state_code(row["state_under_review"])
        session = None if pd.isna(row["session"]) else int(row["session"])
        number = str(row["number"])
        sub = number.split(".")[-1]
        cited = number if "." in number else f"{row['para']} ({number})"
        records.append(_record(str(row["symbol"]), code, session, int(row["para"]), sub,
                               f"{row['symbol']}, para. {cited}",
                               str(row["recommendation"]), str(row["recommending_state"]), str(row["response"]), [],
                               None))
    return _measured(records)


def _record(symbol: str, state: str, session: int | None, para: int, sub: str, ref: str, text: str, by: str,
            response: str, issues: list[str], upr_action: object) -> dict[str, object]:
    from cobs.measures._actions import locate_action

    year, cycle = _session_year_cycle(session)
    verb, action = locate_action(text)
    return {
        "symbol": symbol, "committee": "UPR", "state": state, "cycle": cycle, "year": year, "para": para, "sub": sub,
        "clause": 1, "ref": f"{ref} ({by})" if by else ref, "section": None, "cluster": None, "heading": None,
        "chapeau": None, "text": text, "request": text, "verb": None, "strength": None, "action_verb": verb or None,
        "action": action or None, "page": None, "notes": [], "source": by or None, "response": response or None,
        "issues": issues, "upr_action": None if upr_action is None or pd.isna(upr_action) else int(upr_action),
        "session": session,
    }


def _measured(records: list[dict[str, object]]) -> pd.DataFrame:
    from cobs.columns import ACTION_COLUMNS, STRENGTH_DTYPE, UPR_COLUMNS
    from cobs.measures import measure

    table = pd.DataFrame.from_records(records, columns=[*ACTION_COLUMNS, *UPR_COLUMNS])
    for column in ("year", "page", "upr_action", "session"):
        table[column] = table[column].astype("Int64")
    table["para"] = table["para"].astype("int64")
    table["clause"] = table["clause"].astype("int64")
    table["strength"] = pd.Categorical(table["strength"], dtype=STRENGTH_DTYPE)
    extra = table[list(UPR_COLUMNS)]
    measured = measure(table.drop(columns=list(UPR_COLUMNS)))
    for column in UPR_COLUMNS:
        measured[column] = extra[column].to_numpy()
    measured["source"] = measured["source"].astype("string")
    measured["response"] = measured["response"].astype("string")
    measured["upr_action"] = measured["upr_action"].astype("Int64")
    measured["session"] = measured["session"].astype("Int64")
    return measured

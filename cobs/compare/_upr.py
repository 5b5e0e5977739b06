"""The Universal Periodic Review as a second mechanism: UPR recommendations as an action table.

:func:`upr_recommendations` turns the recommendations a State received in the UPR
into a table with the columns of :func:`cobs.measure` (so that :func:`align` and
:func:`profile` take it like a CO's action table), plus who recommended it and what
the State answered. Two sources:

* UPR Info's database export (:func:`cobs.read_upr_info`: a table or a CSV file),
  with UPR Info's human-coded issues and action category;
* the text of a UPR Working Group report (A/HRC/14/10, ...), whose section
  "Conclusions and/or recommendations" lists them as "95. ... enjoy the support of
  Kazakhstan: 1. To ... (Brazil); 2. ..." (first cycle) or "124.1 Adopt ...
  (Mexico);" (from the second cycle).
"""

from __future__ import annotations

import datetime
import functools
import os
import warnings
from pathlib import Path

import pandas as pd

from cobs._checks import check_table
from cobs.errors import invalid_value

__all__ = ["session_dates", "timing", "upr_recommendations"]

_UPR_INFO_NEEDED = ("state_under_review", "recommendation", "recommending_state", "response", "action", "issues",
                    "session")


@functools.cache
def _sessions() -> dict[int, tuple[int, str]]:
    from cobs.reference import read_rows

    return {int(r["session"]): (int(r["year"]), str(r["cycle"])) for r in read_rows("upr_sessions.csv")}


@functools.cache
def session_dates() -> dict[int, tuple[datetime.date, datetime.date]]:
    """First and last day of each UPR Working Group session whose dates ``cobs/data/upr_sessions.csv`` gives."""
    from cobs.reference._tables import read_rows

    return {int(r["session"]): (datetime.date.fromisoformat(r["start"]), datetime.date.fromisoformat(r["end"]))
            for r in read_rows("upr_sessions.csv") if r["start"] and r["end"]}


def timing(session: object, year: object, date: object) -> str | None:
    """Whether a UPR session came "before" or "after" a CO adopted on ``date`` (or, unknown, in ``year``).

    None when it cannot be told: no session, or the same year and a date or the session's dates unknown.

    Examples
    --------
    >>> import datetime
    >>> timing(18, 2014, datetime.date(2014, 10, 3)), timing(20, 2015, None), timing(20, 2014, None)
    ('before', 'before', None)
    """
    if session is None or pd.isna(session):
        return None
    known = session_dates().get(int(session))
    if known is not None and isinstance(date, datetime.date):
        return "before" if known[1] < date else "after" if known[0] > date else None
    session_year = _sessions().get(int(session), (None, None))[0]
    if session_year is None or year is None or pd.isna(year) or int(year) == session_year:
        return None
    return "before" if session_year < int(year) else "after"


def _session_year_cycle(session: int | None) -> tuple[int | None, str | None]:
    if session is None:
        return None, None
    return _sessions().get(int(session), (None, None))


def upr_recommendations(
    source: pd.DataFrame | str | os.PathLike[str],
    *,
    state: str | None = None,
    sessions: int | list[int] | None = None,
    addendum: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """The UPR recommendations a State received, as a measured action table (one row per recommendation).

    Parameters
    ----------
    source : DataFrame, str or path
        UPR Info's export read by :func:`cobs.read_upr_info` (a table, or the path of a
        CSV export), or the path of a UPR Working Group report's text (``.txt``; see
        :func:`cobs.read.read_wg_report`).
    state : str, optional
        The State under review, by name or ISO code ("Kazakhstan", "KAZ"); needed for
        an export of many States.
    sessions : int or list of int, optional
        Keep these UPR Working Group sessions (Kazakhstan: 7 = 2010, 20 = 2014).
    addendum : str or path, optional
        With a Working Group report: the text of its addendum (A/HRC/.../Add.1), whose
        answers (:func:`cobs.read.read_addendum`) replace "To be examined" in ``response``.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`cobs.measure` (the action columns and the measures) with
        ``committee`` "UPR", ``symbol`` the report's symbol (A/HRC/14/10) or, for UPR
        Info rows and a report whose text does not print its symbol,
        "UPR/<session>/<State code>", ``para`` and ``sub`` the numbering of
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
    from cobs.read import read_upr_info, read_wg_report

    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.exists():
            raise FileNotFoundError(f"source: no such file {os.fspath(path)!r}; give UPR Info's CSV export or the "
                                    f"text of a UPR Working Group report")
        if path.suffix.lower() == ".csv":
            return _from_upr_info(read_upr_info(path), state, sessions)
        return _from_report(_answered(read_wg_report(path), addendum), state, sessions)
    if isinstance(source, pd.DataFrame):
        if "number" in source.columns and "para" in source.columns:
            return _from_report(_answered(source, addendum), state, sessions)
        check_table(source, _UPR_INFO_NEEDED, name="source", what="UPR Info's table (cobs.read_upr_info)")
        return _from_upr_info(source, state, sessions)
    raise TypeError(invalid_value("source", source, "a table from cobs.read_upr_info or the path of UPR Info's CSV "
                                  "export or of a Working Group report's text"))


def _answered(report: pd.DataFrame, addendum: str | os.PathLike[str] | None) -> pd.DataFrame:
    """The report's recommendations with the responses of its addendum where it gives one."""
    from cobs.read import read_addendum

    if addendum is None:
        return report
    if not isinstance(addendum, (str, os.PathLike)):
        raise TypeError(invalid_value("addendum", addendum, "the path of the addendum's text, or None"))
    responses = read_addendum(addendum)
    out = report.copy()
    given = out["number"].map(responses)
    out["response"] = given.fillna(out["response"]).astype("string")
    return out


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
    # one number may list one request by two States, each a recommendation of its own (Australia 2011, 86.10)
    report = _once(report, ["symbol", "state_under_review", "session", "number", "recommending_state",
                            "recommendation"], "recommendations")
    records = []
    for row in report.to_dict("records"):
        code = _state_code(row["state_under_review"])
        session = None if pd.isna(row["session"]) else int(row["session"])
        if pd.isna(row["symbol"]):  # a text without its masthead: the review named as UPR Info's rows name it
            row["symbol"] = f"UPR/{session if session is not None else '?'}/{code}"
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
    from cobs.measures.strings import locate_action

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
    measured = measure(table.drop(columns=list(UPR_COLUMNS)))
    # measure() puts the rows in document order, keeping each row's label: a shuffled or sorted table, or a
    # recommendation numbered out of order that read_wg_report leaves as printed, moved, and the columns set beside
    # it by position gave it the next row's State, response and issues
    extra = table.loc[measured.index, list(UPR_COLUMNS)]
    for column in UPR_COLUMNS:
        measured[column] = extra[column].to_numpy()
    measured["source"] = measured["source"].astype("string")
    measured["response"] = measured["response"].astype("string")
    measured["upr_action"] = measured["upr_action"].astype("Int64")
    measured["session"] = measured["session"].astype("Int64")
    return measured

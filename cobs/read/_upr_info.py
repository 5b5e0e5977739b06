"""UPR Info's database of Universal Periodic Review recommendations.

UPR Info (https://www.upr-info.org/database/) records every recommendation
made in the UPR Working Group, with two human-coded labels: the **action
category** of Edward R. McMahon (1-5, from the first verb and the overall
action requested) and the **issues** (themes, several per recommendation).
:func:`read_upr_info` reads the database's CSV exports into one tidy table,
one row per recommendation. The older export also lists the **voluntary
pledges** that States under review made about themselves (``voluntary.csv``,
947 of them): they are not recommendations, and are left out unless asked for
(``pledges=True``; their ``response`` is "Voluntary pledge").

Two export formats are read and given the same columns and label names:

* the 2018 export (UTF-8 with a byte-order mark, ``;``-separated, header
  ``SuR;Rgrp;Org;Recommendation;RS;Rgrp;Org;Response;Action;Issue;Session``
  with the names ``Rgrp`` and ``Org`` twice: first for the State under review,
  then for the recommending State);
* the older (2015) export (``,``-separated, header
  ``To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session``),
  written on a Macintosh: Mac OS Roman text with CR line ends. Its label and
  State names are mapped to the 2018 ones ("Accepted" -> "Supported", "NHRI" ->
  "National Human Rights Institution", "Right to water" -> "Right to water and
  sanitation", "Czech Republic" -> "Czechia", "Bosnia & Herzegovina" -> "Bosnia and
  Herzegovina", ...; the table is ``cobs/data/upr_info_renames.csv``). Its issue
  "National plan of action" has no 2018 counterpart and is kept as it is.

Columns (:data:`cobs.columns.UPR_INFO_COLUMNS`)
----------------------------------
state_under_review : str
    The State under review ("Kazakhstan").
sur_group : str
    Its UN regional group: "Africa", "Asia", "EEG" (Eastern European), "GRULAC"
    (Latin America and Caribbean), "WEOG" (Western European and others).
sur_orgs : list of str
    The intergovernmental organisations it belongs to, as UPR Info lists them
    (["AU", "OIC", "OIF"]); an empty list when none is given.
recommendation : str
    The text of the recommendation (or pledge), whitespace at both ends removed.
    Text in square brackets is UPR Info's ("[Ratify] the CRPD").
recommending_state : str
    The State (or observer) that made the recommendation; for a voluntary pledge,
    the State under review itself. "(Unknown)" where UPR Info does not know it.
rs_group : str
    The recommending State's regional group, as ``sur_group``, plus "Observer"
    (Holy See, Palestine) and "(Unknown)".
rs_orgs : list of str
    The recommending State's organisations, as ``sur_orgs``.
response : str
    The State under review's response: "Supported" or "Noted" ("Voluntary pledge"
    for the older export's pledges).
action : Int64
    UPR Info action category, from the first verb and the overall action asked for
    (Database_Action_Category.pdf, UPR Info 2014):

    1. *minimal action*: directed at States other than the State under review, or
       asking it to request technical assistance or share information ("call on",
       "seek", "share");
    2. *continuing action*: emphasises continuity ("continue", "maintain",
       "persevere", "pursue");
    3. *considering action*: asks to consider change ("consider", "envisage",
       "examine", "explore", "review", "study");
    4. *general action*: action with a general element ("address", "ensure",
       "guarantee", "intensify", "promote", "strengthen", "take measures");
    5. *specific action*: a specific act ("conduct", "develop", "establish",
       "investigate", and legal verbs: "abolish", "accede", "adopt", "amend",
       "implement", "enforce", "ratify").

    Where two verbs open a recommendation the second counts ("Continue and
    strengthen" -> 4); a general action followed by specific examples is 5.
    Definitions and example verbs: :func:`upr_info_labels` ("action").
issues : list of str
    The issues UPR Info tagged (["Rights of the Child", "Women's rights"]), in
    the export's order; an empty list where the recommendation is not (yet)
    labelled (session 27 in the 2018 export). The 56 labels of the 2018 export
    (plus the older "National plan of action"): :func:`upr_info_labels` ("issue").
session : Int64
    UPR Working Group session (1 = April 2008; Kazakhstan: 7 = 2010, 20 = 2014);
    missing where the export leaves it empty (one row of the 2018 export).
source_file : str
    Name of the CSV file the row was read from.
source_row : int
    1-based number of the record in that file (the header is record 0), to find
    the row again.
"""

from __future__ import annotations

import csv
import functools
import html
import io
import os
import re
from pathlib import Path

import pandas as pd

from cobs._checks import check_flag
from cobs.reference import read_rows

__all__ = ["read_upr_info"]



_HEADER_2018 = ("SuR", "Rgrp", "Org", "Recommendation", "RS", "Rgrp", "Org", "Response", "Action", "Issue", "Session")
_HEADER_2015 = ("To", "To-Rgrp", "To-Org", "Text", "From", "From-Rgrp", "From-Org", "Response", "Action", "Issue",
                "Session")
_PLEDGE = "Voluntary pledge"
_FIELDS = ("state_under_review", "sur_group", "sur_orgs", "recommendation", "recommending_state", "rs_group",
           "rs_orgs", "response", "action", "issues", "session")


def read_upr_info(
    path: str | os.PathLike[str], *, encoding: str | None = None, pledges: bool = False
) -> pd.DataFrame:
    """Read UPR Info database exports into one table, one row per recommendation.

    Parameters
    ----------
    path : str or path-like
        A CSV export, or a folder: every ``*.csv`` file in it is read, in name order.
    encoding : str, optional
        The files' text encoding. By default UTF-8 (with or without a byte-order
        mark) is tried first; a file that is not UTF-8 is read as Mac OS Roman when
        its lines end in a bare CR (as the older export, written on a Macintosh,
        does) and as Windows-1252 otherwise.
    pledges : bool, default False
        Also keep the voluntary pledges of the older export (``response`` "Voluntary
        pledge"): commitments a State under review made, not recommendations to it.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`cobs.columns.UPR_INFO_COLUMNS`.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist, or is a folder without CSV files.
    ValueError
        If a file cannot be decoded, is not a UPR Info export (its header is not
        one of the two known ones), or has a record that cannot be read (wrong
        number of fields, an action category outside 1-5, a session that is not a
        number); the message names the file (and the record).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "s27.csv").write_bytes(
    ...     "\\ufeffSuR;Rgrp;Org;Recommendation;RS;Rgrp;Org;Response;Action;Issue;Session\\r\\n"
    ...     "Kazakhstan;Asia;OIC;Consider ratifying the CRPD;Spain;WEOG;EU;Supported;3;"
    ...     '"Disabilities,International instruments";20\\r\\n'.encode("utf-8"))
    >>> table = read_upr_info(folder)
    >>> table[["state_under_review", "recommending_state", "action", "session"]]
      state_under_review recommending_state  action  session
    0         Kazakhstan              Spain       3       20
    >>> table.loc[0, "issues"]
    ['Disabilities', 'International instruments']
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder (UPR Info exports are CSV files)")
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv" and p.is_file())
        if not files:
            raise FileNotFoundError(f"{path}: the folder holds no .csv file (UPR Info exports are CSV files)")
    else:
        files = [path]
    pledges = check_flag(pledges, "pledges")
    frames = [_read_file(file, encoding) for file in files]
    table = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if not pledges:
        table = table[table["response"] != _PLEDGE].reset_index(drop=True)
    return table


@functools.cache
def _renames() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for row in read_rows("upr_info_renames.csv"):
        table.setdefault(row["field"], {})[row["legacy"]] = row["current"]
    return table


def _decode(path: Path, data: bytes, encoding: str | None) -> str:
    if b"\x00" in data[:4096]:
        raise ValueError(f"{path}: not a UPR Info export: the file holds binary data, not CSV text")
    if encoding is not None:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ValueError(f"{path}: cannot be decoded with encoding={encoding!r} ({exc})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Legacy exports: classic Mac OS text (bare CR line ends) is Mac OS Roman;
    # otherwise Windows-1252, the usual legacy encoding of spreadsheet exports.
    legacy = "mac_roman" if b"\r" in data and b"\n" not in data else "cp1252"
    try:
        return data.decode(legacy)
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{path}: cannot be decoded as UTF-8 or {legacy} (byte {data[exc.start]:#04x} at offset {exc.start}); "
            "pass encoding='...'"
        ) from None


def _read_file(path: Path, encoding: str | None) -> pd.DataFrame:
    text = _decode(path, path.read_bytes(), encoding)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=";" if _first_line(text).count(";") else ",")
    header = tuple(name.strip() for name in next(records, []))
    if header == _HEADER_2018:
        legacy = False
    elif header == _HEADER_2015:
        legacy = True
    else:
        raise ValueError(
            f"{path}: not a UPR Info export: its header is {_first_line(text)[:120]!r}; expected "
            f"{';'.join(_HEADER_2018)!r} (2018 export) or {','.join(_HEADER_2015)!r} (older export)"
        )
    renames = _renames() if legacy else {}
    columns: dict[str, list[object]] = {name: [] for name in _FIELDS}
    rows: list[int] = []
    for number, record in enumerate(records, start=1):
        if not any(field.strip() for field in record):
            continue
        if len(record) != len(_HEADER_2018):
            raise ValueError(f"{path}, record {number}: {len(record)} fields instead of {len(_HEADER_2018)}")
        values = [html.unescape(field).strip() for field in record]
        sur, sur_group, sur_orgs, text_, rs, rs_group, rs_orgs, response, action, issues, session = values
        if renames:
            states = renames.get("state", {})
            sur, rs = states.get(sur, sur), states.get(rs, rs)
            response = renames.get("response", {}).get(response, response)
        columns["state_under_review"].append(sur)
        columns["sur_group"].append(sur_group)
        columns["sur_orgs"].append(_split(sur_orgs))
        columns["recommendation"].append(text_)
        columns["recommending_state"].append(rs)
        columns["rs_group"].append(rs_group)
        columns["rs_orgs"].append(_split(rs_orgs))
        columns["response"].append(response)
        columns["action"].append(_action(path, number, action))
        issue_names = renames.get("issue", {})
        columns["issues"].append([issue_names.get(i, i) for i in _split(issues)])
        columns["session"].append(_session(path, number, session))
        rows.append(number)
    table = pd.DataFrame(columns, columns=list(_FIELDS))
    table["action"] = pd.array(columns["action"], dtype="Int64")
    table["session"] = pd.array(columns["session"], dtype="Int64")
    table["source_file"] = path.name
    table["source_row"] = pd.array(rows, dtype="int64")
    return table


def _first_line(text: str) -> str:
    return re.split(r"\r\n|\r|\n", text.lstrip("\ufeff"), maxsplit=1)[0]


def _split(field: str) -> list[str]:
    return [part.strip() for part in field.split(",") if part.strip()]


def _action(path: Path, number: int, value: str) -> int | None:
    if not value:
        return None
    if value not in {"1", "2", "3", "4", "5"}:
        raise ValueError(f"{path}, record {number}: action category {value!r} is not one of 1-5")
    return int(value)


def _session(path: Path, number: int, value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        raise ValueError(f"{path}, record {number}: session {value!r} is not a number")
    return int(value)

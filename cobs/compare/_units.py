"""Units of comparison: a document's recommendations, one per paragraph or per item.

A unit gathers what decides whether two recommendations are the same request:
its text (the chapeau and the actions of the paragraph or item), the articles
and theme it is filed under, the earlier COs and paragraphs it cites, its
strongest operative verb, and (optionally) the concern paragraph just before it,
which often names what a short recommendation refers to ("this matter", "these
guidelines"). A CO's unit has the UPR Info issues of its theme
(``cobs/data/theme_issues.csv``); a UPR recommendation's are read from its words
(:mod:`cobs.compare._issues`), whatever its source.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

from cobs.compare._issues import predict_issues
from cobs.measures import STRENGTH_DTYPE, concern_before
from cobs.reference import repetition_markers
from cobs.tables import conform

__all__ = ["UNIT_COLUMNS", "cited_paragraphs", "records", "units"]

UNIT_COLUMNS = ("symbol", "committee", "para", "sub", "ref", "heading", "text", "context", "verb", "strength",
                "articles", "theme", "cluster_id", "cited", "cites_previous", "persistence", "source", "instruments",
                "issues", "year", "session", "date", "groups")

_CITED = re.compile(r"^(?P<symbol>.+?)(?:, paras?\. (?P<paras>[\d, ]+))?$")
# "paragraph 14 (a) of its previous concluding observations", "paras. 7 and 15 of its previous concluding observations"
_PREVIOUS_PARAGRAPHS = re.compile(
    r"\b(?:paragraphs?|paras?\.)\s*(?P<paras>\d{1,3}(?:\s*\([a-z]\))?(?:\s*(?:,|and|-|–)\s*\d{1,3}(?:\s*\([a-z]\))?)*)"
    r"\s+of\s+(?:its|the(?:\s+Committee['’]s)?)\s+previous\s+concluding\s+observations",
    re.IGNORECASE,
)
# "its previous concluding observations (para. 15)", "previous recommendations (paras. 7 and 9)"
_PREVIOUS_THEN_PARAGRAPHS = re.compile(
    r"previous\s+(?:concluding\s+observations|recommendations?)\s*\((?:see\s+)?(?:paragraphs?|paras?\.)\s*"
    r"(?P<paras>\d{1,3}(?:\s*(?:,|and|-|–)\s*\d{1,3})*)\)",
    re.IGNORECASE,
)
# A CO under an older symbol with no State in it, cited with its paragraphs: "(CRC/C/15/Add.213, para. 23)",
# "E/C.12/1/Add.85, paras. 12 and 16" (cobs.measure's `previous` reads the symbols that name a State)
_LEGACY_CITED = re.compile(
    r"(?<![\w/.])(?P<symbol>(?:CRC|CCPR|CERD|CEDAW|CAT)/C/\d{1,3}/Add\.\d{1,3}|E/C\.12/1/Add\.\d{1,3})\s*,\s*"
    r"(?:paragraphs?|paras?\.)\s*(?P<paras>\d{1,3}(?:\s*\([a-z]\))?(?:\s*(?:,|and|-|–)\s*\d{1,3}(?:\s*\([a-z]\))?)*)")
_CITES_PREVIOUS = repetition_markers("cites_previous")  # cobs/data/repetition_markers.csv
# Instruments that cobs/data/instruments.csv does not see in a unit, read here for alignment only: a CO's bare "the
# Optional Protocol" is its own committee's (CRPD/C/NZL/CO/1, para. 6: "ratify the Optional Protocol as soon as is
# practicable"), and UPR recommendations name it by its acronym ("Ratify the OP-CRPD"; "OP-CPRD" in A/HRC/26/3).
_OWN_PROTOCOL = {"CRPD": "Optional Protocol to the CRPD"}
_BARE_PROTOCOL = re.compile(r"\b(?:the|its)\s+Optional\s+Protocol\b(?!\s+(?:to|on|of)\b)")
_PROTOCOL_ACRONYMS = ((re.compile(r"\bOP-?C(?:RP|PR)D\b"), "Optional Protocol to the CRPD"),)


def _numbers(text: str) -> list[int]:
    out: list[int] = []
    for first, dash, last in re.findall(r"(\d{1,3})(?:\s*\([a-z]\))?(?:\s*([-–])\s*(\d{1,3}))?", text):
        if dash and last and 0 <= int(last) - int(first) <= 20:
            out.extend(range(int(first), int(last) + 1))
        else:
            out.append(int(first))
    return out


def cited_paragraphs(text: str, previous: list[str] | None = None) -> list[tuple[str, int]]:
    """Earlier paragraphs a text cites, as (symbol, paragraph); symbol "" for "its previous concluding observations".

    ``previous`` holds what :func:`cobs.measure` found (``"CRPD/C/AZE/CO/1, para. 13"``).

    Examples
    --------
    >>> cited_paragraphs("with reference to recommendations made in paragraph 14 (a) of its previous concluding "
    ...                  "observations")
    [('', 14)]
    >>> cited_paragraphs("", ["CRPD/C/AZE/CO/1, para. 13"])
    [('CRPD/C/AZE/CO/1', 13)]
    >>> cited_paragraphs("coordination (CRC/C/15/Add.213, para. 12) and data (CRC/C/15/Add.213, paras. 16 and 17)")
    [('CRC/C/15/Add.213', 12), ('CRC/C/15/Add.213', 16), ('CRC/C/15/Add.213', 17)]
    """
    found: list[tuple[str, int]] = []
    for label in previous or []:
        m = _CITED.match(label)
        if m and m.group("paras"):
            found.extend((m.group("symbol"), n) for n in _numbers(m.group("paras")))
    for m in _LEGACY_CITED.finditer(text):
        found.extend((m.group("symbol"), n) for n in _numbers(m.group("paras")))
    for pattern in (_PREVIOUS_PARAGRAPHS, _PREVIOUS_THEN_PARAGRAPHS):
        for m in pattern.finditer(text):
            found.extend(("", n) for n in _numbers(m.group("paras")))
    return list(dict.fromkeys(found))


def _concern_before(paragraphs: pd.DataFrame) -> dict[int, str]:
    """For each recommendation paragraph, the concern paragraph just before it under the same heading.

    :func:`cobs.measure`'s rule (which reads it for ``persistence``), for the
    paragraph table of one document, keyed by paragraph.
    """
    recommendations = {int(para) for para in paragraphs.loc[paragraphs["kind"] == "recommendation", "para"]}
    return {int(para): text for (_, para), text in concern_before(conform(paragraphs)).items()
            if int(para) in recommendations}


def units(
    actions: pd.DataFrame,
    paragraphs: pd.DataFrame | None = None,
    *,
    unit: Literal["paragraph", "item"] = "paragraph",
    context: bool = False,
) -> pd.DataFrame:
    """The units of one document's measured action table (columns :data:`UNIT_COLUMNS`), in document order."""
    concern = _concern_before(paragraphs) if context and paragraphs is not None else {}
    columns = ["symbol", "committee", "para", "sub", "ref", "heading", "chapeau", "text", "verb", "strength", "notes",
               "previous", "articles", "theme", "cluster_id", "persistence", "source", "instruments", "year",
               "session", "groups"]
    issues_of = theme_issues()
    rows = records(actions, [c for c in columns if c in actions.columns])
    groups: dict[tuple[int, str], list[dict[str, object]]] = {}
    for row in rows:
        groups.setdefault((int(row["para"]), str(row["sub"]) if unit == "item" else ""), []).append(row)
    rank = {name: k for k, name in enumerate(STRENGTH_DTYPE.categories)}
    out: list[dict[str, object]] = []
    for (para, sub), group in groups.items():
        first = group[0]
        pieces: list[str] = []
        for row in group:
            for piece in (_text(row["chapeau"]), _text(row["text"])):
                if piece and piece not in pieces:
                    pieces.append(piece)
        text = " ".join(pieces)
        strongest = max(group, key=lambda r: rank.get(r["strength"], -1) if isinstance(r["strength"], str) else -1)
        notes = [n for row in group for n in _list(row.get("notes"))]
        previous = [p for row in group for p in _list(row.get("previous"))]
        articles = sorted({a for row in group for a in _list(row.get("articles"))})
        themes = [t for row in group if (t := _text(row.get("theme")))]
        clusters = [c for row in group if (c := _text(row.get("cluster_id")))]
        full = " ".join([text, *dict.fromkeys(notes)])
        ref = str(first["ref"]) if unit == "item" or len(group) == 1 else _paragraph_ref(str(first["ref"]), para)
        out.append({
            "symbol": first["symbol"], "committee": first["committee"], "para": para, "sub": sub, "ref": ref,
            "heading": _text(first["heading"]), "text": text, "context": concern.get(para, ""),
            "verb": strongest["verb"], "strength": strongest["strength"], "articles": tuple(articles),
            "theme": themes[0] if themes else "", "cluster_id": clusters[0] if clusters else "",
            "cited": tuple(cited_paragraphs(full, previous)), "cites_previous": bool(_CITES_PREVIOUS.search(full)),
            "persistence": any(len(_list(row.get("persistence"))) for row in group),
            "source": first.get("source", pd.NA),
            "instruments": tuple(dict.fromkeys(i for row in group for i in _list(row.get("instruments")))),
            "issues": issues_of.get(themes[0] if themes else "", ()),
            "year": _number(first.get("year")), "session": _number(first.get("session")), "date": None,
            "groups": _union(row.get("groups") for row in group),  # the groups of persons of its actions
        })
    for unit_ in out:
        unit_["instruments"] = _more_instruments(unit_)
    upr = [k for k, unit in enumerate(out) if unit["committee"] == "UPR"]
    for k, issues in zip(upr, predict_issues(out[k]["text"] for k in upr), strict=True):
        out[k]["issues"] = issues  # read from the words, whatever the source (UPR Info's labels or none)
    table = pd.DataFrame.from_records(out, columns=list(UNIT_COLUMNS))
    table["strength"] = pd.Categorical(table["strength"], dtype=STRENGTH_DTYPE)
    table["para"] = table["para"].astype("int64")
    return table


def _more_instruments(unit: dict[str, object]) -> tuple[str, ...]:
    """The unit's instruments, with those named only by its committee's usage or an acronym (``_OWN_PROTOCOL``).

    >>> _more_instruments({"committee": "CRPD", "text": "ratify the Optional Protocol as soon as is practicable",
    ...                    "instruments": ()})
    ('Optional Protocol to the CRPD',)
    >>> _more_instruments({"committee": "UPR", "text": "Ratify the OP-CPRD and the OP-CRC-IC", "instruments": ()})
    ('Optional Protocol to the CRPD',)
    """
    found = list(unit["instruments"])  # type: ignore[arg-type]
    text = str(unit["text"])
    own = _OWN_PROTOCOL.get(str(unit["committee"]))
    if own and _BARE_PROTOCOL.search(text):
        found.append(own)
    found.extend(name for pattern, name in _PROTOCOL_ACRONYMS if pattern.search(text))
    return tuple(dict.fromkeys(found))


@functools.cache
def theme_issues() -> dict[str, tuple[str, ...]]:
    """Theme of cobs/data/themes.csv -> the UPR Info issues of cobs/data/theme_issues.csv."""
    from cobs.reference import read_rows

    return {row["theme"]: tuple(i for i in row["issues"].split("|") if i) for row in read_rows("theme_issues.csv")}


def records(table: pd.DataFrame, columns: list[str] | None = None) -> list[dict[str, object]]:
    """The rows of a table as dicts: ``to_dict("records")``, many times faster on Arrow-backed string columns."""
    columns = list(table.columns) if columns is None else columns
    values = [table[c].tolist() for c in columns]
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


def _number(value: object) -> int | None:
    """An integer cell as int: None for a missing value."""
    return None if value is None or pd.isna(value) else int(value)


def _text(value: object) -> str:
    """A text cell as str: "" for a missing value."""
    return value if isinstance(value, str) else ""


def _list(value: object) -> list:
    """A list cell as a list: [] for a missing value."""
    return list(value) if isinstance(value, (list, tuple, np.ndarray)) else []


def _union(lists: Iterable[object]) -> list[str]:
    """The groups of persons of a unit's actions, each once, in the order of cobs.reference.GROUPS."""
    from cobs.reference import GROUPS

    found = {g for value in lists for g in _list(value)}
    return [g for g in GROUPS if g in found] + sorted(found - set(GROUPS))


def _paragraph_ref(item_ref: str, para: int) -> str:
    """"CRC/C/KAZ/CO/4, para. 29 (a)" -> "CRC/C/KAZ/CO/4, para. 29"."""
    return re.sub(r"\s*\([a-z]{1,2}\)$", "", item_ref) if f"para. {para}" in item_ref else item_ref

"""Units of comparison: a document's recommendations, one per paragraph or per item.

A unit gathers what decides whether two recommendations are the same request:
its text (the chapeau and the actions of the paragraph or item), the articles
and theme it is filed under, the earlier COs and paragraphs it cites, its
strongest operative verb, and (optionally) the concern paragraph just before it,
which often names what a short recommendation refers to ("this matter", "these
guidelines").
"""

from __future__ import annotations

import re
from typing import Literal

import pandas as pd

from cobs.measures import STRENGTH_DTYPE

__all__ = ["UNIT_COLUMNS", "cited_paragraphs", "units"]

UNIT_COLUMNS = ("symbol", "committee", "para", "sub", "ref", "heading", "text", "context", "verb", "strength",
                "articles", "theme", "cluster_id", "cited", "cites_previous", "persistence", "source")

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
_CITES_PREVIOUS = re.compile(r"previous\s+(?:concluding\s+observations|recommendations?)", re.IGNORECASE)


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
    """
    found: list[tuple[str, int]] = []
    for label in previous or []:
        m = _CITED.match(label)
        if m and m.group("paras"):
            found.extend((m.group("symbol"), n) for n in _numbers(m.group("paras")))
    for pattern in (_PREVIOUS_PARAGRAPHS, _PREVIOUS_THEN_PARAGRAPHS):
        for m in pattern.finditer(text):
            found.extend(("", n) for n in _numbers(m.group("paras")))
    return list(dict.fromkeys(found))


def _concern_before(paragraphs: pd.DataFrame) -> dict[int, str]:
    """For each recommendation paragraph, the concern paragraph just before it under the same heading."""
    own = paragraphs[paragraphs["sub"].fillna("") == ""]
    texts = paragraphs.groupby("para", sort=False)["text"].agg(" ".join).to_dict()
    out: dict[int, str] = {}
    rows = own[["para", "kind", "heading"]].to_dict("records")
    for before, row in zip(rows, rows[1:], strict=False):
        if row["kind"] == "recommendation" and before["kind"] == "concern" and before["heading"] == row["heading"]:
            out[int(row["para"])] = str(texts[before["para"]])
    return out


def units(
    actions: pd.DataFrame,
    paragraphs: pd.DataFrame | None = None,
    *,
    level: Literal["paragraph", "item"] = "paragraph",
    context: bool = False,
) -> pd.DataFrame:
    """The units of one document's measured action table (columns :data:`UNIT_COLUMNS`), in document order."""
    keys = ["para"] if level == "paragraph" else ["para", "sub"]
    concern = _concern_before(paragraphs) if context and paragraphs is not None else {}
    records = []
    acts = actions.reset_index(drop=True)
    codes = pd.Series(pd.Categorical(acts["strength"], dtype=STRENGTH_DTYPE).codes, index=acts.index)
    for key, group in acts.groupby(keys, sort=False):
        para = int(key[0] if isinstance(key, tuple) else key)
        sub = str(key[1]) if level == "item" else ""
        first = group.iloc[0]
        pieces = []
        for chapeau, text in zip(group["chapeau"].fillna(""), group["text"].fillna(""), strict=True):
            for piece in (chapeau, text):
                if piece and piece not in pieces:
                    pieces.append(piece)
        text = " ".join(pieces)
        strongest = codes[group.index].idxmax() if (codes[group.index] >= 0).any() else group.index[0]
        notes = [n for ns in group["notes"] if ns is not None for n in ns] if "notes" in group else []
        previous = [p for ps in group["previous"] if ps is not None for p in ps]
        articles = sorted({a for arts in group["articles"] if arts is not None for a in arts})
        themes = [t for t in group["theme"].fillna("") if t]
        clusters = [c for c in group["cluster_id"].fillna("") if c]
        full = " ".join([text, *dict.fromkeys(notes)])
        ref = str(first["ref"]) if level == "item" or len(group) == 1 else _paragraph_ref(str(first["ref"]), para)
        records.append({
            "symbol": first["symbol"], "committee": first["committee"], "para": para, "sub": sub, "ref": ref,
            "heading": first["heading"] if pd.notna(first["heading"]) else "", "text": text,
            "context": concern.get(para, ""), "verb": acts.at[strongest, "verb"],
            "strength": acts.at[strongest, "strength"], "articles": tuple(articles),
            "theme": themes[0] if themes else "", "cluster_id": clusters[0] if clusters else "",
            "cited": tuple(cited_paragraphs(full, previous)), "cites_previous": bool(_CITES_PREVIOUS.search(full)),
            "persistence": any(len(p) for p in group["persistence"] if p is not None),
            "source": first["source"] if "source" in group.columns else pd.NA,
        })
    out = pd.DataFrame.from_records(records, columns=list(UNIT_COLUMNS))
    out["strength"] = pd.Categorical(out["strength"], dtype=STRENGTH_DTYPE)
    out["para"] = out["para"].astype("int64")
    return out


def _paragraph_ref(item_ref: str, para: int) -> str:
    """"CRC/C/KAZ/CO/4, para. 29 (a)" -> "CRC/C/KAZ/CO/4, para. 29"."""
    return re.sub(r"\s*\([a-z]{1,2}\)$", "", item_ref) if f"para. {para}" in item_ref else item_ref

"""OHCHR's thematic lists of UPR recommendations, with the labels of the Universal Human Rights Index.

After each Universal Periodic Review, OHCHR publishes for the State a *thematic
list of recommendations* (Word): a table with one row per recommendation, under
"Theme: ..." rows, giving its text with the recommending State(s), where the
State's position is recorded ("Source of position: A/HRC/28/15/Add.1 - Para. 3"),
the position (Supported, Noted), and the labels OHCHR gave it: its themes and
then, by year,

* 2014 (UPR 20): the themes with their old UHRI codes ("A12 Acceptance of
  international norms") and "Affected persons:" ("- women", "- general");
* 2019 (UPR 34): "- " themes, "SDGs:" ("- 16 - PEACE, JUSTICE AND STRONG
  INSTITUTIONS") and "Affected persons:";
* 2025 (UPR 48): themes, "Groups of Persons:" and, in a fourth column "Relevant
  SDGs", the goals.

:func:`read_thematic_list` reads the Word file, or a plain-text extraction of it
(one line per paragraph of each cell, as ``../shared/data/slovenia-upr-tracker``
has them, XML entities such as ``&amp;`` included), into one row per
recommendation (:data:`cobs.columns.THEMATIC_LIST_COLUMNS`).
"""

from __future__ import annotations

import html
import io
import os
import re
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd

from cobs.columns import DTYPES, THEMATIC_LIST_COLUMNS
from cobs.errors import (
    CobsError,
    DamagedDocumentError,
    DocumentError,
    EmptyDocumentError,
    ParseError,
    UnsupportedFormatError,
)
from cobs.read._docx import W, check_zip
from cobs.read._raw import sniff_format
from cobs.reference import goal_name, group_name, state_code

__all__ = ["read_thematic_list"]

_NUMBER = re.compile(r"^\s*(\d{1,3}\.\d{1,3})\s+(\S.*)$", re.DOTALL)
_HEADING = re.compile(r"^\s*Theme:\s*(.+?)\s*$")
_SOURCE = re.compile(r"^\s*Source of position:\s*(.*?)\s*$", re.IGNORECASE)
_GOAL = re.compile(r"^\s*-?\s*(\d{1,2})\s+-\s+([A-Z][A-Z ,'-]+?)\s*$")
_LABEL_HEADS = {"affected persons": "groups", "groups of persons": "groups", "sdgs": "sdgs",
                "relevant sdgs": "sdgs"}
_TITLE = re.compile(
    r"UPR\s+of\s+(?P<state>.+?)\s*\(\s*(?P<cycle>\d+)\s*(?:st|nd|rd|th)\s+Cycle\s*[-–—]\s*(?P<session>\d+)\s*"
    r"(?:st|nd|rd|th)\s+[Ss]ession\s*\)")
_HEADER_ROW = re.compile(r"^\s*Recommendation\b")


def read_thematic_list(path: str | os.PathLike[str]) -> pd.DataFrame:
    r"""The recommendations of an OHCHR thematic list, one row each, with OHCHR's themes, groups and SDGs.

    Parameters
    ----------
    path : str or path
        The thematic list as OHCHR publishes it (Word, ``.docx``) or its text, one
        line per paragraph of each table cell (UTF-8).

    Returns
    -------
    pandas.DataFrame
        One row per recommendation, in the order of the list (columns
        :data:`cobs.columns.THEMATIC_LIST_COLUMNS`): ``state`` and ``session``
        (from the Word file's page header "UPR of Slovenia (2nd Cycle – 20th
        session)"; missing for a text file, which has no header), ``heading`` (the
        "Theme:" row it is listed under), ``number`` ("115.1"), ``recommendation`` (as
        printed, with the recommending States), ``position_source``
        ("A/HRC/28/15/Add.1 - Para. 3"), ``response`` (the State's position:
        "Supported", "Noted"), ``themes`` (list, as printed),
        ``affected_persons`` (list: the groups as printed, "general" included),
        ``groups`` (list: the same groups in OHCHR's 2025 spelling,
        :func:`cobs.reference.group_name`; "general" names none) and ``sdgs``
        (list of goals 1-17; empty in the 2014 list, which gives none).

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    cobs.errors.DocumentError
        If the file is not a thematic list (no recommendation rows), a Word file is
        damaged, or a recommendation lacks its position or carries a label cobs does
        not know (:class:`cobs.errors.ParseError`, with the line or table row).

    Examples
    --------
    >>> import os, tempfile
    >>> from cobs.read import read_thematic_list
    >>> path = os.path.join(tempfile.mkdtemp(), "list.txt")
    >>> with open(path, "w", encoding="utf-8") as f:
    ...     _ = f.write("Theme: Acceptance of international norms\n"
    ...                 "121.1 Ratify the International Convention for the Protection of All Persons from "
    ...                 "Enforced Disappearance (France) (Lithuania);\n"
    ...                 "Source of Position: A/HRC/43/15 - Para 121\nSupported\n"
    ...                 "- Acceptance of international norms\n- Enforced disappearances\nSDGs:\n"
    ...                 "- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS\nAffected persons:\n- Disappeared persons\n")
    >>> recs = read_thematic_list(path)
    >>> recs.loc[0, ["number", "response", "groups", "sdgs"]].tolist()
    ['121.1', 'Supported', ['Disappeared persons'], [16]]
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no such file {os.fspath(path)!r}; give an OHCHR thematic list of recommendations "
                                "(.docx, or its text)")
    data = path.read_bytes()
    if not data.strip():
        raise EmptyDocumentError(path, "the file is empty", language="")
    kind = sniff_format(data)
    if kind == "docx":
        records, meta = _docx_records(path, data)
    elif kind == "txt":
        records, meta = _text_records(path, data), {}
    else:
        raise UnsupportedFormatError(path, f"a thematic list is read from its Word file (.docx) or its text, "
                                     f"not from a {kind} file")
    rows = [_parse(path, record) for record in records]
    if not rows:
        raise DocumentError(path, "not an OHCHR thematic list of recommendations: no row starts with a "
                            "recommendation's number ('115.1 ...') followed by its position")
    table = pd.DataFrame(rows, columns=[c for c in THEMATIC_LIST_COLUMNS if c not in ("state", "session")])
    table.insert(0, "session", pd.array([meta.get("session")] * len(table), dtype="Int64"))
    table.insert(0, "state", pd.array([meta.get("state")] * len(table), dtype="string"))
    return table.astype({c: DTYPES.get(c, "string") for c in THEMATIC_LIST_COLUMNS})


class _Record:
    """One recommendation's lines, with where it starts (a text line or a table row) for errors."""

    def __init__(self, heading: str | None, lines: list[str], cells: list[list[str]] | None, where: dict[str, int]):
        self.heading = heading
        self.lines = lines  # text and source (docx: the first cell), then position and labels (txt: all)
        self.cells = cells
        self.where = where


def _docx_records(path: Path, data: bytes) -> tuple[list[_Record], dict[str, object]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        check_zip(archive, path)
        try:
            document = archive.read("word/document.xml")
        except KeyError:
            raise UnsupportedFormatError(path, "the file is a zip archive but not a Word document "
                                         "(no word/document.xml)") from None
        root = ElementTree.fromstring(document)
        headers = [ElementTree.fromstring(archive.read(n)) for n in sorted(archive.namelist())
                   if re.fullmatch(r"word/header\d*\.xml", n)]
    except CobsError:
        raise
    except (zipfile.BadZipFile, ElementTree.ParseError, zlib.error, EOFError, KeyError, ValueError) as exc:
        raise DamagedDocumentError(path, f"the Word file is damaged ({type(exc).__name__}: {exc})") from None
    records: list[_Record] = []
    heading = None
    for number, row in enumerate(root.iter(W + "tr"), start=1):
        cells = [[_paragraph_text(p) for p in cell.iter(W + "p")] for cell in row.findall(W + "tc")]
        texts = [[t for t in cell if t.strip()] for cell in cells]
        first = texts[0][0] if texts and texts[0] else ""
        if len(cells) == 1 and _HEADING.match(first):
            heading = html.unescape(_HEADING.match(first).group(1))
        elif _NUMBER.match(first) and len(cells) >= 2:
            records.append(_Record(heading, texts[0], texts[1:], {"row": number}))
    return records, _title(headers)


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    return "".join(node.text or "" for node in paragraph.iter(W + "t"))


def _title(headers: list[ElementTree.Element]) -> dict[str, object]:
    """State, cycle and session from the page header ("UPR of Slovenia (2nd Cycle – 20th session)")."""
    for header in headers:
        text = " ".join(_paragraph_text(p) for p in header.iter(W + "p"))
        match = _TITLE.search(" ".join(text.split()))
        if match:
            try:
                state = state_code(match.group("state"))
            except ValueError:
                state = None
            return {"state": state, "session": int(match.group("session"))}
    return {}


def _text_records(path: Path, data: bytes) -> list[_Record]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnsupportedFormatError(path, "the text is not UTF-8: give the Word file, or its text in UTF-8") from None
    records: list[_Record] = []
    heading = None
    current: list[str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _HEADING.match(line)
        if match:
            heading, current = html.unescape(match.group(1)), None
        elif _NUMBER.match(line):
            current = [line]
            records.append(_Record(heading, current, None, {"line": number}))
        elif current is not None:
            current.append(line)
    return records


def _parse(path: Path, record: _Record) -> dict[str, object]:
    lines = [html.unescape(line).strip() for line in record.lines]
    source_at = next((i for i, line in enumerate(lines) if _SOURCE.match(line)), None)
    if source_at is None:
        raise _fail(path, record, f"recommendation {lines[0][:40]!r}... has no 'Source of position:' line")
    text = " ".join(lines[:source_at])
    number, recommendation = _NUMBER.match(text).groups()
    source = _SOURCE.match(lines[source_at]).group(1)
    if record.cells is None:  # text: the position is the next line, the labels follow
        rest = lines[source_at + 1:]
        position, labels = (rest[0], rest[1:]) if rest else ("", [])
    else:  # Word: the position cell, then the label cells (a fourth may hold the SDGs, or comments)
        position = " ".join(html.unescape(t).strip() for t in record.cells[0])
        labels = [html.unescape(t).strip() for cell in record.cells[1:] for t in cell]
        labels += lines[source_at + 1:]
    if not position:
        raise _fail(path, record, f"recommendation {number} has no position (Supported, Noted)")
    found: dict[str, list] = {"themes": [], "groups": [], "sdgs": []}
    section = "themes"
    for label in labels:
        head = label.rstrip(":").strip().casefold()
        if label.endswith(":") and head in _LABEL_HEADS:
            section = _LABEL_HEADS[head]
            continue
        goal = _GOAL.match(label)
        if goal:
            found["sdgs"].append(_goal(path, record, number, int(goal.group(1)), goal.group(2)))
            continue
        item = label[1:].strip() if label.startswith("-") else label
        if section == "sdgs":
            raise _fail(path, record, f"recommendation {number}: {label!r} under 'SDGs:' is not a goal "
                        "('16 - PEACE, JUSTICE AND STRONG INSTITUTIONS')")
        found[section].append(item)
    try:
        groups = [g for g in (group_name(label) for label in found["groups"]) if g is not None]
    except ValueError as exc:
        raise _fail(path, record, f"recommendation {number}: {exc}") from None
    return {"heading": record.heading, "number": number, "recommendation": recommendation.strip(),
            "position_source": source, "response": position, "themes": found["themes"],
            "affected_persons": found["groups"], "groups": list(dict.fromkeys(groups)),
            "sdgs": sorted(set(found["sdgs"]))}


def _goal(path: Path, record: _Record, number: str, goal: int, name: str) -> int:
    try:
        known = goal_name(goal)
    except ValueError:
        raise _fail(path, record, f"recommendation {number}: SDG {goal} does not exist (goals are 1-17)") from None
    if " ".join(name.split()) != known:
        raise _fail(path, record, f"recommendation {number}: SDG {goal} is printed {name!r}; its name is {known!r}")
    return goal


def _fail(path: Path, record: _Record, message: str) -> ParseError:
    """A ParseError at the recommendation's text line, or (Word) naming its table row."""
    if "row" in record.where:
        return ParseError(path, f"table row {record.where['row']}: {message}")
    return ParseError(path, message, line=record.where["line"])

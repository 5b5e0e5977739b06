"""Numbered paragraphs, lettered sub-paragraphs and the headings above them.

The grammar of a concluding observations document, as the parser reads it:

* the **title** is everything before the first section heading or paragraph 1;
* a **section** heading has a roman numeral ("III. Main areas of concern and
  recommendations"); in older documents whose first heading is lettered
  ("A. Introduction"), the lettered headings are the sections;
* a **cluster** heading has a letter under a roman section ("C. Violence against
  children (arts. 19, ...)"), or a number under a lettered section ("1. General
  measures of implementation (...)");
* a **heading** is an unnumbered subheading ("Corporal punishment");
* a **paragraph** starts with the next number ("29. "); a **sub-paragraph**
  starts with the next letter of its paragraph ("(c) ") at the start of a line.

Numbers and letters are only taken when they are the next ones expected, so a
year at the start of a line ("2008. The ...") or a citation wrapped onto a new
line ("(a) and 39)") is read as text. Heading lines are recognised by what
follows them (the next paragraph number), by not ending like a sentence, and
by following the end of a sentence; a heading that wraps over several lines is
joined again ("... 20-" + "21, 25 and 27 (4))").
"""

from __future__ import annotations

import dataclasses
import re

from cobs.read import Aside, Line
from cobs.reference import alternatives, word_list
from cobs.structure._kind import section_kind
from cobs.structure._rows import Row, join_lines

_PARA = re.compile(r"^(\d{1,3})\.(?:\s+|(?=[A-Z“\"‘(]))")
_ITEM = re.compile(r"^\(([a-z]{1,2})\)(?:\s+|(?=[A-Z“\"‘]))")
_MARKED = re.compile(r"^(?P<num>[IVXL]{1,6}|[A-Z]|\d{1,2})\.\s*(?P<title>[A-Z“\"‘].*)$")
_ROMAN = re.compile(r"^(?=[IVXL])L?X{0,3}(?:IX|IV|V?I{0,3})$")
_ENDS_SENTENCE = re.compile(r"[.;:!?][”’\"')\]]*$|\)$")
_NOT_HEADING_END = re.compile(r"(?<!\bart)(?<!\barts)(?<!\bpara)(?<!\bparas)(?<!\bNo)(?<!\bNos)[.;:,]$")
_FUNCTION_WORD_END = re.compile(  # a heading line that goes on: cobs/data/heading_continues.csv, or - – , (
    rf"(?:\b(?:{alternatives(word_list('heading_continues.csv', 'word'))})|[-–,(])$", re.IGNORECASE)
_REFERENCE_END = re.compile(
    r"(?:\d|\b(?:arts?\.|articles?|paras?\.|paragraphs?|subparagraphs?|rules?|principles?|targets?|No\.|and|or))$",
    re.IGNORECASE,
)
_ARTICLE_HEADING = re.compile(r"^[A-Z].{0,150}\(arts?\.\s*\d[\d\s,–\-()a-z]*\)$")
_GLUED_MARKER = re.compile(r"(?<=[;:.,)”’])\d{1,3}$")
_TAIL = re.compile(  # text after the items that is the paragraph's own again: cobs/data/paragraph_tail_openings.csv
    "^(?:" + "|".join(map(re.escape, word_list("paragraph_tail_openings.csv"))) + r")\b")  # as printed
_INTRODUCTION_GLUED = re.compile(r"^(Introduction)(?=[A-Z])")
_CLUSTER_ARTICLES = re.compile(r"\(arts?\.\s*\d")
"""A cluster heading that lists the treaty's articles: "Violence against children (arts. 19, 24 (3) ...)"."""
_MAX_HEADING_LINES = 6


@dataclasses.dataclass
class Structure:
    """The structure read from a document's body lines.

    Attributes
    ----------
    rows : list of Row
        Paragraph rows in document order.
    aside : list of Aside
        Title and heading lines (roles ``title``, ``section``, ``cluster``, ``heading``).
    marker_rows : dict
        Footnote label -> (para, sub) of the row whose text carried its marker
        (para is None for a marker in the title).
    suspicious : list of tuple
        (page, line number, paragraph number) of lines that looked like paragraph
        starts but broke the numbering.
    last_text : str
        The last line of paragraph text, in document order (text after the items
        of a paragraph is added to the paragraph's own row, not the last item's).
    """

    rows: list[Row]
    aside: list[Aside]
    marker_rows: dict[str, tuple[int | None, str]]
    suspicious: list[tuple[int | None, int | None, int]]
    last_text: str = ""


def _next_letter(sub: str) -> str:
    if not sub:
        return "a"
    if sub[-1] != "z":
        return sub[:-1] + chr(ord(sub[-1]) + 1)
    return "a" * (len(sub) + 1)


def _to_roman(number: int) -> str:
    out = ""
    for value, numeral in ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out += numeral
            number -= value
    return out


class _Parser:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.rows: list[Row] = []
        self.aside: list[Aside] = []
        self.marker_rows: dict[str, tuple[int | None, str]] = {}
        self.suspicious: list[tuple[int | None, int | None, int]] = []
        self.para = 0
        self.section = ""
        self.opened = False  # has a section or cluster heading been read?
        self.cluster = ""
        self.heading = ""
        self.sections_seen = 0
        self.top_style = ""  # "roman" or "letter": what marks a section in this document
        self.last_cluster = ""
        self.in_title = True
        self.para_row: Row | None = None  # the current paragraph's own row
        self.current: Row | None = None  # the row receiving text
        self.last_text = ""  # the last body or heading line, to see whether a sentence ended
        self.last_body = ""  # the last line of paragraph text

    # -- recognisers ----------------------------------------------------------------
    def _para_number(self, text: str) -> int | None:
        match = _PARA.match(text)
        if match and int(match.group(1)) == self.para + 1:
            return self.para + 1
        return None

    def _item_letter(self, text: str) -> str | None:
        if self.para_row is None:
            return None
        match = _ITEM.match(text)
        if not match:
            return None
        expected = _next_letter(self.rows[-1].sub if self.rows[-1].para == self.para else "")
        if match.group(1) != expected:
            return None
        last = _GLUED_MARKER.sub("", self.last_text)  # "disability;6": a footnote marker, not a reference
        if _REFERENCE_END.search(last) and not last.endswith((" and", " or")):
            return None
        return expected

    def _heading_level(self, text: str) -> str:
        """'section', 'cluster' or 'heading' for a heading's first line."""
        match = _MARKED.match(text)
        if not match:
            return "heading"
        num = match.group("num")
        next_cluster = chr(ord(self.last_cluster) + 1) if self.last_cluster else "A"
        if num.isdigit():  # "1. General measures of implementation (arts. ...)": numbered clusters
            return "cluster"
        if len(num) == 1 and self.top_style == "roman" and num == next_cluster:
            return "cluster"
        if _ROMAN.match(num) and (self.top_style in ("", "roman")) and (
            num == _to_roman(self.sections_seen + 1) or len(num) > 1 or self.top_style == ""
        ):
            return "section"
        if len(num) == 1:
            return "cluster" if self.top_style == "roman" else "section"
        return "heading"

    def _heading_block(self, i: int) -> int | None:
        """If lines[i:j] are heading lines followed by the next paragraph, return j."""
        first = self.lines[i].text
        if not first[:1].isupper() and first[:1] not in "“\"‘" and not _MARKED.match(first):
            return None
        strong = _MARKED.match(first) is not None and self._heading_level(first) != "heading"
        if not strong and not self.in_title:  # "Habilitation and rehabilitation (art. 26)" after a paragraph
            end = next((k for k in range(i, min(i + 3, len(self.lines)))
                        if _ARTICLE_HEADING.search(self.lines[k].text)), None)
            after = self.lines[end + 1].text if end is not None and end + 1 < len(self.lines) else ""
            strong = end is not None and self._para_number(after) is not None
        if self.in_title and not strong:
            return None  # title lines until the first section heading or paragraph 1
        if not strong and not _ENDS_SENTENCE.search(self.last_text):
            return None
        j = i
        while j < len(self.lines) and j - i < _MAX_HEADING_LINES:
            text = self.lines[j].text
            if self._para_number(text) is not None:
                break
            if j > i and _ITEM.match(text):
                before = self.lines[j - 1].text
                if before.count("(") <= before.count(")") and not _REFERENCE_END.search(before):
                    return None  # an item, so these lines are paragraph text, not headings
            j += 1
        else:
            return None
        if j == len(self.lines) or j == i:
            return None
        if any(_NOT_HEADING_END.search(self.lines[k].text) for k in range(i, j)):
            return None
        return j

    # -- actions ------------------------------------------------------------------
    def _start_row(self, line: Line, para: int, sub: str, text: str) -> None:
        row = Row(para, sub, self.section, self.cluster, self.heading, line.page, line.lineno, self.opened)
        self.rows.append(row)
        if not sub:
            self.para_row = row
        self.current = row
        self._add(row, line, text)

    def _add(self, row: Row, line: Line, text: str) -> None:
        row.parts.append(text)
        self.last_body = text
        row.n_chars += line.n_chars
        if line.n_bold is not None:
            row.n_bold = (row.n_bold or 0) + line.n_bold
        for marker in line.markers:
            self.marker_rows.setdefault(marker, (row.para, row.sub))
        self.last_text = text.rstrip()

    def _emit_headings(self, block: list[Line]) -> None:
        groups: list[list[Line]] = []
        for line in block:
            text = line.text
            if groups:
                previous = join_lines([ln.text for ln in groups[-1]])
                balanced = previous.count("(") <= previous.count(")")
                runs_on = (
                    not balanced
                    or _FUNCTION_WORD_END.search(previous) is not None
                    or not text[:1].isupper()
                )
                marked = _MARKED.match(text) is not None and self._heading_level(text) != "heading"
                if runs_on and not marked:
                    groups[-1].append(line)
                    continue
            groups.append([line])
        for group in groups:
            text = join_lines([ln.text for ln in group])
            level = self._heading_level(text)
            if level == "section":
                self.top_style = self.top_style or ("roman" if _ROMAN.match(_MARKED.match(text)["num"]) else "letter")
                self.sections_seen += 1
                self.section, self.cluster, self.heading = _title(text), "", ""
                self.last_cluster = ""
                self.opened = True
            elif level == "cluster":
                self.cluster, self.heading = _title(text), ""
                num = _MARKED.match(text)["num"]
                self.last_cluster = num if not num.isdigit() else self.last_cluster
                if _CLUSTER_ARTICLES.search(self.cluster) and section_kind(self.section) in ("intro", "positive"):
                    # "A. General principles and obligations (arts. 1-4)" under "II. Positive aspects": the
                    # heading of the main section is missing (or misprinted); the introduction and the positive
                    # aspects have ended, whatever the last section heading said
                    self.section = ""
                self.opened = True
            else:
                self.heading = text
            for ln in group:
                self.aside.append(Aside(level, ln.text, ln.page, ln.lineno))
                for marker in ln.markers:
                    self.marker_rows.setdefault(marker, (None, ""))
            self.last_text = text
        self.in_title = False

    def run(self) -> Structure:
        lines = self.lines
        i = 0
        while i < len(lines):
            line = lines[i]
            text = line.text
            # a line that opens with a small letter goes on with the text: it is no paragraph number, item, heading
            # or broken numbering, and is not asked whether it is (most lines of a CO: a third of the parse's time)
            goes_on = text[:1].islower()
            number = None if goes_on else self._para_number(text)
            if number is not None:
                body = text[_PARA.match(text).end() :]
                glued = _INTRODUCTION_GLUED.match(body) if number == 1 and not self.section else None
                if glued:  # "1. IntroductionThe Committee ...": the heading lost its line break
                    word = glued.group(1)
                    self.aside.append(Aside("section", word, line.page, line.lineno))
                    self.section, self.sections_seen, self.top_style = word, 1, "roman"
                    self.opened = True
                    body = body[glued.end() :]
                    bold = None if line.n_bold is None else max(0, line.n_bold - len(word))
                    line = dataclasses.replace(line, n_chars=line.n_chars - len(word), n_bold=bold)
                self.in_title = False
                self.para = number
                self._start_row(line, number, "", f"{number}. {body}")
                i += 1
                continue
            letter = self._item_letter(text) if not self.in_title and not goes_on else None
            if letter is not None:
                self._start_row(line, self.para, letter, text)
                i += 1
                continue
            end = None if goes_on else self._heading_block(i)
            if end is not None:
                self._emit_headings(lines[i:end])
                i = end
                continue
            if self.in_title or self.current is None:
                self.aside.append(Aside("title", text, line.page, line.lineno))
                for marker in line.markers:
                    self.marker_rows.setdefault(marker, (None, ""))
                i += 1
                continue
            if not goes_on:
                self._check_numbering(line)
            target = self.current
            if target.sub and _TAIL.match(text) and _ENDS_SENTENCE.search(self.last_text):
                target = self.para_row or target
                self.current = target
            self._add(target, line, text)
            i += 1
        return Structure(self.rows, self.aside, self.marker_rows, self.suspicious, " ".join(self.last_body.split()))

    def _check_numbering(self, line: Line) -> None:
        match = _PARA.match(line.text)
        if match and self.para + 1 < int(match.group(1)) <= self.para + 5 and _ENDS_SENTENCE.search(self.last_text):
            rest = line.text[match.end() :]
            if rest[:1].isupper():
                self.suspicious.append((line.page, line.lineno, int(match.group(1))))


def _title(text: str) -> str:
    """A section or cluster title without its numbering ("III. Main areas" -> "Main areas")."""
    match = _MARKED.match(text)
    return match.group("title").strip() if match else text.strip()


def read_structure(lines: list[Line]) -> Structure:
    """Read the paragraph structure of a document's body lines (see the module docstring)."""
    return _Parser(lines).run()

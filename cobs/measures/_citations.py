"""What a recommendation builds on: treaty articles, general comments, earlier COs, other instruments.

Each function reads one kind of citation from a text and returns canonical
strings, so that citations can be counted and compared across documents:

* ``articles``: "19", "24(3)", "37(a)" for "arts. 19, 24 (3) ... 37 (a)"; ranges are
  expanded ("arts. 28-31" -> 28, 29, 30, 31); articles of another instrument
  ("article 2 of the Optional Protocol", "article 33 of the Charter") are not the
  treaty's and are left out;
* ``general_comments``: "CRC general comment No. 13 (2011)"; a joint text gives one
  entry per committee ("CEDAW general recommendation No. 31 (2014)", "CRC general
  comment No. 18 (2014)");
* ``previous``: earlier COs cited by symbol, with the paragraphs named:
  "CRC/C/KAZ/CO/3, paras. 15, 17, 21";
* ``instruments``: the instruments and bodies of ``cobs/data/instruments.csv``;
* ``persistence``: the markers of a repeated concern or recommendation
  ("remains concerned", "reiterates", "previous recommendations").
"""

from __future__ import annotations

import functools
import re

from cobs.reference import CO_SYMBOL_IN_TEXT, find_committee, repetition_markers
from cobs.reference import instruments as lexicon_instruments

__all__ = ["articles", "general_comments", "previous", "instruments", "persistence"]

_PAREN = r"\s*\([^()]{1,15}\)"
_ONE = rf"\d{{1,3}}(?:{_PAREN})*(?:\s*[-–]\s*(?:\d{{1,3}}(?!\s*\()|\([^()]{{1,15}}\)))?"
_ARTICLE_REF = re.compile(
    rf"\b(?:arts?\.|articles?)\s+({_ONE}(?:\s*(?:,|and|to|&)\s*{_ONE})*)", re.IGNORECASE
)
_ONE_ARTICLE = re.compile(r"(\d{1,3})((?:\s*\([^()]{1,15}\))*)(?:\s*[-–]\s*(?:(\d{1,3})(?!\s*\()|\(([^()]{1,15})\)))?")
_OTHER_INSTRUMENT = re.compile(
    r"\s*(?:,\s*paragraph\s+\d+\s*,\s*)?(?:\([^)]*\)\s*)?of\s+the\s+(?!Convention\b(?!\s+(?:on|against|for|relating)))"
    r"(?:Optional\s+Protocol|Charter|Covenant|Statute|Constitution|Code|Law|Act|International|Council|Hague|"
    r"\d{4}|Protocol|Rome|Paris|[A-Z][a-z]+\s+Convention|Convention\s+(?:on|against|for|relating))",
)
_DOMESTIC_BEFORE = re.compile(  # "Civil Code (art. 39)", "the Constitution, article 25": a domestic text's articles
    r"\b(?:Code|Act|Law|Constitution|Decree|Regulations?|Ordinance|Statute)\b[^.;()]{0,30}?[(,]?\s*$"
)
_GC = re.compile(r"\b(?P<joint>joint\s+)?general\s+(?P<kind>comments?|recommendations?)\b", re.IGNORECASE)
_GC_ITEM = re.compile(
    r"\s*(?:,|and|as\s+well\s+as)?\s*(?:Nos?\.|numbers?)?\s*(?P<number>\d{1,3})\b(?:\s*\((?P<year>\d{4})\))?"
)
_GC_AFTER = re.compile(  # right after the numbers, or after its topic ("on female circumcision"), no comma between
    r"^\s*(?:on\s+[^,;()]{1,150}?\s+)?of\s+the\s+"
    r"(?P<body>(?:Human\s+Rights\s+Committee|(?:Sub)?[Cc]ommittee\s+(?:on|against|for)\s+[^;.()/,]{3,120}))"
)
_GC_BEFORE = re.compile(
    r"(?P<body>Human\s+Rights\s+Committee|(?:Sub)?[Cc]ommittee\s+(?:on|against|for)\s+[^.;]{3,120}?)"
    r"(?:['’]s|\s+in\s+its|,\s+in\s+its)\s+$"
)
_SPT = re.compile(r"Subcommittee\s+on\s+Prevention\s+of\s+Torture", re.IGNORECASE)
_YEAR = re.compile(r"\((\d{4})\)")
_PARAS = re.compile(r"\bparas?\.\s*(\d{1,3}(?:\s*(?:\([a-z]\))?\s*(?:,|and|-|–|to)\s*\d{1,3})*)", re.IGNORECASE)
_PERSISTENCE = repetition_markers("persistence")  # cobs/data/repetition_markers.csv


def _paragraphs(inside: str) -> list[str]:
    """The parts named in an article's parentheses: "1 and 2" -> 1, 2; "1-3" -> 1, 2, 3; "a" -> a.

    A year in parentheses ("guidelines on article 14 (2015)") names no part.
    """
    out: list[str] = []
    if re.fullmatch(r"\s*\d{4}\s*", inside):
        return out
    for piece in re.split(r"\s*(?:,|and)\s*", inside.strip()):
        span = re.fullmatch(r"(\w+)\s*[-–]\s*(\w+)", piece)
        if span and span.group(1).isdigit() and span.group(2).isdigit():
            out.extend(str(n) for n in range(int(span.group(1)), int(span.group(2)) + 1))
        elif span and len(span.group(1)) == len(span.group(2)) == 1:
            out.extend(chr(c) for c in range(ord(span.group(1)), ord(span.group(2)) + 1))
        elif piece:
            out.append(piece)
    return out


def _expand(spec: str) -> list[str]:
    out: list[str] = []
    for m in _ONE_ARTICLE.finditer(spec):
        first = int(m.group(1))
        parts = [p for inside in re.findall(r"\(([^()]*)\)", m.group(2)) for p in _paragraphs(inside)]
        if m.group(3):  # a range of articles: 28-31
            last = int(m.group(3))
            out.extend(str(n) for n in range(first, last + 1) if last - first < 40)
        elif m.group(4) and parts:  # 37 (b)-(d)
            out.extend(f"{first}({p})" for p in _paragraphs(f"{parts[-1]}-{m.group(4)}"))
        elif parts:
            out.extend(f"{first}({p})" for p in parts)
        else:
            out.append(str(first))
    return out


_LEADING_NUMBER = re.compile(r"\d+")


def article_key(article: str) -> tuple[int, str]:
    """Sort key of an article: "9" before "24(3)" before "24(4)"."""
    return int(_LEADING_NUMBER.match(article).group(0)), article


def articles(text: str) -> list[str]:
    """Treaty articles cited in a text (sorted, unique).

    Examples
    --------
    >>> articles("Violence against children (arts. 19, 24 (3), 28 (2), 34, 37 (a) and 39)")
    ['19', '24(3)', '28(2)', '34', '37(a)', '39']
    >>> articles("in accordance with article 3 of the Convention; articles 2 and 3 of the Optional Protocol")
    ['3']
    >>> articles("(arts. 28-31)")
    ['28', '29', '30', '31']
    """
    return list(_articles(text))


@functools.lru_cache(maxsize=16384)
def _articles(text: str) -> tuple[str, ...]:
    found: set[str] = set()
    for match in _ARTICLE_REF.finditer(text):
        if _OTHER_INSTRUMENT.match(text, match.end()) or _DOMESTIC_BEFORE.search(text, max(0, match.start() - 60),
                                                                                  match.start()):
            continue
        found.update(_expand(match.group(1)))
    return tuple(sorted(found, key=article_key))


def _issuing_body(name: str | None) -> str | None:
    if not name:
        return None
    if _SPT.search(name):
        return "SPT"
    return find_committee(" ".join(name.split()))


def general_comments(text: str, committee: str) -> list[str]:
    """General comments and recommendations cited in a text, as "CRC general comment No. 13 (2011)".

    The issuing body is the one named with the comment ("... of the Human Rights
    Committee", "the Subcommittee on Prevention of Torture in its general comment
    No. 1"), else the document's own committee. The year is given where the text
    gives it; :func:`cobs.measure` fills it in from other mentions.

    Examples
    --------
    >>> general_comments("In the light of its general comment No. 8 (2006) on the right of the child", "CRC")
    ['CRC general comment No. 8 (2006)']
    >>> general_comments("the joint general recommendation No. 31 of the Committee on the Elimination of "
    ...                  "Discrimination against Women/general comment No. 18 of the Committee on the Rights of "
    ...                  "the Child on harmful practices (2014)", "CRC")
    ['CEDAW general recommendation No. 31 (2014)', 'CRC general comment No. 18 (2014)']
    >>> general_comments("in accordance with general comments No. 34 (2011) and No. 37 (2020) of the Human "
    ...                  "Rights Committee", "CRPD")
    ['CCPR general comment No. 34 (2011)', 'CCPR general comment No. 37 (2020)']
    >>> general_comments("general recommendation No. 14 (1990) on female circumcision of the Committee on the "
    ...                  "Elimination of Discrimination against Women", "CRPD")
    ['CEDAW general recommendation No. 14 (1990)']
    """
    return list(_general_comments(text, committee))


@functools.lru_cache(maxsize=16384)
def _general_comments(text: str, committee: str) -> tuple[str, ...]:
    mentions = list(_GC.finditer(text))
    out: list[str] = []
    joint_year = None
    for k, m in enumerate(mentions):
        items, position = [], m.end()
        while True:
            item = _GC_ITEM.match(text, position)
            if not item:
                break
            items.append((item.group("number"), item.group("year")))
            position = item.end()
        if not items:
            continue
        limit = mentions[k + 1].start() if k + 1 < len(mentions) else len(text)
        window = text[position : min(limit, position + 200)]
        window = re.split(r"(?<=[.;])\s", window)[0]
        after = _GC_AFTER.search(window)
        before = _GC_BEFORE.search(text[max(0, m.start() - 200) : m.start()])
        body = _issuing_body(after.group("body") if after else None) or _issuing_body(
            before.group("body") if before else None) or committee
        if m.group("joint"):
            tail = _YEAR.search(text, position, position + 250)
            joint_year = tail.group(1) if tail else None
        kind = "general recommendation" if m.group("kind").lower().startswith("recommendation") else "general comment"
        for number, year in items:
            after_slash = text[max(0, m.start() - 3) : m.start()].strip().endswith("/")
            if year is None and joint_year and (m.group("joint") or after_slash):
                year = joint_year
            label = f"{body} {kind} No. {number}" + (f" ({year})" if year else "")
            if label not in out:
                out.append(label)
    return tuple(out)


def previous(text: str, own_symbol: str = "") -> list[str]:
    """Earlier COs cited by symbol, with the paragraphs named: "CRC/C/KAZ/CO/3, paras. 15, 17".

    Paragraphs are those named after the symbol in the same sentence ("(para. 15)",
    "paras. 7 and 15"), before the next symbol.

    Examples
    --------
    >>> previous("(see CRC/C/OPAC/KAZ/CO/1, paras. 7 and 15), in particular")
    ['CRC/C/OPAC/KAZ/CO/1, paras. 7, 15']
    """
    out: list[str] = []
    symbols = [m for m in CO_SYMBOL_IN_TEXT.finditer(text) if m.group(0) != own_symbol]
    for k, m in enumerate(symbols):
        end = symbols[k + 1].start() if k + 1 < len(symbols) else len(text)
        sentence_end = re.search(r"\.\s+[A-Z]", text[m.end() : end])
        stretch = text[m.end() : m.end() + sentence_end.start() if sentence_end else end]
        paras: list[int] = []
        for p in _PARAS.finditer(stretch):
            for first, dash, last in re.findall(r"(\d{1,3})(?:\s*(?:\([a-z]\))?\s*([-–]|to)\s*(\d{1,3}))?", p.group(1)):
                if dash and last:
                    paras.extend(range(int(first), int(last) + 1))
                else:
                    paras.append(int(first))
        label = m.group(0)
        if paras:
            named = list(dict.fromkeys(paras))
            label += (", para. " if len(named) == 1 else ", paras. ") + ", ".join(str(p) for p in named)
        if label not in out:
            out.append(label)
    return out


def instruments(text: str) -> list[str]:
    """Instruments and bodies of ``cobs/data/instruments.csv`` named in a text (first mention order).

    Overlapping names count once, the longest ("Optional Protocol to the Convention on
    the Rights of the Child on the sale of children" is not also the Convention).

    Examples
    --------
    >>> instruments("ratify the Optional Protocol on a communications procedure and the Paris Principles")
    ['Optional Protocol on a communications procedure (CRC)', 'Paris Principles']
    """
    lowered = text.lower()
    spans = []
    for pattern, name, _, keywords in lexicon_instruments():
        if any(k in lowered for k in keywords):
            spans.extend((m.start(), -(m.end() - m.start()), m.end(), name) for m in pattern.finditer(text))
    spans.sort()
    out: list[str] = []
    taken_until = -1
    for start, _, end, name in spans:
        if start < taken_until:
            continue
        taken_until = end
        if name not in out:
            out.append(name)
    return out


def persistence(text: str) -> list[str]:
    """Markers of a repeated concern or recommendation found in a text.

    Examples
    --------
    >>> persistence("The Committee remains concerned that ... It reiterates its previous recommendations")
    ['remains concerned', 'reiterates', 'previous recommendations']
    """
    return [" ".join(m.group(0).lower().split()) for m in _PERSISTENCE.finditer(text)]

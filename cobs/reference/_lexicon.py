"""Many regular expressions over many texts, fast: each searched only where its words are.

A lexicon of ``cobs/data`` (``group_terms.csv``, ``sdg_terms.csv``) is a list of
rows, each a label and a regular expression of the ways a text says it. Searching
every row's expression in every text of a corpus costs a search per row and
text; most find nothing. :class:`Lexicon` cuts each expression into its
alternatives ("a|b|c" at the top level) and reads from each the words every
match of it must contain (``\\bchildren\\s+in\\s+(?:alternative|foster)\\s+care\\b``:
"children" and "care"). An alternative is searched only in a text that holds
those words (its longest one as the start of a word of the case-folded text, the
others anywhere in it); an alternative whose words cannot be read (all inside
optional or alternative groups) is searched everywhere, unless it opens with a
group of plain words ("(?:unaccompanied|separated) children"): then one of them.
The result is the same as searching every row (the tests check it on the real
documents); only the time differs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

__all__ = ["Lexicon", "alternatives", "required_words", "words"]

_WORD = re.compile(r"\w+")


@functools.lru_cache(maxsize=65536)
def words(text: str) -> frozenset[str]:
    """The distinct words of a text, case-folded: where the lexicons' words are looked up."""
    return frozenset(_WORD.findall(text.casefold()))


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression ("a|(?:b|c)d" -> ["a", "(?:b|c)d"])."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(pattern, i)
            continue
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def _class_end(pattern: str, i: int) -> int:
    """The index after the character class opening at ``i`` ("[^.;]" -> after "]")."""
    j = i + 1
    if pattern[j:j + 1] == "^":
        j += 1
    if pattern[j:j + 1] == "]":
        j += 1
    while pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _group_end(pattern: str, i: int) -> int:
    """The index after the group opening at ``i``."""
    depth, j = 0, i
    while True:
        char = pattern[j]
        if char == "\\":
            j += 2
            continue
        if char == "[":
            j = _class_end(pattern, j)
            continue
        depth += char == "("
        depth -= char == ")"
        j += 1
        if depth == 0:
            return j


# Words in most recommendations: a poor key to look an alternative up by (another of its words, or the words it
# opens with, is taken where it has one). Only speed depends on this list, never a result.
_COMMON = frozenset({"persons", "person", "disabilities", "disability", "children", "child", "women", "girls",
                     "rights", "right", "state", "party", "with", "including", "ensure", "measures", "national",
                     "public", "social", "services", "access", "education", "health", "their", "organizations",
                     "organisations", "equal", "basis", "others", "all", "for", "and", "the", "that", "which"})
_SEPARATORS = {"b", "s", "B", "S"}  # \b, \s: what ends a word (\S is taken as ending one too: never a word char)
_QUANTIFIERS = "?*{"


def required_words(alternative: str) -> tuple[list[tuple[str, bool]], list[str]]:
    """The words every match of an alternative contains, and the words it may open with (see :func:`_required`)."""
    required, opening, _ = _required(alternative)
    return required, opening


def _required(alternative: str) -> tuple[list[tuple[str, bool]], list[str], list[list[str]]]:
    """The words every match of an alternative contains, and the plain words it may open with.

    Returns
    -------
    (required, opening, one_of)
        ``required``: (word, starts_a_word) pairs, case-folded, for each literal word
        of the alternative outside optional and alternative groups; ``starts_a_word``
        is True where the word is the start of a word of any text it matches (after
        ``\\b``, a space or a hyphen), so that it can be looked up among the text's
        words. ``opening``: for an alternative that opens with a group
        ("(?:unaccompanied|separated)"), a word of each of the group's alternatives,
        one of which every match contains; empty otherwise. ``one_of``: for each
        group of alternatives the alternative must pass through, a word of each,
        one of which every match contains.
    """
    required: list[tuple[str, bool]] = []
    opening: list[str] = []
    one_of: list[list[str]] = []
    run, run_starts, at_start = "", True, True
    boundary = True  # the next literal starts a word

    def close() -> None:
        nonlocal run
        for k, part in enumerate(re.split(r"\W+", run)):
            if part:
                required.append((part.casefold(), run_starts if k == 0 else True))
        run = ""

    i = 0
    while i < len(alternative):
        char = alternative[i]
        quantified = alternative[i + 1:i + 2] in tuple(_QUANTIFIERS) if i + 1 < len(alternative) else False
        if char == "\\":
            escaped = alternative[i + 1]
            close()
            if escaped in _SEPARATORS:
                boundary = True
            elif escaped.isalnum():  # \w, \d ...: a word may go on before what follows
                boundary = False
            else:  # an escaped literal such as \- or \.
                boundary = not escaped.isalnum()
            i += 2
            if escaped not in ("b", "B") and i < len(alternative) and alternative[i] in "+*?{":
                i = _skip_quantifier(alternative, i)
            continue
        if char == "(":
            close()
            end = _group_end(alternative, i)
            optional = end < len(alternative) and alternative[end] in "?*" or alternative[end:end + 2] == "{0"
            body = alternative[i + 1:end - 1]
            lookaround = body.startswith(("?=", "?!", "?<=", "?<!"))
            inline = re.match(r"\?[aiLmsux-]+:", body)
            content = body[inline.end():] if inline else body[2:] if body.startswith("?:") else body
            branches = alternatives(content)
            if not optional and not lookaround and len(branches) > 1:  # "(?:victims?|labour)": one of them
                words = [[w for w, _ in required_words(a)[0]] for a in branches]
                if all(words):
                    one_of.append([max(ws, key=len) for ws in words])
                starts = [[w for w, s in required_words(a)[0] if s] for a in branches]
                if at_start and all(starts):
                    opening = [max(ws, key=len) for ws in starts]
            if not optional and not lookaround and len(branches) == 1:
                inner, _, inner_one_of = _required(content)
                required.extend((w, s and boundary if k == 0 else s) for k, (w, s) in enumerate(inner))
                one_of.extend(inner_one_of)
            if not lookaround:
                at_start = False
                boundary = False
            i = end
            if i < len(alternative) and alternative[i] in "+*?{":
                i = _skip_quantifier(alternative, i)
            continue
        if char == "[":
            close()
            i = _class_end(alternative, i)
            if i < len(alternative) and alternative[i] in "+*?{":
                i = _skip_quantifier(alternative, i)
            boundary, at_start = False, False
            continue
        if char in "^$":
            i += 1
            continue
        at_start = False
        if quantified:  # "labou?r": the quantified character may be missing
            close()
            boundary = False
            i = _skip_quantifier(alternative, i + 1)
            continue
        if char.isalnum() or char == "_":
            if not run:
                run_starts = boundary
            run += char
            if alternative[i + 1:i + 2] == "+":  # "a+": the character, perhaps repeated, then the word goes on
                close()
                boundary = False
                i += 1
        else:  # literal punctuation ends a word; "." (any character) may stand for a letter
            close()
            boundary = char != "."
        i += 1
    close()
    return [(w, s) for w, s in required if len(w) >= 2], opening, one_of


def _skip_quantifier(pattern: str, i: int) -> int:
    if pattern[i] == "{":
        i = pattern.index("}", i) + 1
    else:
        i += 1
    if i < len(pattern) and pattern[i] in "?+":  # lazy or possessive
        i += 1
    return i


class Lexicon:
    """Rows of (label, pattern), searched in a text only where their words are.

    Parameters
    ----------
    rows : iterable of (label, pattern)
        Patterns are compiled case-insensitively.

    Examples
    --------
    >>> lexicon = Lexicon([("street", r"\\bchildren\\s+in\\s+street\\s+situations\\b"),
    ...                    ("care", r"\\bfoster\\s+care\\b")])
    >>> [lexicon.labels[r] for r in lexicon.rows_matched("Support children in street situations.")]
    ['street']
    """

    def __init__(self, rows: Iterable[tuple[object, str]]) -> None:
        self.labels: list[object] = []
        self.patterns: list[re.Pattern[str]] = []
        # row, pattern, words the text must hold, groups of words of which it must hold one
        self.alternatives: list[tuple[int, re.Pattern[str], tuple[str, ...], tuple[tuple[str, ...], ...]]] = []
        self._by_start: dict[str, list[tuple[str, int]]] = {}  # first 3 letters of a looked-up word -> (word, alt)
        self.unkeyed: list[int] = []
        for row, (label, pattern) in enumerate(rows):
            self.labels.append(label)
            self.patterns.append(re.compile(pattern, re.IGNORECASE))
            for alternative in alternatives(pattern):
                index = len(self.alternatives)
                required, opening, one_of = _required(alternative)
                starting = [w for w, s in required if s and len(w) >= 3]
                rare = [w for w in starting if w not in _COMMON]
                if rare or (starting and not (opening and all(len(w) >= 3 for w in opening))):
                    key = max(rare or starting, key=len)
                    self._by_start.setdefault(key[:3], []).append((key, index))
                    checks = tuple(dict.fromkeys(w for w, _ in required if w != key))
                elif opening and all(len(w) >= 3 for w in opening):
                    for key in opening:
                        self._by_start.setdefault(key[:3], []).append((key, index))
                    checks = tuple(dict.fromkeys(w for w, _ in required))
                else:
                    self.unkeyed.append(index)
                    checks = ()
                self.alternatives.append((row, re.compile(alternative, re.IGNORECASE), checks,
                                          tuple(tuple(ws) for ws in one_of)))

    def candidates(self, text: str, found_words: frozenset[str] | None = None) -> list[int]:
        """The alternatives whose words the text holds, in file order."""
        found: set[int] = set(self.unkeyed)
        by_start = self._by_start
        for word in words(text) if found_words is None else found_words:
            for key, index in by_start.get(word[:3], ()):
                if word.startswith(key):
                    found.add(index)
        if not found:
            return []
        folded = text.casefold()
        alternatives = self.alternatives
        return [i for i in sorted(found) if all(w in folded for w in alternatives[i][2])
                and all(any(w in folded for w in ws) for ws in alternatives[i][3])]

    def rows_matched(self, text: str) -> list[int]:
        """The rows whose pattern the text matches, in file order."""
        rows: list[int] = []
        for index in self.candidates(text):
            row, pattern = self.alternatives[index][:2]
            if (not rows or rows[-1] != row) and pattern.search(text):
                rows.append(row)
        return rows

    def rows_matched_everywhere(self, text: str) -> list[int]:
        """The same rows, found by searching every row's pattern (slow: for the tests)."""
        return [row for row, pattern in enumerate(self.patterns) if pattern.search(text)]

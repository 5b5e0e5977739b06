"""The lexicons and taxonomies of ``cobs/data`` (operative verbs, action verbs, intensifiers, hedges,
instruments, clusters, themes), compiled once. Each file says where its entries come from."""

from __future__ import annotations

import functools
import re

from cobs.errors import invalid_value
from cobs.reference._tables import read_rows, split_list


@functools.cache
def operative_verbs() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(pattern, verb, strength) for the Committee's operative verbs, most specific first."""
    return tuple(
        (re.compile(rf"\b{row['pattern']}\b", re.IGNORECASE), row["verb"], row["strength"])
        for row in read_rows("operative_verbs.csv")
    )


@functools.cache
def any_operative_verb() -> re.Pattern[str]:
    """One pattern that finds any operative verb: a cheap test before the careful one.

    It matches what the verbs' patterns match with ``re.IGNORECASE``, written without the flag
    (:func:`_cased`) where it can be: Python's ``re`` scans a paragraph for it a third faster.
    """
    joined = "|".join(f"(?:{p.pattern})" for p, _, _ in operative_verbs())
    cased = _cased(joined)
    return re.compile(cased) if cased is not None else re.compile(joined, re.IGNORECASE)


_CASES = {**{c: c + c.upper() for c in "abcdefghijklmnopqrstuvwxyz"}, "i": "iI\u0130\u0131", "k": "kK\u212a",
          "s": "sS\u017f"}
"""The characters Python's ``re.IGNORECASE`` matches with each ASCII letter: its two cases, and for i, k and s
the Turkish dotted and dotless I, the Kelvin sign and the long s (checked over every code point in tests)."""
_SAFE_ESCAPES = frozenset("sSwWbBdD")


def _cased(pattern: str) -> str | None:
    """``pattern`` (written for ``re.IGNORECASE``) with each ASCII letter as the class of the characters the flag
    matches it with, so that it matches the same without the flag; None where it has what this does not rewrite (a
    character class, an escape other than \\s \\S \\w \\W \\b \\B \\d \\D, a flag or named group, a
    letter outside ASCII)."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            escaped = pattern[i + 1 : i + 2]
            if escaped.isalnum() and escaped not in _SAFE_ESCAPES:
                return None
            out.append(pattern[i : i + 2])
            i += 2
            continue
        flagged = char == "(" and pattern[i + 1 : i + 2] == "?" and pattern[i + 2 : i + 3] not in (":", "=", "!")
        if char == "[" or flagged:
            return None
        if char.isalpha():
            if char.lower() not in _CASES:
                return None
            out.append(f"[{_CASES[char.lower()]}]")
        else:
            out.append(char)
        i += 1
    return "".join(out)


@functools.cache
def operative_at_item_start() -> re.Pattern[str]:
    """An item that repeats its chapeau's verb: "(a) Recommends that the State party repeal ...".

    The verbs of ``cobs/data/operative_verbs.csv`` marked ``item_start``, in the third person as a CO writes
    them there ("recommends", "calls upon"; an item's own verb "Request ..." is not one), then an optional "that".
    """
    forms = dict.fromkeys(" ".join([row["verb"].split()[0] + "s", *row["verb"].split()[1:]])
                          for row in read_rows("operative_verbs.csv") if row["item_start"] == "yes")
    return re.compile(r"^(?:" + "|".join(f.replace(" ", r"\s+") for f in forms) + r")\s+(?:that\s+)?", re.IGNORECASE)


@functools.cache
def action_verbs() -> dict[str, int]:
    """Verb (base form) -> UPR Info action category 1-5."""
    return {row["verb"]: int(row["category"]) for row in read_rows("action_verbs.csv")}


@functools.cache
def action_rules() -> dict[str, object]:
    """UPR Info's principles as patterns (``cobs/data/action_rules.csv``), compiled.

    ``"phrases"``: (pattern, category) of the openings whose category is not their
    verb's ("adopt measures" is 4, "adopt legislative measures" 5), tried in file
    order at the start of an action; ``"two_verbs"``, ``"means"``, ``"purpose"``: the
    patterns of what joins two opening verbs, what introduces the means of an action
    ("by amending"), and "take measures to" before a verb. ``{modifiers}`` in a pattern
    stands for any run of the ``modifier`` words.
    """
    rows = read_rows("action_rules.csv")
    words = "|".join(r["pattern"] for r in rows if r["rule"] == "modifier")
    modifiers = rf"(?:(?:{words})(?:\s*,\s*|\s+and\s+|\s+))*"

    def compiled(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern.replace("{modifiers}", modifiers), re.IGNORECASE)

    out: dict[str, object] = {"phrases": tuple((compiled(r["pattern"]), int(r["category"]))
                                               for r in rows if r["rule"] == "phrase")}
    for rule in ("two_verbs", "means", "purpose"):
        (pattern,) = [r["pattern"] for r in rows if r["rule"] == rule]
        out[rule] = compiled(pattern)
    return out


@functools.cache
def action_forms() -> dict[str, tuple[str, str]]:
    """Form -> (verb, kind) of ``cobs/data/action_forms.csv``: irregular participles ("taken") and the nouns
    naming an act ("adoption"), each with the verb of the act."""
    return {row["form"]: (row["verb"], row["kind"]) for row in read_rows("action_forms.csv")}


@functools.cache
def phrases(name: str) -> re.Pattern[str]:
    """One pattern finding any phrase of a lexicon file (intensifiers.csv, hedges.csv), longest first."""
    words = sorted({row["phrase"] for row in read_rows(name)}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b", re.IGNORECASE)


@functools.cache
def instruments() -> tuple[tuple[re.Pattern[str], str, str, tuple[str, ...]], ...]:
    """(pattern, instrument, type, keywords) of the instruments and bodies a CO cites.

    ``keywords`` are words every match contains (lower case): a text without any of
    them cannot mention the instrument, which spares most pattern searches.
    """
    return tuple(
        (re.compile(row["pattern"], re.IGNORECASE), row["instrument"], row["type"], tuple(split_list(row["keywords"])))
        for row in read_rows("instruments.csv")
    )


@functools.cache
def clusters() -> tuple[dict[str, object], ...]:
    """The canonical clusters (cobs/data/clusters.csv) with compiled title patterns and article sets."""
    return tuple(
        {
            "cluster_id": row["cluster_id"],
            "committee": row["committee"],
            "name": row["name"],
            "articles": frozenset(int(a) for a in split_list(row["articles"])),
            "pattern": re.compile(row["title_pattern"], re.IGNORECASE),
        }
        for row in read_rows("clusters.csv")
    )


@functools.cache
def themes() -> tuple[tuple[str, re.Pattern[str], frozenset[int]], ...]:
    """(theme, heading pattern, CRPD articles) of the theme taxonomy (cobs/data/themes.csv)."""
    return tuple(
        (
            row["theme"],
            re.compile(rf"\b(?:{row['pattern']})", re.IGNORECASE),  # whole words: "sport" is not in "transport"
            frozenset(int(a) for a in split_list(row["crpd_article"])),
        )
        for row in read_rows("themes.csv")
    )


@functools.cache
def kind_phrases(kind: str) -> re.Pattern[str]:
    """One pattern finding the phrases of ``cobs/data/kind_phrases.csv`` that make a paragraph a ``kind``.

    ``kind`` is "concern" or "positive" (the Committee's own words: "is concerned", "welcomes").
    """
    patterns = [row["pattern"] for row in read_rows("kind_phrases.csv")
                if row["kind"] == kind and row["where"] == "text"]
    if not patterns:
        raise ValueError(invalid_value("kind", kind, ("concern", "positive")))
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@functools.cache
def section_kinds() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(title pattern, kind) of the sections whose title decides their paragraphs' kind, in file order."""
    return tuple(
        (re.compile(row["pattern"], re.IGNORECASE), row["kind"])
        for row in read_rows("kind_phrases.csv") if row["where"] == "section"
    )


@functools.cache
def deadlines() -> re.Pattern[str]:
    """One pattern finding a deadline in a request (``cobs/data/deadlines.csv``: "by 2025", "within 12 months").

    ``{month}`` in a row stands for a month's name in English, capitalised ("May" is a month, "may" is not).
    """
    from cobs.reference._dates import month_pattern

    month = month_pattern("en")
    return re.compile("|".join(row["pattern"].replace("{month}", month) for row in read_rows("deadlines.csv")),
                      re.IGNORECASE)


@functools.cache
def repetition_markers(use: str) -> re.Pattern[str]:
    """One pattern finding the markers of a repeated concern or request (``cobs/data/repetition_markers.csv``).

    ``use`` is "persistence" (the ``persistence`` measure), "reiterates" (align: a link the later text
    reiterates is ``repeated``) or "cites_previous" (align: the text cites the earlier CO without a paragraph).
    """
    patterns = [row["pattern"] for row in read_rows("repetition_markers.csv") if use in split_list(row["uses"])]
    if not patterns:
        raise ValueError(invalid_value("use", use, ("persistence", "reiterates", "cites_previous")))
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


@functools.cache
def word_list(name: str, column: str = "phrase") -> tuple[str, ...]:
    """The words or phrases of a one-column lexicon of ``cobs/data`` (each row with its note), in file order."""
    return tuple(row[column] for row in read_rows(name))


def alternatives(words: tuple[str, ...] | list[str]) -> str:
    """A regular expression (no group) matching any of ``words`` literally, longest first, spaces as any white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@functools.cache
def head_nouns() -> str:
    """A regular expression (no group) matching the head noun of a named law, plan or body ("Code", "Ministry")."""
    return "(?:" + "|".join(re.escape(row["noun"]) for row in read_rows("head_nouns.csv")) + ")"


@functools.cache
def target_groups() -> re.Pattern[str]:
    """One pattern finding the target groups of ``cobs/data/target_groups.csv`` ("girls", "asylum-seekers")."""
    return re.compile(r"\b(?:" + "|".join(row["pattern"] for row in read_rows("target_groups.csv")) + r")\b",
                      re.IGNORECASE)


@functools.cache
def skipped_words() -> re.Pattern[str]:
    """The words skipped at the start of a request before the action verb (``cobs/data/skipped_words.csv``).

    A listed word ("to", "also", "urgently", "should"), or any other word in -ly (an
    adverb: "progressively") except the verbs in -ly the file lists ("apply", "comply").
    """
    rows = read_rows("skipped_words.csv")
    skip = "|".join(re.escape(r["word"]) for r in rows if r["role"] == "skip")
    verbs = "|".join(re.escape(r["word"]) for r in rows if r["role"] == "not_adverb")
    return re.compile(rf"^(?:{skip})(?:\s+|(?=,))|^(?!(?:{verbs})\b)\w+ly\s+", re.IGNORECASE)


STRENGTH_GROUPS = ("weak", "middle", "strong")
"""The coarse scale of operative verbs (cobs/data/strength_groups.csv), weakest first."""


@functools.cache
def strength_groups() -> dict[str, str]:
    """Strength level ('urges') -> its group on the coarse three-level scale ('strong')."""
    groups = {row["strength"]: row["group"] for row in read_rows("strength_groups.csv")}
    unknown = sorted(set(groups.values()) - set(STRENGTH_GROUPS))
    if unknown:  # pragma: no cover - a broken data file
        raise ValueError(f"cobs/data/strength_groups.csv: unknown group {unknown[0]!r}; use {STRENGTH_GROUPS}")
    return groups

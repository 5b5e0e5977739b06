"""The lexicons and taxonomies of ``cobs/data`` (operative verbs, action verbs, intensifiers, hedges,
instruments, clusters, themes), compiled once. Each file says where its entries come from."""

from __future__ import annotations

import functools
import re

from cobs.reference._tables import read_rows


@functools.cache
def operative_verbs() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(pattern, verb, strength) for the Committee's operative verbs, most specific first."""
    return tuple(
        (re.compile(rf"\b{row['pattern']}\b", re.IGNORECASE), row["verb"], row["strength"])
        for row in read_rows("operative_verbs.csv")
    )


@functools.cache
def any_operative_verb() -> re.Pattern[str]:
    """One pattern that finds any operative verb: a cheap test before the careful one."""
    return re.compile("|".join(f"(?:{p.pattern})" for p, _, _ in operative_verbs()), re.IGNORECASE)


@functools.cache
def action_verbs() -> dict[str, int]:
    """Verb (base form) -> UPR Info action category 1-5."""
    return {row["verb"]: int(row["category"]) for row in read_rows("action_verbs.csv")}


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
        (re.compile(row["pattern"], re.IGNORECASE), row["instrument"], row["type"], tuple(row["keywords"].split("|")))
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
            "articles": frozenset(int(a) for a in row["articles"].split(",") if a),
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
            frozenset(int(a) for a in row["crpd_article"].split(";") if a),
        )
        for row in read_rows("themes.csv")
    )

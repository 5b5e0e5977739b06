"""What a recommendation is about: the canonical cluster and a normalised theme.

* ``cluster_id`` names the cluster of the reporting guidelines a paragraph falls
  under, from the cluster heading's *title and articles*, never its letter (a CO
  letters only the clusters it uses): CRC-1 ... CRC-9 for the CRC's clusters
  (CRC/C/58/Rev.3), CRC-OPSC/OPAC/OPIC and CRC-RAT for the optional protocols and
  ratification, CRPD-A/B/C for the CRPD's article groups (arts. 1-4, 5-30, 31-33),
  IMPL for implementation and reporting. See ``cobs/data/clusters.csv``.
* ``theme`` maps the subheading (or, without one, the cluster title) to the
  taxonomy of ``cobs/data/themes.csv``, shared by all committees so that themes
  can be compared: a CRPD heading citing an article ("Education (art. 24)") takes
  that article's theme; otherwise the longest matching pattern wins ("Mental
  health" is *mental health*, not *health*).
"""

from __future__ import annotations

import functools
import re

from cobs.measures._citations import articles
from cobs.reference import clusters, themes

__all__ = ["cluster_id", "theme"]

_IMPLEMENTATION_SECTION = re.compile(
    r"implementation\s+and\s+reporting|follow-up\s+and\s+dissemination|next\s+(?:periodic\s+)?report|"
    r"reporting\s+procedure|^follow-up$",
    re.IGNORECASE,
)
_HEADING_ARTICLES = re.compile(r"\(arts?\.\s*([^)]*)\)")


def cluster_id(cluster: str | None, committee: str, section: str | None = "") -> str:
    """The canonical cluster of a cluster heading ("" if none fits); a missing heading (None, NA) counts as "".

    Examples
    --------
    >>> cluster_id("Violence against children (arts. 19, 24 (3), 28 (2), 34, 37 (a) and 39)", "CRC")
    'CRC-5'
    >>> cluster_id("Specific rights (arts. 5–30)", "CRPD")
    'CRPD-B'
    >>> cluster_id("Next report", "CRC", "Implementation and reporting")
    'IMPL'
    """
    return _cluster_id(_text(cluster), committee, _text(section))


def _text(value: object) -> str:
    """A heading as text: "" for a missing one (None, NA, NaN) as the tables give it."""
    return value if isinstance(value, str) else ""


@functools.lru_cache(maxsize=4096)
def _cluster_id(cluster: str, committee: str, section: str) -> str:
    table = [c for c in clusters() if c["committee"] in (committee, "")]
    title = re.sub(r"\(arts?\..*", "", cluster)
    for entry in table:
        if title and entry["pattern"].search(title):
            return str(entry["cluster_id"])
    cited = {int(re.match(r"\d+", a).group(0)) for a in articles(cluster)}
    best, best_score = "", 0.0
    for entry in table:
        if entry["articles"] and cited:
            score = len(cited & entry["articles"]) / len(cited | entry["articles"])
            if score > best_score:
                best, best_score = str(entry["cluster_id"]), score
    if best:
        return best
    if section and _IMPLEMENTATION_SECTION.search(section):
        return "IMPL"
    return ""


def theme(heading: str | None, cluster: str | None = "", committee: str = "") -> str:
    """The theme of a subheading (or of the cluster title when there is no subheading); "" if none.

    A missing heading or cluster (None, NA) counts as "".

    Examples
    --------
    >>> theme("Corporal punishment")
    'corporal punishment'
    >>> theme("Mental health")
    'mental health'
    >>> theme("Equality and non-discrimination (art. 5)", committee="CRPD")
    'non-discrimination'
    >>> theme("", "Ratification of the Optional Protocol on a communications procedure", "CRC")
    'ratification of instruments'
    """
    return _theme(_text(heading), _text(cluster), committee)


@functools.lru_cache(maxsize=4096)
def _theme(heading: str, cluster: str, committee: str) -> str:
    text = heading or re.sub(r"\(arts?\..*", "", cluster)
    if not text:
        return ""
    if committee == "CRPD":
        cited = _HEADING_ARTICLES.search(heading)
        if cited:
            numbers = [int(re.match(r"\d+", a).group(0)) for a in articles(f"arts. {cited.group(1)}")]
            for name, _, crpd_articles in themes():
                if numbers and numbers[0] in crpd_articles:
                    return name
    best, best_length = "", 0
    for name, pattern, _ in themes():
        for m in pattern.finditer(text):
            if m.end() - m.start() > best_length:
                best, best_length = name, m.end() - m.start()
    return best

"""Which of the six UN languages a document is written in, and what the languages are called."""

from __future__ import annotations

import functools
import re
from collections import Counter

from cobs.reference import read_rows

__all__ = ["LANGUAGE_NAMES", "detect_language", "language_code"]


@functools.cache
def _names() -> tuple[dict[str, str], dict[str, str]]:
    rows = read_rows("language_names.csv")
    english = {row["code"]: row["name"] for row in rows if row["written_in"] == "en"}
    any_language = {row["name"].casefold(): row["code"] for row in rows}
    return english, any_language


LANGUAGE_NAMES: dict[str, str] = dict(_names()[0])
"""ISO 639-1 code -> English name of the six UN languages ("en" -> "English"), from ``cobs/data/language_names.csv``."""


def language_code(name: str) -> str | None:
    """The ISO 639-1 code of a UN language named in English, French, Spanish, Russian, Chinese or Arabic.

    The names are those of ``cobs/data/language_names.csv`` (as UN mastheads print them).

    Examples
    --------
    >>> language_code("Français"), language_code("inglés"), language_code("Arabic"), language_code("Klingon")
    ('fr', 'en', 'ar', None)
    """
    return _names()[1].get(name.strip().casefold())


_STOPWORDS = {
    "en": {"the", "of", "and", "to", "in", "that", "is", "with", "for", "on", "by", "its", "are", "be", "which"},
    "fr": {"les", "des", "et", "du", "dans", "pour", "est", "aux", "une", "sur", "au", "qui", "le", "à", "ses"},
    "es": {"los", "las", "y", "el", "del", "por", "para", "con", "una", "se", "que", "al", "su", "sus", "como"},
}
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_SCRIPTS = {
    "ar": re.compile("[\u0600-\u06ff\ufb50-\ufeff]"),
    "ru": re.compile("[\u0400-\u04ff]"),
    "zh": re.compile("[\u3400-\u4dbf\u4e00-\u9fff]"),
}
_ANOTHER_SCRIPT = re.compile("[" + "".join(script.pattern[1:-1] for script in _SCRIPTS.values()) + "]")
"""A letter of any of ``_SCRIPTS``: one class, which ``re`` scans for faster than three."""
_SCRIPT_SHARE = 0.3
"""A script decides when this share of the letters is in it (Arabic, Cyrillic, Chinese)."""
_FUNCTION_WORD_SHARE = 0.05
"""In Latin script, a language's function words (the 15 listed above) must make this share of the words. Measured
on the first three pages of the CRPD PDFs in ../shared: 29-38 % in the 120 English ones, 22-25 % in the Spanish
and French ones; 7-8 % in English text full of symbols and names (corpus/manifest.csv, a list of questions by
State); in random base64 text at most 1.2 %, in a Word file read as text 3.1 %, where the best-scoring language
would otherwise be named on the strength of a few "y" and "el"."""


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of ``text``: en, fr, es, ar, zh or ru; "" if it is none of them.

    Script decides for Arabic, Chinese and Russian; for Latin script, the most
    frequent function words do, provided they make a share of the words that
    only text in that language reaches ("" for random letters or another
    language).

    Examples
    --------
    >>> detect_language("The Committee recommends that the State party adopt a law.")
    'en'
    >>> detect_language("Le Comité recommande à l'État partie d'adopter une loi et des mesures.")
    'fr'
    >>> detect_language("QmFzZTY0IGlzIG5vdCBhIGxhbmd1YWdlOyBpdCBsb29rcyBsaWtlIGxldHRlcnMgeSBlbCBhdCByYW5kb20=")
    ''
    """
    sample = text[:8000]
    if _ANOTHER_SCRIPT.search(sample):  # count letters by script only where there is another script at all
        letters = len(_LETTER.findall(sample))
        for code, script in _SCRIPTS.items():
            if len(script.findall(sample)) > _SCRIPT_SHARE * letters:
                return code
    words = Counter(map(str.lower, _WORD.findall(sample)))
    if not words:
        return ""
    scores = {lang: sum(words[w] for w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] >= _FUNCTION_WORD_SHARE * sum(words.values()) else ""

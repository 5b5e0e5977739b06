"""Which of the six UN languages a document is written in."""

from __future__ import annotations

import re
from collections import Counter

LANGUAGE_NAMES = {"en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "zh": "Chinese", "ru": "Russian"}

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


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language of ``text``: en, fr, es, ar, zh or ru ("" if no letters).

    Script decides for Arabic, Chinese and Russian; for Latin script, the most
    frequent function words do.

    Examples
    --------
    >>> detect_language("The Committee recommends that the State party adopt a law.")
    'en'
    >>> detect_language("Le Comité recommande à l'État partie d'adopter une loi et des mesures.")
    'fr'
    """
    sample = text[:8000]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return ""
    for code, script in _SCRIPTS.items():
        if len(script.findall(sample)) > 0.3 * letters:
            return code
    words = Counter(w.lower() for w in _WORD.findall(sample))
    scores = {lang: sum(words[w] for w in stop) for lang, stop in _STOPWORDS.items()}
    return max(scores, key=lambda lang: scores[lang])

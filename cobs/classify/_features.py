"""Features of a recommendation's opening words, for the action category.

UPR Info codes the action category from "the first verb and the overall action"
of a recommendation (Database_Action_Category.pdf): "Continue" is 2, "Consider"
3, "Take measures" 4, "Ratify" 5; when two verbs open it the second counts
("Continue and strengthen" -> 4); a general action with specific means is 5
("Improve ... by amending the family code"). Bag-of-words features lose where a
word stands, so :func:`opening_features` spells those rules out as tokens a
linear model can weigh:

``0:continue``, ``1:and``, ``2:strengthen``
    the first words, with their position;
``0-1:continue and``, ``0-2:continue and strengthen``
    the first two and three words together;
``and:strengthen``
    the verb after an opening "X and ...";
``to:ratify``
    the word after the first "to" among the first eight words ("take steps to
    ratify", "is encouraged to consider");
``means:amending``
    an "-ing" word after "by", "through", "including" or "via" anywhere (the
    specific means of a general action);
``[bracket]``
    the recommendation starts with a bracketed word that UPR Info supplied
    ("[Ratify] Particularly the ICESCR ..."): the bracket's words are read as the
    opening words;
``take&measures``, ``take&means``
    the first word paired with each other word among the first fifteen, and with
    the presence of "by ...ing" means: a linear model can then weigh "take" with
    "legislative" apart from "take" with "steps" (general action made specific).
"""

from __future__ import annotations

import re

__all__ = ["opening_features"]

_WORD = re.compile(r"[a-z][a-z'-]*|\d+")
_BRACKET = re.compile(r"^\s*\[([^\]]*)\]\s*")
# Function words that introduce the means of an action ("by amending ...").
_MEANS = frozenset({"by", "through", "including", "via"})
_TO_WINDOW = 8
_PAIR_WINDOW = 15


def opening_features(text: str, n_words: int = 6) -> list[str]:
    """Tokens describing how a recommendation opens (see the module docstring).

    Parameters
    ----------
    text : str
        A recommendation.
    n_words : int, default=6
        How many opening words get a positional token.

    Returns
    -------
    list of str

    Examples
    --------
    >>> opening_features("Continue and strengthen its efforts", n_words=3)  # doctest: +NORMALIZE_WHITESPACE
    ['0:continue', '1:and', '2:strengthen', '0-1:continue and', '0-2:continue and strengthen', 'and:strengthen',
     'continue&and', 'continue&efforts', 'continue&its', 'continue&strengthen']
    >>> opening_features("[Ratify] the CRPD, including by amending laws", n_words=2)  # doctest: +NORMALIZE_WHITESPACE
    ['[bracket]', '0:ratify', '1:the', '0-1:ratify the', '0-2:ratify the crpd', 'means:amending', 'ratify&means',
     'ratify&amending', 'ratify&by', 'ratify&crpd', 'ratify&including', 'ratify&laws', 'ratify&the']
    """
    lowered = text.lower()
    features: list[str] = []
    bracket = _BRACKET.match(lowered)
    if bracket:
        features.append("[bracket]")
        lowered = bracket.group(1) + " " + lowered[bracket.end():]
    words = _WORD.findall(lowered)
    if not words:
        return features
    features.extend(f"{i}:{word}" for i, word in enumerate(words[:n_words]))
    features.append("0-1:" + " ".join(words[:2]))
    features.append("0-2:" + " ".join(words[:3]))
    if len(words) > 2 and words[1] == "and":
        features.append("and:" + words[2])
    if len(words) > 3 and words[2] == "and":
        features.append("and:" + words[3])
    for i, word in enumerate(words[:_TO_WINDOW]):
        if word == "to" and i + 1 < len(words):
            features.append("to:" + words[i + 1])
            break
    means = [words[i + 1] for i, word in enumerate(words[:-1]) if word in _MEANS and words[i + 1].endswith("ing")]
    features.extend("means:" + word for word in means)
    first = words[0]
    if means:
        features.append(f"{first}&means")
    features.extend(f"{first}&{word}" for word in sorted(set(words[1:_PAIR_WINDOW])))
    return features


class OpeningAnalyzer:
    """Picklable callable for ``TfidfVectorizer(analyzer=...)``: :func:`opening_features` with ``n_words``."""

    def __init__(self, n_words: int = 6) -> None:
        self.n_words = n_words

    def __call__(self, text: str) -> list[str]:
        return opening_features(text, self.n_words)

    def __repr__(self) -> str:
        return f"OpeningAnalyzer(n_words={self.n_words})"

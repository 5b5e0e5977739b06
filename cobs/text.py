"""Text as features: one tokenisation and one list of formula phrases for classify, compare and topics.

Concluding observations repeat their frame in almost every paragraph ("The
Committee recommends that the State party ...", "in close consultation with ...
persons with disabilities, through their representative organizations"). What
decides whether two recommendations are about the same thing is what is left
when that frame is set aside. This module owns that step, so that the
classifiers, :mod:`cobs.compare` and :mod:`cobs.topics` cut texts into the same
tokens and leave out the same phrases:

* :data:`TOKEN_PATTERN`: a token is a run of two or more word characters
  (scikit-learn's default), lower-cased;
* :func:`formula_phrases`: the committees' formula words and phrases, from
  ``cobs/data/formula_phrases.csv`` (each with its kind and why it is there):
  ``frame`` (who speaks to whom, operative verbs, citation formulas),
  ``generic`` (request words that say what kind of action, not about what:
  "ensure", "take measures", the CRPD's article 4 (3) consultation formula),
  ``treaty`` (the treaty's own subject: "persons with disabilities" in CRPD COs) and
  ``filler`` (connectives, timing formulas and refrains that carry no subject:
  "in accordance with", "as soon as possible", "implement", the CRPD's "on an equal
  basis with others"; left out by :mod:`cobs.topics`, where they rose into topics);
* :class:`Analyzer`: text -> tokens and n-grams, without English stop words and
  formula phrases; n-grams are runs of adjacent words as the text has them: they
  do not reach across punctuation (a comma too), a stop word, a number or a phrase
  left out, so that each can be quoted ("juvenile justice", not "adopt juvenile"
  from "adopt a juvenile");
* :func:`vectorizer`: a scikit-learn ``TfidfVectorizer`` or ``CountVectorizer``
  with that analyzer;
* :func:`synonyms`: the field's synonyms (``cobs/data/synonyms.csv``: "ombudsman for
  the rights of the child" and "children's ombudsperson", "propiska" and "residence
  registration"), which ``Analyzer(synonyms=True)`` turns into one token each, so
  that texts worded by different mechanisms (a CO, the UPR) meet.

Examples
--------
>>> from cobs.text import Analyzer
>>> Analyzer(ngram_range=(1, 2))("The Committee recommends that the State party adopt a juvenile justice law.")
['adopt', 'juvenile', 'justice', 'law', 'juvenile justice', 'justice law']
>>> Analyzer(formula=())("The Committee recommends that the State party adopt a law.")
['committee', 'recommends', 'state', 'party', 'adopt', 'law']
"""

from __future__ import annotations

import functools
import re
import sys
import zlib
from collections.abc import Collection, Iterable, Sequence
from typing import Literal

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer

from cobs._checks import check_choice, check_ngram_range
from cobs.errors import invalid_value
from cobs.reference import read_rows

__all__ = ["FORMULA_KINDS", "TOKEN_PATTERN", "Analyzer", "formula_phrases", "synonyms", "tokens", "vectorizer"]

TOKEN_PATTERN = r"(?u)\b\w\w+\b"
"""A token: two or more word characters (scikit-learn's default ``token_pattern``), matched on lower-cased text."""

FORMULA_KINDS = ("frame", "generic", "treaty", "filler")
"""Kinds of formula phrase in ``cobs/data/formula_phrases.csv``."""

_BREAK = ""  # stands where punctuation, a stop word, a number or a phrase was left out: n-grams stop there
_SCAN = re.compile(r"(?u)\b\w\w+\b|\b\w\b|[.,;:!?()\[\]]")  # one-letter words: "a", "(b)"
_SCAN_HYPHENS = re.compile(r"(?u)\b\w+(?:-\w+)+\b|\b\w\w+\b|\b\w\b|[.,;:!?()\[\]]")  # "disability-based": one
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b", re.IGNORECASE)  # "children's rights": one run of words
_SYMBOL = re.compile(r"\b[A-Z][A-Za-z.]*(?:/[A-Za-z0-9.\-]+){2,}")  # CRPD/C/AZE/CO/1, E/C.12/KAZ/CO/2, A/HRC/...


def formula_phrases(
    *, kinds: Collection[str] = ("frame", "generic"), committees: Collection[str] = ()
) -> tuple[str, ...]:
    """The formula phrases of the given kinds, lower case, longest first.

    Parameters
    ----------
    kinds : collection of {"frame", "generic", "treaty", "filler"}
        Which kinds of phrase (see the module's description).
    committees : collection of str
        Phrases tied to a committee ("persons with disabilities": CRPD) are
        included only for these committees; phrases of every committee
        (``committee`` empty in the file) always are.

    Examples
    --------
    >>> "the state party" in formula_phrases()
    True
    >>> "persons with disabilities" in formula_phrases(kinds=["treaty"], committees=["CRPD"])
    True
    >>> "persons with disabilities" in formula_phrases(kinds=["treaty"])
    False
    """
    check_kinds(kinds)
    chosen = {str(c).upper() for c in committees}
    found = {
        row["phrase"].lower()
        for row in read_rows("formula_phrases.csv")
        if row["kind"] in kinds and (not row["committee"] or row["committee"] in chosen)
    }
    return tuple(sorted(found, key=lambda p: (-len(p.split()), p)))


@functools.cache
def synonyms() -> dict[str, str]:
    """The field's synonyms: phrase (lower case) -> the token that stands for it, from ``cobs/data/synonyms.csv``.

    Examples
    --------
    >>> synonyms()["ombudsman for the rights of the child"]
    'child_ombudsperson'
    >>> tokens("Ensure schooling without the propiska", synonyms=True)
    ['schooling', 'residence_registration']
    """
    return {" ".join(_phrase_words(row["phrase"])): row["canonical"] for row in read_rows("synonyms.csv")}


def check_kinds(kinds: Collection[str], name: str = "kinds") -> None:
    """A ValueError naming ``name`` unless ``kinds`` is a collection of :data:`FORMULA_KINDS`."""
    if isinstance(kinds, str) or not all(k in FORMULA_KINDS for k in kinds):
        raise ValueError(invalid_value(name, kinds, f"a collection of {', '.join(map(repr, FORMULA_KINDS))}",
                                       f"write [{kinds!r}]" if kinds in FORMULA_KINDS else None))


def _scan(text: str, hyphens: bool = False) -> list[str]:
    """Lower-cased words (one letter ones too) and punctuation marks, in order; possessive 's left out.

    With ``hyphens``, a hyphenated word is one word ("disability-based")."""
    return (_SCAN_HYPHENS if hyphens else _SCAN).findall(_POSSESSIVE.sub("", text).lower())


def _phrase_words(phrase: str, hyphens: bool = False) -> tuple[str, ...]:
    """A phrase of the data files as the words :meth:`Analyzer.words` scans ("children's rights" -> 2 words)."""
    return tuple(w for w in _scan(phrase, hyphens) if w[0].isalnum() or w[0] == "_")


@functools.cache
def _phrase_index(phrases: tuple[str, ...], hyphens: bool = False) -> dict[str, tuple[tuple[str, ...], ...]]:
    """First token -> the phrases (as token tuples) starting with it, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = _phrase_words(phrase, hyphens)
        if words:
            index.setdefault(words[0], []).append(words)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def _match(
    candidates: Iterable[tuple[tuple[str, ...], str]], scanned: list[str], i: int
) -> tuple[str, int] | None:
    """What stands for the first (longest) candidate phrase found at position ``i`` of the scanned tokens, and how
    many tokens it takes; commas inside are read past ("cruel, inhuman or degrading treatment")."""
    for phrase, replacement in candidates:
        j, k = i, 0
        while k < len(phrase) and j < len(scanned):
            if scanned[j] == "," and k:
                j += 1
            elif scanned[j] == phrase[k]:
                j, k = j + 1, k + 1
            else:
                break
        if k == len(phrase):
            return replacement, j - i
    return None


@functools.cache
def _synonym_index() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """First token -> (phrase as token tuple, canonical token), longest phrase first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, canonical in synonyms().items():
        words = _phrase_words(phrase)
        if words:
            index.setdefault(words[0], []).append((words, canonical))
    return {k: tuple(sorted(v, key=lambda item: len(item[0]), reverse=True)) for k, v in index.items()}


def _digest(phrases: tuple[str, ...]) -> int:
    """A checksum of phrases that is the same in every process (for the repr that equality compares)."""
    return zlib.crc32("\n".join(phrases).encode())


@functools.cache
def _stemmer() -> object:
    from nltk.stem.snowball import SnowballStemmer  # code only: no NLTK data needed

    return SnowballStemmer("english")


@functools.lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stem(word)  # type: ignore[attr-defined]


class _Fixed(tuple):
    """A collection option of an :class:`Analyzer`, kept as a tuple: what the Analyzer makes of a text is kept per
    options (``_grams``), and an option changed in place would not be seen. A change in place says how to set the
    option anew."""

    _CHANGES = frozenset({"append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse", "add", "discard",
                          "update", "difference_update", "intersection_update", "symmetric_difference_update"})

    def __new__(cls, values: Iterable[str], option: str) -> _Fixed:
        fixed = super().__new__(cls, values)
        fixed.option = option
        return fixed

    def _refusal(self) -> str:
        return (f"Analyzer.{self.option} is a tuple and cannot change in place (the Analyzer keeps its results by "
                f"its options): set it anew, e.g. analyzer.{self.option} = (*analyzer.{self.option}, 'another')")

    def __getattr__(self, name: str) -> object:
        if name in _Fixed._CHANGES:
            raise AttributeError(self._refusal())
        raise AttributeError(f"'tuple' object has no attribute {name!r}")

    def __setitem__(self, key: object, value: object) -> None:
        raise TypeError(self._refusal())

    def __delitem__(self, key: object) -> None:
        raise TypeError(self._refusal())

    def __reduce__(self) -> tuple[type, tuple[tuple[str, ...]]]:
        return tuple, (tuple(self),)  # pickled and copied as a plain tuple (an Analyzer fixes it again)


def _phrases_option(value: object, name: str) -> _Fixed:
    """leave_out, committees: a collection of str (not one str), as a tuple in the order given."""
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise TypeError(invalid_value(name, value, "a collection of phrases" if name == "leave_out"
                                      else "a collection of committee codes",
                                      f"write [{value!r}]" if isinstance(value, str) else None))
    values = list(value)
    if not all(isinstance(v, str) for v in values):
        raise TypeError(invalid_value(name, value, "a collection of str"))
    return _Fixed(values if isinstance(value, Sequence) else sorted(values), name)


def _formula_option(value: object, name: str) -> _Fixed:
    check_kinds(value, name)  # type: ignore[arg-type]
    return _Fixed(value if isinstance(value, Sequence) else sorted(value), name)  # type: ignore[arg-type]


def _stop_words_option(value: object, name: str) -> str | _Fixed | None:
    if value is None or value == "english":
        return value  # type: ignore[return-value]
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise ValueError(invalid_value(name, value, "'english', None or a collection of words"))
    return _phrases_option(value, name)


_OPTIONS = {
    "ngram_range": check_ngram_range,
    "stop_words": _stop_words_option,
    "formula": _formula_option,
    "committees": _phrases_option,
    "stem": lambda value, name: value,
    "numbers": lambda value, name: value,
    "synonyms": lambda value, name: value,
    "leave_out": _phrases_option,
    "hyphens": lambda value, name: bool(value),
}
"""Each option of an Analyzer, and how a value is checked and kept (immutable) when it is set."""

_DEFAULTS = {"ngram_range": (1, 1), "stop_words": "english", "formula": ("frame", "generic"), "committees": (),
             "stem": False, "numbers": False, "synonyms": False, "leave_out": (), "hyphens": False}


class Analyzer:
    """Text -> tokens and n-grams, with stop words and formula phrases left out.

    A picklable callable for scikit-learn vectorisers (``analyzer=Analyzer()``).

    Parameters
    ----------
    ngram_range : tuple (min_n, max_n), default (1, 1)
        Which n-grams to return; an n-gram joins tokens with one space.
    stop_words : "english", None or collection of str, default "english"
        Words left out (scikit-learn's English list, or your own). Unlike
        scikit-learn, n-grams do not reach across them: "access to justice" gives
        no "access justice", and "Denmark, in close consultation" no "denmark
        close"; every n-gram stands in the text word for word.
    formula : collection of {"frame", "generic", "treaty", "filler"}, default ("frame", "generic")
        Kinds of formula phrase left out (:func:`formula_phrases`); ``()`` keeps
        them all. N-grams do not reach across a phrase left out.
    committees : collection of str, default ()
        Committees whose own phrases are left out too (``treaty`` and
        committee-specific ``generic`` phrases: the CRPD's article 4 (3) formula).
    stem : bool, default False
        Reduce words to their Snowball (Porter 2) stem: "ratify", "ratified" ->
        "ratifi". Helps matching; hurts the readability of topic terms.
    numbers : bool, default False
        Keep tokens made of digits only (years, paragraph numbers).
    synonyms : bool, default False
        Replace the phrases of :func:`synonyms` by one token each ("ombudsman for the
        rights of the child" -> ``child_ombudsperson``), before formula phrases are
        left out; the token is not stemmed.
    leave_out : collection of str, default ()
        More phrases left out as formula phrases are (any case): State names and
        adjectives (:func:`cobs.reference.state_words`) for keyness.
    hyphens : bool, default False
        Keep a hyphenated word whole ("disability-based discrimination" gives
        "disability-based", not "based discrimination"); the default splits it.

    Notes
    -----
    What an Analyzer makes of a text is kept, per text and options, for the next
    call (keyness, similarity and topics cut the same paragraphs again and again).
    An option may be set anew (``analyzer.leave_out = (*analyzer.leave_out,
    "denmark")``): it is checked, and the next call uses it. A collection option
    is kept as a tuple, which cannot change in place: ``analyzer.leave_out.append(...)``
    is an error saying so, rather than a change the kept results would not see.
    """

    def __init__(
        self,
        *,
        ngram_range: tuple[int, int] = (1, 1),
        stop_words: Literal["english"] | Collection[str] | None = "english",
        formula: Collection[str] = ("frame", "generic"),
        committees: Collection[str] = (),
        stem: bool = False,
        numbers: bool = False,
        synonyms: bool = False,
        leave_out: Collection[str] = (),
        hyphens: bool = False,
    ) -> None:
        self._building = True  # the options are checked one by one, the indexes built once, at the end
        self.ngram_range = ngram_range
        self.stop_words = stop_words
        self.formula = formula
        self.committees = committees
        self.stem = stem
        self.numbers = numbers
        self.synonyms = synonyms
        self.leave_out = leave_out
        self.hyphens = hyphens
        del self._building
        self._index()

    def _index(self) -> None:
        """The stop words, phrases and synonyms to look up, from the options."""
        if self.stop_words == "english":
            self._stop = frozenset(ENGLISH_STOP_WORDS)
        else:
            self._stop = frozenset(w.lower() for w in self.stop_words or ())
        self._phrases = self._phrase_index()
        self._synonyms = _synonym_index() if self.synonyms else {}

    def _phrase_index(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        phrases = formula_phrases(kinds=self.formula, committees=self.committees)
        return _phrase_index(tuple(phrases) + tuple(self.leave_out), self.hyphens)

    def __setattr__(self, name: str, value: object) -> None:
        if name in _OPTIONS:  # checked and kept immutable: the kept results (_grams) are those of the options now
            value = _OPTIONS[name](value, name)
        super().__setattr__(name, value)
        if not name.startswith("_"):  # an option changed: its repr (what equality and the cache compare) too
            self.__dict__.pop("_repr", None)
            if name in _OPTIONS and "_building" not in self.__dict__ and "_phrases" in self.__dict__:
                self._index()

    def __repr__(self) -> str:
        known = self.__dict__.get("_repr")
        if known is None:
            known = self.__dict__["_repr"] = self._describe()
        return known

    def _describe(self) -> str:
        return (f"Analyzer(ngram_range={self.ngram_range!r}, stop_words={self.stop_words!r}, "
                f"formula={self.formula!r}, committees={self.committees!r}, stem={self.stem!r}, "
                f"numbers={self.numbers!r}" + (", synonyms=True" if self.synonyms else "")
                + (f", leave_out=<{len(self.leave_out)} phrases, crc32 {_digest(self.leave_out)}>" if self.leave_out
                   else "")
                + (", hyphens=True" if self.hyphens else "") + ")")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Analyzer) and (self is other or (repr(self) == repr(other)
                                                                   and self.leave_out == other.leave_out))

    def __hash__(self) -> int:
        return hash(repr(self))

    def __getstate__(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in _OPTIONS}

    def __setstate__(self, state: dict[str, object]) -> None:
        self._building = True  # a pickle of an earlier cobs may lack the later options (leave_out, hyphens)
        for name, default in _DEFAULTS.items():
            setattr(self, name, state.get(name, default))
        del self._building
        self._index()

    def words(self, text: str) -> list[str]:
        """The text's tokens in order, with ``""`` where punctuation, a stop word, a number or a phrase was left out."""
        if not isinstance(text, str):
            raise TypeError(invalid_value("text", text, "a str"))
        scanned = _scan(_SYMBOL.sub(" . ", text), self.hyphens)
        out: list[str] = []
        synonyms, phrases, stop = self._synonyms, self._phrases, self._stop
        stem, numbers = self.stem, self.numbers
        i, n = 0, len(scanned)
        while i < n:
            word = scanned[i]
            if synonyms and word in synonyms:
                found = _match(synonyms[word], scanned, i)
                if found is not None:
                    out.append(found[0])
                    i += found[1]
                    continue
            if word in phrases:
                found = _match(((p, _BREAK) for p in phrases[word]), scanned, i)
                if found is not None:
                    out.append(_BREAK)
                    i += found[1]
                    continue
            i += 1
            if len(word) == 1 or word in stop or (not numbers and word.isdigit()):
                if out and out[-1]:  # punctuation, a stop word or a number left out: n-grams stop there
                    out.append(_BREAK)
            else:
                out.append(_stem(word) if stem else word)
        return out

    def __call__(self, text: str) -> list[str]:
        if not isinstance(text, str):
            raise TypeError(invalid_value("text", text, "a str"))
        return list(_grams(self, text))

    def _grams(self, text: str) -> tuple[str, ...]:
        words = self.words(text)
        low, high = self.ngram_range
        grams: list[str] = [w for w in words if w] if low == 1 else []
        if high < 2:
            return tuple(map(sys.intern, grams))
        segments: list[list[str]] = [[]]
        for w in words:
            if w:
                segments[-1].append(w)
            elif segments[-1]:
                segments.append([])
        for n in range(max(low, 2), high + 1):
            for seg in segments:
                grams.extend(" ".join(seg[i:i + n]) for i in range(len(seg) - n + 1))
        return tuple(map(sys.intern, grams))  # the same words and phrases, again and again: kept once in memory


@functools.lru_cache(maxsize=16_384)
def _grams(analyzer: Analyzer, text: str) -> tuple[str, ...]:
    """What ``analyzer`` makes of ``text``, once per text and options: keyness, similarity and the topics of one
    corpus cut the same paragraphs again and again (``cobs report`` cut each recommendation paragraph of a hundred
    COs some thirty times, once per CO whose keyness took it as reference)."""
    return analyzer._grams(text)


def tokens(
    text: str,
    *,
    ngram_range: tuple[int, int] = (1, 1),
    stop_words: Literal["english"] | Collection[str] | None = "english",
    formula: Collection[str] = ("frame", "generic"),
    committees: Collection[str] = (),
    stem: bool = False,
    numbers: bool = False,
    synonyms: bool = False,
) -> list[str]:
    """The tokens of one text, as :class:`Analyzer` with the same options gives them.

    >>> tokens("Ratify the Optional Protocol (CRPD/C/AZE/CO/1, para. 13).")
    ['ratify', 'optional', 'protocol']
    """
    return Analyzer(ngram_range=ngram_range, stop_words=stop_words, formula=formula, committees=committees, stem=stem,
                    numbers=numbers, synonyms=synonyms)(text)


def vectorizer(
    *,
    weighting: Literal["tfidf", "count", "binary"] = "tfidf",
    ngram_range: tuple[int, int] = (1, 2),
    stop_words: Literal["english"] | Collection[str] | None = "english",
    formula: Collection[str] = ("frame", "generic"),
    committees: Collection[str] = (),
    stem: bool = False,
    numbers: bool = False,
    synonyms: bool = False,
    leave_out: Collection[str] = (),
    hyphens: bool = False,
    min_df: int | float = 1,
    max_df: int | float = 1.0,
    max_features: int | None = None,
    sublinear_tf: bool = True,
    vocabulary: Iterable[str] | None = None,
) -> TfidfVectorizer | CountVectorizer:
    """A scikit-learn vectoriser that cuts texts as cobs does.

    Parameters
    ----------
    weighting : {"tfidf", "count", "binary"}, default "tfidf"
        TF-IDF (``sublinear_tf``, l2-normalised rows), raw counts, or 0/1 presence.
    ngram_range, stop_words, formula, committees, stem, numbers, synonyms, leave_out, hyphens
        As for :class:`Analyzer`. With ``stop_words=None``, ``formula=()``, no
        stemming and numbers kept, the tokens are exactly scikit-learn's default
        ones (the classifiers' features, measured with them).
    min_df, max_df, max_features, vocabulary
        As for scikit-learn's vectorisers.
    sublinear_tf : bool, default True
        ``1 + log(tf)`` instead of raw term frequency (TF-IDF only).

    Returns
    -------
    sklearn.feature_extraction.text.TfidfVectorizer or CountVectorizer
        Not fitted.

    Examples
    --------
    >>> v = vectorizer(ngram_range=(1, 1)).fit(["The Committee urges the State party to ratify the Protocol."])
    >>> list(v.get_feature_names_out())
    ['protocol', 'ratify']
    """
    check_choice(weighting, "weighting", ("tfidf", "count", "binary"))
    plain = (stop_words is None and not formula and not stem and numbers and not synonyms and not leave_out
             and not hyphens)
    if plain:
        options: dict[str, object] = {"token_pattern": TOKEN_PATTERN, "lowercase": True,
                                      "ngram_range": check_ngram_range(ngram_range, "ngram_range")}
    else:
        options = {"analyzer": Analyzer(ngram_range=ngram_range, stop_words=stop_words, formula=formula,
                                        committees=committees, stem=stem, numbers=numbers, synonyms=synonyms,
                                        leave_out=leave_out, hyphens=hyphens)}
    options.update(min_df=min_df, max_df=max_df, max_features=max_features, vocabulary=vocabulary)
    if weighting == "tfidf":
        return TfidfVectorizer(sublinear_tf=sublinear_tf, **options)  # type: ignore[arg-type]
    return CountVectorizer(binary=weighting == "binary", **options)  # type: ignore[arg-type]

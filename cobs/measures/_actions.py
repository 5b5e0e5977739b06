"""Requested actions: the units that measures and comparisons count.

A recommendation paragraph asks one or more things of the State. :func:`actions`
cuts it into **actions**:

* each lettered item ("(a) Prohibit corporal punishment ...") is an action; its
  **chapeau** is the sentence of the paragraph that introduces the items ("The
  Committee urges the State party to:"), and the chapeau's operative verb is the
  item's verb;
* in the paragraph's own text, each sentence in which the Committee asks
  something ("It also recommends that the State party expedite ...") starts an
  action; a sentence that asks nothing continues the action before it;
* a recommendation paragraph in which no such sentence is found is one action.

``clause`` numbers the actions of a row (own text or item) from 1, so
``(symbol, para, sub, clause)`` identifies an action, and so does ``ref``, which
cites it the way researchers do: "CRC/C/KAZ/CO/4, para. 29 (a)"; where a
paragraph's own text asks several things, its first request is cited as the
paragraph and the others by their rank: "CRC/C/KAZ/CO/4, para. 15, second request".
"""

from __future__ import annotations

import itertools
import re

import pandas as pd

from cobs._checks import TABLE_COLUMNS, check_table
from cobs.columns import ACTION_COLUMNS, DTYPES
from cobs.reference import (
    action_verbs,
    cycle_range,
    operative_at_item_start,
    operative_verbs,
    ordinal_word,
    skipped_words,
)
from cobs.structure import ADDRESSEE, operative_verb, sentences
from cobs.structure import STATE_PARTY as _STATE
from cobs.tables import as_table, conform, document_order

__all__ = ["action_verb", "actions", "locate_action"]

_NEEDED = set(TABLE_COLUMNS["paragraphs"])
_OPTIONAL = {"notes"}  # tables written before the column existed are still accepted
_NONE_IF_EMPTY = ("chapeau", "verb", "strength", "action_verb", "action")
_NUMBER = re.compile(r"^\d{1,3}\.\s*")
_LETTER = re.compile(r"^\([a-z]{1,2}\)\s*")
_SUBJECT_AT_START = re.compile(
    rf"^(?:{ADDRESSEE}|it|(?:to\s+)?(?:Hong\s+Kong|Macao),\s+China,?)\s+(?=[a-z])",
    re.IGNORECASE,
)
_OPERATIVE_AT_START = operative_at_item_start()  # an item that repeats the chapeau: cobs/data/operative_verbs.csv
_FUNCTION_WORDS = frozenset([
    "the", "a", "an", "that", "this", "these", "those", "it", "its", "their", "of", "in", "on", "at", "by", "for",
    "with", "through", "to", "and", "or", "as", "all", "any", "such", "which", "who", "whose", "where", "when",
    "while", "also", "further", "without", "before", "after", "upon"
])
# A clause ends at a comma, but not at one in brackets ("(A/72/55, annex)") or around a
# paragraph of an article ("article 35, paragraph 2, of the Convention").
_CLAUSE = r"(?:\([^()]{0,200}\)|,\s*(?:paragraphs?|paras?\.)\s*\d+[a-z]?,|[^,(])"
_CLAUSE_END = r",(?!\s*(?:paragraphs?|paras?\.)\s*\d)\s*"
_PARENTHETICAL = re.compile(rf"^,{_CLAUSE}{{0,250}}?{_CLAUSE_END}")
_LEADING_PHRASE = re.compile(  # "In the light of ..., take": an adverbial phrase before the verb
    r"^(?:In|With|Without|For|Where|Wherever|When|Within|Under|Through|Taking|Bearing|Recalling|Drawing|Guided|Given|"
    rf"As|On|Following|Recognizing|Considering\s+that|Before|After|Upon|Pending|Prior\s+to)\b{_CLAUSE}{{0,400}}?{_CLAUSE_END}",
    re.IGNORECASE,
)


def action_verb(text: str) -> str:
    """The verb of what the State is asked to do: "adopt", "ensure", "take" ... ("" if not found).

    ``text`` is an item ("Prohibit corporal punishment ...") or the part of a
    sentence after the operative verb ("that the State party, in order to ..., ratify ...").

    Examples
    --------
    >>> action_verb("that the State party take all measures necessary to address ...")
    'take'
    >>> action_verb("the State party to expeditiously improve its data collection system")
    'improve'
    >>> action_verb("In the light of the joint general recommendation No. 31, take active measures")
    'take'
    >>> action_verb("that supported decision-making structures be introduced")  # passive: no verb of the State
    ''
    """
    return locate_action(text)[0]


def locate_action(text: str) -> tuple[str, str]:
    """(verb, action): the verb of what the State is asked to do and the request from that verb on.

    The action reads like a UPR recommendation ("take all measures necessary to
    ..."), which is what classifiers trained on UPR Info data expect; it is "" when
    no verb of the State is found (a passive: "that programmes be designed").

    Examples
    --------
    >>> locate_action("that the State party, in consultation with organizations of persons with disabilities, "
    ...               "adopt a national plan.")
    ('adopt', 'adopt a national plan.')
    """
    rest = text.strip().removeprefix("[")  # UPR Info's summaries: "[Ratify] Particularly the Covenant ..."
    state = _STATE.search(rest[:200])
    if state and (state.start() == 0 or re.fullmatch(r"\s*that\s*", rest[: state.start()], re.IGNORECASE)):
        rest = rest[state.end() :]
    elif that_it := re.match(r"that\s+it\b\s*", rest, re.IGNORECASE):
        rest = rest[that_it.end() :]
    elif that := re.match(r"that\s+(?!,)", rest, re.IGNORECASE):
        # "that programmes be designed" (no verb of the State) or "that Hong Kong, China, strengthen"
        return _first_known_verb(rest[that.end() :])
    rest = re.sub(r"^that\s*(?=,)", "", rest, flags=re.IGNORECASE)
    for _ in range(8):
        before = rest
        rest = rest.lstrip()
        if rest.startswith(","):
            rest = _PARENTHETICAL.sub("", rest)
        rest = _LEADING_PHRASE.sub("", rest)
        rest = _OPERATIVE_AT_START.sub("", rest)
        rest = skipped_words().sub("", rest)
        rest = _SUBJECT_AT_START.sub("", rest)
        if rest == before:
            break
    word = re.match(r"[A-Za-z]+(?![\w-])", rest)
    if not word:
        return "", ""
    verb = _base_form(word.group(0).lower())
    if verb in _FUNCTION_WORDS:  # "the ...", "through ...": the verb is further on, if anywhere
        return _first_known_verb(rest)
    return verb, rest  # a verb the lexicon does not know ("transmit") is still the verb


def _base_form(word: str) -> str:
    """"eliminating" -> "eliminate", "setting" -> "set" when the base form is a known action verb."""
    known = action_verbs()
    if word in known or not word.endswith("ing"):
        return word
    stem = word[:-3]
    for candidate in (stem, stem + "e", stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else stem):
        if candidate in known:
            return candidate
    return word


def _first_known_verb(text: str, window: int = 12) -> tuple[str, str]:
    """The first known action verb among the opening words of a text, and the text from it on.

    Hyphenated words are not verbs ("decision-making"), and a passive clause ("... be
    introduced") has no verb of the State.
    """
    for token in list(re.finditer(r"[A-Za-z]+(?:-[A-Za-z]+)*", text))[:window]:
        word = token.group(0)
        if word.lower() == "be":
            return "", ""
        verb = _base_form(word.lower())
        if "-" not in word and verb in action_verbs() and word[0].islower():
            return verb, text[token.start() :]
    return "", ""


def _notes(row: dict[str, object]) -> list[str]:
    notes = row.get("notes")
    return list(notes) if notes is not None and len(notes) else []


def _cite(symbol: str, para: int, sub: str) -> str:
    return f"{symbol}, para. {para}" + (f" ({sub})" if sub else "")


def _nth(clause: int) -> str:
    return ordinal_word(clause) if clause < 100 else f"{clause}th"


def actions(table: pd.DataFrame) -> pd.DataFrame:
    """One row per action requested by the recommendation paragraphs of a paragraph table.

    Parameters
    ----------
    table : pandas.DataFrame or Document
        A paragraph table (``Document.paragraphs`` or :func:`cobs.read_corpus`); a
        :class:`cobs.Document` stands for its paragraphs.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`cobs.columns.ACTION_COLUMNS`: the document and paragraph columns, ``clause``,
        ``ref`` (a citation), ``chapeau`` (the sentence introducing an item; NA for
        the paragraph's own sentences), ``text`` (the action, without its number or
        letter), ``request`` (what is asked: the text after the operative verb, or
        the item), ``verb`` and ``strength`` (the Committee's operative verb), and
        ``action_verb`` (what the State is asked to do).

    Examples
    --------
    >>> import cobs
    >>> doc = cobs.datasets.load_sample()
    >>> acts = cobs.actions(doc.paragraphs)
    >>> for row in acts.query("para == 61").head(3).itertuples():
    ...     print(row.ref, "|", row.verb, "|", row.action)
    CRC/C/KAZ/CO/4, para. 61 | urge | bring its juvenile justice system fully into line with the Convention and \
other relevant standards.
    CRC/C/KAZ/CO/4, para. 61 (a) | urge | Adopt a comprehensive law that will regulate all aspects of the juvenile \
justice system;
    CRC/C/KAZ/CO/4, para. 61 (b) | urge | Ensure that all cases involving children in conflict with the law are \
dealt with by the juvenile justice system;
    """
    table = as_table(table, "actions")
    check_table(table, "paragraphs", function="actions")
    table = document_order(conform(table))
    columns = list(_NEEDED | (_OPTIONAL & set(table.columns)))
    rows = table.loc[table["kind"] == "recommendation", columns].to_dict("records")
    records: list[dict[str, object]] = []
    for _, group in itertools.groupby(rows, key=lambda r: (r["symbol"], r["para"])):
        paragraph = list(group)
        own = [r for r in paragraph if not r["sub"]]
        items = [r for r in paragraph if r["sub"]]
        base = own[0] if own else paragraph[0]
        records.extend(_paragraph_actions(base, _NUMBER.sub("", str(base["text"])) if own else "", items))
    out = pd.DataFrame.from_records(records, columns=ACTION_COLUMNS)
    if len(out):
        out["clause"] = out.groupby(["symbol", "para", "sub"], sort=False).cumcount() + 1
        out["ref"] = [ref if clause == 1 else f"{ref}, {_nth(clause)} request"
                      for ref, clause in zip(out["ref"], out["clause"], strict=True)]
        ranges = {c: cycle_range(c) if isinstance(c, str) and c else (None, None) for c in out["cycle"].unique()}
        out["cycle_first"] = out["cycle"].map(lambda c: ranges[c][0])  # once per cycle, not per action; NA stays NA
        out["cycle_last"] = out["cycle"].map(lambda c: ranges[c][1])
    for column in _NONE_IF_EMPTY:  # "" while cutting; missing in the table
        out[column] = out[column].replace("", None)
    return out.astype({c: DTYPES[c] for c in out.columns if c not in ("notes",)})


def _record(
    row: dict[str, object], sub: str, chapeau: str, text: str, verb: str, strength: str, request: str,
    notes: list[str],
) -> dict[str, object]:
    verb_of_state, action = locate_action(request)
    return {
        "symbol": row["symbol"], "committee": row["committee"], "state": row["state"], "cycle": row["cycle"],
        "year": row["year"], "para": row["para"], "sub": sub, "clause": 0,
        "ref": _cite(row["symbol"], row["para"], sub),
        "section": row["section"], "cluster": row["cluster"], "heading": row["heading"], "chapeau": chapeau,
        "text": text, "request": request.strip(), "verb": verb, "strength": strength,
        "action_verb": verb_of_state, "action": action, "page": row["page"], "notes": list(notes),
    }


def _verb_at_start(item: str) -> tuple[str, str] | None:
    """(verb, strength) of an item that opens with the Committee's verb ("(a) Recommends that the State party ...")."""
    if _OPERATIVE_AT_START.match(item) is None:
        return None
    for pattern, verb, strength in operative_verbs():
        if pattern.match(item):
            return verb, strength
    return None


def _paragraph_actions(base: dict[str, object], own: str, items: list[dict[str, object]]) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    chapeau, chapeau_verb = "", ("", "")
    own_notes = _notes(base) if own else []
    for sentence in sentences(own) if own else []:
        found = operative_verb(sentence)
        if items and sentence.rstrip().endswith(":"):
            chapeau = sentence
            chapeau_verb = (found[0], found[1]) if found else chapeau_verb
            continue
        if found:
            verb, strength, end = found
            out.append(_record(base, "", "", sentence, verb, strength, sentence[end:], own_notes))
        elif out:
            out[-1]["text"] = f"{out[-1]['text']} {sentence}"
            out[-1]["request"] = f"{out[-1]['request']} {sentence}"
    if not chapeau and items:
        chapeau = own
        if out:  # the items depend on the last request of the own text
            chapeau_verb = (str(out[-1]["verb"]), str(out[-1]["strength"]))
    for item in items:
        text = _LETTER.sub("", str(item["text"]))
        verb, strength = _verb_at_start(text) or chapeau_verb  # "The Committee: (a) Recommends ... (d) Encourages"
        out.append(_record(item, item["sub"], chapeau, text, verb, strength, text, [*_notes(item), *own_notes]))
    if not out:
        out.append(_record(base, "", "", own, "", "", own, own_notes))
    return out

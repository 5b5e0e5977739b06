"""The measured action table (:func:`measure`) and the citation table (:func:`citations`)."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Literal

import pandas as pd

from cobs.columns import CITATION_COLUMNS, DTYPES
from cobs.errors import invalid_value
from cobs.measures._actions import _cite, actions
from cobs.measures._citations import article_key, articles, general_comments, instruments, persistence, previous
from cobs.measures._groups import label_columns
from cobs.measures._themes import cluster_id, theme
from cobs.measures._wording import action_category_of, hedges, intensifiers, specificity_parts
from cobs.reference import treaty_articles
from cobs.tables import as_table, conform, document_order

if TYPE_CHECKING:
    from cobs.classify import ThemeClassifier

__all__ = ["citations", "measure"]

_MEASURED = ["intensifiers", "hedges", "action_category", "specificity", "time_bound", "articles",
             "cluster_articles", "general_comments", "previous", "instruments", "persistence", "cluster_id", "theme",
             "theme_source", "groups", "sdgs", "sdg_targets"]
_MIN_THEME_EXAMPLES = 30


def concern_before(paragraphs: pd.DataFrame) -> dict[tuple[str, int], str]:
    """For each paragraph, the text of the concern paragraph just before it under the same heading."""
    columns = document_order(paragraphs)[["symbol", "para", "sub", "kind", "heading", "text"]]
    rows = columns.assign(heading=columns["heading"].fillna("")).to_dict("records")
    texts: dict[tuple[str, int], list[str]] = {}
    own: list[dict[str, object]] = []
    for row in rows:
        texts.setdefault((row["symbol"], row["para"]), []).append(str(row["text"]))
        if not row["sub"]:
            own.append(row)
    out: dict[tuple[str, int], str] = {}
    for before, row in zip(own, own[1:], strict=False):
        if before["symbol"] == row["symbol"] and before["kind"] == "concern" and before["heading"] == row["heading"]:
            out[(row["symbol"], row["para"])] = " ".join(texts[(before["symbol"], before["para"])])
    return out


def measure(table: pd.DataFrame, *, theme_model: ThemeClassifier | Literal["auto"] | None = None) -> pd.DataFrame:
    """The action table with every measure added.

    Parameters
    ----------
    table : pandas.DataFrame or Document
        A paragraph table (``Document.paragraphs``, :func:`cobs.read_corpus`; a
        :class:`cobs.Document` stands for its paragraphs), which is cut into
        actions first, or an action table from :func:`actions`. Only a
        paragraph table gives ``persistence`` the concern paragraph before each
        recommendation ("The Committee remains concerned ...").
    theme_model : fitted :class:`cobs.ThemeClassifier`, "auto" or None
        For actions whose subheading and cluster give no theme (documents without
        headings, such as most CCPR and CESCR COs), predict it with this model;
        "auto" trains one on the table's own actions that have a theme from their
        subheading (at least 30 of them, 2 themes). ``theme_source`` says where each
        theme comes from. None (default): no prediction.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`actions` and those of :data:`cobs.columns.MEASURE_COLUMNS`.

    Examples
    --------
    >>> import cobs
    >>> acts = cobs.measure(cobs.datasets.load_sample().paragraphs)
    >>> item = acts.set_index("ref").loc["CRC/C/KAZ/CO/4, para. 61 (a)"]
    >>> item["strength"], item["action_verb"], item["action_category"], item["theme"], item["cluster_id"]
    ('urges', 'adopt', np.int64(5), 'juvenile justice', 'CRC-9')
    """
    table = document_order(conform(as_table(table, "measure")))
    if "clause" in table.columns:  # an action table (measured already or not): measured afresh
        acts, context = table.drop(columns=[c for c in _MEASURED if c in table.columns]), {}
    else:
        acts, context = actions(table), concern_before(table)
    known_years = _general_comment_years(acts)
    text, request, chapeaus = _texts(acts["text"]), _texts(acts["request"]), _texts(acts["chapeau"])
    notes = acts["notes"].tolist() if "notes" in acts.columns else [[]] * len(acts)
    cited = [f"{c} {t} {' '.join(n)}" for c, t, n in zip(chapeaus, text, notes, strict=False)]
    symbols, committees, paras = acts["symbol"].tolist(), acts["committee"].tolist(), acts["para"].tolist()
    clusters, headings, sections = _texts(acts["cluster"]), _texts(acts["heading"]), _texts(acts["section"])
    # the request's intensifiers, and "strongly" where it softens nothing in the strength ("strongly encourages")
    strongly = [bool(_STRONGLY.search(c or t)) and str(g) != "urges" for c, t, g in
                zip(chapeaus, text, acts["strength"].tolist(), strict=False)]
    acts["intensifiers"] = [
        (["strongly"] if k else []) + intensifiers(t) for k, t in zip(strongly, request, strict=True)
    ]
    acts["hedges"] = [hedges(t) for t in request]
    acts["action_category"] = pd.array(
        [action_category_of(r, chapeau=c or None) for r, c in zip(request, chapeaus, strict=True)], dtype="Int64")
    parts = [specificity_parts(t) for t in request]
    acts["specificity"] = pd.array([sum(p.values()) for p in parts], dtype="int64")
    acts["time_bound"] = [p["deadline"] for p in parts]
    acts["articles"] = [
        _of_the_treaty(sorted(set(articles(t)) | set(articles(h)), key=article_key), c)
        for t, h, c in zip(cited, headings, committees, strict=False)
    ]
    acts["cluster_articles"] = [articles(c) for c in clusters]
    acts["general_comments"] = [
        [_with_year(g, known_years) for g in general_comments(t, c)] for t, c in zip(cited, committees, strict=False)
    ]
    acts["previous"] = [previous(t, s) for t, s in zip(cited, symbols, strict=False)]
    acts["instruments"] = [instruments(t) for t in cited]
    acts["persistence"] = [
        persistence(t + " " + context.get((s, p), "")) for t, s, p in zip(cited, symbols, paras, strict=False)
    ]
    acts["cluster_id"] = _missing_if_empty(
        [cluster_id(c, m, s) for c, m, s in zip(clusters, committees, sections, strict=True)]
    )
    themes = [theme(h, c, m) for h, c, m in zip(headings, clusters, committees, strict=False)]
    acts["theme"] = _missing_if_empty(themes)
    acts["theme_source"] = _missing_if_empty(
        [("heading" if h else "cluster") if t else "" for h, t in zip(headings, themes, strict=True)]
    )
    if theme_model is not None:
        _predict_themes(acts, theme_model)
    acts["groups"], acts["sdgs"], acts["sdg_targets"] = label_columns(
        text, chapeaus, headings, committees, _texts(acts["theme"]))
    return acts


def _texts(values: pd.Series) -> list[str]:
    """A text column as a list of str, "" where the value is missing (for the measures' regular expressions)."""
    return values.fillna("").tolist()


def _missing_if_empty(values: list[str]) -> pd.Series:
    return pd.Series([v or None for v in values], dtype=DTYPES["theme"])


def _of_the_treaty(found: list[str], committee: str) -> list[str]:
    """Articles the committee's treaty has: "art. 489" is a domestic code's."""
    try:
        last = treaty_articles(committee)
    except ValueError:
        return found
    return [a for a in found if article_key(a)[0] <= last]


def _predict_themes(acts: pd.DataFrame, theme_model: object) -> None:
    """Fill in the themes the headings do not give, with a ThemeClassifier."""
    from cobs.classify import ThemeClassifier

    missing = acts["theme"].isna().to_numpy()
    if not missing.any():
        return
    texts = (acts["chapeau"].fillna("") + " " + acts["text"]).str.strip()
    if isinstance(theme_model, str):
        if theme_model != "auto":
            raise ValueError(invalid_value("theme_model", theme_model, "a fitted ThemeClassifier, 'auto' or None"))
        known = acts["theme_source"] == "heading"
        if known.sum() < _MIN_THEME_EXAMPLES or acts.loc[known, "theme"].nunique() < 2:
            return
        theme_model = ThemeClassifier(random_state=0).fit(texts[known].tolist(), acts.loc[known, "theme"].tolist())
    if not hasattr(theme_model, "predict"):
        raise TypeError(invalid_value("theme_model", theme_model, "a fitted ThemeClassifier, 'auto' or None"))
    acts.loc[missing, "theme"] = list(theme_model.predict(texts[missing].tolist()))
    acts.loc[missing, "theme_source"] = "model"


_STRONGLY = re.compile(r"\bstrongly\s+(?:encourages?|calls?|invites?|requests?|reminds?)\b", re.IGNORECASE)
_NO_YEAR = re.compile(r"^(.*No\. \d+)$")
_WITH_YEAR = re.compile(r"^(.*No\. \d+) \((\d{4})\)$")


def _general_comment_years(acts: pd.DataFrame) -> dict[str, str]:
    """The year the table's documents give most often for each general comment."""
    seen: dict[str, Counter[str]] = {}
    texts = _cited_texts(acts)
    for committee, text in zip(acts["committee"], texts, strict=False):
        for label in general_comments(text, committee):
            m = _WITH_YEAR.match(label)
            if m:
                seen.setdefault(m.group(1), Counter())[m.group(2)] += 1
    return {label: years.most_common(1)[0][0] for label, years in seen.items()}


def _with_year(label: str, years: dict[str, str]) -> str:
    m = _NO_YEAR.match(label)
    return f"{label} ({years[label]})" if m and label in years else label


def citations(table: pd.DataFrame) -> pd.DataFrame:
    """Every citation of a paragraph or action table, one row per citation.

    Returns
    -------
    pandas.DataFrame
        ``symbol``, ``para``, ``sub``, ``ref`` (the row cited: "CRC/C/KAZ/CO/4, para. 7"),
        ``type`` (article, general_comment, previous, instrument) and ``citation``
        (the canonical string of :mod:`cobs.measures._citations`).
        Articles are those cited in the text (not the cluster heading's); general
        comments carry the year the table's documents give them. Given a paragraph
        table, each citation counts once per row (the way to count "most cited");
        given an action table, a chapeau's citation counts for each of its items.

    Examples
    --------
    >>> import cobs
    >>> cited = cobs.citations(cobs.datasets.load_sample().paragraphs)
    >>> cited.query("type == 'previous'")[["para", "citation"]].values.tolist()
    [[7, 'CRC/C/KAZ/CO/3, paras. 15, 17, 21, 23, 29, 31, 42, 48'], [62, 'CRC/C/OPSC/KAZ/CO/1'], \
[64, 'CRC/C/OPAC/KAZ/CO/1, paras. 7, 15']]
    """
    table = as_table(table, "citations")
    missing = {"symbol", "committee", "para", "sub", "text"} - set(table.columns)
    if missing:
        raise ValueError(f"citations() needs a paragraph or action table; columns missing: {sorted(missing)}")
    table = document_order(conform(table))
    records = []
    years = _general_comment_years(table)
    texts = _cited_texts(table)
    if "notes" in table.columns:  # what footnotes cite counts: COs often cite earlier COs there
        texts = texts + " " + table["notes"].map(" ".join)
    for row, text in zip(table.itertuples(), texts, strict=False):
        found = {
            "article": _of_the_treaty(articles(text), row.committee),
            "general_comment": [_with_year(g, years) for g in general_comments(text, row.committee)],
            "previous": previous(text, row.symbol),
            "instrument": instruments(text),
        }
        for kind, values in found.items():
            for value in values:
                records.append({"symbol": row.symbol, "para": row.para, "sub": row.sub,
                                "ref": _cite(row.symbol, row.para, row.sub), "type": kind, "citation": value})
    out = pd.DataFrame(records, columns=list(CITATION_COLUMNS))
    return out.astype({c: DTYPES[c] for c in CITATION_COLUMNS})


def _cited_texts(table: pd.DataFrame) -> pd.Series:
    """The text in which a row's citations are looked for: its chapeau (if any) and its text."""
    if "chapeau" not in table.columns:
        return table["text"].fillna("")
    return (table["chapeau"].fillna("") + " " + table["text"].fillna("")).str.strip()

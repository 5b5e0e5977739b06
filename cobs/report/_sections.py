"""The sections of a report: what each shows, as figures, tables and text.

A section is a function of the report's data (:class:`ReportData`) that returns a
:class:`Section`, or None when it has nothing to show (a corpus without two
cycles of one State has no cycle comparison). :data:`SECTIONS` lists them in page
order; the references behind every figure are gathered by the page itself. A
new section is one function added to that list: it builds its figures with
``cobs.plot`` and its tables with ``cobs`` functions, and never touches files or
HTML.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from cobs._ranking import argmax
from cobs.measures import tally
from cobs.reference import pair_label
from cobs.report._data import ReportData
from cobs.report._groups import groups_section
from cobs.report._parts import (
    PANEL_THEMES,
    Figure,
    Part,
    Section,
    Table,
    Text,
    _e,
    _slug,
    figure_link,
    hand_over,
    panels_of,
)

__all__ = ["SECTIONS"]


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "-"


def documents_section(data: ReportData) -> Section:
    """The documents read, and those left out."""
    shown = data.documents[["symbol", "committee", "state", "state_name", "year", "paragraphs", "recommendations",
                            "actions", "file"]]
    parts: list[Part] = [
        Text(f"<p>{len(shown)} documents, {int(shown['paragraphs'].sum())} numbered paragraphs, "
             f"{int(shown['actions'].sum())} requested actions (one per lettered item of a recommendation, or per "
             "request in a paragraph's own text). Every number in the figures is a count of these actions (or of "
             "citing paragraphs), and the <a href=\"#references\">references</a> list the actions behind each.</p>"),
        Table("documents", "The documents of the report (recommendations: paragraphs of that kind).", shown),
    ]
    if len(data.errors):
        parts.append(Table("left_out", "Files left out, with the reason.", data.errors[["file", "reason"]]))
    return Section("documents", "Documents", parts)


KEYNESS_TOP = 8
"""Terms drawn on each side of a document's keyness figure."""

KEYNESS_WINDOW = 2
"""Years either side of a CO within which keyness takes its reference (cobs.compare.keyness's window)."""


_KEYNESS_COLUMNS = ["symbol", "para", "sub", "kind", "text", "year"]
"""What keyness reads of a paragraph table (texts, kinds, the references it cites, years)."""


def _keyness(data: ReportData, symbol: str, recommendations: pd.DataFrame | None = None
             ) -> tuple[int, pd.DataFrame] | None:
    """The keyness of a document against its committee's COs to other States (two or more), or None.

    ``recommendations``: the recommendation rows of ``data.paragraphs``, with the columns keyness reads (what it
    would select of the whole table for each document, selected once for all of them).
    """
    import cobs.compare

    docs = data.documents.set_index("symbol")
    committee, state = docs.loc[symbol, "committee"], docs.loc[symbol, "state"]
    others = data.documents[(data.documents["committee"] == committee) & (data.documents["state"] != state)]
    year = docs.loc[symbol, "year"]
    if pd.notna(year):  # keyness compares with the COs of the same years (window=2): are there two at hand?
        others = others[(pd.to_numeric(others["year"], errors="coerce") - int(year)).abs() <= KEYNESS_WINDOW]
    if len(others) < 2:
        return None
    paragraphs = _recommendations(data) if recommendations is None else recommendations
    table = cobs.compare.keyness(paragraphs[paragraphs["symbol"] == symbol],
                                 paragraphs[paragraphs["symbol"].isin(others["symbol"])], window=KEYNESS_WINDOW,
                                 refs=True)
    return len(others), table


def _recommendations(data: ReportData) -> pd.DataFrame:
    paragraphs = data.paragraphs
    return paragraphs.loc[paragraphs["kind"] == "recommendation", _KEYNESS_COLUMNS]


def _committee_of(data: ReportData) -> Callable[[str], object]:
    """A document's committee, by its symbol."""
    committees = dict(zip(data.documents["symbol"], data.documents["committee"], strict=True))
    return committees.__getitem__


def _by_symbol(table: pd.DataFrame) -> Callable[[str], pd.DataFrame]:
    """``table``'s rows of a symbol, as ``table[table["symbol"] == symbol]`` gives them (the table cut once)."""
    groups = dict(list(table.groupby(table["symbol"].astype(object), sort=False, dropna=True)))
    return lambda symbol: groups.get(symbol, table.iloc[:0])


KEYNESS_Q = 0.05
"""The false discovery rate of the keyness terms shown (Benjamini-Hochberg q-values)."""


def _keyness_parts(symbol: str, committee: str, others: int, table: pd.DataFrame) -> list[Part]:
    """The terms of a document's keyness table with q < KEYNESS_Q, or a sentence saying there are none."""
    reference = table.attrs.get("reference_symbols", [])
    compared = (f"the {len(reference)} {committee} COs to other States adopted within {KEYNESS_WINDOW} years of it "
                f"at hand "
                f"({', '.join(reference)})")
    significant = table[table["q_value"] < KEYNESS_Q]
    if significant.empty:
        return [Text(f"<p>No word or two-word phrase sets {_e(symbol)}'s recommendations apart from those of "
                     f"{_e(compared)} at a false discovery rate of {KEYNESS_Q:g} (Benjamini-Hochberg q-values over "
                     f"the {table.attrs.get('tested', len(table))} terms tested; cobs.compare.keyness).</p>")]
    shown = pd.concat([significant[significant["direction"] == side].head(KEYNESS_TOP)
                       for side in ("target", "reference")])
    shown = shown.assign(direction=shown["direction"].map({"target": f"more in {symbol}",
                                                           "reference": "more in the others"}))
    return [Table(
        f"keyness-{_slug(symbol)}",
        f"What sets {symbol}'s recommendations apart from those of {compared} (cobs.compare.keyness): the words "
        f"and two-word phrases most over- and under-represented, by log-likelihood G² with Williams' correction, "
        f"whose Benjamini-Hochberg q-value over the {table.attrs.get('tested', len(table))} terms tested is below "
        f"{KEYNESS_Q:g}, each used in two paragraphs or more of its side; State names and adjectives left out "
        f"(counts in the document and in the others; paragraphs using the term; log ratio of the rates, log2; "
        f"refs: the document's paragraphs that use the term).",
        shown[["term", "direction", "target_count", "reference_count", "target_paragraphs", "g2", "q_value",
               "log_ratio"]].assign(refs=shown["target_refs"]))]


def profiles_section(data: ReportData) -> Section:
    """Each document's profile: what it asks about, how insistently, and what it builds on."""
    subsections = []
    actions_of = _by_symbol(data.actions)
    cited = data.citations[data.citations["type"].isin(["general_comment", "previous"])]
    citations_of = _by_symbol(cited)
    recommendations = _recommendations(data)
    drawn = [s for s in data.documents["symbol"] if len(actions_of(s))]  # a CO without actions has no profile
    panel = panels_of(drawn, "profiles", group=_committee_of(data))
    figures = _panel_figures(
        actions_of, drawn, panel, "symbol",
        "Requested actions by theme and operative verb (strongest at the left), documents {first}-{last} of the "
        "{total} with requested actions, a panel each, on one theme axis (the " + str(PANEL_THEMES) + " themes "
        "most asked about in these documents, most first, then the others in one bar) and one scale: {symbols}.",
        {"hue": "strength", "top": PANEL_THEMES, "others": True}, "theme_profile")
    hand_over(figures)  # drawn while each document's keyness is computed
    for doc in data.documents.itertuples(index=False):
        symbol = doc.symbol
        acts = actions_of(symbol)
        cites = citations_of(symbol)
        strength = tally(acts, "strength").set_index("category")["count"] if len(acts) else pd.Series(dtype=int)
        themes = tally(acts, "theme")
        themes = themes[themes["category"].notna() & (themes["count"] > 0)].sort_values(
            ["count", "category"], ascending=[False, True], kind="stable")
        top = ", ".join(f"{_e(t)} ({n})" for t, n in zip(themes["category"][:3], themes["count"][:3], strict=True))
        urged = int(strength.get("urges", 0))
        text = (f"<p>{_e(doc.committee)}, concluding observations on {_e(doc.state_name)} adopted in {_e(doc.year)}: "
                f"{len(acts)} requested actions in {doc.recommendations} recommendation paragraphs; {urged} of the "
                f"actions urged ({_share(urged, len(acts))}). Themes asked about most (requested actions): "
                f"{top or 'none found'}. "
                f"It cites {cites.loc[cites['type'] == 'general_comment', 'citation'].nunique()} general comments "
                f"and {cites.loc[cites['type'] == 'previous', 'citation'].nunique()} earlier COs.</p>")
        if symbol in panel:
            text += (f"<p>Its requested actions by theme and operative verb: the panel {_e(symbol)} of "
                     f"{figure_link(panel[symbol][0])} (documents {panel[symbol][1]}-{panel[symbol][2]}).</p>")
        parts: list[Part] = [Text(text)]
        keyness = _keyness(data, symbol, recommendations)
        if keyness is not None:
            parts.extend(_keyness_parts(symbol, doc.committee, *keyness))
        if len(cites):
            cited = tally(cites, "citation", by="type")
            cited = cited[cited["count"] > 0].rename(columns={"category": "citation", "count": "paragraphs"})
            parts.append(Table(
                f"citations-{_slug(symbol)}",
                f"What {symbol} builds on: the general comments and earlier COs it cites, with the paragraphs (and "
                "items) citing each.",
                cited[["type", "citation", "paragraphs", "refs"]],
            ))
        subsections.append(Section(f"doc-{_slug(symbol)}", f"{symbol} ({doc.state_name}, {doc.year})", parts))
    return Section("profiles", "Document profiles", figures, subsections)


def _panel_figures(rows_of: Callable[[str], pd.DataFrame], items: list[str], panel: dict[str, tuple[str, int, int]],
                   by: str, caption: str, options: dict[str, object], plot: str,
                   named: Callable[[str], str] = str) -> list[Part]:
    """The figures of small multiples of ``items`` (``panel``: :func:`panels_of`), each drawn by ``plot`` on the rows
    of its items (``rows_of``), a panel each (told apart by the column ``by``) in the items' order; ``caption`` is
    formatted with ``first``, ``last``, ``total`` and ``symbols`` (the items, each as ``named`` says)."""
    figures: list[Part] = []
    for name in dict.fromkeys(panel[item][0] for item in items):
        chunk = [item for item in items if panel[item][0] == name]
        frame = pd.concat([rows_of(item) for item in chunk], ignore_index=True)
        frame[by] = pd.Categorical(frame[by].astype(object), categories=chunk)  # the panels in the page's order
        first, last = panel[chunk[0]][1], panel[chunk[0]][2]
        figures.append(Figure(name, caption.format(first=first, last=last, total=len(items),
                                                   symbols="; ".join(map(named, chunk))),
                              plot, frame, {**options, "by": by}, columns=2))
    return figures


def states_section(data: ReportData) -> Section | None:
    """Comparison across States (and documents): wording, action categories, themes."""
    if data.actions["symbol"].nunique() < 2:
        return None
    caution = (
        "<p>Read differences in wording against each committee's own drafting style, which changes over time for "
        "every State at once (the CRPD, for one, wrote “calls upon” more often in 2014-2016 than in 2022-2024, "
        "when “recommends” is nearly all it writes): compare a State with the documents the same committee adopted "
        "in the same years, and the CRC's wording with the CRPD's only as context.</p>")
    parts: list[Part] = [
        Text(caution),
        Figure("states-strength", "Operative verb of the requested actions, by document (strongest at the left).",
               "mix", data.actions, {"of": "strength", "by": "symbol"}, columns=2),
        Figure("states-action-category", "UPR Info action category of the requested actions, by document "
               "(5 specific at the left; (none): a verb outside the lexicon).",
               "mix", data.actions, {"of": "action_category", "by": "symbol"}, columns=2),
        Figure("states-themes", "Themes of the requested actions, by document: share of the document's requested "
               "actions (colour) and number of actions (figure) for the 15 themes with the most actions.",
               "theme_heatmap", data.actions, {"by": "symbol"}, columns=2),
    ]
    cites = data.citations[data.citations["type"].isin(["general_comment", "previous"])]
    if len(cites):
        parts.append(Figure(
            "states-citations", "The general comments and earlier COs the documents cite most (paragraphs and "
            "items citing each, all documents together).", "citations", cites, {"top": 20}, columns=2))
    parts.extend(_similarity_parts(data))
    return Section("states", "Across States", parts)


def _similarity_parts(data: ReportData) -> list[Part]:
    """How alike the documents' recommendations are, templates left out; and how much of each is template."""
    import cobs.compare

    recommendations = data.paragraphs[data.paragraphs["kind"] == "recommendation"]
    sentences = cobs.compare.boilerplate(recommendations)
    share = cobs.compare.boilerplate_share(sentences)
    matrix = cobs.compare.similarity(data.paragraphs, drop_boilerplate=True)
    years = data.documents.set_index("symbol")["year"]
    labels = {symbol: f"{symbol} ({years[symbol]})" for symbol in matrix.index}
    named = matrix.rename(index=labels, columns=labels)
    named.index.name = named.columns.name = "document"
    nearest = matrix.where(~pd.DataFrame(
        [[a == b for b in matrix.columns] for a in matrix.index], index=matrix.index, columns=matrix.columns))
    closest = pd.DataFrame({
        "symbol": matrix.index,
        "year": [int(years[s]) for s in matrix.index],
        # of equal similarities (to 1e-9, whatever the last bits on this machine) the first symbol
        "most_similar": nearest.columns.to_numpy()[argmax(nearest.fillna(-1.0).to_numpy(), axis=1, scale=1.0)],
        "similarity": nearest.max(axis=1).round(3).to_numpy(),
    })
    closest["its_year"] = [int(years[s]) for s in closest["most_similar"]]
    template = share.set_index("symbol")
    closest["template_share"] = closest["symbol"].map(template["share"]).round(3)
    same_period = int(((closest["year"] - closest["its_year"]).abs() <= STYLE_WINDOW).sum())
    return [
        Text(
            "<p>How alike the documents' recommendations are (<code>cobs.compare.similarity</code>: TF-IDF cosine "
            "of stemmed words and two-word phrases, without the committees' formula phrases), once the template "
            "sentences are left out: the sentences most of whose five-word sequences recur in COs to three or more "
            "other States (<code>cobs.compare.boilerplate</code>: follow-up, dissemination, next report, and the "
            "formulae of each recommendation). Templates make every CO of a period look like every other; even "
            f"without them, the drafting of the years weighs: {same_period} of the {len(closest)} documents are "
            f"closest to one adopted within {STYLE_WINDOW} years of it.</p>"),
        Figure("states-similarity", "Similarity of the documents' recommendations, template sentences left out "
               "(each pair once; 1 would be the same text).", "similarity", named, {}, columns=2),
        Table("states-similarity-nearest", "Each document's most similar document, and the share of its "
              "recommendations' words in template sentences.", closest),
    ]


STYLE_WINDOW = 2
"""Years either side of a CO's adoption within which the committee's other COs show its drafting style then."""


def _cycle_key(cycle: object) -> tuple[int, ...]:
    """"2-3" -> (2, 3); a missing or odd cycle sorts first."""
    if not isinstance(cycle, str):
        return ()
    return tuple(int(part) for part in re.findall(r"\d+", cycle))


def cycle_pairs(data: ReportData) -> list[tuple[str, str]]:
    """Consecutive cycles of one State before one committee: (earlier symbol, later symbol), by committee and State."""
    cycles = dict(data.paragraphs.drop_duplicates("symbol")[["symbol", "cycle"]].astype(object).itertuples(
        index=False, name=None))
    pairs = []
    for _, group in data.documents.groupby(["committee", "state"], sort=True):
        ordered = sorted(zip(group["year"], group["symbol"], strict=True),
                         key=lambda d: (d[0], _cycle_key(cycles.get(d[1])), d[1]))
        symbols = [symbol for _, symbol in ordered]
        pairs.extend(zip(symbols[:-1], symbols[1:], strict=True))
    return pairs


def _links(n: int) -> str:
    return f"{n} link" if n == 1 else f"{n} links"


CHANGE_WINDOW = 1
"""Years either side of each CO of a pair within which cobs.compare.change takes the committee's other COs."""


CHANGE_FIGURE = "cycles-change"
"""The name of the cycles section's forest plot: every pair's change net of the committee's drift."""


def _change_parts(data: ReportData, earlier: str, later: str,
                  cache: dict[object, object] | None = None) -> tuple[list[Part], pd.DataFrame]:
    """The State's change from one CO to the next, net of the committee's drift (cobs.compare.change): the text and
    table of the pair, and the table (drawn with the other pairs' in :data:`CHANGE_FIGURE`)."""
    import cobs.compare

    docs = data.documents.set_index("symbol")
    committee, state = docs.loc[earlier, "committee"], docs.loc[earlier, "state"]
    # the COs change() reads: the pair, and the committee's within CHANGE_WINDOW years of either (the others count
    # for nothing in its result; given the whole corpus, it measured every CO of the committee for every pair)
    years = pd.to_numeric(data.documents["year"], errors="coerce")
    near = pd.concat([(years - docs.loc[s, "year"]).abs() <= CHANGE_WINDOW for s in (earlier, later)], axis=1)
    read = data.documents.loc[(data.documents["committee"] == committee) & near.any(axis=1).to_numpy(), "symbol"]
    table = data.paragraphs[data.paragraphs["symbol"].isin({*read, earlier, later})]
    result = cobs.compare.change(table, state, committee=committee, symbols=[earlier, later], window=CHANGE_WINDOW,
                                 random_state=0, cache=cache)
    table = result.to_frame()
    listed = result.documents[result.documents["role"] == "committee"]
    sides = {w: ", ".join(f"{s} ({y})" for s, y in zip(listed.loc[listed["window"] == w, "symbol"],
                                                         listed.loc[listed["window"] == w, "year"], strict=True))
             or "none at hand" for w in ("earlier", "later")}
    strong = table[(table["measure"] == "strength_group") & (table["category"] == "strong")].iloc[0]
    interval = (f"{strong['difference']:+.2f} (95 % interval {strong['ci_low']:+.2f} to {strong['ci_high']:+.2f})"
                if pd.notna(strong["ci_low"]) else f"{strong['difference']:+.2f}, without an interval: a window "
                "holds fewer than two other COs")
    slug = _slug(later)
    return [
        Text(f"<p>A change of wording or theme says something of the State only against the committee's own "
             f"drafting, which changes for every State at once. <code>cobs.compare.change</code> sets {_e(state)}'s "
             f"change beside the committee's over the same years, from its COs to other States adopted within a "
             f"year of each CO (before: {_e(sides['earlier'])}; after: {_e(sides['later'])}), and gives the "
             f"difference (difference in differences) with a 95 % interval that treats the State's CO as one more "
             f"CO of its years. The share of requested actions the committee recommends or urges went from "
             f"{strong['state_earlier']:.0%} to {strong['state_later']:.0%} for {_e(state)}, and by "
             f"{strong['committee_change']:+.2f} in the committee's other COs: net of that, {interval}. An "
             f"interval that crosses 0 says the State changed no more than the committee's other COs of those "
             f"years would let one expect. Beside the other States' changes: the row {_e(pair_label(earlier, later))} "
             f"of {figure_link(CHANGE_FIGURE)}; the operative verb on its three levels (weak: draws attention, "
             f"requests, invites; middle: encourages, calls upon; strong: recommends, urges), each verb and each "
             f"theme in the table.</p>"),
        Table(f"cycles-{slug}-change", f"{earlier} → {later}: every measure of cobs.compare.change (each operative "
              f"verb and theme too), the committee's COs compared listed above ({len(table)} rows).", table,
              folded=True),
    ], table


def cycles_section(data: ReportData) -> Section | None:
    """Each State's consecutive cycles before a committee, aligned: what was repeated, modified, new or dropped."""
    pairs = cycle_pairs(data)
    if not pairs:
        return None
    import cobs.compare

    intro = Text(
        "<p>Where a State has two or more concluding observations from one committee, each later CO's "
        "recommendation paragraphs are linked to the earlier CO's (<code>cobs.compare.align</code> with its measured "
        "defaults): a link is <i>repeated</i> when the request is essentially the same, <i>modified</i> when it is "
        "narrowed, broadened or re-targeted; a later recommendation without a predecessor is <i>new</i>, an earlier "
        "one without a successor <i>dropped</i>. A link rests on an explicit citation of the earlier paragraph "
        "where the text or its footnotes give one, else on the wording (and the theme). Against a reading by hand "
        "of the two bundled CRPD pairs (not used to choose the defaults; <code>benchmarks/bench_align.py</code>), "
        "the links reach an F1 of 0.81 for Azerbaijan and 0.97 for New Zealand: check a link that matters in the "
        "texts, in the table below each figure.</p>")
    subsections = []
    # align() and change(): each pair of COs aligned once for the section, and no CO measured again (its actions
    # given)
    cache: dict[object, object] = {("actions", str(symbol)): acts for symbol, acts in data.actions.groupby(
        data.actions["symbol"].astype(object), sort=False)}
    panel = panels_of([later for _, later in pairs], "cycles", group=_committee_of(data))
    aligned_of: dict[str, pd.DataFrame] = {}
    changes: list[pd.DataFrame] = []
    for earlier, later in pairs:
        docs = data.documents.set_index("symbol")
        state_name = docs.loc[later, "state_name"]
        aligned = cobs.compare.align(data.paragraphs[data.paragraphs["symbol"] == earlier],
                                     data.paragraphs[data.paragraphs["symbol"] == later], cache=cache)
        status = aligned["status"].value_counts()
        linked = aligned[aligned["status"].isin(["repeated", "modified"])]
        change = linked["change"].value_counts()
        cited = linked[linked["evidence"] == "citation"]
        later_total = aligned["later_ref"].dropna().nunique()
        earlier_total = aligned["earlier_ref"].dropna().nunique()
        slug = _slug(later)
        parts: list[Part] = [Text(
            f"<p>Of the {later_total} recommendation paragraphs of {_e(later)}, {linked['later_ref'].nunique()} "
            f"take up one or more of the {earlier_total} of {_e(earlier)} ({_links(int(status.get('repeated', 0)))} "
            f"repeated, {int(status.get('modified', 0))} modified; {len(cited)} of these links rest on an explicit "
            f"citation of the earlier paragraph) and {int(status.get('new', 0))} paragraphs are new; "
            f"{int(status.get('dropped', 0))} of the earlier CO's paragraphs are not taken up again. The "
            f"committee's operative verb is stronger than before on "
            f"{_links(int(change.get('escalated', 0)))} and weaker on {_links(int(change.get('softened', 0)))}. "
            f"Theme by theme: the panel {_e(earlier)} → {_e(later)} of {figure_link(panel[later][0])} (pairs "
            f"{panel[later][1]}-{panel[later][2]}).</p>"),
        ]
        aligned_of[later] = aligned.assign(earlier_symbol=earlier, later_symbol=later)  # align leaves a dropped
        # paragraph's later_symbol empty (and a new one's earlier_symbol): the pair's panel counts them too
        change_parts, change_table = _change_parts(data, earlier, later, cache)
        parts.extend(change_parts)
        changes.append(change_table)
        changed = aligned[aligned["change"].isin(["escalated", "softened"])]
        if len(changed):
            parts.append(Table(
                f"cycles-{slug}-wording", f"{earlier} → {later}: the links whose operative verb changed.",
                changed[["earlier_ref", "later_ref", "status", "theme", "earlier_verb", "later_verb", "change"]]))
        parts.append(Table(
            f"cycles-{slug}-links", f"{earlier} → {later}: every link and unmatched recommendation, with the texts "
            f"(cobs.compare.align; {len(aligned)} rows).", aligned.drop(columns=["earlier_symbol", "later_symbol"]),
            folded=True))
        subsections.append(Section(f"cycles-{slug}", f"{state_name}: {earlier} → {later}", parts))
    figures = _panel_figures(
        aligned_of.__getitem__, list(aligned_of), panel, "later_symbol",
        "Pairs of cycles {first}-{last} of {total}, a panel each: the later CO's recommendation paragraphs by "
        "theme, as repeated, modified or new, and the earlier CO's dropped; ▲ and ▼ count the links whose "
        "operative verb is stronger or weaker than before (one bar segment per link, and per paragraph without one: "
        "a paragraph linked to two earlier ones counts twice); one theme axis (the " + str(PANEL_THEMES) + " themes "
        "with the most paragraphs in these pairs, most first, then the others in one bar) and one scale. Later COs: "
        "{symbols}.",
        {"top": PANEL_THEMES, "others": True}, "cycle_changes")
    figures.append(Figure(
        CHANGE_FIGURE, f"Each State's change from one CO to the next ({len(changes)} pairs of cycles, a row each), "
        "net of the committee's drift over the same years (dot, 95 % interval) beside its raw change (circle): the "
        "share of requested actions the committee recommends or urges, the mean specificity (0-4), the share with "
        "a deadline, and the share of the earlier CO's recommendations taken up (repetition: the State's rate, net "
        "of the committee's mean rate for other States' pairs of COs). An interval is cut where it passes what the "
        "net change can be (the State's raw change less the committee's, which lies in [-1, 1] for a share): "
        "intervals resting on few other COs pass it.", "change_forest", pd.concat(changes, ignore_index=True),
        {}, columns=2))
    return Section("cycles", "Across cycles", [intro, *figures], subsections)


UPR_GRADES = ("not made", "overlapping request", "same request")
"""Whether the UPR made a CO's request too, weakest first (the best ``grade`` of its links)."""


def _closest_session(upr: pd.DataFrame, year: int) -> pd.Series:
    """The UPR session closest in time to ``year`` (the earlier of two as close)."""
    sessions = upr[["session", "year"]].drop_duplicates().dropna()
    sessions = sessions.assign(_d=(sessions["year"] - year).abs()).sort_values(["_d", "year", "session"])
    return sessions.iloc[0]


def upr_section(data: ReportData) -> Section | None:
    """Each CO beside the UPR recommendations its State received at the closest session: what both asked."""
    if data.upr.empty:
        return None
    import cobs.compare

    intro = Text(
        "<p>The Universal Periodic Review (UPR) is the Human Rights Council's review of every State by the other "
        "States; its recommendations are one sentence each, by one State. Each CO is set beside the UPR "
        "recommendations its State received at the UPR session closest in time (UPR Info's export in "
        "<code>upr/</code>), and each of the CO's recommendations (each lettered item, and each paragraph's own "
        "request) is linked to the UPR recommendations that make the same or an overlapping request "
        "(<code>cobs.compare.align</code> across mechanisms: wording with the field's synonyms, the UPR issues "
        "read from each recommendation's words against the CO's themes, instruments named, decided by a link model "
        "fitted on hand readings); each requested action below takes the best grade of its recommendation's links. "
        "The UPR words requests differently and more broadly, so these links are far less sure than those between "
        "cycles: against hand readings of 16 CRPD and CRC COs beside their State's UPR recommendations they reach a "
        "link F1 of about 0.4 where the model was fitted without the State, and 0.15 to 0.35 on States read after "
        "it was frozen, while two readers agree at about 0.9 (<code>benchmarks/bench_align.py</code>). Treat them "
        "as candidates: read the linked texts in the table before citing a link.</p>")
    subsections = []
    compared = data.documents[data.documents["state"].isin(set(data.upr["state"].dropna()))]
    panel = panels_of([s for s, n in zip(compared["symbol"], compared["actions"], strict=True) if n], "upr",
                      group=_committee_of(data))
    graded: dict[str, pd.DataFrame] = {}
    sessions: dict[str, str] = {}
    for doc in compared.itertuples(index=False):
        upr = data.upr[data.upr["state"] == doc.state]
        session = _closest_session(upr, int(doc.year))
        recommendations = upr[upr["session"] == session["session"]]
        aligned = cobs.compare.align(recommendations, data.paragraphs[data.paragraphs["symbol"] == doc.symbol])
        linked = aligned[aligned["status"].isin(["repeated", "modified"])]
        best = linked.assign(_g=linked["grade"].map({"overlapping": 1, "same": 2})).groupby("later_ref")["_g"].max()
        acts = data.actions[data.actions["symbol"] == doc.symbol]
        grade = acts["ref"].map(best).map({1: UPR_GRADES[1], 2: UPR_GRADES[2]}).fillna(UPR_GRADES[0])
        acts = acts.assign(upr_grade=pd.Categorical(grade, categories=list(UPR_GRADES), ordered=True))
        counts = acts["upr_grade"].value_counts()
        year = int(session["year"])
        upr_made = linked["earlier_ref"].nunique()
        slug = _slug(doc.symbol)
        parts: list[Part] = [
            Text(f"<p>{_e(doc.symbol)} ({doc.year}) beside the {len(recommendations)} UPR recommendations "
                 f"{_e(doc.state_name)} received at session {int(session['session'])} ({year}): of the CO's "
                 f"{len(acts)} requested actions, {int(counts.get(UPR_GRADES[2], 0))} ask what a UPR recommendation "
                 f"asked too, {int(counts.get(UPR_GRADES[1], 0))} overlap with one, and "
                 f"{int(counts.get(UPR_GRADES[0], 0))} have no counterpart at the UPR; {upr_made} of the UPR's "
                 f"recommendations find a counterpart in the CO. "
                 + (f"By theme: the panel {_e(doc.symbol)} of {figure_link(panel[doc.symbol][0])}.</p>"
                    if doc.symbol in panel else "It has no requested action to draw.</p>")),
        ]
        graded[doc.symbol] = acts
        pairs = linked.groupby("later_ref", sort=False).agg(
            theme=("theme", "first"), grade=("grade", lambda g: "same" if (g == "same").any() else "overlapping"),
            upr=("earlier_ref", list)).reset_index().rename(columns={"later_ref": "ref"})
        if len(pairs):
            parts.append(Table(
                f"upr-{slug}-shared", f"The requests of {doc.symbol} the UPR made too, with the UPR recommendations "
                "(and the States that made them) linked to each.", pairs))
        parts.append(Table(
            f"upr-{slug}-links", f"UPR session {int(session['session'])} → {doc.symbol}: every link and unmatched "
            f"recommendation, with the texts (cobs.compare.align; {len(aligned)} rows).",
            aligned.drop(columns=["earlier_symbol", "later_symbol"]), folded=True))
        subsections.append(Section(f"upr-{slug}", f"{doc.symbol} and the UPR ({doc.state_name}, {year})", parts))
        sessions[doc.symbol] = f"{doc.symbol}: session {int(session['session'])} ({year})"
    if not subsections:
        return None
    figures = _panel_figures(
        graded.__getitem__, [s for s in graded if s in panel], panel, "symbol",
        "COs {first}-{last} of {total} beside the UPR, a panel each: the requested actions by theme, and whether "
        "the UPR made the same or an overlapping request at the session closest in time ({symbols}), on one theme "
        "axis (the " + str(PANEL_THEMES) + " themes most asked about in these COs, most first, then the others in "
        "one bar) and one scale.",
        {"hue": "upr_grade", "top": PANEL_THEMES, "others": True}, "theme_profile", sessions.__getitem__)
    return Section("upr", "Treaty body and UPR", [intro, *figures], subsections)


TOPICS = 8
"""Topics of the report's model: enough to tell the main subjects of a few COs apart; not chosen on evidence."""
TOPICS_RANDOM_STATE = 0
"""The seed of the report's topic model."""

def topics_section(data: ReportData) -> Section | None:
    """What the recommendations are about, found without the headings: topics, their prevalence by document, and
    how far they match the headings' themes."""
    if data.actions["symbol"].nunique() < 2:
        return None
    import warnings

    import cobs.topics

    actions = data.actions
    template = cobs.topics.template_rows(actions)  # what TopicModel leaves out (follow-up, dissemination, next report)
    topical = actions[~template].reset_index(drop=True)
    committees = sorted(topical["committee"].dropna().unique())
    model = cobs.topics.TopicModel(n_topics=TOPICS, committees=committees, random_state=TOPICS_RANDOM_STATE)
    with warnings.catch_warnings():  # a small corpus gets fewer topics: the text says how many
        warnings.simplefilter("ignore", cobs.topics.SmallCorpusWarning)
        model.fit(topical)
    topics = model.topics_
    labels = topics["label"].tolist()
    shares = pd.DataFrame(model.transform(topical), columns=labels)
    main = cobs.topics.dominant_topic(model, topical)
    per_action = pd.concat([topical[["ref", "symbol", "theme"]], pd.DataFrame({
        "topic": main["label"].astype(object), "share": main["share"].astype("float64")}), shares.round(6)], axis=1)
    agreement = {column: cobs.topics.against(model, topical, column=column) for column in ("theme", "cluster_id")}
    themes = cobs.topics.crosstab(model, topical, column="theme")
    themes = pd.DataFrame({"topic": themes["label"].astype(str), "theme": themes["theme"].astype(str),
                           "actions": themes["count"], "topic_share": themes["share"].round(3)})
    top_themes = {label: "; ".join(f"{t} ({n})" for t, n in zip(rows["theme"][:3], rows["actions"][:3], strict=True))
                  for label, rows in themes.groupby("topic", sort=False)}
    shown = topics.assign(terms=topics["terms"].map(lambda terms: ", ".join(terms)),
                          actions=topics["label"].map(main["label"].value_counts()).fillna(0).astype("int64"),
                          themes=topics["label"].map(top_themes))[
        ["topic", "label", "size", "actions", "terms", "themes", "examples"]]
    prevalence = cobs.topics.prevalence(model, topical, by="symbol", random_state=0)
    validity = pd.DataFrame([{"compared_with": {"theme": "headings' themes", "cluster_id": "clusters"}[column],
                              "categories": result.crosstab.shape[1], "nmi": round(result.nmi, 3),
                              "ami": round(result.ami, 3), "purity": round(result.purity, 3),
                              "inverse_purity": round(result.inverse_purity, 3), "n": result.n,
                              "left_out": result.left_out} for column, result in agreement.items()])
    theme, cluster = agreement["theme"], agreement["cluster_id"]
    fewer = (f" (the corpus is too small for {TOPICS}: one topic per five recommendation paragraphs at most)"
             if model.n_topics_ < TOPICS else "")
    intro = Text(
        f"<p>Topics are what the recommendations are about, found from their words alone, without the committees' "
        f"headings (<code>cobs.topics.TopicModel</code>: non-negative matrix factorisation of the TF-IDF weights of "
        f"words and two-word phrases; each recommendation paragraph is a document, and each requested action is "
        f"read with its paragraph). The committees' formula phrases (“the Committee recommends that the State "
        f"party”) and each treaty's own subject (“persons with disabilities”, “children”) are left out, so that "
        f"topics are made of subjects and COs of different committees can be set side by side; so are the "
        f"{int(template.sum())} requested actions of the implementation and reporting recommendations (follow-up, "
        f"dissemination, next report), alike in every CO. {model.n_topics_} topics{fewer}: a number to tell the "
        f"main subjects of a few COs apart, not one chosen on evidence (<code>cobs.topics.select_k</code> and "
        f"notebook 05 show how to choose it). A topic's label is its three best terms; its size, its mean share "
        f"of the requested actions; an action's topic shares sum to 1, and each action is counted under its main "
        f"topic below (<a href=\"tables/topics-actions.csv\">every action's shares</a>).</p>")
    reading = Text(
        f"<p>How far the topics match the committees' own structure: each action's main topic against its "
        f"heading's theme ({theme.crosstab.shape[1]} themes) and its cluster ({cluster.crosstab.shape[1]} "
        f"clusters). Normalised mutual information (NMI) is {theme.nmi:.2f} with the themes and {cluster.nmi:.2f} "
        f"with the clusters (0: independent, 1: the same grouping). Purity is the share of actions whose theme is "
        f"the most common one of their topic ({theme.purity:.0%}): with more themes than topics it stays low, "
        f"as each topic gathers several themes; inverse purity, the share of actions whose topic is the most "
        f"common one of their theme ({theme.inverse_purity:.0%}), says how far each theme keeps to one topic. "
        f"These figures are measured on the documents the model learnt from, which can flatter them; on COs left "
        f"out of fitting, the model's defaults reach an NMI of 0.61 with the themes at 12 topics on the 112 "
        f"English CRPD COs of 2011-2025 (<code>benchmarks/bench_topics.py</code>). With a few documents, read "
        f"the topics as a summary of these documents' words, not as a finding about the committees.</p>")
    return Section("topics", "Topics", [
        intro,
        Table("topics", "The topics, largest first: size (mean share of the requested actions), requested actions "
              "whose main topic it is, best terms, the headings' themes most common among those actions, and the "
              "most typical actions (one per paragraph).", shown),
        Figure("topics-prevalence", "Topic prevalence by document: the mean share of each topic in the "
               "document's requested actions, with a 95 % bootstrap interval from resampling the document's "
               "actions (it says how much a share rests on single recommendations, not how another CO would "
               "look).", "prevalence", prevalence, {"by": "symbol"}, columns=2),
        reading,
        Table("topics-validity", "Topics against the committees' structure: each action's main topic against "
              "its heading's theme and its cluster (cobs.topics.against, on the documents the model learnt "
              "from).", validity),
        Table("topics-themes", f"Each topic's actions by heading's theme ({len(themes)} rows).", themes,
              folded=True),
        Table("topics-actions", "Each action's main topic and its topic shares.", per_action, shown=False),
    ])


SECTIONS: list[Callable[[ReportData], Section | None]] = [documents_section, profiles_section, cycles_section,
                                                          states_section, groups_section, topics_section, upr_section]
"""The sections of the page, in order (the references come last, gathered from every figure)."""

DRAWN_FIRST: tuple[Callable[[ReportData], Section | None], ...] = (groups_section,)
"""The sections built before the others, whatever their place on the page: they build in a second and their figures
take long to draw (a hundred COs' groups and goals: three heatmaps of a hundred rows, some 15 s of drawing), so that
the workers draw them while the profiles and the cycles are computed."""

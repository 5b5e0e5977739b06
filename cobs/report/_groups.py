"""The report's "Groups and goals" section: whom the recommendations name and which SDGs they serve."""

from __future__ import annotations

import pandas as pd

from cobs.reference import base_group, goal_name
from cobs.report._data import ReportData
from cobs.report._parts import Figure, Part, Section, Table, Text, _e, _slug, figure_link, panels_of

__all__ = ["groups_section"]

_HOW = (
    "<p>Each requested action is tagged, as OHCHR's Universal Human Rights Index tags recommendations, with the "
    "groups of persons it concerns (OHCHR's 2025 vocabulary) and the Sustainable Development Goals it relates to "
    "(cobs.measure's <code>groups</code>, <code>sdgs</code> and <code>sdg_targets</code>): the committee's base group "
    "on every action (Children for the CRC, Persons with disabilities for the CRPD, as OHCHR tags them), the groups "
    "its text, chapeau or subheading names and those its theme implies; the goals and targets it cites, names or "
    "its theme implies. “Public officials”, which OHCHR's 2025 lists put on almost every recommendation as a label "
    "for the State, is tagged only where an action names officials. On hand-coded CO actions not used to write "
    "the rules, the tags agree with two coders about as often as the coders with each other (see the README).</p>")


GROUPS_YEARS = 1
"""Years either side of a CO within which its committee's other COs are set beside it (cobs.plot.groups's years)."""


_GROUPS_COLUMNS = ["symbol", "committee", "year", "groups", "ref"]
"""What cobs.plot.groups reads of the action table."""


def _named(actions: pd.DataFrame, committee: str, top: int = 4) -> str:
    """The groups most often named besides the base group, with their numbers of actions."""
    base = base_group(committee)
    counts = actions["groups"].explode().dropna()
    counts = counts[counts != base].value_counts()
    counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    return ", ".join(f"{_e(g)} ({n})" for g, n in counts.head(top).items()) or "none besides the base group"


def _goals(actions: pd.DataFrame, top: int = 3) -> str:
    counts = actions["sdgs"].explode().dropna().astype(int).value_counts()
    counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    return ", ".join(f"{g} {_e(goal_name(g).capitalize())} ({n})" for g, n in counts.head(top).items()) or "none"


def groups_section(data: ReportData) -> Section | None:
    """Whom each CO names against its committee's others, and the goals of its recommendations."""
    actions = data.actions
    if not len(actions) or "groups" not in actions.columns:
        return None
    parts: list[Part] = [Text(_HOW)]
    subsections = []
    of_symbol = dict(list(actions.groupby(actions["symbol"].astype(object), sort=False)))
    committee_of = dict(list(actions.groupby(actions["committee"].astype(object), sort=False)))
    compared: dict[str, str] = {}  # each CO set against its committee's others of its years: how they are named
    windows: dict[str, pd.Series] = {}
    texts: dict[str, tuple[object, str]] = {}
    for doc in data.documents.itertuples(index=False):
        acts = of_symbol.get(doc.symbol)
        if acts is None or not len(acts):
            continue
        same_committee = committee_of[doc.committee]
        window = (same_committee["year"] - doc.year).abs().le(GROUPS_YEARS).fillna(False)
        others = same_committee.loc[window & (same_committee["symbol"] != doc.symbol), "symbol"].nunique()
        texts[doc.symbol] = (doc, (
            f"<p>{_e(doc.symbol)}: the groups its {len(acts)} requested actions name most, besides the base group: "
            f"{_named(acts, doc.committee)}; the goals they relate to most: {_goals(acts)}."
            + ("" if others else " No other CO of its committee from those years is in the report to set it "
               "against.")))
        if others:  # the figure sets the CO against its committee's others: drawn where there are some
            compared[doc.symbol] = (f"{doc.symbol} against {others} COs of {doc.year - GROUPS_YEARS}-"
                                    f"{doc.year + GROUPS_YEARS}")
            windows[doc.symbol] = same_committee.loc[window, "symbol"]
    panel = panels_of(list(compared), "groups")
    for symbol, (doc, text) in texts.items():
        if symbol in panel:
            text += (f" Against the committee's other COs of {doc.year - GROUPS_YEARS}-{doc.year + GROUPS_YEARS}: "
                     f"the panel {_e(symbol)} of {figure_link(panel[symbol][0])}.")
        subsections.append(Section(f"groups-{_slug(symbol)}", f"{symbol} ({doc.state_name}, {doc.year})",
                                   [Text(text + "</p>")]))
    for name in dict.fromkeys(panel[s][0] for s in compared):
        chunk = [s for s in compared if panel[s][0] == name]
        # the COs the figure compares and the columns it reads, not the committee's every action
        read = set().union(*(set(windows[s]) for s in chunk))
        parts.append(Figure(
            name, f"Share of each CO's requested actions that concern each group of persons, beside the same share "
            f"over its committee's other COs adopted within {GROUPS_YEARS} year of it in the report, COs "
            f"{panel[chunk[0]][1]}-{panel[chunk[0]][2]} of {len(compared)} a panel each: "
            f"{'; '.join(compared[s] for s in chunk)}.",
            "groups", actions.loc[actions["symbol"].isin(read), _GROUPS_COLUMNS],
            {"symbol": chunk, "years": GROUPS_YEARS}, columns=2))
    chains = data.documents.groupby(["committee", "state"]).filter(lambda g: len(g) >= 2)
    if len(chains):  # every State's cycles in one figure, its COs side by side, oldest first
        cycle = _cycle_of(data)
        rows = sorted(chains[["committee", "state", "year", "symbol", "state_name"]].astype(object).itertuples(
            index=False), key=lambda d: (str(d.committee), str(d.state), d.year, cycle.get(d.symbol, ()), d.symbol))
        ordered = pd.DataFrame(rows)
        named = [f"{g['state_name'].iloc[0]} before the {c} ({', '.join(g['symbol'])})"
                 for (c, _), g in ordered.groupby(["committee", "state"], sort=False)]
        acts = actions[actions["symbol"].isin(set(ordered["symbol"]))]
        acts = acts.assign(symbol=pd.Categorical(acts["symbol"].astype(object), categories=list(ordered["symbol"])))
        parts.append(Figure("goals-cycles", "The goals of the requested actions of each State with two or more COs "
                            "from one committee, by CO: a State's COs side by side, oldest first (share of the CO's "
                            f"actions, and their number where a cell holds it): {'; '.join(named)}.", "goals", acts,
                            {"by": "symbol"}, columns=2))
    if actions["symbol"].nunique() >= 2:
        parts.append(Figure("goals-documents", "The goals of the requested actions, by document (share of the "
                            "document's actions and their number).", "goals", actions, {"by": "symbol"}, columns=2))
    from cobs.compare import profile

    regions = profile(actions, by=["region", "committee"], dimensions=["groups", "sdgs"])
    if regions["region"].nunique() >= 2:
        parts.append(Figure("goals-regions", "The goals of the requested actions, by the States' UN regional group "
                            "(as of 1 July 2024).", "goals", actions.assign(region=_regions(actions)),
                            {"by": "region"}, columns=2))
    shown = regions[regions["count"] > 0].assign(share=lambda t: t["share"].round(3))
    parts.append(Table("groups-goals-regions", "Groups of persons and goals by the States' UN regional group and "
                       "committee (cobs.compare.profile): actions naming each, and their share of the group's "
                       "actions.", shown[["region", "committee", "dimension", "category", "count", "n", "share"]],
                       folded=True))
    return Section("groups", "Groups and goals", parts, subsections)


def _regions(actions: pd.DataFrame) -> pd.Series:
    from cobs.reference import regions_table

    known = regions_table().set_index("code")["region"].astype("object")
    return actions["state"].astype("object").map(known).astype("string")


def _cycle_of(data: ReportData) -> dict[str, tuple[int, ...]]:
    """Each CO's cycle as numbers ("2-3" -> (2, 3)), to order a State's COs of one year."""
    import re

    cycles = data.paragraphs.drop_duplicates("symbol")[["symbol", "cycle"]].astype(object)
    return {s: tuple(int(x) for x in re.findall(r"\d+", c)) if isinstance(c, str) else ()
            for s, c in zip(cycles["symbol"], cycles["cycle"], strict=True)}

"""The report's "Groups and goals" section: whom the recommendations name and which SDGs they serve."""

from __future__ import annotations

import pandas as pd

from cobs.reference import base_group, goal_name
from cobs.report._data import ReportData
from cobs.report._parts import Figure, Part, Section, Table, Text, _e, _slug, figure_link

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


GROUPS_TOP = 12
"""The groups of persons drawn in the groups figure: those the most actions name."""


def _group_shares(actions: pd.DataFrame) -> pd.DataFrame:
    """Actions naming each group, by CO (a row each, the groups as columns), with the CO's actions in ``_n``."""
    exploded = actions[["symbol", "groups"]].astype({"symbol": object}).explode("groups").dropna()
    counts = pd.crosstab(exploded["symbol"], exploded["groups"].astype(str))
    sizes = actions.groupby(actions["symbol"].astype(object)).size()
    return counts.reindex(sizes.index, fill_value=0).assign(_n=sizes)


def _apart_rows(shares: pd.DataFrame, symbol: str, others: list[str], base: str | None) -> pd.DataFrame:
    """The CO against its committee's ``others`` (their actions pooled), a row per group either names besides the
    ``base`` group: the shares, their difference and the others' size (none without others)."""
    if not others:
        return pd.DataFrame()
    groups = [g for g in shares.columns if g not in ("_n", base)]
    own = shares.loc[symbol, groups] / shares.loc[symbol, "_n"]
    pooled = shares.loc[others, groups].sum() / shares.loc[others, "_n"].sum()
    named = [g for g in groups if own[g] > 0 or pooled[g] > 0]
    return pd.DataFrame({"symbol": symbol, "group": named, "share": own[named].to_numpy(dtype=float),
                         "others_share": pooled[named].to_numpy(dtype=float),
                         "difference": (own[named] - pooled[named]).to_numpy(dtype=float), "other_cos": len(others),
                         "other_actions": int(shares.loc[others, "_n"].sum())})


def _apart(rows: pd.DataFrame, others: int, span: str, top: int = 3) -> str:
    """A sentence: the ``top`` groups whose share of the CO's actions differs most from that over its committee's
    ``others`` COs of ``span`` (``rows``: :func:`_apart_rows`), or that none is at hand."""
    if not others:
        return "No other CO of its committee from those years is in the report to set it against."
    gap = rows.assign(_gap=rows["difference"].abs().round(12))
    ranked = gap[gap["_gap"] > 0].sort_values(["_gap", "group"], ascending=[False, True], kind="stable").head(top)
    named = f"its committee's {others} other CO" + ("s" if others != 1 else "") + f" of {span}"
    if ranked.empty:
        return f"It names each group as often as {named}."
    listed = "; ".join(f"{_e(g)} {own:.0%} against {pooled:.0%}"
                       for g, own, pooled in zip(ranked["group"], ranked["share"], ranked["others_share"], strict=True))
    return (f"Where it differs most from {named} (share of the requested actions naming the group, the CO against "
            f"{'their' if others != 1 else 'its'} actions): {listed}.")


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
    shares = _group_shares(actions)
    drawn = [s for s in data.documents["symbol"] if s in of_symbol and len(of_symbol[s])]
    figure = "groups-documents" if len(drawn) >= 2 else None
    apart: list[pd.DataFrame] = []
    for doc in data.documents.itertuples(index=False):
        acts = of_symbol.get(doc.symbol)
        if acts is None or not len(acts):
            continue
        same = data.documents[(data.documents["committee"] == doc.committee) & (data.documents["symbol"] != doc.symbol)
                              & ((data.documents["year"] - doc.year).abs() <= GROUPS_YEARS)
                              & data.documents["symbol"].isin(shares.index)]
        rows = _apart_rows(shares, doc.symbol, same["symbol"].tolist(), base_group(doc.committee))
        apart.append(rows)
        text = (f"<p>{_e(doc.symbol)}: the groups its {len(acts)} requested actions name most, besides the base group: "
                f"{_named(acts, doc.committee)}; the goals they relate to most: {_goals(acts)}. "
                + _apart(rows, len(same), f"{doc.year - GROUPS_YEARS}-{doc.year + GROUPS_YEARS}"))
        if figure is not None:
            text += f" Its groups: {figure_link(figure)}."
        subsections.append(Section(f"groups-{_slug(doc.symbol)}", f"{doc.symbol} ({doc.state_name}, {doc.year})",
                                   [Text(text + "</p>")]))
    if figure is not None:  # a heatmap of a hundred COs is turned by cobs.plot: a row each
        parts.append(Figure(
            figure, f"Share of each CO's requested actions that concern each group of persons, the {GROUPS_TOP} "
            f"groups the most actions name, for the {len(drawn)} COs (each committee's base group, on every action "
            "of its COs, left out of them; the number of actions where a cell holds it). Each CO's section below "
            "sets it against its committee's other COs of its years.", "groups",
            actions.loc[actions["symbol"].isin(drawn), _GROUPS_COLUMNS], {"by": "symbol", "top": GROUPS_TOP},
            columns=2))
    compared = pd.concat(apart, ignore_index=True).round(3) if apart else pd.DataFrame()
    if len(compared):
        parts.append(Table("groups-apart", f"Each CO against its committee's other COs adopted within {GROUPS_YEARS} "
                           "year of it in the report, every group of persons its actions or theirs name (besides the "
                           "base group): the share of the CO's requested actions naming the group, the share of the "
                           "other COs' actions together, and the difference (the three largest are in each CO's "
                           "section below).", compared, folded=True))
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
    if len(drawn) >= 2:
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

"""The columns of cobs's tables, documented once.

Column names are part of the API: every table cobs returns uses these names
with these meanings, and later steps (measures, comparisons, figures) add
columns rather than rename them.

**Dtypes and missing values.** Text columns have pandas' ``string`` dtype and
``pd.NA`` where there is no value (a paragraph without a subheading has
``heading`` NA, an action without an operative verb ``verb`` NA), so that
``isna()``, ``dropna()``, ``value_counts()`` and crosstabs treat "none" as
missing rather than as a label ``""``. One exception: ``sub`` is ``""`` for a
paragraph's own text, which is a value (the row is the paragraph), not a
missing one. Counts and numbers that may be missing are nullable integers
(``Int64``); ``kind`` and ``strength`` are categoricals; list columns (``notes``,
``articles``, ...) hold Python lists, empty when there is nothing.
:data:`DTYPES` gives each column's dtype; :func:`cobs.read_table` restores them
in a table written to CSV, JSON or Parquet.
"""

from __future__ import annotations

import pandas as pd

from cobs import _shadowed  # noqa: F401  (a folder named cobs taken for the package: ImportError saying so)

PARAGRAPH_COLUMNS: dict[str, str] = {
    "symbol": "UN symbol of the document, e.g. 'CRC/C/KAZ/CO/4'.",
    "committee": "Committee code: CRC, CRPD, CEDAW, CCPR, CESCR, CERD, CAT, CMW or CED.",
    "state": "State code: ISO 3166-1 alpha-3 ('KAZ'); 'EU' for the European Union.",
    "cycle": "Reporting cycle(s) reviewed, as in the symbol: '4', '2-3' (text: sort by cycle_first, not by cycle).",
    "cycle_first": "First reporting cycle reviewed (int): 2 for '2-3'; CO/2-3 sorts after CO/1.",
    "cycle_last": "Last reporting cycle reviewed (int): 3 for '2-3'.",
    "year": "Year the observations were adopted.",
    "language": "ISO 639-1 code of the document's language (always 'en' for now).",
    "para": "Paragraph number (int).",
    "sub": "'' for the paragraph's own text, 'a', 'b', ... for its lettered sub-paragraphs.",
    "section": "Title of the section (roman-numbered heading) without its numeral; NA before the first one.",
    "cluster": "Title of the lettered cluster, with its list of articles, without its letter; NA if none.",
    "heading": "Unnumbered subheading the paragraph stands under ('Corporal punishment'); NA if none.",
    "kind": "intro, positive, concern, recommendation or other; a sub-paragraph has its paragraph's kind.",
    "text": "The row's text: paragraph number and chapeau (and any text after the items) for sub '', "
    "the item text with its letter for a sub-paragraph. Footnote markers are removed.",
    "page": "1-based page where the row starts (missing for plain text).",
    "line": "1-based line of the file where the row starts (plain text only).",
    "bold": "Share of the row's characters set in bold (missing where typography is unknown).",
    "notes": "Texts of the footnotes whose markers stand in the row (a list, in marker order). COs often cite "
    "there what they build on: 'CRPD/C/AZE/CO/1, para. 13.'.",
}
"""Columns of :attr:`cobs.Document.paragraphs`, in order."""

FOOTNOTE_COLUMNS: dict[str, str] = {
    "symbol": "UN symbol of the document.",
    "number": "The footnote's number as printed (a string): '1', '2', ... or '*' for an asterisk note.",
    "text": "Text of the footnote, without its label.",
    "page": "Page where the footnote is printed (missing for plain text).",
    "para": "Paragraph whose text carries the footnote's marker (missing for the title).",
    "sub": "Sub-paragraph carrying the marker ('' for the paragraph's own text; NA for the title).",
}
"""Columns of :attr:`cobs.Document.footnotes`."""

SET_ASIDE_COLUMNS: dict[str, str] = {
    "symbol": "UN symbol of the document.",
    "role": "What the text is: title, masthead, running (header or footer), page_number, section, cluster, "
    "heading, footnote, footnote_marker.",
    "text": "The text set aside, as printed (one line per row).",
    "page": "Page where it is printed (missing for plain text).",
    "line": "Line of the file (plain text only).",
}
"""Columns of :attr:`cobs.Document.set_aside`: everything of the file that is not in a paragraph row."""

ACTION_COLUMNS: dict[str, str] = {
    "symbol": "UN symbol of the document.",
    "committee": "Committee code.",
    "state": "State code.",
    "cycle": "Reporting cycle(s) reviewed.",
    "cycle_first": "First reporting cycle reviewed (int).",
    "cycle_last": "Last reporting cycle reviewed (int).",
    "year": "Year the observations were adopted.",
    "para": "Paragraph number.",
    "sub": "Letter of the item ('' for an action of the paragraph's own text).",
    "clause": "Number of the action within its row (1, 2, ...): the paragraph's own text may ask several things.",
    "ref": "Citation of the action, unique in a table: 'CRC/C/KAZ/CO/4, para. 29 (a)'; where a paragraph's own text "
    "asks several things, its second and later requests are named: 'CRC/C/KAZ/CO/4, para. 15, second request'.",
    "section": "Section title (as in the paragraph table).",
    "cluster": "Cluster title (as in the paragraph table).",
    "heading": "Subheading (as in the paragraph table).",
    "chapeau": "The sentence that introduces an item ('The Committee urges the State party to:'); NA for an action "
    "of the paragraph's own text.",
    "text": "The action: the sentence(s) of the own text, or the item without its letter.",
    "request": "What is asked: the text after the operative verb ('that the State party ratify ...'), or the item.",
    "verb": "The Committee's operative verb (lemma): urge, recommend, call upon, encourage, invite, request, "
    "draw attention, remind, reiterate, should, suggest; NA if none was found.",
    "strength": "Ordered categorical of the operative verb, weakest first: draws attention < requests < invites < "
    "encourages < calls upon < recommends < urges ('strongly recommends' counts as urges).",
    "action_verb": "The verb of what the State is asked to do: 'adopt', 'ensure', 'take', ...; NA when none is "
    "found (a passive: 'that programmes be designed').",
    "action": "The request from its verb on ('take all measures necessary to ...'), worded like a UPR "
    "recommendation: the text to give classifiers trained on UPR Info data (ActionCategoryClassifier); NA where "
    "action_verb is.",
    "page": "Page where the action's row starts (PDF).",
    "notes": "Footnote texts of the action's row and of its paragraph's own text (a list).",
}
"""Columns of :func:`cobs.actions`: one row per requested action."""

MEASURE_COLUMNS: dict[str, str] = {
    "intensifiers": "Intensifying phrases found (cobs/data/intensifiers.csv): 'immediately', "
    "'as a matter of priority'.",
    "hedges": "Hedging phrases found in the request (cobs/data/hedges.csv): 'consider', 'as appropriate'.",
    "action_category": "UPR Info action category 1-5 of the action: 1 minimal, 2 continuing, 3 considering, "
    "4 general, 5 specific; the category of its verb (cobs/data/action_verbs.csv) corrected by UPR Info's "
    "principles (cobs/data/action_rules.csv: 'continue and strengthen' 4, 'improve ... by amending' 5); of a passive "
    "request ('that measures be taken') its participle's; missing when no verb is found or the verb is not in "
    "the lexicon (cobs.measures.action_category_of).",
    "specificity": "0-4: how many of these the request has: a named law, body or instrument; a number or date; "
    "a deadline; a target group.",
    "time_bound": "True when the request sets a deadline ('by 2025', 'within 12 months').",
    "articles": "Treaty articles cited by the action, its chapeau and its subheading ('Education (art. 24)'): "
    "['19', '24(3)']. Ranges are expanded ('arts. 28-31').",
    "cluster_articles": "Treaty articles listed in the cluster heading ('Violence against children (arts. 19, "
    "24 (3), ...)'): broad for CRPD article groups ('Specific rights (arts. 5-30)' lists 26).",
    "general_comments": "General comments/recommendations cited: ['CRC general comment No. 13 (2011)'].",
    "previous": "Earlier COs cited, with the paragraphs named: ['CRC/C/KAZ/CO/3, paras. 15, 17'].",
    "instruments": "Other instruments and bodies cited (cobs/data/instruments.csv): ['Paris Principles'].",
    "persistence": "Markers of a repeated concern or recommendation in the action, its chapeau or the concern "
    "paragraph just before it: ['remains concerned', 'reiterates'].",
    "cluster_id": "Canonical cluster (cobs/data/clusters.csv): CRC-1 ... CRC-9, CRC-OPSC/OPAC/OPIC/RAT, "
    "CRPD-A/B/C (article groups), IMPL (implementation and reporting); NA if none fits.",
    "theme": "Theme of the subheading (or cluster) in the shared taxonomy of cobs/data/themes.csv; NA if none "
    "(or predicted: see theme_source).",
    "theme_source": "Where the theme comes from: 'heading' (the subheading), 'cluster' (the cluster title, when "
    "there is no subheading), 'model' (predicted by measure(..., theme_model=...)); NA where theme is.",
    "groups": "Groups of persons the action concerns, in OHCHR's 2025 vocabulary (cobs.reference.GROUPS, "
    "cobs/data/groups.csv), a list in that order: the committee's base group ('Children' for the CRC, 'Persons with "
    "disabilities' for the CRPD, on every action), those its text, chapeau or subheading names "
    "(cobs/data/group_terms.csv) and those its theme implies (cobs/data/theme_labels.csv). 'Public officials' only "
    "where officials are named.",
    "sdgs": "Sustainable Development Goals (1-17) the action relates to, a sorted list of int: goals and targets it "
    "cites, its wording (cobs/data/sdg_terms.csv) and its theme (cobs/data/theme_labels.csv).",
    "sdg_targets": "SDG targets where the link is plain, a list of str in target order: those the action cites "
    "('target 16.3') and those its wording names (birth registration -> '16.9', child marriage -> '5.3').",
}
"""Columns :func:`cobs.measure` adds to the action table."""

THEMATIC_LIST_COLUMNS: dict[str, str] = {
    "state": "State under review (ISO 3166-1 alpha-3), from the Word file's page header; NA for a text file.",
    "session": "UPR Working Group session (Int64), from the page header ('2nd Cycle - 20th session'); NA for a text "
    "file.",
    "heading": "The 'Theme:' row the recommendation is listed under ('Acceptance of international norms').",
    "number": "Its number in the Working Group report: '115.1'.",
    "recommendation": "Its text as printed, with the recommending State(s): '... (Croatia);'.",
    "position_source": "Where the State's position is recorded: 'A/HRC/28/15/Add.1 - Para. 3'.",
    "response": "The State's position: 'Supported' or 'Noted'.",
    "themes": "OHCHR's themes, as printed (a list; 2014 with its UHRI codes: 'A12 Acceptance of international "
    "norms').",
    "affected_persons": "OHCHR's groups of persons as printed that year (a list: 'women', 'general', 'Migrants & "
    "domestic workers').",
    "groups": "The same groups in OHCHR's 2025 spelling (a list; 'general' names none): cobs.reference.GROUPS.",
    "sdgs": "OHCHR's Sustainable Development Goals (a list of int, sorted; empty in the 2014 lists, which give none).",
}
"""Columns of :func:`cobs.read.read_thematic_list`: one row per recommendation of an OHCHR thematic list."""

CITATION_COLUMNS: dict[str, str] = {
    "symbol": "UN symbol of the document.",
    "para": "Paragraph number.",
    "sub": "Sub-paragraph ('' for the paragraph's own text).",
    "ref": "Citation of the row citing: 'CRC/C/KAZ/CO/4, para. 7'.",
    "type": "What is cited: article, general_comment, previous (an earlier CO), instrument.",
    "citation": "The canonical citation: '19', 'CRC general comment No. 13 (2011)', 'CRC/C/KAZ/CO/3, paras. 15, 17', "
    "'Paris Principles'.",
}
"""Columns of :func:`cobs.citations`: one row per citation."""

KINDS = ("intro", "positive", "concern", "recommendation", "other")
"""The values of the ``kind`` column, in the order of a typical document."""
KIND_DTYPE = pd.CategoricalDtype(list(KINDS), ordered=False)
"""Dtype of ``kind``."""

STRENGTHS = ("draws attention", "requests", "invites", "encourages", "calls upon", "recommends", "urges")
"""Levels of ``strength``, weakest first."""
STRENGTH_DTYPE = pd.CategoricalDtype(list(STRENGTHS), ordered=True)
"""Dtype of ``strength``: an ordered categorical, so that ``max()`` and comparisons follow the scale."""

LIST_COLUMNS = frozenset(
    {"notes", "intensifiers", "hedges", "articles", "cluster_articles", "general_comments", "previous", "instruments",
     "persistence", "groups", "sdgs", "sdg_targets", "themes", "affected_persons", "earlier_groups", "later_groups"}
)
"""Columns holding a Python list per row (empty when there is nothing)."""
INT_LIST_COLUMNS = frozenset({"sdgs"})
"""List columns whose items are int (goals 1-17): read back from CSV as int."""

_STRING = pd.StringDtype()
DTYPES: dict[str, object] = {
    **dict.fromkeys(
        ["symbol", "committee", "state", "cycle", "language", "sub", "section", "cluster", "heading", "text", "number",
         "role", "ref", "chapeau", "request", "verb", "action_verb", "action", "cluster_id", "theme", "theme_source",
         "type", "citation", "position_source"],
        _STRING,
    ),
    **dict.fromkeys(["year", "page", "line", "action_category", "cycle_first", "cycle_last", "session"], "Int64"),
    "para": "int64",  # Int64 in the footnote table, where a footnote of the title has none
    "clause": "int64",
    "specificity": "int64",
    "bold": "float64",
    "time_bound": "bool",
    "kind": KIND_DTYPE,
    "strength": STRENGTH_DTYPE,
    **dict.fromkeys(LIST_COLUMNS, "object"),
}
"""The dtype of every column of the tables above (a column has one dtype in every table)."""


ALIGN_COLUMNS: dict[str, str] = {
    "earlier_symbol": "Symbol of the earlier document (missing for a new recommendation).",
    "later_symbol": "Symbol of the later document (missing for a dropped recommendation).",
    "earlier_para": "Paragraph of the earlier recommendation (Int64; missing for new).",
    "earlier_sub": "Its item ('' for a whole paragraph or its own text; missing for new).",
    "later_para": "Paragraph of the later recommendation (Int64; missing for dropped).",
    "later_sub": "Its item ('' for a whole paragraph or its own text; missing for dropped).",
    "earlier_ref": "Citation of the earlier recommendation: 'CRPD/C/AZE/CO/1, para. 13'.",
    "later_ref": "Citation of the later recommendation.",
    "status": "repeated (essentially the same request), modified (same issue, request narrowed, broadened or "
    "re-targeted), new (no predecessor), dropped (no successor).",
    "similarity": "TF-IDF cosine of the two texts without the committees' formula phrases (Float64; missing for new "
    "and dropped).",
    "evidence": "What made the link: citation (the later text or its footnotes cite the earlier paragraph), text "
    "(wording), text+article (wording, and the same theme or a shared article); missing for new and dropped.",
    "earlier_verb": "Strongest operative verb of the earlier recommendation (lemma: urge, recommend, ...).",
    "later_verb": "Strongest operative verb of the later recommendation.",
    "earlier_strength": "Its strength (ordered categorical cobs.measures.STRENGTH_DTYPE).",
    "later_strength": "Its strength (ordered categorical cobs.measures.STRENGTH_DTYPE).",
    "change": "escalated, softened or same: later strength against earlier strength on a link; missing where not "
    "linked or a strength is unknown (UPR recommendations have no operative verb of a committee).",
    "theme": "Theme of the later recommendation (of the earlier one for dropped); missing if none.",
    "earlier_text": "Text of the earlier recommendation (paragraph or item, chapeau included).",
    "later_text": "Text of the later recommendation.",
    "score": "The link's score: similarity plus the theme bonus (Float64; missing for new and dropped); with the "
    "UPR under the link model (align's decision=\"model\", the default there), its probability of a link. A cited "
    "paragraph is linked whatever its score.",
    "grade": "same (the same request) or overlapping (an overlapping request) for a link: 'repeated' and "
    "'modified' across cycles, the grade of a link between a CO and the UPR; missing for new and dropped.",
    "reuse": "Text reuse (Float64, 0-1): the share of the later recommendation's content words (stemmed, without stop "
    "words and formula phrases) that lie in spans aligned with the earlier one by Smith-Waterman local alignment, "
    "as in legislative text-reuse studies; missing for new and dropped.",
    "reuse_earlier": "The same share of the earlier recommendation's content words (Float64): high where the later "
    "text repeats the earlier request and adds others, low where it narrows it.",
    "bonus_only": "True for a link whose wording alone (similarity) is below the threshold, so that the shared theme, "
    "issue or instrument made it (boolean; a cited paragraph is False); missing for new and dropped.",
    "upr_timing": "For a link between a CO and the UPR: 'before' where the UPR recommendation was made at a Working "
    "Group session that ended before the CO's adoption, 'after' where the session began after it; missing where it "
    "cannot be told (a CO known by its year only, reviewed in the session's year; a session without dates in "
    "cobs/data/upr_sessions.csv) and between two COs.",
    "earlier_groups": "Groups of persons of the earlier recommendation's actions (cobs.measure's groups, a list; empty "
    "for new): set beside later_groups, which groups a repeated request dropped or added.",
    "later_groups": "Groups of persons of the later recommendation's actions (a list; empty for dropped).",
}
"""Columns of :func:`cobs.compare.align`: one row per link and per unmatched recommendation."""

CHAIN_COLUMNS: dict[str, str] = {
    "committee": "Committee code of the chain.",
    "state": "State code of the chain.",
    "step": "1 for the chain's first pair of consecutive documents, 2 for the next, ...",
    **ALIGN_COLUMNS,
    "thread": "Ref of the earliest recommendation the request descends from through repeated or modified links (its "
    "own ref for a new one): one value per request followed across cycles.",
    "first_symbol": "Symbol of the document where the thread starts.",
    "first_year": "Year of that document (Int64).",
    "times": "How many documents of the chain, up to the later one, made the request (1: new); for a dropped row, "
    "how many had made it.",
    "earlier_year": "Year of the step's earlier document (Int64).",
    "later_year": "Year of the step's later document (Int64).",
}
"""Columns of :func:`cobs.compare.chain`: the columns of :data:`ALIGN_COLUMNS` for each consecutive pair, with
the chain, the step and the request's thread."""

THREAD_COLUMNS: dict[str, str] = {
    "thread": "Ref of the earliest recommendation of the thread (as in CHAIN_COLUMNS), after the chain's committee "
    "and state.",
    "first_symbol": "The document that first made the request.",
    "first_year": "Its year (Int64).",
    "last_symbol": "The last document of the chain that made it (the first one for a request never repeated).",
    "last_year": "Its year (Int64).",
    "times": "How many documents of the chain made the request (1: once).",
    "repeated": "Links of the thread read as repeated (essentially the same request).",
    "modified": "Links of the thread read as modified (the request narrowed, broadened or re-targeted).",
    "dropped": "The document that no longer made the request, after last_symbol; missing where the chain's last "
    "document still makes it.",
    "refs": "The recommendations of the thread, oldest first (a list of refs).",
}
"""Columns of :func:`cobs.compare.threads` (after ``committee`` and ``state``): one row per request followed along
a chain of COs."""

PROFILE_COLUMNS: dict[str, str] = {
    "dimension": "What is counted: theme, cluster_id, strength, action_category, specificity, time_bound, groups or "
    "sdgs (after the grouping columns, e.g. symbol, state, region or income_group).",
    "category": "The value counted (str): a theme, 'urges', '5', 'True'; missing (NA) counts actions without a value.",
    "count": "Actions of the group with that value (for groups and sdgs, actions naming that group or goal: an action "
    "counts under each of its own).",
    "n": "Actions in the group.",
    "share": "count / n (for groups and sdgs the shares need not sum to 1).",
    "mean": "The group's mean for ordered dimensions (strength as its rank 1 = draws attention ... 7 = urges; action "
    "category 1-5; specificity 0-4; time_bound as the share of True); missing for theme, cluster_id, groups, sdgs.",
}
"""Columns of :func:`cobs.compare.profile` (after the grouping columns): long, tidy, ready to plot."""

KEYNESS_COLUMNS: dict[str, str] = {
    "term": "A word or phrase (as cobs.text.Analyzer cuts texts: lower case, no stop words or formula phrases, no "
    "State names or adjectives unless names=True, hyphenated words whole).",
    "target_count": "Times the term occurs in the target texts.",
    "reference_count": "Times it occurs in the reference texts.",
    "target_rate": "Per 10,000 terms of the same length in the target (words among words, phrases among phrases).",
    "reference_rate": "Per 10,000 terms of the same length in the reference.",
    "target_paragraphs": "Paragraphs of the target using the term (a table's symbol and para; each text of a list).",
    "reference_paragraphs": "Paragraphs of the reference using it.",
    "target_documents": "Documents (symbols) of the target using it (Int64; NA for lists of texts).",
    "reference_documents": "Documents of the reference using it.",
    "g2": "Dunning's log-likelihood G2 of the 2x2 table (term / other terms, target / reference); with Williams' "
    "correction by default (correction='default', as quanteda).",
    "chi2": "Pearson's chi-square of the same table; with Yates' continuity correction by default.",
    "p_value": "p-value of G2 (chi-square distribution, 1 degree of freedom), for one term alone.",
    "q_value": "Benjamini-Hochberg q-value of p_value over all the terms tested: read q < 0.05 as distinctive, the "
    "expected share of false discoveries among such terms being at most 5 %.",
    "p_bonferroni": "p_value times the number of terms tested (at most 1).",
    "log_ratio": "Effect size: Hardie's Log Ratio, log2 of the target rate over the reference rate (a count of 0 taken "
    "as 0.5); 1 = twice as frequent in the target.",
    "direction": "'target' where the term is relatively more frequent in the target, else 'reference'.",
}
"""Columns of :func:`cobs.compare.keyness`, as quanteda's textstat_keyness gives them, with dispersion and adjusted
p-values; with ``refs=True`` also ``target_refs`` and ``reference_refs``: the ``ref`` of the rows that use the term on
each side (lists)."""

BOILERPLATE_COLUMNS: dict[str, str] = {
    "symbol": "UN symbol of the document.",
    "state": "State code.",
    "para": "Paragraph number.",
    "sub": "Sub-paragraph ('' for the paragraph's own text).",
    "sentence": "Number of the sentence in its row, from 1.",
    "text": "The sentence.",
    "words": "Its number of words.",
    "shared": "Share of its five-word sequences found in COs to at least min_states other States.",
    "states": "Median number of other States whose COs contain its five-word sequences.",
    "template": "True when shared >= min_shared: a template of the committee, not specific to the State.",
}
"""Columns of :func:`cobs.compare.boilerplate`: one row per sentence."""

SIMILAR_COLUMNS: dict[str, str] = {
    "symbol": "The document asked about; the column is named as ``by`` (``state`` with by='state', ``group`` "
              "when by is a list).",
    "other": "Another one.",
    "similarity": "Similarity of their recommendations (TF-IDF cosine by default; see cobs.compare.similarity).",
    "rank": "1 for the most similar, 2 for the next, ...",
}
"""Columns of :func:`cobs.compare.most_similar`."""

UPR_COLUMNS: dict[str, str] = {
    "source": "Who made the recommendation: the recommending State (or observer).",
    "response": "The answer of the State under review: 'Supported', 'Noted' or, in a Working Group report, 'To be "
    "examined' (answered in an addendum).",
    "issues": "UPR Info's issues (list of str; empty for recommendations read from a Working Group report).",
    "upr_action": "UPR Info's action category 1-5, coded by hand (Int64; missing for a report's recommendations).",
    "session": "UPR Working Group session (Int64): Kazakhstan 7 = 2010, 20 = 2014.",
}
"""Columns :func:`cobs.compare.upr_recommendations` adds to the action and measure columns (committee 'UPR')."""

TALLY_COLUMNS: dict[str, str] = {
    "<by>": "The grouping columns given as by= (symbol, state, cluster_id, ...), with their names and values.",
    "dimension": "The column counted ('strength', 'theme', 'action_category', 'status', ...).",
    "category": "Its value, as a string ('urges', '4'); missing for the rows where the column is missing (or '').",
    "count": "Rows of the group with this category.",
    "n": "Rows in the group (every category, missing included).",
    "share": "count / n.",
    "refs": "The references of the rows counted ('CRC/C/KAZ/CO/4, para. 29 (a)'), in table order (a list).",
}
"""Columns of :func:`cobs.tally`: the table behind a figure of counts or shares (the layout of
``cobs.compare.profile``, plus the references)."""

TOPIC_COLUMNS: dict[str, str] = {
    "topic": "Topic number (int), 0 for the largest: the column order of TopicModel.transform.",
    "label": "Short name of the topic: its first three terms joined by ' / ' ('inclusive education / school / "
    "teachers'); the name of its column in transform's pandas output.",
    "terms": "The topic's best terms, best first (a list of words and word pairs; an n-gram and the words in it "
    "are not listed twice). Weights equal to 1e-9 of the topic's largest are one weight, and its terms come "
    "alphabetically (a word before the word pair it begins), whatever the CPU or BLAS.",
    "weight": "Each term's weight in the topic (a list, aligned with terms): its share of the topic's term weights.",
    "size": "The topic's share of the corpus: its mean share over the rows fitted (templates not counted unless "
    "kept); sizes sum to 1. Topics of equal size (to 1e-9) are ordered by their first terms.",
    "examples": "The most typical rows, most typical first, one per paragraph (a list): their ref "
    "('CRPD/C/DEU/CO/1, para. 30 (a)') when the table has one, else their text. A row's typicality is its share of "
    "the topic times the cosine of its term weights (read with its paragraph) and the topic's; equally typical rows "
    "(to 1e-9) in the order of their ref.",
}
"""Columns of :attr:`cobs.topics.TopicModel.topics_`: one row per topic."""

TOPIC_QUALITY_COLUMNS: dict[str, str] = {
    "topic": "Topic number, as in TopicModel.topics_.",
    "label": "Topic label, as in TopicModel.topics_.",
    "coherence": "NPMI coherence of the topic's top terms on the texts given (mean over term pairs of "
    "log(p(a,b) / (p(a) p(b))) / -log p(a,b), with p the share of texts holding the term; -1 for a pair never "
    "seen together; pairs of nested terms skipped); from -1 to 1, higher is more coherent. A topic whose top terms "
    "are one word pair alone is scored by the pair of its two words; a topic of one word is NaN.",
    "exclusivity": "Mean, over the topic's top terms, of the term's weight in this topic divided by its weight "
    "summed over all topics; from 1/n_topics (shared by all) to 1 (this topic's own).",
    "frex": "Mean FREX of the topic's top terms (Bischof and Airoldi 2012, as stm computes it, weight 0.5): the "
    "harmonic mean of the term's rank among the topic's terms by weight and by exclusivity, each divided by the "
    "number of terms; near 1 when the top terms are both the topic's most frequent and most exclusive.",
}
"""Columns of :func:`cobs.topics.topic_quality`: one row per topic."""

SELECT_K_COLUMNS: dict[str, str] = {
    "k": "Number of topics asked for.",
    "n_topics": "Number of topics fitted (lower than k on a small corpus).",
    "coherence": "Mean NPMI coherence of the topics on the held-apart documents, averaged over the seeds.",
    "coherence_sd": "Standard deviation of coherence over the seeds.",
    "exclusivity": "Mean exclusivity of the topics' top terms, averaged over the seeds.",
    "exclusivity_sd": "Standard deviation of exclusivity over the seeds.",
    "frex": "Mean FREX of the topics' top terms (cobs.topics.frex: frequency and exclusivity, weight 0.5), averaged "
    "over the seeds.",
    "frex_sd": "Standard deviation of frex over the seeds.",
    "stability": "Mean best-match overlap of top terms between the models of two seeds (topics matched one to one, "
    "share of top terms in common), averaged over all pairs of seeds; 1 = the same topics every time.",
    "stability_sd": "Standard deviation of stability over the pairs of seeds.",
}
"""Columns of :func:`cobs.topics.select_k` (wide form: one row per k). The long form has ``k``, ``measure``,
``value``, ``sd``."""

PREVALENCE_COLUMNS: dict[str, str] = {
    "topic": "Topic number, as in TopicModel.topics_ (after the by columns).",
    "label": "Topic label.",
    "mean": "Mean topic share of the group's rows.",
    "ci_low": "Lower bound of the bootstrap percentile interval of mean.",
    "ci_high": "Upper bound of the bootstrap percentile interval of mean.",
    "n": "Rows counted in the group (templates not counted unless the model keeps them; rows without a known term "
    "left out).",
    "documents": "Documents (symbols) among the group's rows.",
    "resampled": "What the bootstrap resampled: 'documents' (whole COs, when the group has two or more) or 'rows'.",
}
"""Columns of :func:`cobs.topics.prevalence`: the ``by`` columns, then these; one row per group and topic."""

CONTRAST_COLUMNS: dict[str, str] = {
    "topic": "Topic number, as in TopicModel.topics_ (after the column that selects the focus).",
    "label": "Topic label.",
    "mean": "Mean topic share of the focus rows (a State's CO, a State, ...).",
    "rest_mean": "Mean topic share of all other rows of the table.",
    "difference": "mean - rest_mean.",
    "ci_low": "Lower bound of the bootstrap percentile interval of the difference.",
    "ci_high": "Upper bound of the bootstrap percentile interval of the difference.",
    "n": "Focus rows counted.",
    "rest_n": "Other rows counted.",
}
"""Columns of :func:`cobs.topics.contrast`: one row per topic."""

REFIT_COLUMNS: dict[str, str] = {
    "reappeared": "Share of the refitted models (refit=True) in which the topic reappears: its one-to-one match "
    "(Hungarian, on the cosine of term weights) has a cosine of at least min_cosine (0.5).",
    "cosine": "Median cosine of the topic's term weights and its match's over the refits.",
    "refits": "Refits the interval rests on: those in which the topic reappeared and the group had rows.",
    "standard_error": "Standard deviation of the group's share (of the difference, for contrast) over those refits, "
    "whose percentile interval is (ci_low, ci_high); both NaN where the topic reappeared in fewer than half of the "
    "refits.",
}
"""Columns :func:`cobs.topics.prevalence` and :func:`cobs.topics.contrast` add with ``refit=True`` (the interval
then includes the refits' variability)."""

EFFECT_COLUMNS: dict[str, str] = {
    "topic": "Topic number, as in TopicModel.topics_.",
    "label": "Topic label.",
    "term": "A term of the regression of the topic's share: 'Intercept', a numeric covariate (its slope), or "
    "'column[level]' for a level of a categorical covariate (against its first level, sorted, or the first category "
    "of a pandas Categorical).",
    "estimate": "Its coefficient: for a level, the difference in mean topic share from the reference level, the other "
    "covariates held fixed; for a numeric covariate, the change in share per unit (per year).",
    "standard_error": "Standard error, clustered by CO (CR1; cobs.stats.regress), else heteroskedasticity-robust "
    "(HC1).",
    "ci_low": "Lower bound of the confidence interval (Student's t with clusters - 1 degrees of freedom).",
    "ci_high": "Upper bound.",
    "p_value": "Two-sided p-value of estimate = 0.",
    "q_value": "Benjamini-Hochberg q-value of p_value over the topics of the same term (one test per topic).",
    "n_obs": "Rows fitted (actions counted by the model with every covariate present).",
    "n_clusters": "Clusters (COs with cluster='symbol') the standard errors allow for.",
    "confidence_level": "Level of the intervals.",
}
"""Columns of :func:`cobs.topics.effect`: one row per topic and term."""

UPR_INFO_COLUMNS: dict[str, str] = {
    "state_under_review": "The State under review.",
    "sur_group": "UN regional group of the State under review (Africa, Asia, EEG, GRULAC, WEOG).",
    "sur_orgs": "Intergovernmental organisations of the State under review (list of str).",
    "recommendation": "Text of the recommendation (or voluntary pledge, with pledges=True).",
    "recommending_state": "State or observer that made the recommendation; '(Unknown)' if UPR Info does not know.",
    "rs_group": "Regional group of the recommending State (as sur_group, plus 'Observer', '(Unknown)').",
    "rs_orgs": "Intergovernmental organisations of the recommending State (list of str).",
    "response": "'Supported' or 'Noted' ('Voluntary pledge' for the older export's pledges, with pledges=True).",
    "action": "UPR Info action category 1-5: minimal, continuing, considering, general, specific action (Int64).",
    "issues": "UPR Info issues (list of str); empty where unlabelled.",
    "session": "UPR Working Group session (Int64; missing where the export leaves it empty).",
    "source_file": "Name of the CSV file the row comes from.",
    "source_row": "1-based record number in that file (header = 0).",
}
"""Columns of :func:`read_upr_info`'s table, in order."""

WG_REPORT_COLUMNS: dict[str, str] = {
    "symbol": "Symbol of the report (A/HRC/28/10); the file's name where the report prints none.",
    "state_under_review": "The State under review, by its UN name (missing where the title names none).",
    "session": "UPR Working Group session (Int64): from the session's document symbol or the introduction.",
    "para": "Paragraph of the report listing the recommendation (int).",
    "number": "Its number there: '12' for '12. To ...' (first cycle) or '124.12' (from the second).",
    "recommendation": "Its text, without the leading 'To'.",
    "recommending_state": "State (or observer) that made it, from the parentheses closing it.",
    "response": "'Supported', 'Noted' or 'To be examined' (answered in an addendum), from the paragraph's own words; "
    "'' where they say none.",
}
"""Columns of :func:`cobs.read.read_wg_report`: one row per recommendation listed in a UPR Working Group report."""

DOMINANT_TOPIC_COLUMNS: dict[str, str] = {
    "topic": "The row's main topic: the one with the largest share of it (Int64, as in TopicModel.topics_; the first "
    "of equal shares); missing for a row the model does not count (a template, or no term of its vocabulary).",
    "label": "That topic's label.",
    "share": "Its share of the row (Float64, 0-1).",
}
"""Columns of :func:`cobs.topics.dominant_topic`: one row per row of the table given, on its index."""

TOPIC_CROSSTAB_COLUMNS: dict[str, str] = {
    "topic": "Topic number, as in TopicModel.topics_.",
    "label": "Topic label.",
    "<column>": "The category (named as the column given: theme, cluster_id, ...).",
    "count": "Rows whose main topic is the topic and whose category this is.",
    "share": "count over the topic's rows counted (a topic's shares sum to 1).",
}
"""Columns of :func:`cobs.topics.crosstab`: one row per topic and category with a count."""

CHANGE_COLUMNS: dict[str, str] = {
    "state": "State code of the State whose change is measured.",
    "committee": "Committee code.",
    "step": "1 for the State's first pair of consecutive COs, 2 for the next, ...",
    "earlier_symbol": "The State's earlier CO of the step.",
    "later_symbol": "The State's later CO of the step.",
    "earlier_year": "Year of the earlier CO (Int64).",
    "later_year": "Year of the later CO (Int64).",
    "measure": "strength (share of actions at a level of operative verb), strength_group (weak / middle / strong, "
    "cobs/data/strength_groups.csv), specificity (mean 0-4), time_bound (share), theme (share of a theme), "
    "repetition (share of the later CO's recommendations linked, repeated or modified, to the earlier CO's).",
    "category": "The level, group or theme measured ('urges', 'strong', 'education'); NA for specificity, "
    "time_bound and repetition.",
    "state_earlier": "The State's value in its earlier CO (NA for repetition, a property of the pair).",
    "state_later": "The State's value in its later CO (NA for repetition).",
    "state_change": "state_later - state_earlier: the State's raw change; for repetition, the State's repetition "
    "rate itself.",
    "committee_earlier": "Mean value of the committee's COs to other States of the earlier window (each CO "
    "weighing the same).",
    "committee_later": "Mean value of its COs to other States of the later window.",
    "committee_change": "committee_later - committee_earlier: the committee's drift over the same years; for "
    "repetition, the mean rate between COs to two different other States of the two windows.",
    "committee_ci_low": "Lower bound of the committee's change (period coefficient, standard errors clustered by CO).",
    "committee_ci_high": "Upper bound of the committee's change.",
    "difference": "state_change - committee_change: the State's change net of the committee's drift (difference in "
    "differences).",
    "ci_low": "Lower bound of the interval of difference (Conley and Taber 2011: the State's CO deviates from its "
    "period's mean as the other COs do; t with Welch-Satterthwaite df); NA where a window holds fewer than two other "
    "COs or nothing varies.",
    "ci_high": "Upper bound of the interval of difference.",
    "p_value": "Two-sided p-value of difference = 0, from the same t distribution.",
    "q_value": "Benjamini-Hochberg q-value of p_value over the rows of the step (many measures are tested).",
    "n_earlier": "The committee's COs to other States in the earlier window (listed in ChangeResult.documents).",
    "n_later": "Its COs to other States in the later window.",
    "confidence_level": "Level of the intervals (0.95).",
}
"""Columns of :func:`cobs.compare.change` (``ChangeResult.to_frame()``): one row per step, measure and category."""

CHANGE_DOCUMENT_COLUMNS: dict[str, str] = {
    "step": "The step of the change table.",
    "role": "'state' for the State's own CO, 'committee' for a CO of the committee to another State.",
    "window": "'earlier' or 'later': the side of the step.",
    "symbol": "The CO's symbol.",
    "state": "Its State.",
    "year": "Its year of adoption (Int64).",
}
"""Columns of ``ChangeResult.documents``: the COs on each side of each step of :func:`cobs.compare.change`."""

REGRESSION_COLUMNS: dict[str, str] = {
    "outcome": "The outcome column of the model (y).",
    "term": "A term of the model: 'Intercept', a column, or 'column[level]' for a level of a categorical column.",
    "estimate": "Its coefficient.",
    "standard_error": "Its standard error (clustered by document: CR1; else HC1).",
    "statistic": "t statistic.",
    "p_value": "Two-sided p-value (Student's t with clusters - 1 degrees of freedom when clustered).",
    "ci_low": "Lower bound of the confidence interval.",
    "ci_high": "Upper bound.",
    "confidence_level": "Level of the interval.",
    "n_obs": "Rows fitted.",
    "n_clusters": "Clusters (documents).",
    "cov_type": "'cluster' or 'HC1'.",
}
"""Columns of ``cobs.stats.regress(...).to_frame()``: one row per outcome and term."""

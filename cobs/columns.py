"""The columns of cobs's tables, documented once.

Column names are part of the API: every table cobs returns uses these names
with these meanings, and later steps (measures, comparisons, figures) add
columns rather than rename them.
"""

from __future__ import annotations

PARAGRAPH_COLUMNS: dict[str, str] = {
    "symbol": "UN symbol of the document, e.g. 'CRC/C/KAZ/CO/4'.",
    "committee": "Committee code: CRC, CRPD, CEDAW, CCPR, CESCR, CERD, CAT, CMW or CED.",
    "state": "State code: ISO 3166-1 alpha-3 ('KAZ'); 'EU' for the European Union.",
    "cycle": "Reporting cycle(s) reviewed, as in the symbol: '4', '2-3'.",
    "year": "Year the observations were adopted.",
    "language": "ISO 639-1 code of the document's language (always 'en' for now).",
    "para": "Paragraph number (int).",
    "sub": "'' for the paragraph's own text, 'a', 'b', ... for its lettered sub-paragraphs.",
    "section": "Title of the section (roman-numbered heading) without its numeral.",
    "cluster": "Title of the lettered cluster, with its list of articles, without its letter.",
    "heading": "Unnumbered subheading the paragraph stands under ('Corporal punishment'); '' if none.",
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
    "sub": "Sub-paragraph carrying the marker ('' for the paragraph's own text).",
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
    "year": "Year the observations were adopted.",
    "para": "Paragraph number.",
    "sub": "Letter of the item ('' for an action of the paragraph's own text).",
    "clause": "Number of the action within its row (1, 2, ...): the paragraph's own text may ask several things.",
    "ref": "Citation of the action: 'CRC/C/KAZ/CO/4, para. 29 (a)'.",
    "section": "Section title (as in the paragraph table).",
    "cluster": "Cluster title (as in the paragraph table).",
    "heading": "Subheading (as in the paragraph table).",
    "chapeau": "The sentence that introduces an item ('The Committee urges the State party to:'); '' otherwise.",
    "text": "The action: the sentence(s) of the own text, or the item without its letter.",
    "request": "What is asked: the text after the operative verb ('that the State party ratify ...'), or the item.",
    "verb": "The Committee's operative verb (lemma): urge, recommend, call upon, encourage, invite, request, "
    "draw attention, remind, reiterate, should, suggest; '' if none was found.",
    "strength": "Ordered categorical of the operative verb, weakest first: draws attention < requests < invites < "
    "encourages < calls upon < recommends < urges ('strongly recommends' counts as urges).",
    "action_verb": "The verb of what the State is asked to do: 'adopt', 'ensure', 'take', ...; '' when none is "
    "found (a passive: 'that programmes be designed').",
    "action": "The request from its verb on ('take all measures necessary to ...'), worded like a UPR "
    "recommendation: the text to give classifiers trained on UPR Info data (ActionCategoryClassifier).",
    "page": "Page where the action's row starts (PDF).",
    "notes": "Footnote texts of the action's row and of its paragraph's own text (a list).",
}
"""Columns of :func:`cobs.actions`: one row per requested action."""

MEASURE_COLUMNS: dict[str, str] = {
    "intensifiers": "Intensifying phrases found (cobs/data/intensifiers.csv): 'immediately', "
    "'as a matter of priority'.",
    "hedges": "Hedging phrases found in the request (cobs/data/hedges.csv): 'consider', 'as appropriate'.",
    "action_category": "UPR Info action category 1-5 of the action verb (cobs/data/action_verbs.csv): 1 minimal, "
    "2 continuing, 3 considering, 4 general, 5 specific; missing when the verb is not in the lexicon.",
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
    "CRPD-A/B/C (article groups), IMPL (implementation and reporting); '' if none fits.",
    "theme": "Theme of the subheading (or cluster) in the shared taxonomy of cobs/data/themes.csv; '' if none "
    "(or predicted: see theme_source).",
    "theme_source": "Where the theme comes from: 'heading' (the subheading), 'cluster' (the cluster title, when "
    "there is no subheading), 'model' (predicted by measure(..., theme_model=...)), '' (none).",
}
"""Columns :func:`cobs.measure` adds to the action table."""

TOPIC_COLUMNS: dict[str, str] = {
    "topic": "Topic number (int), 0 for the largest: the column order of TopicModel.transform.",
    "label": "Short name of the topic: its first three terms joined by ' / ' ('inclusive education / school / "
    "teachers'); the name of its column in transform's pandas output.",
    "terms": "The topic's best terms, best first (a list of words and word pairs; an n-gram and the words in it "
    "are not listed twice).",
    "weight": "Each term's weight in the topic (a list, aligned with terms): its share of the topic's term weights.",
    "size": "The topic's share of the corpus: its mean share over the rows fitted (templates not counted unless "
    "kept); sizes sum to 1.",
    "examples": "The most typical rows, most typical first, one per paragraph (a list): their ref "
    "('CRPD/C/DEU/CO/1, para. 30 (a)') when the table has one, else their text.",
}
"""Columns of :attr:`cobs.topics.TopicModel.topics_`: one row per topic."""

TOPIC_QUALITY_COLUMNS: dict[str, str] = {
    "topic": "Topic number, as in TopicModel.topics_.",
    "label": "Topic label, as in TopicModel.topics_.",
    "coherence": "NPMI coherence of the topic's top terms on the texts given (mean over term pairs of "
    "log(p(a,b) / (p(a) p(b))) / -log p(a,b), with p the share of texts holding the term; -1 for a pair never "
    "seen together; pairs of nested terms skipped); from -1 to 1, higher is more coherent.",
    "exclusivity": "Mean, over the topic's top terms, of the term's weight in this topic divided by its weight "
    "summed over all topics; from 1/n_topics (shared by all) to 1 (this topic's own).",
}
"""Columns of :func:`cobs.topics.topic_quality`: one row per topic."""

SELECT_K_COLUMNS: dict[str, str] = {
    "k": "Number of topics asked for.",
    "n_topics": "Number of topics fitted (lower than k on a small corpus).",
    "coherence": "Mean NPMI coherence of the topics on the held-apart documents, averaged over the seeds.",
    "coherence_sd": "Standard deviation of coherence over the seeds.",
    "exclusivity": "Mean exclusivity of the topics' top terms, averaged over the seeds.",
    "exclusivity_sd": "Standard deviation of exclusivity over the seeds.",
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

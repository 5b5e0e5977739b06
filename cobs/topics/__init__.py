"""Topic models of recommendations that a paper can rely on.

``TopicModel``              NMF (or LDA) topics of texts or of a cobs table: a scikit-learn transformer
``select_k``                coherence on held-apart COs, exclusivity and stability for several numbers of topics
``coherence``, ``exclusivity``, ``frex``, ``stability``, ``topic_quality``   the measures behind it
``frex_scores``             FREX of every term in every topic (stm's ``calcfrex``)
``prevalence``, ``contrast``  topic shares by group, or of one CO against the others, with bootstrap intervals
                            (under the fitted model, or refitted on each resample: ``refit=True``)
``effect``                  topic shares regressed on covariates, errors clustered by CO (stm's ``estimateEffect``)
``against``                 topics against the headings' themes or the clusters: crosstab, NMI, purity
``dominant_topic``, ``crosstab``  each row's main topic; each topic's rows by theme or cluster (long)
``template_rows``           the implementation-and-reporting rows a model leaves out (follow-up, next report)

The modules behind them are private: ``_input`` (texts and tables), ``_model``,
``_quality``, ``_prevalence``, ``_refit``, ``_effect``, ``_validity``. Tables' columns are documented in
:mod:`cobs.columns` (``TOPIC_COLUMNS``, ``TOPIC_QUALITY_COLUMNS``,
``SELECT_K_COLUMNS``, ``PREVALENCE_COLUMNS``, ``CONTRAST_COLUMNS``, ``REFIT_COLUMNS``,
``EFFECT_COLUMNS``).

An empty table (no rows), or one without a row the model counts, is an error
naming the argument for every function here (``transform``, ``prevalence``,
``contrast``, ``effect``, ``against``, ...): a ValueError, never an empty result.
"""

from cobs.topics._effect import effect
from cobs.topics._input import template_rows
from cobs.topics._model import SmallCorpusWarning, TopicModel, frex_scores
from cobs.topics._prevalence import MIN_BOOT, MIN_REFITS, contrast, prevalence
from cobs.topics._quality import StabilityResult, coherence, exclusivity, frex, select_k, stability, topic_quality
from cobs.topics._validity import TopicAgreement, against, crosstab, dominant_topic

__all__ = [
    "SmallCorpusWarning",
    "StabilityResult",
    "TopicAgreement",
    "TopicModel",
    "against",
    "coherence",
    "contrast",
    "crosstab",
    "dominant_topic",
    "effect",
    "exclusivity",
    "frex",
    "frex_scores",
    "prevalence",
    "select_k",
    "stability",
    "template_rows",
    "topic_quality",
]

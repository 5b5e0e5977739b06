"""TopicModel: NMF or LDA topics of recommendations, as a scikit-learn transformer on raw text."""

from __future__ import annotations

import numbers
import warnings
import weakref
from collections.abc import Callable, Collection
from contextvars import ContextVar
from typing import Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.linalg import solve_triangular
from scipy.optimize import nnls
from scipy.stats import rankdata
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import NMF, LatentDirichletAllocation
from sklearn.preprocessing import normalize
from sklearn.utils import Tags
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from cobs._checks import check_choice, check_int, check_ngram_range, check_number
from cobs._ranking import ranking, settled
from cobs.columns import TOPIC_COLUMNS
from cobs.errors import invalid_value
from cobs.text import check_kinds, vectorizer
from cobs.topics._input import Corpus, read_input

_LAST_SHARES: weakref.WeakKeyDictionary[object, tuple[tuple[object, ...], np.ndarray]] = weakref.WeakKeyDictionary()
"""For each fitted model (``model_``, gone with it), the rows it last read and their topic shares."""

__all__ = ["SmallCorpusWarning", "TopicModel", "frex_scores"]

NMF_INITS = ("nndsvd", "nndsvda", "nndsvdar", "random")
"""The starts of NMF a :class:`TopicModel` takes (``init=``; scikit-learn's names)."""

DOCUMENTS_PER_TOPIC = 5
"""A model gets at most one topic per this many documents it learns from (see :class:`TopicModel`)."""


ANALYSES: ContextVar[dict[str, dict[str, list[str]]] | None] = ContextVar("cobs_topics_analyses", default=None)
"""Where set (to a dict), models fitted in the context remember the terms of each text they cut, per analyzer.

The refits of :func:`prevalence` read the same texts again and again: cutting them
into terms took half their time. Set by :func:`cobs.topics._refit.refit_means` only.
"""


class _Remembered:
    """An analyzer that cuts each text once and gives the same terms for it again (see :data:`ANALYSES`)."""

    def __init__(self, analyzer: Callable[[str], list[str]], memo: dict[str, list[str]]) -> None:
        self.analyzer, self.memo = analyzer, memo

    def __call__(self, text: str) -> list[str]:
        terms = self.memo.get(text)
        if terms is None:
            terms = self.memo[text] = self.analyzer(text)
        return terms


class SmallCorpusWarning(UserWarning):
    """The corpus is too small or too uniform for the number of topics asked for.

    Either fewer topics were fitted than asked for (too few documents), or some
    fitted topics are empty (no term, size 0: the documents hold too few
    different patterns of words, such as identical texts).
    """


class TopicModel(TransformerMixin, BaseEstimator):
    """Topics of recommendations: non-negative matrix factorisation (or LDA) of their words.

    A scikit-learn transformer on raw text: ``fit`` learns topics from the texts
    (or a cobs table), ``transform`` gives each text its topic shares, and
    :attr:`topics_` describes the topics. Texts are cut by :mod:`cobs.text`: English
    stop words and the committees' formula phrases ("the Committee recommends",
    "State party", "take all measures necessary", "as soon as possible", and for
    a table the treaty's own subject, "persons with disabilities" in CRPD COs)
    are left out, so that
    topics are made of what recommendations are about; word pairs (bigrams)
    that occur in ``min_df`` documents are terms too ("inclusive education").

    On a cobs table (an action table from :func:`cobs.measure`, or a paragraph
    table), three things follow from its columns:

    * **paragraphs** (``symbol``, ``para``): with ``context="paragraph"`` the model
      learns from whole recommendation paragraphs (a chapeau and its items share
      one subject), and reads each row with its paragraph: a row's shares are
      those of its own words and its paragraph's words, equally weighted;
    * **templates** (``cluster_id == "IMPL"`` or the theme "implementation and
      reporting": follow-up, dissemination, next report): near-identical across
      States, they would otherwise take several topics (5 of 12 on CRPD COs);
      ``templates`` leaves them out (default), weighs them down, or keeps them;
    * **references** (``ref``): the examples of each topic are cited
      ("CRPD/C/DEU/CO/1, para. 30 (a)").

    The defaults were chosen on the actions of the 112 English CRPD COs of
    ``../shared`` (five folds of COs held out; ``benchmarks/bench_topics.py``); the
    figures are in the README's "Topic models" section.

    Parameters
    ----------
    n_topics : int, default=10
        Number of topics. A corpus with fewer than ``5 * n_topics`` documents
        (paragraphs of a table, else texts) gets fewer topics, with a
        :class:`SmallCorpusWarning`: ``n_topics_`` is the number fitted. Topics
        left empty (no term, size 0: identical or near-identical texts) are
        kept, with a :class:`SmallCorpusWarning` saying how many.
    method : {"nmf", "lda"}, default="nmf"
        ``"nmf"``: NMF (Frobenius loss, NNDSVD start) of sublinear TF-IDF, the
        most coherent topics here. ``"lda"``: latent Dirichlet allocation
        (scikit-learn's batch variational Bayes) of term counts.
    init : {"nndsvd", "nndsvda", "nndsvdar", "random"} or None, default=None
        NMF's start (scikit-learn's ``NMF(init=...)``); None is ``"nndsvd"``.
        ``"nndsvd"`` and ``"nndsvda"`` (zeros filled with the mean) start from
        the singular vectors of the texts: the same texts give the same start
        whatever the seed, so that the topics are one local optimum and
        ``random_state`` barely moves them (see ``random_state``).
        ``"random"`` (and ``"nndsvdar"``, zeros filled with small random values)
        start from random numbers drawn from ``random_state``: fit several seeds
        to see how far the topics depend on where the solver starts (multiple
        random starts, as for LDA or stm's ``init.type="Random"``). Not for
        ``method="lda"``, whose start is always random.
    column : str, default="text"
        For a table: the column holding the texts (``"text"``, ``"action"``, ...).
        A table's ``chapeau`` column, where present, is read with each row.
    context : {"paragraph", "row"}, default="paragraph"
        For a table with ``symbol`` and ``para``: learn from paragraphs and read
        each row with its paragraph (``"paragraph"``), or each row alone
        (``"row"``). Plain texts are always read alone.
    templates : {"leave_out", "weigh_down", "keep"}, default="leave_out"
        What to do with template rows of a table (implementation and reporting)
        when fitting: leave them out, multiply their term weights by
        ``template_weight``, or treat them as any other row. Unless kept,
        template rows are not counted in :attr:`topics_` (size, examples),
        :func:`prevalence` and :func:`against`; ``transform`` still gives them
        shares. Leaving them out and weighing them down (0.1-0.2) measured
        alike; keeping them costs 0.08 NMI with the headings' themes.
    template_weight : float, default=0.2
        Weight of template rows with ``templates="weigh_down"``, in (0, 1].
    ngram_range : tuple (min_n, max_n), default=(1, 2)
        Word n-grams used as terms.
    min_df : int or float, default=3
        A term must occur in at least this many documents (a float: this share
        of them). On a small corpus an integer is lowered to one tenth of the
        documents (at least 1).
    max_df : int or float, default=1.0
        Terms in more documents than this are left out.
    formula : collection of {"frame", "generic", "treaty", "filler"}, default=("frame", "generic", "treaty", "filler")
        Kinds of formula phrase left out (:func:`cobs.text.formula_phrases`).
    committees : "auto" or collection of str, default="auto"
        Committees whose own phrases are left out (:func:`cobs.text.formula_phrases`):
        ``"auto"`` takes them from a table's ``committee`` column (none for plain
        texts); for a table mixing committees, their formulas are left out but
        not their treaties' subjects (the CRC's "children" is a subject of CRPD
        COs).
    stem : bool, default=False
        Snowball stemming of words (less readable terms).
    n_terms : int, default=10
        Terms listed per topic in :attr:`topics_` (and scored by :func:`coherence`).
    n_examples : int, default=5
        Examples listed per topic in :attr:`topics_`, one per paragraph, the
        most typical first. A row's typicality for a topic is its share of the
        topic times the cosine between its term weights (as the model reads
        it, with its paragraph) and the topic's term weights: high when the
        topic explains the row and the row uses the topic's words in the
        topic's proportions (a short row whose one known word belongs to the
        topic has all its share there, yet says little of it). Rows equally
        typical (to 1e-9) come in the order of their ``ref`` (their text for
        plain texts).
    max_iter : int or None, default=None
        Iterations of the solver; None: 1000 for NMF, 50 for LDA.
    random_state : int, RandomState instance or None, default=None
        Seed of LDA's initialisation, of NMF's random start (``init="random"``
        or ``"nndsvdar"``), and of the randomized SVD behind NMF's NNDSVD start.
        With NNDSVD (the default) the seed does next to nothing: the start is
        deterministic but for the last digits of that SVD, so that another seed
        moves the topic-term weights by about 1e-6 on clear topics (on the CRPD
        COs, 97-100 % of the top terms stay; on one CO, more). Seeds then do not
        measure how far the topics depend on the solver's start; the refits of
        :func:`prevalence` (``refit=True``) and :func:`select_k`'s subsamples
        measure how far they depend on the COs. With ``init="random"`` and with
        LDA another seed is another start: topics can change much more. With an
        int, the same texts give identical topics, order and weights, run after
        run and across processes (the solvers run on one thread, and a text's
        shares do not depend on the texts transformed with it).

    Attributes
    ----------
    n_topics_ : int
        Number of topics fitted.
    topics_ : pandas.DataFrame
        One row per topic, largest first: columns :data:`cobs.columns.TOPIC_COLUMNS`
        (``topic``, ``label``, ``terms``, ``weight``, ``size``, ``examples``).
        Topics of equal size are ordered by their first terms, a topic's terms
        of equal weight alphabetically, so that a word comes before the word
        pair it begins; examples are the most typical rows first (see
        ``n_examples``). "Equal" is to 1e-9 (of the topic's largest weight for
        terms): two numbers equal in exact arithmetic often come out of the
        solver a bit apart, one way on one CPU or BLAS and the other way on
        the next, and would otherwise decide what the table says.
    components_ : ndarray of shape (``n_topics_``, n_terms_in_vocabulary)
        Each topic's weight of each term (rows sum to 1), in the order of ``topics_``.
    vectorizer_ : sklearn.feature_extraction.text.TfidfVectorizer or CountVectorizer
        The fitted vectoriser (:func:`cobs.text.vectorizer`).
    model_ : sklearn.decomposition.NMF or LatentDirichletAllocation
        The fitted factorisation (its topics in fitting order; ``order_`` maps
        ``topics_`` to them).
    order_ : ndarray of int
        ``model_``'s topic behind each topic of ``topics_``.
    n_documents_ : int
        Documents the model learnt from (paragraphs or texts, templates left out
        excepted).

    See Also
    --------
    select_k : choose ``n_topics`` on held-apart documents.
    prevalence, contrast : topic shares by group, with bootstrap intervals.
    against : topics against the Committee's headings (NMI, purity).

    Examples
    --------
    >>> import cobs, cobs.topics
    >>> actions = cobs.measure(cobs.read_corpus("corpus"))  # the bundled COs: 9 CRPD, 1 CRC
    >>> crpd = actions[actions["committee"] == "CRPD"]
    >>> model = cobs.topics.TopicModel(n_topics=6, random_state=0).fit(crpd)
    >>> model.topics_[["label", "size"]].round(2)
                                           label  size
    0              children / services / support  0.31
    1             women / discrimination / girls  0.27
    2            language / sign / accessibility  0.17
    3  monitoring / independent / implementation  0.11
    4        decision making / legal / supported  0.11
    5                marrakesh / treaty / ratify  0.02
    >>> model.topics_["examples"][0][:2]  # support services for children in the community; community-based services
    ['CRPD/C/BLR/CO/1, para. 38 (b)', 'CRPD/C/GEO/CO/1, para. 40 (c)']
    >>> model.set_output(transform="pandas").transform(crpd).iloc[:2, :2].round(2)  # rows keep the table's index
        children / services / support  women / discrimination / girls
    79                           0.21                            0.44
    80                           0.20                            0.53
    """

    def __init__(
        self,
        n_topics: int = 10,
        *,
        method: Literal["nmf", "lda"] = "nmf",
        init: Literal["nndsvd", "nndsvda", "nndsvdar", "random"] | None = None,
        column: str = "text",
        context: Literal["paragraph", "row"] = "paragraph",
        templates: Literal["leave_out", "weigh_down", "keep"] = "leave_out",
        template_weight: float = 0.2,
        ngram_range: tuple[int, int] = (1, 2),
        min_df: int | float = 3,
        max_df: int | float = 1.0,
        formula: Collection[str] = ("frame", "generic", "treaty", "filler"),
        committees: Literal["auto"] | Collection[str] = "auto",
        stem: bool = False,
        n_terms: int = 10,
        n_examples: int = 5,
        max_iter: int | None = None,
        random_state: int | np.random.RandomState | None = None,
    ) -> None:
        self.n_topics = n_topics
        self.method = method
        self.init = init
        self.column = column
        self.context = context
        self.templates = templates
        self.template_weight = template_weight
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_df = max_df
        self.formula = formula
        self.committees = committees
        self.stem = stem
        self.n_terms = n_terms
        self.n_examples = n_examples
        self.max_iter = max_iter
        self.random_state = random_state

    # --- fitting -------------------------------------------------------------------------------

    def fit(self, X: object, y: object = None, sample_weight: object = None) -> TopicModel:
        """Learn the topics of texts.

        Parameters
        ----------
        X : sequence of str, or pandas.DataFrame
            Texts, or a cobs table (its ``column``; see the class description).
        y : ignored
        sample_weight : array-like of shape (n_texts,), optional
            A weight (>= 0) per text, multiplying its term weights when the model
            learns (on top of ``templates``); a paragraph weighs the mean of its
            rows; 0 leaves a text out. For instance, to weigh down the sentences
            that COs to other States share word for word
            (:func:`cobs.compare.boilerplate`). Sizes, examples and prevalences
            count every row alike.

        Returns
        -------
        self
        """
        self._check_params()
        corpus = read_input(X, column=self.column)
        documents, weights = self._documents(corpus, _check_weights(sample_weight, len(corpus)))
        if len(documents) < 2:
            raise ValueError(f"X holds {len(documents)} document(s) to learn from; a topic model needs at least 2 "
                             "(and about 5 per topic)")
        formula, committees = tuple(self.formula), corpus.committees
        if not isinstance(self.committees, str):
            committees = tuple(self.committees)
        elif len(committees) > 1:  # "auto" on a mix: one treaty's subject ("children") is another's substance
            formula = tuple(k for k in formula if k != "treaty")
        min_df = self.min_df
        if isinstance(min_df, numbers.Integral):
            min_df = int(max(1, min(min_df, len(documents) // 10)))
        vec = vectorizer(weighting="tfidf" if self.method == "nmf" else "count", ngram_range=tuple(self.ngram_range),
                         formula=formula, committees=committees, stem=bool(self.stem), min_df=min_df,
                         max_df=self.max_df)
        memo = ANALYSES.get()
        if memo is not None:  # refits of one bootstrap (cobs.topics._refit): each text cut into terms once
            vec.set_params(analyzer=_Remembered(vec.analyzer, memo.setdefault(repr(vec.analyzer), {})))
        try:
            matrix = vec.fit_transform(documents)
        except ValueError as exc:  # "After pruning, no terms remain", "empty vocabulary"
            raise ValueError(f"no terms left to learn topics from ({exc}); the texts hold only stop words and "
                             "formula phrases, or min_df/max_df leave nothing: lower min_df or raise max_df") from exc
        n_features = matrix.shape[1]
        k = self._n_topics_for(len(documents), n_features)
        matrix = sp.csr_matrix(sp.diags(weights) @ matrix)
        model = self._factorisation(k)
        with threadpool_limits(limits=1), warnings.catch_warnings():
            # one thread: identical sums (and topics) on every machine, and no waiting on two busy cores.
            # NMF's reconstruction error of a perfect fit: the square root of a rounding error below 0
            warnings.filterwarnings("ignore", message="invalid value encountered in sqrt", category=RuntimeWarning)
            model.fit(matrix)
        self.vectorizer_ = vec
        self.model_ = model
        self.n_topics_ = k
        self.n_documents_ = len(documents)
        self.order_ = np.arange(k)
        read = self._matrix(corpus)
        shares = self._shares(corpus, read)
        counted = self._counted(corpus, shares)
        size = shares[counted].mean(axis=0) if counted.any() else np.full(k, 1.0 / k)
        names = vec.get_feature_names_out()
        firsts = [" ".join(str(names[j]) for j in _best_terms(c, names, 3)) for c in model.components_]
        # largest first; sizes equal to 1e-9 (so that the last bits do not decide) by their first terms
        self.order_ = ranking(size, firsts, scale=1.0)
        components = model.components_[self.order_]
        self.components_ = components / np.maximum(components.sum(axis=1, keepdims=True), np.finfo(float).tiny)
        self.topics_ = self._describe(corpus, read, shares[:, self.order_], counted, size[self.order_])
        empty = int(sum(not terms for terms in self.topics_["terms"]))
        if empty:
            distinct = len(set(documents))
            warnings.warn(
                f"{empty} of the {k} topics are empty (no term, size 0): the {len(documents)} documents learnt from "
                f"({distinct} distinct) hold too few different patterns of words for {k} topics (identical or "
                f"near-identical texts); pass n_topics={k - empty}, or give the model more varied texts",
                SmallCorpusWarning,
                stacklevel=2,
            )
        return self

    def _check_params(self) -> None:
        for name in ("n_topics", "n_terms", "n_examples"):
            check_int(getattr(self, name), name)
        check_int(self.max_iter, "max_iter", allow_none=True)
        check_choice(self.method, "method", ("nmf", "lda"))
        if self.init is not None:
            check_choice(self.init, "init", NMF_INITS)
            if self.method != "nmf":
                raise ValueError(invalid_value("init", self.init, "None with method='lda'",
                                               "LDA's start is always random: vary random_state instead"))
        check_choice(self.context, "context", ("paragraph", "row"))
        check_choice(self.templates, "templates", ("leave_out", "weigh_down", "keep"))
        check_number(self.template_weight, "template_weight", "a number in (0, 1]", lambda v: 0 < v <= 1,
                     "use templates='leave_out' for 0")
        check_ngram_range(self.ngram_range, "ngram_range")
        for name in ("min_df", "max_df"):
            value = getattr(self, name)
            ok = (isinstance(value, numbers.Integral) and value >= 1) or (
                isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral) and 0 < value <= 1)
            if isinstance(value, bool) or not ok:
                raise ValueError(invalid_value(name, value, "a count of documents (int >= 1) or a share of them "
                                               "(float in (0, 1])"))
        check_kinds(self.formula, "formula")
        if isinstance(self.committees, str) and self.committees != "auto":
            raise ValueError(invalid_value("committees", self.committees, "'auto' or a collection of committee codes",
                                           f"write [{self.committees!r}]"))

    def _documents(self, corpus: Corpus, sample_weight: np.ndarray) -> tuple[list[str], np.ndarray]:
        """The documents to learn from and their weights (templates and ``sample_weight``); weight 0 left out."""
        if self.context == "paragraph" and corpus.paragraph is not None:
            documents, template = corpus.paragraphs()
            rows = np.bincount(corpus.paragraph, minlength=len(documents))
            given = np.bincount(corpus.paragraph, weights=sample_weight, minlength=len(documents)) / np.maximum(rows, 1)
        else:
            documents, template, given = corpus.texts, corpus.template, sample_weight
        weights = {"keep": np.ones(len(documents)), "leave_out": np.where(template, 0.0, 1.0),
                   "weigh_down": np.where(template, float(self.template_weight), 1.0)}[self.templates] * given
        keep = weights > 0
        return [d for d, k in zip(documents, keep, strict=True) if k], weights[keep]

    def _n_topics_for(self, n_documents: int, n_features: int) -> int:
        most = max(1, min(n_documents // DOCUMENTS_PER_TOPIC, n_features))
        if self.n_topics <= most:
            return int(self.n_topics)
        warnings.warn(
            f"n_topics={self.n_topics} is too many for {n_documents} documents and {n_features} terms: fitting "
            f"{most} topics (at most one per {DOCUMENTS_PER_TOPIC} documents); pass n_topics <= {most} to silence "
            "this, or give the model more texts",
            SmallCorpusWarning,
            stacklevel=3,
        )
        return most

    def _factorisation(self, k: int) -> NMF | LatentDirichletAllocation:
        if self.method == "nmf":
            return NMF(n_components=k, init=self.init or "nndsvd", max_iter=self.max_iter or 1000,
                       random_state=self.random_state)
        return LatentDirichletAllocation(n_components=k, learning_method="batch", max_iter=self.max_iter or 50,
                                         random_state=self.random_state)

    # --- reading texts -------------------------------------------------------------------------

    def _matrix(self, corpus: Corpus) -> sp.csr_matrix:
        """The rows' term weights as the model reads them (with their paragraph, if ``context='paragraph'``)."""
        vec = self.vectorizer_
        rows = sp.csr_matrix(vec.transform(corpus.texts), dtype=np.float64)
        if self.context != "paragraph" or corpus.paragraph is None:
            return rows
        paragraphs = sp.csr_matrix(vec.transform(corpus.paragraphs()[0]), dtype=np.float64)[corpus.paragraph]
        if self.method == "nmf":  # TF-IDF: the row's and the paragraph's unit vectors, equally weighted
            return sp.csr_matrix(normalize(normalize(rows) + normalize(paragraphs)))
        # counts: the paragraph's counts scaled to the row's length, so that each weighs the same
        row_len = np.asarray(rows.sum(axis=1)).ravel()
        par_len = np.asarray(paragraphs.sum(axis=1)).ravel()
        scale = np.divide(np.where(row_len > 0, row_len, par_len), par_len, out=np.zeros_like(par_len),
                          where=par_len > 0)
        return sp.csr_matrix(rows + sp.diags(scale) @ paragraphs)

    def _shares(self, corpus: Corpus, matrix: sp.csr_matrix | None = None) -> np.ndarray:
        """Topic shares of each row in ``model_``'s order (rows sum to 1, or 0 for a row without a known term).

        ``matrix``: the rows as :meth:`_matrix` reads them, where the caller has it already. The shares of the
        last rows read are kept (:data:`_LAST_SHARES`, beside the model: ``transform`` changes no attribute): the
        functions of :mod:`cobs.topics` given one table in turn (``cobs report``: transform, dominant_topic,
        against, crosstab, prevalence) read it once.
        """
        key = None
        if matrix is None:
            key = (self.method, self.context, id(self.vectorizer_), tuple(corpus.chapeaus), tuple(corpus.own),
                   None if corpus.paragraph is None else corpus.paragraph.tobytes())
            known = _LAST_SHARES.get(self.model_)
            if known is not None and known[0] == key:
                return known[1].copy()
            matrix = self._matrix(corpus)
        with threadpool_limits(limits=1):
            if self.method == "nmf":  # a topic's share of the row's reconstructed term weight
                weights = _nnls_rows(matrix, self.model_.components_) * self.model_.components_.sum(axis=1)
            else:
                weights = self.model_.transform(matrix)
        empty = np.asarray(matrix.sum(axis=1)).ravel() == 0
        weights[empty] = 0.0  # LDA gives an empty text the prior; no evidence, no share
        totals = weights.sum(axis=1, keepdims=True)
        shares = np.divide(weights, totals, out=np.zeros_like(weights), where=totals > 0)
        if key is not None:
            _LAST_SHARES[self.model_] = (key, shares.copy())
        return shares

    def _counted(self, corpus: Corpus, shares: np.ndarray) -> np.ndarray:
        """Rows counted in sizes and prevalences: with a known term, and not templates unless kept."""
        counted = shares.sum(axis=1) > 0
        if self.templates != "keep":
            counted &= ~corpus.template
        return counted

    def transform(self, X: object) -> np.ndarray:
        """Topic shares of texts.

        Parameters
        ----------
        X : sequence of str, or pandas.DataFrame
            Texts, or a cobs table (read as in ``fit``).

        Returns
        -------
        ndarray of shape (n_texts, ``n_topics_``)
            Each text's share of each topic (columns in the order of
            :attr:`topics_`); a row sums to 1, or to 0 for a text without any term
            of the model's vocabulary (such as a template row the model left
            out). With ``set_output(transform="pandas")``, a DataFrame whose
            columns are the topic labels. With ``context="paragraph"``, a row of a
            table is read with the rows of its paragraph that ``X`` holds. For
            NMF, a row's weights are the exact non-negative least-squares fit of
            its terms by the topics, so that they do not depend on the other rows.

        Raises
        ------
        ValueError
            If ``X`` holds no text (an empty list or table): an error, as in
            every function of :mod:`cobs.topics`, rather than an empty array.
        """
        return self._read(X)[1]

    def get_feature_names_out(self, input_features: object = None) -> np.ndarray:
        """The topic labels: the names of ``transform``'s columns."""
        check_is_fitted(self)
        return np.asarray(self.topics_["label"].tolist(), dtype=object)

    def _read(self, X: object, name: str = "X") -> tuple[Corpus, np.ndarray, np.ndarray]:
        """The corpus of ``X``, its rows' shares (in the order of ``topics_``) and which rows count.

        ``X`` without a row is an error naming ``name`` (the one rule of :mod:`cobs.topics` for empty input).
        """
        check_is_fitted(self)
        corpus = read_input(X, column=self.column, name=name)
        if not len(corpus):
            raise ValueError(f"{name} has no rows: there are no texts to read topics in (filter less, or check the "
                             f"{'table' if isinstance(X, pd.DataFrame) else 'texts'} given)")
        shares = self._shares(corpus)
        return corpus, shares[:, self.order_], self._counted(corpus, shares)

    # --- describing ----------------------------------------------------------------------------

    def top_terms(self, n: int | None = None, *, score: Literal["weight", "frex"] = "weight") -> list[list[str]]:
        """Each topic's ``n`` best terms (default ``n_terms``), an n-gram and the words in it not listed twice.

        Parameters
        ----------
        n : int, optional
            Terms per topic (default ``n_terms``).
        score : {"weight", "frex"}, default="weight"
            Rank the terms by their weight in the topic (its most frequent terms,
            as in :attr:`topics_`), or by FREX (:func:`frex_scores`, weight 0.5:
            terms both frequent in the topic and exclusive to it, stm's FREX
            words in ``labelTopics``), among the terms the topic uses at all.

        Returns
        -------
        list of list of str
            One list per topic, in the order of :attr:`topics_`.
        """
        check_is_fitted(self)
        check_choice(score, "score", ("weight", "frex"))
        n = check_int(n, "n", allow_none=True) or self.n_terms
        names = self.vectorizer_.get_feature_names_out()
        rows = self.components_
        if score == "frex":
            rows = np.where(np.array([settled(row) > 0 for row in rows]).reshape(rows.shape),
                            frex_scores(rows), 0.0)
        return [[str(names[j]) for j in _best_terms(row, names, n)] for row in rows]

    def _describe(self, corpus: Corpus, matrix: sp.csr_matrix, shares: np.ndarray, counted: np.ndarray,
                  size: np.ndarray) -> pd.DataFrame:
        names = self.vectorizer_.get_feature_names_out()
        typical = _typicality(matrix, self.components_, shares)
        rows = []
        labels: set[str] = set()
        for k, component in enumerate(self.components_):
            best = _best_terms(component, names, self.n_terms)
            terms = [str(names[j]) for j in best]
            label = _label(terms, labels, k)
            labels.add(label)
            candidates = np.flatnonzero(counted & (settled(shares[:, k], scale=1.0) > 0))
            # most typical first; equally typical rows (settled, see cobs._ranking) by their reference
            ranked = candidates[ranking(typical[candidates, k], [corpus.labels[i] for i in candidates], scale=1.0)]
            examples: list[str] = []
            seen: set[int] = set()  # one example per paragraph: its items share its topics
            for i in ranked:
                where = int(corpus.paragraph[i]) if corpus.paragraph is not None else int(i)
                if where in seen or corpus.labels[i] in examples:
                    continue
                seen.add(where)
                examples.append(corpus.labels[i])
                if len(examples) == self.n_examples:
                    break
            rows.append({"topic": k, "label": label, "terms": terms, "weight": [float(component[j]) for j in best],
                         "size": float(size[k]), "examples": examples})
        return pd.DataFrame(rows, columns=list(TOPIC_COLUMNS))

    def __sklearn_tags__(self) -> Tags:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.one_d_array = True
        tags.input_tags.two_d_array = False
        tags.input_tags.sparse = False
        return tags


def frex_scores(components: np.ndarray, *, weight: float = 0.5) -> np.ndarray:
    """FREX of every term in every topic: the weighted harmonic mean of its frequency and exclusivity ECDFs.

    As stm's ``calcfrex`` (Roberts, Stewart and Airoldi 2016; Bischof and Airoldi
    2012): within each topic, a term's frequency score is the rank of its weight
    among the topic's terms, and its exclusivity score the rank of its weight over
    its weights summed across topics, each divided by the number of terms (ties
    take their mean rank, as R's ``rank``, weights equal to 1e-9 of the topic's
    largest being one weight); ``FREX = 1 / (weight / frequency +
    (1 - weight) / exclusivity)``.

    Parameters
    ----------
    components : array-like of shape (n_topics, n_terms)
        Topic-term weights (``TopicModel.components_``; any non-negative weights).
    weight : float, default=0.5
        Weight of frequency, in (0, 1).

    Returns
    -------
    ndarray of shape (n_topics, n_terms)
        Values in (0, 1].

    Examples
    --------
    Two topics over four terms. In the first, "rights" weighs most (frequency rank 4 of 4: 1) but the
    second topic uses it as much (0.5 of 1.0: exclusivity rank 2 of 4: 0.5), FREX ``1 / (0.5 / 1 + 0.5 /
    0.5) = 0.667``; "school", second by weight (0.75) and the first topic's alone (1), scores ``1 / (0.5
    / 0.75 + 0.5 / 1) = 0.857``: FREX lists "school" first.

    >>> import numpy as np
    >>> from cobs.topics import frex_scores
    >>> phi = np.array([[0.5, 0.3, 0.15, 0.05],    # rights, school, teachers, court
    ...                 [0.5, 0.0, 0.05, 0.45]])
    >>> frex_scores(phi).round(3).tolist()[0]
    [0.667, 0.857, 0.6, 0.25]
    """
    check_number(weight, "weight", "a number in (0, 1)", lambda v: 0 < v < 1)
    phi = np.asarray(components, dtype=np.float64)
    if phi.ndim != 2 or not np.isfinite(phi).all() or (phi < 0).any():
        raise ValueError(invalid_value("components", components, "a 2-D array of finite weights >= 0"))
    n = phi.shape[1]
    exclusive = phi / np.maximum(phi.sum(axis=0, keepdims=True), np.finfo(float).tiny)
    # ranks of the settled values (1e-9 of the row's largest, cobs._ranking): ties whatever the last bits
    frequency = np.array([rankdata(settled(row), method="average") for row in phi]).reshape(phi.shape) / n
    exclusivity_ = np.array([rankdata(settled(row), method="average") for row in exclusive]).reshape(phi.shape) / n
    return 1.0 / (weight / frequency + (1.0 - weight) / exclusivity_)



def _check_weights(sample_weight: object, n: int) -> np.ndarray:
    """``sample_weight`` as n finite weights >= 0 (ones when None), or an error naming it."""
    if sample_weight is None:
        return np.ones(n)
    try:
        weights = np.asarray(sample_weight, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(invalid_value("sample_weight", sample_weight, "an array of numbers, one per text")) from exc
    if weights.shape != (n,):
        raise ValueError(invalid_value("sample_weight", sample_weight, f"an array of one weight per text ({n})",
                                       got=f"an array of shape {weights.shape}"))
    if not np.isfinite(weights).all() or (weights < 0).any():
        raise ValueError(invalid_value("sample_weight", sample_weight, "an array of finite weights >= 0",
                                       got="a negative, NaN or infinite weight"))
    return weights


def _typicality(matrix: sp.csr_matrix, components: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """How typical of each topic each row is: its share of the topic times the cosine of its terms and the topic's.

    The share says how much of the row the topic explains; the cosine (of the row's
    term weights as the model reads it, with its paragraph, and the topic's term
    weights) how far the row uses the topic's words in the topic's proportions. A
    short row with one of the topic's words may have all its share in the topic
    and still be far from what the topic is about; a row that reads as the topic
    has both.
    """
    rows = normalize(sp.csr_matrix(matrix, dtype=np.float64))
    topics = normalize(np.asarray(components, dtype=np.float64))
    cosine = np.asarray(rows @ topics.T)
    return shares * np.clip(cosine, 0.0, 1.0)


def _nnls_rows(matrix: sp.csr_matrix, components: np.ndarray) -> np.ndarray:
    """Each row's exact non-negative least-squares weights on the components: min ||x - w H||, w >= 0.

    scikit-learn's ``NMF.transform`` solves the same problem iteratively, with a
    stopping rule over the whole batch, so that a text's weights shift (by about
    1e-7) with the other texts transformed alongside it. Solved row by row with
    an active-set method (Lawson-Hanson, in the k x k space of the Cholesky
    factor of H H'), a text's weights depend on that text alone.
    """
    k = components.shape[0]
    gram = components @ components.T
    factor = np.linalg.cholesky(gram + np.eye(k) * 1e-12 * max(np.trace(gram), 1.0))
    rhs = np.asarray(matrix @ components.T)
    projected = solve_triangular(factor, rhs.T, lower=True).T
    out = np.zeros((matrix.shape[0], k))
    for i in np.flatnonzero(np.asarray(matrix.getnnz(axis=1)) > 0):
        out[i] = nnls(factor.T, projected[i])[0]
    return out


def _nested(a: str, b: str) -> bool:
    """One term's words are all in the other ("inclusive" and "inclusive education")."""
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa


def _best_terms(weights: np.ndarray, names: np.ndarray, n: int) -> list[int]:
    """Indices of the ``n`` heaviest terms, skipping a term nested in one already taken.

    Weights are compared once settled to 1e-9 of the topic's largest
    (:mod:`cobs._ranking`): a weight that settles to 0 is no weight, and equal
    weights are taken in the alphabetical order of their terms. A word and the
    word pairs it belongs to often weigh the same (they occur in the same
    texts); the word then comes first ("court" < "court judges"), so that a tie
    gives a topic both its words ("court", "judges") rather than the pair alone,
    whatever the last bits of the weights on this machine.
    """
    chosen: list[int] = []
    settle = settled(weights)
    for j in ranking(weights, names):
        if not settle[j] > 0:
            break
        if any(_nested(str(names[j]), str(names[c])) for c in chosen):
            continue
        chosen.append(int(j))
        if len(chosen) == n:
            break
    return chosen


def _label(terms: list[str], taken: set[str], k: int) -> str:
    """The first three terms joined by " / " (more if another topic has that label already)."""
    for n in range(min(3, len(terms)), len(terms) + 1):
        label = " / ".join(terms[:n])
        if label not in taken:
            return label
    label = " / ".join(terms[:3]) or "topic"
    return f"{label} ({k})"

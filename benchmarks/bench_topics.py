"""Topic models of CRPD recommendations: cobs.topics beside gensim's LdaModel and a plain TF-IDF + NMF.

On the actions of every English CRPD CO in ../shared (``cobs.read_corpus`` then
``cobs.measure``), for k topics (default 12):

* fit time: one fit on all the actions (seconds; 2 shared cores here);
* coherence: NPMI of each topic's top 10 terms on the actions of COs held out
  (5 folds of COs; each held-out action's own text is a reference document;
  ``cobs.topics.coherence``), mean over topics and folds;
* exclusivity of the top 10 terms (``cobs.topics.exclusivity``);
* stability: 5 seeds, each fitting its own random 80 % of the COs (and its own
  random_state), mean best-match overlap of the top 10 terms between every two
  (``cobs.topics.stability``);
* NMI of each held-out action's main topic with its heading's theme
  (``theme_source == "heading"``), on all such actions and on those outside the
  implementation-and-reporting templates (the rows ``cobs.topics.against``
  compares for a model that weighs templates down);
* template topics: topics of the full fit whose mass is mostly template rows.

gensim is a benchmark-only tool, not a cobs dependency: ``.venv/bin/pip install
gensim`` to add its rows (they are skipped, with a message, without it). It
gets the same vocabulary (cobs's analyzer, same min_df) and k; once on the
action texts, once on the documents TopicModel learns from (paragraphs, templates
left out) with rows read in their paragraph, as TopicModel reads them.

    python benchmarks/bench_topics.py              # the comparison (about 15 min with gensim on 2 busy cores)
    python benchmarks/bench_topics.py --grid       # TopicModel's options, NMI and coherence only
    python benchmarks/bench_topics.py --select-k   # cobs.topics.select_k for k = 5, 10, ..., 30
    python benchmarks/bench_topics.py --no-gensim --folds 2 --seeds 3   # quicker
"""

from __future__ import annotations

import itertools
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from _shared import CRPD_PDFS, absent, crpd_actions
from _shared import parser as shared_parser
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score
from sklearn.preprocessing import normalize

import cobs.topics as topics
from cobs.text import vectorizer
from cobs.topics._quality import _overlaps, npmi

TEMPLATE_THEME = "implementation and reporting"


@dataclass
class Fitted:
    """What the benchmark needs of any fitted model."""

    top: list[list[str]]  # top terms per topic
    phi: np.ndarray  # topic x vocabulary weights, rows sum to 1
    vocabulary: dict[str, int]
    presence: Callable[[list[str]], sp.spmatrix]  # texts -> occurrence of the vocabulary's terms
    shares: Callable[[pd.DataFrame], np.ndarray]  # rows of a table -> topic shares


def templates_of(table: pd.DataFrame) -> np.ndarray:
    return ((table["cluster_id"].fillna("") == "IMPL") | (table["theme"].fillna("") == TEMPLATE_THEME)).to_numpy()


def exclusivity(phi: np.ndarray, top: list[list[str]], vocabulary: dict[str, int]) -> float:
    share = phi / np.maximum(phi.sum(axis=0, keepdims=True), 1e-300)
    return float(np.mean([np.mean([share[k, vocabulary[t]] for t in terms]) for k, terms in enumerate(top)]))


def dedup(terms: list[str], n: int = 10) -> list[str]:
    """The first n terms, skipping one nested in a term already kept (as TopicModel lists them)."""
    out: list[str] = []
    for t in terms:
        if not any(set(t.split()) <= set(u.split()) or set(u.split()) <= set(t.split()) for u in out):
            out.append(t)
        if len(out) == n:
            break
    return out


# --- the models -------------------------------------------------------------------------------


def boilerplate_weights(table: pd.DataFrame, weight: float) -> np.ndarray:
    """Per action: 1 - (1 - weight) x its row's share of words in cobs.compare.boilerplate's template sentences."""
    import cobs.compare

    sentences = cobs.compare.boilerplate(table)
    words = sentences.assign(template_words=sentences["words"] * sentences["template"])
    rows = words.groupby(["symbol", "para", "sub"])[["template_words", "words"]].sum()
    share = (rows["template_words"] / rows["words"].where(rows["words"] > 0)).fillna(0.0)
    keys = pd.MultiIndex.from_frame(table[["symbol", "para", "sub"]].astype(object))
    return 1.0 - (1.0 - weight) * share.reindex(keys).fillna(0.0).to_numpy()


def cobs_model(boilerplate: float | None = None, **params: object) -> Callable[[pd.DataFrame, int, int], Fitted]:
    def fit(table: pd.DataFrame, k: int, seed: int) -> Fitted:
        weights = None if boilerplate is None else boilerplate_weights(table, boilerplate)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", topics.SmallCorpusWarning)
            model = topics.TopicModel(n_topics=k, random_state=seed, **params)  # type: ignore[arg-type]
            model.fit(table, sample_weight=weights)
        return Fitted(top=model.top_terms(10), phi=model.components_, vocabulary=model.vectorizer_.vocabulary_,
                      presence=model.vectorizer_.transform, shares=model.transform)
    return fit


def plain_nmf(table: pd.DataFrame, k: int, seed: int) -> Fitted:
    """The baseline: scikit-learn's TF-IDF (English stop words) and NMF on the action texts."""
    vec = TfidfVectorizer(stop_words="english")
    matrix = vec.fit_transform(table["text"])
    model = NMF(n_components=k, init="nndsvd", max_iter=1000, random_state=seed).fit(matrix)
    names = vec.get_feature_names_out()
    phi = model.components_ / model.components_.sum(axis=1, keepdims=True)
    return Fitted(top=[[str(names[j]) for j in np.argsort(-row)[:10]] for row in phi], phi=phi,
                  vocabulary=vec.vocabulary_, presence=vec.transform,
                  shares=lambda t: model.transform(vec.transform(t["text"])) * model.components_.sum(axis=1))


def gensim_lda(*, as_cobs_reads: bool, passes: int = 10) -> Callable[[pd.DataFrame, int, int], Fitted]:
    from gensim.models import LdaModel

    def bows(matrix: sp.csr_matrix) -> list[list[tuple[int, float]]]:
        return [list(zip(matrix.indices[a:b].tolist(), matrix.data[a:b].tolist(), strict=True))
                for a, b in itertools.pairwise(matrix.indptr)]

    def fit(table: pd.DataFrame, k: int, seed: int) -> Fitted:
        corpus = _read(table)
        committees = corpus.committees
        vec = vectorizer(weighting="count", ngram_range=(1, 2), formula=("frame", "generic", "treaty", "filler"),
                         committees=committees, min_df=3)
        if as_cobs_reads:  # paragraphs, templates left out, as TopicModel's defaults
            documents, template = corpus.paragraphs()
            documents = [d for d, t in zip(documents, template, strict=True) if not t]
        else:
            documents = corpus.texts
        matrix = sp.csr_matrix(vec.fit_transform(documents))
        names = vec.get_feature_names_out()
        lda = LdaModel(bows(matrix), num_topics=k, id2word=dict(enumerate(names)), random_state=seed, passes=passes)
        phi = lda.get_topics()

        def shares(t: pd.DataFrame) -> np.ndarray:
            rows = _read(t)
            counts = sp.csr_matrix(vec.transform(rows.texts), dtype=np.float64)
            if as_cobs_reads:
                par = sp.csr_matrix(vec.transform(rows.paragraphs()[0]), dtype=np.float64)[rows.paragraph]
                rl, pl = np.asarray(counts.sum(1)).ravel(), np.asarray(par.sum(1)).ravel()
                scale = np.divide(np.where(rl > 0, rl, pl), pl, out=np.zeros_like(pl), where=pl > 0)
                counts = sp.csr_matrix(counts + sp.diags(scale) @ par)
            gamma = lda.inference(bows(counts))[0]
            theta = normalize(gamma, norm="l1")
            theta[np.asarray(counts.sum(1)).ravel() == 0] = 0
            return theta

        top = [[str(names[j]) for j in np.argsort(-row, kind="stable")[:40]] for row in phi]
        return Fitted(top=top, phi=phi, vocabulary=vec.vocabulary_, presence=vec.transform, shares=shares)
    return fit


def _read(table: pd.DataFrame):
    from cobs.topics._input import read_input

    return read_input(table, column="text")


# --- the measures -----------------------------------------------------------------------------


def folds_of(actions: pd.DataFrame, n: int) -> list[np.ndarray]:
    symbols = np.array(sorted(actions["symbol"].unique()))
    return np.array_split(np.random.RandomState(0).permutation(symbols), n)


def held_out_scores(fit: Callable, actions: pd.DataFrame, k: int, folds: list[np.ndarray],
                    raw_terms: bool = False) -> dict[str, float]:
    rows = []
    for fold in folds:
        test = actions[actions["symbol"].isin(fold)]
        model = fit(actions[~actions["symbol"].isin(fold)], k, 0)
        top = [t[:10] for t in model.top] if raw_terms else [dedup(t) for t in model.top]
        present = model.presence(test["text"].tolist()) > 0
        headed = test[test["theme_source"].fillna("") == "heading"]
        main = model.shares(headed)
        known = main.sum(axis=1) > 0
        substance = known & ~templates_of(headed)
        rows.append({
            "coherence": float(np.nanmean(npmi(top, present, model.vocabulary))),
            "exclusivity": exclusivity(model.phi, top, model.vocabulary),
            "nmi": normalized_mutual_info_score(headed["theme"][known], main[known].argmax(axis=1)),
            "nmi_substance": normalized_mutual_info_score(headed["theme"][substance], main[substance].argmax(axis=1)),
        })
    frame = pd.DataFrame(rows)
    out = frame.mean().to_dict()
    out.update({f"{c}_sd": float(frame[c].std(ddof=0)) for c in frame.columns})
    return out


def full_scores(fit: Callable, actions: pd.DataFrame, k: int, seeds: int) -> dict[str, float]:
    start = time.perf_counter()
    model = fit(actions, k, 0)
    seconds = time.perf_counter() - start
    shares = model.shares(actions)
    template = templates_of(actions)
    mass = shares[template].sum(axis=0) / np.maximum(shares.sum(axis=0), 1e-300)
    symbols = np.array(sorted(actions["symbol"].unique()))
    tops = []
    for seed in range(seeds):
        chosen = np.random.RandomState(seed).permutation(symbols)[:int(round(0.8 * len(symbols)))]
        tops.append([dedup(t) for t in fit(actions[actions["symbol"].isin(chosen)], k, seed).top])
    pairs = [_overlaps(a, b) for a, b in itertools.combinations(tops, 2)]
    return {"fit_s": seconds, "template_topics": int((mass > 0.5).sum()), "stability": float(np.mean(pairs)),
            "stability_sd": float(np.std(pairs))}


def gensim_npmi_check(actions: pd.DataFrame, k: int, fold: np.ndarray) -> None:
    """Our NPMI against gensim's CoherenceModel (c_npmi, a window longer than any action: whole texts).

    On the first fold only, for the default TopicModel: the two computations differ in two details
    (gensim smooths p(a, b) = 0 by 1e-12 instead of scoring -1, and scores nested terms such as
    "inclusive" and "inclusive education" too).
    """
    from gensim.corpora import Dictionary
    from gensim.models import CoherenceModel

    test = actions[actions["symbol"].isin(fold)]
    model = topics.TopicModel(n_topics=k, random_state=0).fit(actions[~actions["symbol"].isin(fold)])
    texts = [model.vectorizer_.build_analyzer()(t) for t in test["text"]]
    dictionary = Dictionary(texts)
    top = [[t for t in terms if t in dictionary.token2id] for terms in model.top_terms()]
    theirs = np.array(CoherenceModel(topics=top, texts=texts, dictionary=dictionary, coherence="c_npmi",
                                     window_size=1000).get_coherence_per_topic())
    ours = npmi(top, model.vectorizer_.transform(test["text"]) > 0, model.vectorizer_.vocabulary_)
    print(f"NPMI cross-check (fold 1, default TopicModel): cobs {np.nanmean(ours):.3f}, gensim CoherenceModel "
          f"c_npmi {np.mean(theirs):.3f}; per topic, largest difference {np.nanmax(np.abs(ours - theirs)):.3f}\n")


def main(argv: list[str] | None = None) -> int:
    parser = shared_parser(__doc__)
    parser.add_argument("--k", type=int, default=12)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--no-gensim", action="store_true")
    parser.add_argument("--grid", action="store_true", help="TopicModel's options (held-out NMI, coherence)")
    parser.add_argument("--select-k", action="store_true", help="cobs.topics.select_k on the corpus, k = 5 ... 30")
    args = parser.parse_args(argv)
    if absent(args.shared / CRPD_PDFS, "bench_topics", "the CRPD PDFs"):
        return 0
    actions = crpd_actions(args.shared / CRPD_PDFS)
    folds = folds_of(actions, args.folds)
    print(f"{actions['symbol'].nunique()} English CRPD COs, {len(actions)} actions "
          f"({int(templates_of(actions).sum())} in implementation-and-reporting templates); k={args.k}; "
          f"{args.folds} folds of COs held out; stability over {args.seeds} seeds (80 % of the COs each)\n")
    pd.set_option("display.width", 200)
    if args.grid:
        return grid(actions, args.k, folds)
    if args.select_k:
        start = time.perf_counter()
        table = topics.select_k(actions, ks=range(5, 31, 5), n_seeds=args.seeds, random_state=0)
        print(table.round(3).to_string(index=False))
        print(f"\nselect_k: {time.perf_counter() - start:.0f} s ({args.seeds} seeds, 20 % of the COs held apart)")
        return 0
    models: dict[str, Callable] = {
        "TF-IDF + NMF (scikit-learn, plain)": plain_nmf,
        "cobs TopicModel (defaults: nmf)": cobs_model(),
        "cobs TopicModel context='row'": cobs_model(context="row"),
        "cobs TopicModel templates='keep'": cobs_model(templates="keep"),
        "cobs TopicModel method='lda'": cobs_model(method="lda"),
    }
    raw = set()
    try:
        import gensim

        models["gensim LdaModel, action texts"] = gensim_lda(as_cobs_reads=False)
        models["gensim LdaModel, as cobs reads"] = gensim_lda(as_cobs_reads=True)
        raw = {"gensim LdaModel, action texts", "gensim LdaModel, as cobs reads"}
        gensim_version = gensim.__version__
    except ImportError:
        gensim_version = ""
        print("gensim rows skipped: gensim is not installed (.venv/bin/pip install gensim; benchmark-only)\n")
    if args.no_gensim:
        models = {name: fit for name, fit in models.items() if not name.startswith("gensim")}
    elif gensim_version:
        gensim_npmi_check(actions, args.k, folds[0])
    rows = []
    for name, fit in models.items():
        row = {"model": name, **full_scores(fit, actions, args.k, args.seeds),
               **held_out_scores(fit, actions, args.k, folds)}
        if name in raw:  # gensim's own top 10 (an n-gram and its words may both be there)
            row["coherence_raw_top10"] = held_out_scores(fit, actions, args.k, folds, raw_terms=True)["coherence"]
        rows.append(row)
        print(pd.DataFrame([row]).round(3).to_string(index=False), flush=True)
    table = pd.DataFrame(rows)
    columns = ["model", "fit_s", "coherence", "exclusivity", "stability", "nmi", "nmi_substance", "template_topics"]
    print("\n" + table[columns + [c for c in table.columns if c not in columns]].round(3).to_string(index=False))
    if gensim_version:
        print(f"\ngensim {gensim_version}: LdaModel(passes=10, other settings gensim's defaults), "
              "same vocabulary and k")
    return 0


def grid(actions: pd.DataFrame, k: int, folds: list[np.ndarray]) -> int:
    options: list[dict[str, object]] = [
        {},
        {"templates": "keep"},
        {"templates": "weigh_down", "template_weight": 0.1}, {"templates": "weigh_down"},
        {"templates": "weigh_down", "template_weight": 0.5},
        {"context": "row"},
        {"ngram_range": (1, 1)},
        {"min_df": 2}, {"min_df": 5},
        {"max_df": 0.5},
        {"stem": True},
        {"formula": ("frame", "generic", "filler")},
        {"boilerplate": 0.2}, {"boilerplate": 0.0},
    ]
    rows = []
    for params in options:
        row = {"options": ", ".join(f"{n}={v!r}" for n, v in params.items()) or "(defaults)",  # boilerplate=w:
               # sample_weight from cobs.compare.boilerplate, template sentences weighing w
               **held_out_scores(cobs_model(**params), actions, k, folds)}
        rows.append(row)
        print(pd.DataFrame([row]).round(3).to_string(index=False, header=len(rows) == 1), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

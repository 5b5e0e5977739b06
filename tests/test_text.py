"""cobs.text: the tokenisation and formula phrases that classify, compare and topics share."""

import pickle

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from cobs.text import Analyzer, formula_phrases, tokens, vectorizer

SEED_29A = ("29. The Committee urges the State party to: (a) Take all measures necessary to ensure that "
            "children with disabilities have access to inclusive education (CRC/C/KAZ/CO/3, para. 50).")


def test_plain_setting_is_scikit_learns_default():
    texts = [SEED_29A, "Continue and strengthen its efforts; ratify the OP-CRC-SC in 2016.", "Don't isn't x-y"]
    ours = vectorizer(ngram_range=(1, 2), stop_words=None, formula=(), numbers=True).fit(texts)
    theirs = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(texts)
    assert list(ours.get_feature_names_out()) == list(theirs.get_feature_names_out())
    assert (ours.transform(texts) != theirs.transform(texts)).nnz == 0


def test_formula_left_out_and_ngrams_do_not_cross_it():
    got = Analyzer(ngram_range=(1, 2))("The Committee recommends that the State party adopt a law on juvenile justice.")
    assert got == ["adopt", "law", "juvenile", "justice", "juvenile justice"]
    # "party adopt" would bridge the phrase left out, "adopt law" a stop word; "justice legislation" a full stop
    two = Analyzer(ngram_range=(2, 2))("Adopt juvenile justice. Legislation protects children.")
    assert two == ["adopt juvenile", "juvenile justice", "legislation protects", "protects children"]


def test_symbols_numbers_and_stop_words():
    assert tokens(SEED_29A) == ["children", "disabilities", "access", "inclusive", "education"]
    assert "50" in tokens(SEED_29A, numbers=True)
    assert "kaz" not in tokens(SEED_29A, formula=(), stop_words=None)  # the symbol is a citation, not words
    assert "the" in tokens("the law", stop_words=None, formula=())
    assert tokens("the custom law", stop_words=["custom"]) == ["the", "law"]  # your list instead of the English one


def test_committee_phrases_only_when_asked():
    text = "Ensure that persons with disabilities, in close consultation with their representative organizations, vote."
    assert "disabilities" in tokens(text)
    assert tokens(text, formula=("frame", "generic", "treaty"), committees=["CRPD"]) == ["vote"]
    assert "persons with disabilities" in formula_phrases(kinds=["treaty"], committees=["crpd"])
    assert all(p == p.lower() for p in formula_phrases(kinds=["frame", "generic", "treaty"]))


def test_stemming_matches_word_forms():
    assert tokens("ratify", stem=True) == tokens("ratified", stem=True) == tokens("ratifies", stem=True)


def test_analyzer_pickles_and_compares():
    a = Analyzer(ngram_range=(1, 3), stem=True, committees=["CRPD"])
    b = pickle.loads(pickle.dumps(a))
    assert a == b and b(SEED_29A) == a(SEED_29A)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"ngram_range": (2, 1)}, "ngram_range"),
        ({"formula": ["boilerplate"]}, r"formula must be a collection of 'frame', .*, got list: \['boilerplate'\]"),
        ({"formula": "frame"}, r"formula must be .*, got 'frame'; write \['frame'\]"),
        ({"stop_words": "french"}, "stop_words"),
    ],
)
def test_bad_options_are_named(options, message):
    with pytest.raises(ValueError, match=message):
        Analyzer(**options)


def test_bad_input_is_named():
    with pytest.raises(TypeError, match="text must be a str"):
        tokens(None)
    with pytest.raises(ValueError, match="weighting must be 'tfidf', 'count' or 'binary', got 'bm25'"):
        vectorizer(weighting="bm25")
    with pytest.raises(ValueError, match=r"ngram_range must be a tuple .*, got tuple: \(2, 1\)"):
        vectorizer(ngram_range=(2, 1), stop_words=None, formula=(), numbers=True)  # the plain setting too


def test_weightings():
    texts = ["ratify the protocol protocol", "adopt the law"]
    counts = vectorizer(weighting="count", ngram_range=(1, 1)).fit_transform(texts)
    binary = vectorizer(weighting="binary", ngram_range=(1, 1)).fit_transform(texts)
    assert counts.max() == 2 and binary.max() == 1


def test_synonyms_become_one_token():
    from cobs.text import Analyzer, synonyms, tokens, vectorizer

    assert synonyms()["propiska"] == "residence_registration"
    co = tokens("establish the post of ombudsperson for children", synonyms=True, stem=True)
    upr = tokens("Introduce the office of the Ombudsman for the rights of the child", synonyms=True, stem=True)
    assert "child_ombudsperson" in co and "child_ombudsperson" in upr
    assert tokens("ombudsperson for children") == ["ombudsperson", "children"]  # off by default
    # the longest phrase wins, and a synonym is found before a formula phrase could remove its words
    assert tokens("Ratify the Optional Protocol to the Convention on the Rights of Persons with Disabilities",
                  synonyms=True) == ["ratify", "crpd_op"]
    import pickle

    analyzer = Analyzer(synonyms=True)
    assert pickle.loads(pickle.dumps(analyzer))("the propiska") == ["residence_registration"]
    assert "synonyms=True" in repr(analyzer) and analyzer != Analyzer()
    v = vectorizer(ngram_range=(1, 1), synonyms=True).fit(["Abolish the propiska.", "Foster care for children."])
    assert set(v.get_feature_names_out()) == {"abolish", "residence_registration", "alternative_care", "children"}


def test_filler_phrases_only_when_asked():
    filler = {"formula": ("frame", "generic", "filler")}
    assert tokens("Ratify the Marrakesh Treaty as soon as possible.", **filler) == ["ratify", "marrakesh", "treaty"]
    assert tokens("Vote on an equal basis with others.", committees=["CRPD"], **filler) == ["vote"]
    assert tokens("Implement the law in accordance with the Constitution.", **filler) == ["law", "constitution"]
    assert "soon" in tokens("Ratify it as soon as possible.")  # the default kinds (frame, generic) keep them
    assert "as soon as possible" in formula_phrases(kinds=["filler"])
    assert "as soon as possible" not in formula_phrases()


def test_ngrams_are_runs_of_adjacent_words_as_the_text_has_them():
    """Keyness tables listed "denmark close" (from "Denmark, in close") and "consultation active" (from
    "consultation with and with the active"): a phrase nobody wrote cannot be quoted in a paper."""
    text = ("Denmark, in close consultation with and with the active involvement of Greenland, adopt a juvenile "
            "justice law; the children's rights commissioner (2015) acts.")
    bigrams = [g for g in Analyzer(ngram_range=(1, 2))(text) if " " in g]
    assert bigrams == ["close consultation", "active involvement", "juvenile justice", "justice law",
                       "children rights", "rights commissioner"]
    for gram in bigrams:  # each stands in the text word for word (a possessive 's apart)
        assert gram in text.lower().replace("'s", "")


def test_phrases_of_the_data_files_are_scanned_as_the_text_is():
    """A synonym or formula phrase holding a one-letter word or a possessive matches the text it names."""
    analyzer = Analyzer(synonyms=True)
    assert analyzer("Appoint a children's ombudsman.") == ["appoint", "child_ombudsperson"]
    assert analyzer("APPOINT A CHILDREN'S OMBUDSMAN") == ["appoint", "child_ombudsperson"]
    assert analyzer("Establish a national preventive mechanism.") == ["establish", "npm"]


@pytest.mark.parametrize(("text", "token"), [
    # a one-letter word inside the synonym ("a") and commas inside the text, as the UPR and the COs write them
    ("Become a party to the Rome Statute", "ratify"),
    ("Ratify the Optional Protocol on a communications procedure", "crc_opic"),
    ("Children deprived of a family environment", "alternative_care"),
    ("Prevent cruel, inhuman or degrading treatment or punishment", "ill_treatment"),
    ("Ratify the Optional Protocol to the International Covenant on Economic, Social and Cultural Rights", "op_icescr"),
])
def test_synonyms_match_across_one_letter_words_and_commas(text, token):
    assert token in Analyzer(synonyms=True)(text)


def test_an_analyzer_cuts_a_text_once_and_sees_its_options_change():
    """The report cut each paragraph again for every keyness, similarity and topic model (3.6 s of a 3.7 s keyness
    on fifty COs): what an analyzer makes of a text is kept, for analyzers of the same options; an option changed
    after the first text is one the next text is cut with."""
    from cobs.text import Analyzer, _grams

    text = "The Committee urges the State party to ratify the Optional Protocol and to ratified conventions."
    first = Analyzer(ngram_range=(1, 2))
    assert first(text) == Analyzer(ngram_range=(1, 2))(text) == list(first._grams(text))
    hits = _grams.cache_info().hits
    assert Analyzer(ngram_range=(1, 2))(text) == first(text) and _grams.cache_info().hits >= hits + 2
    assert "ratifi" not in first(text)
    first.stem = True
    assert "ratifi" in first(text) and first != Analyzer(ngram_range=(1, 2))
    assert Analyzer(leave_out=["optional protocol"])(text) != Analyzer(leave_out=["ratify"])(text)


def test_an_option_set_anew_or_changed_in_place_never_gives_a_kept_stale_result():
    """Issue 20: the kept results (_grams, by the Analyzer's repr) saw an option set anew but not a list changed in
    place; and an option set anew changed the repr but not the phrases and stop words looked up, so that
    ``leave_out``, ``formula``, ``stop_words`` or ``synonyms`` set after the first text changed nothing."""
    text = "The Committee urges Denmark to ratify the Optional Protocol on the ombudsman for children."
    analyzer = Analyzer()
    assert "denmark" in analyzer(text)
    analyzer.leave_out = ["denmark"]  # a list, set anew: checked and kept as a tuple
    assert analyzer.leave_out == ("denmark",) and isinstance(analyzer.leave_out, tuple)
    assert analyzer(text) == Analyzer(leave_out=["denmark"])(text) and "denmark" not in analyzer(text)
    with pytest.raises(AttributeError, match=r"Analyzer.leave_out is a tuple and cannot change in place .*: set it "
                       r"anew, e.g. analyzer.leave_out = \(\*analyzer.leave_out, 'another'\)"):
        analyzer.leave_out.append("ratify")
    with pytest.raises(TypeError, match="Analyzer.leave_out is a tuple and cannot change in place"):
        analyzer.leave_out[0] = "ratify"
    assert "ratify" in analyzer(text)  # not a result kept for the options before
    analyzer.leave_out = (*analyzer.leave_out, "ratify")
    assert analyzer(text) == Analyzer(leave_out=["denmark", "ratify"])(text) and "ratify" not in analyzer(text)

    words = Analyzer(stop_words=["ratify"])
    assert "ratify" not in words(text) and "urges" not in words(text)  # "urges" a formula word
    with pytest.raises(AttributeError, match="Analyzer.stop_words is a tuple"):
        words.stop_words.append("protocol")
    words.stop_words = {"protocol", "optional"}  # a set: kept sorted, the same repr in every process
    assert words.stop_words == ("optional", "protocol") and "protocol" not in words(text) and "ratify" in words(text)
    with pytest.raises(AttributeError, match="Analyzer.formula is a tuple"):
        words.formula.remove("frame")
    words.formula = ()
    assert "urges" in words(text) and words(text) == Analyzer(stop_words=["protocol", "optional"], formula=())(text)
    words.synonyms = True
    assert words(text) == Analyzer(stop_words=["optional", "protocol"], formula=(), synonyms=True)(text)
    assert "child_ombudsperson" in words(text)
    with pytest.raises(ValueError, match=r"formula must be a collection of 'frame'"):
        words.formula = ["boilerplate"]  # checked as the constructor checks it
    with pytest.raises(TypeError, match=r"committees must be a collection of committee codes, got 'CRPD'; write"):
        words.committees = "CRPD"
    assert pickle.loads(pickle.dumps(analyzer)) == analyzer and pickle.loads(pickle.dumps(analyzer))(text) == \
        analyzer(text)

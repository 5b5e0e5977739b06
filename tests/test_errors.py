"""Bad input gets a specific cobs error naming the file and the reason."""

import pandas as pd
import pytest
from conftest import shared_path

import cobs
from cobs.datasets import load_sample
from cobs.errors import (
    CobsError,
    DocumentError,
    EmptyDocumentError,
    LanguageError,
    NotACOError,
    UnknownCommitteeError,
    UnsupportedFormatError,
)
from cobs.reference._dates import date_pattern, ordinal_word
from cobs.reference._symbols import parse_symbol

CO_TEXT = """Committee on the Rights of the Child
Concluding observations on the fourth periodic report of Kazakhstan
I. Introduction
1. The Committee considered the fourth periodic report of Kazakhstan (CRC/C/KAZ/4) and adopted the present
concluding observations at its 2052nd meeting, held on 2 October 2015.
2. The Committee recommends that the State party ratify the Optional Protocol.
"""


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_errors_share_one_base_class():
    assert issubclass(DocumentError, CobsError)
    for cls in (EmptyDocumentError, LanguageError, NotACOError, UnknownCommitteeError, UnsupportedFormatError):
        assert issubclass(cls, DocumentError)


def test_a_minimal_co_reads(tmp_path):
    doc = cobs.read_document(write(tmp_path, "ok.txt", CO_TEXT))
    assert doc.meta.symbol == "CRC/C/KAZ/CO/4"


@pytest.mark.parametrize("content", [b"", b"   \n\n  \t\n"])
def test_empty_file(tmp_path, content):
    path = write(tmp_path, "empty.txt", content)
    with pytest.raises(EmptyDocumentError) as info:
        cobs.read_document(path)
    assert str(info.value) == f"{path}: the file is empty"


def test_binary_junk(tmp_path):
    junk = bytes(range(256)) * 40
    with pytest.raises(UnsupportedFormatError, match=r"junk\.bin: the file holds binary data, not text"):
        cobs.read_document(write(tmp_path, "junk.bin", junk))


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="nothing.txt: no such file"):
        cobs.read_document(tmp_path / "nothing.txt")


@pytest.mark.parametrize(
    "language, text",
    [
        ("fr", "Comité des droits de l'enfant\nObservations finales concernant le rapport de la France\n"
               "1. Le Comité a examiné le rapport de l'État partie et recommande que l'État partie adopte les mesures "
               "nécessaires pour que les enfants aient accès à la justice et à une protection dans les écoles."),
        ("es", "Comité de los Derechos del Niño\nObservaciones finales sobre el informe de España\n"
               "1. El Comité examinó el informe del Estado parte y recomienda que el Estado parte adopte las medidas "
               "para que los niños tengan acceso a la justicia y a la protección en las escuelas."),
        ("ru", "Комитет по правам ребенка\nЗаключительные замечания по докладу Казахстана\n"
               "1. Комитет рассмотрел доклад государства-участника и рекомендует принять меры."),
        ("ar", "لجنة حقوق الطفل\nالملاحظات الختامية بشأن تقرير كازاخستان\n"
               "1. نظرت اللجنة في التقرير وتوصي الدولة الطرف باتخاذ التدابير."),
        ("zh", "儿童权利委员会\n关于哈萨克斯坦报告的结论性意见\n1. 委员会审议了缔约国的报告，并建议缔约国采取措施。"),
    ],
)
def test_non_english_co(tmp_path, language, text):
    path = write(tmp_path, f"co_{language}.txt", text)
    with pytest.raises(LanguageError, match=rf"co_{language}\.txt: the document is in \w+, not English") as info:
        cobs.read_document(path)
    assert info.value.language == language


@pytest.mark.parametrize(
    "title, kind",
    [
        ("Initial report submitted by Kazakhstan under article 35 of the Convention", "a State party report"),
        ("List of issues in relation to the initial report of Kazakhstan", "a list of issues"),
        ("Replies of Kazakhstan to the list of issues in relation to its initial report", "the State party's replies"),
        ("Information received from Kazakhstan on follow-up to the concluding observations on its initial report",
         "follow-up information"),
        ("Report of the Working Group on the Universal Periodic Review\nKazakhstan", "Universal Periodic Review"),
    ],
)
def test_documents_that_are_not_cos(tmp_path, title, kind):
    text = f"Committee on the Rights of Persons with Disabilities\n{title}\n1. The State party has adopted a law.\n"
    with pytest.raises(NotACOError, match=f"not\\.txt: the document is not concluding observations but .*{kind}"):
        cobs.read_document(write(tmp_path, "not.txt", text))


def test_unknown_committee(tmp_path):
    text = CO_TEXT.replace("Committee on the Rights of the Child", "Committee on the Rights of Cats")
    with pytest.raises(UnknownCommitteeError,
                       match=r"cats\.txt: the document is from 'Committee on the Rights of Cats'"):
        cobs.read_document(write(tmp_path, "cats.txt", text))


def test_no_numbered_paragraphs(tmp_path):
    text = ("Committee on the Rights of the Child\nConcluding observations on the fourth periodic report of "
            "Kazakhstan\n"
            "The end.\n")
    with pytest.raises(DocumentError, match=r"nopara\.txt: no numbered paragraphs found"):
        cobs.read_document(write(tmp_path, "nopara.txt", text))


@pytest.mark.real_data
def test_real_documents_that_are_not_cos():
    folder = shared_path("crpd-dashboard-pdfs", "kazakhstan_cycle")
    with pytest.raises(NotACOError, match="a State party report"):
        cobs.read_document(folder / "Kazakhstan_2017_CRPD_C_KAZ_1.pdf")
    with pytest.raises(NotACOError, match="replies to a list of issues"):
        cobs.read_document(folder / "Kazakhstan_2021_CRPD_C_KAZ_RQ_1.pdf")
    # this copy of the list of issues is the Spanish version: that it is not a CO comes first (issue 11)
    with pytest.raises(NotACOError, match=r"a list of issues \(its symbol is CRPD/C/KAZ/Q/1\)"):
        cobs.read_document(folder / "Kazakhstan_2020_CRPD_C_KAZ_Q_1.pdf")


@pytest.mark.real_data
def test_real_upr_report():
    path = shared_path("uprs-terman", "upr-wg-report-txts", "kazakhstan2014.txt")
    with pytest.raises(NotACOError, match="Working Group on the Universal Periodic Review") as info:
        cobs.read_document(path)
    assert str(info.value).startswith(str(path))


def test_a_co_without_its_beginning(tmp_path):
    text = CO_TEXT.replace("1. The Committee considered", "The Committee considered").replace(
        "2. The Committee recommends", "5. The Committee recommends")
    with pytest.raises(DocumentError, match=r"start\.txt: paragraph 1 is missing: the numbered paragraphs start at 5"):
        cobs.read_document(write(tmp_path, "start.txt", text))


def test_utf16_text_and_a_browser_saved_page_are_read(tmp_path):
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(CO_TEXT.encode("utf-16"))
    assert cobs.read_document(utf16).meta.symbol == "CRC/C/KAZ/CO/4"
    saved = tmp_path / "saved.htm"
    body = "".join(f"<p>{line}</p>" for line in CO_TEXT.splitlines())
    saved.write_text("<!DOCTYPE html>\n<!-- saved from url=(0071)https://tbinternet.ohchr.org/ -->\n"
                     + "<!-- " + "x" * 300 + " -->\n<html><body>" + body + "</body></html>", encoding="utf-8")
    doc = cobs.read_document(saved)
    assert doc.meta.format == "html" and len(doc.paragraphs) == 2


# --- the exceptions behave like pandas' and scikit-learn's (issue 7) -----------------------------


def test_document_errors_are_value_errors_and_fetch_errors_os_errors(tmp_path):
    import pickle

    from cobs.errors import DocumentNotFoundError, FetchError, ParseError, VerificationError

    with pytest.raises(ValueError, match="the file is empty"):  # as pandas' parser errors are
        cobs.read_document(write(tmp_path, "empty.txt", b""))
    for cls in (FetchError, DocumentNotFoundError, VerificationError):
        error = cls("CRC/C/KAZ/CO/4", "host not found", url="https://documents.un.org/x")
        assert isinstance(error, OSError) and isinstance(error, CobsError)
        assert str(error) == "CRC/C/KAZ/CO/4: host not found"
        again = pickle.loads(pickle.dumps(error))  # across worker processes
        assert type(again) is cls and (again.symbol, again.reason, again.url) == (
            "CRC/C/KAZ/CO/4", "host not found", "https://documents.un.org/x")
    error = ParseError("co.pdf", "paragraph 12 is missing", page=3, line=40)
    assert (error.page, error.line, str(error)) == (3, 40, "co.pdf, page 3, line 40: paragraph 12 is missing")
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), again.page, again.line, again.reason) == (ParseError, 3, 40, "paragraph 12 is missing")


def test_one_helper_words_every_invalid_value():
    from cobs.errors import invalid_value

    assert invalid_value("lang", "de", ("en", "fr")) == "lang must be 'en' or 'fr', got 'de'"
    assert invalid_value("timeout", float("inf"), "a finite number of seconds > 0", "give 600 for a slow line") == (
        "timeout must be a finite number of seconds > 0, got inf; give 600 for a slow line")
    long = invalid_value("symbols", ["CRC/C/KAZ/CO/4"] * 50, "a str")
    assert long.startswith("symbols must be a str, got list: ['CRC/C/KAZ/CO/4',") and len(long) < 200


def test_the_shared_argument_checks_return_the_value_or_say_what_it_must_be():
    import numpy as np
    import scipy.sparse as sp

    from cobs import _checks

    assert _checks.check_int(np.int64(3), "n") == 3 and _checks.check_int(None, "n", allow_none=True) is None
    for bad in (0, True, 2.5, "3"):
        with pytest.raises(ValueError, match=f"n must be a positive int, got {bad!r}"):
            _checks.check_int(bad, "n")
    assert _checks.check_number(0.5, "share", "a share in (0, 1)", lambda v: 0 < v < 1) == 0.5
    for bad in (1.0, float("nan"), False):
        with pytest.raises(ValueError, match=r"share must be a share in \(0, 1\), got"):
            _checks.check_number(bad, "share", "a share in (0, 1)", lambda v: 0 < v < 1)
    with pytest.raises(TypeError, match="threshold must be a number >= 0, got 'high'"):
        _checks.check_number("high", "threshold", "a number >= 0", lambda v: v >= 0, type_error=True)
    with pytest.raises(ValueError, match="threshold must be a number >= 0, got -1"):
        _checks.check_number(-1, "threshold", "a number >= 0", lambda v: v >= 0, type_error=True)
    assert _checks.check_n_jobs(None) is None and _checks.check_n_jobs(-1) == -1
    assert _checks.check_n_jobs(np.int64(2)) == 2
    for bad in (0, -2, True, 1.0):
        with pytest.raises(ValueError, match=f"n_jobs must be None, -1 or a positive int, got {bad!r}; -1 uses every"):
            _checks.check_n_jobs(bad)
    _checks.check_choice("nmf", "method", ("nmf", "lda"))
    with pytest.raises(ValueError, match="method must be 'nmf' or 'lda', got True"):
        _checks.check_choice(True, "method", ("nmf", "lda"))
    with pytest.raises(TypeError, match="refs must be True or False, got 'yes'"):
        _checks.check_flag("yes", "refs")
    assert _checks.check_ngram_range((1, 2), "ngram_range") == (1, 2)
    assert _checks.check_ngram_range(None, "ngram_range", allow_none=True) is None
    with pytest.raises(ValueError, match=r"ngram_range must be None or a tuple \(min_n, max_n\) .*, got tuple: \(2,"):
        _checks.check_ngram_range((2, 1), "ngram_range", allow_none=True)
    assert _checks.check_names("state", "by") == ["state"] and _checks.check_names(None, "by") == []
    with pytest.raises(TypeError, match="by must be a column name or a list of column names, got list: \\[\\]"):
        _checks.check_names([], "by", required=True)
    with pytest.raises(TypeError, match="by must be a column name or a list of column names, got 3"):
        _checks.check_names(3, "by")
    assert _checks.check_texts(("a", "b")) == ["a", "b"]
    for X, error, message in (
        ("one text", ValueError, r"X must be a sequence of texts, got a single str \('one text'\); wrap it in a list"),
        (sp.csr_matrix(np.eye(2)), TypeError, "X must be a sequence of texts, got a sparse matrix; cobs vectorises"),
        (np.array([["a", "b"]]), ValueError, r"X must be a one-dimensional sequence of texts, got an array of shape"),
        (["a", 1], TypeError, r"X\[1\] must be a str, got 1; replace missing texts by '' or drop them"),
    ):
        with pytest.raises(error, match=message):
            _checks.check_texts(X)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: cobs.read_document("x.txt", format="doc"), ValueError, None),
        (lambda: cobs.read_table("t.csv", format="xlsx"), ValueError,
         "format must be 'csv', 'json', 'parquet' or None, got 'xlsx'"),
        (lambda: parse_symbol(4), TypeError, "symbol must be a str, got 4"),
        (lambda: ordinal_word(100), ValueError, "number must be an int from 1 to 99, got 100"),
        (lambda: date_pattern("de"), ValueError, "language must be 'en', 'fr', 'es' or 'ar', got 'de'"),
        (lambda: cobs.tally(load_sample().paragraphs, "theme", by=3), TypeError,
         "by must be a column name or a list of column names, got 3"),
        (lambda: cobs.tally(load_sample().paragraphs, []), ValueError, "of must be at least one column name, got list"),
        (lambda: cobs.measure(load_sample().paragraphs.assign(heading=pd.NA), theme_model="best"), ValueError,
         "theme_model must be a fitted ThemeClassifier, 'auto' or None, got 'best'"),
    ],
    ids=["document-format", "table-format", "symbol-type", "ordinal", "date-language", "tally-by", "tally-of",
         "theme-model"],
)
def test_invalid_arguments_are_worded_alike(tmp_path, monkeypatch, call, error, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text(CO_TEXT)
    (tmp_path / "t.csv").write_text("a\n1\n")
    if message is None:
        message = "format must be 'txt', 'pdf', 'docx', 'html' or None, got 'doc'"
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        call()

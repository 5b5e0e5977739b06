"""Bad input gets a specific cobs error naming the file and the reason."""

import pytest
from conftest import shared_path

import cobs
from cobs.errors import (
    CobsError,
    DocumentError,
    EmptyDocumentError,
    LanguageError,
    NotACOError,
    UnknownCommitteeError,
    UnsupportedFormatError,
)

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

"""cobs.read._identify: what a file says it is (symbol, languages, dates), in any UN language."""

import datetime

import pytest
from conftest import shared_path
from fake_un import ERROR_PAGE, make_co_docx, make_co_pdf

from cobs.errors import EmptyDocumentError, NotAPDFError, TruncatedDocumentError, UnsupportedFormatError
from cobs.read._dates import adoption_date, session_dates
from cobs.read._identify import identify, symbol_lines


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("identify")
    return {
        "en": make_co_pdf(folder / "en.pdf"),
        "fr": make_co_pdf(folder / "fr.pdf", lang="fr"),
        "docx": make_co_docx(folder / "en.docx", symbol="CRC/C/KAZ/CO/4"),
    }


def test_symbol_lines_count_mastheads_and_running_headers_only():
    lines = [
        "United Nations CRPD/C/CRI/CO/2-3",  # masthead
        "CRPD/C/CRI/CO/2-3",  # running header
        "CRPD/C/SEN/CO /1",  # a space PDF extraction put in
        "CRPD ل املت األمم /C/SEN/CO/1",  # an Arabic masthead, split by the right-to-left words
        "Nations Unies CRPD/C/ECU/CO/2-3",
        "1 CRPD/C/CRI/2-3.",  # a footnote citing the State's report
        "3 CRPD/C/CRI/CO/1.",
        "handicap (CRPD/C/ECU/CO/1, par. 15).",
        "see CRPD/C/SR.481",
    ]
    assert symbol_lines(lines) == {"CRPD/C/CRI/CO/2-3": 2, "CRPD/C/SEN/CO/1": 2, "CRPD/C/ECU/CO/2-3": 1}


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        (("1. The Committee considered the report at its 705th and 706th meetings, held on 14 March 2024. "
         "It adopted the present concluding observations at its 716th meeting, held on 21 March 2024.\n2. The"),
         "en", datetime.date(2024, 3, 21)),
        (("1. The Committee considered the report at its 149th and 150th meetings, held on 18 and 19 September "
         "2014. At its 166th meeting, held on 1 October 2014, the Committee adopted the following concluding "
         "observations.\n2. The"), "en", datetime.date(2014, 10, 1)),
        # the only date belongs to the consideration: no adoption date is printed
        (("1. The Committee considered the report at its 125th and 126th meetings, held on 1 and 2 April 2014 "
         "respectively, and adopted the following concluding observations at its 139th meeting.\n2. The"), "en", None),
        (("1. El Comité examinó el informe inicial de Grecia en sus sesiones 487ª y 488ª, celebradas los días 3 y 4 de "
         "septiembre de 2019. El Comité aprobó las presentes observaciones finales en su 506ª sesión, celebrada el "
         "18 de septiembre de 2019.\n2. El"), "es", datetime.date(2019, 9, 18)),
        (("-1 نظرت اللجنة في التقرير في جلستيها 690 و691 المعقودتين في 4\nو5 آذار/مارس .2024 واعتمدت هذه الملاحظات "
         "الختامية في جلستيها 710 و712 المعقودتين في 18\nو19 آذار/مارس .2024\n-2 وفقا"), "ar",
         datetime.date(2024, 3, 19)),
        # a month garbled by PDF extraction is not guessed
        ("-1 نظرت اللجنة ... يلاعتمدت يف جلستان ،503 املعق ة يف 16 أيل ل/ساتمرب ،2019 هذه\n-2 يل", "ar", None),
        ("1. Le Comité a examiné le rapport.\n2. Le", "ru", None),
    ],
)
def test_adoption_date(text, lang, expected):
    assert adoption_date(text, lang) == expected


def test_session_dates():
    note = "* Adopted by the Committee at its twentieth session (27 August–21 September 2018)."
    assert session_dates(note, "en") == (
        datetime.date(2018, 8, 27), datetime.date(2018, 9, 21))
    assert session_dates("* Adoptées par le Comité à sa vingt-deuxième session (26 août-20 septembre 2019).", "fr") == (
        datetime.date(2019, 8, 26), datetime.date(2019, 9, 20))
    assert session_dates("no note here", "en") is None


def test_synthetic_english_pdf(synthetic):
    who = identify(synthetic["en"])
    assert (who.format, who.symbol, who.language, who.original, who.pages) == ("pdf", "CRPD/C/ESP/CO/1", "en", "en", 2)
    assert who.symbols == {"CRPD/C/ESP/CO/1": 2}
    assert who.adopted == datetime.date(2024, 4, 12)
    assert who.session == (datetime.date(2024, 3, 25), datetime.date(2024, 4, 12))
    assert who.languages == ("en",)


def test_synthetic_french_pdf(synthetic):
    who = identify(synthetic["fr"])
    expected = ("CRPD/C/ESP/CO/1", "fr", "en", datetime.date(2024, 4, 12))
    assert (who.symbol, who.language, who.original, who.adopted) == expected
    assert who.languages == ("en", "fr")


def test_word_file(synthetic):
    who = identify(synthetic["docx"])
    assert (who.format, who.symbol, who.language, who.pages) == ("docx", "CRC/C/KAZ/CO/4", "en", None)


def test_what_is_not_a_document_is_refused(tmp_path, synthetic):
    html = tmp_path / "page.pdf"
    html.write_bytes(ERROR_PAGE)
    with pytest.raises(NotAPDFError, match="HTML page"):
        identify(html)
    old_word = tmp_path / "old.doc"
    old_word.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(NotAPDFError, match=r"old Word \(.doc\) file"):
        identify(old_word)
    text = tmp_path / "text.pdf"
    text.write_bytes(b"Service temporarily unavailable")
    with pytest.raises(NotAPDFError, match="neither a PDF nor a Word"):
        identify(text)
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(EmptyDocumentError):
        identify(empty)
    data = synthetic["en"].read_bytes()
    half = tmp_path / "half.pdf"
    half.write_bytes(data[: len(data) // 2])
    with pytest.raises(TruncatedDocumentError, match="truncated"):
        identify(half)
    docx = synthetic["docx"].read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(docx[: len(docx) // 2])
    with pytest.raises(TruncatedDocumentError):
        identify(cut)
    import zipfile

    other_zip = tmp_path / "other.docx"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("hello.txt", "not Word")
    with pytest.raises(UnsupportedFormatError, match="not a Word document"):
        identify(other_zip)


# --- real documents ------------------------------------------------------------------------------


@pytest.mark.real_data
@pytest.mark.parametrize(
    "name, symbol, language, original, adopted",
    [
        ("Kazakhstan_2024_CRPD_C_KAZ_CO_1.pdf", "CRPD/C/KAZ/CO/1", "ar", "en", datetime.date(2024, 3, 19)),
        ("Ecuador_2019_CRPD_C_ECU_CO_2-3.pdf", "CRPD/C/ECU/CO/2-3", "fr", "es", datetime.date(2019, 9, 17)),
        ("El Salvador_2019_CRPD_C_SLV_CO_2-3.pdf", "CRPD/C/SLV/CO/2-3", "es", "en", datetime.date(2019, 9, 20)),
        ("Senegal_UnknownYear_CRPD_C_SEN_CO_1.pdf", "CRPD/C/SEN/CO/1", "ar", "en", None),
        ("Costa Rica_2024_CRPD_C_CRI_CO_2-3.pdf", "CRPD/C/CRI/CO/2-3", "en", "es", datetime.date(2023, 3, 21)),
        ("Azerbaijan_2024_CRPD_C_AZE_CO_2-3.pdf", "CRPD/C/AZE/CO/2-3", "en", "en", datetime.date(2024, 3, 21)),
        ("Azerbaijan_2024_CRPD_C_AZE_FCO_2-3.pdf", "CRPD/C/AZE/FCO/2-3", "en", "en", None),
    ],
)
def test_real_documents(name, symbol, language, original, adopted):
    who = identify(shared_path("crpd-dashboard-pdfs", "concluding_observations", name))
    assert (who.symbol, who.language, who.original, who.adopted) == (symbol, language, original, adopted)


@pytest.mark.real_data
def test_real_masthead_language_lists():
    folder = ("crpd-dashboard-pdfs", "concluding_observations")
    assert identify(shared_path(*folder, "Azerbaijan_2024_CRPD_C_AZE_FCO_2-3.pdf")).issued == ("ar", "en", "fr", "es")
    costa_rica = identify(shared_path(*folder, "Costa Rica_2024_CRPD_C_CRI_CO_2-3.pdf"))
    assert (costa_rica.version, costa_rica.languages) == ("en", ("en", "es"))
    assert costa_rica.session == (datetime.date(2024, 3, 4), datetime.date(2024, 3, 22))


# --- one identification layer (issue 7) and the order of refusals (issue 11) -----------------------


def test_identify_raw_tells_everything_read_document_needs(seed_doc):
    from conftest import SEED

    from cobs.read import read_raw
    from cobs.read._identify import identify_raw

    who = identify_raw(read_raw(SEED, SEED.read_bytes()))
    assert (who.doc_type, who.type_source, who.is_co) == ("concluding observations", "title", True)
    assert (who.symbol, who.co_symbol, who.symbol_source) == (None, "CRC/C/KAZ/CO/4", "inferred")  # no symbol printed
    assert (who.committee, who.state, who.cycle, who.protocol) == ("CRC", "KAZ", "4", None)
    assert (who.adopted, who.year, who.session_number) == (datetime.date(2015, 10, 2), 2015, 70)
    assert who.session == (datetime.date(2015, 9, 14), datetime.date(2015, 10, 2))
    assert who.title == ("Committee on the Rights of the Child Concluding observations on the fourth periodic report "
                         "of Kazakhstan*")
    assert who.starts == ()
    meta = seed_doc.meta
    assert (meta.symbol, meta.date, meta.year, meta.session) == (who.co_symbol, who.adopted, who.year,
                                                                 who.session_number)


SPANISH_LIST_OF_ISSUES = """Comité sobre los Derechos de las Personas con Discapacidad
Lista de cuestiones relativa al informe inicial de Kazajstán*
A. Propósito y obligaciones generales (arts. 1 a 4)
1. Sírvanse proporcionar información sobre el proceso de evaluación y la eficacia del plan de acción para la
promoción de los derechos de las personas con discapacidad y el mejoramiento de su calidad de vida.
2. Sírvanse proporcionar información sobre las medidas adoptadas para ratificar el Protocolo Facultativo.
"""


def test_a_spanish_list_of_issues_is_refused_as_not_a_co_before_its_language(tmp_path):
    """Issue 11: it was refused as "not English"; that it is not a CO is the more basic reason."""
    import cobs
    from cobs.errors import NotACOError

    path = tmp_path / "loi_es.txt"
    path.write_text(SPANISH_LIST_OF_ISSUES, encoding="utf-8")
    with pytest.raises(NotACOError, match=r"loi_es\.txt: the document is not concluding observations but a list of "
                                          r"issues \(its title") as info:
        cobs.read_document(path)
    assert info.value.doc_type == "a list of issues"
    with_symbol = tmp_path / "loi_es_symbol.txt"
    with_symbol.write_text("CRPD/C/KAZ/Q/1\n" + SPANISH_LIST_OF_ISSUES, encoding="utf-8")
    with pytest.raises(NotACOError, match=r"a list of issues \(its symbol is CRPD/C/KAZ/Q/1\)"):
        cobs.read_document(with_symbol)


def test_random_text_is_not_called_spanish(tmp_path):
    """Issue 11: random base64 text was refused as "Spanish" (a few "y" and "el" among random letters)."""
    import base64
    import random

    import cobs
    from cobs.errors import NotACOError
    from cobs.read._language import detect_language

    noise = base64.encodebytes(random.Random(0).randbytes(600_000))
    assert detect_language(noise[:8000].decode()) == ""
    path = tmp_path / "noise.txt"
    path.write_bytes(noise)
    with pytest.raises(NotACOError, match=r"noise\.txt: the document is not concluding observations .*none of the six "
                                          r"UN languages"):
        cobs.read_document(path)


def test_a_french_co_is_still_refused_for_its_language(tmp_path):
    import cobs
    from cobs.errors import LanguageError

    path = tmp_path / "fr.txt"
    path.write_text("Comité des droits de l'enfant\nObservations finales concernant le rapport de la France\n"
                    "1. Le Comité a examiné le rapport de l'État partie et recommande que l'État partie adopte les "
                    "mesures nécessaires pour que les enfants aient accès à la justice.\n", encoding="utf-8")
    with pytest.raises(LanguageError, match="in French, not English") as info:
        cobs.read_document(path)
    assert info.value.language == "fr"


def test_month_names_are_written_in_one_table():
    """cobs/data/months.csv; no module keeps a month list of its own (there were five)."""
    import re
    from pathlib import Path

    import cobs
    from cobs.reference._dates import month_number

    package = Path(cobs.__file__).parent
    a_list = re.compile(r"January\W+February|janvier\W+février|enero\W+febrero", re.IGNORECASE)
    offenders = [p.relative_to(package).as_posix() for p in package.rglob("*.py")
                 if a_list.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
    assert [month_number(m, lang) for m, lang in [("September", "en"), ("septembre", "fr"), ("setiembre", "es"),
                                                  ("سبتمبر", "ar")]] == [9, 9, 9, 9]

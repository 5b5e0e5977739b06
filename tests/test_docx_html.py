"""Word (.docx) and HTML COs read like PDFs and text: synthetic documents, and real Word files."""

import re
import zipfile
from collections import Counter

import pytest
from conftest import shared_path

import cobs
from cobs.errors import DamagedDocumentError, NotACOError, TruncatedDocumentError, UnsupportedFormatError

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def run(text, bold=False, note=None):
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    out = f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'
    if note is not None:
        out += f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{note}"/></w:r>'
    return out


def para(*runs, style=None, num=None):
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num}"/><w:numId w:val="7"/></w:numPr>'
    return f"<w:p><w:pPr>{props}</w:pPr>{''.join(runs)}</w:p>"


def make_docx(path, paragraphs, notes, header="CRC/C/KAZ/CO/4"):
    document = f'<?xml version="1.0"?><w:document {W_NS}><w:body>{"".join(paragraphs)}</w:body></w:document>'
    styles = (f'<?xml version="1.0"?><w:styles {W_NS}>'
              '<w:style w:type="paragraph" w:styleId="Title"><w:rPr><w:b/></w:rPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Heading"><w:basedOn w:val="Title"/></w:style>'
              '<w:style w:type="character" w:styleId="FootnoteReference">'
              '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
              "</w:styles>")
    numbering = (f'<?xml version="1.0"?><w:numbering {W_NS}><w:abstractNum w:abstractNumId="3">'
                 '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
                 '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
                 '<w:lvlText w:val="(%2)"/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>')
    footnotes = (f'<?xml version="1.0"?><w:footnotes {W_NS}>'
                 '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 + "".join(f'<w:footnote w:id="{k}"><w:p>{run(text)}</w:p></w:footnote>' for k, text in notes.items())
                 + "</w:footnotes>")
    head = f'<?xml version="1.0"?><w:hdr {W_NS}><w:p>{run(header)}</w:p></w:hdr>'
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", document)
        archive.writestr("word/styles.xml", styles)
        archive.writestr("word/numbering.xml", numbering)
        archive.writestr("word/footnotes.xml", footnotes)
        archive.writestr("word/header1.xml", head)
    return path


DOCX_BODY = [
    para(run("Committee on the Rights of the Child"), style="Title"),
    para(run("Concluding observations on the fourth periodic report of Kazakhstan"), style="Title"),
    para(run("I. Introduction"), style="Heading"),
    para(run("The Committee considered the fourth periodic report of Kazakhstan (CRC/C/KAZ/4) and adopted the "
             "present concluding observations at its 2052nd meeting, held on 2 October 2015.", note=5), num=0),
    para(run("II. Positive aspects"), style="Heading"),
    para(run("The Committee welcomes the adoption of the Marriage and Family Code."), num=0),
    para(run("III. Main areas of concern and recommendations"), style="Heading"),
    para(run("A. Violence against children (arts. 19, 37 (a) and 39)"), style="Heading"),
    para(run("Corporal punishment"), style="Heading"),
    para(run("The Committee is concerned that corporal punishment is lawful in the home.", note=9), num=0),
    para(run("The Committee urges the State party to:", bold=True), num=0),
    para(run("Prohibit corporal punishment in all settings;", bold=True), num=1),
    para(run("Promote positive forms of discipline.", bold=True), num=1),
]
NOTES = {5: "Adopted by the Committee at its seventieth session.", 9: "CRC/C/KAZ/CO/3, para. 40."}


@pytest.fixture
def docx_doc(tmp_path):
    return cobs.read_document(make_docx(tmp_path / "kaz.docx", DOCX_BODY, NOTES))


def test_docx_paragraphs_numbering_and_bold(docx_doc):
    table = docx_doc.paragraphs
    assert list(zip(table.para, table["sub"], strict=False)) == [(1, ""), (2, ""), (3, ""), (4, ""), (4, "a"), (4, "b")]
    assert table["text"].tolist()[3:] == ["4. The Committee urges the State party to:",
                                          "(a) Prohibit corporal punishment in all settings;",
                                          "(b) Promote positive forms of discipline."]
    assert table["kind"].tolist() == ["intro", "positive", "concern"] + ["recommendation"] * 3
    assert table["bold"].tolist() == [0, 0, 0, 1, 1, 1]
    assert set(table.loc[table.para >= 3, "heading"]) == {"Corporal punishment"}
    assert set(table.loc[table.para >= 3, "cluster"]) == {"Violence against children (arts. 19, 37 (a) and 39)"}


def test_docx_metadata_footnotes_and_header(docx_doc):
    m = docx_doc.meta
    assert (m.symbol, m.symbol_source, m.format, m.date.isoformat(), m.session) == (
        "CRC/C/KAZ/CO/4", "printed", "docx", "2015-10-02", 70)
    notes = docx_doc.footnotes
    assert notes[["number", "text", "para"]].values.tolist() == [
        ["1", "Adopted by the Committee at its seventieth session.", 1],
        ["2", "CRC/C/KAZ/CO/3, para. 40.", 3],
    ]
    assert docx_doc.set_aside.query("role == 'running'")["text"].tolist() == ["CRC/C/KAZ/CO/4"]


def test_docx_characters_accounted_for(docx_doc, tmp_path):
    """Every character of the Word file's text is in a row or set aside; numbers Word prints are added."""
    with zipfile.ZipFile(tmp_path / "kaz.docx") as archive:
        source = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", "".join(
            archive.read(n).decode() for n in ("word/document.xml", "word/footnotes.xml", "word/header1.xml"))))
    printed_numbers = "1.2.3.4.(a)(b)"
    kept = "".join(docx_doc.paragraphs["text"]) + "".join(docx_doc.set_aside["text"])
    expected = Counter(c for c in source + printed_numbers if not c.isspace())
    assert expected == Counter(c for c in kept if not c.isspace())


def test_broken_word_files(tmp_path):
    cut = tmp_path / "cut.docx"
    make_docx(tmp_path / "whole.docx", DOCX_BODY, NOTES)
    cut.write_bytes((tmp_path / "whole.docx").read_bytes()[:300])
    with pytest.raises(TruncatedDocumentError, match=r"cut\.docx: the Word file is truncated"):
        cobs.read_document(cut)
    damaged = tmp_path / "damaged.docx"  # complete, but the compressed body overwritten: its checksum fails
    whole = (tmp_path / "whole.docx").read_bytes()
    with zipfile.ZipFile(tmp_path / "whole.docx") as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 5
    damaged.write_bytes(whole[:start] + bytes(20) + whole[start + 20:])
    with pytest.raises(DamagedDocumentError, match=r"damaged\.docx: the Word file is damaged"):
        cobs.read_document(damaged)
    other = tmp_path / "other.docx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(UnsupportedFormatError, match=r"other\.docx: the file is a zip archive but not a Word document"):
        cobs.read_document(other)
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    with pytest.raises(UnsupportedFormatError, match=r"old\.doc: the file is an old binary Word document"):
        cobs.read_document(old)


@pytest.mark.real_data
def test_real_word_files_are_read_faithfully_and_refused_as_not_cos():
    """Slovenia's UPR Word documents: not COs; their text matches an independent extraction."""
    from pathlib import Path

    from cobs.read._docx import read_docx

    base = shared_path("slovenia-upr-tracker", "docs")
    pairs = [("4thcycleunoriginal/upr48-slovenia-thematic-list-of-recommendatio.docx",
              "cycle4/extracted/upr48-slovenia-thematic-list-of-recommendatio.txt"),
             ("3rdcycleunoriginal/UPR34_Slovenia_Thematic_list_of_Recommendations.docx",
              "cycle3/extracted/UPR34_Slovenia_Thematic_list_of_Recommendations.txt")]
    for docx, extracted in pairs:
        path = Path(base, docx)
        with pytest.raises(NotACOError):
            cobs.read_document(path)
        raw = read_docx(path, path.read_bytes())
        mine = Counter(re.findall(r"\w+", " ".join([ln.text for ln in raw.body] + [a.text for a in raw.aside])))
        reference = Counter(re.findall(r"\w+", Path(base, extracted).read_text(encoding="utf-8")))
        reference.pop("amp", None)  # the reference extraction left "&amp;" entities
        missing = sum((reference - mine).values())
        assert missing <= 0.001 * sum(reference.values()), (docx, (reference - mine).most_common(5))


HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>CRC/C/KAZ/CO/4</title>
<style>p.bold {font-weight: bold}</style><script>var x = "1. not text";</script></head>
<body>
<p>CRC/C/KAZ/CO/4</p>
<p><b>Committee on the Rights of the Child</b></p>
<h1>Concluding observations on the fourth periodic report of Kazakhstan</h1>
<h2>I.&nbsp;Introduction</h2>
<p>1. The Committee considered the fourth periodic report of Kazakhstan (CRC/C/KAZ/4) and adopted the present
concluding observations at its 2052nd meeting, held on 2&nbsp;October 2015.<a href="#_ftn1"
name="_ftnref1"><sup>[1]</sup></a></p>
<h2>III. Main areas of concern and recommendations</h2>
<h3>A. Violence against children (arts. 19, 37 (a) and 39)</h3>
<p><i>Corporal punishment</i></p>
<p>2. The Committee is concerned that corporal punishment is lawful &amp; common.</p>
<p><span style="font-weight:bold">3. The Committee urges the State party to:</span></p>
<p style="font-weight: 700">(a) Prohibit corporal punishment;</p>
<p><strong>(b) Promote positive discipline.</strong></p>
<div id="ftn1"><p><a href="#_ftnref1" name="_ftn1">[1]</a> Adopted by the Committee at its seventieth session.</p></div>
</body></html>
"""


def test_html(tmp_path):
    path = tmp_path / "kaz.html"
    path.write_text(HTML, encoding="utf-8")
    doc = cobs.read_document(path)
    table = doc.paragraphs
    assert list(zip(table.para, table["sub"], strict=False)) == [(1, ""), (2, ""), (3, ""), (3, "a"), (3, "b")]
    assert table["text"].tolist()[1] == "2. The Committee is concerned that corporal punishment is lawful & common."
    assert table["text"].tolist()[0].endswith("held on 2 October 2015.")  # marker [1] removed
    assert table["bold"].tolist() == [0, 0, 1, 1, 1]
    assert table["kind"].tolist() == ["intro", "concern"] + ["recommendation"] * 3
    assert set(table.loc[table.para >= 2, "heading"]) == {"Corporal punishment"}
    assert (doc.meta.symbol, doc.meta.session, doc.meta.format) == ("CRC/C/KAZ/CO/4", 70, "html")
    assert doc.footnotes[["number", "text", "para"]].values.tolist() == [
        ["1", "Adopted by the Committee at its seventieth session.", 1]]
    assert "not text" not in " ".join(doc.set_aside["text"]) + " ".join(table["text"])


def test_html_characters_accounted_for_and_plain_footnote_forms(tmp_path):
    import html as html_module

    page = HTML.replace('<a href="#_ftn1" name="_ftnref1"><sup>[1]</sup></a>', "<sup>1</sup>").replace(
        '<div id="ftn1"><p><a href="#_ftnref1" name="_ftn1">[1]</a> Adopted by the Committee at its seventieth '
        'session.</p></div>', '<div id="ftn1">1 Adopted by the Committee at its seventieth session.</div>')
    path = tmp_path / "plain_notes.html"
    path.write_text(page, encoding="utf-8")
    doc = cobs.read_document(path)
    assert doc.footnotes[["number", "text", "para"]].values.tolist() == [
        ["1", "Adopted by the Committee at its seventieth session.", 1]]
    assert doc.paragraphs["text"].iloc[0].endswith("held on 2 October 2015.")
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", page, flags=re.S)
    body = html_module.unescape(re.sub(r"<[^>]+>", " ", body))
    kept = "".join(doc.paragraphs["text"]) + "".join(doc.set_aside["text"])
    assert Counter(c for c in body if not c.isspace()) == Counter(c for c in kept if not c.isspace())


def test_word_text_boxes_are_read_once(tmp_path):
    box = ('<w:p><w:r><w:t>Before box.</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>TEXTBOX</w:t></w:r>'
           '</w:p></w:txbxContent></w:pict></w:r></w:p>')
    from cobs.read._docx import read_docx

    path = make_docx(tmp_path / "box.docx", [box, *DOCX_BODY], NOTES)
    lines = [line.text for line in read_docx(path, path.read_bytes()).body]
    assert lines[:2] == ["Before box.", "TEXTBOX"]


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("damage", ["notes", "level", "deflate"])
def test_damaged_word_files_give_one_cobs_error(tmp_path, damage):
    path = make_docx(tmp_path / "whole.docx", DOCX_BODY, NOTES)
    if damage == "notes":
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("word/footnotes.xml", "<w:footnotes")
    elif damage == "level":
        welcome = para(run("The Committee welcomes the Code."), num=0)
        bad = [welcome.replace('w:val="0"/><w:numId', 'w:val="x"/><w:numId')]
        path = make_docx(tmp_path / "whole.docx", DOCX_BODY[:3] + bad, NOTES)
    else:
        data = bytearray(path.read_bytes())
        start = data.find(b"word/document.xml") + 40
        data[start : start + 60] = bytes(60)
        path.write_bytes(bytes(data))
    with pytest.raises(DamagedDocumentError, match=r"whole\.docx: the Word file is damaged"):
        cobs.read_document(path)


def test_a_word_file_that_inflates_far_is_refused_unread(tmp_path):
    """A zip bomb: 40 MB of XML in a 40 kB file; refused from the zip directory, nothing inflated."""
    import tracemalloc

    from cobs.read._identify import identify

    path = tmp_path / "bomb.docx"
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {ns}><w:body>'
                         + " " * (40 << 20) + "</w:body></w:document>")
    assert path.stat().st_size < 1 << 20
    for read in (cobs.read_document, identify):  # read_document, and fetch's check of a download
        tracemalloc.start()
        try:
            with pytest.raises(DamagedDocumentError, match=r"bomb\.docx: the Word file is refused unread: its part "
                               r"word/document\.xml inflates to 40 MB"):
                read(path)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 8 << 20, f"{read.__name__} inflated the file: {peak >> 20} MB"


def test_a_word_file_without_its_body_keeps_its_own_error(tmp_path):
    path = tmp_path / "nobody.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/styles.xml", "<styles/>")
    with pytest.raises(UnsupportedFormatError, match="not a Word document"):  # not re-worded as 'damaged'
        cobs.read_document(path)

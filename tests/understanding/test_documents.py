"""The CV reader on small files made here: real PDFs (reportlab, pypdf), real DOCX (python-docx),
and the files people upload by mistake. Each test checks the text that comes out or the code."""

from __future__ import annotations

import io
import struct
import zipfile

import docx
import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from banenbrug.understanding import documents
from banenbrug.understanding.documents import DocumentError, clean_text, detect, read_document

CV_LINES = ["Jan de Vries, elektromonteur", "Ik heb vijf jaar zonnepanelen geïnstalleerd",
            "en elektrische installaties onderhouden."]


def make_pdf(lines=CV_LINES, pages: int = 1) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out)
    for _ in range(pages):
        for i, line in enumerate(lines):
            c.drawString(72, 750 - 16 * i, line)
        c.showPage()
    c.save()
    return out.getvalue()


def make_image_pdf() -> bytes:
    """A 'scanned' CV: one page holding only a picture, no text layer."""
    picture = io.BytesIO()
    Image.new("RGB", (200, 80), "white").save(picture, "PNG")
    picture.seek(0)
    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawImage(ImageReader(picture), 72, 600, width=400, height=160)
    c.showPage()
    c.save()
    return out.getvalue()


def encrypt(pdf: bytes, user_password: str, owner_password: str = "eigenaar") -> bytes:
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password=owner_password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx() -> bytes:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Curriculum vitae van Jan de Vries"
    document.add_heading("Werkervaring", level=1)
    document.add_paragraph("Elektromonteur   bij  Zon BV:\tzonnepanelen installeren.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "2019–2024"
    table.cell(0, 1).text = "Warmtepompen onderhouden"
    table.cell(1, 0).text = "2015–2019"
    table.cell(1, 1).text = "Kabels aanleggen in nieuwbouw"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


def code_of(filename: str, data: bytes, **limits) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document(filename, data, **limits)
    error = caught.value
    assert error.message_nl and error.message_en and error.message_nl != error.message_en
    return error.code


# ------------------------------------------------------------------ readable files

def test_a_pdf_with_text_gives_its_text():
    text = read_document("cv.pdf", make_pdf())
    assert "zonnepanelen geïnstalleerd" in text and "elektromonteur" in text


def test_a_pdf_protected_only_against_editing_opens_with_the_empty_password():
    text = read_document("cv.pdf", encrypt(make_pdf(), user_password=""))
    assert "elektrische installaties onderhouden" in text


def test_a_docx_gives_header_body_and_table_text_tidied():
    text = read_document("cv.docx", make_docx())
    lines = text.split("\n")
    assert lines[0] == "Curriculum vitae van Jan de Vries"  # the header comes first
    assert "Elektromonteur bij Zon BV: zonnepanelen installeren." in lines  # spaces and tab
    for cell in ("2019–2024", "Warmtepompen onderhouden", "Kabels aanleggen in nieuwbouw"):
        assert cell in lines  # every table cell, once
    assert text.count("Warmtepompen") == 1


@pytest.mark.parametrize("data", [
    "Lassen en\r\nsolderen, café".encode(),  # UTF-8, no byte-order mark
    "Lassen en\r\nsolderen, café".encode("utf-8-sig"),
    "Lassen en\r\nsolderen, café".encode("utf-16"),  # with a byte-order mark
    "Lassen en\r\nsolderen, café".encode("cp1252"),
])
def test_plain_text_in_every_usual_encoding(data):
    assert read_document("cv.txt", data) == "Lassen en\nsolderen, café"


def test_the_content_decides_not_the_name():
    assert detect("cv.txt", make_pdf()) == "pdf"
    assert "Warmtepompen onderhouden" in read_document("cv", make_docx())


def test_clean_text_normalises_ligatures_spaces_and_blank_lines():
    assert clean_text("ﬁetsen\u00a0\u00a0en  sol\u00adderen\n\n\n\nklaar  ") == (
        "fietsen en solderen\n\nklaar")


# ------------------------------------------------------------------ refused, with a code

def test_an_encrypted_pdf_is_refused():
    assert code_of("cv.pdf", encrypt(make_pdf(), user_password="geheim")) == "encrypted"


def test_a_pdf_with_only_an_image_says_scanned():
    with pytest.raises(DocumentError) as caught:
        read_document("scan.pdf", make_image_pdf())
    assert caught.value.code == "no_text"
    assert "gescand? plak de tekst of upload een PDF met tekst" in caught.value.message_nl


def test_a_pdf_that_is_really_a_png_says_so():
    with pytest.raises(DocumentError) as caught:
        read_document("cv.pdf", png())
    assert caught.value.code == "wrong_type"
    assert "heet .pdf" in caught.value.message_nl and "PNG" in caught.value.message_nl
    assert "called .pdf" in caught.value.message_en


def test_a_pdf_that_is_really_a_zip_says_so():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("foto.txt", "vakantie")
    with pytest.raises(DocumentError) as caught:
        read_document("cv.pdf", out.getvalue())
    assert caught.value.code == "wrong_type" and "zip" in caught.value.message_nl


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 20,
    b"\x13\x37\xde\xad\xbe\xef" * 500,
    b"lorem \x00\x01\x02 ipsum" * 10,
])
def test_binary_junk_is_refused_and_a_lying_name_is_named(data):
    for name in ("cv.pdf", "cv.docx", "cv.txt"):
        with pytest.raises(DocumentError) as caught:
            read_document(name, data)
        assert caught.value.code == "binary"
        assert f"heet {name[2:]}, maar" in caught.value.message_nl


@pytest.mark.parametrize("data, code", [
    (b"", "empty"), (b"  \n\t ", "empty"), (b"12 34 -- 56", "empty"),
    (png(), "wrong_type"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "wrong_type"),  # old .doc
    (b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100, "wrong_type"),  # a Windows program
    (b"%PDF-1.7\n this is not really a pdf", "damaged"),
])
def test_empty_and_wrong_files_are_refused(data, code):
    assert code_of("cv.docx", data) == code


def test_a_zip_that_is_not_a_docx_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(DocumentError) as caught:
        read_document("cv.docx", out.getvalue())
    assert caught.value.code == "wrong_type" and "Excel" in caught.value.message_nl


def test_over_the_size_limit():
    assert code_of("cv.txt", b"lassen " * 1000, max_bytes=1000) == "too_large"
    assert code_of("cv.pdf", make_pdf(), max_bytes=500) == "too_large"
    assert documents.MAX_BYTES == 5 * 1024 * 1024


def test_text_that_is_too_long():
    assert code_of("cv.txt", b"lassen " * 100, max_chars=500) == "too_long"
    assert code_of("cv.pdf", make_pdf(pages=3), max_chars=200) == "too_long"
    with pytest.raises(DocumentError, match="at most 20,000"):
        clean_text("solderen " * 3000, max_chars=20_000)
    assert code_of("cv.pdf", make_pdf(pages=documents.MAX_PAGES + 1)) == "too_long"


def test_a_docx_bomb_is_refused_before_unpacking(monkeypatch):
    real = make_docx()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(real)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            bomb.writestr(info, source.read(info))
        bomb.writestr("word/media/zeros.bin", b"\x00" * (documents.MAX_DOCX_UNPACKED + 1))
    data = out.getvalue()
    assert len(data) < 200_000  # small on the wire, huge unpacked
    opened = []
    monkeypatch.setattr(docx, "Document", lambda *a, **k: opened.append(a))
    assert code_of("cv.docx", data) == "too_large"
    assert opened == []  # python-docx never saw it


def test_text_with_nul_or_control_characters_is_refused():
    for text in ("lassen\x00solderen", "ab\x01\x02\x03\x04\x05cd"):
        with pytest.raises(DocumentError) as caught:
            clean_text(text)
        assert caught.value.code == "binary"


def test_a_docx_whose_zip_directory_understates_a_size_is_refused_as_damaged():
    """The size check trusts the zip directory because zipfile never unpacks past it."""
    data = bytearray(make_docx())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 10)  # local header: 10 bytes
    central = data.find(b"word/document.xml", data.find(b"PK\x01\x02")) - 46
    assert data[central:central + 4] == b"PK\x01\x02"
    struct.pack_into("<I", data, central + 24, 10)  # central directory: 10 bytes
    assert code_of("cv.docx", bytes(data)) == "damaged"

"""Text from a CV as people have it: a PDF, a Word file (.docx) or plain text. Pure (no Django).

``read_document(filename, data)`` decides what a file is from its bytes, never from its name
alone: ``%PDF-`` is a PDF, a zip holding ``word/document.xml`` is a DOCX, anything else must
decode as text (UTF-8/16/32 with a byte-order mark, UTF-8, or Windows-1252) and look like text.
The name is used only to say that a file lies about its type ("heet .pdf maar is een
PNG-afbeelding"). Every refusal is one exception type, :class:`DocumentError`, with a stable
``code`` and the message in Dutch and English.

Nothing is written anywhere: the bytes are read in memory, the text is returned. pypdf's log
messages about malformed files are silenced (they could quote a person's file into a log).
``clean_text`` applies the same checks (empty, binary junk, too long) and normalisation to
pasted text, so a file and a paste meet the same rules.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from pypdf import PdfReader

# A CV PDF with a photo or a designed template is 0.1-2 MB; 5 MB leaves room for that while
# bounding what one request holds in memory and what pure-Python pypdf has to parse.
MAX_BYTES = 5 * 1024 * 1024
# A long CV is 5,000-20,000 characters (two to six pages); 200,000 (~60 pages) is no CV, and
# bounds the work of the extraction that follows. Callers may pass a smaller limit.
MAX_CHARS = 200_000
# A CV has 1-5 pages; beyond 50 it is a thesis or a portfolio, and every page costs parse time.
MAX_PAGES = 50
# Decompression-bomb guard for DOCX: the sizes in the zip directory are checked before anything
# is unpacked. Python's zipfile stops every member at its declared size (and then checks the
# CRC), so the declared sizes bound what is really unpacked. Word XML packs 5-20x; 50 MB is ten
# times the largest DOCX accepted, unpacked.
MAX_DOCX_UNPACKED = 50 * 1024 * 1024
MAX_DOCX_PARTS = 1000  # a DOCX has 10-40 parts (plus one per image)
MIN_LETTERS = 20  # fewer letters than this in a PDF or DOCX: no text layer (a scan, a photo)

EMPTY, TOO_LARGE, TOO_LONG = "empty", "too_large", "too_long"
ENCRYPTED, NO_TEXT, DAMAGED = "encrypted", "no_text", "damaged"
WRONG_TYPE, BINARY = "wrong_type", "binary"
CODES = (EMPTY, TOO_LARGE, TOO_LONG, ENCRYPTED, NO_TEXT, DAMAGED, WRONG_TYPE, BINARY)

PDF, DOCX, TEXT = "pdf", "docx", "text"

logging.getLogger("pypdf").setLevel(logging.CRITICAL)

_OFFER_NL = "Upload een PDF, een Word-bestand (.docx) of een tekstbestand (.txt), of plak de tekst."
_OFFER_EN = "Upload a PDF, a Word file (.docx) or a text file (.txt), or paste the text."
_SCAN_NL = "gescand? plak de tekst of upload een PDF met tekst"
_SCAN_EN = "scanned? paste the text or upload a PDF with text"


class DocumentError(ValueError):
    """A file or text that cannot be read as a CV; ``code`` is one of :data:`CODES`."""

    def __init__(self, code: str, message_nl: str, message_en: str) -> None:
        super().__init__(message_en)
        self.code = code
        self.message_nl = message_nl
        self.message_en = message_en

    def message(self, lang: str) -> str:
        return self.message_nl if lang == "nl" else self.message_en

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "detail": self.message_en, "detail_nl": self.message_nl}


# ------------------------------------------------------------------ what is it?

# (magic, offset, Dutch name, English name): formats people upload by mistake.
_MAGIC: tuple[tuple[bytes, int, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "een PNG-afbeelding", "a PNG image"),
    (b"\xff\xd8\xff", 0, "een JPEG-afbeelding (foto)", "a JPEG image (photo)"),
    (b"GIF87a", 0, "een GIF-afbeelding", "a GIF image"),
    (b"GIF89a", 0, "een GIF-afbeelding", "a GIF image"),
    (b"II*\x00", 0, "een TIFF-afbeelding", "a TIFF image"),
    (b"MM\x00*", 0, "een TIFF-afbeelding", "a TIFF image"),
    (b"WEBP", 8, "een WebP-afbeelding", "a WebP image"),
    (b"ftypheic", 4, "een HEIC-foto", "a HEIC photo"),
    (b"ftypheix", 4, "een HEIC-foto", "a HEIC photo"),
    (b"ftypmif1", 4, "een HEIC-foto", "a HEIC photo"),
    (b"ftypavif", 4, "een AVIF-afbeelding", "an AVIF image"),
    (b"\x7fELF", 0, "een programma", "a program"),
    (b"\xcf\xfa\xed\xfe", 0, "een programma", "a program"),
    (b"\xca\xfe\xba\xbe", 0, "een programma", "a program"),
    (b"\x1f\x8b", 0, "een gzip-archief", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "een 7-Zip-archief", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "een RAR-archief", "a RAR archive"),
    (b"BZh", 0, "een bzip2-archief", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "een xz-archief", "an xz archive"),
    (b"{\\rtf", 0, "een RTF-bestand", "an RTF file"),
    (b"%!PS", 0, "een PostScript-bestand", "a PostScript file"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office (.doc, .xls) and encrypted OOXML
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_BOMS = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
         (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"))
_CLAIMED = {"pdf": PDF, "docx": DOCX, "txt": TEXT, "text": TEXT, "md": TEXT}


def _extension(filename: str) -> str:
    stem, dot, ext = filename.rpartition(".")
    ext = ext.lower()
    return ext if dot and stem and re.fullmatch(r"[a-z0-9]{1,8}", ext) else ""


def _wrong(filename: str, what_nl: str, what_en: str, hint_nl: str = _OFFER_NL,
           hint_en: str = _OFFER_EN, code: str = WRONG_TYPE) -> DocumentError:
    ext = _extension(filename)
    if ext in _CLAIMED:
        return DocumentError(
            code, f"Dit bestand heet .{ext}, maar is eigenlijk {what_nl}. {hint_nl}",
            f"This file is called .{ext} but is really {what_en}. {hint_en}")
    return DocumentError(code, f"Dit is {what_nl}, geen cv-tekst. {hint_nl}",
                         f"This is {what_en}, not the text of a CV. {hint_en}")


def _binary(filename: str) -> DocumentError:
    return _wrong(filename, "onleesbare binaire data, geen tekst",
                  "unreadable binary data, not text", code=BINARY)


def _zip_kind(filename: str, data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            types = b""
            info = archive.NameToInfo.get("[Content_Types].xml")
            if info is not None and info.file_size <= 1_000_000:
                types = archive.read(info)
    except Exception as exc:  # BadZipFile, zlib.error, EOFError, ...: any broken zip
        raise _wrong(filename, "een beschadigd zip-bestand", "a damaged zip file",
                     code=DAMAGED) from exc
    if "word/document.xml" in names or b"wordprocessingml.document.main+xml" in types:
        return DOCX
    if b"ms-word.document.macroEnabled" in types or b"wordprocessingml.template" in types:
        raise _wrong(filename, "een Word-bestand met macro's of een sjabloon",
                     "a Word file with macros or a template",
                     "Sla het in Word op als gewoon .docx of als PDF, of plak de tekst.",
                     "Save it in Word as a plain .docx or as a PDF, or paste the text.")
    if "xl/workbook.xml" in names:
        what = ("een Excel-bestand", "an Excel file")
    elif "ppt/presentation.xml" in names:
        what = ("een PowerPoint-bestand", "a PowerPoint file")
    elif "mimetype" in names and "content.xml" in names:
        what = ("een OpenDocument-bestand (LibreOffice)", "an OpenDocument file (LibreOffice)")
    else:
        what = ("een zip-archief, geen Word-bestand", "a zip archive, not a Word file")
    raise _wrong(filename, *what)


def detect(filename: str, data: bytes, *, max_bytes: int = MAX_BYTES) -> str:
    """``"pdf"``, ``"docx"`` or ``"text"``, from the bytes; else a :class:`DocumentError`."""
    if not data.strip():
        raise DocumentError(EMPTY, "Het bestand is leeg.", "The file is empty.")
    if len(data) > max_bytes:
        mb_nl, mb_en = _megabytes(max_bytes)
        raise DocumentError(
            TOO_LARGE, f"Het bestand is groter dan {mb_nl} MB. Upload een kleiner bestand "
            "(bijvoorbeeld een PDF zonder grote foto's) of plak de tekst.",
            f"The file is larger than {mb_en} MB. Upload a smaller file (for example a PDF "
            "without large photos) or paste the text.")
    if b"%PDF" in data[:1024]:  # readers accept the header anywhere in the first 1024 bytes
        return PDF
    if b"endobj" in data and b"%%EOF" in data[-1024:]:  # a PDF with a damaged header: let
        return PDF  # pypdf try (it often recovers) rather than read PDF syntax as text
    if data.startswith(_ZIP):
        return _zip_kind(filename, data)
    if data.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise DocumentError(
                ENCRYPTED, "Dit Word-bestand is met een wachtwoord beveiligd. Sla het op "
                "zonder wachtwoord of plak de tekst.",
                "This Word file is protected with a password. Save it without a password "
                "or paste the text.")
        raise _wrong(filename, "een bestand in het oude Word-formaat (.doc) of een ander oud "
                     "Office-bestand", "a file in the old Word format (.doc) or another old "
                     "Office file", "Sla het in Word op als .docx of als PDF, of plak de tekst.",
                     "Save it in Word as .docx or as a PDF, or paste the text.")
    if data.startswith(b"MZ") and b"\x00" in data[:64]:  # a Windows program (PE header)
        raise _wrong(filename, "een programma (.exe)", "a program (.exe)")
    for magic, offset, what_nl, what_en in _MAGIC:
        if data[offset:offset + len(magic)] == magic:
            if "afbeelding" in what_nl or "foto" in what_nl:
                raise _wrong(filename, what_nl, what_en,
                             f"Een afbeelding kunnen we niet lezen ({_SCAN_NL}).",
                             f"We cannot read an image ({_SCAN_EN}).")
            raise _wrong(filename, what_nl, what_en)
    return TEXT


def _megabytes(n: int) -> tuple[str, str]:
    value = f"{n / (1024 * 1024):.1f}".removesuffix(".0")
    return value.replace(".", ","), value


# ------------------------------------------------------------------ text, checked and tidy

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def _is_bad(ch: str) -> bool:
    return ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")


def clean_text(text: str, *, max_chars: int = MAX_CHARS) -> str:
    """Pasted or extracted text, checked (not empty, not binary, not too long) and tidied:
    NFKC (ligatures, non-breaking spaces), one space between words, at most one blank line."""
    if "\x00" in text:
        raise DocumentError(BINARY, "De tekst bevat NUL-tekens: dit is binaire data, geen "
                            "gewone tekst. Plak de tekst van je cv of upload het bestand zelf.",
                            "The text contains NUL characters: this is binary data, not plain "
                            "text. Paste the text of your CV or upload the file itself.")
    sample = text[:max_chars * 2]
    bad = sum(1 for ch in sample if _is_bad(ch))
    letters = sum(1 for ch in sample if ch.isalpha())
    visible = sum(1 for ch in sample if not ch.isspace())
    if bad > max(2, len(sample) // 100) or (visible >= 40 and letters < 0.3 * visible):
        raise DocumentError(BINARY, "Dit lijkt geen gewone tekst maar onleesbare (binaire) data. "
                            "Plak de tekst van je cv of upload een PDF of Word-bestand.",
                            "This does not look like plain text but like unreadable (binary) "
                            "data. Paste the text of your CV or upload a PDF or Word file.")
    tidy = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)
    tidy = tidy.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    tidy = "".join(ch for ch in tidy if not _is_bad(ch))
    tidy = "\n".join(line.strip() for line in _SPACES.sub(" ", tidy).split("\n"))
    tidy = _BLANK_LINES.sub("\n\n", tidy).strip()
    if not any(ch.isalpha() for ch in tidy):
        raise DocumentError(EMPTY, "Er staat geen tekst in (geen woorden gevonden).",
                            "There is no text in it (no words found).")
    if len(tidy) > max_chars:
        n_nl, max_nl = (f"{n:,}".replace(",", ".") for n in (len(tidy), max_chars))
        raise DocumentError(
            TOO_LONG, f"De tekst is te lang: {n_nl} tekens, hooguit {max_nl}. Laat bijlagen "
            "weg of plak alleen je werkervaring en opleidingen.",
            f"The text is too long: {len(tidy):,} characters, at most {max_chars:,}. Leave out "
            "attachments or paste only your work experience and education.")
    return tidy


def _decode(filename: str, data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise _binary(filename) from exc
    if b"\x00" in data:
        raise _binary(filename)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:  # cp1252 leaves five bytes undefined: junk hits them
        raise _binary(filename) from exc
    # Windows-1252 text is mostly ASCII with the odd é or ë; random bytes are not.
    if sum(1 for ch in text if ch.isascii()) < 0.8 * len(text):
        raise _binary(filename)
    return text


# ------------------------------------------------------------------ PDF (pypdf, pure Python)

def _pdf_text(data: bytes, max_chars: int) -> str:
    damaged = DocumentError(DAMAGED, "Deze PDF is beschadigd en niet te lezen. Sla hem opnieuw "
                            "op als PDF of plak de tekst.", "This PDF is damaged and cannot be "
                            "read. Save it again as a PDF or paste the text.")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many types on malformed input
        raise damaged from exc
    if encrypted:
        try:  # many PDFs only restrict printing/editing and open with the empty password
            opened = bool(reader.decrypt(""))
        except Exception:  # e.g. AES without the optional crypto package
            opened = False
        if not opened:
            raise DocumentError(
                ENCRYPTED, "Deze PDF is beveiligd met een wachtwoord. Sla hem op zonder "
                "wachtwoord of plak de tekst.",
                "This PDF is protected with a password. Save it without a password or paste "
                "the text.")
    try:
        pages = len(reader.pages)
    except Exception as exc:
        raise damaged from exc
    if pages > MAX_PAGES:
        raise DocumentError(TOO_LONG, f"Deze PDF heeft {pages} pagina's, hooguit {MAX_PAGES}. "
                            "Upload alleen je cv.", f"This PDF has {pages} pages, at most "
                            f"{MAX_PAGES}. Upload only your CV.")
    parts: list[str] = []
    size = 0
    for number in range(pages):
        try:
            text = reader.pages[number].extract_text() or ""
        except Exception as exc:
            raise damaged from exc
        parts.append(text)
        size += len(text)
        if size > 4 * max_chars:  # far too long whatever the tidying removes: stop reading
            break
    text = "\n\n".join(parts).replace("\x00", "")
    if sum(1 for ch in text if ch.isalpha()) < MIN_LETTERS:
        raise DocumentError(NO_TEXT, f"Deze PDF bevat geen tekst, alleen beeld ({_SCAN_NL}).",
                            f"This PDF holds no text, only images ({_SCAN_EN}).")
    try:
        return clean_text(text, max_chars=max_chars)
    except DocumentError as exc:
        if exc.code != BINARY:
            raise
        raise DocumentError(NO_TEXT, "De tekst in deze PDF is niet leesbaar (vaak een scan of een "
                            f"lettertype zonder tekstcodering: {_SCAN_NL}).", "The text in this "
                            "PDF is not readable (often a scan or a font without a text "
                            f"encoding: {_SCAN_EN}).") from exc


# ------------------------------------------------------------------ DOCX (python-docx)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_RUN_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n",
             f"{_W}noBreakHyphen": "-"}


def _paragraph(p: Any) -> str:
    """One paragraph's own text (a text box inside it is a paragraph of its own)."""
    out = []
    for el in p.iter(*_RUN_TEXT, f"{_W}p"):
        if el is p or el.tag == f"{_W}p":
            continue
        if next(el.iterancestors(f"{_W}p"), None) is not p:
            continue  # belongs to a nested paragraph (a text box), which is read on its own
        fixed = _RUN_TEXT[el.tag]
        out.append((el.text or "") if fixed is None else fixed)
    return "".join(out)


def _paragraphs(root: Any) -> Iterator[str]:
    """Every paragraph in document order: body text, table cells, text boxes, content
    controls; the VML fallback copy of a text box (mc:Fallback) is skipped."""
    for p in root.iter(f"{_W}p"):
        if next(p.iterancestors(_FALLBACK), None) is None:
            yield _paragraph(p)


def _docx_text(filename: str, data: bytes, max_chars: int) -> str:
    damaged = DocumentError(DAMAGED, "Dit Word-bestand is beschadigd en niet te lezen. Sla het "
                            "opnieuw op als .docx of PDF, of plak de tekst.", "This Word file is "
                            "damaged and cannot be read. Save it again as .docx or PDF, or paste "
                            "the text.")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # opened once already by detect()
        infos = archive.infolist()
    unpacked = sum(info.file_size for info in infos)
    if len(infos) > MAX_DOCX_PARTS or unpacked > MAX_DOCX_UNPACKED:
        raise DocumentError(
            TOO_LARGE, "Dit Word-bestand is uitgepakt veel te groot (een zip-bom?). Sla het "
            "opnieuw op of plak de tekst.", "This Word file is far too large when unpacked "
            "(a zip bomb?). Save it again or paste the text.")
    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[list[str]] = [[], [], []]  # headers, body, footers
        seen: set[str] = set()
        for rel in document.part.rels.values():
            if rel.is_external or rel.reltype not in (RT.HEADER, RT.FOOTER):
                continue
            lines = list(_paragraphs(rel.target_part.element))
            key = "\n".join(lines)
            if key.strip() and key not in seen:  # the same header in several sections: once
                seen.add(key)
                blocks[0 if rel.reltype == RT.HEADER else 2].extend(lines)
        blocks[1] = list(_paragraphs(document.element.body))
    except ValueError as exc:  # python-docx: "not a Word file, content type is ..."
        raise _wrong(filename, "geen gewoon Word-document", "not a plain Word document") from exc
    except Exception as exc:
        raise damaged from exc
    text = "\n".join(line for block in blocks for line in block)
    if sum(1 for ch in text if ch.isalpha()) < MIN_LETTERS:
        raise DocumentError(NO_TEXT, "Dit Word-bestand bevat geen tekst (alleen afbeeldingen? "
                            "Plak de tekst of upload een bestand met tekst).",
                            "This Word file holds no text (only images? Paste the text or "
                            "upload a file with text).")
    return clean_text(text, max_chars=max_chars)


# ------------------------------------------------------------------ the one entry point

def read_document(filename: str, data: bytes, *, max_bytes: int = MAX_BYTES,
                  max_chars: int = MAX_CHARS) -> str:
    """The text of a CV file (PDF, DOCX or plain text), tidied; a :class:`DocumentError` with a
    code and a Dutch and English message for anything that cannot be read as one."""
    kind = detect(filename, data, max_bytes=max_bytes)
    if kind == PDF:
        return _pdf_text(data, max_chars)
    if kind == DOCX:
        return _docx_text(filename, data, max_chars)
    try:
        return clean_text(_decode(filename, data), max_chars=max_chars)
    except DocumentError as exc:
        if exc.code != BINARY:
            raise
        raise _binary(filename) from exc  # say so when the name claims another type

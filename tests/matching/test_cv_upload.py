"""A CV as a file on the page, over the API and on the command line: the same suggestions as
pasted text, a clear refusal for bad input (form error, 422, exit code 2), nothing stored."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import docx
import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files import uploadedfile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import models
from django.urls import reverse

from banenbrug import cli
from banenbrug.people.models import SeekerSkill
from banenbrug.understanding import documents
from tests.understanding.test_documents import encrypt, make_image_pdf, make_pdf, png
from tests.world import SOLAR_SKILL, WIRING

MARKER = "Zonnekoningstraat4711"  # a word of the CV that must not end up anywhere stored
CV = ["Curriculum vitae", f"Adres: {MARKER} 12, Groningen",
      "I lay cables in buildings and know photovoltaics."]


def cv_docx(lines=CV) -> bytes:
    document = docx.Document()
    document.add_paragraph(lines[0])
    table = document.add_table(rows=len(lines) - 1, cols=1)
    for row, line in zip(table.rows, lines[1:], strict=True):
        row.cells[0].text = line  # the skills sit in a table cell
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(name: str, data: bytes, kind: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, kind)


def stored_anywhere(word: str) -> list[str]:
    """Every text column of every table, and the decoded sessions, searched for a word."""
    found = []
    for model in apps.get_models():
        if not model._meta.managed or model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField) and \
                    model._default_manager.filter(**{f"{field.name}__icontains": word}).exists():
                found.append(f"{model._meta.label}.{field.name}")
    found += [f"session {s.pk}" for s in Session.objects.all() if word in str(s.get_decoded())]
    return found


BAD_FILES = [
    ("cv.pdf", b"\x13\x37\xde\xad\xbe\xef\x00" * 400, "onleesbare binaire data"),
    ("cv.pdf", png(), "PNG-afbeelding"),
    ("cv.docx", b"", "Het bestand is leeg"),
    ("cv.pdf", encrypt(make_pdf(), user_password="geheim"), "beveiligd met een wachtwoord"),
    ("scan.pdf", make_image_pdf(), "gescand? plak de tekst of upload een PDF met tekst"),
    ("cv.txt", b"lassen " * (documents.MAX_BYTES // 7 + 1), "groter dan 5 MB"),
    ("cv.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "oude Word-formaat"),
]


# ------------------------------------------------------------------ the page

def test_an_uploaded_docx_gives_the_suggestions_and_stores_nothing(client, esco_world):
    w = esco_world
    client.force_login(w.other_user)  # the baker: no wiring, no solar yet
    skills_before = SeekerSkill.objects.count()
    response = client.post(reverse("matching:cv"), {
        "text": "", "upload": upload("mijn cv.docx", cv_docx())})
    html = response.content.decode()
    # the skill engine behind suggest_skills is being replaced: assert the skill of a literal
    # ESCO label, and (below) that file and paste give identical suggestions
    assert response.status_code == 200 and SOLAR_SKILL in html
    assert "photovoltaics" in html  # the triggering words, as for pasted text
    assert SeekerSkill.objects.count() == skills_before
    assert stored_anywhere(MARKER) == []
    assert MARKER not in html  # the CV text is not sent back either


def test_only_confirmed_skills_are_stored_and_the_search_would_see_them(client, esco_world):
    client.force_login(esco_world.other_user)
    client.post(reverse("matching:cv"), {"upload": upload("cv.docx", cv_docx())})
    client.post(reverse("matching:cv_confirm"), {"skill": [WIRING],
                                                 f"evidence-{WIRING}": f"cables {MARKER}"})
    assert list(esco_world.other.skills.filter(source="extracted")
                .values_list("skill__uri", flat=True)) == [WIRING]
    assert stored_anywhere(MARKER) == ["people.SeekerSkill.evidence"]  # the helper works


def test_the_file_and_the_pasted_text_give_the_same_suggestions(client, esco_world):
    client.force_login(esco_world.other_user)
    from_file = client.post(reverse("matching:cv"), {"upload": upload("cv.docx", cv_docx())})
    pasted = client.post(reverse("matching:cv"), {"text": "\n".join(CV)})
    assert from_file.context["suggestions"] == pasted.context["suggestions"]
    assert from_file.context["suggestions"]


@pytest.mark.parametrize("name, data, message", BAD_FILES)
def test_a_bad_file_gives_a_form_error_and_stores_nothing(client, esco_world, name, data,
                                                          message):
    client.force_login(esco_world.seeker_user)
    count = SeekerSkill.objects.count()
    response = client.post(reverse("matching:cv"), {"text": "", "upload": upload(name, data)})
    html = response.content.decode()
    assert response.status_code == 200 and response.context["suggestions"] is None
    assert message in html and 'role="alert"' in html and 'aria-invalid="true"' in html
    assert response.context["form"].errors["upload"]
    assert SeekerSkill.objects.count() == count


@pytest.mark.parametrize("text, message", [
    ("", "Plak de tekst van je cv of kies een bestand."),
    ("   \n  ", "Plak de tekst van je cv of kies een bestand."),
    ("lassen " * 150_000, "De tekst is te lang"),  # about 1 MB
    ("lassen\x00solderen " * 10, "NUL-tekens"),
    ("\x01\x02\x03\x04 junk \x05\x06\x07\x08" * 20, "binaire"),
])
def test_bad_pasted_text_gives_a_form_error(client, esco_world, text, message):
    client.force_login(esco_world.seeker_user)
    count = SeekerSkill.objects.count()
    response = client.post(reverse("matching:cv"), {"text": text})
    assert response.status_code == 200 and response.context["suggestions"] is None
    assert message in response.content.decode()
    assert SeekerSkill.objects.count() == count


def test_text_and_a_file_at_once_is_refused(client, esco_world):
    client.force_login(esco_world.seeker_user)
    response = client.post(reverse("matching:cv"), {"text": "lassen",
                                                    "upload": upload("cv.docx", cv_docx())})
    assert "niet allebei" in response.content.decode()


def test_errors_in_english_after_the_language_switch(client, esco_world):
    client.force_login(esco_world.seeker_user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.post(reverse("matching:cv"), {"upload": upload("cv.pdf", png())})
    html = response.content.decode()
    assert "This file is called .pdf but is really a PNG image" in html
    assert "Or upload your CV" in html and "at most 5 MB" in html  # the .po translations
    assert "heet .pdf" not in html


def test_a_large_upload_is_never_written_to_a_temporary_file(client, esco_world, monkeypatch):
    made = []
    real = uploadedfile.TemporaryUploadedFile.__init__

    def spy(self, *args, **kwargs):
        made.append(args)
        real(self, *args, **kwargs)

    monkeypatch.setattr(uploadedfile.TemporaryUploadedFile, "__init__", spy)
    client.force_login(esco_world.seeker_user)
    big = b"lassen " * (3 * 1024 * 1024 // 7)  # 3 MB: Django's default spills this to disk
    response = client.post(reverse("matching:cv"), {"upload": upload("cv.txt", big)})
    assert "De tekst is te lang" in response.content.decode()  # read, in memory, and refused
    assert made == []
    response = client.post(reverse("matching:cv"), {  # over the limit: the size message
        "upload": upload("cv.txt", b"lassen " * (6 * 1024 * 1024 // 7))})
    assert "groter dan 5 MB" in response.content.decode() and made == []
    response = client.post("/api/matching/skills/extract-file", {"file": upload("cv.txt", big)})
    assert response.status_code == 422 and response.json()["code"] == "too_long"
    assert made == []  # the API keeps it in memory too


def test_the_page_still_checks_the_csrf_token(esco_world):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(esco_world.seeker_user)
    response = strict.post(reverse("matching:cv"), {"upload": upload("cv.docx", cv_docx())})
    assert response.status_code == 403


# ------------------------------------------------------------------ the API

API = "/api/matching/skills/extract"


def test_the_api_ranks_the_skills_of_a_docx(client, esco_world):
    client.force_login(esco_world.other_user)
    count = SeekerSkill.objects.count()
    response = client.post(f"{API}-file", {"file": upload("cv.docx", cv_docx()), "lang": "en"})
    assert response.status_code == 200, response.content
    found = response.json()
    assert SOLAR_SKILL in {s["uri"] for s in found}
    scores = [s["score"] for s in found]
    assert scores == sorted(scores, reverse=True)
    pasted = client.post(API, json.dumps({"text": "\n".join(CV), "lang": "en"}),
                         content_type="application/json").json()
    assert found == pasted  # the same ranked list as /skills/extract
    assert SeekerSkill.objects.count() == count and stored_anywhere(MARKER) == []


@pytest.mark.parametrize("name, data, message", BAD_FILES)
def test_the_api_answers_422_with_a_code_for_a_bad_file(client, esco_world, name, data,
                                                        message):
    client.force_login(esco_world.seeker_user)
    response = client.post(f"{API}-file", {"file": upload(name, data)})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] in documents.CODES and message in body["detail_nl"]
    assert body["detail"] and body["detail"] != body["detail_nl"]


def test_the_api_without_a_file_answers_422(client, esco_world):
    client.force_login(esco_world.seeker_user)
    response = client.post(f"{API}-file", {"lang": "nl"})
    assert response.status_code == 422 and response.json()["code"] == "empty"


@pytest.mark.parametrize("text, code", [
    ("", "empty"), ("  \n ", "empty"), ("lassen " * 150_000, "too_long"),
    ("lassen\x00solderen", "binary"), ("\x01\x02\x03\x04\x05\x06" * 30, "binary"),
])
def test_the_text_api_answers_422_with_a_code(client, esco_world, text, code):
    client.force_login(esco_world.seeker_user)
    response = client.post(API, json.dumps({"text": text}), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["code"] == code and response.json()["detail"]


def test_the_file_api_needs_the_role(client, esco_world):
    client.force_login(esco_world.analyst)
    response = client.post(f"{API}-file", {"file": upload("cv.docx", cv_docx())})
    assert response.status_code == 403


# ------------------------------------------------------------------ the command

def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """The console script in this process (system checks skipped: they would open the
    database, which bad input never needs; the subprocess test below runs them)."""
    with pytest.raises(SystemExit) as done:
        cli.main(["banenbrug", "extract-skills", *args, "--skip-checks"])
    out = capsys.readouterr()
    return done.value.code, out.out, out.err


@pytest.mark.parametrize("name, data, message", [
    ("cv.pdf", b"\x13\x37\xde\xad\xbe\xef\x00" * 400, "really unreadable binary data"),
    ("cv.pdf", png(), "really a PNG image"),
    ("cv.docx", b"", "The file is empty"),
    ("scan.pdf", make_image_pdf(), "scanned? paste the text"),
    ("cv.txt", b"lassen " * (documents.MAX_BYTES // 7 + 1), "larger than 5 MB"),
])
def test_the_command_refuses_bad_input_with_exit_code_2(tmp_path, capsys, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = run_cli(capsys, str(path), "--format", "json")
    assert code == 2 and out == "" and message in err


def test_the_command_refuses_a_missing_file_and_junk_on_stdin(tmp_path, capsys, monkeypatch):
    code, out, err = run_cli(capsys, str(tmp_path / "nope.pdf"))
    assert code == 2 and out == "" and "no such file" in err
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"\x00\xff\xfe junk" * 50)))
    code, out, err = run_cli(capsys, "-", "--format", "json")
    assert code == 2 and out == "" and "binary" in err


def test_the_console_script_reads_stdin_and_exits_2_on_junk(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "BANENBRUG_VAR_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "banenbrug", "extract-skills", "-"],
                          input=png(), env=env, capture_output=True, timeout=120)
    assert done.returncode == 2 and done.stdout == b""
    assert b"PNG image" in done.stderr and b"Traceback" not in done.stderr


def test_the_command_prints_json_for_a_good_file(esco_world, tmp_path, capsys):
    path = tmp_path / "cv.docx"
    path.write_bytes(cv_docx())
    call_command("extract_skills", str(path), "--format", "json", "--top", "5")
    data = json.loads(capsys.readouterr().out)
    assert data["lang"] == "nl" and data["characters"] > 0 and len(data["skills"]) <= 5
    assert SOLAR_SKILL in {s["uri"] for s in data["skills"]}
    assert {"uri", "label", "score", "evidence"} <= set(data["skills"][0])
    call_command("extract_skills", str(path), "--format", "table")
    table = capsys.readouterr().out
    assert "  1. " in table and "photovoltaics" in table

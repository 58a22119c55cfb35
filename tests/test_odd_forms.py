"""Restricted PDFs and odd text (issue 13, part 3): a PDF restricted by an owner password with an
empty user password parses like its open copy; a page whose text layer comes out as ``(cid:…)`` is
read again with pypdfium2; years printed in Chinese digits (二〇二五年) are read like 2025年; a
document whose year cannot be read says so in one line instead of guessing."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from analysis.checks import audit
from analysis.figures import headline_figures
from analysis.inputs import read_source
from analysis.inputs.pdfium_text import garbled
from analysis.numbers import chinese_years
from analysis.parse import parse_paths
from analysis.parse.identity import year_votes
from analysis.pipeline import parse_batch
from analysis.settings import DEFAULT, ReaderSettings

from .conftest import SAMPLE, needs_sample


def _restricted(src: Path, dst: Path, algorithm: str) -> Path:
    w = PdfWriter(clone_from=PdfReader(src))
    # an owner password, an empty user password, and copying and editing not permitted
    w.encrypt(user_password="", owner_password="owner-secret", permissions_flag=0b0100, algorithm=algorithm)
    w.write(dst)
    return dst


def _reading(path: Path, settings: ReaderSettings = DEFAULT) -> tuple:
    """What a file reads as: each table (kind, pages, every amount) and the headline figures."""
    ds, errors = parse_paths([path], settings)
    assert not errors and len(ds) == 1
    d = ds[0]
    tables = [(t.kind, tuple(t.pages), tuple((r.code, r.name, tuple(sorted(r.amounts.items()))) for r in t.rows))
              for t in d.tables]
    return d.department, d.year, tables, {k: f.value for k, f in headline_figures(d).items()}


@needs_sample
@pytest.mark.parametrize("algorithm", ["AES-256", "RC4-128"])
def test_a_restricted_pdf_parses_like_its_open_copy(tmp_path, algorithm):
    copy = _restricted(SAMPLE, tmp_path / "restricted.pdf", algorithm)
    assert PdfReader(copy).is_encrypted
    assert _reading(copy) == _reading(SAMPLE)


def test_a_page_of_cid_placeholders_is_garbled_and_a_real_page_is_not():
    def chars(texts):
        return [{"text": t} for t in texts]
    assert garbled(chars(["(cid:123)", "(cid:77)", "(cid:9)", "1"]))
    assert not garbled(chars(list("部门收支总表2,218.51")))
    assert not garbled(chars(list("部门收支总表") + ["(cid:3)"]))   # one odd glyph in a page of text
    assert not garbled([])


@needs_sample
def test_pages_read_by_the_second_extractor_read_like_the_text_layer(monkeypatch):
    """Every page taken for one of (cid:…) is read with pypdfium2 instead (pdfplumber's chars carry
    a font name, pypdfium2's as read here do not): the tables and figures are the same. The text
    layer is pdfplumber's here: the fallback is for what pdfminer cannot decode."""
    plumber = replace(DEFAULT, reader="pdfplumber")
    monkeypatch.setattr("analysis.inputs.pdf.garbled", lambda chars, s=None: any("fontname" in c for c in chars))
    doc = read_source(SAMPLE, plumber)
    assert {p.read_by for p in doc.pages} == {"pdfium"}
    ours = _reading(SAMPLE, plumber)
    monkeypatch.undo()
    assert ours == _reading(SAMPLE, plumber)


def test_years_in_chinese_digits_read_as_digits_keeping_positions():
    assert chinese_years("二〇二五年部门预算") == "2025年部门预算"
    assert chinese_years("比二〇二四年增加") == "比2024年增加"
    assert chinese_years("2〇26年") == "2026年"
    assert chinese_years("一二三") == "一二三" and chinese_years("零星支出") == "零星支出"
    assert year_votes(["二〇二五年部门预算"]) == year_votes(["2025年部门预算"]) != {}


@needs_sample
def test_a_document_with_years_in_chinese_digits_reads_and_audits_like_the_original(tmp_path):
    text = read_source(SAMPLE).text
    cn = str.maketrans("0123456789", "〇一二三四五六七八九")
    plain, chinese = tmp_path / "a" / "budget.txt", tmp_path / "b" / "budget.txt"
    for path, body in ((plain, text), (chinese, re.sub(r"20\d\d(?=年)", lambda m: m.group(0).translate(cn), text))):
        path.parent.mkdir()
        path.write_text(body, encoding="utf-8")
    assert "二〇二五年" in chinese.read_text(encoding="utf-8")
    a, b = parse_batch([plain]), parse_batch([chinese])
    assert a.warnings == b.warnings == []
    (da,), (db,) = a.disclosures, b.disclosures
    assert da.year == db.year == 2025
    assert [(c.metric, c.value, c.compared_year) for c in da.claims] == [(c.metric, c.value, c.compared_year) for c in db.claims]
    errors = [sorted((f.check, f.page, f.table_id, f.code, f.expected, f.actual)
                     for f in audit([d])[0].findings if f.severity == "error")
              for d in (da, db)]
    assert errors[0] == errors[1]


@needs_sample
def test_a_year_that_cannot_be_read_is_said_in_one_line_not_guessed(tmp_path):
    text = re.sub(r"20\d\d", "", read_source(SAMPLE).text)
    f = tmp_path / "budget.txt"
    f.write_text(text, encoding="utf-8")
    batch = parse_batch([f])
    (d,) = batch.disclosures
    assert d.year is None
    (line,) = batch.warnings
    assert line.startswith(f"{f}: the budget year cannot be read") and "\n" not in line
    named = tmp_path / "named-2025.txt"
    f.rename(named)
    batch = parse_batch([named])
    assert batch.disclosures[0].year == 2025
    assert batch.warnings == [f"{named}: the budget year is not read from its titles or text; 2025 is taken from "
                              "the file name alone"]

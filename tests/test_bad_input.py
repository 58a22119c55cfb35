"""Bad input: one clear line per file naming it and the reason; the batch goes on;
nothing half-written is left in the output folder."""
import json
from pathlib import Path

import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from analysis.inputs import InputError, read_source
from analysis.parse import parse_document

from .conftest import JIANGSU, needs_shared


def _pdf(path: Path, text: str | None = None, encrypt=None, shapes=False) -> Path:
    c = canvas.Canvas(str(path), encrypt=encrypt, invariant=1)
    if text:
        c.drawString(72, 720, text)
    if shapes:
        c.rect(100, 100, 200, 200, fill=1)
    c.save()
    return path


@pytest.fixture
def bad_files(tmp_path):
    d = tmp_path / "raw"
    d.mkdir()
    files = {
        "empty": d / "empty.pdf",
        "encrypted": _pdf(d / "encrypted.pdf", "budget", encrypt=StandardEncryption("secret", ownerPassword="o")),
        "image_only": _pdf(d / "scan.pdf", shapes=True),
        "not_budget": _pdf(d / "minutes.pdf", "Minutes of the chess club meeting"),
        "garbage": d / "garbage.pdf",
        "other_type": d / "notes.docx",
    }
    files["empty"].write_bytes(b"")
    files["garbage"].write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    files["other_type"].write_bytes(b"PK\x03\x04 not a pdf")
    return d, files


@pytest.mark.parametrize("name,reason", [
    ("empty", "empty file"), ("encrypted", "encrypted PDF"), ("image_only", "image-only PDF"),
    ("not_budget", "not a budget disclosure"), ("garbage", "corrupt"), ("other_type", "unsupported file type"),
])
def test_each_bad_file_gets_one_clear_line(bad_files, name, reason):
    _, files = bad_files
    with pytest.raises(InputError) as err:
        parse_document(files[name])
    line = str(err.value)
    assert "\n" not in line
    assert str(files[name]) in line and reason in line


@needs_shared
def test_truncated_pdf(tmp_path):
    src = JIANGSU / "江苏省政协办公厅" / "2017年度部门预算公开表.pdf"
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(src.read_bytes()[: src.stat().st_size // 3])
    with pytest.raises(InputError, match="corrupt or truncated"):
        read_source(cut)


@needs_shared
@pytest.mark.slow
def test_batch_goes_on_and_leaves_nothing_half_written(bad_files, tmp_path, capsys):
    raw, files = bad_files
    good = JIANGSU / "江苏省政协办公厅" / "江苏省政协办公厅2019年预算公开表.pdf"
    (raw / "good.pdf").write_bytes(good.read_bytes())
    out = tmp_path / "processed"
    from analysis.cli import main

    code = main(["parse", str(raw), "--out", str(out), "--json", "--workers", "1"])
    captured = capsys.readouterr()
    assert code == 1
    errors = [l for l in captured.err.splitlines() if l.startswith("error:")]
    assert len(errors) == len(files)
    records = [json.loads(l) for l in captured.out.splitlines()]
    assert len(records) == 1 and records[0]["year"] == 2019
    assert records[0]["figures"]["total_income"] == 13377.11
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 1 and not written[0].startswith(".")
    assert (out / written[0] / "document.json").exists()


def test_another_kind_of_document_is_named_as_such(tmp_path):
    """A performance-evaluation report or a notice talks of budgets (项目支出, 万元) and may hold a
    project table, but prints none of the tables a disclosure must publish: it is not a disclosure,
    and the line says what its title says it is."""
    report = tmp_path / "评价.txt"
    report.write_text("长沙市财政项目支出绩效评价报告\n评价项目名称：2020年度国企改革稳定专项资金绩效评价\n"
                      "评价项目金额：13,237万元\n一、项目基本情况 该项目支出预算13,237万元，其中基本支出0万元。\n"
                      "二、一般公共预算安排 三公 经费不涉及。\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        parse_document(report)
    assert "not a budget disclosure" in str(err.value) and "绩效评价报告 (performance evaluation report)" in str(err.value)
    budget = tmp_path / "预算.txt"
    budget.write_text("某某局2025年部门预算公开\n关于印发预算的通知 一、部门预算 收入预算100万元，基本支出60万元，项目支出40万元，"
                      "一般公共预算100万元，三公经费2万元。\n", encoding="utf-8")
    assert parse_document(budget).narrative   # titled as a disclosure: read as one

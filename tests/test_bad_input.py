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

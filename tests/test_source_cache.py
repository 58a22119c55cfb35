"""The source-document cache (analysis.inputs.cache): a re-run on unchanged files reads no PDF."""
from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

import analysis.inputs as inputs
from analysis.inputs import cache, read_source
from analysis.settings import DEFAULT
from tests.conftest import SAMPLE, needs_sample


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """The cache on in a folder of the test's own; the number of PDFs actually read."""
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    reads = []

    def counting(real):
        def read(path, settings=DEFAULT):
            reads.append(path)
            return real(path, settings)
        return read

    monkeypatch.setattr(inputs, "read_pdf", counting(inputs.read_pdf))
    monkeypatch.setattr(inputs, "read_pdfium", counting(inputs.read_pdfium))
    return reads


@pytest.fixture
def pdf(tmp_path):
    if not SAMPLE.exists():
        pytest.skip("bundled sample PDF not built yet")
    path = tmp_path / "in" / "sample.pdf"
    path.parent.mkdir()
    shutil.copyfile(SAMPLE, path)
    return path


def _same(a, b) -> bool:
    return [(p.number, p.digest, [l.text for l in p.lines]) for p in a.pages] == \
        [(p.number, p.digest, [l.text for l in p.lines]) for p in b.pages]


@needs_sample
def test_a_second_read_comes_from_the_cache(counted, pdf, tmp_path):
    first = read_source(pdf)
    second = read_source(pdf)
    assert len(counted) == 1
    assert _same(first, second) and second.sha256 == first.sha256
    copy = tmp_path / "in" / "renamed copy.pdf"          # the same content under another name: a hit
    shutil.copyfile(pdf, copy)
    third = read_source(copy)
    assert len(counted) == 1 and third.path == copy and _same(first, third)
    assert len(list((tmp_path / "cache").rglob("*" + cache.SUFFIX))) == 1


@needs_sample
def test_a_changed_file_reader_version_or_setting_is_read_again(counted, pdf, monkeypatch):
    read_source(pdf)
    with open(pdf, "ab") as fh:                          # bytes appended: another content
        fh.write(b"\n% appended\n")
    read_source(pdf)
    assert len(counted) == 2
    read_source(pdf, replace(DEFAULT, line_tolerance=DEFAULT.line_tolerance + 0.5))
    assert len(counted) == 3
    cache.reader_version.cache_clear()
    monkeypatch.setattr(cache, "_version", lambda dist: "0-another")
    read_source(pdf)
    assert len(counted) == 4
    cache.reader_version.cache_clear()


@needs_sample
def test_a_corrupt_entry_is_ignored_and_written_again(counted, pdf, tmp_path):
    first = read_source(pdf)
    entry, = (tmp_path / "cache").rglob("*" + cache.SUFFIX)
    entry.write_bytes(entry.read_bytes()[:100])          # truncated
    again = read_source(pdf)
    assert len(counted) == 2 and _same(first, again)
    assert entry.stat().st_size > 100                    # rewritten whole
    read_source(pdf)
    assert len(counted) == 2


@needs_sample
def test_off_reads_every_time_and_an_unwritable_folder_is_no_error(counted, pdf, monkeypatch, tmp_path):
    monkeypatch.setenv(cache.ENV, "off")
    read_source(pdf)
    read_source(pdf)
    assert len(counted) == 2
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(cache.ENV, str(blocked / "cache"))
    assert read_source(pdf).pages
    assert len(counted) == 3


def test_a_file_that_cannot_be_read_is_not_cached(counted, tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + b"\0" * 200)
    for _ in range(2):
        with pytest.raises(inputs.InputError):
            read_source(bad)
    assert len(counted) == 2
    assert not list((tmp_path / "cache").rglob("*" + cache.SUFFIX))


def test_the_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.ENV, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "budget-audit" / "sources"
    monkeypatch.setenv(cache.ENV, "OFF")
    assert cache.cache_dir() is None


@needs_sample
def test_a_rerun_of_a_batch_reads_no_pdf_and_finds_the_same(counted, pdf):
    from analysis.pipeline import run

    first = run([pdf])
    second = run([pdf])
    assert len(counted) == 1
    assert [r.to_json() for r in first.results] == [r.to_json() for r in second.results]


@pytest.fixture
def parses(monkeypatch, tmp_path):
    """The cache on in a folder of the test's own; the files actually parsed."""
    import analysis.parse.grouping as grouping

    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    done = []
    real = grouping.parse_document

    def counting(path, settings=DEFAULT, source=None):
        done.append(path.name)
        return real(path, settings, source)

    monkeypatch.setattr(grouping, "parse_document", counting)
    return done


@needs_sample
def test_adding_a_file_parses_that_file_only(parses, pdf, tmp_path):
    from analysis.checks import audit
    from analysis.parse import parse_paths

    first, errors = parse_paths([pdf.parent])
    assert errors == [] and parses == ["sample.pdf"]
    text = tmp_path / "in" / "某局2025年部门预算.txt"        # another department-year joins the folder
    text.write_text(_other_department(), encoding="utf-8")
    second, errors = parse_paths([pdf.parent])
    assert parses == ["sample.pdf", text.name]               # the sample came from the cache
    again = next(d for d in second if d.department == first[0].department)
    assert [f.to_dict() for f in audit([again])[0].findings] == [f.to_dict() for f in audit(first)[0].findings]
    shutil.copyfile(pdf, tmp_path / "in" / "sample-2025.pdf")   # same content, another name: parsed again
    parse_paths([tmp_path / "in" / "sample-2025.pdf"])
    assert parses[-1] == "sample-2025.pdf"
    assert len(list((tmp_path / "cache" / cache.PARSED).rglob("*" + cache.SUFFIX))) == 3


def test_a_change_of_code_or_settings_parses_again(tmp_path):
    key = cache.parsed_key(tmp_path / "a.pdf", "0" * 64, DEFAULT)
    assert key != cache.parsed_key(tmp_path / "a.pdf", "0" * 64, replace(DEFAULT, word_x_tolerance=9.0))
    assert key != cache.parsed_key(tmp_path / "b.pdf", "0" * 64, DEFAULT)
    assert cache.package_digest() in (cache.package_digest(),) and len(cache.package_digest()) == 64


def _other_department() -> str:
    from tests.conftest import CHONGQING_TXT

    if CHONGQING_TXT is None:
        pytest.skip("../shared/corpus/chongqing-tongnan-2025 is absent")
    return CHONGQING_TXT.read_text(encoding="utf-8").replace("重庆市潼南区人民政府办公室", "重庆市潼南区某某局")

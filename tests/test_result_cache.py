"""Merged disclosures and audit results in the cache (analysis.inputs.cache): a re-run of the same
batch merges and audits nothing and gives the same results; any change of the batch audits again.

The batch is the bundled sample (2025) and the same disclosure rebuilt one year earlier (2024):
the checks of 2025 consult 2024 (the previous year in the batch), so its findings depend on the
batch, not only on its own files."""
from __future__ import annotations

import json
import shutil

import pytest

import analysis.parse.grouping as grouping
import analysis.pipeline as pipeline
from analysis.inputs import cache
from analysis.store import model_json
from tests.conftest import SAMPLE, needs_sample

pytestmark = needs_sample


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple:
    """(the 2025 sample, the same disclosure for 2024), built once."""
    from analysis.sample.build import build, load_data

    folder = tmp_path_factory.mktemp("batch")
    text = json.dumps(load_data(), ensure_ascii=False).replace("2024年", "2023年").replace("2025年", "2024年")
    earlier = build(folder / "sample-2024.pdf", json.loads(text))
    sample = folder / "sample-2025.pdf"
    shutil.copyfile(SAMPLE, sample)
    return sample, earlier


@pytest.fixture
def counted(monkeypatch, tmp_path):
    """The cache on in a folder of the test's own; the merges and audits actually done."""
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    done = {"merge": [], "audit": []}
    merge, audit_one = grouping.merge, pipeline.audit_one

    def merging(docs):
        done["merge"].append(sorted(d.source.path.name for d in docs))
        return merge(docs)

    def auditing(d, batch):
        done["audit"].append(d.year)
        return audit_one(d, batch)

    monkeypatch.setattr(grouping, "merge", merging)
    monkeypatch.setattr(pipeline, "audit_one", auditing)
    return done


def _outputs(batch) -> list:
    """What a report is built from: each disclosure's model.json (disclosure, findings, score,
    checklist) and its findings files."""
    return [(model_json(d, r), r.to_json(), r.frame().to_csv()) for d, r in batch.pairs]


def _entries(tmp_path, part: str) -> list:
    return sorted((tmp_path / "cache" / part).rglob("*" + cache.SUFFIX))


def test_a_rerun_merges_and_audits_nothing(counted, built, tmp_path):
    first = pipeline.run(built)
    assert sorted(counted["audit"]) == [2024, 2025] and len(counted["merge"]) == 2
    second = pipeline.run(built)
    assert len(counted["merge"]) == 2 and len(counted["audit"]) == 2      # all from the cache
    assert _outputs(second) == _outputs(first)
    assert [cache.key_of(d) for d in second.disclosures] == [cache.key_of(d) for d in first.disclosures]
    assert len(_entries(tmp_path, cache.DISCLOSURES)) == 2 and len(_entries(tmp_path, cache.AUDITS)) == 2


def test_a_changed_batch_audits_again(counted, built, monkeypatch):
    sample, earlier = built
    both = pipeline.run([sample, earlier])
    alone = pipeline.run([sample])       # 2024 left out: 2025 is merged from the cache, audited again
    assert len(counted["merge"]) == 2 and counted["audit"][2:] == [2025]
    monkeypatch.setenv(cache.ENV, "off")
    fresh = pipeline.run([sample])
    assert _outputs(alone) == _outputs(fresh)
    with_prior = next(r for d, r in both.pairs if d.year == 2025)
    assert with_prior.to_json() != fresh.results[0].to_json()   # the batch matters to the findings


def test_adding_a_file_back_hits_the_first_batch(counted, built):
    sample, earlier = built
    pipeline.run([sample])
    pipeline.run([sample, earlier])      # another batch: both audited (2025 again, with its prior year)
    assert sorted(counted["audit"]) == [2024, 2025, 2025]
    again = pipeline.run([sample, earlier])
    assert len(counted["audit"]) == 3 and len(counted["merge"]) == 2
    assert [r.to_json()["year"] for r in again.results] == [2024, 2025]


def test_off_merges_and_audits_every_time(counted, built, monkeypatch, tmp_path):
    monkeypatch.setenv(cache.ENV, "off")
    first = pipeline.run(built)
    second = pipeline.run(built)
    assert len(counted["merge"]) == 4 and len(counted["audit"]) == 4
    assert all(cache.key_of(d) is None for d in second.disclosures)
    assert _outputs(first) == _outputs(second)
    assert not (tmp_path / "cache").exists()


def test_a_corrupt_entry_is_a_miss_and_written_again(counted, built, tmp_path):
    first = pipeline.run(built)
    entries = _entries(tmp_path, cache.DISCLOSURES) + _entries(tmp_path, cache.AUDITS)
    assert len(entries) == 4
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:100])      # truncated
    second = pipeline.run(built)
    assert len(counted["merge"]) == 4 and len(counted["audit"]) == 4
    assert _outputs(second) == _outputs(first)
    third = pipeline.run(built)                          # written again: hits
    assert len(counted["merge"]) == 4 and len(counted["audit"]) == 4
    assert _outputs(third) == _outputs(first)


def test_audit_keys_name_the_whole_batch(monkeypatch, tmp_path):
    from analysis.model import Disclosure

    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    a, b, c = (Disclosure(department="某局", year=y) for y in (2023, 2024, 2025))
    for d, key in zip((a, b, c), "abc"):
        cache.mark(d, key)
    keys = cache.audit_keys([a, b, c])
    assert len(set(keys)) == 3
    assert cache.audit_keys([a, b, c]) == keys
    assert cache.audit_keys([a, c])[1] != keys[2]          # one removed
    assert cache.audit_keys([c, b, a])[0] != keys[2]       # another order
    b.department = "另一局"                                  # renamed in the batch
    assert cache.audit_keys([a, b, c])[2] != keys[2]
    cache.mark(b, None)                                     # a disclosure made without the cache
    assert cache.audit_keys([a, b, c]) == [None, None, None]
    monkeypatch.setenv(cache.ENV, "off")
    b.department = "某局"
    cache.mark(b, "b")
    assert cache.audit_keys([a, b, c]) == [None, None, None]

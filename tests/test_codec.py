"""The processed-data format round-trips every field of every model dataclass, so a field
added to the model later is kept without touching the loader."""
from __future__ import annotations

import dataclasses
import typing
from decimal import Decimal
from pathlib import Path

import pytest

from analysis import codec, model
from analysis.store import load_many, load_processed, write_disclosure

from .conftest import needs_sample


def _model_dataclasses() -> list:
    return [c for c in vars(model).values()
            if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == model.__name__]


def _value(tp, name: str, depth: int):
    """A non-default value of the annotated type ``tp`` (a string annotation or a type)."""
    text = tp if isinstance(tp, str) else getattr(tp, "__name__", str(tp))
    text = text.replace("typing.", "")
    if text.startswith("Optional["):
        text = text[len("Optional["):-1]
    if text == "str":
        return f"值 {name} <&>\n"
    if text == "int":
        return 7
    if text == "float":
        return 0.625
    if text == "bool":
        return True
    if text == "Decimal":
        return Decimal("-1234567890123456.7800")
    if text == "Path":
        return Path("/数据/raw/x.pdf")
    if text == "list":
        inner = _instance(model.Column, depth + 1) if depth < 2 else "x"
        return [inner, Decimal("0.10"), "文本", 3, None]
    if text == "dict":
        return {"total": Decimal("2218.51"), "nested": {"k": [1, Decimal("2")]}, "none": None}
    raise AssertionError(f"no test value for the annotation {tp!r} of field {name}: extend tests/test_codec.py")


def _instance(cls, depth: int = 0):
    kwargs = {}
    for f in dataclasses.fields(cls):
        kwargs[f.name] = _value(f.type, f.name, depth)
    return cls(**kwargs)


@pytest.mark.parametrize("cls", _model_dataclasses(), ids=lambda c: c.__name__)
def test_every_field_of_every_model_dataclass_round_trips(cls):
    obj = _instance(cls)
    for f in dataclasses.fields(cls):   # every field holds a non-default value, so losing it shows
        default = f.default if f.default is not dataclasses.MISSING else (
            f.default_factory() if f.default_factory is not dataclasses.MISSING else object())
        assert getattr(obj, f.name) != default, f.name
    back = codec.loads(codec.dumps(obj))
    assert type(back) is cls
    assert back == obj
    for f in dataclasses.fields(cls):
        assert type(getattr(back, f.name)) is type(getattr(obj, f.name)), f.name


def test_model_dataclasses_are_all_registered():
    names = {c.__name__ for c in _model_dataclasses()}
    assert {"Disclosure", "Table", "Row", "Column", "Claim", "Indicator", "PerformanceTarget",
            "Problem", "NarrativePage", "SourceFile"} <= names
    assert names <= set(codec.types())


def test_findings_and_score_round_trip():
    from analysis.checks.base import Finding
    from analysis.score import Part, Score

    f = Finding("arithmetic.children_sum", "error", "附件3 合计 1,013.51 万元", table="general_budget_basic_expenditure",
                table_id="t03", code="301", item="工资福利支出", expected=Decimal("919.93"),
                actual=Decimal("1013.51"), difference=Decimal("93.58"), file="/raw/a.pdf", page=7,
                related=[{"table": "t02", "page": 6}])
    s = Score(80.4, [Part("completeness", 93.3, 0.35, "完整性", "Completeness", {"missing": 0})])
    assert codec.loads(codec.dumps([f, s])) == [f, s]


def test_unknown_type_is_refused():
    with pytest.raises(ValueError, match="unknown type"):
        codec.loads('{"__type__": "os.system", "x": 1}')


def test_decimals_stay_exact():
    v = Decimal("12345678901234567890.12345678")
    assert codec.loads(codec.dumps({"v": v}))["v"] == v
    assert str(codec.loads(codec.dumps(Decimal("0.10")))) == "0.10"


@needs_sample
def test_processed_folder_reads_back_the_whole_disclosure_and_audit(sample, tmp_path):
    from analysis.checks import audit

    res = audit([sample])[0]
    folder = write_disclosure(sample, tmp_path, result=res, name="one")
    p = load_processed(folder)
    assert p.disclosure == sample
    assert p.result.findings == res.findings
    assert p.result.score == res.score
    assert p.result.counts() == res.counts()
    assert [x.path for x in load_many(tmp_path)] == [folder]
    # folders 0755, files 0644: a web server can serve them whatever the umask
    assert folder.stat().st_mode & 0o777 == 0o755
    assert all(f.stat().st_mode & 0o777 == 0o644 for f in folder.iterdir() if f.is_file())


def test_loading_a_folder_without_model_names_it(tmp_path):
    from analysis.store import ProcessedError

    with pytest.raises(ProcessedError, match="no model.json"):
        load_processed(tmp_path)


def test_type_hints_are_plain():
    # the generator above reads annotations as text: keep model annotations simple types
    for cls in _model_dataclasses():
        typing.get_type_hints(cls)

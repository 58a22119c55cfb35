"""Reports read processed folders by path: one department printed under two spellings across
years (the 2017 江苏省委办公厅 files print 中国共产党江苏省委员会办公厅) is stored once per year under
one name, and the comparison reads the years back in order as one department."""
import re

import pytest

from analysis.cli import store
from analysis.pipeline import run
from analysis.dataset import build_dataset
from analysis.reports import compare, data

from .conftest import JIANGSU, needs_shared


@needs_shared
@pytest.mark.slow
def test_processed_years_of_one_department_compare_as_one(tmp_path):
    files = sorted((JIANGSU / "江苏省委办公厅").glob("*201[78]*.pdf"))
    batch = run(files)
    assert batch.errors == [] and [d.year for d in batch.disclosures] == [2017, 2018]
    folders = store(batch, tmp_path)
    assert [f.name for f in folders] == [d.slug for d in batch.disclosures]
    build_dataset(tmp_path, tmp_path / "dataset")
    con = compare.connect(tmp_path / "dataset")
    assert con.execute("SELECT count(DISTINCT department_key) FROM disclosures").fetchall() == [(1,)]
    g = compare.year_over_year(con)
    assert set(zip(g["上年 year before"], g["本年 year after"])) == {(2017, 2018)}
    assert {re.sub(r"<[^>]+>", "", c) for c in g["部门 department"]} == {"中共江苏省委办公厅"} and len(g) >= 3
    assert data.department(folders[0]).d.year == 2017

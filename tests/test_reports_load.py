"""Reports read processed folders by path: one department printed under two spellings across
years (the 2017 江苏省委办公厅 files print 中国共产党江苏省委员会办公厅) is stored once per year under
one name, and the comparison reads the years back in order as one department."""
import pytest

from analysis.cli import store
from analysis.pipeline import run
from analysis.reports import data, frames

from .conftest import JIANGSU, needs_shared


@needs_shared
@pytest.mark.slow
def test_processed_years_of_one_department_compare_as_one(tmp_path):
    files = sorted((JIANGSU / "江苏省委办公厅").glob("*201[78]*.pdf"))
    batch = run(files)
    assert batch.errors == [] and [d.year for d in batch.disclosures] == [2017, 2018]
    folders = store(batch, tmp_path)
    assert [f.name for f in folders] == [d.slug for d in batch.disclosures]
    disclosures, results = data.comparison(tmp_path)
    assert [d.year for d in disclosures] == [2017, 2018] and len(results) == 2
    assert {d.department for d in disclosures} == {"中共江苏省委办公厅"}
    g = frames.growth(disclosures)
    assert set(g["期间 period"]) == {"2017→2018"} and set(g["部门 department"]) == {"中共江苏省委办公厅"}
    assert data.department(folders[0]).d.year == 2017

"""A department report selects its disclosure by department key, whatever spelling its own
files print (the 2017 江苏省委办公厅 files print 中国共产党江苏省委员会办公厅)."""
from analysis.reports.sections import load

from .conftest import JIANGSU, needs_shared


@needs_shared
def test_load_matches_department_spellings():
    files = sorted((JIANGSU / "江苏省委办公厅").glob("*2017*.pdf"))
    disclosures, results, errors = load(files, department="中共江苏省委办公厅", year=2017)
    assert errors == [] and len(disclosures) == 1 and len(results) == 1
    assert disclosures[0].department == "中国共产党江苏省委员会办公厅"
    assert load(files, department="江苏省政协办公厅")[0] == []

"""Build the dataset of every processed disclosure: a Fiscal Data Package and a DuckDB database.

``build_dataset(processed, out)`` reads processed folders (``model.json``: the parsed disclosure and
its audit, written once by ``audit --out`` or ``report``) and writes, into ``out``:

* ``datapackage.json``: the package (name, resources with their schemas, primary and foreign keys);
* ``data/<resource>.csv`` (UTF-8 with BOM, so Excel on Chinese Windows opens it) and
  ``data/<resource>.parquet`` for each resource of ``analysis.dataset.schema.RESOURCES``;
* ``budget.duckdb``: the same tables, and views for the questions researchers ask first
  (``VIEWS``).

``out`` is claimed like every output folder (``analysis.store.claim``); the files are written in a
private staging folder and moved into place in one step: a reader never sees half a dataset.
``write_dataset`` writes into a folder the caller owns (the report set's staging folder).
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from .. import __version__, stopping
from ..inputs.cache import cached_rows
from ..store import MODEL_FILE, ProcessedError, claimed, load_processed, publish_folders, publish_permissions, writing
from . import rows as R
from .schema import RESOURCES

PANDAS = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
DUCKDB_FILE = "budget.duckdb"
VIEWS = {
    "figures_by_year": """
        SELECT d.department_key, d.department, d.province, d.city, d.district, d.level, d.kind, d.scope, d.year,
               f.figure, f.figure_zh, f.value_wan, f.source, f.table_id, f.page, d.disclosure_id
        FROM figures f JOIN disclosures d USING (disclosure_id)""",
    "findings_by_check": """
        SELECT "check", family, severity, count(*) AS findings, count(DISTINCT disclosure_id) AS disclosures
        FROM findings GROUP BY "check", family, severity""",
    "year_over_year": """
        SELECT a.department_key, b.department, a.disclosure_id AS disclosure_before, b.disclosure_id AS disclosure_after,
               a.kind, a.scope, a.figure, a.figure_zh, a.year AS year_before, b.year AS year_after,
               a.value_wan AS before_wan, b.value_wan AS after_wan, b.value_wan - a.value_wan AS change_wan,
               CASE WHEN a.value_wan <> 0 THEN round((b.value_wan - a.value_wan) / a.value_wan * 100, 2) END AS change_pct
        FROM figures_by_year a JOIN figures_by_year b
          ON a.department_key = b.department_key AND a.kind = b.kind AND a.scope = b.scope
         AND a.figure = b.figure AND b.year = a.year + 1""",
    "scores_ranked": """
        SELECT d.department, d.year, d.kind, d.scope, d.level, s.score, d.errors, d.warnings,
               rank() OVER (PARTITION BY d.kind, d.year ORDER BY s.score DESC) AS rank_in_kind_year
        FROM scores s JOIN disclosures d USING (disclosure_id) WHERE s.part = 'total'""",
}


def _entries(processed) -> list:
    """What the dataset is built from, in order: processed folders (paths of their ``model.json``)
    and already loaded ``store.Processed``. ``processed`` is a folder of them, a folder, or a list."""
    out: list = []
    for p in ([processed] if isinstance(processed, (str, Path)) else processed):
        if not isinstance(p, (str, Path)):
            out.append(p)
            continue
        p = Path(p)
        if (p / MODEL_FILE).is_file() or p.suffix == ".json":
            out.append(p / MODEL_FILE if p.is_dir() else p)
        elif p.is_dir():
            out += sorted(c / MODEL_FILE for c in p.iterdir() if c.is_dir() and not c.name.startswith(".")
                          and (c / MODEL_FILE).is_file())
        else:
            raise ProcessedError(f"{p}: not found")
    return out


def _required(processed) -> list:
    """The entries of ``processed``; ValueError (one line) when there is none."""
    items = _entries(processed)
    if not items:
        raise ValueError(f"no processed disclosure in {', '.join(map(str, _listed(processed)))} "
                         "(write them with `budget-audit audit PATH --out DIR` or `report --processed DIR`)")
    return items


def _listed(processed) -> list:
    return [processed] if isinstance(processed, (str, Path)) else [p if isinstance(p, (str, Path)) else p.path
                                                                   for p in processed]


def disclosure_rows(p) -> dict:
    """resource name -> the rows of one loaded processed disclosure."""
    did, d, res = p.path.name, p.disclosure, p.result
    return {"disclosures": [R.disclosure_row(did, d, res)], "files": R.file_rows(did, d),
            "figures": R.figure_rows(did, d), "amounts": R.amount_rows(did, d), "claims": R.claim_rows(did, d),
            "indicators": R.indicator_rows(did, d), "findings": R.finding_rows(did, res),
            "checklist": R.checklist_rows(did, res), "scores": R.score_rows(did, res)}


def _rows_of(entry) -> dict:
    """The rows of one entry: a processed folder's come from the cache when its ``model.json`` is
    unchanged (same bytes, same folder name, same package), else from loading it."""
    if not isinstance(entry, Path):
        return disclosure_rows(entry)
    data = entry.read_bytes()
    key = f"{entry.parent.name}\0{hashlib.sha256(data).hexdigest()}"
    return cached_rows(key, lambda: disclosure_rows(load_processed(entry.parent)))


def collect(items: list) -> dict:
    """resource name -> its rows, from the entries (``_entries``) of the dataset; disclosures in
    the order of their department, year, kind and scope."""
    out: dict = {name: [] for name in RESOURCES}
    for rows in sorted((_rows_of(e) for e in items), key=_order):
        for name in RESOURCES:
            out[name] += rows[name]
    return out


def _order(rows: dict) -> tuple:
    d = rows["disclosures"][0]
    return (d["department"] or "", d["year"] or 0, d["kind"] or "", d["scope"] or "", d["disclosure_id"])


def _frame(name: str, records: list):
    import pandas as pd  # lazily: building a dataset is the only step that needs it here

    fields = RESOURCES[name][1]
    df = pd.DataFrame(records, columns=[f for f, _t, _d in fields])
    return df.astype({f: PANDAS[t] for f, t, _d in fields})


def _descriptor(name: str) -> dict:
    description, fields, key, foreign = RESOURCES[name]
    schema = {"fields": [{"name": f, "type": t, **({"description": d} if d else {})} for f, t, d in fields],
              "primaryKey": key}
    if foreign:
        schema["foreignKeys"] = [{"fields": a, "reference": {"resource": r, "fields": b}} for a, r, b in foreign]
    return {"name": name, "path": f"data/{name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8-sig", "description": description, "schema": schema}


def datapackage(resources: list) -> dict:
    return {"name": "budget-audit-dataset", "title": "部门预决算公开审计数据集 Budget disclosure audit dataset",
            "profile": "tabular-data-package", "version": __version__,
            "description": "Parsed figures, table amounts, narrative claims, performance targets, findings and scores "
                           "of Chinese department budget disclosures (部门预算/决算公开), built by budget-audit.",
            "licenses": [{"name": "other-pd", "title": "Published government disclosures; derived data"}],
            "resources": [_descriptor(n) for n in resources]}


def _write_duckdb(folder: Path, names: list) -> None:
    import duckdb  # lazily: only the dataset writes a database

    con = duckdb.connect(str(folder / DUCKDB_FILE))
    try:
        for name in names:
            con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_parquet(?)", [str(folder / "data" / f"{name}.parquet")])
        for view, sql in VIEWS.items():
            con.execute(f"CREATE VIEW {view} AS {sql}")
    finally:
        con.close()


def _write(folder: Path, tables: dict) -> None:
    data = folder / "data"
    data.mkdir(parents=True)
    for name, records in tables.items():
        df = _frame(name, records)
        df.to_csv(data / f"{name}.csv", index=False, encoding="utf-8-sig")
        df.to_parquet(data / f"{name}.parquet", index=False)
    (folder / "datapackage.json").write_text(json.dumps(datapackage(list(tables)), ensure_ascii=False, indent=2) + "\n",
                                             encoding="utf-8")
    _write_duckdb(folder, list(tables))


def write_dataset(processed, folder) -> dict:
    """Write the dataset of ``processed`` (see ``_entries``) into the new folder ``folder``;
    resource name -> number of rows. The caller owns ``folder`` (a private staging folder)."""
    tables = collect(_required(processed))
    _write(Path(folder), tables)
    return {name: len(rows) for name, rows in tables.items()}


def build_dataset(processed, out) -> dict:
    """Build the dataset of the processed folders ``processed`` (a folder of them, or a list)
    into the folder ``out``: claimed (locked) first, written in a private staging folder, then
    its files put in place in one step that no signal interrupts; resource -> rows."""
    items = _required(processed)   # read (or refused) before the output folder is touched
    with claimed(out, "--out") as ws:
        staged = ws.staging("dataset")
        try:
            with writing(ws.label):
                rows = write_dataset(items, staged / "set")
                publish_permissions(staged / "set")
                with stopping.committing():
                    publish_folders(staged / "set", ws)
        finally:
            shutil.rmtree(staged, ignore_errors=True)
    return rows

"""The dataset's resources: their fields (name, type, meaning), primary keys and foreign keys, as a
Fiscal Data Package (Frictionless Data Package with the tables of a budget) describes them.

Every resource is one tidy, long table; a disclosure is identified by ``disclosure_id`` (its slug:
department, year, kind, scope) in every resource.
"""
from __future__ import annotations

# resource -> (description, [(field, type, description)], primary key, [(fields, resource, fields)])
RESOURCES = {
    "disclosures": ("One row per disclosure: a department-year of one document kind (预算/决算) and scope (部门/单位).", [
        ("disclosure_id", "string", "slug of department, year, kind and scope"),
        ("department", "string", "the department as printed"),
        ("department_key", "string", "the department under which its spellings fall together (中共…/中国共产党…)"),
        ("province", "string", "province (or municipality) parsed from the name, when it says"),
        ("city", "string", "city parsed from the name, when it says"),
        ("district", "string", "district or county parsed from the name, when it says"),
        ("level", "string", "省级 (a province or a municipality's own departments) / 地市级 / 区县级, from the name"),
        ("year", "integer", "budget year (预算) or year of account (决算)"),
        ("kind", "string", "budget (预算) or final (决算)"),
        ("scope", "string", "department (部门, consolidated) or unit (单位)"),
        ("pages", "integer", "pages of its files"),
        ("tables", "integer", "tables found"),
        ("staff", "integer", "authorised staff (编制人数) stated in the narrative, when stated"),
        ("score", "number", "transparency score 0-100 (a reading aid: docs/score.md)"),
        ("errors", "integer", "error findings"),
        ("warnings", "integer", "warning findings"),
        ("reading_problems", "integer", "reading problems of the tool"),
    ], ["disclosure_id"], []),
    "files": ("The source files of each disclosure.", [
        ("disclosure_id", "string", ""), ("file", "string", "file name"),
        ("sha256", "string", "SHA-256 of the file"), ("format", "string", "pdf / text / xlsx …"),
        ("pages", "integer", "pages (or sheets)"), ("size", "integer", "bytes"),
    ], ["disclosure_id", "file"], [(["disclosure_id"], "disclosures", ["disclosure_id"])]),
    "figures": ("Headline figures (万元) with where each was read.", [
        ("disclosure_id", "string", ""), ("figure", "string", "figure name (analysis.vocab metrics)"),
        ("figure_zh", "string", "its Chinese name"), ("value_wan", "number", "万元, exact"),
        ("source", "string", "table / narrative / unreadable / empty"), ("table_id", "string", ""),
        ("page", "integer", ""),
    ], ["disclosure_id", "figure"], [(["disclosure_id"], "disclosures", ["disclosure_id"])]),
    "amounts": ("Every amount of every table row, in 万元, with its row and column.", [
        ("disclosure_id", "string", ""), ("table_id", "string", ""), ("kind", "string", "table kind"),
        ("row", "integer", "row index in its table"), ("total", "boolean", "the row is a total row of its table (合计/总计, or an unlabelled first total row)"),
        ("code", "string", "classification code"),
        ("name", "string", "row name as printed"), ("level", "integer", "1 类 / 2 款 / 3 项"),
        ("section", "string", "side of a two-sided table"), ("column", "string", "column key"),
        ("column_label", "string", "column header as printed"), ("value_wan", "number", "万元, exact"),
        ("status", "string", "number / blank / placeholder / unreadable"), ("printed_unit", "string", "the unit the table prints (元 / 万元); value_wan is converted"),
        ("page", "integer", "page of the row"),
        ("cell", "string", "in a workbook: the cell (Sheet!B12)"), ("row_text", "string", "the row as printed, for verification"),
    ], ["disclosure_id", "table_id", "row", "column"], [(["disclosure_id"], "disclosures", ["disclosure_id"])]),
    "claims": ("Numeric statements of the narrative (情况说明).", [
        ("disclosure_id", "string", ""), ("claim", "integer", "index"), ("metric", "string", ""),
        ("value", "number", "in its unit"), ("unit", "string", ""), ("subject", "string", "as printed"),
        ("change", "string", "increase / decrease / flat"), ("change_value", "number", ""),
        ("change_pct", "number", ""), ("year", "integer", ""), ("page", "integer", ""), ("sentence", "string", ""),
    ], ["disclosure_id", "claim"], [(["disclosure_id"], "disclosures", ["disclosure_id"])]),
    "indicators": ("Performance-target indicators (绩效目标).", [
        ("disclosure_id", "string", ""), ("indicator", "integer", "index"), ("table_id", "string", ""),
        ("project", "string", ""), ("level1", "string", ""), ("level2", "string", ""), ("name", "string", ""),
        ("value_raw", "string", "as printed"), ("value", "number", ""), ("unit", "string", ""),
        ("nature", "string", "定量 / 定性"), ("page", "integer", ""),
    ], ["disclosure_id", "indicator"], [(["disclosure_id"], "disclosures", ["disclosure_id"])]),
    "findings": ("Every finding of the audit.", [
        ("disclosure_id", "string", ""), ("finding", "integer", "index"), ("check", "string", "check id"),
        ("family", "string", ""), ("severity", "string", "error / warning / info"), ("table_id", "string", ""),
        ("code", "string", ""), ("item", "string", ""), ("expected", "number", "万元"), ("actual", "number", "万元"),
        ("difference", "number", "万元"), ("page", "integer", ""),
        ("place", "string", "in a workbook: the cell or sheet"), ("message", "string", "Chinese, verifiable"),
        ("also", "string", "other checks that saw the same problem"),
    ], ["disclosure_id", "finding"], [(["disclosure_id"], "disclosures", ["disclosure_id"])]),
    "checklist": ("The required items of each disclosure and whether each is published.", [
        ("disclosure_id", "string", ""), ("item", "string", "T01 … F09, E01 … E10"), ("name", "string", ""),
        ("kind", "string", "table / final_table / explanation / rule"),
        ("status", "string", "present / missing / unreadable / not_applicable / not_given"),
        ("where", "string", ""), ("detail", "string", ""),
    ], ["disclosure_id", "item"], [(["disclosure_id"], "disclosures", ["disclosure_id"])]),
    "scores": ("The score of each disclosure by part.", [
        ("disclosure_id", "string", ""), ("part", "string", "total / completeness / consistency / …"),
        ("score", "number", "0-100"), ("weight", "number", ""),
    ], ["disclosure_id", "part"], [(["disclosure_id"], "disclosures", ["disclosure_id"])]),
}

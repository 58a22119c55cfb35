"""The comparison of many disclosures, read from the dataset (``analysis.dataset``) with SQL.

The comparison notebook never walks processed folders: it opens the set's DuckDB database
(``dataset/budget.duckdb``) read-only and asks it questions; each function here is one
question and returns a DataFrame whose column headings are bilingual. Budgets (预算) and
final accounts (决算) are compared only with their own kind, department (部门) and unit (单位)
disclosures only with their own scope: every grouping and every join below keeps ``kind`` and
``scope`` apart. Amounts are 万元.
"""
from __future__ import annotations

import html
from pathlib import Path

import altair as alt
import pandas as pd

from ..dataset import DUCKDB_FILE
from ..vocab import metric_zh
from .findings import check_name, check_titles
from .present import CHART_WIDTH, _theme

KIND_ZH = {"budget": "预算", "final": "决算"}
SCOPE_ZH = {"department": "部门", "unit": "单位"}
HEADLINE = ("total_expenditure", "basic_expenditure", "project_expenditure", "general_budget_total",
            "three_public_total", "operating_costs")
TRANSPARENCY_PARTS = ("completeness", "consistency")


def connect(dataset):
    """A read-only connection to the dataset's database (a folder holding ``budget.duckdb`` or
    the file itself)."""
    import duckdb  # noqa: PLC0415 - the database engine loads only where a comparison is drawn

    path = Path(dataset)
    if path.is_dir():
        path = path / DUCKDB_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no dataset database (build it with `budget-audit dataset`)")
    return duckdb.connect(str(path), read_only=True)


def _df(con, sql: str, params=()) -> pd.DataFrame:
    return con.execute(sql, list(params)).df()


def _labels(df: pd.DataFrame) -> pd.DataFrame:
    """Kind and scope in Chinese; a 'disclosure' label that tells apart a department's budget,
    its unit budget and its 决算 of one year."""
    df = df.copy()
    if "kind" in df:
        df["kind"] = df["kind"].map(lambda k: KIND_ZH.get(k, k or ""))
    if "scope" in df:
        df["scope"] = df["scope"].map(lambda s: SCOPE_ZH.get(s, s or ""))
    return df


UNNAMED = "（未识别部门 department not read）"


def link(disclosure_id: str, text: str) -> str:
    """An escaped link to the disclosure's own report page (``<slug>.html`` in the set); a
    disclosure whose department was not read is still named and linked."""
    return f'<a href="{html.escape(disclosure_id)}.html">{html.escape(str(text or UNNAMED))}</a>'


def amount(v) -> str:
    """An amount as a reader expects it: thousands separated, two decimals, up to four where the
    value has them (元 converted to 万元 exactly); "" when missing."""
    if v is None or v != v:
        return ""
    text = f"{v:,.4f}".rstrip("0")
    return text + "0" * (2 - len(text.split(".")[1])) if "." in text else f"{v:,.2f}"


def html_cells(df: pd.DataFrame, links: tuple = ()) -> pd.DataFrame:
    """The frame with every text cell HTML-escaped, but the columns ``links`` (already escaped
    HTML), for ``present.interactive``; missing values become empty cells, never "NaN"."""
    df = df.copy()
    for c in df.columns:
        if c in links:
            continue
        if pd.api.types.is_float_dtype(df[c]):
            df[c] = [amount(v) for v in df[c]]
        elif pd.api.types.is_numeric_dtype(df[c]):
            df[c] = df[c].astype(object).where(df[c].notna(), "")
        else:
            df[c] = [html.escape(str(v)) if v is not None and v == v else "" for v in df[c]]
    return df


def overview(con) -> pd.DataFrame:
    """How many disclosures, by level, kind, scope and year."""
    df = _df(con, """
        SELECT coalesce(nullif(level, ''), '未识别') AS level, kind, scope, year, count(*) AS n
        FROM disclosures GROUP BY ALL ORDER BY level, kind, scope, year""")
    df = _labels(df)
    return df.rename(columns={"level": "层级 level", "kind": "类型 kind", "scope": "范围 scope",
                              "year": "年度 year", "n": "披露数 disclosures"})


def by_region(con) -> pd.DataFrame:
    """Disclosures, mean score and error findings per province and city."""
    df = _df(con, """
        SELECT coalesce(nullif(province, ''), '未识别') AS province, coalesce(nullif(city, ''), '—') AS city,
               count(*) AS n, round(avg(score), 1) AS score, sum(errors) AS errors,
               round(avg(errors), 2) AS errors_per
        FROM disclosures GROUP BY ALL ORDER BY n DESC, province, city""")
    return df.rename(columns={"province": "省份 province", "city": "城市 city", "n": "披露数 disclosures",
                              "score": "平均得分 mean score", "errors": "错误 errors",
                              "errors_per": "每份错误 errors per disclosure"})


def headline(con) -> pd.DataFrame:
    """One row per disclosure with its headline figures (万元), labelled by kind and scope, with a
    link to its report."""
    cols = ", ".join(f"max(CASE WHEN f.figure = '{k}' THEN f.value_wan END) AS \"{k}\"" for k in HEADLINE)
    df = _df(con, f"""
        SELECT d.disclosure_id, d.department, d.year, d.kind, d.scope, d.level, {cols}
        FROM disclosures d LEFT JOIN figures f USING (disclosure_id)
        GROUP BY d.disclosure_id, d.department, d.year, d.kind, d.scope, d.level
        ORDER BY d.department, d.year, d.kind, d.scope""")
    df = _labels(df)
    df["department"] = [link(i, n) for i, n in zip(df["disclosure_id"], df["department"])]
    df = df.drop(columns=["disclosure_id"])
    return df.rename(columns={"department": "部门 department", "year": "年度 year", "kind": "类型 kind",
                              "scope": "范围 scope", "level": "层级 level",
                              **{k: f"{metric_zh(k)}" for k in HEADLINE}})


def figure_distribution(con, figure: str) -> pd.DataFrame:
    """One figure of every disclosure (万元), with level, year, kind and scope, for a chart."""
    df = _df(con, """
        SELECT d.department, d.level, d.year, d.kind, d.scope, f.value_wan
        FROM figures f JOIN disclosures d USING (disclosure_id)
        WHERE f.figure = ? AND f.value_wan IS NOT NULL""", [figure])
    return _grouped(df)


def _grouped(df: pd.DataFrame) -> pd.DataFrame:
    """Labels in Chinese and a chart group per level, kind and scope (区县级 预算部门 …)."""
    df = _labels(df)
    df["level"] = df["level"].replace("", "未识别")
    df["group"] = df["level"] + " " + df["kind"] + df["scope"]
    return df


def strip_chart(df: pd.DataFrame, x: str, group: str, title: str, x_title: str, log: bool = False):
    """Each disclosure a tick on its group's line: readable for hundreds of disclosures."""
    groups = sorted(df[group].dropna().unique().tolist())
    scale = alt.Scale(type="symlog") if log else alt.Scale(zero=False)
    ch = alt.Chart(df, title=title, width=CHART_WIDTH, height=max(60, 28 * max(1, len(groups))))
    enc = ch.mark_tick(thickness=2, size=18, opacity=0.6).encode(
        y=alt.Y(f"{group}:N", sort=groups, title=None, axis=alt.Axis(labelLimit=0)),
        x=alt.X(f"{x}:Q", title=x_title, scale=scale),
        tooltip=[alt.Tooltip("department:N", title="部门"), alt.Tooltip("year:O", title="年度"),
                 alt.Tooltip(f"{x}:Q", format=",.2f")])
    return _theme(enc)


def rankings(con) -> pd.DataFrame:
    """Every disclosure ranked by score within its kind and year, with its error findings
    (findings of the document, not the tool's reading problems) and warnings."""
    df = _df(con, """
        SELECT d.disclosure_id, d.department, d.year, d.kind, d.scope, d.level, d.score,
               rank() OVER (PARTITION BY d.kind, d.year ORDER BY d.score DESC NULLS LAST) AS rank,
               count(*) OVER (PARTITION BY d.kind, d.year) AS of_n,
               d.errors, d.warnings, d.reading_problems
        FROM disclosures d ORDER BY d.kind, d.year, rank, d.department""")
    df = _labels(df)
    df["department"] = [link(i, n) for i, n in zip(df["disclosure_id"], df["department"])]
    df["rank"] = [f"{r}/{n}" for r, n in zip(df["rank"], df["of_n"])]
    df = df.drop(columns=["disclosure_id", "of_n"])
    return df.rename(columns={"department": "部门 department", "year": "年度 year", "kind": "类型 kind",
                              "scope": "范围 scope", "level": "层级 level", "score": "得分 score",
                              "rank": "名次 rank", "errors": "错误 errors", "warnings": "警告 warnings",
                              "reading_problems": "读取问题 reading problems"})


def score_distribution(con) -> pd.DataFrame:
    """Scores with their kind, scope, level and year, for a chart."""
    return _grouped(_df(con, """
        SELECT department, year, level, kind, scope, score FROM disclosures WHERE score IS NOT NULL"""))


def year_over_year(con) -> pd.DataFrame:
    """Changes of the headline figures of one department between consecutive years of its own
    disclosures (same kind, same scope, names matched through ``department_key``), under the
    later year's name, linked to its report."""
    df = _df(con, f"""
        SELECT y.disclosure_after, y.department, y.kind, y.scope, y.figure_zh, y.year_before, y.year_after,
               y.before_wan, y.after_wan, y.change_wan, y.change_pct
        FROM year_over_year y WHERE y.figure IN ({", ".join("?" for _ in HEADLINE)})
        ORDER BY y.department_key, y.kind, y.scope, y.year_after, y.figure_zh""", HEADLINE)
    df = _labels(df)
    df["department"] = [link(i, n) for i, n in zip(df["disclosure_after"], df["department"])]
    df = df.drop(columns=["disclosure_after"])
    return df.rename(columns={"department": "部门 department", "kind": "类型 kind", "scope": "范围 scope",
                              "figure_zh": "指标 figure", "year_before": "上年 year before",
                              "year_after": "本年 year after", "before_wan": "上年数 before",
                              "after_wan": "本年数 after", "change_wan": "增减 change",
                              "change_pct": "增长率 growth %"})


def printed_changes(con) -> pd.DataFrame:
    """Changes a disclosure prints itself: the total row of each table that prints a prior-year
    column beside the year's (``prior_X`` beside ``X``), with table and page."""
    df = _df(con, """
        SELECT d.disclosure_id, d.department, d.year, d.kind, d.scope, cur.table_id, cur.page,
               coalesce(nullif(cur.column_label, ''), cur."column") AS item,
               pri.value_wan AS prior_wan, cur.value_wan AS current_wan,
               cur.value_wan - pri.value_wan AS change_wan,
               CASE WHEN pri.value_wan <> 0 THEN round((cur.value_wan - pri.value_wan) / pri.value_wan * 100, 1) END
                 AS change_pct
        FROM amounts cur
        JOIN amounts pri ON pri.disclosure_id = cur.disclosure_id AND pri.table_id = cur.table_id
             AND pri."row" = cur."row" AND pri."column" = 'prior_' || cur."column"
        JOIN disclosures d ON d.disclosure_id = cur.disclosure_id
        WHERE cur.total AND cur.value_wan IS NOT NULL AND pri.value_wan IS NOT NULL
        ORDER BY d.department, d.year, cur.table_id, cur."column" """)
    df = _labels(df)
    df["department"] = [link(i, n) for i, n in zip(df["disclosure_id"], df["department"])]
    df = df.drop(columns=["disclosure_id"])
    return df.rename(columns={"department": "部门 department", "year": "年度 year", "kind": "类型 kind",
                              "scope": "范围 scope", "table_id": "表 table", "page": "页 page",
                              "item": "列 column", "prior_wan": "上年数 prior", "current_wan": "本年数 current",
                              "change_wan": "增减 change", "change_pct": "增长率 growth %"})


def per_staff(con) -> pd.DataFrame:
    """三公 and 机关运行经费 per authorised staff, where the narrative gives the staff."""
    df = _df(con, """
        SELECT d.disclosure_id, d.department, d.year, d.kind, d.scope, d.staff,
               max(CASE WHEN f.figure = 'three_public_total' THEN f.value_wan END) AS three_public,
               max(CASE WHEN f.figure = 'operating_costs' THEN f.value_wan END) AS operating
        FROM disclosures d LEFT JOIN figures f USING (disclosure_id)
        WHERE d.staff > 0
        GROUP BY ALL ORDER BY d.department, d.year""")
    df = _labels(df)
    df["three_per"] = (df["three_public"] / df["staff"]).round(2)
    df["operating_per"] = (df["operating"] / df["staff"]).round(2)
    df["department"] = [link(i, n) for i, n in zip(df["disclosure_id"], df["department"])]
    df = df.drop(columns=["disclosure_id"])
    return df.rename(columns={"department": "部门 department", "year": "年度 year", "kind": "类型 kind",
                              "scope": "范围 scope", "staff": "编制人数 staff", "three_public": "“三公”经费 万元",
                              "operating": "机关运行经费 万元", "three_per": "人均“三公” 万元/人",
                              "operating_per": "人均运行经费 万元/人"})


def findings_by_check(con) -> pd.DataFrame:
    """Findings per check and severity over the set (reading problems of the tool apart)."""
    df = _df(con, """
        SELECT "check", severity, findings, disclosures FROM findings_by_check
        ORDER BY family = 'reading', severity, findings DESC, "check" """)
    titles = check_titles()
    df["check"] = [f"{check_name(c, titles)}（{c}）" for c in df["check"]]
    return df.rename(columns={"check": "检查 check", "severity": "严重程度 severity",
                              "findings": "发现数 findings", "disclosures": "涉及披露 disclosures"})


def across_documents(con) -> pd.DataFrame:
    """Findings that compare documents (``across_documents.*``)."""
    df = _df(con, """
        SELECT d.disclosure_id, d.department, d.year, f.severity, f."check", f.page, f.message
        FROM findings f JOIN disclosures d USING (disclosure_id)
        WHERE f.family = 'across_documents' ORDER BY d.department, d.year, f.finding""")
    df["department"] = [link(i, n) for i, n in zip(df["disclosure_id"], df["department"])]
    df = df.drop(columns=["disclosure_id"])
    return df.rename(columns={"department": "部门 department", "year": "年度 year", "severity": "严重程度 severity",
                              "check": "检查 check", "page": "页 page", "message": "说明 message"})


def presence(con) -> pd.DataFrame:
    """The required items each disclosure publishes: one row per item, the share of disclosures
    (of each kind) in which it was seen, and how many could not be read."""
    df = _df(con, """
        SELECT c.item, c.name, d.kind,
               count(*) FILTER (WHERE c.status = 'present') AS present,
               count(*) FILTER (WHERE c.status = 'missing') AS missing,
               count(*) FILTER (WHERE c.status = 'unreadable') AS unreadable,
               count(*) FILTER (WHERE c.status NOT IN ('not_applicable', 'not_given')) AS applicable
        FROM checklist c JOIN disclosures d USING (disclosure_id)
        GROUP BY ALL ORDER BY d.kind, c.item""")
    df = _labels(df)
    df["share"] = (df["present"] / df["applicable"].where(df["applicable"] > 0) * 100).round(1)
    return df.rename(columns={"item": "编号 item", "name": "事项 name", "kind": "类型 kind",
                              "present": "已公开 present", "missing": "未见 missing",
                              "unreadable": "未能识别 unreadable", "applicable": "适用 applicable",
                              "share": "公开比例 % present"})

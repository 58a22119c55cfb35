"""The vocabulary: every kind, key, keyword, required item and Chinese label the package uses.

One home for each fact, read by parse, checks, score and reports alike:

* ``tables``: table kinds (Chinese names, document kind, role, classification, the money they
  cover, title patterns);
* ``columns``: column keys, their Chinese names and the header keywords that name them;
* ``metrics``: what a figure or narrative claim is, its Chinese name, unit and keywords;
* ``requirements``: the items a disclosure must publish, by document kind and scope;
* ``labels``: severities, document kinds, scopes, and the other small closed vocabularies;
* ``keywords``: the keyword rules of the checks;
* ``words``: the words the reader reads by (row labels, meta lines, title and organisation words,
  performance-table labels, department spellings).

The data are CSV files in ``analysis/reference`` (see ``docs/architecture.md``: adding a table
kind or a keyword is one line in one of them).
"""
from .columns import (CODE_PARTS, COLUMN_KEYS, FUND_COLUMNS, LABEL_TEXT_KEYS, PROCUREMENT_KEYS, SPENDING_PARTS,
                      SUM_IDENTITIES, SUM_KEYS, THREE_PUBLIC_BESIDE, THREE_PUBLIC_COLUMNS, THREE_PUBLIC_KEYS, THREE_PUBLIC_LIKELY, THREE_PUBLIC_TEXT_ORDER, amount_rules,
                      column_en, column_funds, column_zh, header_rules, label_rules, sum_family)
from .keywords import keyword, keyword_rules
from .labels import (BASIS_ZH, CHECKLIST_STATUS_ZH, BUDGET_BASES, CHANGE_ZH, CLASSIFICATION_ZH, CODE_LEVEL_ZH, CODED_FIGURE_ZH,
                     DOCUMENT_KINDS, DOCUMENT_ZH, FIGURE_ZH, MONEY_SCOPE_ZH, READING_ISSUE_ZH, READING_PROBLEM_ZH,
                     PROBLEM_ZH, SCOPE_ZH, SCOPES, SECTION_ZH, SEVERITIES, SEVERITY_COUNT_ZH, SEVERITY_ZH, document_name,
                     problem_zh)
from .metrics import (ECONOMIC_CLASSES, ECONOMIC_ITEMS, FUNCTION_CLASSES, HEADLINE, METRICS, Rule, count_units,
                      marked_name, metric_rules, metric_unit, metric_zh, THREE_PUBLIC_ITEMS,
                      three_public_columns)
from .regions import provincial_divisions
from .requirements import RequiredItem, all_items, item, required_items
from .tables import (ALL_TABLE_KINDS, BASIC_KINDS, CODED_KINDS, ECONOMIC_KINDS, ECONOMIC_TO_FUNCTION, FINAL_ROLE,
                     FINAL_TABLE_KINDS, FUNCTION_KINDS, FUNCTION_TO_ECONOMIC, OPENING_KINDS, PERFORMANCE_KINDS,
                     PERFORMANCE_TARGETS, PROJECT_KINDS, SPENDING_KINDS, TABLE_KINDS, TOPICS, TWO_SIDED, UNKNOWN, TableKind, funds_of, kind_zh,
                     kinds, role_of, table_kind, title_rules, topic_of)

__all__ = [
    "TOPICS", "provincial_divisions",
    "FUND_COLUMNS", "SPENDING_KINDS",
    "CHECKLIST_STATUS_ZH", "SPENDING_PARTS", "THREE_PUBLIC_BESIDE", "THREE_PUBLIC_ITEMS", "three_public_columns", "topic_of",
    "all_items", "ALL_TABLE_KINDS", "amount_rules", "BASIC_KINDS", "BASIS_ZH", "BUDGET_BASES", "CHANGE_ZH",
    "CLASSIFICATION_ZH", "CODE_LEVEL_ZH", "CODE_PARTS", "CODED_FIGURE_ZH", "CODED_KINDS", "column_en",
    "column_funds", "COLUMN_KEYS", "column_zh", "count_units", "DOCUMENT_KINDS", "document_name", "problem_zh", "PROBLEM_ZH", "SEVERITY_COUNT_ZH",
    "DOCUMENT_ZH", "ECONOMIC_CLASSES", "ECONOMIC_ITEMS", "ECONOMIC_KINDS", "ECONOMIC_TO_FUNCTION",
    "FIGURE_ZH", "FINAL_ROLE", "FINAL_TABLE_KINDS", "FUNCTION_CLASSES", "FUNCTION_KINDS",
    "FUNCTION_TO_ECONOMIC", "funds_of", "header_rules", "HEADLINE", "item", "keyword", "keyword_rules",
    "kind_zh", "kinds", "label_rules", "LABEL_TEXT_KEYS", "marked_name", "metric_rules", "metric_unit",
    "metric_zh", "METRICS", "MONEY_SCOPE_ZH", "OPENING_KINDS", "PERFORMANCE_KINDS", "PERFORMANCE_TARGETS",
    "PROCUREMENT_KEYS", "PROJECT_KINDS", "READING_ISSUE_ZH", "READING_PROBLEM_ZH", "required_items",
    "RequiredItem", "role_of", "Rule", "SCOPE_ZH", "SCOPES", "SECTION_ZH", "SEVERITIES", "SEVERITY_ZH",
    "sum_family", "SUM_IDENTITIES", "SUM_KEYS", "table_kind", "TABLE_KINDS", "TableKind",
    "THREE_PUBLIC_COLUMNS", "THREE_PUBLIC_KEYS", "THREE_PUBLIC_LIKELY", "THREE_PUBLIC_TEXT_ORDER",
    "title_rules", "TWO_SIDED", "UNKNOWN",
]

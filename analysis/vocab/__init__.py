"""The vocabulary: every kind, key, keyword, required item and Chinese label the package uses.

One home for each fact, read by parse, checks, score and reports alike:

* ``tables``: table kinds (Chinese names, document kind, role, classification, title patterns);
* ``columns``: column keys, their Chinese names and the header keywords that name them;
* ``metrics``: what a figure or narrative claim is, its Chinese name, unit and keywords;
* ``requirements``: the items a disclosure must publish, by document kind and scope;
* ``labels``: severities, document kinds, scopes, reading problems.

The data are CSV files in ``analysis/reference`` (see ``docs/architecture.md``: adding a table
kind or a keyword is one line in one of them).
"""
from .columns import (CODE_PARTS, COLUMN_KEYS, THREE_PUBLIC_COLUMNS, THREE_PUBLIC_TEXT_ORDER, amount_rules,
                      column_en, column_zh, header_rules, label_rules)
from .labels import (DOCUMENT_KINDS, DOCUMENT_ZH, PROBLEM_ZH, SCOPE_ZH, SCOPES, SECTION_ZH, SEVERITIES,
                     SEVERITY_COUNT_ZH, SEVERITY_ZH, document_name, problem_zh)
from .metrics import (ECONOMIC_CLASSES, ECONOMIC_ITEMS, FUNCTION_CLASSES, HEADLINE, METRICS, Rule, count_units,
                      marked_name, metric_rules, metric_unit, metric_zh)
from .requirements import RequiredItem, all_items, item, required_items
from .tables import (ALL_TABLE_KINDS, CODED_KINDS, ECONOMIC_KINDS, ECONOMIC_TO_FUNCTION, FINAL_ROLE, FUNCTION_TO_ECONOMIC, FINAL_TABLE_KINDS, FUNCTION_KINDS,
                     PERFORMANCE_KINDS, TABLE_KINDS, TWO_SIDED, UNKNOWN, TableKind, kind_zh, kinds, role_of,
                     table_kind, title_rules)

__all__ = [
    "ALL_TABLE_KINDS", "CODED_KINDS", "CODE_PARTS", "COLUMN_KEYS", "DOCUMENT_KINDS", "DOCUMENT_ZH",
    "ECONOMIC_CLASSES", "ECONOMIC_ITEMS", "ECONOMIC_KINDS", "ECONOMIC_TO_FUNCTION", "FINAL_ROLE", "FUNCTION_TO_ECONOMIC", "FINAL_TABLE_KINDS", "FUNCTION_CLASSES",
    "FUNCTION_KINDS", "HEADLINE", "METRICS", "PERFORMANCE_KINDS", "PROBLEM_ZH", "RequiredItem", "Rule", "SCOPES", "SCOPE_ZH",
    "SECTION_ZH", "SEVERITIES", "SEVERITY_COUNT_ZH", "SEVERITY_ZH", "TABLE_KINDS", "THREE_PUBLIC_COLUMNS", "THREE_PUBLIC_TEXT_ORDER",
    "TWO_SIDED", "TableKind", "UNKNOWN", "all_items", "amount_rules", "column_en", "column_zh", "count_units",
    "document_name", "header_rules", "item", "kind_zh", "kinds", "label_rules", "marked_name", "metric_rules",
    "metric_unit", "metric_zh", "problem_zh", "required_items", "role_of", "table_kind", "title_rules",
]

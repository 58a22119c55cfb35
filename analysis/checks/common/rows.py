"""Rows: names compared, totals, coded rows and their children, the two sides of a 收支总表.

The table structure lives in ``analysis.structure`` (the figure locator and the reports read it
too); the checks import it from here.
"""
from ...structure import (ANY_ORD, CN_NUM, CURRENT_TOTAL, GRAND_TOTAL, SIDES, SUB_ORD, TOP_ORD,  # noqa: F401
                          Side, ancestors, bare, children_of, cname, coded_rows, first_total, fold, is_sub_item,
                          side_rows, total_rows, totals)

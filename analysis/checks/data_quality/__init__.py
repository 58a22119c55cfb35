"""Data quality: cells and rows that are not what a budget table should print.

Cells and content the tool could not read are reading problems (``analysis.checks.reading``),
never findings about the disclosure.
"""

"""Arithmetic: every printed total equals the sum of the parts printed under or beside it.

Each check reads one table at a time. A cell printed as a placeholder (``.``) or unreadable text
is not a number: sums that need it are skipped (``data_quality`` reports the cell). Rows whose
column placement the text reader had to guess (flag ``columns_inferred``) are reported at
severity warning, never error.
"""

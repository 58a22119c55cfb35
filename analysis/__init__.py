"""budget-audit: parse, check and report on Chinese department budget disclosures (部门预算公开).

The flow: ``inputs`` (raw files -> pages: lines, rulings, grids, aligned text) -> ``parse``
(tables, narrative claims, performance targets; one file -> ``parse.document``; files ->
disclosures in ``parse.grouping``) -> ``checks`` (findings) -> ``reports`` (notebooks rendered to
HTML). ``pipeline`` schedules the batch; ``vocab`` holds every word and kind the package knows
(data in ``reference``); ``settings`` every tolerance and confidence penalty of the reader.
"""
__version__ = "0.1.0"

"""budget-audit: parse, check and report on Chinese department budget disclosures (部门预算公开).

The flow: ``inputs`` (raw files -> pages of lines) -> ``parse`` (tables, narrative claims,
performance targets) -> ``checks`` (findings) -> ``reports`` (notebooks rendered to HTML).
"""
__version__ = "0.1.0"

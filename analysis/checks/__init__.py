"""Step 3 of the flow: parsed disclosures -> findings (and a score).

``audit(disclosures)`` runs every registered check on each disclosure of a batch and
returns one ``AuditResult`` per disclosure.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..model import Disclosure
from .base import REGISTRY, Check, Context, Finding, check, iter_checks, load_checks, run_checks, tolerance


@dataclass
class AuditResult:
    disclosure: Disclosure
    findings: list = field(default_factory=list)
    score: object = None   # analysis.score.Score

    def counts(self) -> dict:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] = out.get(f.severity, 0) + 1
        return out

    def to_json(self) -> dict:
        return {"department": self.disclosure.department, "year": self.disclosure.year,
                "files": [f.path for f in self.disclosure.files],
                "counts": self.counts(),
                "score": self.score.to_dict() if self.score is not None else None,
                "findings": [f.to_dict() for f in self.findings]}

    def frame(self) -> pd.DataFrame:
        cols = ["check", "severity", "table", "table_id", "code", "item", "expected", "actual",
                "difference", "file", "page", "message"]
        return pd.DataFrame([{k: f.to_dict()[k] for k in cols} for f in self.findings], columns=cols)

    def files(self) -> dict:
        """Extra files written beside the parsed tables: findings.json and findings.csv."""
        return {"findings.json": self.to_json(), "findings.csv": self.frame()}


def audit(disclosures: list) -> list:
    from ..score import score

    results = []
    for d in disclosures:
        findings = run_checks(Context(disclosure=d, batch=list(disclosures)))
        results.append(AuditResult(d, findings, score(d, findings)))
    return results


__all__ = ["AuditResult", "Check", "Context", "Finding", "REGISTRY", "audit", "check",
           "iter_checks", "load_checks", "run_checks", "tolerance"]

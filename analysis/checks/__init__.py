"""Step 3 of the flow: parsed disclosures -> findings, the checklist and a score.

``audit(disclosures)`` runs every registered check on each disclosure of a batch and returns one
``AuditResult`` per disclosure: its findings (reviewed as a researcher should read them:
``analysis.checks.review``), its checklist of required items
(``analysis.checklist``, the one the completeness checks report from) and its score
(``analysis.score``, read from the same checklist and findings).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Disclosure
from ..score import score
from .review import review
from .base import REGISTRY, Check, Context, Finding, check, iter_checks, load_checks, run_checks, tolerance


@dataclass
class AuditResult:
    disclosure: Disclosure
    findings: list = field(default_factory=list)
    score: object = None   # analysis.score.Score
    checklist: list = field(default_factory=list)   # analysis.checklist.ItemStatus per required item

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
                "checklist": [i.to_dict() for i in self.checklist],
                "findings": [f.to_dict() for f in self.findings]}

    def frame(self):
        """The findings as a pandas DataFrame (for findings.csv)."""
        import pandas as pd  # lazy: pandas is loaded when findings are written, never to audit

        cols = ["check", "severity", "table", "table_id", "code", "item", "expected", "actual",
                "difference", "file", "page", "place", "message"]
        return pd.DataFrame([{k: f.to_dict()[k] for k in cols} for f in self.findings], columns=cols)

    def files(self) -> dict:
        """Extra files written beside the parsed tables: findings.json and findings.csv."""
        return {"findings.json": self.to_json(), "findings.csv": self.frame()}


def audit_one(d: Disclosure, batch: list) -> AuditResult:
    """Audit one disclosure of a batch (the other disclosures serve the cross-document checks)."""
    ctx = Context(disclosure=d, batch=batch)
    findings = review(ctx, run_checks(ctx))
    return AuditResult(d, findings, score(d, findings, ctx.checklist), ctx.checklist)


def audit(disclosures: list) -> list:
    return [audit_one(d, list(disclosures)) for d in disclosures]


__all__ = ["AuditResult", "Check", "Context", "Finding", "REGISTRY", "audit", "audit_one", "check",
           "iter_checks", "load_checks", "run_checks", "tolerance"]

"""Former home of document assembly and grouping, kept so that older imports still work:
``analysis.parse.document`` turns one file into a ``ParsedDocument``; ``analysis.parse.grouping``
groups parsed files into disclosures."""
from .document import ParsedDocument, parse_document  # noqa: F401
from .grouping import group_documents, parse_paths, unify_department_names  # noqa: F401

"""Step 2 of the flow: pages of lines -> tables, narrative claims, performance targets."""
from .disclosure import ParsedDocument, group_documents, parse_document, parse_paths

__all__ = ["ParsedDocument", "group_documents", "parse_document", "parse_paths"]

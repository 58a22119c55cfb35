"""Step 2 of the flow: pages of lines -> tables, narrative claims, performance targets ->
disclosures. The reader works in layers, each importing only the ones below it:

1. layout (``analysis.inputs``): pages, words and lines, rulings, ruled grids, grids of aligned
   text; tolerances in ``analysis.settings.ReaderSettings``;
2. words (``titles``): table titles and labels, department names;
3. tables: ``segment`` cuts pages into table segments and narrative; a table is read header ->
   columns -> kinds (``header``, ``columns``, ``kinds``) by ``grid_reader`` or ``text_reader``
   over the shared row model (``rows``); ``tables.read_table`` picks the reader;
4. text: narrative claims (``narrative``), performance targets (``performance``);
5. document (``document``, with ``identity``): one source file -> a ``ParsedDocument``;
6. grouping (``grouping``): parsed files -> disclosures (department, year, kind, scope).

``analysis.pipeline`` schedules the per-file work and calls into ``grouping``.
"""
from .document import ParsedDocument, parse_document
from .grouping import group_documents, parse_paths

__all__ = ["ParsedDocument", "group_documents", "parse_document", "parse_paths"]

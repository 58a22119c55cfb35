"""Cross-table: the same figure agrees wherever the disclosure prints it."""

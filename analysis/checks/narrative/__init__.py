"""Narrative: the numbers the 情况说明 states against the numbers the tables print, and against
its own numbers."""

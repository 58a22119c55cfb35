"""Checks across the disclosures of one batch."""

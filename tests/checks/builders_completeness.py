"""Builders shared by the tests of the completeness checks."""
from __future__ import annotations

JIANGSU = [(d, y) for d in ("江苏省人大常委", "江苏省委", "江苏省政协") for y in (2017, 2018, 2019)]

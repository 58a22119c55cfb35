"""Completeness: the disclosure holds the tables and explanations the rules require, at the
required level of detail.

The requirements come from ``analysis/reference/disclosure_rules.csv`` (``analysis.reference.
disclosure_rules()``): 财政预决算领域基层政务公开标准目录（部门预算）, 中华人民共和国预算法 第十四条 and
its 实施条例, and 财政部《地方预决算公开操作规程》（财预〔2016〕143号）.
"""

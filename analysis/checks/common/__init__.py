"""Helpers shared by the check modules; no checks here.

* ``amounts``: readable values (``val``, ``has``), tolerances (``unit_slack``, ``claim_tolerance``)
  and the one number formatter ``fmt``;
* ``places``: where a figure is printed (``place``, ``where``), rows and columns as printed
  (``row_label``, ``col_label``), other places of a finding (``related``);
* ``rows``: names compared (``cname``, ``fold``), totals, coded rows and their children, the
  sides of a 收支总表 (``Side``);
* ``text``: NFKC text, quoted sentences (``claim_text``);
* ``claims``: narrative claims and the changes they state;
* ``targets``: performance targets (labels, cost indicators, ``tfinding``);
* ``sums``: a printed total against the sum of its printed parts (``sum_finding``);
* ``codes``: function and economic codes of the coded tables, their parents;
* ``tables``: which tables a check reads;
* ``rules``: the rules the checks cite (disclosure rules, accuracy, reading);
* ``lookup``: the figures a cross-check compares (``figures_for``, ``observations``,
  ``three_public_budget``, ``previous_disclosure``).
"""

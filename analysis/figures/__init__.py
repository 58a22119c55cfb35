"""Step 2b of the flow: where each figure of a parsed disclosure is printed.

* ``catalogue``: the declarative list of sources (figure, money it covers, table roles, rows,
  columns) — one line per way a figure is printed;
* ``locate``: runs the catalogue once per disclosure; the result (``Located`` places) is stored
  in ``Disclosure.figures`` and in ``model.json``;
* ``headline``: the headline figures every report shows, chosen from the located places;
* ``claims``: the located places a narrative claim names (by metric and subject).

Checks, score and reports read the located figures; none of them locates a figure again.
"""
from ..model import Located
from .catalogue import CATALOGUE, Source
from .claims import claim_places, subject_names
from .headline import Figure, compute_figures, figure_values, figures_of, headline, headline_figures
from .locate import locate, places, row_of, table_of

__all__ = ["CATALOGUE", "Figure", "claim_places", "compute_figures", "subject_names", "Located", "Source", "figure_values", "figures_of", "headline",
           "headline_figures", "locate", "places", "row_of", "table_of"]

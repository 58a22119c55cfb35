"""Reader settings: every tolerance, threshold and confidence penalty of the reader, in one place.

``ReaderSettings`` is a frozen dataclass; ``DEFAULT`` is the instance every reader uses unless it
is given another (``parse_document(path, settings)``, ``read_source(path, settings)`` …). Each
field says what it is, its unit and why it has its value. Units: ``pt`` are PDF points (1/72 inch,
the unit of pdfplumber's coordinates); ``em`` is the page's typical font size (the median size of
its characters, ``cells.em_size``); ``chars`` count characters of compacted text (no spaces);
``lines`` count printed lines; shares and penalties are fractions of 1.

The values are those the reader had as literals before they were named here; what a change does
on the shared corpus (``../shared/corpus``) shows in ``benchmarks/snapshot.py`` (diff before and
after) and ``benchmarks/accuracy.py`` (against the hand-verified keys): change one only with both.

A table's confidence starts at 1 and loses the penalties of its reading issues; below
``analysis.model.CONFIDENCE_THRESHOLD`` (0.75, the checks' policy, not the reader's) its figures
are withheld from the checks. So a penalty of 0.3 alone keeps a table trusted, and 0.5 does not.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReaderSettings:
    # -- the PDF reader (analysis.inputs) ----------------------------------------------------------
    reader: str = "pdfium"
    """Which library reads a PDF's characters and drawn paths (``READERS``): "pdfium" (pypdfium2,
    several times faster) or "pdfplumber" (pdfminer, the reference). Both give the same page
    objects to the layout layer, and the same tables, figures and findings on every keyed shared
    document (``tests/test_readers.py``); the command line's ``--reader`` sets it."""
    pdfium_space_fit: float = 0.05
    """Share of a space's width. PDFium leaves printed spaces out of its text; inside one text object,
    a gap between two characters of a line that is a whole number of the font's spaces wide, within
    this share, is that many printed spaces (``analysis.inputs.pdfium``); other gaps were left by
    positioning alone. Read with pdfplumber, the spaces are the printed ones."""

    # -- layout: words and lines (analysis.inputs.pdf, cells) -------------------------------------
    line_tolerance: float = 3.0
    """pt. Words whose tops differ by less than this are on one text line (mixed fonts and sizes
    shift a word's top a little); two printed lines stand about a font size apart."""
    word_x_tolerance: float = 1.5
    """pt. pdfplumber's ``x_tolerance`` for words outside grids: characters closer than this form
    one word. Chinese text is set without gaps; 1.5 pt keeps two columns of a text-aligned table
    (gutters of several pt) apart."""
    latin_gap: float = 0.5
    """em. In a cell, a gap wider than this between two Latin letters or digits is a space (printed
    words without a space character); Chinese text is never spaced."""
    fake_bold: float = 1.0
    """pt. The same character printed again within this distance is one character (fake bold
    prints each glyph twice, offset by a fraction of a point)."""
    font_box_ascent_min: float = 0.3
    """em. A glyph box that rises less than this above its baseline belongs to a font that declares
    no ascent (its box hangs below the baseline): such chars get the box the page's other chars
    have around their baselines, so that a year, a colon or a code printed in that font stays on
    its printed line. Sound fonts rise 0.7-0.9 em."""
    font_box_usual: tuple = (0.8, 0.2)
    """em. (ascent, descent) given to such chars when no char of the page has sound metrics."""
    space_overprint: float = 0.3
    """Share of a space character's width. A space printed over a visible character of its line by
    more than this is a justification artefact, not a gap between words: it is dropped."""
    default_em: float = 10.0
    """pt. The font size assumed on a page without text (nothing to measure on)."""

    # -- layout: rulings (analysis.inputs.rulings) -------------------------------------------------
    ruling_thin: float = 2.0
    """pt. A filled or stroked box at most this thick in one dimension is a line (exporters draw
    rulings as 0.5-1 pt rectangles); shading boxes are far thicker."""
    ruling_min_length: float = 2.0
    """pt. Shorter pieces (corner dots, stroke caps) bound nothing."""
    ruling_straight: float = 0.5
    """pt. A path segment whose ends differ by less than this across its direction is
    axis-aligned (rounding in the exporter), anything more is a diagonal."""
    near_white: float = 0.92
    """Luminance (0 black, 1 white). A stroke lighter than this is not seen on white paper (white
    and very light grey rules drawn to hide a border)."""
    line_dark: float = 0.8
    """Luminance. A filled thin box must be at most this light to read as a ruling (light grey
    fills are shading bands between rows)."""
    ruling_snap: float = 3.0
    """pt. Parallel rulings closer than this are one (double lines, inset lines, the two edges of
    a thin box);"""
    ruling_join: float = 3.0
    """pt. Collinear pieces with a gap up to this are one ruling (a line drawn cell by cell)."""

    # -- layout: ruled grids (analysis.inputs.grids) -----------------------------------------------
    grid_touch: float = 3.0
    """pt. A horizontal and a vertical ruling this close are taken to intersect (rulings often stop
    a hair short of each other)."""
    grid_open_side: float = 8.0
    """pt. Rulings running on at least this far past the outermost crossing ruling make an open
    side (a table without a left or right border); shorter overshoots are drawing slack."""
    grid_separates: float = 0.5
    """Share of a cell side. A ruling drawn along at least this much of the side separates the two
    cells; less is a stub, and the cells are one merged cell."""
    grid_min_size: float = 3.0
    """pt. A column or row narrower than this is a drawing artefact, never a table's: such a grid
    is rejected (its rulings did not describe the table)."""

    # -- layout: grids of aligned text (analysis.inputs.aligned) ----------------------------------
    aligned_group_gap: float = 0.8
    """em. Words closer than this belong to one group (one printed value or label); the gutters
    between columns are wider."""
    aligned_line_gap: float = 2.0
    """Line heights. A wider vertical gap between two lines ends a block of table lines ..."""
    aligned_pitch: float = 2.0
    """... unless data rows stand this many times their usual step apart anyway (tall rows)."""
    aligned_min_data_lines: int = 3
    """Lines. A block needs at least this many lines with an amount after their label, and an
    amount column this long, to be a table: two lines are too easily a sentence pair."""
    aligned_min_gutter: float = 0.4
    """em. Narrower white space between words is no column gutter."""
    aligned_exceptions: float = 0.1
    """Share of the data lines whose words may cross a gutter (a long label running over)."""
    aligned_header_lines: int = 3
    """Lines directly above the data taken as header rows, at most."""
    aligned_align: float = 1.5
    """pt. The median deviation of aligned amount edges (right edges or centres) may be this much:
    right-aligned figures line up within a point."""

    # -- layout: odd text and scanned pages (analysis.inputs.pdf, pdfium, ocr) ---------------------
    cid_share: float = 0.3
    """Share of a page's visible characters. When more of them than this are pdfminer's
    ``(cid:NNN)`` placeholders (a font without a usable ToUnicode map, common in restricted
    government PDFs), the page's characters are read again with pypdfium2, which maps such fonts
    through their own tables; a real page prints no ``(cid:`` at all."""
    scan_max_chars: int = 20
    """chars. A page with at most this many visible characters (none, or a page number or stamp
    laid over a scan) whose images cover at least ``scan_image_share`` of it is a scanned page:
    it is recognised by OCR. A page with more text is read as text."""
    scan_image_share: float = 0.3
    """Share of the page's area covered by its images for a page with (almost) no text to be a
    scan rather than a blank or decorated page."""
    ocr_scale: float = 3.0
    """Render scale for OCR (1 = 72 dpi; 3 = 216 dpi): table digits of 9-10 pt get about 25 px
    of height, which the recogniser reads exactly (2 drops separators and adds spaces more often;
    see docs/ocr.md)."""
    ocr_upright: bool = True
    """Turn a scanned page lying on its side or upside down upright before recognising it (its
    orientation is told from the image: ``ocr.upright_turn``); False recognises every page as it
    lies (slightly faster, for files known to be scanned upright)."""
    ocr_min_score: float = 0.5
    """The recogniser's confidence (0-1) below which a recognised line is not text (specks,
    stamps, table borders read as characters)."""
    ocr_dark: int = 160
    """Grey level (0 black - 255 white) under which a pixel of a rendered scan is ink, for the
    table rulings found in the image."""
    ocr_ruling_min: float = 0.025
    """Share of the page's width (or height). A dark run along a row (or a column) of pixels at
    least this long is a ruling: longer than any character, shorter than a short table column."""

    # -- layout: repeated content (analysis.inputs.base) ------------------------------------------
    read_repeated_pages: bool = False
    """Read every page, repeats included (True only where the whole file must be seen: the check
    that a file does not hold two disclosures, whose pages may print the same text)."""
    page_number_chars: int = 15
    """chars. A page's first or last text line of at most this many characters, digits and
    punctuation only ("3", "- 3 -", "3/40"), is its page number: two pages differing only there
    print the same text, and the later one is a repeat, read once."""
    repeat_min_pages: int = 2
    """Pages. A file that repeats at least this many of its pages holds its content twice; only
    then are repeated blocks of text lines looked for (a narrative repeated on other page breaks)."""
    repeat_min_lines: int = 3
    """Lines. In such a file, a run of at least this many text lines (not table rows) printed
    earlier in the same order is a repeat, read once ..."""
    repeat_min_chars: int = 100
    """chars. ... when the run holds at least this much text: a short run (a heading, a unit
    line) may legitimately print twice."""

    # -- layout: workbooks (analysis.inputs.sheets) ------------------------------------------------
    sheet_table_share: float = 0.5
    """Share of a sheet's width. A sheet's table starts at its first row of two or more cells that,
    with their merged spans, cover at least this share of the columns the sheet uses (a header
    row); rows of fewer or narrower cells above it (a title beside its label, 编制部门：… 单位：元)
    are text lines, read as the table's title area."""
    sheet_note_chars: int = 20
    """chars. Rows after a sheet's last row of two or more cells whose only cell holds more text
    than this (注：…, a source or an explanation under the table) are text lines under the table,
    not rows of it (a 合计 row printed blank keeps its place)."""

    # -- tables: segments (analysis.parse.segment) --------------------------------------------------
    title_area_lines: int = 6
    """Lines above a grid that may hold its title and meta lines (label, title over up to three
    lines, 部门：…, 单位：万元)."""
    title_area_chars: int = 60
    """chars. A longer line above a grid (unless a meta line) is narrative and ends its title area."""
    title_wrap_lines: int = 3
    """Lines a title may wrap over."""
    continuation_edge: float = 30.0
    """pt. A grid without a title continues the open table when its left and right edges are
    within this of the table's last grid ..."""
    continuation_loose_edge: float = 60.0
    """pt. ... or when its left edge is within this and its column count differs by at most
    ``continuation_columns`` (a continuation page may drop an empty column)."""
    continuation_columns: int = 1
    """Columns a continuation grid may have more or fewer than the table's last grid."""
    running_line_share: float = 0.4
    """A text line printed alike at the top or foot of at least this share of a document's pages
    (and of ``running_line_pages`` pages) is page furniture (a running header such as
    '<department> 2026 年度部门预算公开'): never a table row, a title or a reason to end a table."""
    running_line_pages: int = 3
    """Pages. A running header or footer repeats on at least this many pages."""
    running_line_edge: int = 2
    """Lines. A running header or footer is among this many first or last text lines of its page."""
    title_piece_chars: int = 6
    """chars. A line of an overflow page (a page without a grid that carries what a table's print
    area pushed over) that is a piece of the table's title this long or longer is a cut copy of it."""
    indent_step: float = 7.0
    """pt. A row name printed this much further right than another (in a table without codes)
    sits one level deeper (类 > 款 > 项 shown by indentation: an ideographic space or two
    half-width ones are about 10 pt; one half-width space, about 5 pt, is no level)."""
    indent_same: float = 1.5
    """pt. Row names starting within this of each other are printed at one position."""
    indent_levels: int = 4
    """Levels of indentation a hierarchy may have at most; more positions are no hierarchy
    (names centred in their cells)."""
    row_top_slack: float = 0.5
    """pt. A grid row belongs to a piece of a cut grid when its top lies within the piece, less
    this (boundaries are shared by the pieces)."""
    outside_row_slack: float = 5.0
    """pt. A text line under a grid is a row the ruling did not enclose only when its words lie
    within the grid's width, give or take this."""
    outside_row_chars: int = 120
    """chars. A longer text line under a grid is a sentence, not a row."""
    outside_row_labels: int = 2
    """Words that are not amounts allowed in such a row (a label, maybe a code)."""
    column_words_max: int = 8
    """Words. A line of column words between a title and its table (项目 收入预算 …) has at most
    this many ..."""
    column_words_chars: int = 40
    """chars. ... and at most this many characters in all ..."""
    column_word_chars: int = 12
    """chars. ... and at most this many in each word."""
    meta_fragment_chars: int = 12
    """chars. A short line after a meta line is the wrapped end of its department name when it is
    at most this long (and holds no digit, title or label)."""
    text_narrative_chars: int = 60
    """chars. In flattened PDF text, a longer line ends the table (a sentence of the narrative)."""

    # -- tables: header (analysis.parse.header) -----------------------------------------------------
    banner_cells: int = 4
    """Cells. A banner row printed as separate cells (部门： | name | 单位：万元) has at most this
    many."""
    column_number_min: int = 3
    """Cells. A row of column numbers (1 2 3 …) without a 栏次 label needs at least this many."""
    column_number_others: int = 2
    """Cells. A row labelled 栏次 may hold this many cells that are not column numbers."""

    # -- tables: units not printed (analysis.parse.tables) -----------------------------------------
    unit_matches_min: int = 3
    """Figures. A table that prints no unit takes the unit under which at least this many of its
    figures are figures the document prints elsewhere with a unit (another table, the narrative)
    ..."""
    unit_matches_ratio: float = 2.0
    """... and more than this many times as many as under any other unit."""

    # -- tables: columns and kinds (analysis.parse.columns, kinds) ---------------------------------
    column_mostly: float = 0.6
    """Share of a column's non-placeholder cells that must be of one sort (amounts, codes, text)
    for the column to be of that sort."""
    kind_rows_min: int = 3
    """Rows. A table's rows overrule its title's kind (function <-> economic classification) when
    at least this many carry the other family's codes ..."""
    kind_rows_ratio: int = 2
    """... and more than this many times as many as carry its own."""
    kind_columns_min: int = 2
    """Columns. An untitled table is a 三公 or procurement table when at least this many of its
    columns are that kind's."""
    narrative_words_min: int = 5
    """Words. A file without any table is a budget disclosure (a narrative published apart) when
    its text holds at least this many of the words of a budget narrative (reader_words.csv:
    budget_narrative_words, 7 words)."""

    # -- tables: grid reader (analysis.parse.grid_reader) ------------------------------------------
    cell_probe: float = 4.0
    """pt. A cell is placed in the column under a point this far inside its left (and right) edge,
    or its middle when narrower: a cell spanning a label and an amount column starts in the
    label column."""
    sums_max_columns: int = 4
    """Columns. Unnamed amount columns are named by the table's sums only when there are at most
    this many (the permutations to try grow fast)."""
    sums_min_rows: int = 2
    """Rows. The sums must be checked on at least this many rows ..."""
    sums_share: float = 0.9
    """... and hold on at least this share of them, and no other naming may do as well."""
    cut_tail_rows: int = 3
    """Rows. The first rows of a page (after its lead rows) where a short label without amounts is
    the tail of the last row of the page before, cut by the page break ..."""
    cut_tail_chars: int = 4
    """chars. ... when it is at most this long."""

    # -- confidence penalties (analysis.parse.grid_reader, kinds) ----------------------------------
    penalty_unnamed: float = 0.3
    """Amount columns without a name: at least this (such a table is not trusted alone with
    another issue) ..."""
    penalty_unnamed_share: float = 0.6
    """... or this times the share of the table's numbers in unnamed columns, if more."""
    penalty_keys_from_sums: float = 0.1
    """Columns named by the table's own sums rather than its header: a small doubt."""
    penalty_duplicate: float = 0.25
    """Two amount columns under one name: at least this ..."""
    penalty_duplicate_share: float = 0.4
    """... or this times the share of the table's numbers in such columns, if more."""
    penalty_unreadable: float = 0.05
    """Per cell that is neither a number, a blank nor a placeholder ..."""
    penalty_unreadable_max: float = 0.3
    """... at most this in all."""
    penalty_unlabelled: float = 0.1
    """Per row with amounts but no label or code (other than a total) ..."""
    penalty_unlabelled_max: float = 0.3
    """... at most this in all."""
    penalty_no_header: float = 0.3
    """A grid without header rows: its columns are named by content only."""
    penalty_continuation_columns: float = 0.3
    """A continuation grid whose columns do not line up with the table's header."""
    penalty_unplaced: float = 0.1
    """Per cell outside every header column ..."""
    penalty_unplaced_max: float = 0.3
    """... at most this in all."""
    penalty_no_amount_column: float = 0.5
    """A table without any amount column: nothing of it can be checked, so it is not trusted."""
    untitled_confidence: float = 0.5
    """The confidence of a table without a title whose kind is not known from its columns: below
    the checks' threshold, it is reported, not checked."""


READERS = ("pdfplumber", "pdfium")
"""The PDF readers there are (``ReaderSettings.reader``)."""

DEFAULT = ReaderSettings()

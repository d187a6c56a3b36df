"""Document-level mechanics of Perbup Batang 53/2023 shared by every reader.

Where each table starts (its caption) and which tab-separated lines it owns,
the heading path above a caption, width and numbering checks, and the value
cell reader. The table readers (``chapters``, ``plans``) and the narrative
lists (``narrative``) import from here; nothing here imports them, so the
package has no import cycle.
"""

from __future__ import annotations

import re

from rbdata._errors import ParseError
from rbdata.text.lines import Line, Report, clean, expect_next, pages
from rbdata.text.numbers import out_of_range, parse_cell

TABLE_CAPTIONS = {
    "Tabel 2.1": r"^Tabel 2\.1\.",
    "Tabel 2.2": r"^Tabel 2\.2\.",
    "Tabel 2.3": r"^Tabel 2\.3\.",
    "Tabel 2.4": r"^Tabel 2\.4\.",
    "Tabel 4.1": r"^Tabel 4\.1\.",
    "Tabel 4.2": r"^Tabel 4\.2\.",
    "Tabel 5.1": r"^Tabel 5\.1\.",
    "Tabel 5.2": r"^Tabel 5\.2\.",
    "Bab V SS1": r"^SASARAN STRATEGIS 1\b",
    "Bab V SS2": r"^SASARAN STRATEGIS 2\b",
    "Lampiran II": r"^RENCANA AKSI REFORMASI BIROKRASI GENERAL",
    "Lampiran III": r"^RENCANA AKSI REFORMASI BIROKRASI TEMATIK PENANGGULANGAN KEMISKINAN",
    "Lampiran IV": r"^RENCANA AKSI REFORMASI BIROKRASI TEMATIK PENINGKATAN INVESTASI",
}
# Every caption in one pattern, each its own group (they have none of their
# own): a line without a tab is tried once rather than against 13 patterns.
# No line can read as two captions.
_ANY_CAPTION = re.compile("|".join(f"({pattern})" for pattern in TABLE_CAPTIONS.values()))
_CAPTION_IDS = tuple(TABLE_CAPTIONS)
# Lines that end a table without starting another one.
_TABLE_END = re.compile(
    r"^(Sumber\s*:|BAB\s|Pj\.\s*BUPATI|Berdasarkan tabel|LAMPIRAN\s|\d+\.\d+\.\s|[AB]\.\s)"
)
_YEAR = re.compile(r"(19|20)\d\d")
_YEAR_RANGE = re.compile(r"\d{4}\s*-\s*\d{4}")
_CHAPTER_HEADING = re.compile(r"^(BAB\s+[IVX]+|LAMPIRAN\s+[IVX]+)\b")


class Document:
    """The lines of the document being read, where to report skipped lines,
    and the narrative lists once they are read (``statements``)."""

    def __init__(self, lines: list[Line], doc_id: str, report: Report, name: str):
        self.lines, self.doc_id, self.report, self.name = lines, doc_id, report, name
        self.statements: list[dict] = []

    def fail(self, line, expected, got=None):
        raise ParseError(self.name, line.no if isinstance(line, Line) else line, expected, got)


def table_blocks(ctx: Document) -> dict[str, tuple[Line, list[Line]]]:
    """Each table's caption line and the tab lines it owns."""
    found: dict[str, Line] = {}
    for line in ctx.lines:
        if line.has_tab:
            continue
        m = _ANY_CAPTION.match(line.text.strip())
        if m and m.lastindex:  # the number of the caption's group
            found.setdefault(_CAPTION_IDS[m.lastindex - 1], line)
    for table_id in TABLE_CAPTIONS:
        if table_id not in found:
            ctx.fail(len(ctx.lines), f"the caption of {table_id} ({TABLE_CAPTIONS[table_id].lstrip('^')})")
    starts = sorted((cap.no, t) for t, cap in found.items())
    blocks: dict[str, tuple[Line, list[Line]]] = {}
    owner = None
    start_of = dict(starts)
    for line in ctx.lines:
        if line.no in start_of:
            owner = start_of[line.no]
            blocks[owner] = (line, [])
            continue
        if not line.has_tab:
            # a chapter heading or a source note closes the table
            if owner and _TABLE_END.match(line.text.strip()) and blocks[owner][1]:
                owner = None
            continue
        if owner is None:
            ctx.report.add(line, None, "tab-separated line outside any table")
            continue
        if not any(line.cells):
            ctx.fail(line, f"a row with content in {owner}", "a row of empty cells")
        blocks[owner][1].append(line)
    if owner is not None:
        ctx.fail(
            ctx.lines[-1],
            f"the end of {owner} (a heading, source note or signature after its last row)",
            "the end of the document",
        )
    for table_id, (_, rows) in blocks.items():
        _check_page_widths(ctx, table_id, rows)
    return blocks


def _check_page_widths(ctx, table_id, rows):
    """The extraction gives every row of one page the same number of cells
    (pages are runs of consecutive tab lines). A row with a cell more or
    fewer than its page-mates lost or gained a cell."""
    for run in pages(rows):
        widths = [len(l.cells) for l in run]
        common = max(set(widths), key=lambda w: (widths.count(w), -widths.index(w)))
        for line in run:
            if len(line.cells) != common:
                ctx.fail(
                    line,
                    f"{common} cells like the other rows of this page of {table_id}",
                    f"{len(line.cells)} cells",
                )


def section_path(ctx: Document, caption: Line, *, above: int = 0) -> str:
    """Heading path: the nearest chapter heading ('BAB ...') above the caption,
    and the caption itself."""
    bab = None
    for line in reversed(ctx.lines[: caption.no - 1]):
        t = line.text.strip()
        if _CHAPTER_HEADING.match(t):
            bab = t
            break
    parts = [p for p in (bab, clean(caption.text)) if p]
    return " > ".join(parts)


def expect_width(ctx, line, width, table_id):
    """Fixed-layout tables: every row has as many cells as the header."""
    if len(line.cells) != width:
        ctx.fail(
            line, f"{width} cells as in the header of {table_id}", f"{len(line.cells)} cells: {line.text}"
        )


def expect_next_number(ctx, line, number, previous, what):
    return expect_next(ctx.name, line, number, previous, what)


def value_row(ctx, line, text, **kw) -> dict:
    c = parse_cell(text)
    if not c.ok:
        ctx.fail(line, "a value (number, '-', 'Level n', 'WTP' or 'n (label)')", text)
    wrong = out_of_range(c, kw.get("indicator"))
    if wrong:
        ctx.fail(line, f"{wrong} for {kw.get('indicator')!r}", text)
    row = dict(kw)
    row.update(value=c.value, value_text=text, value_label=c.label)
    if c.year:
        row["period"] = c.year
    return row


def header_periods(header_lines: list[Line]) -> dict[int, tuple[str, str]]:
    """Column index -> (kind, year) from one or two header lines.

    A column holds values when its header text (both header lines joined)
    names a year; it is a baseline when that text says 'Baseline'."""
    width = max(len(h.cells) for h in header_lines)
    out = {}
    for i in range(width):
        text = " ".join(h.cell(i) for h in header_lines)
        m = _YEAR.search(text)
        if m and not _YEAR_RANGE.search(text):
            out[i] = ("baseline" if "baseline" in text.lower() else "target", m.group(0))
    return out


# Rules of ``inferred`` (see the contract of targets.inferred): how a value
# not printed on its row's own line got there.
MERGED_CELL = "merged cell of line {}"
CARRIED = "carried from line {} (merged cell)"
OUTCOME_LEVEL = "outcome level of line {}"
GROUP_HEADING = "group heading of line {}"
SENTENCE = "sentence on line {}"
COORDINATOR_OF_ACTION = "coordinator of action on line {}"
EXECUTOR_OF_ACTION = "executor of action on line {}"
OF_ACTION = "action on line {}"
CONTINUED = "continued on line {}"
SECOND_SUB_ACTIVITY_ON = "second sub-activity on line {}"
PAIRED = "paired by position with line {}"
TARGET_YEAR = "year of the target on line {}"
REALIGNED = "realigned shifted row"
LOST_CELL = "cell lost in a shifted row"


def note_inferred(rec: dict, column: str, rule: str) -> None:
    """Note on row ``rec`` that ``column`` was supplied by ``rule`` rather than
    printed on the row's line (becomes the row's ``inferred`` column)."""
    rec.setdefault("_inferred", []).append((column, rule))

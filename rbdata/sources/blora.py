"""Parser of Perbup Blora 35/2020 (doc_id 'blora-2020').

Everything this parser reads lies in the annex (``LAMPIRAN``) of the
regulation:

* Bab I part D and Bab IV: the legal basis, and the lists on monitoring
  and evaluation -> ``statements``.
* Bab II, parts A, B and C: lists of achievements, stakeholder expectations
  and problems, each grouped by the three goals (sasaran) -> ``statements``.
* Bab III part A "Fokus Perubahan Reformasi Birokrasi": the table of the
  eight areas of change -> ``areas``; then the lists of the five priority
  groups -> ``statements``.
* Bab III part B "Target Indikator Kinerja": ten sub-tables of indicators
  with their 2020 and 2021 targets -> ``targets`` (table ids ``B.1.a`` ...
  ``B.4``).
* Bab III part C "Rencana Aksi Reformasi Birokrasi": one table, split by
  group headings (I-IV priority groups; A-C areas, goals or sectors), of
  indicators (-> ``targets``) and the numbered activities under each
  (-> ``actions`` and ``action_targets``); table ids ``C.I.A`` ... ``C.IV``.

Sections are found by their headings. Each part is then walked line by
line; a line that fits nowhere raises :class:`rbdata.ParseError` naming the
file, the line and what was expected there (often the next heading, which
is what is missing when a table runs on into the next one). Every
tab-separated line becomes (part of) a row or an entry of the report:
table headers, their repeats after page breaks, group headings and
wrapped continuation rows.

Rows are tied to their place by numbers, which are checked: areas run 1.,
2., ...; indicators 1, 2, ... per table; activities 1), 2), ... under their
indicator; group headings I, II, ... and A, B, ... under each. A row moved
out of place breaks a series and raises. The one place numbers cannot
tell (an activity next to an indicator without activities) is listed in
the report with a reason starting 'assumption:'.

Section C's indicators take their goal (``objective``) from the group
heading above them, and two activity rows are put back in place after the
extraction shifted them: both are noted in the rows' ``inferred`` column.
"""

from __future__ import annotations

import functools
import re

from rbdata._errors import ParseError
from rbdata.reference import area_of, read_reference
from rbdata.text.lines import Line, Report, clean, expect_next
from rbdata.text.numbers import out_of_range, parse_cell

__all__ = ["parse_lines"]

ANNEX = "LAMPIRAN"
A3_HEADING = "A. Fokus Perubahan Reformasi Birokrasi"
B_HEADING = "B. Target Indikator Kinerja"
C_HEADING = "C. Rencana Aksi Reformasi Birokrasi"
AREAS_TABLE = "Bab III.A"

# Bab III A: category of each priority group's list, by the number printed
# in its heading ("1" = group 1 and its sub-sections, "3.1" = sub-section).
BAB3_CATEGORIES = {
    "1": "priority_area",
    "2": "maintain",
    "3.1": "sector_priority",
    "3.2": "quick_win",
    "5": "agency_priority",
}
BAB2_CATEGORIES = {"A": "achievement", "B": "expectation", "C": "problem"}
# Headings that are items of a list themselves, by level ('1.' = 1, 'a)' = 3):
# the goals Bab II groups its items by, the five priority groups of Bab III A
# and the strategic sectors of its group 3.1.
BAB2_HEADINGS = {1: "goal_heading"}
BAB3_HEADINGS = {1: "priority_group", 3: "strategic_sector"}

_CHAPTER = re.compile(r"BAB\s+([IVX]+)")
_PART = re.compile(r"([A-Z])\.\s+(\S.*)")
_NO = re.compile(r"\d+\.?")  # indicator / area number: "1", "14."
_ACTIVITY = re.compile(r"(\d+\))\s*(.*)")  # "1) Penyusunan Formasi PNS"
_ROMAN = re.compile(r"([IVX]+)\.?")  # priority group: "I", "IV."
_LETTER = re.compile(r"([A-Z])\.?")  # area / goal / sector: "A", "B."
_YEAR = re.compile(r"(?:19|20)\d\d")
_H1 = re.compile(r"(\d+)\.?\s+(\S.*)")  # "1. Prioritas ...", "3 Prioritas ..."
_H2 = re.compile(r"(\d+)\.(\d+)\.?\s+(\S.*)")  # "2.1 Birokrasi ..."
_H3 = re.compile(r"([a-z])\)\s+(\S.*)")  # "a) Sektor Kesehatan"
_ITEM = re.compile(r"-\s*(?:([a-z]\)|\d+\))\s+)?(.*)")  # "- a) ...", "- ..."
_GOAL = re.compile(r"(?:Sasaran\s+)?(.+?)\s*(?:,?\s*antara lain)?\s*[:.]?")
_NON_DIGIT = re.compile(r"\D")
_HEADING_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)?\.?|[a-z]\))\s+")  # "1. ", "2.1 ", "a) "
_SMALL_WORDS = {"yang", "dan", "di", "ke", "dari", "untuk", "dengan", "atau", "serta"}
_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def parse_lines(lines: list[Line], doc_id: str, report: Report, name: str) -> dict[str, list[dict]]:
    """Read the tables and lists of the Blora road map.

    Parameters
    ----------
    lines : list of rbdata._tables.Line
        The document from :func:`rbdata._tables.split_lines` (1-based ``no``).
    doc_id : str
        ``'blora-2020'``.
    report : rbdata._tables.Report
        Receives every tab-separated line that is not a table row, with the
        reason (``header``, ``page-break header repeat``, ``group heading``,
        ``continuation of line N``).
    name : str
        File name used in error messages.

    Returns
    -------
    dict of str to list of dict
        Row dicts per table of ``rbdata._schema.TABLES``; the dispatcher
        fills the columns left out (agency, executor, direction, ids,
        total_kind) and applies the dtypes.

        - ``targets``: ``source_line`` (int, line of the indicator row),
          ``table_id`` (str, ``B.1.a`` ... ``B.4``, ``C.I.A`` ... ``C.IV``),
          ``section`` (str, heading path), ``indicator_no`` (str, as
          printed), ``objective`` (str, section C: area, goal or sector of
          the group; NA in section B and C.IV), ``indicator`` (str),
          ``unit`` (str, SATUAN), ``period`` (str, year from the header),
          ``kind`` (``'target'``), ``value`` (float, NaN for labels and
          ``-``; unit: the ``unit`` column), ``value_text`` (str, cell as
          printed), ``value_label`` (str or None), ``agency_text`` (str,
          section C's PERANGKAT DAERAH TERKAIT; None in section B),
          ``track`` (str, priority group, e.g. ``'I. Prioritas Pembenahan
          Manajemen Pemerintah Daerah'``). Two rows (2020, 2021) per row.
        - ``actions``: ``source_line``, ``table_id``, ``section``,
          ``action_id`` (str, ``<doc_id>:<table_id>:<source_line>``),
          ``action_no`` (str, ``'1)'``), ``track``, ``problem`` (None),
          ``parent_indicator`` (str), ``parent_source_line`` (int),
          ``action`` (str), ``output_unit`` (str), ``executor_text`` (str).
        - ``action_targets``: ``action_id``, ``source_line``, ``period``,
          ``value`` (float; unit: the action's ``output_unit``),
          ``value_text``, ``value_label``. Two rows per activity.
        - ``areas``: ``source_line``, ``table_id`` (``'Bab III.A'``),
          ``area_no`` (int), ``area`` (str, joined over the page break),
          ``expected_result`` (str), ``area_key``, ``area_en`` (str, from
          ``reference/areas.csv``; None while that file is absent).
        - ``statements``: ``source_line``, ``section``, ``category`` (str),
          ``goal`` (str or None), ``item_no`` (str or None, ``'a)'``),
          ``text`` (str, emphasis removed), ``item_level`` (int),
          ``list_id`` (str), ``parent_line`` (int or None), ``lead_in``,
          ``paragraph`` (str or None), ``end_line`` (int).

    Raises
    ------
    rbdata.ParseError
        Where a heading is missing or a line fits no table or list.
    """
    annex = _find(lines, 0, len(lines), ANNEX)
    if annex is None:
        raise ParseError(
            name, lines[-1].no if lines else 1, f"the annex heading {ANNEX!r}", "the end of the document"
        )
    chapters = _chapters(lines, annex, name)
    out: dict[str, list[dict]] = {
        "targets": [],
        "actions": [],
        "action_targets": [],
        "areas": [],
        "statements": [],
    }

    out["statements"] += _chapter_lists(lines, chapters, "I", BAB1_LISTS, name, doc_id)
    lo2, hi2 = chapters["II"]
    parts = _parts(lines, lo2, hi2, name)
    for letter, category in BAB2_CATEGORIES.items():
        if letter not in parts:
            raise ParseError(
                name,
                lines[lo2].no,
                f"a part headed '{letter}. ...' (the {category} lists) under this chapter heading",
            )
        lo, hi, heading = parts[letter]
        out["statements"] += _statements(
            lines, lo, hi, ["Bab II", heading], {"": category}, None, name, BAB2_HEADINGS, doc_id
        )

    lo3, hi3 = chapters["III"]
    a = _find(lines, lo3, hi3, A3_HEADING)
    if a is None:
        raise ParseError(name, lines[lo3].no, f"the heading {A3_HEADING!r} under this chapter heading")
    b = _find(lines, a, hi3, B_HEADING)
    c = _find(lines, b if b is not None else a, hi3, C_HEADING)
    a_end = next(i for i in (b, c, hi3) if i is not None)
    b_end = c if c is not None else hi3

    span = _areas_block(lines, a + 1, a_end, name)
    out["areas"] = _areas(lines, span, report, name)
    base = ["Bab III", _plain(lines[a].text)]
    # the lists start where the areas table ends (the walker starts after lo)
    out["statements"] += _statements(
        lines, span[1] - 1, a_end, base, BAB3_CATEGORIES, B_HEADING, name, BAB3_HEADINGS, doc_id
    )

    tracks = _track_names(lines, c, hi3) if c is not None else {}
    if b is not None:
        out["targets"] += _section_b(lines, b, b_end, tracks, report, name)
    if c is not None:
        targets, actions, action_targets = _section_c(lines, c, hi3, tracks, report, doc_id, name)
        out["targets"] += targets
        out["actions"] += actions
        out["action_targets"] += action_targets
    for heading, found in ((B_HEADING, b), (C_HEADING, c)):
        if found is None:  # only reached when no table line ran on without it
            raise ParseError(
                name,
                lines[hi3].no if hi3 < len(lines) else lines[-1].no,
                f"the heading {heading!r} before this line",
            )

    out["statements"] += _chapter_lists(lines, chapters, "IV", BAB4_LISTS, name, doc_id)

    # tab lines outside the parts read above (none in the regulation as
    # published) are listed, not dropped
    used = {r["source_line"] for rows in out.values() for r in rows} | {r["source_line"] for r in report.rows}
    for ln in lines:
        if ln.has_tab and ln.no not in used:
            report.add(ln, None, "outside the tables of the road map")
    return out


# ---------------------------------------------------------------- locating


def _plain(text: str) -> str:
    """Text of a line without markdown emphasis (``*Quick Wins*``)."""
    return clean(text.replace("*", ""))


def _find(lines, lo, hi, heading) -> int | None:
    """Index of the first non-tab line in ``lines[lo:hi]`` reading ``heading``."""
    want = heading.casefold()
    for i in range(lo, hi):
        if not lines[i].has_tab and _plain(lines[i].text).casefold() == want:
            return i
    return None


def _chapters(lines, annex, name) -> dict[str, tuple[int, int]]:
    """Index ranges ``[heading, next chapter heading)`` of the annex chapters."""
    starts = [
        (m.group(1), i)
        for i in range(annex, len(lines))
        if not lines[i].has_tab and (m := _CHAPTER.fullmatch(_plain(lines[i].text)))
    ]
    spans = {}
    for k, (roman, i) in enumerate(starts):
        spans[roman] = (i, starts[k + 1][1] if k + 1 < len(starts) else len(lines))
    # BAB IV closes the action plan: without it the document was cut short
    for roman in ("II", "III", "IV"):
        if roman not in spans:
            raise ParseError(
                name,
                lines[-1].no,
                f"the chapter heading 'BAB {roman}' in the annex (after line {lines[annex].no})",
                "the end of the document",
            )
    return spans


def _parts(lines, lo, hi, name) -> dict[str, tuple[int, int, str]]:
    """Parts ``A.``, ``B.``, ... of a chapter: letter -> (start, end, heading)."""
    starts = [
        (m.group(1), i)
        for i in range(lo + 1, hi)
        if not lines[i].has_tab and (m := _PART.fullmatch(_plain(lines[i].text)))
    ]
    if not starts:
        raise ParseError(name, lines[lo].no, "parts headed 'A. ...', 'B. ...' under this chapter heading")
    ends = [i for _, i in starts[1:]] + [hi]
    return {letter: (i, end, _plain(lines[i].text)) for (letter, i), end in zip(starts, ends)}


def _title(text: str) -> str:
    """'PRIORITAS YANG HARUS TERUS DIPELIHARA' -> 'Prioritas yang Harus Terus Dipelihara'."""
    words = text.split()
    return " ".join(
        w.lower() if k and w.lower() in _SMALL_WORDS else w[:1].upper() + w[1:].lower()
        for k, w in enumerate(words)
    )


def _track_names(lines, lo, hi) -> dict[str, str]:
    """Priority group numeral -> track name, from section C's group headings.

    The name is the numeral and the heading in title case ('I. Prioritas
    Pembenahan Manajemen Pemerintah Daerah'); where reference/tracks.csv
    lists a track starting with the same numeral, its spelling wins.
    """
    names = {}
    for ln in lines[lo:hi]:
        m = _ROMAN.fullmatch(ln.cell(0)) if ln.has_tab else None
        if m and ln.cell(1) and not any(ln.cells[2:]):
            names[m.group(1)] = f"{m.group(1)}. {_title(ln.cell(1))}"
    try:
        listed = [r.get("track", "") for r in read_reference("tracks")]
    except FileNotFoundError:
        listed = []
    for roman in names:
        names[roman] = next((t for t in listed if t.startswith(roman + ". ")), names[roman])
    return names


# ---------------------------------------------------------------- helpers


def _is_header_start(line: Line) -> bool:
    return line.cell(0).rstrip(".") == "NO"


def _is_header_repeat(line: Line, header: tuple[Line, ...]) -> bool:
    """Whether ``line`` repeats one line of a table's header (page break)."""
    return any(line.cells == h.cells for h in header)


def _periods(header: tuple[Line, ...], name) -> list[str]:
    """The years printed in a two-line header ('TAHUN 2020', '2021')."""
    years = _YEAR.findall(" ".join(header[-1].cells))
    if len(header) < 2 or len(years) < 2:
        raise ParseError(
            name,
            header[-1].no,
            "a second header line naming the target years (2020, 2021)",
            " | ".join(header[-1].cells),
        )
    return years


def _row_cells(line: Line, n: int, what: str, name) -> list[str]:
    """The first ``n`` cells of a row; more non-empty cells or fewer cells raise."""
    cells = list(line.cells)
    if len(cells) < n or any(cells[n:]) or not cells[1]:
        raise ParseError(name, line.no, f"a row of {n} cells ({what})", " | ".join(cells))
    return cells[:n]


def _value(text: str, line: Line, name, indicator: str | None = None):
    cell = parse_cell(text)
    if not cell.ok:
        raise ParseError(name, line.no, "a target value (number, '-' or label)", text)
    wrong = out_of_range(cell, indicator)
    if wrong:
        raise ParseError(name, line.no, wrong + (f" for {indicator!r}" if indicator else ""), text)
    return cell


def _values(line, cells, periods, name, indicator: str | None = None) -> list[dict]:
    """One value per period; ``indicator`` names the indicator the values
    are targets of (None for an activity's outputs)."""
    out = []
    for period, text in zip(periods, cells):
        cell = _value(text, line, name, indicator)
        out.append(
            {"period": period, "value": cell.value, "value_text": text or None, "value_label": cell.label}
        )
    return out


def _tidy(text: str) -> str:
    """Undo spaces left where inline markup was cut out: '( right sizing )'."""
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\s+\)", ")", text)
    return re.sub(r"\s+,", ",", text)


# every item of a list asks about each heading above it: 339 calls, 26 headings
@functools.lru_cache(maxsize=1024)
def _goal_name(heading: str) -> str | None:
    """The goal, area or sector a list heading names; None for other headings.

    Goals are spelled alike in every chapter ('Birokrasi yang Bersih dan
    Akuntabel'); areas and sectors are kept as printed.
    """
    m = _GOAL.fullmatch(heading)
    text = m.group(1) if m else heading  # (the pattern matches any text)
    if text.lower().startswith("birokrasi "):
        return _title(text)
    if text.startswith(("Area ", "Sektor ")):
        return text
    return None


# ---------------------------------------------------------------- Bab III A: areas


def _areas_block(lines, lo, hi, name) -> tuple[int, int]:
    """Index range of the areas table: the first run of tab and blank lines."""
    start = next((i for i in range(lo, hi) if lines[i].has_tab), None)
    if start is None:
        raise ParseError(
            name,
            lines[lo - 1].no,
            "the table of areas (NO. | AREA | HASIL YANG DIHARAPKAN) under this heading",
        )
    end = start
    while end < hi and (lines[end].has_tab or not lines[end].text.strip()):
        end += 1
    return start, end


def _areas(lines, span, report, name) -> list[dict]:
    header: tuple[Line, ...] | None = None
    rows: list[dict] = []
    number = None
    after_break = False  # the line follows a page break (a blank line or a header repeat)
    for ln in lines[span[0] : span[1]]:
        if not ln.has_tab:
            after_break = True
            continue
        if header is None:
            header = (ln,)
            if not _is_header_start(ln):
                raise ParseError(
                    name, ln.no, "the header of the areas table (NO. | AREA | HASIL YANG DIHARAPKAN)", ln.text
                )
            report.add(ln, AREAS_TABLE, "header")
            continue
        if _is_header_repeat(ln, header):
            report.add(ln, AREAS_TABLE, "page-break header repeat")
            after_break = True
            continue
        no, area, result = _row_cells(ln, 3, "NO., AREA, HASIL YANG DIHARAPKAN", name)
        continues = after_break
        after_break = False
        if _NO.fullmatch(no):
            # areas are numbered 1., 2., ...: a row out of order was moved
            number = expect_next(name, ln, _number(no), number, "area number")
            rows.append(
                {
                    "source_line": ln.no,
                    "table_id": AREAS_TABLE,
                    "area_no": int(no.rstrip(".")),
                    "area": area,
                    "expected_result": result,
                }
            )
        elif not no and rows and continues:
            # an empty number cell: the row above wrapped over a page break (the
            # extraction splits a cell between two rows only there)
            prev = rows[-1]
            prev["area"] = f"{prev['area']} {area}".strip()
            prev["expected_result"] = f"{prev['expected_result']} {result}".strip()
            for column, text in (("area", area), ("expected_result", result)):
                if text:
                    prev.setdefault("_inferred", []).append((column, CONTINUED.format(ln.no)))
            report.add(ln, AREAS_TABLE, f"continuation of line {prev['source_line']}")
        else:
            raise ParseError(
                name,
                ln.no,
                "an area row numbered '1.', or after a page break the continuation of the row above",
                ln.text,
            )
    for r in rows:
        r["expected_result"] = _tidy(r["expected_result"])
        r["area_key"], r["area_en"] = area_of(r["area"])
    return rows


# ---------------------------------------------------------------- narrative lists


def _statements(
    lines, lo, hi, base, categories, next_heading, name, heading_categories, doc_id
) -> list[dict]:
    """Lists between ``lines[lo]`` (a heading) and ``lines[hi]``.

    Items are dash lines ('- a) ...', '- 1) ...', '- ...'). Headings '1. ...',
    '1.1 ...' and 'a) ...' (without a dash) give the section path, the goal
    (a heading naming a goal, area or sector) and the category of the items
    below (``categories`` keyed by '1.1', '1' or ''). A heading numbered
    '1.' or lettered 'a)' is itself an item of a list (the goals of Bab II,
    the priority groups and strategic sectors of Bab III), of the category
    ``heading_categories`` gives for its level (1 or 3); the running text
    under it, up to the next heading, is its paragraph.
    """
    out: list[dict] = []
    # (number, heading as printed, its line) per level
    heads: list[tuple[str, str, int] | None] = [None, None, None]
    head_rows: list[dict | None] = [None, None, None]  # the row of a heading that is an item
    lists: dict[int, dict] = {}
    external = False
    paragraph_of: dict | None = None  # the heading item whose explanation is being read
    ongoing: tuple[dict, str] | None = None  # where the text of the line read last went
    text_before: str | None = None  # running text read since the last heading or item
    # a number out of turn is most often the first heading of the next part, its own heading lost
    out_of_turn = (
        f"the heading {next_heading!r} before this line, or " if next_heading else ""
    ) + "list item"
    out_of_turn += " numbered"
    for ln in lines[lo + 1 : hi]:
        if ln.has_tab:
            expected = "a list item or heading" + (
                f", or the heading {next_heading!r}" if next_heading else ""
            )
            raise ParseError(name, ln.no, expected, " | ".join(ln.cells))
        text = _plain(ln.text)
        if not text:
            continue
        item = _ITEM.fullmatch(text) if text.startswith("-") else None
        if item:
            row = _statement(ln, item, heads, external, base, categories, name)
            parent = head_rows[2] or head_rows[0]
            lead_in = _lead_in(text_before, paragraph_of, parent)
            _place(lists, row, parent, lead_in, doc_id, name, ln, out_of_turn)
            out.append(row)
            ongoing, text_before = (row, "text"), None
            continue
        level = None
        if m := _H2.fullmatch(text):
            heads[1:], head_rows[1:] = [(f"{m.group(1)}.{m.group(2)}", text, ln.no), None], [None, None]
            _close_lists(lists, 1)  # a new section of the item of level 1: its lists start anew
            paragraph_of = None
        elif m := _H3.fullmatch(text):
            heads[2], level = (m.group(1), text, ln.no), 3
        elif m := _H1.fullmatch(text):
            heads, head_rows, level = [(m.group(1), text, ln.no), None, None], [None, None, None], 1
        elif text[0].islower() and ongoing is not None:
            # a line wrapped onto a line of its own (an item or a sentence never starts in lower case)
            row, column = ongoing
            row[column] += " " + text
            row["end_line"] = ln.no
            if column == "text":
                # a paragraph spans its lines by definition (source_line to end_line): not noted
                row.setdefault("_inferred", []).append(("text", CONTINUED.format(ln.no)))
            if text_before is not None:
                text_before += " " + text
            continue
        elif "eksternal" in text.lower():
            # the paragraph announcing the external stakeholders' expectations:
            # that list belongs to no goal
            external, heads, head_rows = True, [None, None, None], [None, None, None]
            _close_lists(lists, 0)
            paragraph_of, ongoing, text_before = None, None, text
            continue
        else:
            # running text: the explanation of the heading item above, and
            # what introduces the next list
            if paragraph_of is not None:
                paragraph_of["paragraph"] = " ".join(filter(None, (paragraph_of["paragraph"], text)))
                paragraph_of["end_line"] = ln.no
                ongoing = (paragraph_of, "paragraph")
            else:
                ongoing = None
            text_before = text
            continue
        if level is not None:
            category = heading_categories.get(level)
            if category is None:
                raise ParseError(
                    name, ln.no, "a list item '- a) ...' or a heading numbered '1.' or '1.1'", text
                )
            row = _heading_item(ln, text, heads, level, base, category)
            parent = head_rows[0] if level == 3 else None
            lead_in = _lead_in(text_before, paragraph_of, parent)
            _place(lists, row, parent, lead_in, doc_id, name, ln, out_of_turn)
            head_rows[level - 1] = row
            out.append(row)
            paragraph_of, ongoing = row, (row, "text")
        text_before = None
    return out


def _lead_in(text_before, paragraph_of, parent) -> str | None:
    """The running text that introduces a list, if the text read since the
    last item does: the explanation of a heading item introduces the lists
    nested in it, not the item that follows it in its own list."""
    if text_before is None or paragraph_of is None:
        return text_before
    return text_before if parent is not None and parent["item_level"] >= paragraph_of["item_level"] else None


def _close_lists(lists: dict[int, dict], level: int) -> None:
    """Close the open lists deeper than ``level``."""
    for k in [k for k in lists if k > level]:
        del lists[k]


def _place(lists, row, parent, lead_in, doc_id, name, ln, expected="list item numbered") -> None:
    """Put ``row`` into its printed list: set its level, parent, list id and lead-in.

    ``lists`` holds the open list of each item level. Items of one level
    under the same parent item form one list, until running text introduces
    a new one (``lead_in``) or a heading below the parent closes it ('1.1
    Area ...' starts new lists under priority group 1). Numbered and
    lettered items run 1, 2, 3 ... / a, b, c ... within their list
    (``expected`` says what a number out of turn should have been).
    """
    level = parent["item_level"] + 1 if parent else 1
    _close_lists(lists, level)
    open_list = lists.get(level)
    if open_list is None or open_list["parent"] is not parent or lead_in is not None:
        open_list = {
            "parent": parent,
            "id": f"{doc_id}:{row['source_line']}",
            "lead_in": lead_in,
            "number": None,
        }
        lists[level] = open_list
    row["item_level"] = level
    row["parent_line"] = parent["source_line"] if parent else None
    row["list_id"], row["lead_in"] = open_list["id"], open_list["lead_in"]
    if row["item_no"] is not None:
        open_list["number"] = expect_next(
            name, ln, _marker_number(row["item_no"]), open_list["number"], expected
        )


def _marker_number(mark: str) -> int:
    """1 from '1.', '1)' or 'a)'."""
    digits = _NON_DIGIT.sub("", mark)
    return int(digits) if digits else ord(mark[0]) - ord("a") + 1


def _path(heads, base) -> tuple[list[str], str | None, int | None]:
    """Section path, goal and the goal's line given by the headings ``heads`` above an item."""
    goal, goal_line, path = None, None, list(base)
    for head in heads:
        if head is None:
            continue
        bare = _HEADING_NUMBER.sub("", head[1])
        g = _goal_name(bare)
        if g is None:
            path.append(head[1])
        else:
            goal, goal_line = g, head[2]
    return path, goal, goal_line


def _heading_item(ln, text, heads, level, base, category) -> dict:
    """The row of a heading that is an item: '1. Sasaran Birokrasi ...', 'a) Sektor Kesehatan'."""
    mark, body = text.split(None, 1)
    path, _, _ = _path(heads[: level - 1], base)
    return {
        "source_line": ln.no,
        "section": " > ".join(path),
        "category": category,
        "goal": _goal_name(body),
        "item_no": mark,
        "text": body,
        "paragraph": None,
        "end_line": ln.no,
    }


def _statement(ln, item, heads, external, base, categories, name) -> dict:
    numbered = [h for h in heads[:2] if h]
    keys = [h[0] for h in reversed(numbered)] + [""]
    category = next((categories[k] for k in keys if k in categories), None)
    if category is None:
        raise ParseError(
            name,
            ln.no,
            f"list items only under the headings numbered {', '.join(sorted(categories))}",
            ln.text,
        )
    item_no, text = item.group(1), item.group(2)
    if category == "quick_win" and item_no is None:
        category = "quick_win_criterion"  # the unlettered list before the quick wins gives their criteria
    if external:
        category += "_external"
    path, goal, goal_line = _path(heads, base)
    row = {
        "source_line": ln.no,
        "section": " > ".join(path),
        "category": category,
        "goal": goal,
        "item_no": item_no,
        "text": text,
        "paragraph": None,
        "end_line": ln.no,
    }
    if goal is not None:
        row["_inferred"] = [("goal", GROUP_HEADING.format(goal_line))]
    return row


#: Bab I part D and the parts of Bab IV: the category of their numbered lists.
BAB1_LISTS = {"D": "legal_basis"}
BAB4_LISTS = {
    "A": "legal_basis",
    "B": "monitoring_output",
    "C": "monitoring_activity",
    "D": "monitoring_mechanism",
}
_NUMBERED = re.compile(r"(\d+\.)\s+(\S.*)")  # "1. Peraturan Presiden ..."


def _chapter_lists(lines, chapters, roman, parts_lists, name, doc_id) -> list[dict]:
    """The numbered lists of the parts of chapter ``roman`` named in ``parts_lists``."""
    if roman not in chapters:
        raise ParseError(name, lines[-1].no, f"the chapter heading 'BAB {roman}' in the annex")
    lo, hi = chapters[roman]
    parts = _parts(lines, lo, hi, name)
    out: list[dict] = []
    for letter, category in parts_lists.items():
        if letter not in parts:
            raise ParseError(
                name,
                lines[lo].no,
                f"a part headed '{letter}. ...' (the {category} list) under this chapter heading",
            )
        start, end, heading = parts[letter]
        out += _numbered_lists(lines, start, end, [f"Bab {roman}", heading], category, name, doc_id)
    return out


def _numbered_lists(lines, lo, hi, base, category, name, doc_id) -> list[dict]:
    """Lists numbered '1.', '2.', ... between ``lines[lo]`` (a part heading) and
    ``lines[hi]``: a line of running text ends a list and introduces the next."""
    out: list[dict] = []
    lists: dict[int, dict] = {}
    text_before: str | None = None
    for ln in lines[lo + 1 : hi]:
        if ln.has_tab:
            raise ParseError(
                name, ln.no, f"a numbered item ('1. ...') of the {category} list", " | ".join(ln.cells)
            )
        text = _plain(ln.text)
        if not text:
            continue
        m = _NUMBERED.fullmatch(text)
        if m is None and out and text[0].islower() and text_before is None:
            out[-1]["text"] += " " + text  # an item wrapped onto a line of its own
            out[-1]["end_line"] = ln.no
            out[-1].setdefault("_inferred", []).append(("text", CONTINUED.format(ln.no)))
            continue
        if m is None:
            text_before = text
            continue
        row = {
            "source_line": ln.no,
            "section": " > ".join(base),
            "category": category,
            "goal": None,
            "item_no": m.group(1),
            "text": m.group(2),
            "paragraph": None,
            "end_line": ln.no,
        }
        _place(lists, row, None, text_before, doc_id, name, ln)
        out.append(row)
        text_before = None
    return out


# ---------------------------------------------------------------- Bab III B


def _section_b(lines, lo, hi, tracks, report, name) -> list[dict]:
    """Sub-tables of 'B. Target Indikator Kinerja' -> target rows."""
    rows: list[dict] = []
    path = [_plain(lines[lo].text)]
    group: str | None = None
    letter: str | None = None
    header: tuple[Line, ...] | None = None
    periods: list[str] = []
    last_no: int | None = None
    has_rows = False  # whether the current sub-table has rows yet
    unexpected = f"a heading, header or row of section {B_HEADING!r}, or the heading {C_HEADING!r}"
    for i in range(lo + 1, hi):
        ln = lines[i]
        table_id = f"B.{group}" + (f".{letter}" if letter else "")
        if not ln.has_tab:
            text = _plain(ln.text)
            if not text:
                continue
            if (m := _H3.fullmatch(text)) and group:
                letter, path[2:] = m.group(1), [text]
            elif m := _H1.fullmatch(text):
                group, letter, path[1:] = m.group(1), None, [text]
            else:
                raise ParseError(name, ln.no, unexpected, ln.text)
            has_rows, last_no = False, None
            continue
        if header is None and _is_header_start(ln) and group:
            header = (ln, lines[i + 1]) if i + 1 < hi else (ln,)
            periods = _periods(header, name)
        if header and _is_header_repeat(ln, header):
            report.add(ln, table_id, "page-break header repeat" if has_rows else "header")
            continue
        if header is None or group is None or not _NO.fullmatch(ln.cell(0)):
            raise ParseError(name, ln.no, unexpected, " | ".join(ln.cells))
        no, indicator, unit, *vals = _row_cells(
            ln, 3 + len(periods), "NO, INDIKATOR KEBERHASILAN, SATUAN, one target per year", name
        )
        last_no = expect_next(name, ln, _number(no), last_no, f"indicator number in {table_id}")
        has_rows = True
        roman = _ROMANS[int(group) - 1] if 0 < int(group) <= len(_ROMANS) else group
        for v in _values(ln, vals, periods, name, indicator):
            rows.append(
                {
                    "source_line": ln.no,
                    "table_id": table_id,
                    "section": " > ".join(path),
                    "indicator_no": no,
                    "indicator": indicator,
                    "unit": unit or None,
                    "kind": "target",
                    "agency_text": None,
                    "track": tracks.get(roman),
                    **v,
                }
            )
    return rows


# ---------------------------------------------------------------- Bab III C


def _section_c(lines, lo, hi, tracks, report, doc_id, name):
    """'C. Rencana Aksi Reformasi Birokrasi' -> targets, actions, action_targets."""
    targets, actions, action_targets = [], [], []
    path = [_plain(lines[lo].text)]
    roman = letter = header = periods = parent = last_no = None
    objective = objective_line = None
    unexpected = (
        "a group heading, indicator or activity row of the action plan, or the chapter heading 'BAB IV'"
    )
    for i in range(lo + 1, hi):
        ln = lines[i]
        table_id = "C" + (f".{roman}" if roman else "") + (f".{letter}" if letter else "")
        if not ln.has_tab:
            if ln.text.strip():
                raise ParseError(name, ln.no, unexpected, ln.text)
            continue
        if header is None:
            if not _is_header_start(ln):
                raise ParseError(
                    name,
                    ln.no,
                    "the header of the action-plan table (NO. | INDIKATOR KEBERHASILAN / KEGIATAN | ...)",
                    " | ".join(ln.cells),
                )
            header = (ln, lines[i + 1]) if i + 1 < hi else (ln,)
            periods = _periods(header, name)
            ncols = 4 + len(periods)  # NO., text, SATUAN, one column per year, PERANGKAT DAERAH TERKAIT
        if _is_header_repeat(ln, header):
            report.add(
                ln, table_id, "header" if ln.no - header[0].no < len(header) else "page-break header repeat"
            )
            continue
        cells = ln.cells
        group = _group_heading(cells)
        if group:
            # groups run I, II, III ... and A, B, C ... under each: a heading out
            # of turn was moved (and would carry the rows below it into its group)
            if _ROMAN.fullmatch(cells[0]):
                _expect_group(name, ln, group, _next_roman(roman), "the priority group heading")
                roman, letter, path[1:] = group, None, [f"{cells[0]} {cells[1]}"]
                objective = None
            elif roman:
                want = chr(ord(letter) + 1) if letter else "A"
                _expect_group(name, ln, group, want, f"under priority group {roman} the group heading")
                letter, path[2:] = group, [f"{cells[0]} {cells[1]}"]
                objective = _goal_name(cells[1]) or cells[1]  # goals spelled as in Bab II and III A
                objective_line = ln.no
            else:
                raise ParseError(
                    name,
                    ln.no,
                    "a priority group heading (I, II, ...) before this group heading",
                    " | ".join(cells),
                )
            parent = last_no = None
            report.add(ln, "C" + f".{roman}" + (f".{letter}" if letter else ""), "group heading")
            continue
        shifted = _ACTIVITY.fullmatch(cells[0]) and len(cells) == ncols and not cells[-1]
        if shifted:
            # the extraction shifted this activity row one cell to the left
            # (its empty number cell was lost): put it back in place
            cells = ("",) + cells[:-1]
            ln = Line(ln.no, ln.text, cells)
        no, text, unit, *rest = _row_cells(
            ln,
            ncols,
            "NO., INDIKATOR KEBERHASILAN / KEGIATAN, SATUAN, one target per year, PERANGKAT DAERAH TERKAIT",
            name,
        )
        vals, agency = rest[:-1], rest[-1] or None
        if roman is None:
            raise ParseError(
                name, ln.no, "a priority group heading (I, II, ...) before the first row", " | ".join(cells)
            )
        section, track = " > ".join(path), tracks.get(roman)
        if _NO.fullmatch(no):
            last_no = expect_next(name, ln, _number(no), last_no, f"indicator number in {table_id}")
            parent = {"source_line": ln.no, "indicator": text, "last": None}
            # the goal is the group heading's, not a cell of the row
            inferred = [("objective", GROUP_HEADING.format(objective_line))] if objective else []
            for v in _values(ln, vals, periods, name, text):
                targets.append(
                    {
                        "source_line": ln.no,
                        "table_id": table_id,
                        "section": section,
                        "indicator_no": no,
                        "objective": objective,
                        "indicator": text,
                        "unit": unit or None,
                        "kind": "target",
                        "agency_text": agency,
                        "track": track,
                        "_inferred": inferred,
                        **v,
                    }
                )
            continue
        m = _ACTIVITY.fullmatch(text) if not no else None
        if m is None:
            raise ParseError(name, ln.no, unexpected, " | ".join(cells))
        if parent is None:
            raise ParseError(
                name,
                ln.no,
                f"an indicator row (numbered '1.') before the first activity of {table_id}",
                " | ".join(cells),
            )
        parent["last"] = expect_next(
            name,
            ln,
            _number(m.group(1)),
            parent["last"],
            f"activity number under line {parent['source_line']}:",
        )
        action_id = f"{doc_id}:{table_id}:{ln.no}"
        actions.append(
            {
                "source_line": ln.no,
                "table_id": table_id,
                "section": section,
                "action_id": action_id,
                "action_no": m.group(1),
                "track": track,
                "problem": None,
                "parent_indicator": parent["indicator"],
                "parent_source_line": parent["source_line"],
                "action": m.group(2),
                "output_unit": unit or None,
                "executor_text": agency,
                "_inferred": [
                    (column, REALIGNED)
                    for column, value in (
                        ("action_no", m.group(1)),
                        ("action", m.group(2)),
                        ("output_unit", unit),
                        ("executor_text", agency),
                    )
                    if shifted and value
                ],
            }
        )
        at_inferred = [("value", REALIGNED)] if shifted else []
        for v in _values(ln, vals, periods, name):
            action_targets.append(
                {"action_id": action_id, "source_line": ln.no, "_inferred": at_inferred, **v}
            )
    _report_unverifiable_activities(lines, targets, actions, report)
    return targets, actions, action_targets


#: Rules of ``inferred`` (see the contract of targets.inferred): a target's goal
#: taken from its group heading, the cells of a row put back in place, and
#: text joined from the line it wrapped onto.
GROUP_HEADING = "group heading of line {}"
REALIGNED = "realigned shifted row"
CONTINUED = "continued on line {}"

#: Reason in the parse report for an activity whose indicator rests on position alone.
LONE_ACTIVITY = (
    "assumption: activity of the indicator row above it (the indicator next to them has no "
    "activities, so the numbering cannot tell which of the two it belongs to)"
)


def _report_unverifiable_activities(lines, targets, actions, report) -> None:
    """Activities are numbered 1), 2) ... under their indicator, so one moved
    to another indicator breaks the numbering, except where an indicator has
    no activities: the only activity of the indicator next to it could
    belong to either (moving it keeps both numberings intact). Such
    activities are listed in the report."""
    count: dict[int, int] = {}
    for a in actions:
        count[a["parent_source_line"]] = count.get(a["parent_source_line"], 0) + 1
    indicators = {t["source_line"] for t in targets}
    bare = indicators - set(count)
    for a in actions:
        parent = a["parent_source_line"]
        if count[parent] == 1 and (parent - 1 in bare or a["source_line"] + 1 in bare):
            report.add(lines[a["source_line"] - 1], a["table_id"], LONE_ACTIVITY)


def _next_roman(roman: str | None) -> str:
    """'I' after no group, 'II' after 'I', ..."""
    if roman is None:
        return _ROMANS[0]
    k = _ROMANS.index(roman) + 1 if roman in _ROMANS else len(_ROMANS)
    return _ROMANS[k] if k < len(_ROMANS) else f"(the one after {roman})"


def _expect_group(name: str, line: Line, group: str, expected: str, what: str) -> None:
    """A group heading must be the next of its series; raise :class:`ParseError` otherwise."""
    if group != expected:
        raise ParseError(name, line.no, f"{what} {expected} (headings run in turn)", " | ".join(line.cells))


def _number(text: str) -> int:
    """1 from '1', '1.' or '1)'."""
    return int(_NON_DIGIT.sub("", text))


def _group_heading(cells) -> str | None:
    """'I' / 'IV.' / 'A' / 'B.' of a group heading row (text, no values), else None."""
    m = _ROMAN.fullmatch(cells[0]) or _LETTER.fullmatch(cells[0])
    if m and len(cells) > 1 and cells[1] and not any(cells[2:]):
        return m.group(1)
    return None

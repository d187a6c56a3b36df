"""Narrative lists of Perbup Batang 53/2023: every list of the road map (Lampiran I).

Each list is found by the heading of the section it sits in and read item
by item. Where a section holds more than one list (3.1, the opening of
Bab IV), the words of the sentence introducing each list tell them apart.

An item is a line starting with its number ('1)', '1).', '1.', often after
the extraction's bullet '- '); a line starting with a letter ('a.') is an
item of a list nested in the item above. What follows an item depends on the
list: in the lists of explained headings (the strategic issues, the
achievements, the purposes of the sharpening) the running text up to the
next item is the item's paragraph, and text after a nested list goes on with
the paragraph of the item the nested list belongs to; in the other lists the
first line of running text ends the list. A line starting in lower case
continues the line above it (a sentence cut by a page break).

The regulation before the annex (consideranda, legal citations, articles)
holds lists too; they are legal form, not the road map, and are listed with
their reasons in ``reference/statement_exclusions.csv``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rbdata._errors import ParseError
from rbdata.sources.batang.document import CONTINUED, GROUP_HEADING, Document, note_inferred
from rbdata.text.lines import Line, clean, expect_next


class ListSpec(NamedTuple):
    """Where one list is and how its items read (a named tuple: unchangeable,
    and made at import in about a fifth of the time a frozen dataclass takes)."""

    chapter: str  # roman numeral of the chapter (BAB) the list is in
    heading: str  # regex of the heading of its section (matched at the start of the line)
    category: str
    # regex of the sentence introducing the list, where its section holds several lists
    lead_in: str | None = None
    # running text between items is the item's paragraph (else it ends the list)
    paragraphs: bool = False
    # how an item line holding its heading and its explanation is split:
    # 'repeat' (the explanation opens with the heading's first word) or
    # 'sentence' (the heading is the first sentence)
    split: str | None = None
    # read even from a text that does not hold the whole chapter: the
    # General action plan matches its problems against the strategic issues
    needed: bool = False


LISTS = (
    ListSpec("I", r"1\.1\.\s+Latar Belakang", "sharpening_aspect"),
    ListSpec("I", r"1\.2\.\s+Tujuan Penajaman", "sharpening_purpose", paragraphs=True),
    ListSpec(
        "I",
        r"1\.3\.1\.\s+Isu Strategis di Tingkat Hulu",
        "upstream_issue",
        paragraphs=True,
        split="repeat",
        needed=True,
    ),
    ListSpec(
        "I",
        r"1\.3\.2\.\s+Isu Strategis di Tingkat Hilir",
        "downstream_issue",
        paragraphs=True,
        split="repeat",
        needed=True,
    ),
    ListSpec("I", r"1\.4\.\s+Capaian RB Sampai Saat ini", "achievement", paragraphs=True, needed=True),
    ListSpec("II", r"2\.1\.2\.\s+Sasaran RB", "strategic_goal", split="sentence"),
    ListSpec("III", r"3\.1\.\s+Strategi Level Mikro", "implementation_stage", lead_in=r"lima tahapan"),
    ListSpec(
        "III",
        r"3\.1\.\s+Strategi Level Mikro",
        "roadmap_content",
        lead_in=r"Hal-hal minimal yang perlu ditetapkan",
    ),
    ListSpec(
        "III", r"3\.1\.\s+Strategi Level Mikro", "action_plan_content", lead_in=r"Rencana aksi minimal berisi"
    ),
    # Bab IV has no numbered sections: its lists sit under the chapter's title
    ListSpec("IV", r"STRATEGI PELAKSANAAN", "theme", lead_in=r"empat \(4\) tema", split="sentence"),
    ListSpec("IV", r"STRATEGI PELAKSANAAN", "theme_criterion", lead_in=r"5 \(lima\) faktor"),
    ListSpec("V", r"5\.1\.\s+Pelaksana Level Mikro", "team_task"),
)

_CHAPTER = re.compile(r"^BAB\s+([IVX]+)\b")
# A line that ends a section: a numbered heading ('1.3.2.'), a chapter, a
# lettered part ('A. Tim Pengelola'), a table caption or the next annex.
_SECTION_END = re.compile(r"^(?:\d+(?:\.\d+)+\.?\s|BAB\s+[IVX]+\b|[A-Z]\.\s|Tabel\s+\d|LAMPIRAN\b)")
# '1)', '1).', '1.' (a number followed by a digit is a section number)
_ITEM = re.compile(r"^(?:-\s*)?(\d+(?:\)\.?|\.(?!\d)))\s+(\S.*)$")
_SUB_ITEM = re.compile(r"^(?:-\s*)?([a-z]\.)\s+(\S.*)$")
# An issue heading printed on one line with its explanation (line 166): the
# explanations of this list open by repeating the heading's first word
# ('Birokrasi yang belum kolaboratif' / 'Birokrasi di Kabupaten Batang ...').
_HEADING_THEN_TEXT = re.compile(r"^((\w+)\b.{10,}?)\s+\2\s+(?=[a-z])")
# A heading run into its explanation: 'Pengentasan Kemiskinan. RB Tematik ...'
_FIRST_SENTENCE = re.compile(r"^(.+?\.)\s+(?=[A-Z])")


def statements(ctx: Document) -> list[dict]:
    """Every list of the road map (:data:`LISTS`), one row per item, in line order.

    A list must be found when the text holds its whole chapter (the
    chapter's heading and the next one's), and the items of such a list are
    numbered 1, 2, ... (a, b, ... when nested); the lists marked ``needed``
    must be found in any text.
    """
    chapters = _chapters(ctx)
    rows: list[dict] = []
    for spec in LISTS:
        whole = spec.chapter in chapters
        lo, hi = chapters.get(spec.chapter, (0, len(ctx.lines)))
        head = _first(ctx.lines, lo, hi, spec.heading)
        if head is None:
            if whole or spec.needed:
                # named: the chapter's heading, or the end of a text that lacks the chapter
                raise ParseError(ctx.name, lo + 1 if whole else len(ctx.lines), _where(spec))
            continue
        end = next(
            (i for i in range(head + 1, hi) if _is_section_end(ctx.lines[i])),
            hi,
        )
        start = head
        if spec.lead_in is not None:
            found = next(
                (i for i in range(head + 1, end) if re.search(spec.lead_in, _plain(ctx.lines[i].text))),
                None,
            )
            if found is None:
                raise ParseError(
                    ctx.name,
                    head + 1,
                    f"under this heading the sentence introducing the {spec.category} list ({spec.lead_in!r})",
                )
            start = found - 1
        rows += _read_list(ctx, spec, ctx.lines[head], start, end, check_numbers=whole)
    return sorted(rows, key=lambda r: r["source_line"])


def _where(spec: ListSpec) -> str:
    heading = spec.heading.replace("\\s+", " ").replace("\\", "")
    return f"the heading '{heading} ...' of the {spec.category} list in BAB {spec.chapter}"


def _chapters(ctx: Document) -> dict[str, tuple[int, int]]:
    """Chapters the text holds whole: roman numeral -> index range [heading, next heading)."""
    starts = [
        (m.group(1), i)
        for i, line in enumerate(ctx.lines)
        if not line.has_tab and (m := _CHAPTER.match(line.text.strip()))
    ]
    return {roman: (i, nxt) for (roman, i), (_, nxt) in zip(starts, starts[1:])}


def _first(lines: list[Line], lo: int, hi: int, pattern: str) -> int | None:
    heading = re.compile(pattern)  # looked up once, not on every line
    for i in range(lo, hi):
        if not lines[i].has_tab and heading.match(lines[i].text.strip()):
            return i
    return None


def _is_section_end(line: Line) -> bool:
    return not line.has_tab and bool(_SECTION_END.match(line.text.strip()))


def _plain(text: str) -> str:
    """A line without markup ('*Road Map*', HTML fragments) and surplus spaces."""
    return clean(text.replace("*", ""))


def _read_list(
    ctx: Document, spec: ListSpec, head: Line, start: int, end: int, *, check_numbers: bool
) -> list[dict]:
    """The items of one list, from the line after ``ctx.lines[start]`` up to ``ctx.lines[end]``."""
    section = f"BAB {spec.chapter} > {_plain(head.text)}"
    rows: list[dict] = []
    top: dict | None = None  # the item of level 1 read last
    last: dict | None = None  # the item read last (either level)
    text_before: str | None = None  # the running text read last since the last item
    ongoing: tuple[dict, str] | None = None  # where the text of the line read last went
    numbers: dict[int, int | None] = {1: None, 2: None}
    for line in ctx.lines[start + 1 : end]:
        text = _plain(line.text)
        if line.has_tab or not text:
            continue
        m = _ITEM.match(text) or (_SUB_ITEM.match(text) if top is not None else None)
        if m is not None:
            level = 1 if m.re is _ITEM else 2
            mark, body = m.group(1), m.group(2)
            if check_numbers:
                numbers[level] = expect_next(
                    ctx.name,
                    line,
                    _number(mark),
                    numbers[level],
                    f"{'item' if level == 1 else 'nested item'} of the {spec.category} list numbered",
                )
            heading, paragraph = _split(body, spec.split if level == 1 else None)
            lead_in = text_before
            parent = top if level == 2 else None
            if level == 1 and top is not None:
                list_id, lead_in = top["list_id"], top["lead_in"]  # all items of level 1 form the list
            elif level == 2 and last is not None and last["item_level"] == 2:
                list_id, lead_in = last["list_id"], last["lead_in"]
            else:
                list_id = f"{ctx.doc_id}:{line.no}"  # the first item of a list names it
            row = {
                "source_line": line.no,
                "section": section,
                "category": spec.category,
                "goal": parent["text"] if parent else None,
                "item_no": mark,
                "text": heading,
                "item_level": level,
                "list_id": list_id,
                "parent_line": parent["source_line"] if parent else None,
                "lead_in": lead_in,
                "paragraph": paragraph,
                "end_line": line.no,
            }
            if parent is not None:
                note_inferred(row, "goal", GROUP_HEADING.format(parent["source_line"]))
            if level == 1:
                top, numbers[2] = row, None
            rows.append(row)
            last, text_before = row, None
            ongoing = (row, "paragraph" if paragraph else "text")
            continue
        if ongoing is not None and text[0].islower():
            # a sentence cut by a page break goes on where it stopped
            _extend(*ongoing, text, line)
            if ongoing[1] == "text":
                # a paragraph spans its lines by definition (source_line to end_line): not noted
                note_inferred(ongoing[0], "text", CONTINUED.format(line.no))
            continue
        if last is None:
            # the section's text before the list (a line in lower case goes
            # on with the sentence a page break cut)
            joined = text_before is not None and text[0].islower()
            text_before = f"{text_before} {text}" if joined else text
            continue
        if not spec.paragraphs:
            break  # running text after the items: the list is over
        assert top is not None
        # an item's explanation; after a nested list, the explanation of
        # the item the nested list belongs to goes on
        _extend(top, "paragraph", text, line)
        text_before, ongoing = text, (top, "paragraph")
    if not rows and check_numbers:
        ctx.fail(ctx.lines[start], f"the items of the {spec.category} list under {head.text.strip()!r}")
    return rows


def _extend(row: dict, into: str, text: str, line: Line) -> None:
    row[into] = f"{row[into]} {text}" if row[into] else text
    row["end_line"] = line.no


def _split(body: str, how: str | None) -> tuple[str, str | None]:
    """An item's heading and the explanation printed on its line (None where none)."""
    pattern = {"repeat": _HEADING_THEN_TEXT, "sentence": _FIRST_SENTENCE}.get(how or "")
    m = pattern.match(body) if pattern else None
    if m is None:
        return body, None
    return m.group(1), body[m.end(1) :].strip()


def _number(mark: str) -> int:
    """1 from '1)', '1).' or '1.'; 2 from 'b.'."""
    digits = re.sub(r"\D", "", mark)
    return int(digits) if digits else ord(mark[0]) - ord("a") + 1

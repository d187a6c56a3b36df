"""Budget lines of Batang's 2023 action plans and their link to the actions.

A Jumlah Anggaran cell of Lampiran II-IV is the budget of a supporting
sub-activity (Sub Kegiatan Pendukung) of the regency's budget structure, not
money of the action beside it. The text shows three ways an action and a
budget cell belong together:

* ``own row``: the cell is printed on the action's row (a sub-row or a
  second output prints its own);
* ``second sub-activity``: a row holding only a sub-activity and its amount
  (and perhaps agencies) below an action: a second sub-activity of that
  action (lines 731/732, 733/734, 842/843);
* ``merged cell``: an action under a budget cell left empty (a merged cell
  printed once, ``actions.budget_shared_with``) shares the cell(s) of the
  action that prints it.

The same sub-activity with the same amount is also printed again under
other actions (one 3.244.613.010 line under three BKD actions). Each
printing is a budget line of its own, linked to its action as ``own row``;
``repeat_of`` names the first printing, so that the amounts of the lines
without ``repeat_of`` count every rupiah once. A cell printing '-' (no
budget) is no line; a cell printing text where the amount should be (line
777) is a line without an amount.

The parser of the plans (:mod:`rbdata.sources.batang.plans`) notes every
printed budget cell as it reads the rows (:func:`printed_cell`); after each
plan, :func:`add_plan` turns the notes into rows of ``budget_lines`` and
``action_budgets``.
"""

from __future__ import annotations

import functools
import math
import re
from typing import TYPE_CHECKING

from rbdata.reference import read_reference
from rbdata.text.agencies import resolve_agencies
from rbdata.text.normalise import words
from rbdata.text.numbers import parse_cell

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from rbdata.sources.batang.document import Document

OWN_ROW = "own row"
SECOND_SUB_ACTIVITY = "second sub-activity"
MERGED_CELL = "merged cell"

# the fields of a budget cell that the row it is printed on can wrap
_TEXT_FIELDS = ("sub_activity", "coordinator_text", "executor_text")
# ... and the budget_lines column each becomes (for ``inferred``)
_COLUMN_OF_FIELD = {
    "sub_activity": "sub_activity",
    "coordinator_text": "coordinator",
    "executor_text": "executor",
}


def _notes_of(owner: dict) -> list[tuple[str, str]]:
    """The ``inferred`` notes of an action record on the fields a budget cell takes from it."""
    return [(k, rule) for k, rule in owner.get("_inferred", []) if k in _TEXT_FIELDS]


def amount_of(text: str | None) -> float:
    """Rupiah amount of one budget cell: a number, or several labelled
    amounts summed ('117.592.200 (Analisis Data) 32.500.000 (...)'); NaN
    where the cell holds no amount ('-', text).

    >>> amount_of("109.387.600 (Koordinasi) 163.589.750 (Pembinaan)")
    272977350.0
    >>> amount_of("250,502,500")
    250502500.0
    """
    if not text:
        return math.nan
    c = parse_cell(text)
    return c.value if c.ok else math.nan


def prints_a_budget(text: str | None) -> bool:
    """Whether a budget cell is printed: anything but empty or '-' (no budget)."""
    return bool(text) and text != "-"


def printed_cell(
    cells: list[dict],
    line_no: int,
    owner: dict,
    link: str,
    amount_text: str,
    own: dict | None = None,
    notes: list[tuple[str, str]] | None = None,
) -> None:
    """Note a budget cell printed on line ``line_no`` for action record ``owner``.

    An ``own row`` cell takes sub-activity and agencies from its action
    record when the plan is done (cells wrapped onto later rows, cells
    carried down from a merged agency cell). A ``second sub-activity`` cell
    brings its own (``own``); the cells noted before it for the same action
    are then fixed to the action's fields as they stand, before the second
    sub-activity is joined to them. ``notes`` are the (field, rule) notes of
    the fields ``own`` does not print itself (see ``inferred``); cells taking
    their fields from the action take its notes with them.
    """
    if link == SECOND_SUB_ACTIVITY:
        for cell in cells:
            if cell["owner"] is owner and cell["fields"] is None:
                cell["fields"] = {k: owner.get(k) for k in _TEXT_FIELDS}
                cell["notes"] = _notes_of(owner)
    cells.append(
        dict(
            source_line=line_no,
            owner=owner,
            link=link,
            amount_text=amount_text,
            fields=own,
            notes=list(notes or []),
        )
    )


def wrapped(cells: list[dict], owner: dict, key: str, text: str, rule: str | None = None) -> None:
    """Text wrapped onto the next row continues the last cell of ``owner``
    whose fields are fixed (after a second sub-activity); the others read
    the action record, which the parser extends itself. ``rule`` is noted
    on the fixed cell (see ``inferred``)."""
    if key not in _TEXT_FIELDS:
        return
    fixed = [c for c in cells if c["owner"] is owner and c["fields"] is not None]
    if fixed:
        old = fixed[-1]["fields"].get(key)
        fixed[-1]["fields"][key] = f"{old} {text}" if old else text
        if rule is not None:
            fixed[-1]["notes"].append((key, rule))


@functools.cache
def _funding_words() -> tuple[tuple[re.Pattern, str, str], ...]:
    """(pattern, word, level) of reference/funding_sources.csv, in its order:
    the words naming a budget (APBN, Bantuan Pemerintah Pusat) before the
    programmes (Program Keluarga Harapan, PIP, BOS, ...)."""
    return tuple(
        (re.compile(r["pattern"], re.I), r["word"], r["funding_level"])
        for r in read_reference("funding_sources")
    )


def funding_of(
    ctx: Document, line_no: int, sub_activity: str | None, amount_text: str
) -> tuple[str | None, str | None]:
    """(funding_source as printed, funding_level) of a budget line: the first
    word of reference/funding_sources.csv that its sub-activity or budget
    cell prints; (None, None) where they print none (an unmarked cell is
    not guessed to be APBD). Words of two levels in one cell are an error."""
    text = f"{sub_activity or ''} {amount_text}"
    found = [(m.group(0), level) for pattern, _, level in _funding_words() if (m := pattern.search(text))]
    if not found:
        return None, None
    levels = {level for _, level in found}
    if len(levels) > 1:
        ctx.fail(
            line_no,
            "a budget cell naming money of one level (reference/funding_sources.csv)",
            "; ".join(f"{w} ({level})" for w, level in found),
        )
    return found[0]


def sub_activity_key(text: str | None) -> str:
    """Letters and digits of a sub-activity name, case-folded, without a
    leading 'Sub (Kegiatan)' label.

    >>> sub_activity_key("Sub. Kegiatan Peningkatan Kinerja dan Reformasi Birokrasi")
    'peningkatankinerjadanreformasibirokrasi'
    """
    key_words = words(text)
    while key_words and key_words[0] in ("sub", "kegiatan"):
        key_words = key_words[1:]
    return "".join(key_words)


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` are equal or differ by one letter changed,
    added or left out."""
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def same_sub_activity(a: str | None, b: str | None) -> bool:
    """Whether two printed sub-activity names are one: equal up to case,
    spacing, punctuation, a leading 'Sub Kegiatan' label and one misspelt
    letter ('Fasilitasi Pelayanan Publik dan Tata Laksana', line 723, and
    'Sub Kegiatan Fasilitas Pelayanan Publik dan Tata Laksana', line 782).

    >>> same_sub_activity("Pembinaan Kelembagaan dan Manajemen SD", "Pembinaan Kelembagaan dan Manajemen SMP")
    False
    """
    ka, kb = sub_activity_key(a), sub_activity_key(b)
    return bool(ka) and bool(kb) and _one_edit_apart(ka, kb)


def _first_printing(row: dict, earlier: list[dict]) -> str | None:
    """budget_line_id of the first earlier line printing the same
    sub-activity with the same (non-zero) amount; None if there is none."""
    amount = row["amount_idr"]
    if math.isnan(amount) or amount == 0:
        return None
    for e in earlier:
        if e["amount_idr"] == amount and same_sub_activity(e["sub_activity"], row["sub_activity"]):
            return e["repeat_of"] or e["budget_line_id"]
    return None


def _joined(text: str | None) -> str | None:
    names = resolve_agencies(text)[0]
    return "; ".join(names) if names else None


def add_plan(ctx: Document, table_id: str, track: str, cells: list[dict], out: dict) -> None:
    """Rows of ``budget_lines`` and ``action_budgets`` for the budget cells
    of one action plan, read after the whole plan (its wrapped cells joined).

    ``repeat_of`` looks back over every budget line of the document read so
    far: the plans are read in the order they are printed, so the first
    printing of a sub-activity is always among them.
    """
    lines = out.setdefault("budget_lines", [])
    links = out.setdefault("action_budgets", [])
    per_line: dict[int, int] = {}
    for cell in cells:
        per_line[cell["source_line"]] = per_line.get(cell["source_line"], 0) + 1
    seen: dict[int, int] = {}
    ids_of_owner: dict[str, list[str]] = {}
    new_links: list[tuple[int, dict]] = []  # (line of the action, link row)
    for cell in cells:
        no, owner = cell["source_line"], cell["owner"]
        fields = cell["fields"] if cell["fields"] is not None else {k: owner.get(k) for k in _TEXT_FIELDS}
        notes = cell["notes"] if cell["fields"] is not None else _notes_of(owner)
        seen[no] = seen.get(no, 0) + 1
        suffix = f".{seen[no]}" if per_line[no] > 1 else ""
        line_id = f"{ctx.doc_id}:{table_id}:{no}{suffix}"
        sub = " ".join(fields["sub_activity"].split()) if fields["sub_activity"] else None
        source, level = funding_of(ctx, no, sub, cell["amount_text"])
        row = dict(
            source_line=no,
            table_id=table_id,
            track=track,
            budget_line_id=line_id,
            sub_activity=sub,
            amount_idr=amount_of(cell["amount_text"]),
            amount_text=cell["amount_text"],
            funding_source=source,
            funding_level=level,
            coordinator=_joined(fields["coordinator_text"]),
            executor=_joined(fields["executor_text"]),
            repeat_of=None,
        )
        row["repeat_of"] = _first_printing(row, lines)
        row["_inferred"] = [(_COLUMN_OF_FIELD[k], rule) for k, rule in notes]
        lines.append(row)
        ids_of_owner.setdefault(owner["action_id"], []).append(line_id)
        link = dict(source_line=no, action_id=owner["action_id"], budget_line_id=line_id, link=cell["link"])
        new_links.append((owner["source_line"], link))
    # rows under a merged budget cell share every cell of the action printing it
    for action in out["actions"]:
        holder = action.get("budget_shared_with")
        if action["table_id"] != table_id or not holder:
            continue
        for line_id in ids_of_owner.get(holder, []):
            link = dict(
                source_line=action["source_line"],
                action_id=action["action_id"],
                budget_line_id=line_id,
                link=MERGED_CELL,
            )
            new_links.append((action["source_line"], link))
    # in the order of the actions, and of their lines
    new_links.sort(key=lambda t: (t[0], t[1]["source_line"]))
    links.extend(link for _, link in new_links)

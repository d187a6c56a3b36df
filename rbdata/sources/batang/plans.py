"""Reader of Batang's 2023 action plans (Lampiran II General, III and IV Tematik).

Column layout (as the headers print it)::

    Lampiran II : Permasalahan | Kegiatan Utama | Indikator KU | Target 2023 |
                  Rencana Aksi | Satuan | Indikator | TW 1-4 | Total |
                  Sub Kegiatan | Anggaran | Koordinator | Pelaksana
    Lampiran III/IV: (Permasalahan | Sasaran | Indikator | Target) x 2 |
                  Rencana Aksi | Keterkaitan | Satuan | Indikator | TW I-IV |
                  Total | Jenis Kegiatan (link) | Sub Kegiatan | Anggaran |
                  Koordinator | Pelaksana

The PDF extraction drops or adds empty cells, so a row's cells are not at
fixed positions. Each row is aligned on its content instead:

* the **action cell** is the lettered cell ('a. ...'), a school-level label
  of a sub-row ('SD', 'PNF', ...), or (Lampiran II) the first text cell after
  the target value that is followed by a unit, an indicator and quarter cells;
* cells **left** of the action form one (General) or two (Tematik) groups,
  each ending in its target value, right-aligned onto
  Permasalahan | Kegiatan Utama or Sasaran | Indikator | Target;
* cells **right** of it follow the layout, the Tematik link cell ('Terkait
  ...') anchoring sub-activity, budget and agencies;
* the **tail** (sub-activity, budget, coordinator, executor) is read from the
  right: agency names (resolved with the agency table) first, then the
  budget, then the sub-activity.

Rows without an action continue the row above: a lone text fragment wraps
its text, a fragment with a budget is a second sub-activity (its amount is
added), a row with a link cell and quarter values is a second output. A
sub-activity cell that opens with the wrapped end of the cell above (up to
its agency in brackets) gives that end back (lines 766/768). Fragments that
continue no row (the rest of a row whose start is not in the text) are
listed in ``reference/unattached_fragments.csv`` and reported, not joined.
Empty sub-activity, budget and agency cells below an action of the same
indicator mean "same as above" (merged cells): the sub-activity and agencies
are carried down, the budget is not counted twice (``budget_shared_with``).
Every printed budget cell is also noted as it is read and becomes a row of
``budget_lines``, tied to its actions in ``action_budgets``
(:mod:`rbdata.sources.batang.budgets`); ``budget_idr`` stays as it is read here.

Rows belong to the indicator or action above them by position, so the order
is checked wherever the text allows, and a row out of place raises
:class:`rbdata.ParseError` at that row: actions under an indicator are
lettered a., b., c. (see ``_Plan._check_letter``); a school-level sub-row
stands under its action, once per level, and repeats (or, right after a
page break, continues) the action's Keterkaitan; text wraps onto the next
row only at a page break, and only in a cell the row above printed; the
outcome indicators of a Tematik plan are those Tabel 4.2 lists under its
theme; values keep to the range their cell or indicator implies. Where no
such check is possible (a second sub-activity or a row of outputs without
an action, a sub-row with no text of its own, merged indicator cells, the
one pattern of letters that fits two indicators), the parse report lists
the row with a reason starting 'assumption:'.

Every value a row takes from another line (a merged cell, a cell carried
down, an indicator's agency from its first action, a sub-row's action, text
wrapped onto the next line, a second sub-activity) or that a repair put in
place (quarters realigned on a shifted row) is noted on the row with its rule
(:func:`rbdata.sources.batang.document.note_inferred`): the ``inferred``
column of targets, actions, action_targets and budget_lines.
"""

from __future__ import annotations

import functools
import math
import re

from rbdata.reference import read_reference
from rbdata.sources.batang import budgets
from rbdata.sources.batang.document import (
    CARRIED,
    CONTINUED,
    COORDINATOR_OF_ACTION,
    EXECUTOR_OF_ACTION,
    LOST_CELL,
    MERGED_CELL,
    OF_ACTION,
    OUTCOME_LEVEL,
    REALIGNED,
    SECOND_SUB_ACTIVITY_ON,
    note_inferred,
    section_path,  # one heading rule for the whole document
)
from rbdata.text.agencies import resolve_agencies
from rbdata.text.lines import pages
from rbdata.text.normalise import alnum_key
from rbdata.text.numbers import is_value as _is_value
from rbdata.text.numbers import out_of_range, parse_cell

_MARK = re.compile(r"^([a-z])\.\s+(.+)$", re.S)
_SUBROW = re.compile(r"^(PNF|PAUD|SD|SMP|SMA|SMK|MI|MTs)$")
_LINK = re.compile(r"^terkait\b", re.I)
# 'Pendapatan Daerah (BPKPAD) koordinasi ...': words closing with an agency
# in brackets, then a lower-case word (see _Plan._give_back_wrapped_end)
_WRAPPED_END = re.compile(r"^([A-Z][^()]{0,60}\(([^()]+)\))\s+(?=[a-z])")
QUARTERS = ("2023Q1", "2023Q2", "2023Q3", "2023Q4", "2023")
_UNLETTERED = "-"  # the lettering state of an indicator whose one action has no letter


def _next_letter(letter: str | None) -> str:
    return "a" if letter is None else chr(ord(letter) + 1)


def action_plan(ctx, table_id, caption, rows, out):
    tematik = table_id != "Lampiran II"
    track = "General" if not tematik else "Tematik " + caption.text.split()[-1].capitalize()
    if tematik:
        # 'RENCANA AKSI ... TEMATIK PENANGGULANGAN KEMISKINAN TAHUN 2023' -> 'Kemiskinan'
        m = re.search(r"TEMATIK\s+\S+\s+(\S+)", caption.text)
        track = "Tematik " + m.group(1).capitalize()
    plan = _Plan(ctx, table_id, section_path(ctx, caption), track, tematik, out)
    body = list(rows)
    while body and _is_header(body[0]):
        ctx.report.add(body.pop(0), table_id, "header")
    if not body:
        ctx.fail(caption, f"rows under the header of {table_id}")
    plan.page_extra = _pages_with_extra_cell(body)
    for k, line in enumerate(body):
        nxt = body[k + 1] if k + 1 < len(body) else None
        plan.row(line, nxt)
    _report_untied_letters(ctx, table_id, out)
    budgets.add_plan(ctx, table_id, track, plan.budget_cells, out)
    if tematik:
        _check_theme_indicators(ctx, table_id, track, out)


def _report_untied_letters(ctx, table_id, out) -> None:
    """The letters a., b., c. tie an action to its indicator, except in one
    pattern: an indicator with one action (a., on its own row) next to one
    with two, whose 'b.' stands on the row next to the other indicator. That
    'b.' moved across the indicator row between them continues the other
    indicator's letters just as well. Such actions are listed in the report."""
    groups: dict[int, list[dict]] = {}
    for r in out["actions"]:
        if (
            r["table_id"] == table_id
            and r.get("action_no")
            and not r.get("sub_row")
            and r["parent_source_line"]
        ):
            groups.setdefault(r["parent_source_line"], []).append(r)
    ordered = [groups[k] for k in sorted(groups)]
    untied = set()
    for first, second in zip(ordered, ordered[1:]):
        letters = ([r["action_no"] for r in first], [r["action_no"] for r in second])
        if letters == (["a."], ["a.", "b."]) and second[1]["source_line"] == second[0]["source_line"] + 1:
            untied.add(second[1]["source_line"])
        if letters == (["a.", "b."], ["a."]) and first[1]["source_line"] + 1 == second[0]["source_line"]:
            untied.add(first[1]["source_line"])
    for no in sorted(untied):
        ctx.report.add(ctx.lines[no - 1], table_id, LETTERS_DO_NOT_TIE)


def _check_theme_indicators(ctx, table_id, track, out):
    """Tabel 4.2 lists the outcome indicators of each chosen theme under the
    theme's name, printed once over its rows (a merged cell); the theme's
    action plan names the same indicators. A Tabel 4.2 row of this plan's
    theme whose indicator the plan does not name was moved out of its theme
    (or one of the plan's rows into another's), which nothing else shows."""
    named = [
        r["indicator"] for r in out["targets"] if r["table_id"] == table_id and r.get("level") == "outcome"
    ]
    outcome = {alnum_key(n) for n in named}
    for r in out["targets"]:
        if r["table_id"] == "Tabel 4.2" and r["track"] == track and alnum_key(r["indicator"]) not in outcome:
            ctx.fail(
                r["source_line"],
                f"an outcome indicator of the {track} plan under its theme in Tabel 4.2 "
                f"({table_id} names {'; '.join(dict.fromkeys(named))})",
                r["indicator"],
            )


def _pages_with_extra_cell(rows) -> set[int]:
    """Lines of the pages (runs of consecutive lines) on which the extraction
    put an empty cell between Total and the link cell ('Terkait ...'): some
    row there has ten cells from its lettered action to the link, the
    tenth empty."""
    out: set[int] = set()
    for page in pages(rows):
        for line in page:
            cells = line.cells
            a = next((i for i, c in enumerate(cells) if _MARK.match(c)), None)
            if a is None:
                continue
            link = next((i for i in range(a + 1, len(cells)) if _LINK.match(cells[i])), None)
            if link is not None and link - a == 10 and not cells[a + 9]:
                out.update(l.no for l in page)
                break
    return out


def _is_header(line) -> bool:
    joined = " ".join(line.cells).lower()
    return "permasalahan" in joined or ("satuan" in joined and "tw" in joined)


def _is_quarter(text: str) -> bool:
    return text in ("", "-") or _is_value(text)


def _is_agency(text: str) -> bool:
    found, left = resolve_agencies(text)
    return bool(found) and not left


def _known_problems(ctx) -> list[str]:
    """The strategic issues of Bab I (read before the action plans)."""
    return [r["text"] for r in ctx.statements if r["category"] in ("upstream_issue", "downstream_issue")]


@functools.cache
def _unattached(doc_id: str) -> dict[int, str]:
    """line -> printed text of the fragments that continue no row (a curated list)."""
    return {
        int(r["line"]): r["text"] for r in read_reference("unattached_fragments") if r["doc_id"] == doc_id
    }


# Reasons in the parse report for rows whose owner rests on position alone.
MERGED_INDICATOR_CELLS = (
    "assumption: empty Permasalahan / Kegiatan Utama / Sasaran cells: those of the indicator above "
    "(merged cells)"
)
SUB_ROW_WITHOUT_TEXT = (
    "assumption: a sub-row printing no Keterkaitan of its own belongs to the action above it "
    "(nothing in its cells ties it to that action)"
)
LETTERS_DO_NOT_TIE = (
    "assumption: action of the indicator above it (the neighbouring indicator has one action, "
    "so the letters a., b. fit either)"
)
SECOND_OUTPUT = (
    "assumption: a row of outputs without an action belongs to the action above it (no label ties them)"
)
SECOND_SUB_ACTIVITY = (
    "assumption: a second sub-activity and its budget belong to the action above it (no label ties them)"
)


class _Plan:
    """State while reading one action plan: the current indicator groups,
    the last action (for sub-rows and continuations) and merged-cell carry."""

    def __init__(self, ctx, table_id, section, track, tematik, out) -> None:
        self.ctx, self.table_id, self.section, self.track, self.tematik, self.out = (
            ctx,
            table_id,
            section,
            track,
            tematik,
            out,
        )
        self.levels: list[dict] = [
            dict(perm=None, goal=None, ind=None, target=None, line=None, perm_line=None, goal_line=None)
            for _ in range(2)
        ]
        self.last: dict | None = None  # last action record (main row, sub-row or indicator-only row)
        self.main: dict | None = None  # last main action (parent of sub-rows)
        self.block: list[dict] = []  # actions under the current indicator (merged-cell carry)
        self.layout: dict[int, str] = {}  # column index -> field of the last row (for continuations)
        self.problems = _known_problems(ctx) if not tematik else []
        self.page_extra: set[int] = set()
        self._pending_targets: list[dict] = []
        # lettering: actions under an indicator run a., b., c., ... (see _check_letter)
        self.letter: str | None = None  # letter of the last lettered action
        self.group_letter: str | None = None  # ... under the current indicator
        self.group_line: int | None = None  # line of the row that opened the current indicator
        self.sub_labels: set[str] = set()  # school levels of the sub-rows of the last action
        self.after_break = False  # the row follows a page break (a line that is not a table row)
        self.budget_cells: list[dict] = []  # printed budget cells (see rbdata.sources.batang.budgets)

    # -- dispatch ------------------------------------------------------------
    def row(self, line, nxt):
        cells = list(line.cells)
        self.after_break = line.no > 1 and not self.ctx.lines[line.no - 2].has_tab
        a, sub_label = self._action_index(cells)
        if a is None and self.main is None:
            level = next((c for c in cells if c and _SUBROW.match(c)), None)
            if level is not None:
                self.ctx.fail(
                    line, "an action (a., b., ...) under this indicator above its school-level sub-row", level
                )
        if a is not None:
            self._left(line, cells[:a])
            self._action(line, cells, a, sub_label)
            return
        link = next((i for i, c in enumerate(cells) if _LINK.match(c)), None)
        if link is not None and any(_is_value(c) for c in cells[max(0, link - 5) : link]):
            self._second_output(line, cells, link)
            return
        t = self._target_index(cells)
        if t is not None:
            self._left(line, cells[: t + 1])
            self._indicator_only(line, cells, t)
            return
        listed = _unattached(self.ctx.doc_id).get(line.no)
        if listed is not None:
            printed = " | ".join(c for c in cells if c)
            if printed != listed:
                self.ctx.fail(
                    line, f"the fragment listed in reference/unattached_fragments.csv ({listed})", printed
                )
            self.ctx.report.add(
                line,
                self.table_id,
                "fragment of a row whose start is not in the text (reference/unattached_fragments.csv)",
            )
            return
        self._continuation(line, cells, nxt)

    # -- finding the action cell ---------------------------------------------
    def _target_index(self, cells):
        """Index of the last value cell among the leading (indicator) cells."""
        limit = 8 if self.tematik else 5
        idx = None
        for i, c in enumerate(cells[: limit + 1]):
            if _is_value(c):
                idx = i
            elif c and _MARK.match(c):
                break
        return idx

    def _action_index(self, cells):
        for i, c in enumerate(cells):
            if not c:
                continue
            if _MARK.match(c):
                return i, None
            if _SUBROW.match(c) and self.main is not None:
                return i, c
        if self.tematik:
            return None, None
        # Lampiran II also has unlettered actions: the first text cell after
        # the target that is followed by unit, indicator and quarter cells.
        t = self._target_index(cells)
        start = 0 if t is None else t + 1
        for i in range(start, len(cells)):
            if not cells[i]:
                continue
            if self._looks_like_action(cells, i):
                return i, None
            return None, None
        return None, None

    @staticmethod
    def _looks_like_action(cells, i):
        pad = cells + [""] * 10
        text = lambda c: bool(c) and not _is_value(c) and c != "-"  # noqa: E731
        return (
            text(pad[i])
            and text(pad[i + 2])
            and not _is_value(pad[i + 1])
            and all(_is_quarter(c) for c in pad[i + 3 : i + 8])
            and any(c for c in pad[i + 3 : i + 8])
        )

    # -- left side: indicator groups -----------------------------------------
    def _left(self, line, zone):
        groups, cur = [], []
        for c in zone:
            if not c:
                continue
            cur.append(c)
            if _is_value(c):
                groups.append(cur)
                cur = []
        if cur:
            self.ctx.fail(line, "an indicator group ending in its target value", " | ".join(cur))
        nlev = 2 if self.tematik else 1
        if len(groups) > nlev:
            self.ctx.fail(
                line, f"at most {nlev} indicator/target group(s) before the action", " | ".join(zone)
            )
        first_level = nlev - len(groups)
        for k, g in enumerate(groups):
            if len(g) > 4 or len(g) < 2:
                self.ctx.fail(
                    line, "Permasalahan | Kegiatan Utama/Sasaran | Indikator | Target", " | ".join(g)
                )
            lev = self.levels[first_level + k]
            fields = ["perm", "goal", "ind", "target"][4 - len(g) :]
            vals = dict(zip(fields, g))
            if "perm" in vals:
                vals["perm"] = self._join_problem(lev["perm"], vals["perm"], line.no)
            if "goal" in vals or first_level + k == 0:
                self.block = []
            lev.update(vals, line=line.no)
            # the line each merged cell was printed on (for ``inferred``)
            lev.update({f"{f}_line": line.no for f in ("perm", "goal") if f in vals})
            if "goal" in vals and first_level + k == 0 and nlev == 2:
                self.levels[1].update(perm=None, goal=None, perm_line=None, goal_line=None)
            self.block = []
            self._target(line, first_level + k)
        if groups:
            # a new indicator: its actions are lettered afresh, and no
            # sub-row belongs to an action above it
            self.group_line, self.group_letter, self.main = line.no, None, None
            if first_level > 0 or len(groups[0]) < 4:
                self.ctx.report.add(line, self.table_id, MERGED_INDICATOR_CELLS)

    def _join_problem(self, previous, text, line_no):
        """A Permasalahan cell split over a page break continues the one above
        when the two together give one of the document's strategic issues."""
        if previous and self.problems:
            joined = f"{previous} {text}"
            for p in self.problems:
                if alnum_key(p).startswith(alnum_key(joined)) and not alnum_key(p).startswith(
                    alnum_key(text)
                ):
                    for rec in self.out["actions"] + self.out["targets"]:
                        if rec.get("problem") == previous and rec["table_id"] == self.table_id:
                            rec["problem"] = joined
                            note_inferred(rec, "problem", CONTINUED.format(line_no))
                    return joined
        return text

    def _target(self, line, level):
        lev = self.levels[level]
        holder = lev if self.tematik else self.levels[0]
        objective = holder["goal"]
        row = dict(
            source_line=line.no,
            table_id=self.table_id,
            section=self.section,
            objective=objective,
            problem=lev["perm"],
            indicator=lev["ind"],
            unit=None,
            period="2023",
            kind="target",
            track=self.track,
            level=(("outcome", "intermediate")[level] if self.tematik else None),
        )
        c = parse_cell(lev["target"])
        wrong = out_of_range(c, lev["ind"])
        if wrong:
            self.ctx.fail(line, f"{wrong} for {lev['ind']!r}", lev["target"])
        row.update(value=c.value, value_text=lev["target"], value_label=c.label)
        if objective is not None and holder["goal_line"] != line.no:
            note_inferred(row, "objective", MERGED_CELL.format(holder["goal_line"]))
        if lev["perm"] is not None and lev["perm_line"] != line.no:
            note_inferred(row, "problem", MERGED_CELL.format(lev["perm_line"]))
        self.out["targets"].append(row)
        self._pending_targets.append(row)

    # -- right side ----------------------------------------------------------
    def _layout_after(self, line, cells, a):
        """Field -> column index for the cells right of the action at ``a``."""
        lay = {"action": a}
        if not self.tematik:
            names = ["unit", "indicator", "q1", "q2", "q3", "q4", "total"]
            lay.update({n: a + 1 + k for k, n in enumerate(names)})
            lay["tail"] = a + 8
            return lay
        link = next((i for i in range(a + 1, len(cells)) if _LINK.match(cells[i])), None)
        if link is None:
            if any(cells[a + 2 :]):
                self.ctx.fail(line, "a link cell ('Terkait ...') after the quarterly targets", line.text)
            lay.update(rationale=a + 1, tail=len(cells))
            return lay
        gap = link - a
        if gap == 10 and not cells[a + 9]:
            gap = 9  # an empty cell between Total and the link cell
        elif gap == 9 and line.no in self.page_extra and not cells[a + 8] and cells[a + 7]:
            # this page prints an empty cell before the link cell; in this row
            # it stands where Total would be, so one (empty) quarter cell was
            # lost: the two values before it are TW IV and Total, as on the
            # other rows of the page
            names = ["rationale", "unit", "indicator", "q2", "q3", "q4", "total"]
            lay.update({n: a + 1 + k for k, n in enumerate(names)})
            lay.update(q1=None, link=link, tail=link + 1)
            return lay
        if gap == 9:
            names = ["rationale", "unit", "indicator", "q1", "q2", "q3", "q4", "total"]
        elif gap == 8:
            names = ["unit", "indicator", "q1", "q2", "q3", "q4", "total"]  # no Keterkaitan cell
        else:
            self.ctx.fail(
                line,
                "Keterkaitan, Satuan, Indikator, TW I-IV and Total between action and link cell",
                " | ".join(cells[a : link + 1]),
            )
        lay.update({n: a + 1 + k for k, n in enumerate(names)})
        lay.update(link=link, tail=link + 1)
        return lay

    def _tail(self, line, cells):
        """(sub_activity, budget_text, coordinator, executor, index map) from
        the cells after the outputs, read from the right."""
        idx = list(range(len(cells)))
        while idx and not cells[idx[-1]]:
            idx.pop()
        agencies = []
        while idx and len(agencies) < 2 and cells[idx[-1]] and _is_agency(cells[idx[-1]]):
            agencies.insert(0, idx.pop())
        while idx and not cells[idx[0]]:
            idx.pop(0)
        sub = budget = None
        if len(idx) == 2:
            sub, budget = idx
        elif len(idx) == 1:
            c = cells[idx[0]]
            if _is_value(c) or c == "-":
                budget = idx[0]
            else:
                sub = idx[0]
        elif len(idx) > 2:
            self.ctx.fail(
                line,
                "Sub Kegiatan, Jumlah Anggaran, Koordinator and Pelaksana at the end of the row",
                " | ".join(cells[i] for i in idx),
            )
        coord = agencies[0] if len(agencies) == 2 else None
        execu = agencies[-1] if agencies else None
        if len(agencies) == 1:
            coord = None
        get = lambda i: cells[i] if i is not None else None  # noqa: E731
        return dict(
            sub_activity=get(sub),
            budget_text=get(budget),
            coordinator_text=get(coord),
            executor_text=get(execu),
            _idx=dict(sub=sub, budget=budget, coord=coord, exec=execu),
        )

    def _record(self, line, fields, tail, has_outputs=True):
        lev = self.levels[-1] if self.tematik else self.levels[0]
        outer = self.levels[0]
        problem = (lev["perm"] or outer["perm"]) if self.tematik else outer["perm"]
        own_level = lev["perm"] is not None or not self.tematik
        problem_line = lev["perm_line"] if own_level else outer["perm_line"]
        rec = dict(
            source_line=line.no,
            table_id=self.table_id,
            section=self.section,
            track=self.track,
            problem=problem,
            parent_indicator=lev["ind"],
            parent_source_line=lev["line"],
        )
        if problem is not None and problem_line != line.no:
            rule = MERGED_CELL if own_level else OUTCOME_LEVEL
            note_inferred(rec, "problem", rule.format(problem_line))
        rec.update(fields)
        rec.update({k: v for k, v in tail.items() if not k.startswith("_")})
        for k in (
            "sub_activity",
            "budget_text",
            "coordinator_text",
            "executor_text",
            "rationale",
            "link_type",
        ):
            if rec.get(k) == "":
                rec[k] = None
        if rec.get("sub_activity") == "-":  # printed '-': no sub-activity (the budget cell keeps its '-')
            rec["sub_activity"] = None
        self._give_back_wrapped_end(rec)
        self._carry(rec, has_outputs)
        rec["_has_outputs"] = has_outputs
        rec["budget_idr"] = _budget(rec.get("budget_text"))
        rec["action_id"] = f"{self.ctx.doc_id}:{self.table_id}:{line.no}"
        if budgets.prints_a_budget(tail.get("budget_text")):
            budgets.printed_cell(self.budget_cells, line.no, rec, budgets.OWN_ROW, tail["budget_text"])
        self.out["actions"].append(rec)
        self.block.append(rec)
        # an indicator's target is the responsibility of the coordinator of
        # the first action under it that names one
        agency = rec.get("coordinator_text") or rec.get("executor_text")
        if agency and self._pending_targets:
            rule = COORDINATOR_OF_ACTION if rec.get("coordinator_text") else EXECUTOR_OF_ACTION
            for t in self._pending_targets:
                t["agency_text"] = agency
                note_inferred(t, "agency_text", rule.format(line.no))
            self._pending_targets = []
        self.last = rec
        return rec

    def _give_back_wrapped_end(self, rec):
        """A sub-activity cell that opens with the end of the row above's
        ('Pendapatan Daerah (BPKPAD) koordinasi ...' under '..., Kegiatan
        Pengelolaan', lines 766/768): the extraction put the wrapped end of
        the cell above at the top of this one. The opening words up to an
        agency in brackets, followed by a lower-case word, go back up when
        the sub-activity above stops without its agency in brackets."""
        m = _WRAPPED_END.match(rec.get("sub_activity") or "")
        prev = self.last
        if m is None or prev is None or not _is_agency(m.group(2)):
            return
        above = prev.get("sub_activity") or ""
        if not above or above.rstrip().endswith(")"):
            return
        whole = f"{above} {m.group(1)}"
        for r in self.block + [prev]:  # copies carried down from the row above
            if r.get("sub_activity") == above:
                r["sub_activity"] = whole
                note_inferred(r, "sub_activity", CONTINUED.format(rec["source_line"]))
        budgets.wrapped(
            self.budget_cells, prev, "sub_activity", m.group(1), CONTINUED.format(rec["source_line"])
        )
        rec["sub_activity"] = rec["sub_activity"][m.end() :]

    def _carry(self, rec, has_outputs):
        """Merged sub-activity / budget / agency cells under one indicator
        (only for rows with outputs: a parent row listing no outputs of its
        own has nothing to carry)."""
        if not has_outputs:
            return
        above = [r for r in self.block if r.get("_has_outputs")]
        if not above:
            return
        prev = above[-1]
        # a merged sub-activity cell leaves both sub-activity and budget empty;
        # a row with its own budget but no sub-activity simply names none
        merged = rec.get("sub_activity") is None and rec.get("budget_text") is None
        for k in ("sub_activity", "coordinator_text", "executor_text"):
            if rec.get(k) is None and (merged or k != "sub_activity"):
                rec[k] = prev.get(k)
                if rec[k] is not None:
                    # the line the merged cell was printed on, however far down it was carried
                    origin = prev.get("_printed_on", {}).get(k, prev["source_line"])
                    rec.setdefault("_printed_on", {})[k] = origin
                    note_inferred(rec, k, CARRIED.format(origin))
        if rec.get("budget_text") is None:
            holder = next((r for r in reversed(above) if r.get("budget_text") not in (None, "-")), None)
            if holder is not None:
                rec["budget_shared_with"] = holder.get("budget_shared_with") or holder["action_id"]

    def _quarters(self, line, cells, lay, action_id):
        # a row whose quarters were put back in place (see _layout_after)
        realigned = lay.get("q1", 0) is None
        for name, period in zip(("q1", "q2", "q3", "q4", "total"), QUARTERS):
            i = lay[name]
            text = cells[i] if i is not None and i < len(cells) else ""
            c = parse_cell(text)
            if not c.ok:
                self.ctx.fail(line, f"a quarterly target or total ({period})", text)
            wrong = out_of_range(c)
            if wrong:
                self.ctx.fail(line, f"{wrong} ({period})", text)
            row = dict(
                action_id=action_id,
                source_line=line.no,
                period=period,
                value=c.value,
                value_text=text,
                value_label=c.label,
            )
            if realigned:
                note_inferred(row, "value", LOST_CELL if i is None else REALIGNED)
            self.out["action_targets"].append(row)

    def _action(self, line, cells, a, sub_label):
        lay = self._layout_after(line, cells, a)
        get = lambda n: cells[lay[n]] if n in lay and lay[n] < len(cells) else ""  # noqa: E731
        tail = self._tail(line, cells[lay["tail"] :]) if lay["tail"] < len(cells) else self._tail(line, [])
        m = _MARK.match(cells[a])
        fields = dict(
            output_unit=get("unit") or None,
            output_indicator=get("indicator") or None,
            rationale=get("rationale") or None,
            link_type=get("link") or None,
        )
        if sub_label:
            parent = self.main
            if parent is None:
                self.ctx.fail(line, "an action (a., b., ...) above its school-level sub-row", sub_label)
            if sub_label in self.sub_labels:
                self.ctx.fail(
                    line,
                    f"one sub-row per school level under action {parent.get('action_no') or ''} "
                    f"(line {parent['source_line']})",
                    f"a second '{sub_label}'",
                )
            own = fields["rationale"]
            if not own:
                self.ctx.report.add(line, self.table_id, SUB_ROW_WITHOUT_TEXT)
            fields.update(
                action=parent["action"],
                action_no=parent.get("action_no"),
                sub_row=sub_label,
                parent_action_id=parent["action_id"],
                rationale=self._sub_rationale(line, parent, own),
            )
            self.sub_labels.add(sub_label)
        else:
            if (self.levels[-1] if self.tematik else self.levels[0])["line"] is None:
                self.ctx.fail(
                    line, f"an indicator and its target before the first action of {self.table_id}", cells[a]
                )
            self._check_letter(line, m.group(1) if m else None, cells[a])
            fields.update(action_no=(m.group(1) + ".") if m else None, action=m.group(2) if m else cells[a])
        rec = self._record(line, fields, tail, has_outputs="q1" in lay)
        if sub_label:
            # a sub-row prints its school level, not its action; its Keterkaitan
            # cell, where it prints one, repeats part of the action's
            of_parent = OF_ACTION.format(self.main["source_line"])
            for k in ("action_no", "action", "rationale"):
                if rec.get(k) is not None and (k != "rationale" or rec[k] != own):
                    note_inferred(rec, k, of_parent)
        else:
            self.main = rec
            self.sub_labels = set()
        if "q1" in lay:
            self._quarters(line, cells, lay, rec["action_id"])
        self.layout = self._index_map(lay, tail, lay["tail"])

    def _check_letter(self, line, letter, cell):
        """Actions under an indicator are lettered a., b., c., ... The row that
        opens an indicator may also go on from the letters above it (line 811,
        'd.' under a new outcome after 'a.'-'c.'); after a page break letters
        may jump ahead (rows lost with a page, line 828 'k.' after 'b.'). An
        unlettered action (Lampiran II) is the only action of its indicator
        and stands on the indicator's row. Anything else is an action moved
        away from its indicator."""
        opened = self.group_line == line.no
        if letter is None:
            if not opened:
                self.ctx.fail(line, "an indicator and its target before an unlettered action", cell)
            self.group_letter = _UNLETTERED
            return
        if self.group_letter == _UNLETTERED:
            self.ctx.fail(
                line,
                f"no other action under the indicator of line {self.group_line} (its one action is unlettered)",
                cell,
            )
        if opened:
            allowed = {"a", _next_letter(self.letter)}
            expected = "a." if self.letter is None else f"a. or {_next_letter(self.letter)}."
        else:
            want = _next_letter(self.group_letter)
            allowed = {want}
            expected = f"{want}."
            if self.after_break and letter > want:
                allowed.add(letter)
        if letter not in allowed:
            self.ctx.fail(line, f"action {expected} (actions under an indicator run a., b., c., ...)", cell)
        self.letter = self.group_letter = letter

    def _sub_rationale(self, line, parent, own):
        """A sub-row repeats (part of) its parent's Keterkaitan, or continues it
        when the parent's text was cut by a page break (the first sub-row,
        right after the break). Other text means the sub-row belongs to
        another action."""
        base = parent.get("rationale") or ""
        if not own or own in base:
            return base or None
        if own[:1].islower() and not self.sub_labels and self.after_break:
            parent["rationale"] = f"{base} {own}".strip()
            note_inferred(parent, "rationale", CONTINUED.format(line.no))
            return parent["rationale"]
        self.ctx.fail(
            line,
            f"a sub-row repeating the Keterkaitan of its action {parent.get('action_no') or ''} "
            f"(line {parent['source_line']})",
            own,
        )

    def _second_output(self, line, cells, link):
        """A row with quarter values and a link cell but no action: a second
        output of the action above (its unit and indicator left of the
        quarters, its own sub-activity and budget right of the link)."""
        if self.main is None:
            self.ctx.fail(line, "an action before a row of outputs", line.text)
        lay = {
            "q1": link - 5,
            "q2": link - 4,
            "q3": link - 3,
            "q4": link - 2,
            "total": link - 1,
            "link": link,
        }
        left = [c for c in cells[: link - 5] if c]
        if len(left) != 2:
            self.ctx.fail(line, "Satuan and Indikator of a second output", " | ".join(left))
        tail = self._tail(line, cells[link + 1 :])
        parent = self.main
        fields = dict(
            action=parent["action"],
            action_no=parent.get("action_no"),
            sub_row="second output",
            parent_action_id=parent["action_id"],
            rationale=parent.get("rationale"),
            output_unit=left[0],
            output_indicator=left[1],
            link_type=cells[link],
        )
        rec = self._record(line, fields, tail)
        for k in ("action_no", "action", "rationale"):
            if rec.get(k) is not None:
                note_inferred(rec, k, OF_ACTION.format(parent["source_line"]))
        self._quarters(line, cells, lay, rec["action_id"])
        self.layout = self._index_map(lay, tail, link + 1)
        self.ctx.report.add(line, self.table_id, SECOND_OUTPUT)

    def _indicator_only(self, line, cells, t):
        """An indicator row with its own sub-activity and budget but no action."""
        tail = self._tail(line, cells[t + 1 :])
        rec = self._record(line, dict(action=None, action_no=None), tail)
        self.layout = self._index_map({}, tail, t + 1)
        return rec

    @staticmethod
    def _index_map(lay, tail, offset):
        m = {v: k for k, v in lay.items() if k not in ("tail",) and isinstance(v, int)}
        for k, i in tail["_idx"].items():
            if i is not None:
                m[offset + i] = k
        return m

    # -- rows that continue the row above --------------------------------------
    def _continuation(self, line, cells, nxt):
        if self.last is None:
            self.ctx.fail(line, "an action row before its continuation", line.text)
        rec = self.last
        frags = [(i, c) for i, c in enumerate(cells) if c]
        if any(_is_value(c) for _, c in frags):
            # a second sub-activity with its own amount (and perhaps agencies):
            # read it like any row's tail, list it, add the amount
            tail = self._tail(line, cells)
            if budgets.prints_a_budget(tail["budget_text"]):
                # its own budget line; agencies it does not print are the action's (a merged cell)
                own = dict(
                    sub_activity=tail["sub_activity"] or None,
                    coordinator_text=tail["coordinator_text"] or rec.get("coordinator_text"),
                    executor_text=tail["executor_text"] or rec.get("executor_text"),
                )
                borrowed = [
                    (k, OF_ACTION.format(rec["source_line"]))
                    for k in ("coordinator_text", "executor_text")
                    if not tail[k] and own[k]
                ]
                budgets.printed_cell(
                    self.budget_cells,
                    line.no,
                    rec,
                    budgets.SECOND_SUB_ACTIVITY,
                    tail["budget_text"],
                    own,
                    borrowed,
                )
            for key in ("sub_activity", "budget_text", "coordinator_text", "executor_text"):
                new, old = tail[key], rec.get(key)
                if new and new != old:
                    rec[key] = f"{old}; {new}" if old else new
                    note_inferred(rec, key, SECOND_SUB_ACTIVITY_ON.format(line.no))
            rec["budget_idr"] = _budget(rec["budget_text"])
            self.ctx.report.add(
                line, self.table_id, f"continuation of line {rec['source_line']} (second sub-activity)"
            )
            self.ctx.report.add(line, self.table_id, SECOND_SUB_ACTIVITY)
            return
        # wrapped text: each fragment continues the cell of its column. The
        # extraction splits a cell over two rows only at a page break; a
        # fragment anywhere else is a row out of place
        if not self.after_break:
            self.ctx.fail(
                line,
                "an action, sub-row or output row (text continues the row above only after a page break)",
                " | ".join(c for _, c in frags),
            )
        layout = self.layout
        if nxt is not None and not all(i in layout for i, _ in frags):
            a, _ = self._action_index(list(nxt.cells))
            if a is not None:
                nx = list(nxt.cells)
                lay = self._layout_after(nxt, nx, a)
                layout = self._index_map(lay, self._tail(nxt, nx[lay["tail"] :]), lay["tail"])
        fields = {
            "action": "action",
            "rationale": "rationale",
            "unit": "output_unit",
            "indicator": "output_indicator",
            "sub": "sub_activity",
            "budget": "sub_activity",
            "coord": "coordinator_text",
            "exec": "executor_text",
        }
        for i, c in frags:
            name = layout.get(i)
            if name not in fields:
                self.ctx.fail(line, "a fragment continuing a cell of the row above", c)
            # ('budget' here is a text fragment under the budget column: it wraps the sub-activity)
            key = fields[name]
            # a sub-row, a second output or an indicator-only row takes its
            # action (a second output also its Keterkaitan) from the row it
            # belongs to: it printed no such cell that could wrap
            inherited = {"action"} if rec.get("sub_row") or rec.get("action") is None else set()
            if rec.get("sub_row") == "second output":
                inherited.add("rationale")
            if key in inherited:
                self.ctx.fail(line, f"a fragment continuing a cell printed on the row above ({key})", c)
            old = rec.get(key)
            rec[key] = f"{old} {c}" if old else c
            note_inferred(rec, key, CONTINUED.format(line.no))
            budgets.wrapped(self.budget_cells, rec, key, c, CONTINUED.format(line.no))
        self.ctx.report.add(line, self.table_id, f"continuation of line {rec['source_line']}")


def _budget(text):
    """``actions.budget_idr``: rupiah amount of a budget cell; a cell listing
    several labelled amounts (or the cells of several sub-activities joined
    with '; ') is their sum; NaN if none. The budget lines
    (:mod:`rbdata.sources.batang.budgets`) keep each cell apart."""
    if not text:
        return math.nan
    total = 0.0
    for p in text.split(";"):
        amount = budgets.amount_of(p.strip())
        if math.isnan(amount):
            return math.nan
        total += amount
    return total

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
"""

from __future__ import annotations

import functools
import math
import re

from rbdata.reference import read_reference
from rbdata.sources.batang.document import section_path  # one heading rule for the whole document
from rbdata.text.agencies import resolve_agencies
from rbdata.text.lines import pages
from rbdata.text.numbers import is_value as _is_value
from rbdata.text.numbers import parse_cell

_MARK = re.compile(r"^([a-z])\.\s+(.+)$", re.S)
_SUBROW = re.compile(r"^(PNF|PAUD|SD|SMP|SMA|SMK|MI|MTs)$")
_LINK = re.compile(r"^terkait\b", re.I)
# 'Pendapatan Daerah (BPKPAD) koordinasi ...': words closing with an agency
# in brackets, then a lower-case word (see _Plan._give_back_wrapped_end)
_WRAPPED_END = re.compile(r"^([A-Z][^()]{0,60}\(([^()]+)\))\s+(?=[a-z])")
QUARTERS = ("2023Q1", "2023Q2", "2023Q3", "2023Q4", "2023")


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
            link = (
                None
                if a is None
                else next((i for i in range(a + 1, len(cells)) if _LINK.match(cells[i])), None)
            )
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


def _norm(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", (text or "").casefold())


class _Plan:
    """State while reading one action plan: the current indicator groups,
    the last action (for sub-rows and continuations) and merged-cell carry."""

    def __init__(self, ctx, table_id, section, track, tematik, out):
        self.ctx, self.table_id, self.section, self.track, self.tematik, self.out = (
            ctx,
            table_id,
            section,
            track,
            tematik,
            out,
        )
        self.levels = [dict(perm=None, goal=None, ind=None, target=None, line=None) for _ in range(2)]
        self.last = None  # last action record (main row, sub-row or indicator-only row)
        self.main = None  # last main action (parent of sub-rows)
        self.block = []  # actions under the current indicator (merged-cell carry)
        self.layout = {}  # column index -> field of the last row (for continuations)
        self.problems = _known_problems(ctx) if not tematik else []
        self.page_extra: set[int] = set()
        self._pending_targets = []

    # -- dispatch ------------------------------------------------------------
    def row(self, line, nxt):
        cells = list(line.cells)
        a, sub_label = self._action_index(cells)
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
                vals["perm"] = self._join_problem(lev["perm"], vals["perm"])
            if "goal" in vals or first_level + k == 0:
                self.block = []
            lev.update(vals, line=line.no)
            if "goal" in vals and first_level + k == 0 and nlev == 2:
                self.levels[1].update(perm=None, goal=None)
            self.block = []
            self._target(line, first_level + k)

    def _join_problem(self, previous, text):
        """A Permasalahan cell split over a page break continues the one above
        when the two together give one of the document's strategic issues."""
        if previous and self.problems:
            joined = f"{previous} {text}"
            for p in self.problems:
                if _norm(p).startswith(_norm(joined)) and not _norm(p).startswith(_norm(text)):
                    for rec in self.out["actions"] + self.out["targets"]:
                        if rec.get("problem") == previous and rec["table_id"] == self.table_id:
                            rec["problem"] = joined
                    return joined
        return text

    def _target(self, line, level):
        lev = self.levels[level]
        objective = lev["goal"] if self.tematik else self.levels[0]["goal"]
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
        row.update(value=c.value, value_text=lev["target"], value_label=c.label)
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
        rec = dict(
            source_line=line.no,
            table_id=self.table_id,
            section=self.section,
            track=self.track,
            problem=problem,
            parent_indicator=lev["ind"],
            parent_source_line=lev["line"],
        )
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
        self.out["actions"].append(rec)
        self.block.append(rec)
        # an indicator's target is the responsibility of the coordinator of
        # the first action under it that names one
        agency = rec.get("coordinator_text") or rec.get("executor_text")
        if agency and self._pending_targets:
            for t in self._pending_targets:
                t["agency_text"] = agency
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
        if rec.get("budget_text") is None:
            holder = next((r for r in reversed(above) if r.get("budget_text") not in (None, "-")), None)
            if holder is not None:
                rec["budget_shared_with"] = holder.get("budget_shared_with") or holder["action_id"]

    def _quarters(self, line, cells, lay, action_id):
        for name, period in zip(("q1", "q2", "q3", "q4", "total"), QUARTERS):
            i = lay[name]
            text = cells[i] if i is not None and i < len(cells) else ""
            c = parse_cell(text)
            if not c.ok:
                self.ctx.fail(line, f"a quarterly target or total ({period})", text)
            self.out["action_targets"].append(
                dict(
                    action_id=action_id,
                    source_line=line.no,
                    period=period,
                    value=c.value,
                    value_text=text,
                    value_label=c.label,
                )
            )

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
            own = fields["rationale"]
            fields.update(
                action=parent["action"],
                action_no=parent.get("action_no"),
                sub_row=sub_label,
                parent_action_id=parent["action_id"],
                rationale=self._sub_rationale(parent, own),
            )
        else:
            fields.update(action_no=(m.group(1) + ".") if m else None, action=m.group(2) if m else cells[a])
        rec = self._record(line, fields, tail, has_outputs="q1" in lay)
        if not sub_label:
            self.main = rec
        if "q1" in lay:
            self._quarters(line, cells, lay, rec["action_id"])
        self.layout = self._index_map(lay, tail, lay["tail"])

    @staticmethod
    def _sub_rationale(parent, own):
        """A sub-row repeats (part of) its parent's Keterkaitan, or continues it
        when the parent's text was cut by a page break."""
        base = parent.get("rationale") or ""
        if not own or own in base:
            return base or None
        if own[:1].islower():
            parent["rationale"] = f"{base} {own}".strip()
            return parent["rationale"]
        return own

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
        self._quarters(line, cells, lay, rec["action_id"])
        self.layout = self._index_map(lay, tail, link + 1)

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
            for key in ("sub_activity", "budget_text", "coordinator_text", "executor_text"):
                new, old = tail[key], rec.get(key)
                if new and new != old:
                    rec[key] = f"{old}; {new}" if old else new
            rec["budget_idr"] = _budget(rec["budget_text"])
            self.ctx.report.add(
                line, self.table_id, f"continuation of line {rec['source_line']} (second sub-activity)"
            )
            return
        # wrapped text: each fragment continues the cell of its column
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
            old = rec.get(key)
            rec[key] = f"{old} {c}" if old else c
        self.ctx.report.add(line, self.table_id, f"continuation of line {rec['source_line']}")


def _budget(text):
    """Rupiah amount of a budget cell; a cell listing several labelled amounts
    (or several sub-activities joined with '; ') is their sum; NaN if none."""
    if not text:
        return math.nan
    parts = [p.strip() for p in text.split(";")]
    total = 0.0
    for p in parts:
        c = parse_cell(p)
        if not c.ok or math.isnan(c.value):
            return math.nan
        total += c.value
    return total

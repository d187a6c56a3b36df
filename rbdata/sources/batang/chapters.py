"""Readers of the tables in Chapters II, IV and V of Perbup Batang 53/2023.

Tabel 2.1 (the national crosswalk of the 22 old outcome indicators), Tabel
2.2-2.4 (goals, strategic goals, Kegiatan Utama), Tabel 4.1 (theme scores),
Tabel 4.2 (Tematik targets), Tabel 5.1-5.2 (teams) and the expected outputs
of Bab V. Each reader takes the caption line and the lines the table owns
(see :func:`rbdata.sources.batang.document.table_blocks`) and appends row
dicts to ``out``. Values a row takes from a merged cell printed on a line
above it are noted in its ``inferred`` column.
"""

from __future__ import annotations

import re

from rbdata.reference import area_of, english_label
from rbdata.sources.batang.document import (
    CARRIED,
    GROUP_HEADING,
    MERGED_CELL,
    PAIRED,
    REALIGNED,
    SENTENCE,
    TARGET_YEAR,
    expect_next_number,
    expect_width,
    header_periods,
    note_inferred,
    section_path,
    value_row,
)
from rbdata.text.lines import bullets, clean
from rbdata.text.numbers import parse_cell, parse_number

# Reasons in the parse report for readings that rest on position alone: a
# merged cell is printed once, on the first row it spans, and nothing on the
# rows below ties them to it (a row moved across the edge of the merged cell
# would silently change its objective).
MERGED_OBJECTIVE = "assumption: empty No and objective cells: the objective of the row above (merged cell)"
MERGED_KU = "assumption: empty Kegiatan Utama cell: the Kegiatan Utama of the row above (merged cell)"

# --- Chapter II: goals, strategic goals, Kegiatan Utama ---------------------


def goal_table(ctx, table_id, caption, rows, out):
    """Tabel 2.2 (Tujuan) and 2.3 (Sasaran Strategis): No, objective,
    indicator, then value columns named by the header."""
    section = section_path(ctx, caption)
    header, body = rows[0], rows[1:]
    ctx.report.add(header, table_id, "header")
    periods = header_periods([header])
    if not periods:
        ctx.fail(header, f"a header naming baseline/target years in {table_id}", header.text)
    objective = number = objective_line = None
    for line in body:
        expect_width(ctx, line, len(header.cells), table_id)
        if line.cell(0):
            number = expect_next_number(
                ctx, line, int(line.cell(0)) if line.cell(0).isdigit() else -1, number, "row number"
            )
        if line.cell(1):
            objective, objective_line = line.cell(1), line.no
        elif objective is None:
            ctx.fail(line, f"the first row of {table_id} with its number and objective", line.text)
        indicator = line.cell(2)
        values = [(i, line.cell(i)) for i in periods]
        if not indicator:
            ctx.fail(line, f"an indicator in column 3 of {table_id}", line.text)
        if not any(v for _, v in values):
            ctx.report.add(line, table_id, "group heading (indicator group without values)")
            continue
        if not line.cell(1):
            ctx.report.add(line, table_id, MERGED_OBJECTIVE)
        base = dict(
            source_line=line.no,
            table_id=table_id,
            section=section,
            indicator_no=line.cell(0) or None,
            objective=objective,
            indicator=indicator,
            unit=None,
            track="General" if table_id == "Tabel 2.3" else None,
        )
        if objective_line != line.no:
            base["_inferred"] = [("objective", MERGED_CELL.format(objective_line))]
        for i, text in values:
            kind, year = periods[i]
            out["targets"].append(value_row(ctx, line, text, **base, period=year, kind=kind))


def ku_table(ctx, table_id, caption, rows, out):
    """Tabel 2.4: Kegiatan Utama, indicator, baseline (2022), targets 2023
    and 2024, Koordinator, Pelaksana. An empty Kegiatan Utama cell means the
    one above (merged cell). The Koordinator is the row's agency
    (``agency_text``); Pelaksana reads 'Perangkat Daerah' (every regional
    agency) on every row and is kept as ``executor_text``."""
    section = section_path(ctx, caption)
    h1, h2 = rows[0], rows[1]
    ctx.report.add(h1, table_id, "header")
    ctx.report.add(h2, table_id, "header")
    periods = header_periods([h1, h2])
    ku = ku_line = None
    for line in rows[2:]:
        expect_width(ctx, line, len(h1.cells), table_id)
        if line.cell(0):
            ku, ku_line = line.cell(0), line.no
        if ku is None:
            ctx.fail(line, "a Kegiatan Utama in the first row of Tabel 2.4", line.text)
        if not line.cell(0):
            ctx.report.add(line, table_id, MERGED_KU)
        if line.cell(6) != "Perangkat Daerah":
            ctx.fail(
                line,
                "'Perangkat Daerah' in the Pelaksana column of Tabel 2.4 (every regional agency, as on every row)",
                line.cell(6),
            )
        base = dict(
            source_line=line.no,
            table_id=table_id,
            section=section,
            objective=ku,
            indicator=line.cell(1),
            unit=None,
            agency_text=line.cell(5) or None,
            executor_text=line.cell(6),
            track="General",
        )
        if ku_line != line.no:
            base["_inferred"] = [("objective", MERGED_CELL.format(ku_line))]
        for i, (kind, year) in periods.items():
            out["targets"].append(value_row(ctx, line, line.cell(i), **base, period=year, kind=kind))


def crosswalk(ctx, table_id, caption, rows, out):
    """Tabel 2.1: area, old indicator 'N. name', availability up to 2021,
    fate after sharpening. Area, availability and fate cells are merged over
    the rows they cover (printed once, empty below). The source note under
    the table names the ministry: the indicators are national ones."""
    header, body = rows[0], rows[1:]
    ctx.report.add(header, table_id, "header")
    authority_line = _national_source_note(ctx, table_id, rows[-1])
    area = avail = fate = number = None
    printed_on: dict[str, int] = {}  # line each merged cell was printed on
    for line in body:
        expect_width(ctx, line, len(header.cells), table_id)
        cells = list(line.cells) + [""] * 4
        # a row shifted one cell left starts with the numbered indicator itself
        shifted = bool(re.match(r"^\d+\.\s", cells[0]))
        if shifted:
            cells = [""] + cells
        m = re.match(r"^(\d+)\.\s*(.+)$", cells[1])
        if not m:
            ctx.fail(line, "an old indicator 'N. name' in the second column of Tabel 2.1", line.text)
        no, name = int(m.group(1)), m.group(2)
        number = expect_next_number(ctx, line, no, number, "old indicator number")
        for column, at in (("area", 0), ("availability_text", 2), ("fate_text", 3)):
            if cells[at]:
                printed_on[column] = line.no
        area = cells[0] or area
        avail = cells[2] or avail
        fate = cells[3] or fate
        kind, into, synergy = _fate_of(no, fate or "")
        if kind is None:
            ctx.fail(
                line,
                f"a fate for indicator {no} (dilanjutkan / diintegrasikan / tidak dilanjutkan / digantikan)",
                fate,
            )
        key, area_en = area_of(area or "")
        row = dict(
            source_line=line.no,
            table_id=table_id,
            area=area,
            area_key=key,
            area_en=area_en,
            indicator_no=no,
            indicator=name,
            availability_text=avail,
            available_2021=_available(avail),
            fate_text=fate,
            fate=kind,
            merged_into=into,
            synergised_with=synergy,
            authority="national",
            authority_line=authority_line,
        )
        if shifted:
            note_inferred(row, "indicator_no", REALIGNED)
            note_inferred(row, "indicator", REALIGNED)
        # area, availability and fate printed once above, as merged cells;
        # the columns read from them (area_key, available_2021, fate, ...) follow
        for column in ("area", "availability_text", "fate_text"):
            if row[column] is not None and printed_on[column] != line.no:
                note_inferred(row, column, MERGED_CELL.format(printed_on[column]))
        out["indicator_crosswalk"].append(row)


#: The source note under Tabel 2.1: the ministry of administrative reform
#: (Kementerian PANRB) sets the indicators, so they are national.
_NATIONAL_SOURCE = re.compile(r"^Sumber\s*:\s*Kementerian\s+PANRB\s*$", re.I)


def _national_source_note(ctx, table_id, last_row):
    """Line of the note 'Sumber: Kementerian PANRB', the first text after the
    table's last row."""
    expected = f"the source note 'Sumber: Kementerian PANRB' under {table_id}"
    for line in ctx.lines[last_row.no :]:
        text = line.text.strip()
        if text:
            if not _NATIONAL_SOURCE.match(text):
                ctx.fail(line, expected, text)
            return line.no
    ctx.fail(last_row, expected, "the end of the document")


_SUBJECT = re.compile(
    r"indikator\s+(\d+)(?:\s*(dan|s\.d\.?|–|-)\s*(\d+))?\s+(?=dilanjutkan|tidak|diintegrasikan|digantikan)",
    re.I,
)


def _fate_of(no: int, text: str):
    """(fate, merged_into, synergised_with) of indicator ``no`` in a fate cell.

    The cell may speak of several indicators ('Indikator 10 s.d 12
    diintegrasikan ke dalam Indikator 11'); the clause whose subject covers
    ``no`` decides. A clause without subject speaks of the row itself."""
    clauses = []
    ms = list(_SUBJECT.finditer(text))
    for k, m in enumerate(ms):
        a = int(m.group(1))
        b = int(m.group(3)) if m.group(3) else a
        subjects = {a, b} if (m.group(2) or "").lower() == "dan" else set(range(a, b + 1))
        end = ms[k + 1].start() if k + 1 < len(ms) else len(text)
        clauses.append((subjects, text[m.end() : end]))
    picked = next(((s, c) for s, c in clauses if no in s), None)
    if picked is None:
        if clauses:
            return None, None, None
        picked = ({no}, text)
    subjects, clause = picked
    low = clause.lower()
    syn = re.search(r"disinergikan\s+(?:ke\s+)?(?:dengan\s+)?indikator\s+(\d+)(?:\s+dan\s+(\d+))?", low)
    synergy = ";".join(g for g in syn.groups() if g) if syn else None
    if synergy is None and "disinergikan" in low and len(subjects) > 1:
        # 'Indikator 13 dan 14 dilanjutkan, disinergikan': with each other
        synergy = ";".join(str(x) for x in sorted(subjects) if x != no)
    if "tidak dilanjutkan" in low:
        return "dropped", None, None
    if "digantikan" in low:
        return "replaced", None, None
    into = re.search(r"diintegrasikan\s+(?:ke\s+dalam|dengan)\s+indikator\s+(\d+)", low)
    if into:
        target = int(into.group(1))
        return ("continued", None, None) if target == no else ("merged", target, None)
    if "dilanjutkan" in low:
        return "continued", None, synergy
    return None, None, None


def _available(text):
    if not text:
        return None
    low = text.lower()
    if "belum" in low:
        return False
    if "sudah" in low:
        return True
    return None


# --- Chapter IV: theme selection and Tematik targets ------------------------


def theme_scores(ctx, table_id, caption, rows, out):
    """Tabel 4.1: No, theme, existing condition, target, five criteria scores
    (named by the header), printed total."""
    header, body = rows[0], rows[1:]
    ctx.report.add(header, table_id, "header")
    names = list(header.cells)
    if len(names) < 10 or not re.match(r"nilai total", names[-1], re.I):
        ctx.fail(header, "the Tabel 4.1 header ending in 'Nilai Total'", header.text)
    criteria = names[4:-1]
    chosen, chosen_line = _chosen_themes_sentence(ctx, caption)
    number = None
    for line in body:
        expect_width(ctx, line, len(names), table_id)
        cells = list(line.cells)
        theme = cells[1]
        if not cells[0].isdigit() or not theme:
            ctx.fail(line, "a numbered theme row of Tabel 4.1", line.text)
        number = expect_next_number(ctx, line, int(cells[0]), number, "theme number")
        ex, tg = parse_cell(cells[2]), parse_cell(cells[3])
        total = _whole(ctx, line, cells[len(names) - 1], "the printed total (a whole number)")
        for j, crit in enumerate(criteria):
            score_row = dict(
                source_line=line.no,
                table_id=table_id,
                theme_no=int(cells[0]),
                theme=theme,
                theme_en=english_label("themes", "theme", theme, "theme_en"),
                criterion=crit,
                criterion_en=english_label("criteria", "criterion", crit, "criterion_en"),
                score=_whole(ctx, line, cells[4 + j], f"a whole-number score for {crit!r}"),
                existing_text=cells[2],
                existing_value=ex.value,
                target_text=cells[3],
                target_value=tg.value,
                printed_total=total,
                selected=theme.casefold() in chosen.casefold(),
            )
            # the criterion is the column's header, like a target's year; the
            # choice is stated in the sentence under the table
            if chosen_line is not None:
                note_inferred(score_row, "selected", SENTENCE.format(chosen_line))
            out["theme_scores"].append(score_row)
    if not any(r["selected"] for r in out["theme_scores"]):
        ctx.fail(caption, "a sentence after Tabel 4.1 naming the chosen themes", chosen)


def _whole(ctx, line, text, what):
    try:
        v = parse_number(text)
    except ValueError:
        ctx.fail(line, what, text)
    if v != int(v):
        ctx.fail(line, what, text)
    return int(v)


def _chosen_themes_sentence(ctx, caption) -> tuple[str, int | None]:
    """The part after 'adalah' of the sentence that states the choice, and its line."""
    for line in ctx.lines[caption.no :]:
        if re.search(r"tema yang dipilih", line.text, re.I):
            return line.text.split("adalah", 1)[-1], line.no
    return "", None


def _track_of_theme(theme: str) -> str:
    # 'Pengentasan Kemiskinan' -> 'Tematik Kemiskinan', 'Peningkatan Investasi' -> 'Tematik Investasi'
    return "Tematik " + theme.split()[-1].capitalize()


def tematik_targets(ctx, table_id, caption, rows, out):
    """Tabel 4.2: theme, Tematik goal, indicator, baseline 2022, targets
    2023 and 2024 (two header lines)."""
    section = section_path(ctx, caption)
    h1, h2 = rows[0], rows[1]
    ctx.report.add(h1, table_id, "header")
    ctx.report.add(h2, table_id, "header")
    periods = header_periods([h1, h2])
    theme = goal = goal_line = None
    for line in rows[2:]:
        expect_width(ctx, line, len(h1.cells), table_id)
        theme = line.cell(0) or theme
        if line.cell(1):
            goal, goal_line = line.cell(1), line.no
        if not theme or not line.cell(2):
            ctx.fail(line, "theme and indicator cells of Tabel 4.2", line.text)
        base = dict(
            source_line=line.no,
            table_id=table_id,
            section=section,
            objective=goal,
            indicator=line.cell(2),
            unit=None,
            track=_track_of_theme(theme),
        )
        if goal is not None and goal_line != line.no:
            base["_inferred"] = [("objective", MERGED_CELL.format(goal_line))]
        for i, (kind, year) in periods.items():
            out["targets"].append(value_row(ctx, line, line.cell(i), **base, period=year, kind=kind))


# --- Chapter V: teams and expected outputs -----------------------------------


def teams(ctx, table_id, caption, rows, out):
    """Tabel 5.1 / 5.2: steering and executing parts; 'Anggota' spans numbered
    members printed one per row with the role cell empty."""
    team = "General" if table_id == "Tabel 5.1" else "Tematik"
    part = role = row_no = member_no = part_line = role_line = None
    for line in rows:
        cells = [c for c in line.cells]
        joined = " ".join(cells).upper()
        if "TIM PENGARAH" in joined or "TIM PELAKSANA" in joined:
            part = "steering" if "PENGARAH" in joined else "executing"
            part_line = line.no
            # each part numbers its rows and members afresh: a member row
            # carried over from the part above breaks the numbering
            role = row_no = member_no = None
            ctx.report.add(line, table_id, "group heading")
            continue
        if "JABATAN DALAM TIM" in joined:
            ctx.report.add(line, table_id, "header")
            continue
        if part is None:
            ctx.fail(line, "'TIM PENGARAH' or 'TIM PELAKSANA' before the first member", line.text)
        if any(line.cells[4:]):
            ctx.fail(line, "No | role in the team | [member no] | position held", line.text)
        if line.cell(0):
            if not line.cell(0).isdigit():
                ctx.fail(line, "a row number", line.cell(0))
            row_no = expect_next_number(ctx, line, int(line.cell(0)), row_no, "row number")
            member_no = None
        if line.cell(1):
            role, role_line = line.cell(1), line.no
        c2, c3 = line.cell(2), line.cell(3)
        if c2.isdigit():
            if not c3:
                ctx.fail(line, f"the position held by member {c2}", line.text)
            member_no = expect_next_number(ctx, line, int(c2), member_no, "member number")
            member, position = member_no, c3
        else:
            if c3:
                ctx.fail(line, "a member number before the position held", line.text)
            if line.cell(0) == "" and member_no is not None:
                ctx.fail(line, f"member number {member_no + 1}", line.text)
            member, position = None, c2
        if not position:
            ctx.fail(line, "a position held (jabatan dalam dinas)", line.text)
        member_row = dict(
            source_line=line.no,
            table_id=table_id,
            team=team,
            part=part,
            role=role,
            member_no=member,
            position=position,
        )
        # the part is the heading row ('TIM PENGARAH') above the rows; a
        # member's role ('Anggota') is printed on the first member's row only
        note_inferred(member_row, "part", GROUP_HEADING.format(part_line))
        if role is not None and role_line != line.no:
            note_inferred(member_row, "role", MERGED_CELL.format(role_line))
        out["teams"].append(member_row)


_LABELLED = re.compile(r"^(Indikator|Target)\s*:\s*(.*)$", re.S | re.I)

#: Reason in the parse report where a Kegiatan Utama lists several indicators
#: and targets: the i-th target is read as the target of the i-th indicator.
PAIRED_BY_POSITION = (
    "assumption: indicators and targets paired by position in their bullet lists (no label ties them)"
)


def outputs(ctx, table_id, caption, rows, out):
    """Bab V 'Hasil dan Output': per Kegiatan Utama its leading institution,
    indicators and 2024 targets ('Indikator: ...', 'Target: ... pada Tahun
    2024', possibly as bullet lists), and numbered outputs with year and
    responsible unit. Cells are read by content, because several rows are
    shifted sideways: a numbered cell is an output, a year cell its year,
    the cell after the year the responsible unit.

    The layout is checked where it ties rows together, because the targets
    are paired with the indicators by position: Kegiatan Utama are numbered
    1, 2, ... and their outputs 1., 2., ...; each has one 'Indikator:' cell
    and after it one 'Target:' cell (a label printed alone is followed by its
    bullet list on the next row), no more targets than indicators, and no
    cell outside this layout. A row moved to another Kegiatan Utama breaks
    one of these and raises :class:`rbdata.ParseError` there.
    """
    section = _bab_v_section(ctx, caption)
    header = rows[0]
    ctx.report.add(header, table_id, "header")
    ku = prev = None
    ku_no = None
    for line in rows[1:]:
        raw = [c.strip() for c in line.text.split("\t")]
        cells = list(line.cells)
        used = set()
        if cells[0].isdigit():
            ku_no = expect_next_number(
                ctx, line, int(cells[0]), ku_no, f"Kegiatan Utama number in {table_id}"
            )
            if ku is not None:
                _bab_v_check_complete(ctx, table_id, line, ku)
            ku = dict(
                no=cells[0],
                text=cells[1],
                leading=cells[2],
                line=line.no,
                indicators=[],
                targets=[],
                pending=None,
                resp=None,
                resp_line=None,
                labels={},
                output_no=None,
            )
            used.update((0, 1, 2))
            rest = range(3, len(cells))
        else:
            if ku is None:
                ctx.fail(line, f"a numbered Kegiatan Utama row first in {table_id}", line.text)
            rest = range(len(cells))
        pending = ku["pending"]
        for i in rest:
            cell, rawcell = cells[i], raw[i]
            if not cell or i in used:
                continue
            m = _LABELLED.match(cell)
            if m or (rawcell.startswith("<ul") and ku["pending"]):
                used.add(i)
                _bab_v_label(ctx, line, ku, rawcell, m)
                continue
            om = re.match(r"^(\d+)\.\s+(.+)$", cell)
            if om:
                ku["output_no"] = expect_next_number(
                    ctx,
                    line,
                    int(om.group(1)),
                    ku["output_no"],
                    f"Kegiatan Utama {ku['no']}: output number",
                )
                year_at, resp_at = _year_and_resp_at(cells, i)
                used.update(j for j in (i, year_at, resp_at) if j is not None)
                year = cells[year_at] if year_at is not None else None
                resp = cells[resp_at] if resp_at is not None else None
                if resp:
                    ku["resp"], ku["resp_line"] = resp, line.no
                action = dict(
                    source_line=line.no,
                    table_id=table_id,
                    section=section,
                    action_no=om.group(1) + ".",
                    track="General",
                    parent_indicator=ku["text"],
                    parent_source_line=ku["line"],
                    action=om.group(2),
                    coordinator_text=ku["leading"] or None,
                    executor_text=ku["resp"],
                    implementation_year=year,
                )
                _note_ku_cells(action, ku, line.no)
                if ku["resp"] is not None and ku["resp_line"] != line.no:
                    note_inferred(action, "executor_text", CARRIED.format(ku["resp_line"]))
                out["actions"].append(action)
        if not used:
            ctx.fail(
                line,
                f"a Kegiatan Utama, 'Indikator:'/'Target:' cell or numbered output in {table_id}",
                line.text,
            )
        stray = [c for i, c in enumerate(cells) if c and i not in used]
        if stray:
            ctx.fail(
                line,
                "only the cells of the Bab V layout (Kegiatan Utama, leading institution, "
                "'Indikator:'/'Target:', numbered output, year, responsible unit)",
                stray[0],
            )
        if pending and ku["pending"] == pending and _pending_line(ku) < line.no:
            ctx.fail(
                line, f"the bullet list of the '{pending.capitalize()}:' cell on the row above", line.text
            )
        if cells[0].isdigit() and prev is not None:
            _bab_v_emit(ctx, table_id, section, prev, out, final=True)
        _bab_v_emit(ctx, table_id, section, ku, out)
        prev = ku
    if ku is not None:
        _bab_v_check_complete(ctx, table_id, rows[-1], ku)
        _bab_v_emit(ctx, table_id, section, ku, out, final=True)


def _note_ku_cells(row, ku, line_no) -> None:
    """Note the cells a Bab V row below the Kegiatan Utama's first row takes
    from it (merged cells): a target's Kegiatan Utama (objective) and leading
    institution (agency_text), an output's leading institution (its
    coordinator; the Kegiatan Utama it serves is its position)."""
    if line_no == ku["line"]:
        return
    is_target = "indicator" in row
    if is_target:
        note_inferred(row, "objective", MERGED_CELL.format(ku["line"]))
    if ku["leading"]:
        note_inferred(row, "agency_text" if is_target else "coordinator_text", MERGED_CELL.format(ku["line"]))


def _pending_line(ku) -> int:
    """Line of the label cell whose bullet list is still to come."""
    return ku["labels"][ku["pending"]]


def _bab_v_check_complete(ctx, table_id, line, ku):
    """A Kegiatan Utama ends (at ``line``) with its indicators and targets."""
    what = f"Kegiatan Utama {ku['no']} (line {ku['line']})"
    if ku["pending"]:
        ctx.fail(line, f"the bullet list of the '{ku['pending'].capitalize()}:' cell of {what}", line.text)
    for label, article in (("indikator", "an"), ("target", "a")):
        if label not in ku["labels"]:
            ctx.fail(
                line, f"{article} '{label.capitalize()}: ...' cell for {what} before this row", line.text
            )
    if len(ku["targets"]) > len(ku["indicators"]):
        ctx.fail(
            ku["targets"][-1][1],
            f"no more targets than indicators in {what}",
            f"{len(ku['targets'])} targets for {len(ku['indicators'])} indicators",
        )
    if len(ku["indicators"]) > 1:
        for line_no in sorted({n for _, n in ku["targets"]}):
            ctx.report.add(ctx.lines[line_no - 1], table_id, PAIRED_BY_POSITION)


def _bab_v_section(ctx, caption):
    for line in reversed(ctx.lines[: caption.no - 1]):
        if re.match(r"^B\.\s+Hasil dan Output", line.text.strip()):
            return f"BAB V PENGELOLA REFORMASI BIROKRASI > {clean(line.text)} > {clean(caption.text)}"
    ctx.fail(caption, "the heading 'B. Hasil dan Output ...' above the outputs tables")


def _year_and_resp_at(cells, i):
    """Indices of the year and responsible unit following the output cell at ``i``."""
    for j in range(i + 1, len(cells)):
        if re.fullmatch(r"(19|20)\d\d", cells[j]):
            resp = next((k for k in range(j + 1, len(cells)) if cells[k]), None)
            return j, resp
    return None, None


def _bab_v_label(ctx, line, ku, rawcell, m):
    """Record an 'Indikator:' or 'Target:' cell (or the bullet list that
    continues one printed empty on the line above), in the order the
    layout prints them: one 'Indikator:' and after it one 'Target:'."""
    if m:
        label = m.group(1).lower()
        body = rawcell.split(":", 1)[1]
        if ku["pending"]:
            ctx.fail(
                line,
                f"the bullet list of the '{ku['pending'].capitalize()}:' cell on line {_pending_line(ku)}",
                rawcell,
            )
        # 'Indikator: X Target: 90% pada Tahun 2024' in one cell
        inner = re.search(r"\bTarget\s*:", body)
        _bab_v_expect_label(ctx, line, ku, label)
        if label == "indikator" and inner:
            _bab_v_expect_label(ctx, line, ku, "target")
            _bab_v_items(ku, "indicators", body[: inner.start()], line)
            _bab_v_items(ku, "targets", body[inner.end() :], line)
            ku["pending"] = None
            return
    else:
        label, body = ku["pending"], rawcell
    key = "indicators" if label == "indikator" else "targets"
    items = _bab_v_items(ku, key, body, line)
    ku["pending"] = label if not items else None


def _bab_v_expect_label(ctx, line, ku, label):
    what = f"Kegiatan Utama {ku['no']} (line {ku['line']})"
    if label in ku["labels"]:
        ctx.fail(line, f"one '{label.capitalize()}:' cell in {what}", f"a second one ({line.text})")
    if label == "target" and "indikator" not in ku["labels"]:
        ctx.fail(line, f"the 'Indikator: ...' cell of {what} before its 'Target: ...'", line.text)
    ku["labels"][label] = line.no


def _bab_v_items(ku, key, body, line):
    items = bullets(body) if "•" in body else ([clean(body)] if clean(body) else [])
    ku[key].extend((it, line.no) for it in items)
    return items


def _bab_v_emit(ctx, table_id, section, ku, out, final=False):
    """Emit the Kegiatan Utama's 2024 targets as they are read (a target is
    paired with the indicator printed at the same position). At the end of
    the Kegiatan Utama (``final``), an indicator printed without a target
    gives a row with an empty value, so that it is not lost."""
    done = ku.setdefault("emitted", 0)
    if final:
        years = [
            m.group(1)
            for t, _ in ku["targets"]
            for m in [re.search(r"pada Tahun\s+((?:19|20)\d\d)$", t)]
            if m
        ]
        for indicator, line_no in ku["indicators"][max(done, len(ku["targets"])) :]:
            row = dict(
                source_line=line_no,
                table_id=table_id,
                section=section,
                objective=ku["text"],
                indicator=indicator,
                unit=None,
                agency_text=ku["leading"] or None,
                track="General",
                period=years[-1] if years else None,
                kind="target",
                value=float("nan"),
                value_text="",
                value_label=None,
            )
            _note_ku_cells(row, ku, line_no)
            if years:
                note_inferred(row, "period", TARGET_YEAR.format(ku["targets"][-1][1]))
            out["targets"].append(row)
        ku["emitted"] = len(ku["indicators"])
        return
    for k in range(done, min(len(ku["indicators"]), len(ku["targets"]))):
        indicator, indicator_line = ku["indicators"][k]
        text, line_no = ku["targets"][k]
        m = re.match(r"^(.*?)\s+pada Tahun\s+((?:19|20)\d\d)$", text)
        if not m:
            ctx.fail(line_no, "a target '<value> pada Tahun <year>'", text)
        row = dict(
            source_line=line_no,
            table_id=table_id,
            section=section,
            objective=ku["text"],
            indicator=indicator,
            unit=None,
            agency_text=ku["leading"] or None,
            track="General",
            period=m.group(2),
            kind="target",
        )
        _note_ku_cells(row, ku, line_no)
        if indicator_line != line_no:
            note_inferred(row, "indicator", PAIRED.format(indicator_line))
        out["targets"].append(value_row(ctx, line_no, m.group(1), **row))
        ku["emitted"] = k + 1

"""Narrative lists of Perbup Batang 53/2023 (Bab I): strategic issues and achievements."""

from __future__ import annotations

import re

from rbdata.text.lines import clean

# --- narrative lists ---------------------------------------------------------

_STATEMENT_SECTIONS = (
    # (heading regex, category, item regex)
    (r"^1\.3\.1\.\s+Isu Strategis di Tingkat Hulu", "upstream_issue", r"^-?\s*(\d+)\)\s*(.+)$"),
    (r"^1\.3\.2\.\s+Isu Strategis di Tingkat Hilir", "downstream_issue", r"^(\d+)\)\.?\s*(.+)$"),
    (r"^1\.4\.\s+Capaian RB Sampai Saat ini", "achievement", r"^-?\s*(\d+\)|[a-z]\.)\s*(.+)$"),
)


def statements(ctx) -> list[dict]:
    """Upstream and downstream strategic issues (1.3.1, 1.3.2) and the
    achievements so far (1.4): the numbered item headings as rows."""
    rows = []
    heads = []
    for line in ctx.lines:
        for pat, cat, item in _STATEMENT_SECTIONS:
            if not line.has_tab and re.match(pat, line.text.strip()):
                heads.append((line, cat, item))
    if len(heads) != len(_STATEMENT_SECTIONS):
        ctx.fail(len(ctx.lines), "headings 1.3.1, 1.3.2 and 1.4 of Bab I")
    ends = [h[0].no for h in heads[1:]] + [_first_after(ctx, heads[-1][0], r"^BAB\s+II\b")]
    for (head, cat, item), end in zip(heads, ends):
        goal = None
        for line in ctx.lines[head.no : end - 1]:
            m = re.match(item, line.text.strip())
            if not m:
                continue
            no, text = m.group(1), clean(m.group(2).replace("*", ""))
            if cat != "achievement":
                text = _issue_heading(text)
            if cat == "achievement" and no.endswith(")"):
                goal = text
            rows.append(
                dict(
                    source_line=line.no,
                    section=f"BAB I > {clean(head.text)}",
                    category=cat,
                    goal=goal if cat == "achievement" and not no.endswith(")") else None,
                    item_no=no.rstrip(").") or no,
                    text=text,
                )
            )
    return rows


# An issue heading printed on one line with its explanation (line 166): the
# explanations of this list open by repeating the heading's first word
# ('Birokrasi yang belum kolaboratif' / 'Birokrasi di Kabupaten Batang ...').
_HEADING_THEN_TEXT = re.compile(r"^((\w+)\b.{10,}?)\s+\2\s+(?=[a-z])")


def _issue_heading(text: str) -> str:
    m = _HEADING_THEN_TEXT.match(text)
    return m.group(1) if m else text


def _first_after(ctx, line, pat):
    for other in ctx.lines[line.no :]:
        if re.match(pat, other.text.strip()):
            return other.no
    ctx.fail(line, f"a heading matching {pat!r} after line {line.no}")

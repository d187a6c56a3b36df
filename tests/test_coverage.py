"""Nothing is lost: every tab-separated line of both documents is either a row
(or part of one) of some table, or in the skip report with a reason."""

import pytest

import rbdata
from rbdata.loaders import _read


@pytest.mark.parametrize("doc_id", rbdata.DOC_IDS)
def test_tables_and_report_cover_every_tab_line(doc_id):
    text = _read(doc_id)
    tab_lines = {i for i, line in enumerate(text.split("\n"), start=1) if "\t" in line}
    in_rows = set()
    for name in ("targets", "actions", "theme_scores", "areas", "indicator_crosswalk", "teams"):
        df = getattr(rbdata, f"load_{name}")(doc_id)
        in_rows |= set(df["source_line"].astype(int))
    report = rbdata.parse_report(doc_id)
    assumed = report["reason"].str.startswith("assumption:")
    in_report = set(report.loc[~assumed, "source_line"])
    assert tab_lines - in_rows - in_report == set()
    # a line is either a row or skipped, never both
    assert tab_lines & in_rows & in_report == set()
    # an assumption is reported at the row (or continuation line) it concerns
    assert set(report.loc[assumed, "source_line"]) <= in_rows | in_report
    # every report entry says why
    assert report["reason"].str.len().min() > 0
    assert len(tab_lines) == len(tab_lines & (in_rows | in_report))


def test_report_reasons_are_explicit():
    reasons = set(rbdata.parse_report()["reason"])
    allowed = (
        "header",
        "page-break header repeat",
        "group heading",
        "continuation of line",
        "empty row",
        "fragment of a row whose start is not in the text",
        "assumption:",
    )
    assert all(r.startswith(allowed) for r in reasons), reasons

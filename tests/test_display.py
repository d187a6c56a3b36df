"""rbdata.show_table: a DataFrame as a table for reading, with outputs that do not change between runs."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

import rbdata
from rbdata.analysis.display import Table


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"agency": ["BKD", "Inspektorat"], "budget_idr": [3244613010.0, np.nan]})


def test_the_same_table_gives_the_same_html_twice():
    first = rbdata.show_table(_frame(), caption="Budgets")._repr_html_()
    again = rbdata.show_table(_frame(), caption="Budgets")._repr_html_()
    assert first == again
    other = rbdata.show_table(_frame().iloc[:1], caption="Budgets")._repr_html_()
    assert re.search(r'id="(T_[^"_]+)', first).group(1) != re.search(r'id="(T_[^"_]+)', other).group(1)


def test_plain_text_is_the_dataframe_not_an_object_address():
    t = rbdata.show_table(_frame())
    assert isinstance(t, Table)
    assert repr(t) == repr(_frame())
    assert "0x" not in repr(t)


def test_formats_missing_values_index_and_caption():
    html = rbdata.show_table(_frame(), caption="Budgets", formatter={"budget_idr": "{:,.0f}"})._repr_html_()
    assert "3,244,613,010" in html
    assert "–" in html  # the missing budget
    assert "<caption>Budgets</caption>" in html
    assert 'class="row_heading' not in html  # index hidden by default
    shown = rbdata.show_table(_frame().set_index("agency"), index=True)._repr_html_()
    assert 'class="row_heading' in shown


def test_text_columns_are_left_aligned():
    html = rbdata.show_table(_frame())._repr_html_()
    assert re.search(r"td\.col0 \{\s*text-align: left", html)  # agency: text
    assert not re.search(r"td\.col1 \{\s*text-align: left", html)  # budget: a number

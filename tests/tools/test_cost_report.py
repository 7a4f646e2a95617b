"""The one money formatter, `usd(value, style)`: each style reproduces, byte for byte, the formatter it
replaced. The expected strings were produced by those formatters (agent/offline_replies.py `usd` for
"reply", agent/cost_commands.py `money` for "compact", tools/audit.py `_usd` for "exact")."""

from __future__ import annotations

import math

import pytest

from tools.cost_report import number, usd

REPLY = [
    (0, "$0.00"),
    (0.004, "$0.00"),
    (0.005, "$0.01"),
    (0.5, "$0.50"),
    (1, "$1.00"),
    (9.99, "$9.99"),
    (9.994, "$9.99"),
    (9.995, "$9.99"),
    (10, "$10"),
    (12.5, "$12"),
    (99.99, "$100"),
    (100, "$100"),
    (474.5, "$474"),
    (950, "$950"),
    (999.5, "$1,000"),
    (1234, "$1,234"),
    (9999.99, "$10,000"),
    (10_000, "$10,000"),
    (12_345, "$12,345"),
    (99_999, "$99,999"),
    (999_999, "$999,999"),
    (999999.99, "$1,000,000"),
    (1_000_000, "$1.00M"),
    (4_560_000, "$4.56M"),
    (1234000000.0, "$1,234.00M"),
    (-0.5, "$-0.50"),
    (-12.5, "$-12"),
    (-2500, "$-2,500"),
    (-1500000.0, "$-1.50M"),
    (None, "n/a"),
]
COMPACT = [
    (0, "$0.00"),
    (0.004, "$0.00"),
    (0.005, "$0.01"),
    (0.5, "$0.50"),
    (1, "$1.00"),
    (9.99, "$9.99"),
    (9.994, "$9.99"),
    (9.995, "$9.99"),
    (10, "$10.00"),
    (12.5, "$12.50"),
    (99.99, "$99.99"),
    (100, "$100"),
    (474.5, "$474"),
    (950, "$950"),
    (999.5, "$1,000"),
    (1234, "$1,234"),
    (9999.99, "$10,000"),
    (10_000, "$10.0k"),
    (12_345, "$12.3k"),
    (99_999, "$100.0k"),
    (999_999, "$1,000.0k"),
    (999999.99, "$1,000.0k"),
    (1_000_000, "$1.00M"),
    (4_560_000, "$4.56M"),
    (1234000000.0, "$1,234.00M"),
    (-0.5, "-$0.50"),
    (-12.5, "-$12.50"),
    (-2500, "-$2,500"),
    (-1500000.0, "-$1.50M"),
    (None, "-"),
    (math.inf, "-"),
    (-math.inf, "-"),
    (math.nan, "-"),
]
EXACT = [
    (0, "$0"),
    (0.004, "$0.004"),
    (0.005, "$0.005"),
    (0.5, "$0.5"),
    (1, "$1"),
    (9.99, "$9.99"),
    (9.994, "$9.99"),
    (9.995, "$9.99"),
    (10, "$10"),
    (12.5, "$12.50"),
    (99.99, "$99.99"),
    (100, "$100"),
    (474.5, "$474.50"),
    (950, "$950"),
    (999.5, "$999.50"),
    (1234, "$1,234"),
    (9999.99, "$9,999.99"),
    (10_000, "$10,000"),
    (12_345, "$12,345"),
    (99_999, "$99,999"),
    (999_999, "$999,999"),
    (999999.99, "$1,000,000"),
    (1_000_000, "$1,000,000"),
    (4_560_000, "$4,560,000"),
    (1234000000.0, "$1,234,000,000"),
    (-0.5, "-$0.5"),
    (-12.5, "-$12.50"),
    (-2500, "-$2,500"),
    (-1500000.0, "-$1,500,000"),
    (0.0015, "$0.0015"),
    (0.018, "$0.018"),
    (0.0575, "$0.0575"),
    (1e-07, "$1e-07"),
    (416.6666666666667, "$416.67"),
    (0.2055, "$0.205"),
    (14600.000000000004, "$14,600"),
    (6083.333333, "$6,083.33"),
]


@pytest.mark.parametrize(("value", "expected"), REPLY)
def test_reply_style_as_a_reply_writes_money(value, expected):
    assert usd(value) == usd(value, "reply") == expected


@pytest.mark.parametrize(("value", "expected"), COMPACT)
def test_compact_style_as_tables_and_chart_axes_write_money(value, expected):
    assert usd(value, "compact") == expected


@pytest.mark.parametrize(("value", "expected"), EXACT)
def test_exact_style_as_worked_arithmetic_writes_money(value, expected):
    assert usd(value, style="exact") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(6083.333, "6,083"), (100, "100"), (27.31, "27.3"), (2.05, "2.05"), (2.5, "2.5"), (3.0, "3"), (0.0575, "0.0575")],
)
def test_number_shows_decimals_only_where_they_matter(value, expected):
    assert number(value) == expected


def test_an_unknown_style_names_the_styles():
    with pytest.raises(ValueError, match="reply, compact, exact"):
        usd(1.0, "fancy")

"""Tests for analysis.formatting: numbers and intervals for prose, with n/a for a missing value."""

from __future__ import annotations

import math

import numpy as np
import pytest

from analysis.formatting import count_noun, format_number, interval


def test_format_number_uses_the_format_given():
    assert format_number(0.456) == "0.46"
    assert format_number(np.float64(0.456), "{:.0%}") == "46%"
    # a value that rounds to zero has no sign (was "-0.00")
    assert format_number(-0.004, "{:+.2f}") == "0.00"
    assert format_number(3, "{:d}") == "3"


def test_format_number_says_n_a_for_a_missing_value():
    assert format_number(None) == "n/a"
    assert format_number(math.nan, "{:.0%}") == "n/a"
    assert format_number(np.nan, missing="—") == "—"


def test_interval_signed_and_unsigned():
    assert interval(-0.2, -0.4, 0.03) == "-0.20 [-0.40, +0.03]"
    assert interval(0.81, 0.72, 0.9, fmt="{:.2f}") == "0.81 [0.72, 0.90]"
    assert interval(0.0, -0.1, 0.1) == "0.00 [-0.10, +0.10]"
    assert interval(-0.001, -0.004, 0.2) == "0.00 [0.00, +0.20]"


def test_interval_without_estimate_or_bounds():
    assert interval(math.nan, -0.1, 0.1) == "n/a"
    assert interval(None, None, None, missing="none") == "none"
    # no interval (a bootstrap of nothing): the estimate alone, never "nan"
    assert interval(0.5, math.nan, math.nan) == "+0.50"
    assert interval(0.5, None, 0.7, fmt="{:.1f}") == "0.5"


# One formatter for the book (#13): hand-computed expectations.


def test_no_negative_or_positive_zero():
    from analysis.formatting import signed

    assert signed(-0.004) == "0.00"
    assert signed(0.004) == "0.00"
    assert signed(-0.005001) == "-0.01"
    assert format_number(-0.0, "{:.2f}") == "0.00"
    assert format_number(-0.004, "{:.0%}") == "0%"  # -0.4 % rounds to 0 %
    assert format_number(-0.006, "{:.0%}") == "-1%"


def test_counts_print_as_integers():
    from analysis.formatting import format_count, format_value

    assert format_value(14.0) == "14"
    assert format_value(np.float64(1234.0)) == "1,234"
    assert format_count(14.0) == "14"
    assert format_count(np.int64(7)) == "7"
    assert format_count(float("nan")) == "n/a"
    assert format_count(None, missing="—") == "—"
    with pytest.raises(ValueError, match="not a whole number"):
        format_count(2.5)


def test_shares_and_p_values_have_one_precision():
    from analysis.formatting import format_p, format_share

    assert format_share(0.997) == "100%"
    assert format_share(0.125) == "12%"  # round half to even, as Python formats
    assert format_share(float("nan"), missing="—") == "—"
    assert format_p(0.0312) == "0.031"
    assert format_p(0.00099) == "< 0.001"
    assert format_p(0.001) == "0.001"
    assert format_p(None) == "n/a"


def test_a_table_column_formats_alike():
    from analysis.formatting import format_column

    # a count column that pandas made float (a pivot with a gap): integers, gap empty
    assert format_column([14.0, 1.0, float("nan")]) == ["14", "1", ""]
    # a column of scores: every cell two decimals, also the whole ones, and no "-0.00"
    assert format_column([1.0, 0.997, -0.004]) == ["1.00", "1.00", "0.00"]
    assert format_column(["x", None], missing="—") == ["x", "—"]
    assert format_column([True, False]) == ["True", "False"]


def test_count_noun_is_singular_for_one_and_separates_thousands():
    assert count_noun(1, "crisis") == "1 crisis"
    assert count_noun(1000, "article") == "1,000 articles"  # the glued counts and the command line read alike
    assert count_noun(0, "outlet") == "0 outlets"

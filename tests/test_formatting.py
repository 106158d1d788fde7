"""Tests for analysis.formatting: numbers and intervals for prose, with n/a for a missing value."""

from __future__ import annotations

import math

import numpy as np

from analysis.formatting import format_number, interval


def test_format_number_uses_the_format_given():
    assert format_number(0.456) == "0.46"
    assert format_number(np.float64(0.456), "{:.0%}") == "46%"
    assert format_number(-0.004, "{:+.2f}") == "-0.00"
    assert format_number(3, "{:d}") == "3"


def test_format_number_says_n_a_for_a_missing_value():
    assert format_number(None) == "n/a"
    assert format_number(math.nan, "{:.0%}") == "n/a"
    assert format_number(np.nan, missing="—") == "—"


def test_interval_signed_and_unsigned():
    assert interval(-0.2, -0.4, 0.03) == "-0.20 [-0.40, +0.03]"
    assert interval(0.81, 0.72, 0.9, fmt="{:.2f}") == "0.81 [0.72, 0.90]"
    assert interval(0.0, -0.1, 0.1) == "+0.00 [-0.10, +0.10]"


def test_interval_without_estimate_or_bounds():
    assert interval(math.nan, -0.1, 0.1) == "n/a"
    assert interval(None, None, None, missing="none") == "none"
    # no interval (a bootstrap of nothing): the estimate alone, never "nan"
    assert interval(0.5, math.nan, math.nan) == "+0.50"
    assert interval(0.5, None, 0.7, fmt="{:.1f}") == "0.5"

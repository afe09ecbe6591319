"""Tests for cooldown.core.duration: lengths of time as people type them."""

from __future__ import annotations

from fractions import Fraction

import pytest

from cooldown.core.duration import LENGTH_LIMIT, UNITS, read_seconds

PYTIMEPARSE = [  # (text, seconds), each as pytimeparse 1.1.10's timeparse() reads it
    ("20m", 1200),
    ("20 min", 1200),
    ("20 mins", 1200),
    ("20 minute", 1200),
    ("20 minutes", 1200),
    ("1h", 3600),
    ("1 hr", 3600),
    ("2 hrs", 7200),
    ("1 hour", 3600),
    ("2 hours", 7200),
    ("1d", 86400),
    ("1 dy", 86400),
    ("2 dys", 172800),
    ("1 day", 86400),
    ("2 days", 172800),
    ("1w", 604800),
    ("1 wk", 604800),
    ("2 wks", 1209600),
    ("1 week", 604800),
    ("2 weeks", 1209600),
    ("90s", 90),
    ("90 sec", 90),
    ("90 secs", 90),
    ("1 second", 1),
    ("90 seconds", 90),
    ("1.5h", 5400),
    (".5 hours", 1800),
    ("5.m", 300),
    ("0.25h", 900),
    ("4.1m", 246),
    ("1.2 minutes", 72),
    ("1.2 seconds", Fraction("1.2")),
    ("0.29h", 1044),
    ("1h30m", 5400),
    ("1h 30m", 5400),
    ("1h, 30m", 5400),
    ("1h,30m", 5400),
    ("1h/30m", 5400),
    ("1 hour, 30 minutes", 5400),
    ("1 hour 30 minutes", 5400),
    ("1m24s", 84),
    ("1 minute, 24 secs", 84),
    ("1w 2d 3h 4m 5s", 788645),
    ("1w2d3h4m5s", 788645),
    ("2 weeks, 3 days", 1468800),
    ("0.5 days", 43200),
    ("0.1 weeks", 60480),
    ("3600 seconds", 3600),
    ("1h,", 3600),
    ("007m", 420),
    ("99999999999999999999h", 359999999999999999996400),
]


@pytest.mark.parametrize(("text", "seconds"), PYTIMEPARSE)
def test_reads_what_pytimeparse_reads_to_the_same_seconds(text: str, seconds: Fraction) -> None:
    assert read_seconds(text) == seconds


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1 hour and 30 minutes", 5400),
        ("1h and 30m", 5400),
        ("2 days and 3 hours", 183600),
        ("1h30", 5400),
        ("1h 30", 5400),
        ("1 hour and 30", 5400),
        ("1h, 30", 5400),
        ("1h 7.5", 3600 + 450),
        ("an hour", 3600),
        ("a minute", 60),
        ("a second", 1),
        ("a day", 86400),
        ("a week", 604800),
        ("one hour", 3600),
        ("an hour and 30 minutes", 5400),
    ],
)
def test_reads_the_joins_people_add(text: str, seconds: int) -> None:
    """Beyond pytimeparse: "and" between parts, a spelled-out one, and the minutes after the hours left bare."""
    assert read_seconds(text) == seconds


@pytest.mark.parametrize(
    "text",
    [
        "",
        "20",  # a bare number is the caller's business (the return time reads it as minutes)
        "m",
        ".h",
        "1.5.5h",
        "1..5h",
        "1e3s",
        "30m 1h",  # the larger unit first, as pytimeparse wants
        "1h 1h",
        "1m 1min",
        "1 hour and",
        "1h and",
        "and 1h",
        ",1h",
        "1h,,30m",
        "1h 30m 20",  # a bare number only straight after the hours
        "1d 30",
        "a m",  # "a" and "an" only before a unit written out
        "an h",
        "a hours",
        "ahour",
        "1 hours ago",
        "1 fortnight",
        "1 year",
        "7pm",
        "7.30pm",
        "19:30",
        "1:30",
        "-5m",  # the sign is the caller's
        "+5m",
        " 5m",  # cleaned text only
        "5  m",
        "٣m",  # ASCII digits only
        "５m",
        "1h\n30m",
    ],
)
def test_refuses_everything_else(text: str) -> None:
    assert read_seconds(text) is None


def test_every_unit_word_is_read() -> None:
    for word, seconds in UNITS.items():
        assert read_seconds(f"2 {word}") == 2 * seconds, word
        assert read_seconds(f"2{word}") == 2 * seconds, word


def test_text_longer_than_the_limit_is_not_read() -> None:
    fits = "0" * (LENGTH_LIMIT - 1) + "m"
    assert read_seconds(fits) == 0
    assert read_seconds("0" + fits) is None

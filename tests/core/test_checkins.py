"""Check-ins: anger ratings over an episode and a pulse counted by hand."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cooldown.core.checkins import AngerReading, Pulse, course, per_minute, read_beats

NOW = datetime(2026, 11, 21, 18, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def test_fifteen_seconds_of_beats_make_a_minute() -> None:
    assert per_minute(22) == 88
    assert per_minute(26) == 104


def test_the_flooding_line_is_100_or_ten_percent_over_rest_whichever_is_lower() -> None:
    assert Pulse().flooded_above == 100
    assert Pulse(resting_bpm=60).flooded_above == 66
    assert Pulse(resting_bpm=95).flooded_above == 100


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "how many beats"),
        ("2x", "Just the number"),
        ("9999", "Just the number"),
        ("1", "not a pulse"),
        ("200", "not a pulse"),
    ],
)
def test_beats_that_cannot_be_a_pulse_are_refused_kindly(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        read_beats(text)


def test_beats_are_read() -> None:
    assert read_beats(" 22 ") == 22


def test_the_course_of_an_episode_in_order_of_time() -> None:
    during = [
        AngerReading(at=NOW + timedelta(minutes=20), value=3),
        AngerReading(at=NOW + timedelta(minutes=5), value=5),
    ]
    assert course(8, during, 2) == "8 → 5 → 3 → 2"
    assert course(None, [], 4) == "4"
    assert course(None, [], None) == ""


def test_readings_carry_their_offset() -> None:
    with pytest.raises(ValueError):
        AngerReading(at=NOW.replace(tzinfo=None), value=3)

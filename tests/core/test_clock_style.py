"""Times of day on the 12-hour and the 24-hour clock, as every screen and command shows them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cooldown.core import instant
from cooldown.core.instant import (
    format_clock,
    format_local_clock,
    moment_text,
    time_of_day,
    use_clock_style,
)
from cooldown.core.returntime import describe, parse_return_time
from tests.conftest import BERLIN

NOW = datetime(2026, 11, 21, 18, 0, tzinfo=BERLIN)  # a Saturday


@pytest.fixture(autouse=True)
def clock_style_restored() -> Iterator[None]:
    """Whatever a test sets, the next one starts on the style in force before."""
    before = use_clock_style("24h")
    yield
    use_clock_style(before)


def at(hour: int, minute: int, day: int = 21) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN)


@pytest.mark.parametrize(
    ("hour", "minute", "twelve", "twenty_four"),
    [
        (12, 0, "12:00 pm", "12:00"),  # noon
        (0, 30, "12:30 am", "00:30"),  # half past midnight
        (0, 0, "12:00 am", "00:00"),  # midnight
        (19, 5, "7:05 pm", "19:05"),
        (9, 0, "9:00 am", "09:00"),
        (11, 59, "11:59 am", "11:59"),
        (12, 59, "12:59 pm", "12:59"),
        (13, 0, "1:00 pm", "13:00"),
        (23, 59, "11:59 pm", "23:59"),
    ],
)
def test_a_time_of_day_on_either_clock(hour: int, minute: int, twelve: str, twenty_four: str) -> None:
    moment = at(hour, minute)
    assert time_of_day(moment, "12h") == twelve
    assert time_of_day(moment, "24h") == twenty_four


def test_today_tomorrow_and_a_weekday_on_the_twelve_hour_clock() -> None:
    assert format_clock(at(19, 30), NOW, style="12h") == "7:30 pm"
    assert format_clock(at(7, 30, day=22), NOW, style="12h") == "7:30 am tomorrow"
    assert format_clock(at(12, 0, day=23), NOW, style="12h") == "Mon 12:00 pm"
    assert format_clock(at(19, 30), NOW, style="24h") == "19:30"
    assert format_clock(at(7, 30, day=22), NOW, style="24h") == "07:30 tomorrow"


def test_a_time_is_shown_in_nows_zone_on_the_twelve_hour_clock() -> None:
    london = ZoneInfo("Europe/London")
    assert format_clock(at(19, 30), NOW.astimezone(london), style="12h") == "6:30 pm"


def test_the_local_clock_gives_each_moment_its_own_offset_across_the_change() -> None:
    """The night the clocks go back in Berlin: 01:30 before the change, 03:30 after it (a fixed offset would say 04:30)."""
    before = datetime(2026, 10, 25, 1, 30, tzinfo=timezone(timedelta(hours=2)))  # one fixed offset, as now() has
    after = before.astimezone(UTC) + timedelta(hours=3)  # three real hours later
    assert format_local_clock(after, before, BERLIN, style="12h") == "3:30 am"
    assert format_local_clock(after, before, BERLIN, style="24h") == "03:30"
    assert format_clock(after, before, style="12h") == "4:30 am"  # what the fixed offset alone would say


def test_a_moment_with_its_date() -> None:
    assert moment_text(at(18, 2), style="12h") == "Sat 21 Nov 2026 6:02 pm"
    assert moment_text(at(18, 2), style="24h") == "Sat 21 Nov 2026 18:02"


def test_the_twenty_four_hour_clock_until_told_otherwise() -> None:
    assert instant.clock_style_in_use() == "24h"
    assert format_clock(at(19, 30), NOW) == "19:30"
    assert moment_text(at(18, 2)) == "Sat 21 Nov 2026 18:02"


def test_the_style_in_force_reaches_every_caller_that_does_not_name_one() -> None:
    use_clock_style("12h")
    assert format_clock(at(19, 30), NOW) == "7:30 pm"
    assert format_local_clock(at(19, 30), NOW, BERLIN) == "7:30 pm"
    assert moment_text(at(18, 2)) == "Sat 21 Nov 2026 6:02 pm"
    assert describe(parse_return_time("7:30pm", NOW), NOW) == "back at 7:30 pm, in 1 h 30 min"
    assert format_clock(at(19, 30), NOW, style="24h") == "19:30"  # a caller's own style wins


def test_a_style_given_as_a_function_follows_each_change() -> None:
    chosen = {"clock": "12h"}
    use_clock_style(lambda: chosen["clock"])
    assert format_clock(at(19, 30), NOW) == "7:30 pm"
    chosen["clock"] = "24h"
    assert format_clock(at(19, 30), NOW) == "19:30"
    chosen["clock"] = "sundial"  # never shown as anything odd
    assert format_clock(at(19, 30), NOW) == "19:30"


def test_restoring_the_style_in_force_before() -> None:
    before = use_clock_style("12h")
    assert format_clock(at(19, 30), NOW) == "7:30 pm"
    use_clock_style(before)
    assert format_clock(at(19, 30), NOW) == "19:30"


def test_an_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="12h"):
        use_clock_style("12")
    assert format_clock(at(19, 30), NOW) == "19:30"


@given(minutes=st.integers(min_value=1, max_value=24 * 60 - 1))
def test_a_time_shown_on_the_twelve_hour_clock_reads_back_as_the_same_moment(minutes: int) -> None:
    """What the screens show ("7:30 pm", "7:30 am tomorrow") can be typed back and means that moment."""
    moment = NOW + timedelta(minutes=minutes)
    shown = format_clock(moment, NOW, style="12h")
    assert parse_return_time(shown, NOW).at == moment

"""Tests for cooldown.core.returntime: every `now` is fixed, never the real clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pydantic
import pytest

from cooldown.core.returntime import (
    TEXT_LIMIT,
    ReturnTime,
    ReturnTimeError,
    clock_reading,
    describe,
    format_clock,
    format_wait,
    parse_return_time,
    suggest_return,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
EDT = timedelta(hours=-4)
EST = timedelta(hours=-5)


def berlin(hour: int, minute: int = 0, second: int = 0, day: int = 4) -> datetime:
    """A fixed Berlin moment in May 2026 (4 May 2026 is a Monday, no DST change near)."""
    return datetime(2026, 5, day, hour, minute, second, tzinfo=BERLIN)


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


NOW = berlin(18, 0)  # Monday 18:00


# --- accepted forms ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "wait"),
    [
        ("+20m", timedelta(minutes=20)),
        ("20m", timedelta(minutes=20)),
        ("20", timedelta(minutes=20)),
        ("7", timedelta(minutes=7)),
        ("20 min", timedelta(minutes=20)),
        ("20 mins", timedelta(minutes=20)),
        ("20 minutes", timedelta(minutes=20)),
        ("1h", timedelta(hours=1)),
        ("1 h", timedelta(hours=1)),
        ("1 hour", timedelta(hours=1)),
        ("2 hours", timedelta(hours=2)),
        ("1h30m", timedelta(minutes=90)),
        ("1h 30m", timedelta(minutes=90)),
        ("1h30", timedelta(minutes=90)),
        ("1 hour 30 minutes", timedelta(minutes=90)),
        ("1 hour and 30 minutes", timedelta(minutes=90)),
        ("1.5h", timedelta(minutes=90)),
        ("90min", timedelta(minutes=90)),
        ("in 45 minutes", timedelta(minutes=45)),
        ("in 1 hour", timedelta(hours=1)),
        ("in an hour", timedelta(hours=1)),
        ("an hour", timedelta(hours=1)),
        ("half an hour", timedelta(minutes=30)),
        ("in half an hour", timedelta(minutes=30)),
        ("  IN   45   Minutes  ", timedelta(minutes=45)),
        ("+ 20M", timedelta(minutes=20)),
    ],
)
def test_durations_add_real_time(text: str, wait: timedelta) -> None:
    rt = parse_return_time(text, NOW)
    assert rt.wait == wait
    assert rt.at == NOW + wait
    assert rt.at.tzinfo is BERLIN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19:30", berlin(19, 30)),
        ("7:30pm", berlin(19, 30)),
        ("7:30 pm", berlin(19, 30)),
        ("7:30 PM", berlin(19, 30)),
        ("7:30 p.m.", berlin(19, 30)),
        ("7 pm", berlin(19)),
        ("7pm", berlin(19)),
        ("7.30pm", berlin(19, 30)),
        ("7 o'clock", berlin(19)),
        ("7 o’clock", berlin(19)),
        ("7:30am", berlin(7, 30, day=5)),
        ("12am", berlin(0, day=5)),
        ("12pm", berlin(12, day=5)),
        ("noon", berlin(12, day=5)),
        ("midnight", berlin(0, day=5)),
        ("00:15", berlin(0, 15, day=5)),
        ("at 7pm", berlin(19)),
        ("at 7", berlin(19)),
        ("at 20", berlin(20)),
        ("  At   19:30 ", berlin(19, 30)),
        ("07:30", berlin(7, 30, day=5)),
        ("7:30", berlin(19, 30)),
    ],
)
def test_clock_times_at_18(text: str, expected: datetime) -> None:
    rt = parse_return_time(text, NOW)
    assert rt.at == expected
    assert rt.wait == utc(expected) - utc(NOW)


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        (berlin(18), "7:30", berlin(19, 30)),
        (berlin(6), "7:30", berlin(7, 30)),
        (berlin(23), "7 o'clock", berlin(7, day=5)),
        (berlin(23), "at 7", berlin(7, day=5)),
        (berlin(20), "7:30", berlin(7, 30, day=5)),
        (berlin(18), "12:15", berlin(0, 15, day=5)),
        (berlin(11), "12:15", berlin(12, 15)),
        (berlin(0, 5), "12:15", berlin(0, 15)),
        (berlin(12, 30), "12:15", berlin(0, 15, day=5)),
        (berlin(19, 30), "19:30", berlin(19, 30, day=5)),  # strictly after now
        (berlin(19, 30), "7:30", berlin(7, 30, day=5)),
        (berlin(7), "7pm", berlin(19)),
        (berlin(20), "7pm", berlin(19, day=5)),
        (berlin(6), "07:00", berlin(7)),
        (berlin(8), "07:00", berlin(7, day=5)),
    ],
)
def test_clock_means_nearest_future(now: datetime, text: str, expected: datetime) -> None:
    assert parse_return_time(text, now).at == expected


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        (berlin(23, 50), "+20m", berlin(0, 10, day=5)),
        (berlin(23, 50), "00:15", berlin(0, 15, day=5)),
        (berlin(0, 10), "00:15", berlin(0, 15)),
        (berlin(23, 50), "midnight", berlin(0, day=5)),
    ],
)
def test_crossing_midnight(now: datetime, text: str, expected: datetime) -> None:
    assert parse_return_time(text, now).at == expected


# --- daylight saving --------------------------------------------------------

SPRING = datetime(2026, 3, 8, 1, 50, tzinfo=NEW_YORK)  # 02:00 EST jumps to 03:00 EDT


def test_spring_forward_duration_is_real_time() -> None:
    rt = parse_return_time("+20m", SPRING)
    assert (rt.at.hour, rt.at.minute) == (3, 10)
    assert rt.at.utcoffset() == EDT
    assert rt.wait == timedelta(minutes=20)


@pytest.mark.parametrize("text", ["2:30", "02:30", "2:30am"])
def test_spring_forward_gap_time_moves_to_after_the_gap(text: str) -> None:
    rt = parse_return_time(text, SPRING)
    assert (rt.at.hour, rt.at.minute, rt.at.utcoffset()) == (3, 30, EDT)
    assert rt.wait == timedelta(minutes=40)


def test_fall_back_duration_lands_in_second_pass() -> None:
    now = datetime(2026, 11, 1, 1, 50, tzinfo=NEW_YORK)  # EDT, first 01:50
    rt = parse_return_time("+20m", now)
    assert (rt.at.hour, rt.at.minute, rt.at.fold) == (1, 10, 1)
    assert rt.at.utcoffset() == EST
    assert rt.wait == timedelta(minutes=20)


@pytest.mark.parametrize(
    ("now_minute", "wait", "offset"),
    [(10, timedelta(minutes=20), EDT), (40, timedelta(minutes=50), EST)],
)
def test_fall_back_clock_takes_earliest_future_pass(now_minute, wait, offset) -> None:
    now = datetime(2026, 11, 1, 1, now_minute, tzinfo=NEW_YORK)  # first (EDT) pass
    rt = parse_return_time("1:30", now)
    assert (rt.at.hour, rt.at.minute) == (1, 30)
    assert rt.at.utcoffset() == offset
    assert rt.wait == wait


# --- refusals ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        ("", ["Type when you'll be back", "19:30", "20m"]),
        ("   ", ["Type when you'll be back"]),
        ("19:7x", ["I couldn't read “19:7x”", "19:30", "7:30pm", "20m", "in 45 minutes"]),
        ("later", ["I couldn't read “later”"]),
        ("in 19:30", ["I couldn't read"]),
        ("at 20m", ["I couldn't read"]),
        ("x" * 60, ["…", "I couldn't read"]),
        ("-5m", ["“-5m”", "in the past", "20m"]),
        ("- 1h", ["in the past"]),
        ("0", ["right now", "20m"]),
        ("+0m", ["right now"]),
        ("now", ["right now"]),
        ("25:00", ["“25:00” isn't a time: hours go up to 23.", "19:30"]),
        ("24:00", ["“24:00” isn't a time: hours go up to 23 (midnight is 0:00)."]),
        ("7:75", ["“7:75” isn't a time: minutes go up to 59."]),
        ("7:60", ["“7:60” isn't a time: minutes go up to 59."]),
        ("25:99", ["“25:99” isn't a time: hours go up to 23 and minutes up to 59.", "19:30"]),
        ("at 99", ["“at 99” isn't a time: hours go up to 23."]),
        ("25:99 tomorrow", ["hours go up to 23 and minutes up to 59"]),
        ("13:75pm", ["with am or pm, hours go from 1 to 12, and minutes up to 59", "7pm"]),
        ("7:60pm", ["“7:60pm” isn't a time: minutes go up to 59."]),
        ("13pm", ["1 to 12", "“13pm”", "19:00"]),
        ("0am", ["1 to 12"]),
        ("25h", ["more than 24 hours away", "within the next 24 hours"]),
        ("2000 minutes", ["more than 24 hours away"]),
        ("999999999999999999h", ["more than 24 hours away"]),
    ],
)
def test_refusals_are_kind_and_specific(text: str, fragments: list[str]) -> None:
    with pytest.raises(ReturnTimeError) as caught:
        parse_return_time(text, NOW)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message
    assert isinstance(caught.value, ValueError)


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_return_time("20m", datetime(2026, 5, 4, 18, 0))


# --- warning, limits --------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "text", "warns"),
    [
        (NOW, "19m", True),
        (NOW, "20m", False),
        (NOW, "5", True),
        (berlin(19, 11), "19:30", True),
        (berlin(19, 10), "19:30", False),
        (berlin(19, 10, 1), "19:30", False),  # 19 min 59 s: no nudge for what is 20 minutes once landed on a minute
        (berlin(19, 10, 31), "19:30", True),
        (berlin(19, 0, 20), "20m", False),  # lands on 19:20, 19 min 40 s away
        (berlin(19, 0, 20), "20", False),
        (berlin(19, 0, 40), "19m", True),
    ],
)
def test_warning_below_minimum(now: datetime, text: str, warns: bool) -> None:
    rt = parse_return_time(text, now)
    if warns:
        assert rt.warning is not None
        assert "under 20 minutes" in rt.warning and "your call" in rt.warning
    else:
        assert rt.warning is None


@pytest.mark.parametrize(
    ("text", "ok"),
    [("24h", True), ("1440", True), ("24h1m", False), ("24 hours 1 minute", False), ("1441", False)],
)
def test_maximum_is_inclusive(text: str, ok: bool) -> None:
    if ok:
        assert parse_return_time(text, NOW).wait == timedelta(hours=24)
    else:
        with pytest.raises(ReturnTimeError, match="more than 24 hours"):
            parse_return_time(text, NOW)


@pytest.mark.parametrize(
    ("minimum", "text", "expected"),
    [
        (timedelta(minutes=30), "25m", "under 30 minutes"),
        (timedelta(hours=1), "45m", "under 1 hour"),
        (timedelta(minutes=90), "1h", "at least 1 hour 30 minutes"),
        (timedelta(minutes=10), "10m", None),
    ],
)
def test_custom_minimum(minimum: timedelta, text: str, expected: str | None) -> None:
    warning = parse_return_time(text, NOW, minimum=minimum).warning
    if expected is None:
        assert warning is None
    else:
        assert warning is not None and expected in warning


@pytest.mark.parametrize(
    ("maximum", "text", "message"),
    [
        (timedelta(hours=2), "3h", "more than 2 hours away. Pick a time within the next 2 hours."),
        (timedelta(hours=2), "21:00", "more than 2 hours away"),
        (timedelta(minutes=90), "2h", "more than 1 hour 30 minutes away"),
        (timedelta(hours=1), "61", "more than 1 hour away"),
    ],
)
def test_custom_maximum_refuses(maximum: timedelta, text: str, message: str) -> None:
    with pytest.raises(ReturnTimeError) as caught:
        parse_return_time(text, NOW, maximum=maximum)
    assert message in str(caught.value)


@pytest.mark.parametrize(("maximum", "text"), [(timedelta(hours=2), "2h"), (timedelta(hours=2), "20:00")])
def test_custom_maximum_allows_boundary(maximum: timedelta, text: str) -> None:
    assert parse_return_time(text, NOW, maximum=maximum).wait == timedelta(hours=2)


def test_return_time_is_frozen() -> None:
    rt = parse_return_time("20m", NOW)
    assert isinstance(rt, ReturnTime)
    with pytest.raises(pydantic.ValidationError):
        rt.warning = "changed"  # type: ignore[misc]


# --- formatting -------------------------------------------------------------


@pytest.mark.parametrize(
    ("wait", "text"),
    [
        (timedelta(0), "under a minute"),
        (timedelta(seconds=59), "under a minute"),
        (timedelta(seconds=-30), "under a minute"),
        (timedelta(minutes=1), "1 min"),
        (timedelta(minutes=45), "45 min"),
        (timedelta(minutes=45, seconds=29), "45 min"),
        (timedelta(minutes=45, seconds=59), "46 min"),
        (timedelta(minutes=1, seconds=59), "2 min"),
        (timedelta(minutes=29, seconds=59, milliseconds=900), "30 min"),
        (timedelta(hours=1), "1 h"),
        (timedelta(hours=1, minutes=12), "1 h 12 min"),
        (timedelta(hours=24), "24 h"),
    ],
)
def test_format_wait(wait: timedelta, text: str) -> None:
    assert format_wait(wait) == text


@pytest.mark.parametrize(
    ("at", "text"),
    [
        (berlin(19, 30), "19:30"),
        (berlin(7, 5, day=5), "07:05 tomorrow"),
        (berlin(19, 30, day=6), "Wed 19:30"),
        (datetime(2026, 5, 4, 17, 30, tzinfo=UTC), "19:30"),  # shown in now's zone
        (datetime(2026, 5, 4, 22, 30, tzinfo=UTC), "00:30 tomorrow"),
    ],
)
def test_format_clock(at: datetime, text: str) -> None:
    assert format_clock(at, NOW) == text


@pytest.mark.parametrize(
    ("text", "now", "later", "expected"),
    [
        ("19:30", berlin(18, 18), None, "back at 19:30, in 1 h 12 min"),
        ("+20m", berlin(23, 50), None, "back at 00:10 tomorrow, in 20 min"),
        ("19:30", berlin(18), berlin(19), "back at 19:30, in 30 min"),
        ("19:30", berlin(18), berlin(19, 29, 30), "back at 19:30, in under a minute"),
        ("19:30", berlin(18), berlin(19, 31), "back at 19:30, that's now"),
    ],
)
def test_describe(text: str, now: datetime, later: datetime | None, expected: str) -> None:
    rt = parse_return_time(text, now)
    assert describe(rt, later or now) == expected


# --- suggest_return ---------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "minutes", "text"),
    [
        (berlin(19, 15), 20, "19:35"),
        (berlin(19, 30), 20, "19:50"),  # already on a mark: stays
        (berlin(19, 30, 1), 20, "19:55"),  # seconds count: rounds up
        (berlin(6, 47), 15, "07:05"),
        (berlin(23, 50), 20, "00:10"),
        (berlin(23, 41), 20, "00:05"),
        (berlin(23, 37), 20, "00:00"),
        (berlin(11, 40), 25, "12:05"),
        (berlin(21, 40), 30, "22:10"),
        (SPRING, 20, "03:10"),
    ],
)
def test_suggest_return_round_trips(now: datetime, minutes: int, text: str) -> None:
    suggestion = suggest_return(now, minutes)
    assert suggestion == text
    at = parse_return_time(suggestion, now).at
    assert at.strftime("%H:%M") == text
    assert utc(at) >= utc(now) + timedelta(minutes=minutes)
    assert utc(at) - utc(now) < timedelta(minutes=minutes + 5)


def test_suggest_return_skips_a_repeated_hour_it_cannot_name() -> None:
    now = datetime(2026, 11, 1, 0, 50, tzinfo=NEW_YORK)  # +80 min is 01:10 EST, second pass
    suggestion = suggest_return(now, 80)
    assert suggestion == "02:00"
    assert utc(parse_return_time(suggestion, now).at) == datetime(2026, 11, 1, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize("minutes", [-1, 24 * 60])
def test_suggest_return_rejects_impossible_spans(minutes: int) -> None:
    with pytest.raises(ValueError):
        suggest_return(NOW, minutes)


def test_suggest_return_far_ahead_avoids_the_nearer_twelve_hour_reading() -> None:
    # "10:30" would read back as 22:30 tonight, so the day is named.
    now = berlin(22)
    suggestion = suggest_return(now, 12 * 60 + 30)
    assert suggestion == "10:30 tomorrow"
    assert parse_return_time(suggestion, now).at == berlin(10, 30, day=5)


@pytest.mark.parametrize("text", ["1" * (TEXT_LIMIT + 1), "in " + "9" * 5000 + " minutes", "7" * 10_000 + "pm"])
def test_over_long_answers_are_refused_before_they_are_read(text: str) -> None:
    with pytest.raises(ReturnTimeError) as caught:
        parse_return_time(text, NOW)
    message = str(caught.value)
    assert "longer than any time could be" in message
    assert message.startswith("I couldn't read “") and "…" in message  # what they typed, shortened
    assert "19:30" in message


def test_an_answer_just_within_the_limit_is_still_read() -> None:
    text = "in " + " " * (TEXT_LIMIT - 6) + "20m"  # spaces are folded before the length is checked
    assert parse_return_time(text, NOW).wait == timedelta(minutes=20)


# Asking for more time, and a talk time


def test_a_plain_duration_asking_more_time_counts_from_the_agreed_time() -> None:
    agreed = berlin(18, 30)
    assert parse_return_time("20m", NOW, later_than=agreed).at == berlin(18, 50)
    assert parse_return_time("in 45m", NOW, later_than=agreed).at == berlin(18, 45)  # "in" counts from now


def test_a_plain_duration_after_the_agreed_time_has_passed_counts_from_now() -> None:
    assert parse_return_time("20m", berlin(18, 40), later_than=berlin(18, 30)).at == berlin(19, 0)


def test_a_duration_lands_on_the_nearest_whole_minute_so_it_reads_as_typed() -> None:
    for second, expected in [(0, berlin(18, 20)), (29, berlin(18, 20)), (30, berlin(18, 21)), (59, berlin(18, 21))]:
        now = berlin(18, 0, second)
        rt = parse_return_time("20m", now)
        assert rt.at == expected, second
        assert describe(rt, now) == f"back at {expected:%H:%M}, in 20 min"


def test_a_talk_time_just_passed_is_refused_rather_than_read_as_tomorrow() -> None:
    now = berlin(15, 10)
    with pytest.raises(ReturnTimeError) as refused:
        parse_return_time("15:00", now, minimum=timedelta(0), refuse_just_passed=True)
    assert "15:00 has passed already. Pick a time ahead, like 15:40." in str(refused.value)
    assert parse_return_time("15:00", now, minimum=timedelta(0)).at == berlin(15, 0, day=5)  # statement 4: tomorrow
    assert parse_return_time("21:00", now, refuse_just_passed=True).at == berlin(21, 0)
    assert parse_return_time("15:00 tomorrow", now, refuse_just_passed=True).at == berlin(15, 0, day=5)


# Durations as people type them


@pytest.mark.parametrize(
    ("text", "wait"),
    [
        ("45 mins", timedelta(minutes=45)),
        ("2 hrs", timedelta(hours=2)),
        ("2hr", timedelta(hours=2)),
        ("1.5 hours", timedelta(minutes=90)),
        (".5 hours", timedelta(minutes=30)),
        ("0.25h", timedelta(minutes=15)),
        ("1 hour, 30 minutes", timedelta(minutes=90)),
        ("1h, 30m", timedelta(minutes=90)),
        ("1 Hour And 30 Minutes", timedelta(minutes=90)),
        ("+1h30m", timedelta(minutes=90)),
        ("+ 1 hour and 30 minutes", timedelta(minutes=90)),
        ("in 1.5 hours", timedelta(minutes=90)),
        ("3600 seconds", timedelta(hours=1)),
        ("5400s", timedelta(minutes=90)),
        ("1 min 30 secs", timedelta(minutes=2)),  # 18:01:30 lands on the nearest whole minute
        ("30 seconds", timedelta(minutes=1)),
        ("1 day", timedelta(hours=24)),
        ("1d", timedelta(hours=24)),
        ("a day", timedelta(hours=24)),
        ("0.5 days", timedelta(hours=12)),
        ("0.1 weeks", timedelta(minutes=1008)),
        ("in a minute", timedelta(minutes=1)),
    ],
)
def test_durations_people_type(text: str, wait: timedelta) -> None:
    rt = parse_return_time(text, NOW)
    assert rt.wait == wait
    assert rt.at == NOW + wait


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2 weeks", "That's more than 24 hours away. Pick a time within the next 24 hours."),
        ("in 2 weeks", "That's more than 24 hours away."),
        ("1 week", "more than 24 hours away"),
        ("2 days", "more than 24 hours away"),
        ("1d 1m", "more than 24 hours away"),
        ("86401 seconds", "more than 24 hours away"),
        ("1 day and 1 second", "more than 24 hours away"),
        ("-5m", "“-5m” is in the past. Pick a time ahead, like 20m or 19:30."),
        ("-2 weeks", "“-2 weeks” is in the past."),
        ("-1.5h", "is in the past"),
        ("- 30 seconds", "is in the past"),
        ("5 seconds", "That's less than a minute away. Give yourself a little time, like 20m or 45m."),
        ("29s", "less than a minute away"),
        ("in 5 seconds", "less than a minute away"),
        ("+0.2m", "less than a minute away"),
        ("0s", "That's right now. Give yourself a little time, like 20m or 45m."),
        ("0 hours 0 minutes", "That's right now."),
        ("-0m", "That's right now."),
        ("30m 1h", "I couldn't read “30m 1h”."),
        ("1h 1h", "I couldn't read"),
        ("1 hour and", "I couldn't read"),
        ("1.2.3h", "I couldn't read"),
        ("2 fortnights", "I couldn't read"),
    ],
)
def test_durations_outside_the_window_are_refused_with_the_reason(text: str, message: str) -> None:
    """Read, then refused for where it lands: too far, in the past or too soon, never "I couldn't read"."""
    with pytest.raises(ReturnTimeError) as caught:
        parse_return_time(text, NOW)
    assert message in str(caught.value)


@pytest.mark.parametrize("text", ["24h", "1440", "1 day", "86400s", "in 24 hours"])
def test_the_longest_duration_is_kept_when_rounding_would_push_it_past_the_maximum(text: str) -> None:
    """At 18:00:40, 24 hours is 18:00:40 tomorrow: the nearest minute is past the maximum, so 18:00 it is."""
    now = berlin(18, 0, 40)
    rt = parse_return_time(text, now)
    assert rt.at == berlin(18, 0, day=5)
    assert rt.wait == timedelta(hours=23, minutes=59, seconds=20)


def test_half_a_minute_is_the_shortest_duration_read() -> None:
    """Under 30 seconds lands on this very minute; 30 seconds on the next, a minute ahead at most."""
    for second in (0, 29, 30, 59):
        now = berlin(18, 0, second)
        rt = parse_return_time("30s", now, minimum=timedelta(0))
        assert rt.at == berlin(18, 1), second
    with pytest.raises(ReturnTimeError, match="less than a minute"):
        parse_return_time("29.999s", NOW)


def test_a_duration_under_a_minute_with_a_maximum_under_a_minute_is_too_soon() -> None:
    """The one case where a rounded duration could land on now: refused, never a time that is not ahead."""
    with pytest.raises(ReturnTimeError, match="less than a minute"):
        parse_return_time("40s", berlin(18, 0, 10), maximum=timedelta(seconds=45))


def test_asking_more_time_in_seconds_counts_from_the_agreed_time() -> None:
    assert parse_return_time("90 seconds", NOW, later_than=berlin(18, 30)).at == berlin(18, 32)
    with pytest.raises(ReturnTimeError, match="less than a minute"):
        parse_return_time("10s", NOW, later_than=berlin(18, 30))


# --- a bare number from 1 to 12: minutes, with the clock reading offered ------


@pytest.mark.parametrize(
    ("text", "now", "clock"),
    [
        ("7", berlin(18, 0), berlin(19, 0)),  # 7 minutes, or 19:00 (the nearer 7 o'clock)
        ("7", berlin(6, 0), berlin(7, 0)),
        ("12", berlin(18, 0), berlin(0, 0, day=5)),
        ("1", berlin(18, 0), berlin(1, 0, day=5)),
        (" 9 ", berlin(18, 0), berlin(21, 0)),
    ],
)
def test_a_bare_hour_number_is_minutes_and_names_its_clock_reading(text: str, now: datetime, clock: datetime) -> None:
    assert utc(parse_return_time(text, now).at) == utc(now + timedelta(minutes=int(text)))
    other = clock_reading(text, now)
    assert other is not None and utc(other.at) == utc(clock)


@pytest.mark.parametrize("text", ["0", "13", "99", "07", "+7", "7m", "at 7", "7pm", "7:00", "", "seven"])
def test_no_other_reading_beyond_a_bare_one_to_twelve(text: str) -> None:
    assert clock_reading(text, NOW) is None


def test_no_other_reading_when_that_clock_time_is_beyond_the_limit() -> None:
    assert clock_reading("7", NOW, maximum=timedelta(minutes=30)) is None  # 19:00 is an hour away

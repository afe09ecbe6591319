"""Tests for cooldown.core.when: every `now` is fixed, never the real clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cooldown.core.when import WhenError, parse_since, parse_when

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
EDT = timedelta(hours=-4)
EST = timedelta(hours=-5)


def berlin(hour: int, minute: int = 0, second: int = 0, *, day: int = 4, month: int = 5) -> datetime:
    """A Berlin moment in 2026 (4 May 2026 is a Monday, no DST change near)."""
    return datetime(2026, month, day, hour, minute, second, tzinfo=BERLIN)


def ny(month: int, day: int, hour: int, minute: int = 0, *, fold: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=NEW_YORK, fold=fold)


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def assert_same(got: datetime, expected: datetime, now: datetime) -> None:
    """Same instant, same wall clock and offset, and expressed in now's zone."""
    assert got.tzinfo is now.tzinfo
    assert utc(got) == utc(expected)
    assert got.replace(tzinfo=None) == expected.replace(tzinfo=None)
    assert got.utcoffset() == expected.utcoffset()


NOW = berlin(18, 0)  # Monday 4 May 2026, 18:00 CEST
A_WEEK_AGO = berlin(18, day=27, month=4)


# --- parse_when: accepted forms --------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("now", NOW),
        ("  NOW ", NOW),
        ("today", NOW),
        ("today 09:00", berlin(9)),
        ("Today  9am", berlin(9)),
        ("today 18:00", NOW),
        ("yesterday 21:00", berlin(21, day=3)),
        ("yesterday 9pm", berlin(21, day=3)),
        ("yesterday 9:30 pm", berlin(21, 30, day=3)),
        ("YESTERDAY at 9:30p.m.", berlin(21, 30, day=3)),
        ("yesterday 21:00:15", berlin(21, 0, 15, day=3)),
        ("yesterday", berlin(18, day=3)),
        # bare clock times: today if not in the future, else yesterday
        ("17:00", berlin(17)),
        ("18:00", NOW),
        ("21:00", berlin(21, day=3)),
        ("9pm", berlin(21, day=3)),
        ("9:30pm", berlin(21, 30, day=3)),
        ("at 5pm", berlin(17)),
        ("12am", berlin(0)),
        ("12pm", berlin(12)),
        ("noon", berlin(12)),
        ("midnight", berlin(0)),
        # durations ago
        ("2h ago", berlin(16)),
        ("2 hours ago", berlin(16)),
        ("30m ago", berlin(17, 30)),
        ("30 min ago", berlin(17, 30)),
        ("30 minutes ago", berlin(17, 30)),
        ("1h30m ago", berlin(16, 30)),
        ("1h 30m ago", berlin(16, 30)),
        ("1 hour and 30 minutes ago", berlin(16, 30)),
        ("an hour ago", berlin(17)),
        ("0m ago", NOW),
        ("1 day ago", berlin(18, day=3)),
        ("3 days ago", berlin(18, day=1)),
        ("a week ago", A_WEEK_AGO),
        ("1 week ago", A_WEEK_AGO),
        ("1 day 2h ago", berlin(16, day=3)),
        # weekdays (today is Monday)
        ("monday", NOW),
        ("monday 17:00", berlin(17)),
        ("monday 21:00", berlin(21, day=27, month=4)),
        ("mon 9pm", berlin(21, day=27, month=4)),
        ("last monday", A_WEEK_AGO),
        ("last monday 17:00", berlin(17, day=27, month=4)),
        ("last monday 21:00", berlin(21, day=27, month=4)),
        ("sunday 21:00", berlin(21, day=3)),
        ("sun 9pm", berlin(21, day=3)),
        ("last sunday 9pm", berlin(21, day=3)),
        ("friday", berlin(18, day=1)),
        ("Fri at 8:15am", berlin(8, 15, day=1)),
        ("tue 10:00", berlin(10, day=28, month=4)),
        ("thurs 10:00", berlin(10, day=30, month=4)),
        # ISO 8601 without offset: local wall time; a date alone is noon
        ("2026-04-20", berlin(12, day=20, month=4)),
        ("2026-05-04", berlin(12)),
        ("2026-04-20 21:00", berlin(21, day=20, month=4)),
        ("2026-04-20T21:00", berlin(21, day=20, month=4)),
        ("2026-04-20t21:00:15", berlin(21, 0, 15, day=20, month=4)),
        ("2026-04-20 9pm", berlin(21, day=20, month=4)),
        ("2026-4-5 07:05", berlin(7, 5, day=5, month=4)),
        ("2006-05-04 18:00", datetime(2006, 5, 4, 18, tzinfo=BERLIN)),  # exactly 20 years
    ],
)
def test_parse_when_forms(text: str, expected: datetime) -> None:
    assert_same(parse_when(text, NOW), expected, NOW)


def test_a_date_alone_for_today_before_noon_means_now() -> None:
    now = berlin(10, 15)
    assert_same(parse_when("2026-05-04", now), now, now)


# --- across midnight ---------------------------------------------------------

AFTER_MIDNIGHT = berlin(0, 30, day=5)  # Tuesday 00:30


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("23:00", berlin(23, day=4)),
        ("11pm", berlin(23, day=4)),
        ("00:15", berlin(0, 15, day=5)),
        ("today 00:15", berlin(0, 15, day=5)),
        ("yesterday 23:00", berlin(23, day=4)),
        ("yesterday", berlin(0, 30, day=4)),
        ("1h ago", berlin(23, 30, day=4)),
        ("monday 23:00", berlin(23, day=4)),
        ("tuesday 00:10", berlin(0, 10, day=5)),
        ("tuesday 01:00", berlin(1, day=28, month=4)),
        ("2026-05-04 23:59", berlin(23, 59, day=4)),
    ],
)
def test_parse_when_across_midnight(text: str, expected: datetime) -> None:
    assert_same(parse_when(text, AFTER_MIDNIGHT), expected, AFTER_MIDNIGHT)


# --- across DST changes --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "now", "expected", "real"),
    [
        # New York springs forward on 8 March 2026 at 02:00 -> 03:00.
        ("yesterday 02:30", ny(3, 9, 10), ny(3, 8, 3, 30), None),
        # Same wall clock a day back; both noons are EDT, so 24 real hours.
        ("1 day ago", ny(3, 9, 12), ny(3, 8, 12), timedelta(hours=24)),
        # From 01:00 EDT the day back is 01:00 EST, before the change: 23 real hours.
        ("1 day ago", ny(3, 9, 1), ny(3, 8, 1), timedelta(hours=23)),
        ("yesterday", ny(3, 9, 1), ny(3, 8, 1), timedelta(hours=23)),
        ("2h ago", ny(3, 9, 12), ny(3, 9, 10), timedelta(hours=2)),
        ("2h ago", ny(3, 8, 4), ny(3, 8, 1), timedelta(hours=2)),
        ("02:30", ny(3, 8, 4), ny(3, 8, 3, 30), None),
        ("2026-03-08 02:30", ny(3, 9, 10), ny(3, 8, 3, 30), None),
        ("1 week ago", ny(3, 12, 9), ny(3, 5, 9), timedelta(days=7, hours=-1)),
        ("1 day ago", ny(3, 9, 2, 30), ny(3, 8, 3, 30), timedelta(hours=23)),  # gap moves forward
        # ...and falls back on 1 November 2026 at 02:00 -> 01:00: 01:30 happens twice.
        ("yesterday 01:30", ny(11, 2, 10), ny(11, 1, 1, 30), None),
        ("1 day ago", ny(11, 2, 0, 30), ny(11, 1, 0, 30), timedelta(hours=25)),
        ("1h ago", ny(11, 1, 1, 30, fold=1), ny(11, 1, 1, 30), timedelta(hours=1)),
        ("now", ny(11, 1, 1, 30, fold=1), ny(11, 1, 1, 30, fold=1), timedelta(0)),
        ("today", ny(11, 1, 1, 30, fold=1), ny(11, 1, 1, 30, fold=1), timedelta(0)),
        # Berlin springs forward on 29 March 2026 at 02:00 -> 03:00.
        ("02:30", berlin(12, day=29, month=3), berlin(3, 30, day=29, month=3), None),
    ],
)
def test_parse_when_across_dst(text: str, now: datetime, expected: datetime, real: timedelta | None) -> None:
    got = parse_when(text, now)
    assert_same(got, expected, now)
    if real is not None:
        assert utc(now) - utc(got) == real


def test_spring_forward_gap_lands_on_edt() -> None:
    got = parse_when("yesterday 02:30", ny(3, 9, 10))
    assert (got.hour, got.minute, got.utcoffset()) == (3, 30, EDT)


def test_ambiguous_fall_back_time_is_the_first_occurrence() -> None:
    got = parse_when("yesterday 01:30", ny(11, 2, 10))
    assert (got.hour, got.minute, got.utcoffset(), got.fold) == (1, 30, EDT, 0)
    assert ny(11, 2, 10).utcoffset() == EST


# --- offsets keep the instant ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "now", "instant"),
    [
        ("2026-04-20T21:00:00+01:00", NOW, datetime(2026, 4, 20, 20, tzinfo=UTC)),
        ("2026-04-20 21:00Z", NOW, datetime(2026, 4, 20, 21, tzinfo=UTC)),
        ("2026-04-20T21:00-05:00", NOW, datetime(2026, 4, 21, 2, tzinfo=UTC)),
        ("2026-04-20T21:00+0530", NOW, datetime(2026, 4, 20, 15, 30, tzinfo=UTC)),
        ("2026-03-08T02:30:00-05:00", ny(3, 9, 10), datetime(2026, 3, 8, 7, 30, tzinfo=UTC)),
        ("2026-05-04T17:00:00+01:00", NOW, datetime(2026, 5, 4, 16, tzinfo=UTC)),
    ],
)
def test_offsets_are_kept_as_instants_in_the_local_zone(text: str, now: datetime, instant: datetime) -> None:
    got = parse_when(text, now)
    assert got.tzinfo is now.tzinfo
    assert utc(got) == instant
    assert got.utcoffset() == instant.astimezone(now.tzinfo).utcoffset()


def test_offset_instant_shown_in_local_wall_time() -> None:
    got = parse_when("2026-03-08T02:30:00-05:00", ny(3, 9, 10))
    assert (got.day, got.hour, got.minute, got.utcoffset()) == (8, 3, 30, EDT)


# --- parse_when: refusals ---------------------------------------------------------

FUTURE = "That's in the future. A fight or sidestep can only be logged once it has happened."
UNREADABLE = "Try now, yesterday 21:00, 2h ago or 2026-11-20 21:00."
TOO_LONG = "That's more than 20 years ago."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type when it happened, like now, yesterday 21:00 or 2h ago."),
        ("   ", "Type when it happened"),
        ("blah", f"I couldn't read “blah”. {UNREADABLE}"),
        ("tomorrow", f"I couldn't read “tomorrow”. {UNREADABLE}"),
        ("next monday", UNREADABLE),
        ("last", UNREADABLE),
        ("last today 9pm", UNREADABLE),
        ("yesterday 21", UNREADABLE),
        ("21:00+01:00", UNREADABLE),
        ("yesterday 21:00Z", UNREADABLE),
        ("2 months ago", UNREADABLE),
        ("2h", "Did you mean “2h ago”? Add “ago” for a time in the past"),
        ("3 days", "Did you mean “3 days ago”?"),
        ("today 21:00", FUTURE),
        ("2026-05-04 18:01", FUTURE),
        ("2026-05-05", FUTURE),
        ("2099-01-01 12:00", FUTURE),
        ("9999-12-31T23:59-12:00", FUTURE),
        ("2026-05-04T17:00:00+00:00", FUTURE),
        ("2026-02-30", "There's no 30 February 2026. Check the date"),
        ("2026-02-29 21:00", "There's no 29 February 2026."),
        ("2026-13-01", "There's no month 13. Write dates as year-month-day, like 2026-11-20."),
        ("25:00", "“25:00” isn't a time: hours go up to 23."),
        ("25:99", "“25:99” isn't a time: hours go up to 23 and minutes up to 59."),
        ("yesterday 25:00", "hours go up to 23"),
        ("2026-04-20 24:00", "hours go up to 23 (midnight is 0:00)"),
        ("21:60", "“21:60” isn't a time: minutes go up to 59."),
        ("yesterday 21:00:61", "seconds go up to 59"),
        ("13pm", "“13pm” isn't a time: with am or pm, hours go from 1 to 12."),
        ("0am", "with am or pm, hours go from 1 to 12"),
        ("2026-04-20T21:00+25:00", "I couldn't read the offset in “21:00+25:00”."),
        ("2006-05-04 17:59", TOO_LONG),
        ("1100 weeks ago", TOO_LONG),
        ("999999 weeks ago", TOO_LONG),
        ("0001-01-01", TOO_LONG),
    ],
)
def test_parse_when_refusals(text: str, message: str) -> None:
    with pytest.raises(WhenError) as caught:
        parse_when(text, NOW)
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_long_text_is_shortened_in_the_message() -> None:
    with pytest.raises(WhenError, match="“this is a rather long t…”"):
        parse_when("this is a rather long text that means nothing", NOW)


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_when("now", datetime(2026, 5, 4, 18))
    with pytest.raises(ValueError, match="aware"):
        parse_since("this week", datetime(2026, 5, 4, 18))


# --- parse_since ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "now", "expected"),
    [
        ("2026-04-01", NOW, berlin(0, day=1, month=4)),
        ("2026-05-04", NOW, berlin(0)),
        ("2026-04-01 21:00", NOW, berlin(21, day=1, month=4)),
        ("2026-04-01T21:00", NOW, berlin(21, day=1, month=4)),
        ("2026-04-01T21:00:00+01:00", NOW, berlin(22, day=1, month=4)),
        ("this week", NOW, berlin(0)),
        ("This  Week", berlin(9, day=7), berlin(0)),
        ("this week", berlin(23, day=10), berlin(0)),
        ("this month", NOW, berlin(0, day=1)),
        ("this year", NOW, datetime(2026, 1, 1, tzinfo=BERLIN)),
        ("last 30 days", NOW, berlin(0, day=4, month=4)),
        ("30 days", NOW, berlin(0, day=4, month=4)),
        ("past 7 days", NOW, berlin(0, day=27, month=4)),
        ("last 2 weeks", NOW, berlin(0, day=20, month=4)),
        ("a week", NOW, berlin(0, day=27, month=4)),
        ("today", NOW, berlin(0)),
        ("yesterday", NOW, berlin(0, day=3)),
        ("friday", NOW, berlin(0, day=1)),
        ("last monday", NOW, berlin(0, day=27, month=4)),
        ("now", NOW, NOW),
        ("2h ago", NOW, berlin(16)),
        ("3 days ago", NOW, berlin(18, day=1)),
        ("yesterday 21:00", NOW, berlin(21, day=3)),
        ("21:00", NOW, berlin(21, day=3)),
        # DST: New York springs forward on Sunday 8 March 2026.
        ("this week", ny(3, 11, 9), ny(3, 9, 0)),
        ("last 1 day", ny(3, 9, 12), ny(3, 8, 0)),
        ("this month", ny(3, 9, 12), ny(3, 1, 0)),
        ("2026-03-08", ny(3, 9, 12), ny(3, 8, 0)),
        ("1 day ago", ny(3, 9, 12), ny(3, 8, 12)),
    ],
)
def test_parse_since_forms(text: str, now: datetime, expected: datetime) -> None:
    assert_same(parse_since(text, now), expected, now)


def test_parse_since_day_start_in_a_midnight_gap_moves_forward() -> None:
    havana = ZoneInfo("America/Havana")  # springs forward at 00:00 -> 01:00 on 8 March 2026
    now = datetime(2026, 3, 8, 12, tzinfo=havana)
    got = parse_since("today", now)
    assert (got.day, got.hour, got.minute) == (8, 1, 0)
    assert utc(got) == datetime(2026, 3, 8, 5, tzinfo=UTC)


def test_parse_since_has_no_twenty_year_limit() -> None:
    assert_same(parse_since("1990-01-01", NOW), datetime(1990, 1, 1, tzinfo=BERLIN), NOW)


SINCE_FUTURE = "That's in the future. Pick a start that has already come, like this week, this month or 2026-11-01."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type a start date, like 2026-11-01, this month or last 30 days."),
        ("next week", "I couldn't read “next week”. Try 2026-11-01, this week, this month or last 30 days."),
        ("last month", "I couldn't read"),
        ("2h", "Did you mean “2h ago”?"),
        ("2026-05-05", SINCE_FUTURE),
        ("2027-01-01 00:00", SINCE_FUTURE),
        ("today 21:00", SINCE_FUTURE),
        ("2026-02-30", "There's no 30 February 2026."),
        ("25:00", "hours go up to 23"),
        ("0001-01-01", "That's further back than the calendar goes."),
    ],
)
def test_parse_since_refusals(text: str, message: str) -> None:
    with pytest.raises(WhenError) as caught:
        parse_since(text, NOW)
    assert message in str(caught.value)

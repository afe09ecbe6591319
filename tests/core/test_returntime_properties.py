"""Property tests for cooldown.core.returntime: suggest_return and parse_return_time.

Every `now` is drawn or fixed, never the real clock, and nothing here reads or
writes a file: the functions are pure and no Hypothesis example database is kept.
(Hypothesis itself may cache Unicode tables in ./.hypothesis, which git ignores.)
"""

from __future__ import annotations

import string
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cooldown.core.returntime import ReturnTimeError, parse_return_time, suggest_return
from cooldown.core.settings import CooldownLimits

BERLIN = ZoneInfo("Europe/Berlin")
LONDON = ZoneInfo("Europe/London")
ZONES = tuple(
    ZoneInfo(name)
    for name in (
        "Europe/Berlin",
        "Europe/London",
        "America/New_York",
        "Australia/Lord_Howe",  # 30-minute DST
        "Asia/Kolkata",  # +05:30, no DST
        "Pacific/Chatham",  # +12:45 / +13:45
        "UTC",
    )
)
DST_CHANGES = (  # (zone, the UTC instant its clocks change)
    (LONDON, datetime(2026, 3, 29, 1, tzinfo=UTC)),  # 01:00 -> 02:00
    (LONDON, datetime(2026, 10, 25, 1, tzinfo=UTC)),  # 02:00 -> 01:00
    (ZoneInfo("America/New_York"), datetime(2026, 3, 8, 7, tzinfo=UTC)),  # 02:00 -> 03:00
    (ZoneInfo("America/New_York"), datetime(2026, 11, 1, 6, tzinfo=UTC)),  # 02:00 -> 01:00
    (ZoneInfo("Australia/Lord_Howe"), datetime(2026, 4, 4, 15, tzinfo=UTC)),  # 02:00 -> 01:30
    (ZoneInfo("Australia/Lord_Howe"), datetime(2026, 10, 3, 15, 30, tzinfo=UTC)),  # 02:00 -> 02:30
)
DAY = 24 * 60
FAST = settings(max_examples=300, deadline=None, database=None)
MANY = settings(max_examples=600, deadline=None, database=None)

DIGITS = string.digits
GRAMMAR = (  # the grammar's words and marks, "|"-separated; some start or end with a space
    ":|.|am|pm|a.m.|h|hours|m|min|minutes|in |at |+|-| |  |and |"
    "tomorrow| tomorrow|tomorrow |o'clock|noon|midnight|an hour|"
    "s|secs|seconds|d|day|days|w|wks|weeks|hr|,|/| and |a |half "
)
TOKENS = tuple(GRAMMAR.split("|"))
ODD_CHARACTERS = ("’", "‘", "\u00a0", "\u2003", "\t", "\n", "\x00", "İ", "ß", "٣", "０", "½", "：")


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def berlin_november(hour: int, minute: int, second: int = 0) -> datetime:
    """A Berlin moment on an ordinary November day (18 Nov 2026, a Wednesday)."""
    return datetime(2026, 11, 18, hour, minute, second, tzinfo=BERLIN)


FALL_BACK_EVE = datetime(2026, 10, 24, 2, 10, tzinfo=LONDON)
"""A day before London's clocks go back: now + 1435 min is 01:10 GMT, the repeated hour's second pass."""


# --- strategies ---------------------------------------------------------------


@st.composite
def nows(draw: st.DrawFn) -> datetime:
    """Any minute of a day, plus seconds, on dates over several years, in the zones above."""
    zone = draw(st.sampled_from(ZONES))
    day = draw(st.dates(date(2000, 1, 1), date(2040, 12, 31)))
    minute = draw(st.integers(0, DAY - 1))
    second = draw(st.integers(0, 59))
    microsecond = draw(st.one_of(st.just(0), st.integers(0, 999_999)))
    fold = draw(st.integers(0, 1))
    wall = datetime.combine(day, time(minute // 60, minute % 60, second, microsecond, fold=fold), tzinfo=zone)
    return utc(wall).astimezone(zone)  # a gap time moves on to a real one


@st.composite
def dst_cases(draw: st.DrawFn) -> tuple[datetime, int]:
    """(now, minutes) near a pinned DST change: the hours around it, the day before, or now + minutes landing on it."""
    zone, change = draw(st.sampled_from(DST_CHANGES))
    minutes = draw(st.one_of(st.integers(0, DAY - 1), st.integers(DAY - 120, DAY - 1)))
    hour = 3600
    instant = draw(
        st.one_of(
            st.integers(-4 * hour, 4 * hour).map(lambda s: change + timedelta(seconds=s)),
            st.integers(-26 * hour, 2 * hour).map(lambda s: change + timedelta(seconds=s)),
            st.integers(-2 * hour, 2 * hour).map(lambda s: change + timedelta(seconds=s, minutes=-minutes)),
        )
    )
    return instant.astimezone(zone), minutes


digit_runs = st.text(st.sampled_from(DIGITS), min_size=1, max_size=4)
grammar_texts = st.lists(st.one_of(st.sampled_from(TOKENS + ODD_CHARACTERS), digit_runs), max_size=8).map("".join)
AFFIXES = ("", "in ", "at ", "+", "-", "tomorrow ")
SUFFIXES = ("", "m", "h", " min", ":30", "pm", "h30", " tomorrow", ".5h")


def digit_strings(low: int, high: int) -> st.SearchStrategy[str]:
    """`low` to `high` digits, a short drawn pattern repeated (so 10,000 digits stay cheap to draw)."""
    return st.builds(
        lambda n, pattern: (pattern * n)[:n],
        st.integers(low, high),
        st.text(st.sampled_from(DIGITS), min_size=1, max_size=8),
    )


def wrapped(core: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(AFFIXES), core, st.sampled_from(SUFFIXES)).map("".join)


any_texts = st.one_of(
    st.text(max_size=60),
    st.text(min_size=150, max_size=170),  # around the 160-character cut-off
    grammar_texts,
    wrapped(digit_strings(1, 200)),
    wrapped(digit_strings(4_000, 10_000)),
)
maximums = st.one_of(st.just(timedelta(hours=24)), st.integers(1, 2 * DAY).map(lambda m: timedelta(minutes=m)))


# --- suggest_return ---------------------------------------------------------------


def assert_suggestion(now: datetime, minutes: int) -> str:
    """suggest_return's promises for this now and minutes; the text, for further checks."""
    text = suggest_return(now, minutes)
    at = parse_return_time(text, now, maximum=timedelta(days=2)).at
    assert utc(at) >= utc(now) + timedelta(minutes=minutes), text
    if not text.endswith("m"):
        local = at.astimezone(now.tzinfo)
        assert (local.minute % 5, local.second, local.microsecond) == (0, 0, 0), text
        assert utc(at) - utc(now) < timedelta(hours=24, minutes=5), text
    return text


def assert_app_accepts(now: datetime, minutes: int, limits: CooldownLimits) -> None:
    """The suggestion for `minutes`, capped as the app caps it, is accepted by the app's own limits."""
    text = assert_suggestion(now, limits.suggestion_minutes(minutes))
    parse_return_time(text, now, minimum=limits.minimum, maximum=limits.maximum)


@MANY
@given(now=nows(), minutes=st.integers(0, DAY - 1))
@example(now=berlin_november(12, 59), minutes=1435)
@example(now=berlin_november(12, 0, 1), minutes=1435)
@example(now=FALL_BACK_EVE, minutes=1435)
def test_suggestion_parses_back_to_a_later_mark(now: datetime, minutes: int) -> None:
    """Never raises; parses back at or after now + minutes; a clock text is a 5-minute mark within 24h 5min."""
    assert_suggestion(now, minutes)


@FAST
@given(case=dst_cases())
def test_suggestion_parses_back_around_dst_changes(case: tuple[datetime, int]) -> None:
    assert_suggestion(*case)


@FAST
@given(now=nows(), minutes=st.integers(-DAY, 3 * DAY))
@example(now=berlin_november(12, 59), minutes=1439)
def test_capped_suggestion_is_accepted_by_the_app(now: datetime, minutes: int) -> None:
    """What the user presses Enter on: capped by suggestion_minutes, read with the default 24 h maximum."""
    limits = CooldownLimits()
    assert limits.maximum == timedelta(hours=24)
    assert_app_accepts(now, minutes, limits)


@FAST
@given(case=dst_cases())
def test_capped_suggestion_is_accepted_around_dst_changes(case: tuple[datetime, int]) -> None:
    assert_app_accepts(*case, CooldownLimits())


@FAST
@given(now=nows(), minutes=st.integers(0, DAY - 1), hours=st.integers(1, 24))
def test_capped_suggestion_fits_any_maximum_setting(now: datetime, minutes: int, hours: int) -> None:
    assert_app_accepts(now, minutes, CooldownLimits(maximum_hours=hours))


@pytest.mark.parametrize("minutes", [1260, 1435, 1439])
@pytest.mark.parametrize(("hour", "minute"), [(10, 5), (12, 59)])
def test_late_suggestions_on_an_ordinary_day(hour: int, minute: int, minutes: int) -> None:
    """These raised AssertionError when "HH:MM" alone could not name tomorrow's mark."""
    assert_suggestion(berlin_november(hour, minute), minutes)


@pytest.mark.parametrize(
    ("now", "minutes"),
    [
        (berlin_november(12, 59), 1435),
        (berlin_november(12, 59), 1439),
        (berlin_november(12, 0, 1), 1435),
        (berlin_november(12, 30), 1435),
    ],
)
def test_late_suggestions_in_the_noon_hour_are_accepted_by_the_app(now: datetime, minutes: int) -> None:
    """Tomorrow's 12:xx marks: the capped suggestion must still be within the app's 24 hours."""
    assert_app_accepts(now, minutes, CooldownLimits())


@pytest.mark.parametrize(
    ("now", "minutes"),
    [
        (FALL_BACK_EVE, 1435),
        (datetime(2026, 10, 24, 2, 55, tzinfo=LONDON), 1400),
    ],
)
def test_suggestion_on_the_eve_of_a_fall_back_stays_within_a_day(now: datetime, minutes: int) -> None:
    assert_suggestion(now, minutes)
    assert_app_accepts(now, minutes, CooldownLimits())


@FAST
@given(minutes=st.one_of(st.integers(max_value=-1), st.integers(min_value=DAY)), now=nows())
@example(minutes=-1, now=berlin_november(12, 0))
@example(minutes=DAY, now=berlin_november(12, 0))
@example(minutes=10**30, now=berlin_november(12, 0))
def test_suggestion_refuses_minutes_out_of_range(minutes: int, now: datetime) -> None:
    with pytest.raises(ValueError, match="minutes"):
        suggest_return(now, minutes)


def test_pinned_dst_changes_are_real() -> None:
    """The DST table above still matches tzdata: the offset changes at each instant."""
    second = timedelta(seconds=1)
    for zone, change in DST_CHANGES:
        assert (change - second).astimezone(zone).utcoffset() != change.astimezone(zone).utcoffset()


# --- parse_return_time ---------------------------------------------------------------


def assert_read_or_refused(text: str, now: datetime, **limits: timedelta) -> None:
    """A ReturnTime ahead of now and within the maximum, or a ReturnTimeError with words; nothing else."""
    maximum = limits.get("maximum", timedelta(hours=24))
    try:
        rt = parse_return_time(text, now, **limits)
    except ReturnTimeError as error:
        assert str(error).strip()
        return
    assert utc(now) < utc(rt.at) <= utc(now) + maximum
    assert rt.wait == utc(rt.at) - utc(now)
    assert rt.at.tzinfo is now.tzinfo


def test_return_time_error_is_a_value_error() -> None:
    assert issubclass(ReturnTimeError, ValueError)


@MANY
@given(text=any_texts, now=nows())
@example(text="9" * 5_000, now=berlin_november(12, 0))
@example(text="in " + "1" * 4_301 + "m", now=berlin_november(12, 0))
def test_any_text_is_read_or_refused_kindly(text: str, now: datetime) -> None:
    assert_read_or_refused(text, now)


@FAST
@given(text=any_texts, now=nows(), minimum=st.integers(0, DAY), maximum=maximums)
def test_any_text_respects_any_limits(text: str, now: datetime, minimum: int, maximum: timedelta) -> None:
    assert_read_or_refused(text, now, minimum=timedelta(minutes=minimum), maximum=maximum)


@FAST
@given(text=any_texts, now=dst_cases().map(lambda case: case[0]))
def test_any_text_around_dst_changes(text: str, now: datetime) -> None:
    assert_read_or_refused(text, now)


@pytest.mark.parametrize(
    "text", ["5" * 5_000, "1234567890" * 500, " " + "0" * 5_000 + " "], ids=["fives", "pattern", "padded-zeros"]
)
def test_five_thousand_digits_are_refused_kindly(text: str) -> None:
    """Once a bare ValueError from int() (Python's 4,300-digit limit)."""
    with pytest.raises(ReturnTimeError) as caught:
        parse_return_time(text, berlin_november(12, 0))
    assert str(caught.value).strip()

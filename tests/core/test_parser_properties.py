"""Property tests of the text parsers: the return time's durations, `--at` and `--since`.

Any text gives a value or the parser's own error with words in it, nothing else;
text over the length limit is refused before it is read; and durations built
from their parts read to the sum of the parts, or are refused for where they
land (too far, in the past, too soon), never as unreadable. Every `now` is
drawn, never the real clock; no Hypothesis example database is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cooldown.core import returntime, when
from cooldown.core.duration import UNITS, read_seconds
from cooldown.core.returntime import ReturnTimeError, parse_return_time
from cooldown.core.when import WhenError, parse_since, parse_when
from tests.core.test_returntime_properties import ODD_CHARACTERS, berlin_november, nows

QUICK = settings(max_examples=200, deadline=None, database=None)

TOO_FAR = "away. Pick a time within the next"
IN_THE_PAST = "is in the past"
TOO_SOON = "less than a minute away"
RIGHT_NOW = "That's right now"
UNREADABLE = "I couldn't read"


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


# --- durations built from their parts ---------------------------------------------


@dataclass(frozen=True)
class Built:
    """A duration text and the exact seconds its parts add up to."""

    text: str
    seconds: Fraction
    negative: bool


def unit_words(seconds: int) -> list[str]:
    return [word for word, length in UNITS.items() if length == seconds]


LENGTHS = sorted(set(UNITS.values()), reverse=True)  # weeks first, as they must be written
numbers = st.one_of(
    st.integers(0, 2000).map(str),
    st.decimals(0, 200, places=2, allow_nan=False, allow_infinity=False).map(str),
    st.integers(1, 99).map(lambda n: f".{n}"),
    st.integers(0, 50).map(lambda n: f"{n}."),
)
joints = st.sampled_from(["", " ", ",", ", ", " , ", "/", " and "])


@st.composite
def built_durations(draw: st.DrawFn) -> Built:
    """Parts in the order they must come (larger units first), each unit once, joined any allowed way."""
    lengths = sorted(draw(st.sets(st.sampled_from(LENGTHS), min_size=1, max_size=3)), reverse=True)
    text, total = "", Fraction(0)
    for index, length in enumerate(lengths):
        number = draw(numbers)
        word = draw(st.sampled_from(unit_words(length)))
        text += number + draw(st.sampled_from(["", " "])) + word
        if index < len(lengths) - 1:
            text += draw(joints)
        total += Fraction(number) * length
    sign = draw(st.sampled_from(["", "+", "+ ", "-", "- "]))
    prefix = draw(st.sampled_from(["", "in "]))
    text = prefix + sign + text
    if draw(st.booleans()):
        text = text.upper()
    return Built(text, total, sign.startswith("-"))


@QUICK
@given(built=built_durations())
@example(built=Built("1.5h", Fraction(5400), False))
@example(built=Built(".5 hours", Fraction(1800), False))
def test_built_durations_read_to_the_sum_of_their_parts(built: Built) -> None:
    unsigned = built.text.lower().removeprefix("in ").lstrip("+- ")
    assert read_seconds(unsigned) == built.seconds


@QUICK
@given(built=built_durations(), now=nows(), maximum_minutes=st.integers(1, 48 * 60))
@example(built=Built("2 weeks", Fraction(1209600), False), now=berlin_november(12, 0), maximum_minutes=24 * 60)
@example(built=Built("5 seconds", Fraction(5), False), now=berlin_november(12, 0), maximum_minutes=24 * 60)
@example(built=Built("-5m", Fraction(300), True), now=berlin_november(12, 0), maximum_minutes=24 * 60)
@example(built=Built("24h", Fraction(86400), False), now=berlin_november(12, 0, 40), maximum_minutes=24 * 60)
def test_a_built_duration_is_read_or_refused_for_where_it_lands(
    built: Built, now: datetime, maximum_minutes: int
) -> None:
    """Within the window it lands within half a minute of now + the sum; outside it, the reason is given."""
    maximum = timedelta(minutes=maximum_minutes)
    try:
        rt = parse_return_time(built.text, now, minimum=timedelta(0), maximum=maximum)
    except ReturnTimeError as error:
        said = str(error)
        if built.seconds == 0:
            assert RIGHT_NOW in said
        elif built.negative:
            assert IN_THE_PAST in said
        elif built.seconds > Fraction(maximum_minutes * 60):
            assert TOO_FAR in said
        else:
            assert built.seconds < 30
            assert TOO_SOON in said
        assert UNREADABLE not in said
        return
    span = timedelta(seconds=float(built.seconds))
    assert not built.negative and Fraction(30) <= built.seconds <= Fraction(maximum_minutes * 60)
    assert utc(now) < utc(rt.at) <= utc(now) + maximum
    assert abs(utc(rt.at) - (utc(now) + span)) < timedelta(minutes=1)
    assert (utc(rt.at).second, rt.at.microsecond) == (0, 0)  # on a whole minute
    assert rt.wait == utc(rt.at) - utc(now)


# --- any text, for each parser ------------------------------------------------------


DURATION_WORDS = (*UNITS, "and", "a", "an", "one", "in", "at", "tomorrow", "ago", "pm", "am", "o'clock")
DURATION_MARKS = (" ", ",", "/", ".", ":", "+", "-", "  ", "\t")
WHEN_WORDS = (
    "now",
    "today",
    "yesterday",
    "last",
    "past",
    "this week",
    "this month",
    "this year",
    "mon",
    "tues",
    "sunday",
    "noon",
    "midnight",
    "ago",
    "at",
    "an",
    "a",
    "t",
    "z",
    "+01:00",
    "-12:00",
    "2026-",
    "11-",
    "20",
    "weeks",
    "days",
    "hours",
    "h",
    "m",
    "min",
    "and",
)
digit_runs = st.text(st.sampled_from("0123456789"), min_size=1, max_size=6)


def token_texts(words: tuple[str, ...], marks: tuple[str, ...], size: int) -> st.SearchStrategy[str]:
    return st.lists(
        st.one_of(st.sampled_from(words), st.sampled_from(marks + ODD_CHARACTERS), digit_runs), max_size=size
    ).map("".join)


def repeated(words: tuple[str, ...]) -> st.SearchStrategy[str]:
    """One short piece repeated up to past the length limit: "1m1m1m...", "1 and 1 and ..."."""
    piece = st.tuples(digit_runs, st.sampled_from(words), st.sampled_from(("", " ", ",", " and "))).map("".join)
    return st.tuples(piece, st.integers(1, 120)).map(lambda drawn: drawn[0] * drawn[1])


return_texts = st.one_of(st.text(max_size=50), token_texts(DURATION_WORDS, DURATION_MARKS, 12), repeated(tuple(UNITS)))
when_texts = st.one_of(
    st.text(max_size=70),
    token_texts(WHEN_WORDS, (" ", ":", "-", ".", "t", ","), 12),
    repeated(("h", "m", "d", "w", "days", "weeks", " ago")),
)


@QUICK
@given(text=return_texts, now=nows())
@example(text="1m" * 20, now=berlin_november(12, 0))
@example(text="1h 1m 1s " * 5, now=berlin_november(12, 0))
def test_any_return_time_text_gives_a_time_ahead_or_a_kind_refusal(text: str, now: datetime) -> None:
    try:
        rt = parse_return_time(text, now)
    except ReturnTimeError as error:
        assert str(error).strip()
        return
    assert utc(now) < utc(rt.at) <= utc(now) + timedelta(hours=24)
    assert rt.at.tzinfo is now.tzinfo


@QUICK
@given(text=when_texts, now=nows())
@example(text="1h" * 40 + " ago", now=berlin_november(12, 0))
@example(text="999999w 999999w ago", now=berlin_november(12, 0))
@example(text="0001-01-01", now=berlin_november(12, 0))
def test_any_at_text_gives_a_past_moment_or_a_kind_refusal(text: str, now: datetime) -> None:
    try:
        moment = parse_when(text, now)
    except WhenError as error:
        assert str(error).strip()
        return
    assert moment.tzinfo is now.tzinfo
    assert utc(moment) <= utc(now)
    assert utc(moment) >= utc(now) - timedelta(days=366 * 20)


@QUICK
@given(text=when_texts, now=nows())
@example(text="last 999999 weeks", now=berlin_november(12, 0))
@example(text="0001-01-01", now=berlin_november(12, 0))
def test_any_since_text_gives_a_past_start_or_a_kind_refusal(text: str, now: datetime) -> None:
    try:
        moment = parse_since(text, now)
    except WhenError as error:
        assert str(error).strip()
        return
    assert moment.tzinfo is now.tzinfo
    assert utc(moment) <= utc(now)


@QUICK
@given(
    hours=st.integers(0, 500),
    minutes=st.integers(0, 5000),
    joint=st.sampled_from(["", " ", ",", ", ", " and "]),
    now=nows(),
)
def test_hours_and_minutes_ago_are_that_much_real_time_back(
    hours: int, minutes: int, joint: str, now: datetime
) -> None:
    moment = parse_when(f"{hours}h{joint}{minutes}m ago", now)
    assert utc(moment) == utc(now) - timedelta(hours=hours, minutes=minutes)


# --- length caps, checked before anything is read -------------------------------------


def folded(text: str) -> str:
    return " ".join(text.lower().split())


long_texts = st.one_of(
    st.text(min_size=41, max_size=300),
    st.tuples(st.sampled_from(["1m", "in 20m ", "19:30 ", "2h ago ", "1 hour and "]), st.integers(5, 2_000)).map(
        lambda drawn: drawn[0] * drawn[1]
    ),
)


@QUICK
@given(text=long_texts)
@example(text="1" * 10_000_000)
def test_a_return_time_over_the_limit_is_refused_before_it_is_read(text: str) -> None:
    if len(folded(text)) <= returntime.TEXT_LIMIT and len(text) <= 4 * returntime.TEXT_LIMIT:
        return
    with pytest.raises(ReturnTimeError, match="longer than any time could be"):
        parse_return_time(text, berlin_november(12, 0))


@QUICK
@given(text=long_texts, since=st.booleans())
@example(text="1" * 10_000_000, since=False)
def test_a_when_over_the_limit_is_refused_before_it_is_read(text: str, since: bool) -> None:
    if len(folded(text)) <= when.TEXT_LIMIT and len(text) <= 4 * when.TEXT_LIMIT:
        return
    parse = parse_since if since else parse_when
    with pytest.raises(WhenError, match="longer than any date could be"):
        parse(text, berlin_november(12, 0))


@pytest.mark.parametrize(
    "text",
    [
        "1 week, 2 days, 3 hours and 4 minutes ago",
        "last thursday at 12:30 pm",
        "2026-11-20T21:00:00+01:00",
        "   yesterday   " + " " * 150 + "21:00",  # spaces fold before the limit counts
    ],
)
def test_the_longest_ordinary_when_texts_fit(text: str) -> None:
    try:
        parse_when(text, berlin_november(12, 0))
    except WhenError as error:
        assert "longer than" not in str(error)

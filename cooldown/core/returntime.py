"""Read "when will I be back?" answers such as ``19:30``, ``7pm`` or ``20m``.

Durations are read by `cooldown.core.duration` (``90s``, ``1.5h``, ``1 hour and 30
minutes``, ``2 weeks``), a bare whole number means minutes, and a duration outside
the allowed window is refused with the same words as any other time: "in the past"
for ``-5m``, "more than 24 hours away" for ``2 weeks``, and under half a minute
("5 seconds", which lands on this very minute) is too soon.

Pure: no I/O and no wall clock; the caller passes ``now`` (an aware datetime in
the user's zone). Real elapsed time is always measured in UTC, because Python
subtracts and compares two datetimes sharing a tzinfo by wall clock alone.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo
from fractions import Fraction

from pydantic import BaseModel, ConfigDict

from cooldown.core.clock_times import ClockRangeError, clock_hours
from cooldown.core.duration import read_seconds
from cooldown.core.instant import format_clock, format_wait, normalise, quoted, time_of_day
from cooldown.core.instant import utc as _utc

_EXAMPLES = "Try 19:30, 7:30pm, 20m or in 45 minutes."
ROUNDING = timedelta(seconds=30)
"""The most a return time moves when it is landed on the nearest whole minute."""
TEXT_LIMIT = 40
"""The longest answer read; anything longer is refused before parsing (no time is that long)."""
_WORD_MINUTES = {
    "now": 0,
    "an hour": 60,
    "a hour": 60,
    "one hour": 60,
    "half an hour": 30,
    "half hour": 30,
    "a half hour": 30,
    "an hour and a half": 90,
}
_BARE_MINUTES = re.compile(r"[0-9]+")
"""A whole number alone is minutes: "20" is 20m."""
_TOO_SOON = Fraction(30)
"""A duration under this many seconds lands on this very minute."""
_BOTH_READINGS = range(1, 13)
"""A bare number in this range is minutes, and could have meant that hour ("7" or "at 7")."""


class ReturnTimeError(ValueError):
    """A return time that cannot be used; str(err) is a kind message for the user."""


class ReturnTime(BaseModel):
    """A resolved return time: when, how long from now, and an optional nudge."""

    model_config = ConfigDict(frozen=True)

    at: datetime
    wait: timedelta
    warning: str | None = None


def _say(span: timedelta) -> str:
    """A span in words for messages: "20 minutes", "1 hour", "1 hour 30 minutes"."""
    hours, minutes = divmod(int(span.total_seconds() // 60), 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if minutes or not hours:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    return " ".join(parts)


def _read_duration(text: str) -> Fraction | None:
    """The seconds in a duration text like "20", "1h 30m", "an hour"; None if not a duration."""
    if text in _WORD_MINUTES:
        return Fraction(_WORD_MINUTES[text] * 60)
    if _BARE_MINUTES.fullmatch(text):
        return Fraction(int(text) * 60)
    return read_seconds(text)


def _seconds(span: timedelta) -> Fraction:
    """A timedelta as an exact number of seconds."""
    return Fraction(span // timedelta(microseconds=1), 1_000_000)


def _clock_hours(text: str, shown: str | None = None) -> tuple[list[int], int] | None:
    """Candidate 24-hour values and the minute for a clock text; None if not a clock.

    Raises ReturnTimeError when it is clearly a clock time but out of range.
    """
    try:
        return clock_hours(text, shown)
    except ClockRangeError as error:
        raise ReturnTimeError(str(error)) from None


def _wall_times(day: date, hour: int, minute: int, zone: tzinfo) -> list[datetime]:
    """Real instants showing this wall time on `day`: one, two (fall-back), or the
    normalised later time when it falls in a spring-forward gap."""
    first = datetime.combine(day, time(hour, minute), tzinfo=zone)
    normal = normalise(first)
    if normal.replace(tzinfo=None) != first.replace(tzinfo=None):
        return [normal]  # gap: 2:30 becomes 3:30
    second = normalise(first.replace(fold=1))
    return [normal, second] if _utc(second) != _utc(normal) else [normal]


def _nearest_future(hours: list[int], minute: int, now: datetime) -> datetime:
    """The earliest instant strictly after `now` showing one of the wall times."""
    zone = now.tzinfo
    assert zone is not None
    candidates = [
        moment
        for offset in range(3)
        for hour in hours
        for moment in _wall_times(now.date() + timedelta(days=offset), hour, minute, zone)
        if _utc(moment) > _utc(now)
    ]
    return min(candidates, key=_utc)


def _resolve_duration(
    text: str, shown: str, now: datetime, maximum: timedelta, base: datetime | None = None
) -> datetime | None:
    """The instant a duration text points at, or None if it is not a duration.

    It counts from `base` (the agreed time, when asking for more time) or from now, and
    lands on the nearest whole minute, so what is shown, said and alerted agree.
    """
    sign = text[:1] if text[:1] in ("+", "-") else ""
    seconds = _read_duration(text[len(sign) :].lstrip())
    if seconds is None:
        return None
    if seconds == 0:
        raise ReturnTimeError("That's right now. Give yourself a little time, like 20m or 45m.")
    if sign == "-":
        raise ReturnTimeError(f"“{shown}” is in the past. Pick a time ahead, like 20m or 19:30.")
    if seconds > _seconds(maximum):
        raise _too_far(maximum)
    if seconds < _TOO_SOON:
        raise _too_soon()
    start = _utc(base if base is not None else now)
    try:
        moment = start + timedelta(microseconds=round(seconds * 1_000_000))
    except OverflowError:
        raise _too_far(maximum) from None
    at = _whole_minute(moment)
    if _utc(at) - _utc(now) > maximum >= moment - _utc(now):  # "24h" at 18:00:40: not 18:01 tomorrow
        at = moment.replace(second=0, microsecond=0)
    return at.astimezone(now.tzinfo)


def _whole_minute(moment: datetime) -> datetime:
    """The nearest whole minute (half a minute rounds up): "30m" still reads "in 30 min" a second later."""
    whole = moment.replace(second=0, microsecond=0)
    return whole + timedelta(minutes=1) if moment - whole >= timedelta(seconds=30) else whole


def _tomorrow(text: str) -> str | None:
    """The clock part of "10:30 tomorrow", "tomorrow 10:30" or "tomorrow at 7pm"; None without "tomorrow"."""
    if text.endswith(" tomorrow"):
        text = text.removesuffix(" tomorrow")
    elif text.startswith("tomorrow "):
        text = text.removeprefix("tomorrow ")
    else:
        return None
    return text.removeprefix("at ").strip()


def _on_day(day: date, hours: list[int], minute: int, now: datetime) -> datetime | None:
    """The wall time on `day`, its hour as written ("12:15" is noon, "7" is 7 am), if after `now`."""
    zone = now.tzinfo
    assert zone is not None
    hour = max(hour for hour in hours if hour <= 12) if len(hours) > 1 else hours[0]
    candidates = [moment for moment in _wall_times(day, hour, minute, zone) if _utc(moment) > _utc(now)]
    return min(candidates, key=_utc) if candidates else None


def _resolve(
    cleaned: str, shown: str, now: datetime, maximum: timedelta, later_than: datetime | None = None
) -> datetime | None:
    """The instant a cleaned text names, or None if it cannot be read.

    "at ..." is always a clock time, "in ..." always a duration; "... tomorrow"
    is a clock time on the next day, its hour as written ("tomorrow 7" is 07:00,
    "12:15 tomorrow" is a quarter past noon; "7pm tomorrow" is 19:00);
    otherwise a duration is tried first, so a bare number means minutes.
    """
    tomorrow = _tomorrow(cleaned)
    if tomorrow is not None:
        clock = _clock_hours(tomorrow, shown)
        return None if clock is None else _on_day(now.date() + timedelta(days=1), *clock, now)
    if cleaned.startswith("in "):
        return _resolve_duration(cleaned[3:], shown, now, maximum)
    if cleaned.startswith("at "):
        clock = _clock_hours(cleaned[3:], shown)
    else:
        base = max(later_than, now, key=_utc) if later_than is not None else None  # "20m": 20 more minutes
        at = _resolve_duration(cleaned, shown, now, maximum, base)
        if at is not None:
            return at
        clock = _clock_hours(cleaned, shown)
    return None if clock is None else _nearest_future(*clock, now)


def _check_later(cleaned: str, at: datetime, now: datetime, later_than: datetime) -> None:
    """Refuse a new time that is not later than the one agreed, or a clock time that has just passed."""
    agreed = format_clock(later_than, now)
    passed = _just_passed(cleaned, now)
    if passed is not None and _utc(at) - _utc(later_than) > timedelta(hours=12):  # read as tomorrow by mistake
        raise ReturnTimeError(
            f"{format_clock(passed, now)} has passed already. "
            f"More time means a time after {agreed}, like {_later_example(later_than, now)}."
        )
    if _utc(at) <= _utc(later_than):
        raise ReturnTimeError(
            f"That's not after {agreed}, the time you agreed. "
            f"More time means later, like {_later_example(later_than, now)}."
        )


def _just_passed(cleaned: str, now: datetime) -> datetime | None:
    """The moment a bare clock time last showed, if that was within `JUST_PASSED` of now."""
    text = cleaned.removeprefix("at ")
    if _tomorrow(text) is not None or text.startswith("in ") or _read_duration(text.lstrip("+-")) is not None:
        return None
    clock = _clock_hours(text)
    if clock is None:
        return None
    hours, minute = clock
    zone = now.tzinfo
    assert zone is not None
    latest = [
        moment
        for offset in (0, 1)
        for hour in hours
        for moment in _wall_times(now.date() - timedelta(days=offset), hour, minute, zone)
        if _utc(moment) <= _utc(now)
    ]
    if not latest:
        return None
    moment = max(latest, key=_utc)
    return moment if _utc(now) - _utc(moment) < JUST_PASSED else None


def _later_example(later_than: datetime, now: datetime) -> str:
    """A time 15 minutes after the later of `later_than` and now, as the more-time dialog suggests it."""
    base = max(later_than, now, key=_utc)
    return format_clock(_round_up_to_five((_utc(base) + timedelta(minutes=15)).astimezone(now.tzinfo)), now)


def _too_long(shown: str) -> ReturnTimeError:
    return ReturnTimeError(f"I couldn't read “{shown}”: it's longer than any time could be. {_EXAMPLES}")


def _too_soon() -> ReturnTimeError:
    """The refusal for a duration that lands on this very minute ("5 seconds")."""
    return ReturnTimeError("That's less than a minute away. Give yourself a little time, like 20m or 45m.")


def _too_far(maximum: timedelta) -> ReturnTimeError:
    """The refusal for a time beyond `maximum`."""
    return ReturnTimeError(f"That's more than {_say(maximum)} away. Pick a time within the next {_say(maximum)}.")


JUST_PASSED = timedelta(hours=3)
"""With `later_than`, a clock time that passed this recently means a mistake, not tomorrow."""


def parse_return_time(
    text: str,
    now: datetime,
    *,
    minimum: timedelta = timedelta(minutes=20),
    maximum: timedelta = timedelta(hours=24),
    later_than: datetime | None = None,
    refuse_just_passed: bool = False,
) -> ReturnTime:
    """Resolve the user's answer to an aware time in now's zone.

    Durations count real (UTC) time from `now`; clock times mean their nearest
    occurrence strictly after `now`. With `later_than` (asking for more time), a
    time not after it is refused, and so is a clock time that passed in the last
    three hours when reading it as tomorrow would leap far past the agreed time
    (19:00 typed at 19:10 for a return agreed at 19:30); a plain duration ("20m")
    then means that much more time after the agreed time, while "in 20m" still
    counts from now. A duration lands on the nearest whole minute. With
    `refuse_just_passed` (a talk time), a clock time that passed in the last three
    hours is refused rather than read as tomorrow. Raises ReturnTimeError with a
    kind message.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    shown = quoted(text[: TEXT_LIMIT * 4])  # a huge paste is quoted from its start, not split whole
    if len(text) > TEXT_LIMIT * 4:  # not worth even cleaning up
        raise _too_long(shown)
    cleaned = " ".join(text.lower().replace("’", "'").replace("‘", "'").split())
    if not cleaned:
        raise ReturnTimeError("Type when you'll be back, like 19:30 or 20m.")
    if len(cleaned) > TEXT_LIMIT:
        raise _too_long(shown)
    at = _resolve(cleaned, shown, now, maximum, later_than)
    if at is None:
        raise ReturnTimeError(f"I couldn't read “{shown}”. {_EXAMPLES}")
    wait = _utc(at) - _utc(now)
    if wait > maximum:
        raise _too_far(maximum)
    if wait <= timedelta(0):  # a duration under a minute, rounded, with a maximum under a minute
        raise _too_soon()
    if later_than is not None:
        _check_later(cleaned, at, now, later_than)
    elif refuse_just_passed and (passed := _just_passed(cleaned, now)) is not None and wait > timedelta(hours=12):
        example = suggest_return(now, 30)
        raise ReturnTimeError(f"{format_clock(passed, now)} has passed already. Pick a time ahead, like {example}.")
    warning = None
    if wait < minimum - ROUNDING:  # "20m" landed on a whole minute may be 19 min 40 s away: not under 20
        warning = (
            f"That's under {_say(minimum)}. A body usually needs at least "
            f"{_say(minimum)} to calm down, but it's your call."
        )
    return ReturnTime(at=at, wait=wait, warning=warning)


def clock_reading(text: str, now: datetime, **limits: datetime | timedelta | bool | None) -> ReturnTime | None:
    """What "at 7" would agree, for a bare "7" (1 to 12, read as minutes); None for any other text.

    None too when that clock time cannot be used with these `limits` (parse_return_time's own)."""
    number = text.strip()
    if not _BARE_MINUTES.fullmatch(number) or number.startswith("0") or int(number) not in _BOTH_READINGS:
        return None
    try:
        return parse_return_time(f"at {number}", now, **limits)  # type: ignore[arg-type]
    except ReturnTimeError:
        return None


def describe(rt: ReturnTime, now: datetime) -> str:
    """ "back at 19:30, in 1 h 12 min", with the wait counted from this `now`."""
    remaining = _utc(rt.at) - _utc(now)
    when = f"in {format_wait(remaining)}" if remaining > timedelta(0) else "that's now"
    return f"back at {format_clock(rt.at, now)}, {when}"


def _round_up_to_five(moment: datetime) -> datetime:
    """The first 5-minute mark on moment's local clock at or after `moment`."""
    excess = timedelta(minutes=moment.minute % 5, seconds=moment.second, microseconds=moment.microsecond)
    if not excess:
        return moment
    return (_utc(moment) - excess + timedelta(minutes=5)).astimezone(moment.tzinfo)


def suggest_return(now: datetime, minutes: int) -> str:
    """now + `minutes`, rounded up to the next 5-minute mark, as "HH:MM" (or "HH:MM tomorrow").

    The text always parses back (with parse_return_time) to that very instant;
    where "HH:MM" would mean an earlier moment ("10:30" read as the nearer 22:30
    or today's 10:30), "HH:MM tomorrow" is used, and where neither can say it (a
    repeated fall-back hour) the next mark is tried. Where no mark within 24 hours
    can be named (the day after tomorrow, or a repeated hour a day ahead), the
    wait is given in minutes ("1439m"). Raises ValueError only for `minutes`
    outside 0 to 1439.
    """
    if not 0 <= minutes < 24 * 60:
        raise ValueError("minutes must be between 0 and 1439")
    mark = _round_up_to_five((_utc(now) + timedelta(minutes=minutes)).astimezone(now.tzinfo))
    tomorrow = now.date() + timedelta(days=1)
    while mark.date() <= tomorrow and _utc(mark) - _utc(now) <= timedelta(hours=24):
        clock = time_of_day(mark)
        for text in (clock, f"{clock} tomorrow") if mark.date() == tomorrow else (clock,):
            if _parses_to(text, mark, now):
                return text
        mark = (_utc(mark) + timedelta(minutes=5)).astimezone(now.tzinfo)
    short = _whole_minute(now) < now  # the duration would round down to a little under `minutes`
    return f"{max(minutes, 1) + short}m"


def _parses_to(text: str, mark: datetime, now: datetime) -> bool:
    try:
        back = parse_return_time(text, now, maximum=timedelta(days=2)).at
    except ReturnTimeError:
        return False
    return _utc(back) == _utc(mark)


__all__ = [
    "TEXT_LIMIT",
    "ReturnTime",
    "ReturnTimeError",
    "clock_reading",
    "describe",
    "format_clock",
    "format_wait",
    "parse_return_time",
    "suggest_return",
]

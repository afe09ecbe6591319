"""Read when something happened, such as ``yesterday 21:00``, ``2h ago`` or ``2026-11-20``.

Pure: no I/O and no wall clock; the caller passes ``now`` (aware, zoneinfo zone).
Results are in now's zone, normalised through UTC: a wall time in a spring-forward
gap moves forward (02:30 -> 03:30); a repeated fall-back time is its first (fold=0).

parse_when reads (any case and spacing): ``now``; a clock time (``21:00``, ``9pm``,
``9:30 pm``, ``noon``), meaning its latest occurrence not after now; ``today 21:00``,
``yesterday [at] 9pm`` (``today`` alone is now, ``yesterday`` alone is now's clock
time a day back); ``[last] monday 21:00`` / ``mon 9pm``: the latest such moment not
after now, where today counts unless ``last`` is given (a weekday alone keeps now's
clock time); ``2h ago``, ``1h30m ago``, ``an hour ago`` (real UTC time) and ``3 days
ago``, ``a week ago`` (calendar days, same wall time); ISO 8601 ``2026-11-20 21:00``,
``2026-11-20T21:00:00``, or with an offset (``+01:00``, ``Z``: the instant is kept).
A date alone means 12:00 that day, or now if it is today and noon is still ahead.
The future and anything more than 20 years back are refused. Text longer than
`TEXT_LIMIT` characters (spaces folded) is refused before it is read.

parse_since reads the same, but a day without a time means its start (00:00), plus
``this week`` (Monday), ``this month``, ``this year`` and ``[last] 30 days`` / ``2
weeks`` (00:00 that many calendar days back). Only the future is refused there.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone

from cooldown.core.clock_times import out_of_range
from cooldown.core.instant import normalise, quoted
from cooldown.core.instant import utc as _utc

TEXT_LIMIT = 60
"""The longest text read; anything longer is refused before parsing (no moment takes more to say)."""
_WHEN_EXAMPLES = "Try now, yesterday 21:00, 2h ago or 2026-11-20 21:00."
_SINCE_EXAMPLES = "Try 2026-11-01, this week, this month or last 30 days."
_FUTURE = {
    False: "That's in the future. A fight or sidestep can only be logged once it has happened.",
    True: "That's in the future. Pick a start that has already come, like this week, this month or 2026-11-01.",
}
_TOO_LONG = {
    False: "That's more than 20 years ago. Pick a moment within the last 20 years, "
    "like yesterday 21:00 or 2026-11-20 21:00.",
    True: f"That's further back than the calendar goes. {_SINCE_EXAMPLES}",
}
_MONTHS = ("January February March April May June July August September October November December").split()
_DAYS_BACK = {"today": 0, "yesterday": 1}
_WEEKDAYS = {
    name: index
    for index, full in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
    for name in (full, full[:3])
} | {"tues": 1, "thur": 3, "thurs": 3}
_NAMED = {"noon": time(12), "midnight": time(0)}
_CLOCK = re.compile(
    r"""^(?:at\s+)?(?P<hour>\d{1,2})
    (?:\s*[:.]\s*(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?\s*
    (?:(?P<meridiem>[ap])\.?\s*m\.?|(?P<zulu>z)|(?P<sign>[+-])(?P<oh>\d{2}):?(?P<om>\d{2})?)?$""",
    re.X,
)
_DAY = re.compile(
    r"""^(?:(?P<last>last\s+)?(?P<word>[a-z]+)
    |(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2}))(?:(?:\s+|(?<=\d)t)(?P<clock>.+))?$""",
    re.X,
)
_PART = re.compile(
    r"""(?:(?P<n>\d{1,6})\s*|(?:an?|one)\s+)
    (?P<unit>weeks?|wks?|w|days?|d|hours?|hrs?|h|minutes?|mins?|m)(?![a-z])""",
    re.X,
)
_SPAN = re.compile(rf"^(?:{_PART.pattern}\s*(?:,\s*|and\s+)?)+$", re.X)


class WhenError(ValueError):
    """str(err) is a kind, concrete message for the user, saying what forms work."""


def _future(moment: datetime, now: datetime) -> bool:
    return _utc(moment) > _utc(now)


def _at(day: date, clock: time, now: datetime) -> datetime:
    """`clock` on `day`: a local wall time (normalised), or an instant if it has an offset."""
    if clock.tzinfo is not None:
        return datetime.combine(day, clock).astimezone(now.tzinfo)
    return normalise(datetime.combine(day, clock, tzinfo=now.tzinfo))


def _back(now: datetime, days: int, minutes: int) -> datetime:
    """`days` calendar days back at the same wall time, then `minutes` of real time."""
    moment = normalise(now.replace(fold=0) - timedelta(days=days)) if days else now
    return (_utc(moment) - timedelta(minutes=minutes)).astimezone(now.tzinfo)


def _span(text: str) -> tuple[int, int] | None:
    """(days, minutes) for text like "1h30m", "3 days", "an hour"; None if not a span."""
    if _SPAN.match(text) is None:
        return None
    days = minutes = 0
    for part in _PART.finditer(text):
        count = int(part["n"]) if part["n"] else 1
        unit = part["unit"][0]
        days += count * {"w": 7, "d": 1}.get(unit, 0)
        minutes += count * {"h": 60, "m": 1}.get(unit, 0)
    return days, minutes


def _clock(text: str) -> time | None:
    """A clock time, maybe with an offset; None if not one. Raises WhenError if out of range."""
    if text.removeprefix("at ") in _NAMED:
        return _NAMED[text.removeprefix("at ")]
    match = _CLOCK.match(text)
    if match is None or (match["minute"] is None and match["meridiem"] is None):
        return None
    hour, minute, second = int(match["hour"]), int(match["minute"] or 0), int(match["second"] or 0)
    twelve = match["meridiem"] is not None
    bad_hour = not 1 <= hour <= 12 if twelve else hour > 23
    bad_minute = minute > 59 or second > 59
    if second > 59 and not bad_hour and minute <= 59:
        raise WhenError(f"“{quoted(text)}” isn't a time: seconds go up to 59. Try 21:00 or 9:30pm.")
    if bad_hour or bad_minute:  # all that is wrong, in one sentence ("hours go up to 23 and minutes up to 59")
        raise WhenError(out_of_range(text, hour if bad_hour else None, bad_minute, twelve))
    if twelve:
        hour = hour % 12 + (12 if match["meridiem"] == "p" else 0)
    if match["sign"] is None:
        return time(hour, minute, second, tzinfo=UTC if match["zulu"] else None)
    if int(match["oh"]) > 23 or int(match["om"] or 0) > 59:
        raise WhenError(f"I couldn't read the offset in “{quoted(text)}”. Write it like +01:00.")
    offset = timedelta(hours=int(match["oh"]), minutes=int(match["om"] or 0))
    return time(hour, minute, second, tzinfo=timezone(-offset if match["sign"] == "-" else offset))


def _date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        if not 1 <= month <= 12:
            raise WhenError(f"There's no month {month}. Write dates as year-month-day, like 2026-11-20.") from None
        raise WhenError(
            f"There's no {day} {_MONTHS[month - 1]} {year}. Check the date, written as year-month-day, like 2026-11-20."
        ) from None


def _resolve(cleaned: str, now: datetime, since: bool) -> datetime | None:
    """The moment a cleaned text names, or None if it cannot be read."""
    if cleaned == "now":
        return now
    if (ago := re.match(r"^(.*?)\s*ago$", cleaned)) is not None:
        span = _span(ago[1])
        return None if span is None else _back(now, *span)
    today = now.date()
    clock = _clock(cleaned)
    if clock is not None:
        if clock.tzinfo is not None:
            return None
        moment = _at(today, clock, now)
        return _at(today - timedelta(days=1), clock, now) if _future(moment, now) else moment
    match = _DAY.match(cleaned)
    if match is None:
        return None
    if match["clock"] is not None and (clock := _clock(match["clock"])) is None:
        return None
    if match["year"] is not None:
        day = _date(int(match["year"]), int(match["month"]), int(match["day"]))
        if day > today + timedelta(days=1):
            raise WhenError(_FUTURE[since])  # before any arithmetic that might overflow
        if clock is not None or since:
            return _at(day, clock or time(0), now)
        noon = _at(day, time(12), now)
        return now if day == today and _future(noon, now) else noon
    word = match["word"]
    if word in _DAYS_BACK and match["last"] is None:
        back = _DAYS_BACK[word]
    elif word in _WEEKDAYS:
        back = (today.weekday() - _WEEKDAYS[word]) % 7 or (7 if match["last"] else 0)
    else:
        return None
    if clock is None:
        return _at(today - timedelta(days=back), time(0), now) if since else _back(now, back, 0)
    if clock.tzinfo is not None:
        return None
    moment = _at(today - timedelta(days=back), clock, now)
    if word in _WEEKDAYS and _future(moment, now):  # today is that weekday, time still ahead
        moment = _at(today - timedelta(days=7), clock, now)
    return moment


def _resolve_since(cleaned: str, now: datetime) -> datetime | None:
    """The start named by a since-only form ("this week", "last 30 days"), else None."""
    today = now.date()
    starts = {
        "this week": today - timedelta(days=today.weekday()),
        "this month": today.replace(day=1),
        "this year": today.replace(month=1, day=1),
    }
    if cleaned in starts:
        return _at(starts[cleaned], time(0), now)
    span = _span(re.sub(r"^(?:last|past)\s+", "", cleaned))
    return None if span is None or span[1] else _at(today - timedelta(days=span[0]), time(0), now)


def _years_back(now: datetime, years: int) -> datetime:
    """The same wall time `years` calendar years back (29 February becomes the 28th)."""
    day = 28 if (now.month, now.day) == (2, 29) else now.day
    return normalise(now.replace(year=now.year - years, day=day, fold=0))


def _parse(text: str, now: datetime, since: bool) -> datetime:
    """Resolve, then refuse the unreadable, the future and (for parse_when) the too old."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    examples = _SINCE_EXAMPLES if since else _WHEN_EXAMPLES
    overlong = f"I couldn't read “{quoted(text[: TEXT_LIMIT * 4])}”: it's longer than any date could be. {examples}"
    if len(text) > TEXT_LIMIT * 4:  # not worth even cleaning up
        raise WhenError(overlong)
    cleaned = " ".join(text.lower().split())
    if len(cleaned) > TEXT_LIMIT:
        raise WhenError(overlong)
    if not cleaned:
        raise WhenError(
            "Type a start date, like 2026-11-01, this month or last 30 days."
            if since
            else "Type when it happened, like now, yesterday 21:00 or 2h ago."
        )
    try:
        moment = _resolve_since(cleaned, now) if since else None
        if moment is None:
            moment = _resolve(cleaned, now, since)
        too_long = not since and moment is not None and _utc(moment) < _utc(_years_back(now, 20))
    except OverflowError:
        raise WhenError(_TOO_LONG[since]) from None
    if moment is None:
        if _span(cleaned) is not None:
            raise WhenError(f"Did you mean “{quoted(cleaned)} ago”? Add “ago” for a time in the past, like 2h ago.")
        raise WhenError(f"I couldn't read “{quoted(text)}”. {examples}")
    if _future(moment, now):
        raise WhenError(_FUTURE[since])
    if too_long:
        raise WhenError(_TOO_LONG[since])
    return moment


def parse_when(text: str, now: datetime) -> datetime:
    """A moment in the past or present, for `cooldown log fight --at WHEN` (forms above)."""
    return _parse(text, now, since=False)


def parse_since(text: str, now: datetime) -> datetime:
    """The start of a range, for `cooldown export --since DATE` (forms above)."""
    return _parse(text, now, since=True)

"""Read a time of day as typed for a return time: ``19:30``, ``7pm``, ``7.30 p.m.``, ``9 o'clock``, ``noon``.

Pure. A clock text gives its candidate hours on the 24-hour clock and its minute:
a bare hour from 1 to 12 written without a leading zero could be either half of
the day ("7" is 7:00 or 19:00), anything else names one hour. A text that is
plainly a clock time but out of range is refused with everything that is wrong
in it named ("25:99": the hours and the minutes).
"""

from __future__ import annotations

import re

from cooldown.core.instant import quoted

_NAMED_HOURS = {"noon": 12, "12 noon": 12, "midnight": 0, "12 midnight": 0}
_CLOCK = re.compile(
    r"""^(?P<hour>\d{1,2})(?:\s*[:.]\s*(?P<minute>\d{2}))?\s*
    (?:(?P<meridiem>[ap])\.?\s*m\.?|o'?\s*clock)?$""",
    re.X,
)


class ClockRangeError(ValueError):
    """Plainly a clock time, but no such time; str(err) says what is wrong, kindly."""


def clock_hours(text: str, shown: str | None = None) -> tuple[list[int], int] | None:
    """Candidate 24-hour values and the minute for a cleaned clock text; None if it is not a clock.

    Raises ClockRangeError naming the hours, the minutes or both when it is a clock time out of
    range; `shown` is the text quoted in that message (what was typed, "at 99"), `text` by default.
    """
    if text in _NAMED_HOURS:
        return [_NAMED_HOURS[text]], 0
    match = _CLOCK.match(text)
    if match is None:
        return None
    hour_text, meridiem = match["hour"], match["meridiem"]
    hour, minute = int(hour_text), int(match["minute"] or 0)
    twelve = meridiem is not None
    bad_hour = not 1 <= hour <= 12 if twelve else hour > 23
    if bad_hour or minute > 59:
        raise ClockRangeError(out_of_range(shown or text, hour if bad_hour else None, minute > 59, twelve))
    if twelve:
        return [hour % 12 + (12 if meridiem == "p" else 0)], minute
    if 1 <= hour <= 12 and not hour_text.startswith("0"):
        return [hour % 12, hour % 12 + 12], minute  # 7 -> 7 or 19; 12 -> 0 or 12
    return [hour], minute


def out_of_range(shown: str, hour: int | None, bad_minute: bool, twelve: bool) -> str:
    """ "“25:99” isn't a time: hours go up to 23 and minutes up to 59. Try 19:30 or 7:30pm." """
    if twelve:
        hours = "with am or pm, hours go from 1 to 12"
        rule = f"{hours}, and minutes up to 59" if hour is not None and bad_minute else hours
        example = "Try 7pm or 19:00."
    else:
        hours = "hours go up to 23" + (" (midnight is 0:00)" if hour == 24 and not bad_minute else "")
        rule = "hours go up to 23 and minutes up to 59" if hour is not None and bad_minute else hours
        example = "Try 19:30 or 7:30pm."
    if hour is None:
        rule = "minutes go up to 59"
        example = "Try 19:30 or 7:45pm."
    return f"“{quoted(shown)}” isn't a time: {rule}. {example}"


__all__ = ["ClockRangeError", "clock_hours", "out_of_range"]

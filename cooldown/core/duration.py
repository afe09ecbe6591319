"""Read a length of time as people type it: ``20m``, ``1.5h``, ``1 hour and 30 minutes``.

Pure and bounded: one pass over the text, at most one part per unit, and no
pattern that can backtrack over more than one part. Text is expected cleaned
(lower case, single spaces, trimmed), as the return-time reader passes it.

The forms are those duration parsers such as pytimeparse read, and they come
to the same number of seconds: a number (``20``, ``1.5``, ``.5``, ``5.``) and a
unit, for weeks (w, wk, wks, week, weeks), days (d, dy, dys, day, days), hours
(h, hr, hrs, hour, hours), minutes (m, min, mins, minute, minutes) and seconds
(s, sec, secs, second, seconds), each unit at most once and the larger first,
with or without spaces between them, a comma or a slash after each
(``1h30m``, ``1h 30m``, ``1 hour, 30 minutes``). Beyond pytimeparse, parts may
be joined by ``and`` (``1 hour and 30 minutes``), ``a``/``an``/``one`` counts one
of a unit written out (``an hour``, ``a day``), and a number after the hours
with no unit means minutes (``1h30``, ``1 hour and 30``). Digits are ASCII only.
"""

from __future__ import annotations

import re
from fractions import Fraction

LENGTH_LIMIT = 80
"""Longer text is not read as a duration at all (the return time allows 40 characters)."""

_WEEK, _DAY, _HOUR, _MINUTE, _SECOND = 604_800, 86_400, 3_600, 60, 1
UNITS: dict[str, int] = {
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), _WEEK),
    **dict.fromkeys(("d", "dy", "dys", "day", "days"), _DAY),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), _HOUR),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), _MINUTE),
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), _SECOND),
}
"""Every unit word and its length in seconds."""

_SPELLED = {"week", "day", "hour", "minute", "second"}
"""The units that may follow "a", "an" or "one" ("an hour", never "a m")."""

_NUMBER = r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+"
_PART = re.compile(
    rf"""(?:(?P<number>{_NUMBER})\ ?|(?P<one>an?|one)\ )
    (?P<unit>[a-z]+)\ ?(?:(?P<joint>[,/]|and(?![a-z]))\ ?)?""",
    re.X,
)
"""One part: a count, a unit word, and what joins it to the next. Each piece is bounded
by the next one's first character, so a failed match costs at most one part's length."""
_MINUTES_AFTER_HOURS = re.compile(_NUMBER)


def read_seconds(text: str) -> Fraction | None:
    """The exact number of seconds in a cleaned duration text; None if it is not one.

    Never raises: any text gives a non-negative Fraction or None.
    """
    if not text or len(text) > LENGTH_LIMIT:
        return None
    total = Fraction(0)
    position, smallest, joint = 0, None, None
    while (part := _PART.match(text, position)) is not None:
        seconds = UNITS.get(part["unit"])
        if seconds is None or (smallest is not None and seconds >= smallest):
            return None  # not a unit, or one repeated or out of order ("30m 1h")
        if part["one"] is not None and part["unit"] not in _SPELLED:
            return None
        total += (Fraction(part["number"]) if part["number"] is not None else 1) * seconds
        position, smallest, joint = part.end(), seconds, part["joint"]
    rest = text[position:]
    if not rest:
        return None if smallest is None or joint == "and" else total
    if smallest == _HOUR and _MINUTES_AFTER_HOURS.fullmatch(rest):
        return total + Fraction(rest) * _MINUTE  # "1h30": the minutes, unit left out
    return None


__all__ = ["LENGTH_LIMIT", "UNITS", "read_seconds"]

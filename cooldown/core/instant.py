"""Arithmetic on aware datetimes that stays right across daylight-saving changes.

Python compares and subtracts two datetimes that share a tzinfo by their wall
clock, ignoring the offset. Everything that measures real elapsed time goes
through UTC here instead.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def utc(moment: datetime) -> datetime:
    """The same instant in UTC."""
    return moment.astimezone(UTC)


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time from `start` to `end` (negative if `end` is earlier)."""
    return utc(end) - utc(start)


def normalise(moment: datetime) -> datetime:
    """The same wall time made real: a time in a spring-forward gap moves forward, fold is set right."""
    return utc(moment).astimezone(moment.tzinfo)


def quoted(text: str, limit: int = 24) -> str:
    """What the person typed, trimmed and shortened for quoting back in a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def moment_text(moment: datetime) -> str:
    """'Sat 21 Nov 2026 18:02', in the moment's own recorded zone (English, whatever the locale)."""
    weekday = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[moment.weekday()]
    month = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[moment.month - 1]
    return f"{weekday} {moment.day} {month} {moment.year} {moment:%H:%M}"

"""Arithmetic on aware datetimes that stays right across daylight-saving changes.

Python compares and subtracts two datetimes that share a tzinfo by their wall
clock, ignoring the offset. Everything that measures real elapsed time goes
through UTC here instead.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


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


def format_wait(wait: timedelta) -> str:
    """A short wait: "45 min", "1 h", "1 h 12 min"; "under a minute" below 60 s.

    Rounded to the nearest minute, so it agrees with a countdown beside it
    (1:59 left reads "2 min") and a just-typed "30m" reads "30 min".
    """
    if wait.total_seconds() < 60:
        return "under a minute"
    total = round(wait.total_seconds() / 60)
    hours, minutes = divmod(total, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h" if not minutes else f"{hours} h {minutes} min"


def format_clock(at: datetime, now: datetime) -> str:
    """ "19:30" today, "19:30 tomorrow" on the next day, else "Mon 19:30" (in now's zone)."""
    local = at.astimezone(now.tzinfo)
    clock = local.strftime("%H:%M")
    days = (local.date() - now.date()).days
    if days == 0:
        return clock
    if days == 1:
        return f"{clock} tomorrow"
    return f"{WEEKDAYS[local.weekday()]} {clock}"

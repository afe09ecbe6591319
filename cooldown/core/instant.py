"""Arithmetic on aware datetimes that stays right across daylight-saving changes.

Python compares and subtracts two datetimes that share a tzinfo by their wall
clock, ignoring the offset. Everything that measures real elapsed time goes
through UTC here instead.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def utc(moment: datetime) -> datetime:
    """The same instant in UTC."""
    return moment.astimezone(UTC)


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time from `start` to `end` (negative if `end` is earlier)."""
    return utc(end) - utc(start)


def fixed_offset(moment: datetime) -> datetime:
    """The same instant at the fixed UTC offset in force at it; a naive time is refused (ValueError).

    Kept times hold a plain offset, as the log gives them back: Python never counts a time in the
    repeated hour of a zone (the night the clocks go back) as equal to one in another zone, so a
    zone-aware time would never equal itself read back."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("times must carry a UTC offset")
    return moment.replace(tzinfo=timezone(offset), fold=0)  # the same wall time and offset: the same instant


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
    return _clock_words(at.astimezone(now.tzinfo), now.date())


def format_local_clock(at: datetime, now: datetime, zone: tzinfo | None = None) -> str:
    """`format_clock` in `zone`; None (the default) is the system's local time, offset by offset.

    `datetime.now().astimezone()` carries one fixed offset, so `format_clock` would show a time on
    the far side of a daylight-saving change an hour off; here each moment gets the offset in force
    at it (and a ZoneInfo zone does the same).
    """
    return _clock_words(at.astimezone(zone), now.astimezone(zone).date())


def _clock_words(local: datetime, today: date) -> str:
    clock = local.strftime("%H:%M")
    days = (local.date() - today).days
    if days == 0:
        return clock
    if days == 1:
        return f"{clock} tomorrow"
    return f"{WEEKDAYS[local.weekday()]} {clock}"


def clock_face(seconds: int) -> str:
    """Whole seconds left as a ticking clock: "1:12:00", "29:59", "00:45"; never negative ("00:00")."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{seconds:02}" if hours else f"{minutes:02}:{seconds:02}"

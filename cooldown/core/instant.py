"""Arithmetic on aware datetimes that stays right across daylight-saving changes, and times as shown.

Python compares and subtracts two datetimes that share a tzinfo by their wall
clock, ignoring the offset. Everything that measures real elapsed time goes
through UTC here instead.

A time of day is shown on a 24-hour clock ("19:30") or a 12-hour one ("7:30 pm").
Every function that shows one takes `style`; left out, the style in force in this
process is used, which the app and the command line set once at start-up from the
settings (`use_clock_style`). Until then it is the 24-hour clock, so the core alone,
and every test that does not ask otherwise, reads the same whatever the machine.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo

TYPE_CHECKING = False  # typing is too slow to import for `cooldown status`, which uses this module
if TYPE_CHECKING:
    from collections.abc import Callable

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

TWELVE_HOUR = "12h"
"""'7:30 pm': the hour from 1 to 12, then am or pm (12:00 pm is noon, 12:30 am half past midnight)."""
TWENTY_FOUR_HOUR = "24h"
"""'19:30': the hour from 00 to 23."""
CLOCK_STYLES = (TWELVE_HOUR, TWENTY_FOUR_HOUR)
"""The ways a time of day can be shown, as config.toml names them (`clock = "12h"`)."""

_style_in_use: Callable[[], str] = lambda: TWENTY_FOUR_HOUR  # noqa: E731 - replaced by use_clock_style


def use_clock_style(style: str | Callable[[], str]) -> Callable[[], str]:
    """Show times of day in `style` from now on, in this process; returns what was in force before.

    `style` is "12h" or "24h", or a function giving one each time a time is shown
    (so a change in the settings shows at once). The returned function can be
    passed back to restore the earlier style. ValueError for any other style.
    """
    global _style_in_use
    if isinstance(style, str):
        if style not in CLOCK_STYLES:
            raise ValueError(f"the clock style must be one of {CLOCK_STYLES}, not {style!r}")
        chosen = style
        source: Callable[[], str] = lambda: chosen  # noqa: E731
    else:
        source = style
    before, _style_in_use = _style_in_use, source
    return before


def clock_style_in_use() -> str:
    """The style times of day are shown in now ("12h" or "24h")."""
    style = _style_in_use()
    return style if style in CLOCK_STYLES else TWENTY_FOUR_HOUR


def time_of_day(moment: datetime, style: str | None = None) -> str:
    """The moment's wall-clock time: "19:30" or, on the 12-hour clock, "7:30 pm" (no day, no zone change)."""
    if (style or clock_style_in_use()) == TWELVE_HOUR:
        return f"{moment.hour % 12 or 12}:{moment.minute:02} {'am' if moment.hour < 12 else 'pm'}"
    return f"{moment.hour:02}:{moment.minute:02}"


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


def moment_text(moment: datetime, *, style: str | None = None) -> str:
    """'Sat 21 Nov 2026 18:02' (or '... 6:02 pm'), in the moment's own recorded zone (English, whatever the locale)."""
    weekday = WEEKDAYS[moment.weekday()]
    month = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[moment.month - 1]
    return f"{weekday} {moment.day} {month} {moment.year} {time_of_day(moment, style)}"


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


def format_clock(at: datetime, now: datetime, *, style: str | None = None) -> str:
    """ "19:30" today, "19:30 tomorrow" on the next day, else "Mon 19:30" (in now's zone).

    On the 12-hour clock: "7:30 pm", "7:30 pm tomorrow", "Mon 7:30 pm".
    """
    return _clock_words(at.astimezone(now.tzinfo), now.date(), style)


def format_local_clock(at: datetime, now: datetime, zone: tzinfo | None = None, *, style: str | None = None) -> str:
    """`format_clock` in `zone`; None (the default) is the system's local time, offset by offset.

    `datetime.now().astimezone()` carries one fixed offset, so `format_clock` would show a time on
    the far side of a daylight-saving change an hour off; here each moment gets the offset in force
    at it (and a ZoneInfo zone does the same).
    """
    return _clock_words(at.astimezone(zone), now.astimezone(zone).date(), style)


def _clock_words(local: datetime, today: date, style: str | None) -> str:
    clock = time_of_day(local, style)
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

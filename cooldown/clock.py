"""The wall clock and the local time zone, in one place so they can be replaced in tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from functools import cache
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]
"""Returns the current time as an aware datetime in the local zone."""

_EPOCH = datetime(1970, 1, 1)
_SECOND = timedelta(seconds=1)
_DAY_SECONDS = 24 * 3600


@cache
def local_zone() -> tzinfo:
    """The user's time zone, daylight-saving rules included.

    A named zone where one can be found (`TZ=Europe/London`, /etc/localtime); otherwise the
    system's own local time (`SystemTime`), so that a `TZ` written as a rule
    (`EST5EDT,M3.2.0,M11.1.0`) gives the same times here as in `cooldown status` and the
    background alarm, which read the local time from the system.
    """
    try:
        from tzlocal import get_localzone

        zone = get_localzone()
    except Exception:  # tzlocal names IANA zones only, and refuses some set-ups: the system still knows the time
        return SystemTime()
    return zone if isinstance(zone, ZoneInfo) else ZoneInfo(str(zone))


def system_clock() -> datetime:
    """Now, in the local zone, to the second (what is stored and shown never needs more)."""
    return datetime.now(local_zone()).replace(microsecond=0)


class SystemTime(tzinfo):
    """The system's local time (`time.localtime`), with the offset in force at each moment.

    A wall time repeated when the clocks go back is read by its `fold` (0 the first, 1 the
    second), and one skipped when they go forward takes the offset from before, as `ZoneInfo`
    does, so it moves forward once made real.
    """

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        if dt is None:
            return None
        wall = _wall_seconds(dt)
        return timedelta(seconds=wall - _timestamp(wall, dt.fold))

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None  # not known apart from the offset; nothing here needs it

    def tzname(self, dt: datetime | None) -> str | None:
        return None if dt is None else time.localtime(_timestamp(_wall_seconds(dt), dt.fold)).tm_zone

    def fromutc(self, dt: datetime) -> datetime:
        seconds = _wall_seconds(dt)
        local = datetime(*time.localtime(seconds)[:6], dt.microsecond, tzinfo=self)
        return local if _timestamp(_wall_seconds(local), 0) == seconds else local.replace(fold=1)

    def __repr__(self) -> str:
        return "SystemTime()"


def _wall_seconds(dt: datetime) -> int:
    """Whole seconds from 1970-01-01 00:00 to `dt`'s wall time, its zone set aside."""
    return (dt.replace(tzinfo=None, microsecond=0) - _EPOCH) // _SECOND


def _local(timestamp: int) -> int:
    return (datetime(*time.localtime(timestamp)[:6]) - _EPOCH) // _SECOND


def _timestamp(wall: int, fold: int) -> int:
    """The epoch second whose local time is `wall` (the earlier or later one by `fold`, across a change).

    As CPython's own `datetime._mktime`: try the offset at `wall` read as UTC, then the offset a day
    to the side the fold points to; in a skipped hour, fold 0 takes the offset from before.
    """
    first = _local(wall) - wall
    u1 = wall - first
    t1 = _local(u1)
    if t1 == wall:
        u2 = u1 + (-_DAY_SECONDS, _DAY_SECONDS)[fold]
        second = _local(u2) - u2
        if second == first:
            return u1
    else:
        second = t1 - u1
    u2 = wall - second
    if _local(u2) == wall:
        return u2
    if t1 == wall:
        return u1
    return (max, min)[fold](u1, u2)

"""The wall clock and the local time zone, in one place so they can be replaced in tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]
"""Returns the current time as an aware datetime in the local zone."""


@cache
def local_zone() -> ZoneInfo:
    """The user's time zone, daylight-saving rules included (UTC if it cannot be found)."""
    try:
        from tzlocal import get_localzone

        zone = get_localzone()
    except Exception:  # tzlocal refuses some broken set-ups; UTC is a safe fallback
        return ZoneInfo("UTC")
    return zone if isinstance(zone, ZoneInfo) else ZoneInfo(str(zone))


def system_clock() -> datetime:
    """Now, in the local zone, to the second (what is stored and shown never needs more)."""
    return datetime.now(local_zone()).replace(microsecond=0)

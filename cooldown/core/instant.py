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
